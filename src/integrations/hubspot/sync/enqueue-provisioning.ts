import type { Kysely } from 'kysely';
import type { DatabaseSchema } from '../../../kernel/db/db-schema.ts';
import type { JobQueue } from '../../../kernel/jobs/job-queue.ts';

export const PROVISION_QUEUE = 'hubspot.provision';

export interface ProvisionJob {
  portalId: number;
}

/**
 * Queues provisioning of a portal (property group, properties, the contract object where allowed).
 * The install flow calls it after the OAuth callback, in its transaction when it has one.
 */
export async function enqueueProvisioning(
  jobs: JobQueue,
  portalId: number,
  trx?: Kysely<DatabaseSchema>,
): Promise<void> {
  await jobs.send<ProvisionJob>(
    PROVISION_QUEUE,
    { portalId },
    { ...(trx ? { trx } : {}), singletonKey: String(portalId) },
  );
}
