import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { DatabaseSchema, LineItemTarget } from '../../../kernel/db/db-schema.ts';
import { toPortalId, type PortalId } from '../../../kernel/db/portal-id.ts';
import { createInProcessDealLock, type DealSyncLock } from './deal-sync-lock.ts';
import { HubSpotApiError } from '../hubspot-api-error.ts';
import {
  batchArchive,
  batchCreate,
  batchUpdate,
  listAssociatedIds,
  type BatchRecordError,
} from '../hubspot-batch-api.ts';
import type { HubSpotPortalClient } from '../hubspot-portal-client.ts';
import { ensureProvisioned } from './hubspot-provisioning.ts';
import type { QuoteSyncJob, QuoteSyncSnapshot, QuoteSyncSource } from './quote-sync-contract.ts';
import { dealProperties, desiredLines, diffIds, hashOf, planLines, quoteProperties } from './quote-sync-plan.ts';
import { QuoteSyncRepository, type QuoteSyncState } from './quote-sync-repository.ts';
import { reconcileQuote } from './quote-sync-reconcile.ts';
import { associationsBatchArchive, associationsBatchCreate } from '../hubspot-batch-api.ts';

/** HubSpot association type ids (HubSpot docs "CRM API: Quotes, Line items, Associations v4"). */
export const ASSOCIATION = {
  lineItemToDeal: 20,
  quoteToDeal: 64,
  quoteToLineItem: 67,
  lineItemToQuote: 68,
  quoteToContact: 69,
  quoteToCompany: 71,
} as const;

export type QuoteSyncResult = 'synced' | 'archived' | 'up-to-date' | 'stale' | 'nothing-to-do';

export interface QuoteSyncDeps {
  db: Kysely<DatabaseSchema>;
  source: QuoteSyncSource;
  clientFor(portalId: number): HubSpotPortalClient;
  /** Serializes syncs writing one deal; default: an in-process lock (PGlite, tests). */
  dealLock?: DealSyncLock;
}

const CreatedRecordSchema = z.object({ id: z.string().min(1) });

/** HubSpot answers a create with the record; without an id we must not store a mapping. */
function parseCreatedId(body: unknown, operation: string): string {
  const parsed = CreatedRecordSchema.safeParse(body);
  if (!parsed.success) throw new Error(`HubSpot ${operation} answered without a record id`);
  return parsed.data.id;
}

class SyncRecordErrors extends Error {
  readonly errors: BatchRecordError[];
  constructor(what: string, errors: BatchRecordError[]) {
    super(
      `${what}: ${errors.length} record(s) refused: ${errors
        .map((error) => `${error.category} ${error.message}`)
        .join('; ')
        .slice(0, 500)}`,
    );
    this.errors = errors;
  }
}

/**
 * Writes one quote's newest state to HubSpot: its HubSpot quote (associated to the deal and the
 * contacts), the quote's own line-item copies, and, for the primary quote, the deal's line items
 * and amount. Every write goes through the stored mapping, so running it twice changes nothing
 * the second time; a create is bracketed by `needs_reconcile` so a crash cannot duplicate records.
 */
const processDealLock = createInProcessDealLock();

/** The deals a sync of this quote may write: its deal now, and the one it was last synced to. */
function dealsOf(snapshot: QuoteSyncSnapshot | undefined, state: QuoteSyncState | undefined): string[] {
  return [...new Set([snapshot?.dealId ?? '', state?.deal_id ?? ''].filter((id) => id !== ''))];
}

/**
 * Writes one quote's newest state to HubSpot: its HubSpot quote (associated to the deal and the
 * contacts), the quote's own line-item copies, and, for the primary quote, the deal's line items
 * and amount. Every write goes through the stored mapping, so running it twice changes nothing
 * the second time; a create is bracketed by `needs_reconcile` so a crash cannot duplicate records.
 * The whole sync holds its deal(s) (`DealSyncLock`) and reads the snapshot once it holds them, so
 * the primary decision it writes is the newest one and another quote of the deal cannot write the
 * deal in between (docs/hubspot-sync.md "write ordering per object").
 */
