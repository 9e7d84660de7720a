import { ApprovalRuleSetSchema, type ApprovalRule } from '../../src/modules/approvals/domain/approval-rule-schema.ts';
import {
  approvalEnvelope,
  compileRules,
  evaluateRules,
} from '../../src/modules/approvals/domain/approval-rules-engine.ts';
import { chainState, rulesDecidableBy } from '../../src/modules/approvals/domain/approval-chain.ts';
import { evaluateLogic, parseRuleLogic } from '../../src/kernel/rules/rule-logic.ts';
import { computeQuoteFacts, isWithinEnvelope, type ProductFacts } from '../../src/modules/quotes/index.ts';
import { pricedQuote } from './approvals-fixtures.ts';

const PRODUCTS = new Map<string, ProductFacts>([
  ['SEAT', { category: 'software', cost: { USD: '20' } }],
  ['SETUP', { category: 'services', cost: { USD: '300' } }],
]);

function rules(list: unknown[]): ApprovalRule[] {
  return ApprovalRuleSetSchema.parse({ rules: list }).rules;
}

const POLICY = rules([
  {
    id: 'discount',
    name: 'Line discount above 20%',
    conditions: [{ fact: 'maxLineDiscountPercent', operator: 'gt', value: '20' }],
    approvers: [{ kind: 'role', role: 'approver' }],
  },
  {
    id: 'big-deal',
    name: 'Net total above 100,000',
    level: 2,
    conditions: [{ fact: 'netTotal', operator: 'gt', value: '100000' }],
    approvers: [{ kind: 'user', userId: 42 }],
  },
  {
    id: 'services-low-margin',
    name: 'Services at low margin or long term',
    logic: '(1 AND 2) OR 3',
    conditions: [
      { fact: 'category', operator: 'present', value: 'services' },
      { fact: 'marginPercent', operator: 'lt', value: '50' },
      { fact: 'termMonths', operator: 'gt', value: '36' },
    ],
    approvers: [{ kind: 'user', userId: 9 }],
  },
]);

function facts(seatDiscount: string, seats = '10', termMonths: string | null = '12') {
  return computeQuoteFacts({
    currency: 'USD',
    termMonths,
    priced: pricedQuote([
      { sku: 'SEAT', quantity: seats, listUnit: '100', discountPercent: seatDiscount },
      { sku: 'SETUP', quantity: '1', listUnit: '1000', discountPercent: '0' },
    ]),
    products: PRODUCTS,
  });
}

describe('custom rule logic', () => {
  it('AND binds tighter than OR and parentheses group', () => {
    const parsed = parseRuleLogic('1 OR 2 AND 3', 3);
    if (!parsed.ok) throw new Error(parsed.message);
    expect(evaluateLogic(parsed.node, [true, false, false])).toBe(true);
    expect(evaluateLogic(parsed.node, [false, true, false])).toBe(false);
    const grouped = parseRuleLogic('(1 or 2) and 3', 3);
    if (!grouped.ok) throw new Error(grouped.message);
    expect(evaluateLogic(grouped.node, [true, false, false])).toBe(false);
    expect(evaluateLogic(grouped.node, [false, true, true])).toBe(true);
  });

  it.each([
    ['1 AND', 'expected a condition number or "(" but found end of text'],
    ['(1 OR 2', 'expected ")" but found end of text'],
    ['1 OR 4', 'condition 4 does not exist (there are 3)'],
    ['1; process.exit()', 'unexpected "; process." at position 2'],
    ['1 2', 'unexpected "2"'],
    ['', 'is empty'],
  ])('refuses %j with a message naming the problem', (text, message) => {
    expect(parseRuleLogic(text, 3)).toEqual({ ok: false, message });
  });

  it('a rule set with bad logic reports the field path', () => {
    const result = ApprovalRuleSetSchema.safeParse({
      rules: [
        {
          id: 'x',
          name: 'x',
          logic: '1 OR 2',
          conditions: [POLICY[0]?.conditions[0]],
          approvers: [{ kind: 'role', role: 'approver' }],
        },
      ],
    });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['rules.0.logic', 'condition 2 does not exist (there are 1)'],
    ]);
  });
});

