import type { CliCommand } from './cli-command.ts';

/**
 * Pure commands (no database, no HubSpot) loaded on their own by bin/cpq.js, so a cold
 * `npx cpq price` does not load the server's module graph (pg, PGlite, pg-boss, Express, the
 * HubSpot client): about half of its start-up. They stay listed in cli-main.ts as well.
 */
export const PURE_COMMAND_LOADERS: Readonly<Record<string, () => Promise<CliCommand>>> = {
  price: async () => (await import('./commands/price-command.ts')).priceCommand,
};
