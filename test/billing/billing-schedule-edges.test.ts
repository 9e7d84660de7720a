import { billingScheduleCommand } from '../../src/cli/commands/billing-schedule-command.ts';
import { runCli } from '../../src/cli/cli-main.ts';
import { billingScheduleRouter } from '../../src/modules/billing/billing-schedule-route.ts';
import { errorOf, startHttpHarness, type HttpHarness } from '../support/http-harness.ts';
import { memoryIo } from '../support/memory-io.ts';
import { request, seatLine } from './billing-schedule-fixtures.ts';

const valid = request({ anchor: { type: 'day-of-month', day: 1 }, paymentTerms: { netDays: 30 } });

async function cliIssues(
  input: unknown,
): Promise<{ exit: number; stdout: string; error: { code: string; issues: unknown } }> {
  const { io, out } = memoryIo({ stdin: JSON.stringify(input) });
  const exit = await runCli(['billing-schedule'], io);
  const parsed = JSON.parse(out.stderr) as { error: { code: string; issues: unknown } };
  return { exit, stdout: out.stdout, error: parsed.error };
}

describe('cpq billing-schedule (CLI)', () => {
  test('reads the request from stdin, prints the schedule, exit 0', async () => {
    const { io, out } = memoryIo({ stdin: JSON.stringify(valid) });
    expect(await runCli(['billing-schedule'], io)).toBe(0);
    const response = JSON.parse(out.stdout) as { invoices: { total: string }[] };
    expect(response.invoices[0]?.total).toBe('54.84');
    expect([billingScheduleCommand.name, out.stderr]).toEqual(['billing-schedule', '']);
  });

  const invalid: Array<[string, unknown, Array<{ path: string; message: string }>]> = [
    ['an unknown field', { ...valid, extra: 1 }, [{ path: '', message: 'Unrecognized key: "extra"' }]],
    [
      'an unknown frequency',
      request({ frequency: 'weekly' }),
      [
        {
          path: 'billing.frequency',
          message: 'Invalid option: expected one of "monthly"|"quarterly"|"semiannual"|"annual"|"upfront"',
        },
      ],
    ],
    [
      'installment percents not summing to 100',
      request({ paymentTerms: { installments: [{ percent: '30', due: { type: 'on-invoice' } }] } }),
      [{ path: 'billing.paymentTerms.installments', message: 'installment percents must sum to 100 (they sum to 30)' }],
    ],
    [
      'both netDays and installments',
      request({ paymentTerms: { netDays: 3, installments: [{ percent: '100', due: { type: 'on-invoice' } }] } }),
      [{ path: 'billing.paymentTerms.netDays', message: 'give exactly one of netDays or installments' }],
    ],
    [
      'a recurring line without endDate and pricePeriodMonths',
      request({}, [seatLine({ endDate: undefined, pricePeriodMonths: undefined })]),
      [
        { path: 'lines.0.endDate', message: 'required for a recurring line' },
        { path: 'lines.0.pricePeriodMonths', message: 'required for a recurring line' },
      ],
    ],
    [
      'an end before the start',
      request({}, [seatLine({ endDate: '2022-03-14' })]),
      [{ path: 'lines.0.endDate', message: 'must not be before startDate' }],
    ],
    [
      'duplicate line ids',
      request({}, [seatLine(), seatLine()]),
      [{ path: 'lines.1.id', message: 'duplicate id "s1"' }],
    ],
    [
      'a billing day of 32',
      request({ anchor: { type: 'day-of-month', day: 32 } }),
      [{ path: 'billing.anchor.day', message: 'Too big: expected number to be <=31' }],
    ],
    [
      'a negative netDays',
      request({ paymentTerms: { netDays: -1 } }),
      [{ path: 'billing.paymentTerms.netDays', message: 'Too small: expected number to be >=0' }],
    ],
    [
      'a money amount as a JSON number',
      request({}, [seatLine({ unitPrice: 100 })]),
      [{ path: 'lines.0.unitPrice', message: 'Invalid input: expected string, received number' }],
    ],
  ];

  test.each(invalid)(
    '%s -> exit 2, the error JSON naming the field, nothing on stdout',
    async (_name, input, issues) => {
      const { exit, stdout, error } = await cliIssues(input);
      expect([exit, stdout, error.code]).toEqual([2, '', 'BILLING_SCHEDULE_REQUEST_INVALID']);
      expect(error.issues).toEqual(issues);
    },
  );

  test('a term too long to schedule is rejected as invalid input, not computed', async () => {
    const lines = Array.from({ length: 60 }, (_, index) => seatLine({ id: `l${index}`, endDate: '2099-12-31' }));
    const { exit, error } = await cliIssues(request({}, lines));
    expect([exit, error.code]).toEqual([2, 'BILLING_SCHEDULE_REQUEST_INVALID']);
  });
});

describe('POST /api/v1/billing/schedule', () => {
  let harness: HttpHarness;
  beforeAll(async () => {
    harness = await startHttpHarness({ apiRouters: [billingScheduleRouter()] });
  });
  afterAll(async () => harness.close());

  test('answers the same schedule as the CLI for a signed request', async () => {
    const response = await harness.signedFetch('POST', '/api/v1/billing/schedule?portalId=77', {
      body: JSON.stringify(valid),
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { invoices: { lines: { amount: string }[] }[]; totals: unknown };
    expect(body.invoices[0]?.lines[0]?.amount).toBe('54.84');
    expect(body.totals).toEqual({ invoiced: '1200.00', credited: '0.00', net: '1200.00' });
  });

  test('invalid input -> 400 with the error JSON naming the field', async () => {
    const response = await harness.signedFetch('POST', '/api/v1/billing/schedule?portalId=77', {
      body: JSON.stringify(request({ timing: 'later' })),
    });
    expect(response.status).toBe(400);
    const error = await errorOf(response);
    expect(error.code).toBe('BILLING_SCHEDULE_REQUEST_INVALID');
    expect(error.issues.map((issue) => issue.path)).toEqual(['billing.timing']);
  });
});
