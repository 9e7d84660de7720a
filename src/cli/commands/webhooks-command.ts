import { loadConfig } from '../../kernel/config/app-config.ts';
import type { Database } from '../../kernel/db/open-database.ts';
import { openAppDatabase } from '../../kernel/db/open-app-database.ts';
import { toPortalId, type PortalId } from '../../kernel/db/portal-id.ts';
import { AppError } from '../../kernel/errors/app-error.ts';
import { createJobQueue } from '../../kernel/jobs/job-queue.ts';
import { createLogger } from '../../kernel/logging/logger.ts';
import { listInbox, retryInboxEntry } from '../../integrations/hubspot/index.ts';
import { WEBHOOK_PROCESS_QUEUE_DEFINITION } from '../../integrations/hubspot/index.ts';
import type { CliCommand, CliIo } from '../cli-command.ts';

const USAGE = 'cpq webhooks list [--failed | --pending] [--portal <id>] [--limit <n>] | cpq webhooks retry <id>';

function usageError(message: string, path: string): AppError {
  return new AppError('validation', 'CLI_WEBHOOKS_USAGE', `${message} (usage: ${USAGE})`, {
    issues: [{ path, message }],
  });
}

function parseListArgs(args: string[]): { status?: 'failed' | 'pending'; portalId?: PortalId; limit: number } {
  const parsed: { status?: 'failed' | 'pending'; portalId?: PortalId; limit: number } = { limit: 100 };
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i];
    if (arg === '--failed' || arg === '--pending') parsed.status = arg === '--failed' ? 'failed' : 'pending';
    else if (arg === '--portal') parsed.portalId = toPortalId(args[(i += 1)]);
    else if (arg === '--limit') {
      const value = args[(i += 1)] ?? '';
      if (!/^[1-9][0-9]{0,5}$/.test(value)) throw usageError('--limit must be a positive integer', 'limit');
      parsed.limit = Number(value);
    } else throw usageError(`Unknown option ${arg ?? ''}`, 'args');
  }
  return parsed;
}

/** How the command reaches the database; tests pass their own. */
export type OpenWebhooksDatabase = (io: CliIo) => Promise<{ database: Database; databaseUrl: string | undefined }>;

const openFromEnv: OpenWebhooksDatabase = async (io) => {
  const config = loadConfig(io.env);
  return {
    database: await openAppDatabase(config, 'cli'),
    databaseUrl: config.database.kind === 'postgres' ? config.database.url : undefined,
  };
};

/**
 * `npx cpq webhooks list --failed` shows dead-lettered events (JSON lines, newest first);
 * `npx cpq webhooks retry <id>` puts one back to pending with a processing job (outbox). With the
 * embedded PGlite and a server running, the command goes through the server (docs/embedded-database.md).
 */
export function createWebhooksCommand(open: OpenWebhooksDatabase = openFromEnv): CliCommand {
  return {
    name: 'webhooks',
    summary: 'List webhook events (--failed = dead letters) or retry one: webhooks list|retry',
    usage: USAGE,
    async run(args, io) {
      const [sub, ...rest] = args;
      if (sub !== 'list' && sub !== 'retry') throw usageError('Expected a subcommand: list or retry', 'subcommand');
      const retryId = sub === 'retry' ? rest[0] : undefined;
      if (sub === 'retry' && (rest.length !== 1 || !/^[1-9][0-9]{0,15}$/.test(retryId ?? '')))
        throw usageError('retry takes one event id', 'id');
      const filter = sub === 'list' ? parseListArgs(rest) : undefined;
      const { database, databaseUrl } = await open(io);
      try {
        if (filter) {
          for (const entry of await listInbox(database.db, filter)) io.stdout.write(`${JSON.stringify(entry)}\n`);
          return 0;
        }
        const jobs = createJobQueue({ database, databaseUrl, logger: createLogger({ level: 'silent' }) });
        await jobs.start();
        try {
          await jobs.defineQueue(WEBHOOK_PROCESS_QUEUE_DEFINITION);
          const entry = await retryInboxEntry(database.db, jobs, Number(retryId));
          io.stdout.write(`${JSON.stringify(entry)}\n`);
          return 0;
        } finally {
          await jobs.stop(1000);
        }
      } finally {
        await database.close();
      }
    },
  };
}

export const webhooksCommand: CliCommand = createWebhooksCommand();
