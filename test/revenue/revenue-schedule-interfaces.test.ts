import { revenueScheduleCommand } from '../../src/cli/commands/revenue-schedule-command.ts';
import { runCli } from '../../src/cli/cli-main.ts';
import { revenueScheduleRouter } from '../../src/modules/revenue/revenue-schedule-route.ts';
import { errorOf, startHttpHarness, type HttpHarness } from '../support/http-harness.ts';
import { memoryIo } from '../support/memory-io.ts';

const kpmg = {
  currency: 'USD',
  roundingMode: 'half-up',
  method: 'daily',
  transactionPrice: '80.00',
  lines: [
    {
      id: 'a',
      sku: 'PHONE',
      amount: '20.00',
      standaloneSellingPrice: '20',
      recognition: 'point-in-time',
      deliveryDate: '2026-01-15',
    },
    {
      id: 'b',
      sku: 'PLAN',
      amount: '30.00',
      standaloneSellingPrice: '30',
      recognition: 'ratable',
      startDate: '2026-01-15',
      endDate: '2027-01-14',
    },
    {
      id: 'c',
      sku: 'CARE',
      amount: '40.00',
      standaloneSellingPrice: '40',
      recognition: 'ratable',
      startDate: '2026-01-01',
      endDate: '2026-12-31',
    },
  ],
};

describe('cpq revenue-schedule (CLI)', () => {
  test('reads the request from stdin, prints the response JSON and exits 0', async () => {
    const { io, out } = memoryIo({ stdin: JSON.stringify(kpmg) });
    expect(await runCli(['revenue-schedule'], io)).toBe(0);
    const response = JSON.parse(out.stdout) as { total: string; allocations: unknown[] };
    expect(response.total).toBe('80.00');
    expect(response.allocations).toEqual([
      { lineId: 'a', allocated: '17.78' },
      { lineId: 'b', allocated: '26.67' },
      { lineId: 'c', allocated: '35.55' },
    ]);
    expect(out.stderr).toBe('');
  });

  test('invalid input (transactionPrice without SSPs) exits 2 with the error JSON on stderr and nothing on stdout', async () => {
    const lines = kpmg.lines.map(({ standaloneSellingPrice: _ssp, ...line }) => line);
    const { io, out } = memoryIo({ stdin: JSON.stringify({ ...kpmg, lines }) });
    expect(await runCli(['revenue-schedule'], io)).toBe(2);
    expect(out.stdout).toBe('');
    const body = JSON.parse(out.stderr) as { error: { code: string; issues: Array<{ path: string }> } };
    expect(body.error.code).toBe('REVENUE_REQUEST_INVALID');
    expect(body.error.issues.map((issue) => issue.path)).toEqual([
      'lines.0.standaloneSellingPrice',
      'lines.1.standaloneSellingPrice',
      'lines.2.standaloneSellingPrice',
    ]);
  });

  test('is listed under its public name', () => {
    expect(revenueScheduleCommand.name).toBe('revenue-schedule');
  });
});

describe('POST /api/v1/revenue/schedule (HTTP twin)', () => {
  let http: HttpHarness;
  beforeAll(async () => {
    http = await startHttpHarness({ apiRouters: [revenueScheduleRouter()] });
  });
  afterAll(async () => http.close());

  test('answers exactly what the CLI prints', async () => {
    const { io, out } = memoryIo({ stdin: JSON.stringify(kpmg) });
    await runCli(['revenue-schedule'], io);
    const response = await http.signedFetch('POST', '/api/v1/revenue/schedule?portalId=62515', {
      body: JSON.stringify(kpmg),
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual(JSON.parse(out.stdout));
  });

  test('an unknown field is 400 with the error JSON naming it', async () => {
    const response = await http.signedFetch('POST', '/api/v1/revenue/schedule?portalId=62515', {
      body: JSON.stringify({ ...kpmg, discount: '5' }),
    });
    expect(response.status).toBe(400);
    const error = await errorOf(response);
    expect(error.code).toBe('REVENUE_REQUEST_INVALID');
    expect(error.issues).toEqual([{ path: '', message: expect.stringContaining('discount') }]);
  });

  test('an unsigned call is refused', async () => {
    const response = await fetch(`${http.url}/api/v1/revenue/schedule?portalId=62515`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(kpmg),
    });
    expect(response.status).toBe(401);
  });
});
