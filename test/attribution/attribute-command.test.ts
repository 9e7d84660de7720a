import { runCli } from '../../src/cli/cli-main.ts';
import { attributionComputeRouter } from '../../src/modules/attribution/attribution-routes.ts';
import { memoryIo } from '../support/memory-io.ts';
import { errorOf, startHttpHarness, type HttpHarness } from '../support/http-harness.ts';

const request = {
  model: 'w-shaped',
  deals: [
    {
      id: 'd1',
      currency: 'USD',
      amounts: { quoted: '1000', contracted: '1000', invoiced: '500', collected: '250' },
      contactCreatedAt: '2026-01-05T10:00:00Z',
      dealCreatedAt: '2026-02-01T00:00:00Z',
      closedWonAt: '2026-03-01T00:00:00Z',
      touchpoints: [
        {
          id: 't1',
          occurredAt: '2026-01-02T09:00:00Z',
          campaign: 'Spring webinar',
          channel: 'email-marketing',
          contactId: 'c1',
        },
      ],
    },
  ],
};

describe('cpq attribute (public contract)', () => {
  test('prints the response JSON with byCampaign and byDeal fields and exits 0', async () => {
    const { io, out } = memoryIo({ stdin: JSON.stringify(request) });
    expect(await runCli(['attribute'], io)).toBe(0);
    const response = JSON.parse(out.stdout) as Record<string, unknown>;
    expect(response).toMatchObject({
      model: 'w-shaped',
      byCampaign: [
        {
          campaign: 'Spring webinar',
          currency: 'USD',
          deals: 1,
          quoted: '1000.00',
          contracted: '1000.00',
          invoiced: '500.00',
          collected: '250.00',
        },
      ],
      byDeal: [
        {
          id: 'd1',
          unattributed: false,
          touchpoints: [
            {
              id: 't1',
              weight: '1',
              quoted: '1000.00',
              contracted: '1000.00',
              invoiced: '500.00',
              collected: '250.00',
            },
          ],
        },
      ],
    });
    expect(out.stderr).toBe('');
  });

  test('an unknown field is invalid input: exit 2, error JSON naming the field on stderr, nothing on stdout', async () => {
    const { io, out } = memoryIo({ stdin: JSON.stringify({ ...request, extra: true }) });
    expect(await runCli(['attribute'], io)).toBe(2);
    expect(out.stdout).toBe('');
    const error = (JSON.parse(out.stderr) as { error: { code: string; issues: Array<{ path: string }> } }).error;
    expect(error.code).toBe('ATTRIBUTION_REQUEST_INVALID');
    expect(error.issues.map((issue) => issue.path)).toContain('');
  });

  test('an unknown model and an amount finer than the currency are refused with their paths', async () => {
    const bad = { ...request, model: 'v-shaped', deals: [{ ...request.deals[0], amounts: { quoted: '1.005' } }] };
    const { io, out } = memoryIo({ stdin: JSON.stringify(bad) });
    expect(await runCli(['attribute'], io)).toBe(2);
    const paths = (JSON.parse(out.stderr) as { error: { issues: Array<{ path: string }> } }).error.issues.map(
      (i) => i.path,
    );
    expect(paths).toEqual(expect.arrayContaining(['model', 'deals.0.amounts.quoted']));
  });
});

describe('POST /api/v1/attribution/compute', () => {
  let harness: HttpHarness;
  beforeAll(async () => {
    harness = await startHttpHarness({ apiRouters: [attributionComputeRouter()] });
  });
  afterAll(async () => harness.close());

  test('answers the same JSON as cpq attribute for a signed card request', async () => {
    const { io, out } = memoryIo({ stdin: JSON.stringify(request) });
    await runCli(['attribute'], io);
    const response = await harness.signedFetch('POST', '/api/v1/attribution/compute?portalId=12345', {
      body: JSON.stringify(request),
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual(JSON.parse(out.stdout));
  });

  test('invalid input is a 400 naming the field; unsigned is 401', async () => {
    const response = await harness.signedFetch('POST', '/api/v1/attribution/compute?portalId=12345', {
      body: JSON.stringify({ ...request, deals: [{ ...request.deals[0], currency: 'ZZZ' }] }),
    });
    expect(response.status).toBe(400);
    expect((await errorOf(response)).issues.map((i) => i.path)).toContain('deals.0.currency');
    const unsigned = await fetch(`${harness.url}/api/v1/attribution/compute?portalId=12345`, {
      method: 'POST',
      body: '{}',
    });
    expect(unsigned.status).toBe(401);
  });
});
