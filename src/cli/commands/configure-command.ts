import { CONFIGURATION_ERROR_CODES, ConfigureRequestSchema, configure } from '../../modules/configuration/index.ts';
import { pureJsonCommand } from '../pure-json-command.ts';

/** `npx cpq configure [file]`: bundle configuration / guided selling JSON in, resolved configuration out. */
export const configureCommand = pureJsonCommand({
  name: 'configure',
  summary: 'Resolve a bundle configuration (defaults, rules, constraints) or a guided-selling catalog filter',
  code: CONFIGURATION_ERROR_CODES.requestInvalid,
  schema: ConfigureRequestSchema,
  compute: configure,
});
