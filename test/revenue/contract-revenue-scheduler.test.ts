import type { ContractView } from '../../src/modules/contracts/index.ts';
import {
  scheduleContractRevenue,
  type ContractRevenueDeps,
} from '../../src/modules/revenue/contract-revenue-scheduler.ts';
import { revenueScheduleRepository } from '../../src/modules/revenue/revenue-schedule-repository.ts';
import { sspRuleRepository } from '../../src/modules/revenue/ssp-rule-repository.ts';
import { createTestDatabase, DATABASE_LABEL, type TestDatabase } from '../support/test-database.ts';
import { amendedBundle, bundleContract, fakeContractReader, PORTAL } from './contract-fixtures.ts';

const SUB_2026 = [
  '80.43',
  '72.65',
  '80.43',
  '77.84',
  '80.43',
  '77.84',
  '80.43',
  '80.43',
  '77.84',
  '80.43',
  '77.84',
  '80.44',
];
describe(`contract revenue schedules as records (${DATABASE_LABEL})`, () => {
  let database: TestDatabase;
  let contracts: Map<string, ContractView>;
  let deps: ContractRevenueDeps;
  const clock = { now: Date.parse('2026-03-10T12:00:00Z') };

  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => database.drop());
  beforeEach(async () => {
    await database.db.deleteFrom('revenue_schedule_rows').where('portal_id', '=', PORTAL).execute();
    await database.db.deleteFrom('revenue_contract_lines').where('portal_id', '=', PORTAL).execute();
    await database.db.deleteFrom('revenue_contracts').where('portal_id', '=', PORTAL).execute();
    await database.db.deleteFrom('revenue_ssp_rules').where('portal_id', '=', PORTAL).execute();
    contracts = new Map([['c1', bundleContract()]]);
    deps = {
      db: database.db,
      contracts: fakeContractReader(contracts),
      categories: async (_portal, skus) => new Map(skus.map((sku) => [sku, sku === 'ONBOARD' ? 'services' : null])),
      now: () => clock.now,
    };
  });

  async function rows(): Promise<Array<[string, string, string]>> {
    return (await revenueScheduleRepository.rowsOfContract(database.db, PORTAL, 'c1')).map((r) => [
      r.line_id,
      r.period,
      r.amount,
    ]);
  }
  const amountsOf = (all: Array<[string, string, string]>, line: string): string[] =>
    all.filter(([id]) => id === line).map(([, , amount]) => amount);

  test('contract.created: the total value is allocated by list-price SSP (500 / 1,200 / 150) and stored per line x month', async () => {
    expect(await scheduleContractRevenue(deps, { portalId: PORTAL, contractId: 'c1' })).toBe('scheduled');
    const all = await rows();
    expect(all.filter(([id]) => id !== 'sub')).toEqual([
      ['hw', '2026-01', '394.59'],
      ['svc', '2026-02', '118.38'],
    ]);
    expect(amountsOf(all, 'sub')).toEqual(SUB_2026);
    const lines = await revenueScheduleRepository.contractLines(database.db, PORTAL, 'c1');
    expect(lines.map((l) => [l.line_id, l.unit_ssp, l.ssp_source, l.allocated])).toEqual([
      ['hw', '500', 'list-price-default', '394.59'],
      ['sub', '120', 'list-price-default', '947.03'],
      ['svc', '150', 'list-price-default', '118.38'],
    ]);
    const stored = await revenueScheduleRepository.getContract(database.db, PORTAL, 'c1');
    expect([stored?.contract_version, stored?.transaction_price, stored?.inception_period]).toEqual([
      1,
      '1460.00',
      '2025-12',
    ]);
  });

  test('the job is idempotent: running it again (re-delivered event) leaves exactly the same rows', async () => {
    await scheduleContractRevenue(deps, { portalId: PORTAL, contractId: 'c1' });
    const first = await rows();
    expect(await scheduleContractRevenue(deps, { portalId: PORTAL, contractId: 'c1' })).toBe('unchanged');
    expect(await rows()).toEqual(first);
  });

  test('a job interrupted inside its transaction writes nothing, and the re-run writes the full schedule', async () => {
    const failing: ContractRevenueDeps = {
      ...deps,
      onScheduled: async () => {
        throw new Error('worker killed');
      },
    };
    await expect(scheduleContractRevenue(failing, { portalId: PORTAL, contractId: 'c1' })).rejects.toThrow(
      'worker killed',
    );
    expect(await rows()).toEqual([]);
    await scheduleContractRevenue(deps, { portalId: PORTAL, contractId: 'c1' });
    expect(await rows()).toHaveLength(14);
  });

  test('SSP rules: a fixed product SSP and a category list-minus-discount rule are captured at inception', async () => {
    await sspRuleRepository.upsert(
      database.db,
      PORTAL,
      [
        { scope: 'product', scopeKey: 'PHONE', currency: 'USD', kind: 'fixed', amount: '450', discountPercent: null },
        {
          scope: 'category',
          scopeKey: 'services',
          currency: '*',
          kind: 'list-discount',
          amount: null,
          discountPercent: '20',
        },
      ],
      { userId: null },
    );
    await scheduleContractRevenue(deps, { portalId: PORTAL, contractId: 'c1' });
    const lines = await revenueScheduleRepository.contractLines(database.db, PORTAL, 'c1');
    // Weights 450 / 1,200 / 120 (150 - 20%) of 1,770: 1,460 -> 371.19 / 989.83 / 98.98.
    expect(lines.map((l) => [l.line_id, l.unit_ssp, l.ssp_source, l.allocated])).toEqual([
      ['hw', '450', 'fixed', '371.19'],
      ['sub', '120', 'list-price-default', '989.83'],
      ['svc', '120', 'list-discount', '98.98'],
    ]);
    // Changing a rule later does not change the contract's SSPs (recorded at inception).
    await sspRuleRepository.upsert(
      database.db,
      PORTAL,
      [{ scope: 'product', scopeKey: 'PHONE', currency: 'USD', kind: 'fixed', amount: '1', discountPercent: null }],
      { userId: null },
    );
    contracts.set('c1', amendedBundle());
    clock.now = Date.parse('2026-06-20T00:00:00Z');
    await scheduleContractRevenue(deps, { portalId: PORTAL, contractId: 'c1', amendmentQuoteId: 'q2' });
    const after = await revenueScheduleRepository.contractLines(database.db, PORTAL, 'c1');
    expect(after.find((l) => l.line_id === 'hw')?.unit_ssp).toBe('450');
  });

  test('contract.amended mid-term is prospective: months before July never change; the unrecognised 477.41 plus the change 240 is spread over July-December', async () => {
    clock.now = Date.parse('2026-03-10T12:00:00Z');
    await scheduleContractRevenue(deps, { portalId: PORTAL, contractId: 'c1' });
    const before = await rows();
    contracts.set('c1', amendedBundle());
    clock.now = Date.parse('2026-06-20T00:00:00Z');
    expect(await scheduleContractRevenue(deps, { portalId: PORTAL, contractId: 'c1', amendmentQuoteId: 'q2' })).toBe(
      'modified',
    );
    const after = await rows();
    const past = (all: Array<[string, string, string]>) => all.filter(([, period]) => period < '2026-07');
    expect(past(after)).toEqual(past(before));
    expect(amountsOf(after, 'sub')).toEqual([
      ...SUB_2026.slice(0, 6),
      ...['120.87', '120.87', '116.97', '120.87', '116.97', '120.86'],
    ]);
    const total = after.reduce((sum, [, , amount]) => sum + BigInt(amount.replace('.', '')), 0n);
    expect(total).toBe(170000n);
    const stored = await revenueScheduleRepository.getContract(database.db, PORTAL, 'c1');
    expect([stored?.contract_version, stored?.transaction_price]).toEqual([2, '1700.00']);
    const sub = (await revenueScheduleRepository.contractLines(database.db, PORTAL, 'c1')).find(
      (l) => l.line_id === 'sub',
    );
    expect(sub?.allocated).toBe('1187.03'); // 469.62 recognised Jan-Jun + 717.41
    // Re-running the amendment job changes nothing.
    expect(await scheduleContractRevenue(deps, { portalId: PORTAL, contractId: 'c1', amendmentQuoteId: 'q2' })).toBe(
      'unchanged',
    );
    expect(await rows()).toEqual(after);
  });

  test('an amendment processed after its effective month does not reopen closed months: the cutoff is the current month', async () => {
    await scheduleContractRevenue(deps, { portalId: PORTAL, contractId: 'c1' });
    const before = await rows();
    contracts.set('c1', amendedBundle());
    clock.now = Date.parse('2026-09-05T00:00:00Z');
    await scheduleContractRevenue(deps, { portalId: PORTAL, contractId: 'c1', amendmentQuoteId: 'q2' });
    const after = await rows();
    const past = (all: Array<[string, string, string]>) => all.filter(([, period]) => period < '2026-09');
    expect(past(after)).toEqual(past(before));
    expect(amountsOf(after, 'sub').slice(0, 8)).toEqual(SUB_2026.slice(0, 8));
    const septemberOn = amountsOf(after, 'sub').slice(8);
    // 1,700 - everything before September is left for September-December.
    const sum = (texts: string[]) => texts.reduce((s, t) => s + BigInt(t.replace('.', '')), 0n);
    expect(sum(septemberOn)).toBe(170000n - 39459n - 11838n - sum(SUB_2026.slice(0, 8)));
  });

  test('an unknown contract is a not-found error (the job retries) and writes nothing', async () => {
    await expect(scheduleContractRevenue(deps, { portalId: PORTAL, contractId: 'nope' })).rejects.toMatchObject({
      code: 'REVENUE_CONTRACT_NOT_FOUND',
    });
    expect(await rows()).toEqual([]);
  });
});
