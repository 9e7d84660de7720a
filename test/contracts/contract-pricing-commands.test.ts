import { runCli } from '../../src/cli/cli-main.ts';
import { amendmentPriceRouter, renewalPriceRouter } from '../../src/modules/contracts/contract-pricing-routes.ts';
import { errorOf, startHttpHarness, type HttpHarness } from '../support/http-harness.ts';
import { memoryIo } from '../support/memory-io.ts';
import { amendmentExample, renewalExample } from './contract-pricing-fixtures.ts';

describe('cpq amend / cpq renew (CLI)', () => {
  test('cpq amend reads stdin, prints the pricing response and exits 0', async () => {
    const { io, out } = memoryIo({ stdin: JSON.stringify(amendmentExample()) });
    expect(await runCli(['amend'], io)).toBe(0);
    const response = JSON.parse(out.stdout) as { lines: { id: string; netTotal: string }[] };
    expect(response.lines.map((l) => [l.id, l.netTotal])).toEqual([
      ['s1', '3000.00'],
      ['n1', '600.00'],
    ]);
  });

  test('cpq amend of an amendment before the contract start exits 2 with the error JSON and no stdout', async () => {
    const { io, out } = memoryIo({
      stdin: JSON.stringify(amendmentExample({ amendment: { startDate: '2024-06-01' } })),
    });
    expect(await runCli(['amend'], io)).toBe(2);
    expect(out.stdout).toBe('');
    const error = (JSON.parse(out.stderr) as { error: { code: string; issues: { path: string }[] } }).error;
    expect(error.code).toBe('AMENDMENT_REQUEST_INVALID');
    expect(error.issues.map((i) => i.path)).toEqual(['amendment.startDate']);
  });

  test('cpq renew prints the renewals and exits 0; an unknown field exits 2', async () => {
    const ok = memoryIo({ stdin: JSON.stringify(renewalExample()) });
    expect(await runCli(['renew'], ok.io)).toBe(0);
    expect(JSON.parse(ok.out.stdout)).toMatchObject({
      renewals: [{ contractIds: ['c1'], startDate: '2026-01-01', endDate: '2026-12-31' }],
    });
    const bad = memoryIo({ stdin: JSON.stringify(renewalExample(undefined, { discount: '5' })) });
    expect(await runCli(['renew'], bad.io)).toBe(2);
    expect(bad.out.stdout).toBe('');
    expect((JSON.parse(bad.out.stderr) as { error: { code: string } }).error.code).toBe('RENEWAL_REQUEST_INVALID');
  });
});

describe('POST /api/v1/contracts/amendment/price and /renewal/price', () => {
  let harness: HttpHarness;
  beforeAll(async () => {
    harness = await startHttpHarness({ apiRouters: [amendmentPriceRouter(), renewalPriceRouter()] });
  });
  afterAll(async () => harness.close());

  test('the amendment route answers what cpq amend prints', async () => {
    const body = JSON.stringify(amendmentExample());
    const response = await harness.signedFetch('POST', '/api/v1/contracts/amendment/price?portalId=62515', { body });
    expect(response.status).toBe(200);
    const { io, out } = memoryIo({ stdin: body });
    await runCli(['amend'], io);
    expect(await response.json()).toEqual(JSON.parse(out.stdout));
  });

  test('the renewal route answers 400 with the error JSON naming the field on invalid input', async () => {
    const body = JSON.stringify(renewalExample(undefined, { renewalTermMonths: '0' }));
    const response = await harness.signedFetch('POST', '/api/v1/contracts/renewal/price?portalId=62515', { body });
    expect(response.status).toBe(400);
    const error = await errorOf(response);
    expect(error.code).toBe('RENEWAL_REQUEST_INVALID');
    expect(error.issues[0]?.path).toBe('renewalTermMonths');
  });

  test('the renewal route prices the public example', async () => {
    const body = JSON.stringify(renewalExample());
    const response = await harness.signedFetch('POST', '/api/v1/contracts/renewal/price?portalId=62515', { body });
    const json = (await response.json()) as { renewals: { pricing: { lines: { customerUnitPrice: string }[] } }[] };
    expect(json.renewals[0]?.pricing.lines[0]?.customerUnitPrice).toBe('1155.6');
  });
});
