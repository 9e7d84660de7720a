import { Client } from '@hubspot/api-client';
import type { PortalId } from '../../src/kernel/db/portal-id.ts';
import { createHubSpotClients, type HubSpotClients } from '../../src/integrations/hubspot/hubspot-client-factory.ts';
import { createStaticTokenProvider } from '../../src/integrations/hubspot/static-token-provider.ts';
import { createLogger } from '../../src/kernel/logging/logger.ts';
import {
  createHubSpotSandbox,
  type HubSpotSandbox,
  type SandboxServer,
} from '../../tools/hubspot-sandbox/hubspot-sandbox.ts';
import type {
  QuoteSyncLine,
  QuoteSyncSnapshot,
  QuoteSyncSource,
} from '../../src/integrations/hubspot/sync/quote-sync-contract.ts';
import type { QuoteSyncDeps } from '../../src/integrations/hubspot/sync/quote-sync-engine.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';

/** Our own fake of the quote side's port: snapshots kept in a map, newest wins. */
export class FakeQuoteSource implements QuoteSyncSource {
  readonly snapshots = new Map<string, QuoteSyncSnapshot>();
  async load(_portalId: PortalId, quoteId: string): Promise<QuoteSyncSnapshot | undefined> {
    return this.snapshots.get(quoteId);
  }
  put(snapshot: QuoteSyncSnapshot): void {
    this.snapshots.set(snapshot.quoteId, snapshot);
  }
}

export interface SyncHarness {
  sandbox: HubSpotSandbox;
  server: SandboxServer;
  database: TestDatabase;
  clients: HubSpotClients;
  /** The real api-client on the sandbox, for reading what the sync wrote. */
  client: Client;
  source: FakeQuoteSource;
  deps: QuoteSyncDeps;
  portalId: PortalId;
  close(): Promise<void>;
}

/** A token granted through the sandbox's OAuth flow with exactly these scopes (the demo token has all). */
function tokenWithScopes(sandbox: HubSpotSandbox, scopes: string[]): string {
  const redirectUri = 'https://cpq.test/oauth/callback';
  const grant = {
    hubId: sandbox.portalId,
    appId: sandbox.appId,
    userId: 1,
    userEmail: 'rep@example.com',
    scopes,
    clientId: sandbox.oauth.clientId,
  };
  return sandbox.tokens.exchangeCode(sandbox.tokens.mintCode(grant, redirectUri), redirectUri, sandbox.oauth.clientId)
    .access_token;
}

export async function startSyncHarness(
  options: { enterprise?: boolean; scopes?: string[] } = {},
): Promise<SyncHarness> {
  const sandbox = createHubSpotSandbox({
    seed: false,
    ...(options.enterprise === undefined ? {} : { enterprise: options.enterprise }),
  });
  const server = await sandbox.listen(0);
  const database = await createTestDatabase();
  const portalId = sandbox.portalId as PortalId;
  const token = options.scopes ? tokenWithScopes(sandbox, options.scopes) : sandbox.demoAccessToken;
  const clients = createHubSpotClients({
    basePath: server.url,
    tokens: createStaticTokenProvider(new Map([[sandbox.portalId, token]])),
    logger: createLogger({ level: 'silent' }),
    rateLimitPerWindow: 110,
    retry: { baseDelayMs: 10, maxDelayMs: 50 },
    timeoutMs: 2_000,
  });
  const source = new FakeQuoteSource();
  return {
    sandbox,
    server,
    database,
    clients,
    client: new Client({ accessToken: sandbox.demoAccessToken, basePath: server.url }),
    source,
    portalId,
    deps: { db: database.db, source, clientFor: (id) => clients.forPortal(id as PortalId) },
    async close() {
      await server.close();
      await database.drop();
    },
  };
}

export function line(lineKey: string, overrides: Partial<QuoteSyncLine> = {}): QuoteSyncLine {
  return {
    lineKey,
    sku: `SKU-${lineKey}`,
    name: `Product ${lineKey}`,
    hubspotProductId: null,
    quantity: '2',
    netUnitPrice: '187.65',
    netTotal: '375.30',
    recurringBillingPeriod: null,
    ...overrides,
  };
}

export function snapshot(
  portalId: PortalId,
  dealId: string,
  overrides: Partial<QuoteSyncSnapshot> = {},
): QuoteSyncSnapshot {
  return {
    portalId,
    quoteId: 'q-1',
    dealId,
    revision: 1,
    isPrimary: true,
    title: 'Acme renewal',
    currency: 'USD',
    expirationDate: '2026-12-31',
    netTotal: '750.60',
    lines: [line('l1'), line('l2')],
    contactIds: [],
    companyIds: [],
    archived: false,
    ...overrides,
  };
}

/** Live (not archived) records of a type in the sandbox, with every property. */
export function liveRecords(
  harness: SyncHarness,
  objectType: string,
): Array<{ id: string; properties: Record<string, string | null> }> {
  return harness.sandbox.state
    .listObjects(objectType)
    .filter((record) => !record.archived)
    .map((record) => ({ id: record.id, properties: record.properties as Record<string, string | null> }));
}

/** Ids associated to a record, read through the real api-client (v4). */
export async function associatedIds(
  harness: SyncHarness,
  fromType: string,
  fromId: string,
  toType: string,
): Promise<Array<{ id: string; typeIds: number[] }>> {
  const page = await harness.client.crm.associations.v4.basicApi.getPage(fromType, fromId, toType, undefined, 500);
  return page.results
    .map((result) => ({
      id: String(result.toObjectId),
      typeIds: result.associationTypes.map((type) => type.typeId).sort((a, b) => a - b),
    }))
    .sort((a, b) => a.id.localeCompare(b.id));
}

export async function createDealAndContact(harness: SyncHarness): Promise<{ dealId: string; contactId: string }> {
  const deal = await harness.client.crm.deals.basicApi.create({
    properties: { dealname: 'Acme', amount: '0' },
    associations: [],
  });
  const contact = await harness.client.crm.contacts.basicApi.create({
    properties: { email: 'buyer@acme.test' },
    associations: [],
  });
  return { dealId: deal.id, contactId: contact.id };
}
