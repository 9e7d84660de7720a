// A webhook worker process for the reliability run on PostgreSQL: the bench SIGKILLs it mid-run
// and starts another. Args: <postgres url> <schema>.
import { openDatabase } from '../src/kernel/db/open-database.ts';
import { createJobQueue } from '../src/kernel/jobs/job-queue.ts';
import { createLogger } from '../src/kernel/logging/logger.ts';
import { requeueStalePending } from '../src/integrations/hubspot/webhooks/webhook-inbox-admin.ts';
import { WEBHOOK_PROCESS_QUEUE, type WebhookProcessJob } from '../src/integrations/hubspot/webhooks/webhook-intake.ts';
import { createWebhookProcessor } from '../src/integrations/hubspot/webhooks/webhook-processor.ts';
import { benchPorts } from './webhooks-bench-catalog.ts';
import { handleWebhookEvent } from '../src/main/webhook-wiring.ts';

const [url, schema] = process.argv.slice(2);
if (!url || !schema) throw new Error('usage: webhooks-bench-worker.ts <postgres url> <schema>');
const logger = createLogger({ level: 'silent' });
const database = await openDatabase({ kind: 'postgres', url, schema, maxConnections: 4 });
const jobs = createJobQueue({ database, databaseUrl: url, logger });
await jobs.start();
const processor = createWebhookProcessor({
  db: database.db,
  portsFor: benchPorts,
  handle: handleWebhookEvent,
  appId: 4242,
  logger,
  maxAttempts: 5,
});
await jobs.work<WebhookProcessJob>(
  WEBHOOK_PROCESS_QUEUE,
  async (job) => {
    await processor.processJob(job);
  },
  { batchSize: 5, pollingIntervalSeconds: 0.5 },
);
// The killed predecessor's active job only expires after expireInSeconds: re-queue what it left pending.
const sweep = async () => requeueStalePending(database.db, jobs, 0).catch(() => 0);
await sweep();
setInterval(() => void sweep(), 3000);
process.stdout.write('ready\n');