export async function syncQuote(deps: QuoteSyncDeps, job: QuoteSyncJob): Promise<QuoteSyncResult> {
  const portalId = toPortalId(job.portalId);
  const repo = new QuoteSyncRepository(deps.db, portalId, job.quoteId);
  const lock = deps.dealLock ?? processDealLock;
  for (;;) {
    const deals = dealsOf(await deps.source.load(portalId, job.quoteId), await repo.state());
    const outcome = await lock.withDeals(portalId, deals, async () => {
      const snapshot = await deps.source.load(portalId, job.quoteId);
      const state = await repo.state();
      // Moved to a deal we do not hold since the first read: start over holding that one too.
      if (dealsOf(snapshot, state).some((id) => !deals.includes(id))) return undefined;
      return syncHeld(deps, portalId, repo, snapshot, state);
    });
    if (outcome !== undefined) return outcome;
  }
}

async function syncHeld(
  deps: QuoteSyncDeps,
  portalId: PortalId,
  repo: QuoteSyncRepository,
  snapshot: QuoteSyncSnapshot | undefined,
  state: QuoteSyncState | undefined,
): Promise<QuoteSyncResult> {
  if (!snapshot && !state) return 'nothing-to-do';
  if (snapshot && state) {
    // Never write an older revision over a newer one (docs/hubspot-sync.md).
    if (snapshot.revision < state.last_synced_revision) return 'stale';
    if (snapshot.revision === state.last_synced_revision && state.status === 'synced' && !state.needs_reconcile)
      return 'up-to-date';
  }
  const client = deps.clientFor(portalId);
  try {
    const capabilities = await ensureProvisioned(deps.db, client);
    const current = state?.needs_reconcile ? await reconcileQuote(client, repo, state, capabilities) : state;
    if (!snapshot || snapshot.archived) {
      await archiveQuote(client, repo, current);
      await repo.recordSynced(
        snapshot?.revision ?? current?.last_synced_revision ?? 0,
        snapshot?.dealId ?? current?.deal_id ?? '',
        'archived',
      );
      return 'archived';
    }
    if (current?.deal_id && current.deal_id !== snapshot.dealId)
      await moveToDeal(client, repo, current, current.deal_id, snapshot.dealId);
    const hubspotQuoteId = await writeQuote(client, repo, snapshot, current);
    const withKeys = capabilities.lineItemKeys;
    await writeLines(client, repo, snapshot, 'quote', snapshot, hubspotQuoteId, withKeys);
    await writeLines(
      client,
      repo,
      { ...snapshot, lines: snapshot.isPrimary ? snapshot.lines : [] },
      'deal',
      snapshot,
      snapshot.dealId,
      withKeys,
    );
    if (snapshot.isPrimary) await writeDeal(client, repo, snapshot, current);
    // No longer primary: another quote now writes the amount, so if this one becomes primary
    // again its amount must be written again even though its own hash did not change.
    else if (current?.deal_hash) await repo.setDealHash(null);
    await repo.recordSynced(snapshot.revision, snapshot.dealId, 'synced');
    return 'synced';
  } catch (error) {
    await repo.recordFailure(error instanceof Error ? error.message.slice(0, 1000) : String(error));
    throw error;
  }
}

/**
 * The quote now belongs to another deal (the webhooks module re-points quotes on a deal merge):
 * the HubSpot quote's association 64 moves from the old deal to the new one, and the deal line
 * items it wrote (they sit on the old deal) are archived; writeLines then creates them on the new
 * deal if the quote is primary there. Every step is safe to repeat after a crash: the recorded
 * deal changes only when the sync succeeds.
 */
