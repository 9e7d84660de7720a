import { CONTRACTS_ERROR_CODES, priceRenewals, RenewalRequestSchema } from '../../modules/contracts/index.ts';
import { pureJsonCommand } from '../pure-json-command.ts';

/** `npx cpq renew [file]`: renewal request JSON in, renewals JSON out (docs/contracts.md). */
export const renewCommand = pureJsonCommand({
  name: 'renew',
  summary: 'Price contract renewals (same / list / uplift, renewal groups co-terminate): JSON in, JSON out',
  code: CONTRACTS_ERROR_CODES.RENEWAL_REQUEST_INVALID,
  schema: RenewalRequestSchema,
  compute: priceRenewals,
});
