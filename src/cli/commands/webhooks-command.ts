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
import { parseCliArgs } from '../cli-args.ts';

const USAGE = 'cpq webhooks list [--failed | --pending] [--portal <id>] [--limit <n>] | cpq webhooks retry <id>';

const CODE = 'CLI_WEBHOOKS_USAGE';

function usageError(message: string, path: string): AppError {
  return new AppError('validation', CODE, `${message} (usage: ${USAGE})`, {
    issues: [{ path, message }],
  });
}

function parseListArgs(args: string[]): { status?: 'failed' | 'pending'; portalId?: PortalId; limit: number } {
  const { values, positionals } = parseCliArgs(args, {
    code: CODE,
    usage: USAGE,
    options: {
      failed: { type: 'boolean' },
      pending: { type: 'boolean' },
      portal: { type: 'string' },
      limit: { type: 'string' },
    },
  });
  if (positionals.length > 0) throw usageError(`Unexpected argument ${positionals[0] ?? ''}`, 'args');
  if (values.failed && values.pending) throw usageError('Give --failed or --pending, not both', 'args');
  const parsed: { status?: 'failed' | 'pending'; portalId?: PortalId; limit: number } = { limit: 100 };
  if (values.failed) parsed.status = 'failed';
  if (values.pending) parsed.status = 'pending';
  if (values.portal !== undefined) parsed.portalId = toPortalId(values.portal);
  if (values.limit !== undefined) {
    if (!/^[1-9][0-9]{0,5}$/.test(values.limit)) throw usageError('--limit must be a positive integer', 'limit');
    parsed.limit = Number(values.limit);
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
      if (sub === 'retry') parseCliArgs(rest, { code: CODE, usage: USAGE, options: {} });
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