async function moveToDeal(
  client: HubSpotPortalClient,
  repo: QuoteSyncRepository,
  state: QuoteSyncState,
  oldDealId: string,
  newDealId: string,
): Promise<void> {
  const hubspotQuoteId = state.hubspot_quote_id;
  if (hubspotQuoteId) {
    const errors = await associationsBatchCreate(client, 'quotes', 'deals', [
      { fromId: hubspotQuoteId, toId: newDealId, typeId: ASSOCIATION.quoteToDeal },
    ]);
    if (errors.length > 0) throw new SyncRecordErrors('quote deal association', errors);
    await associationsBatchArchive(client, 'quotes', 'deals', [{ fromId: hubspotQuoteId, toId: oldDealId }]);
  }
  const dealLines = await repo.lines('deal');
  if (dealLines.length > 0) {
    await batchArchive(
      client,
      'line_items',
      dealLines.map((line) => line.hubspotId),
    );
    await repo.deleteLines(
      'deal',
      dealLines.map((line) => line.lineKey),
    );
  }
}

async function writeQuote(
  client: HubSpotPortalClient,
  repo: QuoteSyncRepository,
  snapshot: QuoteSyncSnapshot,
  state: QuoteSyncState | undefined,
): Promise<string> {
  const properties = quoteProperties(snapshot);
  const hash = hashOf(properties);
  const existingId = state?.hubspot_quote_id ?? null;
  if (!existingId) {
    // The quote goes to the recipients the quote names, else to the deal's contacts (as HubSpot's
    // own quote editor proposes them). Looked up once, at creation: updates cost no extra call.
    const contactIds =
      snapshot.contactIds.length > 0
        ? snapshot.contactIds
        : await listAssociatedIds(client, 'deals', snapshot.dealId, 'contacts');
    await repo.markReconcile(snapshot.dealId);
    const response = await client.request({
      operation: 'quotes.create',
      method: 'POST',
      path: '/crm/v3/objects/quotes',
      idempotent: false,
      body: {
        properties,
        associations: [
          {
            to: { id: snapshot.dealId },
            types: [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: ASSOCIATION.quoteToDeal }],
          },
          ...contactIds.map((id) => ({
            to: { id },
            types: [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: ASSOCIATION.quoteToContact }],
          })),
          // The bill-to company, set at creation (a later change of the quote's company is not mirrored).
          ...snapshot.companyIds.map((id) => ({
            to: { id },
            types: [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: ASSOCIATION.quoteToCompany }],
          })),
        ],
      },
    });
    const id = parseCreatedId(response.body, 'quotes.create');
    await repo.setHubSpotQuote(id, hash, contactIds);
    return id;
  }
  if (state?.quote_hash !== hash) {
    await client.request({
      operation: 'quotes.update',
      method: 'PATCH',
      path: `/crm/v3/objects/quotes/${existingId}`,
      body: { properties },
    });
  }
  // No recipients named by the quote: keep the ones chosen at creation (the deal's contacts).
  const wantedContacts = snapshot.contactIds.length > 0 ? snapshot.contactIds : (state?.contact_ids ?? []);
  const contacts = diffIds(state?.contact_ids ?? [], wantedContacts);
  if (contacts.add.length > 0) {
    const errors = await associationsBatchCreate(
      client,
      'quotes',
      'contacts',
      contacts.add.map((toId) => ({ fromId: existingId, toId, typeId: ASSOCIATION.quoteToContact })),
    );
    if (errors.length > 0) throw new SyncRecordErrors('quote contacts', errors);
  }
  if (contacts.remove.length > 0)
    await associationsBatchArchive(
      client,
      'quotes',
      'contacts',
      contacts.remove.map((toId) => ({ fromId: existingId, toId })),
    );
  await repo.setHubSpotQuote(existingId, hash, wantedContacts);
  return existingId;
}

