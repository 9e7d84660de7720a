// The contracts module's public surface (other modules import only this file).
export type { ContractView, ContractLineView, ContractSegmentView, ContractStatus } from './contract-view.ts';