describe('approval rules engine', () => {
  const compiled = compileRules(POLICY);

  it('a 25% line discount fires the discount rule; the setup line at 0% margin-free stays under 50% margin rule', () => {
    const result = evaluateRules(compiled, facts('25'));
    expect(result.firing.map((f) => f.ruleId)).toEqual(['discount']);
    expect(result.levels.map((l) => [l.level, l.rules.map((r) => r.ruleId)])).toEqual([[1, ['discount']]]);
    expect(result.firing[0]?.entries).toEqual([
      { kind: 'number', fact: 'maxLineDiscountPercent', worse: 'higher', approved: '25', strict: false },
    ]);
  });

  it('margin, category and term feed the custom logic rule (1 AND 2) OR 3', () => {
    // 10 seats at 100 -90% = 100, setup 1000; cost 200 + 300 = 500 of 1100 -> margin 54.54..% (not < 50)
    expect(evaluateRules(compiled, facts('90')).firing.map((f) => f.ruleId)).toEqual(['discount']);
    // 95% off: net 50 + 1000 = 1050, cost 500 -> margin 52.38% ; 99%: 10 + 1000, cost 500 -> 50.49%
    // 100%: net 1000, cost 500 -> exactly 50%, not below
    expect(evaluateRules(compiled, facts('100')).firing.map((f) => f.ruleId)).toEqual(['discount']);
    // 40 months -> condition 3 alone fires it
    expect(evaluateRules(compiled, facts('0', '10', '40')).firing.map((f) => f.ruleId)).toEqual([
      'services-low-margin',
    ]);
  });

  it('sequential levels: level 2 waits until level 1 is approved; parallel approvers settle a rule with one approval', () => {
    const big = evaluateRules(compiled, facts('25', '2000'));
    const chainRules = big.levels.flatMap((l) => l.rules);
    expect(chainRules.map((r) => [r.ruleId, r.level])).toEqual([
      ['discount', 1],
      ['big-deal', 2],
    ]);
    const manager = { userId: 5, roles: ['approver'] };
    const finance = { userId: 42, roles: [] };
    expect(rulesDecidableBy(chainRules, [], finance)).toEqual([]);
    expect(rulesDecidableBy(chainRules, [], manager).map((r) => r.ruleId)).toEqual(['discount']);
    const afterManager = [{ ruleId: 'discount', userId: 5, decision: 'approve' as const }];
    expect(chainState(chainRules, afterManager).currentLevel).toBe(2);
    expect(rulesDecidableBy(chainRules, afterManager, finance).map((r) => r.ruleId)).toEqual(['big-deal']);
    expect(
      chainState(chainRules, [...afterManager, { ruleId: 'big-deal', userId: 42, decision: 'approve' }]).outcome,
    ).toBe('approved');
    expect(chainState(chainRules, [{ ruleId: 'discount', userId: 5, decision: 'reject' }]).outcome).toBe('rejected');
  });

  it('smart approval: a rule approved at 25% is not asked again at 22%, but is at 30%', () => {
    const approved = evaluateRules(compiled, facts('25'));
    const prior = approved.firing.map((f) => ({ ruleId: f.ruleId, entries: f.entries }));
    const better = evaluateRules(compiled, facts('22'), prior);
    expect(better.firing.map((f) => [f.ruleId, f.alreadyApproved])).toEqual([['discount', true]]);
    expect(better.needsApproval).toBe(false);
    const worse = evaluateRules(compiled, facts('30'), prior);
    expect(worse.firing.map((f) => [f.ruleId, f.alreadyApproved])).toEqual([['discount', false]]);
    expect(worse.needsApproval).toBe(true);
  });

  it('the envelope keeps an approval through edits that make nothing worse and drops it otherwise', () => {
    const envelope = approvalEnvelope(compiled, facts('25'));
    expect(isWithinEnvelope(envelope, facts('20'))).toBe(true);
    expect(isWithinEnvelope(envelope, facts('26'))).toBe(false);
    // Crossing the big-deal threshold (a rule that did not fire) leaves the envelope; staying under it does not.
    expect(isWithinEnvelope(envelope, facts('25', '11'))).toBe(true);
    expect(isWithinEnvelope(envelope, facts('25', '2000'))).toBe(false);
    expect(isWithinEnvelope(envelope, facts('25', '10', '40'))).toBe(false);
    expect(isWithinEnvelope(null, facts('25'))).toBe(false);
  });

  it('no rule fires on a small undiscounted quote', () => {
    expect(evaluateRules(compiled, facts('0'))).toEqual({ firing: [], levels: [], needsApproval: false });
  });
});