/** Makes the parent's line items (the deal's, or the HubSpot quote's own copies) match the snapshot. */
async function writeLines(
  client: HubSpotPortalClient,
  repo: QuoteSyncRepository,
  wanted: QuoteSyncSnapshot,
  target: LineItemTarget,
  snapshot: QuoteSyncSnapshot,
  parentId: string,
  withKeys: boolean,
): Promise<void> {
  const desired = desiredLines(wanted, target, withKeys);
  const plan = planLines(desired, await repo.lines(target));
  if (plan.updates.length > 0) {
    const result = await batchUpdate(
      client,
      'line_items',
      plan.updates.map((line) => ({ id: line.hubspotId, properties: line.properties })),
    );
    const missing = new Set(
      result.errors.filter((error) => error.category === 'OBJECT_NOT_FOUND').flatMap((error) => error.ids),
    );
    const other = result.errors.filter((error) => error.category !== 'OBJECT_NOT_FOUND');
    await repo.saveLines(
      target,
      plan.updates
        .filter((line) => !missing.has(line.hubspotId))
        .map((line) => ({ lineKey: line.lineKey, hubspotId: line.hubspotId, hash: line.hash })),
    );
    if (other.length > 0) throw new SyncRecordErrors(`${target} line item update`, other);
    // Someone deleted our line item in HubSpot: create it again.
    for (const line of plan.updates) if (missing.has(line.hubspotId)) plan.creates.push(line);
  }
  if (plan.creates.length > 0) {
    await repo.markReconcile(snapshot.dealId);
    const typeId = target === 'deal' ? ASSOCIATION.lineItemToDeal : ASSOCIATION.lineItemToQuote;
    const result = await batchCreate(
      client,
      'line_items',
      plan.creates.map((line) => ({
        properties: line.properties,
        associations: [
          { to: { id: parentId }, types: [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: typeId }] },
        ],
      })),
    );
    // Batch create results are not in input order: correlate by the sync key we wrote.
    const bySyncKey = new Map(result.results.map((record) => [record.properties.cpq_sync_key, record.id]));
    const saved = plan.creates.flatMap((line) => {
      const id = bySyncKey.get(line.syncKey);
      return id ? [{ lineKey: line.lineKey, hubspotId: id, hash: line.hash }] : [];
    });
    await repo.saveLines(target, saved);
    if (result.errors.length > 0) throw new SyncRecordErrors(`${target} line item create`, result.errors);
  }
  if (plan.deletes.length > 0) {
    await batchArchive(
      client,
      'line_items',
      plan.deletes.map((line) => line.hubspotId),
    );
    await repo.deleteLines(
      target,
      plan.deletes.map((line) => line.lineKey),
    );
  }
}

async function writeDeal(
  client: HubSpotPortalClient,
  repo: QuoteSyncRepository,
  snapshot: QuoteSyncSnapshot,
  state: QuoteSyncState | undefined,
): Promise<void> {
  const properties = dealProperties(snapshot);
  const hash = hashOf({ dealId: snapshot.dealId, properties });
  if (state?.deal_hash === hash) return;
  await client.request({
    operation: 'deals.update',
    method: 'PATCH',
    path: `/crm/v3/objects/deals/${snapshot.dealId}`,
    body: { properties },
  });
  await repo.setDealHash(hash);
  await repo.forgetOtherDealWrites(snapshot.dealId);
}

async function archiveQuote(
  client: HubSpotPortalClient,
  repo: QuoteSyncRepository,
  state: QuoteSyncState | undefined,
): Promise<void> {
  for (const target of ['deal', 'quote'] as const) {
    const lines = await repo.lines(target);
    if (lines.length === 0) continue;
    await batchArchive(
      client,
      'line_items',
      lines.map((line) => line.hubspotId),
    );
    await repo.deleteLines(
      target,
      lines.map((line) => line.lineKey),
    );
  }
  if (state?.hubspot_quote_id) {
    try {
      await client.request({
        operation: 'quotes.archive',
        method: 'DELETE',
        path: `/crm/v3/objects/quotes/${state.hubspot_quote_id}`,
      });
    } catch (error) {
      if (!(error instanceof HubSpotApiError && error.status === 404)) throw error;
    }
    await repo.setHubSpotQuote(null, null, []);
  }
}
