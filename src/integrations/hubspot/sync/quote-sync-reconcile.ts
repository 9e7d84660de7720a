import type { LineItemTarget } from '../../../kernel/db/db-schema.ts';
import { batchArchive, batchRead, listAssociatedIds } from '../hubspot-batch-api.ts';
import type { HubSpotPortalClient } from '../hubspot-portal-client.ts';
import type { PortalCapabilities } from './hubspot-provisioning.ts';
import type { QuoteSyncRepository, QuoteSyncState } from './quote-sync-repository.ts';

/**
 * After a create whose answer we never stored (crash, timeout, 5xx: the record may exist), find
 * what HubSpot holds before writing again. Associations are read (they are consistent at once;
 * search indexes with a delay, HubSpot docs "API usage guidelines and limits") and our records are recognised by `cpq_sync_key`.
 * Records we did not know are adopted with an empty hash (so the next step rewrites them); a
 * second record for the same key is a duplicate and is archived.
 */
export async function reconcileQuote(
  client: HubSpotPortalClient,
  repo: QuoteSyncRepository,
  state: QuoteSyncState,
  capabilities: PortalCapabilities,
): Promise<QuoteSyncState> {
  const quoteId = state.quote_id;
  let hubspotQuoteId = state.hubspot_quote_id;
  if (state.deal_id && !hubspotQuoteId) {
    const ids = await listAssociatedIds(client, 'deals', state.deal_id, 'quotes');
    const ours =
      ids.length === 0
        ? []
        : (await batchRead(client, 'quotes', ids, ['cpq_sync_key'])).results.filter(
            (record) => record.properties.cpq_sync_key === quoteId,
          );
    const [keep, ...duplicates] = ours;
    if (keep) {
      hubspotQuoteId = keep.id;
      await repo.setHubSpotQuote(keep.id, null, []);
    }
    if (duplicates.length > 0)
      await batchArchive(
        client,
        'quotes',
        duplicates.map((record) => record.id),
      );
  }
  // Without keys on line items (provisioning could not create them) orphans cannot be told apart
  // from a rep's own line items: the stored mapping is all we trust (docs/hubspot-sync.md).
  if (capabilities.lineItemKeys && state.deal_id)
    await reconcileLines(client, repo, quoteId, 'deal', 'deals', state.deal_id);
  if (capabilities.lineItemKeys && hubspotQuoteId)
    await reconcileLines(client, repo, quoteId, 'quote', 'quotes', hubspotQuoteId);
  return {
    ...state,
    hubspot_quote_id: hubspotQuoteId,
    quote_hash: hubspotQuoteId === state.hubspot_quote_id ? state.quote_hash : null,
    contact_ids: hubspotQuoteId === state.hubspot_quote_id ? state.contact_ids : [],
  };
}

async function reconcileLines(
  client: HubSpotPortalClient,
  repo: QuoteSyncRepository,
  quoteId: string,
  target: LineItemTarget,
  parentType: string,
  parentId: string,
): Promise<void> {
  const ids = await listAssociatedIds(client, parentType, parentId, 'line_items');
  if (ids.length === 0) return;
  const prefix = `${quoteId}:${target}:`;
  const records = (await batchRead(client, 'line_items', ids, ['cpq_sync_key'])).results.filter((record) =>
    record.properties.cpq_sync_key?.startsWith(prefix),
  );
  const mapped = new Map((await repo.lines(target)).map((line) => [line.lineKey, line.hubspotId]));
  const adopt: Array<{ lineKey: string; hubspotId: string; hash: string }> = [];
  const duplicates: string[] = [];
  for (const record of records) {
    const lineKey = (record.properties.cpq_sync_key ?? '').slice(prefix.length);
    const known = mapped.get(lineKey);
    if (known === record.id) continue;
    if (known === undefined) {
      mapped.set(lineKey, record.id);
      adopt.push({ lineKey, hubspotId: record.id, hash: '' });
    } else duplicates.push(record.id);
  }
  await repo.saveLines(target, adopt);
  if (duplicates.length > 0) await batchArchive(client, 'line_items', duplicates);
}
