import { REQUIRED_SCOPES } from '../../src/modules/tenancy/app-scopes.ts';
import { ensureProvisioned } from '../../src/integrations/hubspot/sync/hubspot-provisioning.ts';
import { syncQuote } from '../../src/integrations/hubspot/sync/quote-sync-engine.ts';
import { createDealAndContact, liveRecords, snapshot, startSyncHarness, type SyncHarness } from './sync-harness.ts';

let harness: SyncHarness;
afterEach(async () => harness.close());

describe('line item properties refused by HubSpot (no line-item schema scope among the app scopes)', () => {
  test('provisioning records the line item properties as skipped with the reason and still succeeds', async () => {
    harness = await startSyncHarness({ scopes: [...REQUIRED_SCOPES] });

    const capabilities = await ensureProvisioned(harness.database.db, harness.clients.forPortal(harness.portalId));

    expect(capabilities).toEqual({ lineItemKeys: false });
    const row = await harness.database.db
      .selectFrom('hubspot_provisioning')
      .select(['status', 'report'])
      .where('portal_id', '=', harness.portalId)
      .executeTakeFirstOrThrow();
    expect(row.status).toBe('done');
    const steps = (row.report as { steps: Array<{ step: string; outcome: string; reason?: string }> }).steps;
    expect(
      steps.filter((step) => step.step.startsWith('line_items.')).map((step) => [step.step, step.outcome]),
    ).toEqual([
      ['line_items.property.cpq_sync_key', 'skipped'],
      ['line_items.property.cpq_quote_id', 'skipped'],
      ['line_items.property.cpq_line_key', 'skipped'],
    ]);
    expect(steps.find((step) => step.step === 'line_items.property.cpq_sync_key')?.reason).toMatch(/403/);
    expect(
      steps
        .filter((step) => step.step.startsWith('deals.') || step.step.startsWith('quotes.'))
        .every((step) => step.outcome === 'created'),
    ).toBe(true);
  });

  test('the sync still writes the deal line items and the quote copies, without cpq_* keys on them', async () => {
    harness = await startSyncHarness({ scopes: [...REQUIRED_SCOPES] });
    const { dealId } = await createDealAndContact(harness);
    harness.source.put(snapshot(harness.portalId, dealId));

    expect(await syncQuote(harness.deps, { portalId: harness.portalId, quoteId: 'q-1' })).toBe('synced');

    const lineItems = liveRecords(harness, 'line_items');
    expect(lineItems).toHaveLength(4);
    expect(lineItems.every((record) => record.properties.cpq_sync_key === undefined)).toBe(true);
    expect(lineItems.map((record) => record.properties.price)).toEqual(['187.65', '187.65', '187.65', '187.65']);
    expect(await syncQuote(harness.deps, { portalId: harness.portalId, quoteId: 'q-1' })).toBe('up-to-date');
  });
});
