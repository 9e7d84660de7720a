import { AppError } from '../kernel/errors/app-error.ts';
import { runGuarded } from './cli-runner.ts';
import type { CliCommand, CliIo } from './cli-command.ts';
import { accountsCommand } from './commands/accounts-command.ts';
import { catalogCommand } from './commands/catalog-command.ts';
import { migrateCommand } from './commands/migrate-command.ts';
import { priceCommand } from './commands/price-command.ts';
import { configureCommand } from './commands/configure-command.ts';
import { attributeCommand } from './commands/attribute-command.ts';
import { attributionCommand } from './commands/attribution-command.ts';
import { billingScheduleCommand } from './commands/billing-schedule-command.ts';
import { amendCommand } from './commands/amend-command.ts';
import { renewCommand } from './commands/renew-command.ts';
import { contractsCommand } from './commands/contracts-command.ts';
import { sandboxCommand } from './commands/sandbox-command.ts';
import { webhooksCommand } from './commands/webhooks-command.ts';
import { auditCommand } from './commands/audit-command.ts';
import { keysCommand } from './commands/keys-command.ts';
import { portalCommand } from './commands/portal-command.ts';
import { revenueScheduleCommand } from './commands/revenue-schedule-command.ts';

export const COMMANDS: readonly CliCommand[] = [
  priceCommand,
  configureCommand,
  attributeCommand,
  attributionCommand,
  amendCommand,
  renewCommand,
  contractsCommand,
  migrateCommand,
  sandboxCommand,
  catalogCommand,
  accountsCommand,
  portalCommand,
  keysCommand,
  auditCommand,
  webhooksCommand,
  billingScheduleCommand,
  revenueScheduleCommand,
];

function helpText(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  const lines = COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`);
  return `Usage: cpq <command> [args]\n\nCommands:\n${lines.join('\n')}\n`;
}

/**
 * Runs one command. Errors become the public error JSON on stderr (nothing on stdout) with the
 * exit code of their kind: 2 for invalid input (public contract), 1 for internal failures.
 */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.stdout.write(helpText());
    return name === undefined ? 2 : 0;
  }
  const command = COMMANDS.find((c) => c.name === name);
  return runGuarded(io, async () => {
    if (!command) {
      throw new AppError('validation', 'CLI_UNKNOWN_COMMAND', `Unknown command "${name}"`, {
        issues: [{ path: 'command', message: `must be one of ${COMMANDS.map((c) => c.name).join(', ')}` }],
      });
    }
    return command.run(args, io);
  });
}
