// The contracts module's public surface (other modules import only this file).
export type { ContractView, ContractLineView, ContractSegmentView, ContractStatus } from './contract-view.ts';
export { AmendmentRequestSchema, type AmendmentRequest } from './domain/amendment-request-schema.ts';
export { priceAmendment } from './domain/amendment-pricing.ts';
export { RenewalRequestSchema, type RenewalRequest } from './domain/renewal-request-schema.ts';
export { priceRenewals, type RenewalResponse, type Renewal, type RenewalLine } from './domain/renewal-pricing.ts';
export { CONTRACTS_ERROR_CODES } from './contracts-error-codes.ts';
export { createContractReader, listContracts, type ContractReader } from './contract-reader.ts';
export { importContracts, parseContractImport, writeContractImport } from './contract-import.ts';
export { contractsModule } from './contracts-module.ts';
