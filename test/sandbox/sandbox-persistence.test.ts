import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHubSpotSandbox } from '../../tools/hubspot-sandbox/hubspot-sandbox.ts';
import { asRecord, startSandbox } from './sandbox-harness.ts';

describe('sandbox state file (stateFile option)', () => {
  let stateFile: string;
  beforeEach(async () => {
    stateFile = join(await mkdtemp(join(tmpdir(), 'sandbox-state-')), 'hubspot.json');
  });

  test('demo data is seeded on the first start only; a second start reuses records, schemas and refresh tokens', async () => {
    const first = await startSandbox({ stateFile });
    const seededDeals = first.sandbox.state.listObjects('deals').length;
    expect(seededDeals).toBeGreaterThan(0);
    await first.client.crm.deals.basicApi.create({ properties: { dealname: 'Persisted' }, associations: [] });
    await first.http('POST', '/crm-object-schemas/v3/schemas', {
      body: {
        name: 'machine',
        labels: { singular: 'Machine', plural: 'Machines' },
        properties: [{ name: 'serial', label: 'Serial', type: 'string', fieldType: 'text' }],
      },
    });
    const code = String(
      asRecord(
        (
          await first.http('POST', '/__sandbox/oauth/codes', {
            token: null,
            body: { redirectUri: 'https://cpq.example.com/cb' },
          })
        ).body,
      ).code,
    );
    const tokens = await first.client.oauth.tokensApi.create(
      'authorization_code',
      code,
      'https://cpq.example.com/cb',
      first.sandbox.oauth.clientId,
      first.sandbox.oauth.clientSecret,
    );
    await first.close();

    const second = await startSandbox({ stateFile });
    try {
      const deals = second.sandbox.state.listObjects('deals');
      expect(deals).toHaveLength(seededDeals + 1);
      expect(deals.map((deal) => deal.properties.dealname)).toContain('Persisted');
      expect((await second.client.crm.schemas.coreApi.getAll()).results.map((schema) => schema.name)).toEqual([
        'machine',
      ]);
      const refreshed = await second.client.oauth.tokensApi.create(
        'refresh_token',
        undefined,
        undefined,
        second.sandbox.oauth.clientId,
        second.sandbox.oauth.clientSecret,
        tokens.refreshToken,
      );
      expect(refreshed.refreshToken).toBe(tokens.refreshToken);
    } finally {
      await second.close();
    }
  });

  test('new record ids continue after the persisted ones', async () => {
    const first = await startSandbox({ stateFile, seed: false });
    const a = await first.client.crm.deals.basicApi.create({ properties: { dealname: 'a' }, associations: [] });
    await first.close();
    const second = await startSandbox({ stateFile, seed: false });
    try {
      const b = await second.client.crm.deals.basicApi.create({ properties: { dealname: 'b' }, associations: [] });
      expect(Number(b.id)).toBe(Number(a.id) + 1);
    } finally {
      await second.close();
    }
  });

  test('a file that is not a sandbox state is refused at start instead of being overwritten', async () => {
    await writeFile(stateFile, JSON.stringify({ hello: 'world' }));
    expect(() => createHubSpotSandbox({ stateFile })).toThrow(/not a version-1 sandbox state/);
    expect(JSON.parse(await readFile(stateFile, 'utf8'))).toEqual({ hello: 'world' });
  });
});
