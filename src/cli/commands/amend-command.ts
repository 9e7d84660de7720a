import { AmendmentRequestSchema, CONTRACTS_ERROR_CODES, priceAmendment } from '../../modules/contracts/index.ts';
import { pureJsonCommand } from '../pure-json-command.ts';

/** `npx cpq amend [file]`: amendment request JSON in, pricing response JSON out (docs/contracts.md). */
export const amendCommand = pureJsonCommand({
  name: 'amend',
  summary: 'Price a contract amendment (co-terminated): amendment request JSON in, pricing response JSON out',
  code: CONTRACTS_ERROR_CODES.AMENDMENT_REQUEST_INVALID,
  schema: AmendmentRequestSchema,
  compute: priceAmendment,
});
