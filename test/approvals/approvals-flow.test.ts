import type { QuoteView } from '../../extensions/app/cards/api/card-api-schemas.ts';
import type {
  ApprovalPreview,
  BuyerLinkResponse,
  DecisionResponse,
  PendingApprovals,
  QuoteApproval,
  SubmitResponse,
} from '../../extensions/app/cards/api/approvals-api-schemas.ts';
import { expireDueQuotes } from '../../src/modules/approvals/quote-expiry-job.ts';
import { createLogger } from '../../src/kernel/logging/logger.ts';
import { errorOf } from '../support/http-harness.ts';
import {
  ACCEPTED_TEST_QUEUE,
  PORTAL,
  buyerPath,
  formFields,
  startLifecycle,
  type LifecycleHarness,
} from './lifecycle-harness.ts';
import { DEAL_STAGE_QUEUE } from '../../src/modules/approvals/buyer/buyer-link-service.ts';

const MANAGER = 20;
const ADMIN = 30;
const FINANCE = 42;

const CATALOG = JSON.stringify({
  products: [
    { sku: 'SEAT', name: 'Seat <licence>', category: 'software', prices: { USD: '100' }, cost: { USD: '20' } },
    { sku: 'SETUP', name: 'Onboarding', category: 'services', prices: { USD: '1000' }, cost: { USD: '300' } },
  ],
});

const RULES = {
  rules: [
    {
      id: 'discount',
      name: 'Line discount above 20%',
      conditions: [{ fact: 'maxLineDiscountPercent', operator: 'gt', value: '20' }],
      approvers: [{ kind: 'role', role: 'approver' }],
    },
    {
      id: 'big-deal',
      name: 'Net total above 5,000',
      level: 2,
      conditions: [{ fact: 'netTotal', operator: 'gt', value: '5000' }],
      approvers: [{ kind: 'user', userId: FINANCE }],
    },
  ],
};

async function json<T>(response: Response, status = 200): Promise<T> {
  if (response.status !== status) throw new Error(`${response.status}: ${await response.text()}`);
  return (await response.json()) as T;
}

let h: LifecycleHarness;

beforeAll(async () => {
  h = await startLifecycle();
  await h.importProducts(CATALOG);
  await h.grant(MANAGER, 'approver');
  await h.grant(ADMIN, 'admin');
  await json(await h.call('PUT', '/v1/approval-rules', RULES, ADMIN));
}, 120_000);

afterAll(async () => {
  await h?.close();
});

async function newQuote(deal: string, seats: string, discount: string, extra: object = {}): Promise<QuoteView> {
  return json<QuoteView>(
    await h.call('POST', `/v1/deals/${deal}/quotes`, {
      currency: 'USD',
      lines: [
        { sku: 'SEAT', quantity: seats, additionalDiscount: { percent: discount } },
        { sku: 'SETUP', quantity: '1' },
      ],
      ...extra,
    }),
    201,
  );
}

async function auditOf(quoteId: string) {
  return h.http.database.db
    .selectFrom('audit_log')
    .select(['action', 'details'])
    .where('portal_id', '=', PORTAL)
    .where('entity_id', '=', quoteId)
    .orderBy('id')
    .execute();
}

describe('approval rules admin API', () => {
  test('only admins read or replace rules', async () => {
    expect((await h.call('GET', '/v1/approval-rules', undefined, MANAGER)).status).toBe(403);
    expect((await h.call('PUT', '/v1/approval-rules', RULES, MANAGER)).status).toBe(403);
    const body = await json<{ rules: Array<{ id: string; level: number }> }>(
      await h.call('GET', '/v1/approval-rules', undefined, ADMIN),
    );
    expect(body.rules.map((r) => [r.id, r.level])).toEqual([
      ['discount', 1],
      ['big-deal', 2],
    ]);
  });

  test('a bad rule set is a 400 listing every bad row, and nothing changes', async () => {
    const response = await h.call(
      'PUT',
      '/v1/approval-rules',
      {
        rules: [
          { id: 'Bad Id', name: 'x', conditions: [{ fact: 'netTotal', operator: 'gt', value: '1' }], approvers: [] },
          { id: 'ok', name: 'y', logic: '1 OR 2', conditions: [{ fact: 'nope', operator: 'gt', value: 'x' }] },
        ],
      },
      ADMIN,
    );
    expect(response.status).toBe(400);
    const error = await errorOf(response);
    expect(error.code).toBe('APPROVAL_RULES_INVALID');
    expect(error.issues.map((i) => i.path).sort()).toEqual(
      [
        'rules.0.approvers',
        'rules.0.id',
        'rules.1.approvers',
        'rules.1.conditions.0.fact',
        'rules.1.conditions.0.value',
      ].sort(),
    );
    const after = await json<{ rules: unknown[] }>(await h.call('GET', '/v1/approval-rules', undefined, ADMIN));
    expect(after.rules).toHaveLength(2);
  });
});

describe('draft -> approval chain -> presented -> accepted', () => {
  test('two-level chain with a rejection, smart re-approval, buyer acceptance and the audit trail', async () => {
    // 60 seats at 25% off: 4,500.00 + 1,000.00 = 5,500.00 -> both rules fire
    const quote = await newQuote('7001', '60', '25');
    expect(quote.totals.netTotal).toBe('5500.00');
    const preview = await json<ApprovalPreview>(await h.call('GET', `/v1/quotes/${quote.id}/approval-preview`));
    expect(preview.rules.map((r) => [r.ruleId, r.level, r.alreadyApproved])).toEqual([
      ['discount', 1, false],
      ['big-deal', 2, false],
    ]);

    const submitted = await json<SubmitResponse>(await h.call('POST', `/v1/quotes/${quote.id}/submit`, {}));
    expect(submitted.status).toBe('pending_approval');
    const requestId = submitted.requestId ?? '';

    // Finance is level 2: not their turn yet.
    const early = await h.call('POST', `/v1/approval-requests/${requestId}/decision`, { decision: 'approve' }, FINANCE);
    expect(early.status).toBe(403);
    expect((await errorOf(early)).code).toBe('APPROVAL_NOT_YOURS');
    expect(
      (await json<PendingApprovals>(await h.call('GET', '/v1/approvals/pending', undefined, FINANCE))).items,
    ).toEqual([]);
    const managerQueue = await json<PendingApprovals>(await h.call('GET', '/v1/approvals/pending', undefined, MANAGER));
    expect(managerQueue.items.map((i) => [i.quoteId, i.netTotal, i.rules.map((r) => r.ruleId)])).toEqual([
      [quote.id, '5500.00', ['discount']],
    ]);

    const level1 = await json<DecisionResponse>(
      await h.call('POST', `/v1/approval-requests/${requestId}/decision`, { decision: 'approve' }, MANAGER),
    );
    expect(level1).toMatchObject({ outcome: 'pending', quoteStatus: 'pending_approval', decidedRules: ['discount'] });

    const noComment = await h.call(
      'POST',
      `/v1/approval-requests/${requestId}/decision`,
      { decision: 'reject' },
      FINANCE,
    );
    expect(noComment.status).toBe(400);
    expect((await errorOf(noComment)).issues).toEqual([
      { path: 'comment', message: 'a rejection needs a comment for the rep' },
    ]);
    const rejected = await json<DecisionResponse>(
      await h.call(
        'POST',
        `/v1/approval-requests/${requestId}/decision`,
        { decision: 'reject', comment: 'Too big for Q4 without a deposit' },
        FINANCE,
      ),
    );
    expect(rejected).toMatchObject({ outcome: 'rejected', quoteStatus: 'rejected' });
    const seen = await json<QuoteApproval>(await h.call('GET', `/v1/quotes/${quote.id}/approval`));
    expect(seen.request?.decisions.map((d) => [d.ruleId, d.decision, d.comment])).toEqual([
      ['discount', 'approve', null],
      ['big-deal', 'reject', 'Too big for Q4 without a deposit'],
    ]);

    // Resubmitted unchanged: the discount rule was approved at 25% and is not asked again.
    const again = await json<SubmitResponse>(await h.call('POST', `/v1/quotes/${quote.id}/submit`, {}));
    expect(again.status).toBe('pending_approval');
    const second = await json<QuoteApproval>(await h.call('GET', `/v1/quotes/${quote.id}/approval`));
    expect(second.request?.rules.map((r) => r.ruleId)).toEqual(['big-deal']);
    const approved = await json<DecisionResponse>(
      await h.call(
        'POST',
        `/v1/approval-requests/${again.requestId ?? ''}/decision`,
        { decision: 'approve', comment: 'Deposit agreed' },
        FINANCE,
      ),
    );
    expect(approved).toMatchObject({ outcome: 'approved', quoteStatus: 'approved' });

    const link = await json<BuyerLinkResponse>(await h.call('POST', `/v1/quotes/${quote.id}/present`, {}), 201);
    expect(link.status).toBe('presented');
    expect(link.url).toMatch(/^https:\/\/cpq\.test\.example\/q\/[A-Za-z0-9_-]{43}$/);

    const page = await h.buyer(buyerPath(link.url));
    const html = await page.text();
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(page.headers.get('x-robots-tag')).toBe('noindex, nofollow');
    expect(page.headers.get('referrer-policy')).toBe('no-referrer');
    expect(html).toContain('<td data-field="net-total">USD 5,500.00</td>');
    expect(html).toContain('Seat &lt;licence&gt;');
    expect(html).not.toContain('Seat <licence>');

    const { cookie, csrf, sha } = formFields(page, html);
    const form = new URLSearchParams({
      csrf,
      documentSha256: sha,
      fullName: 'Ada Buyer',
      title: 'CFO',
      consent: 'yes',
    });
    const post = () =>
      h.buyer(`${buyerPath(link.url)}/accept`, {
        method: 'POST',
        headers: { cookie, 'content-type': 'application/x-www-form-urlencoded', 'user-agent': 'jest-buyer' },
        body: form.toString(),
      });
    const [first, double] = [await post(), await post()];
    expect([first.status, double.status]).toEqual([303, 303]);

    const responses = await h.http.database.db
      .selectFrom('buyer_responses')
      .select(['decision', 'full_name', 'title', 'user_agent', 'document_sha256'])
      .where('portal_id', '=', PORTAL)
      .where('quote_id', '=', quote.id)
      .execute();
    expect(responses).toEqual([
      { decision: 'accepted', full_name: 'Ada Buyer', title: 'CFO', user_agent: 'jest-buyer', document_sha256: sha },
    ]);
    const accepted = await json<QuoteView>(await h.call('GET', `/v1/quotes/${quote.id}`));
    expect(accepted.status).toBe('accepted');
    const thanks = await (await h.buyer(buyerPath(link.url))).text();
    expect(thanks).toContain('Accepted by <strong>Ada Buyer</strong>, CFO');

    expect(await h.jobData(ACCEPTED_TEST_QUEUE)).toEqual([
      { portalId: PORTAL, quoteId: quote.id, dealId: '7001', acceptedAt: new Date(h.http.now.value).toISOString() },
    ]);
    expect(await h.jobData(DEAL_STAGE_QUEUE)).toEqual([{ portalId: PORTAL, dealId: '7001', quoteId: quote.id }]);

    const trail = await auditOf(quote.id ?? '');
    const transitions = trail.filter((a) => /^quote\.(submit|approve|reject|present|accept)$/.test(a.action));
    expect(transitions.map((a) => [a.action, a.details.from, a.details.to])).toEqual([
      ['quote.submit', 'draft', 'pending_approval'],
      ['quote.reject', 'pending_approval', 'rejected'],
      ['quote.submit', 'rejected', 'pending_approval'],
      ['quote.approve', 'pending_approval', 'approved'],
      ['quote.present', 'approved', 'presented'],
      ['quote.accept', 'presented', 'accepted'],
    ]);
    for (const row of transitions) expect(row.details.snapshotSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(trail.find((a) => a.action === 'quote.accept')?.details).toMatchObject({
      fullName: 'Ada Buyer',
      title: 'CFO',
      userAgent: 'jest-buyer',
      documentSha256: sha,
    });

    const locked = await h.call('PATCH', `/v1/quotes/${quote.id}`, { title: 'Changed' });
    expect(locked.status).toBe(409);
    expect((await errorOf(locked)).code).toBe('QUOTE_LOCKED');
  }, 120_000);
});

describe('refusal paths', () => {
  async function approvedQuote(deal: string, seats = '10', discount = '25', extra: object = {}) {
    const quote = await newQuote(deal, seats, discount, extra);
    const submitted = await json<SubmitResponse>(await h.call('POST', `/v1/quotes/${quote.id}/submit`, {}));
    await json(
      await h.call(
        'POST',
        `/v1/approval-requests/${submitted.requestId ?? ''}/decision`,
        { decision: 'approve' },
        MANAGER,
      ),
    );
    return quote;
  }

  test('a quote no rule fires on is approved at submit, without a request', async () => {
    const quote = await newQuote('7100', '1', '0');
    const submitted = await json<SubmitResponse>(await h.call('POST', `/v1/quotes/${quote.id}/submit`, {}));
    expect(submitted).toMatchObject({ status: 'approved', requestId: null });
  });

  test('an edit within the approval keeps it approved but revokes the buyer link; a worse edit returns to draft', async () => {
    const quote = await approvedQuote('7101');
    const link = await json<BuyerLinkResponse>(await h.call('POST', `/v1/quotes/${quote.id}/present`, {}), 201);
    const seatLine = quote.lines.items.find((l) => l.sku === 'SEAT')?.id ?? '';
    const within = await json<QuoteView>(
      await h.call('PATCH', `/v1/quotes/${quote.id}`, {
        lineChanges: { upsert: [{ id: seatLine, sku: 'SEAT', quantity: '9', additionalDiscount: { percent: '22' } }] },
      }),
    );
    expect(within.status).toBe('approved');
    const gone = await h.buyer(buyerPath(link.url));
    expect(gone.status).toBe(404);
    expect(await gone.text()).toContain('This quote link is not available');

    const worse = await json<QuoteView>(
      await h.call('PATCH', `/v1/quotes/${quote.id}`, {
        lineChanges: { upsert: [{ id: seatLine, sku: 'SEAT', quantity: '9', additionalDiscount: { percent: '30' } }] },
      }),
    );
    expect(worse.status).toBe('draft');
  }, 60_000);

  test('unknown, revoked and expired links all answer the same page', async () => {
    const quote = await approvedQuote('7102', '10', '25', { expirationDate: '2027-01-20' });
    const link = await json<BuyerLinkResponse>(await h.call('POST', `/v1/quotes/${quote.id}/present`, {}), 201);
    const unknown = await h.buyer(`/q/${'A'.repeat(43)}`);
    const garbage = await h.buyer('/q/not-a-token');
    const unknownBody = await unknown.text();
    expect([unknown.status, garbage.status]).toEqual([404, 404]);
    expect(await garbage.text()).toBe(unknownBody);

    expect((await h.buyer(buyerPath(link.url))).status).toBe(200);
    const saved = h.http.now.value;
    h.http.now.value = Date.UTC(2027, 0, 25);
    try {
      const logger = createLogger({ level: 'silent' });
      const deps = { db: h.http.database.db, jobs: h.jobs, now: () => h.http.now.value, logger };
      const firstRun = await expireDueQuotes(deps);
      expect(firstRun.expired).toBeGreaterThanOrEqual(1);
      expect(await expireDueQuotes(deps)).toEqual({ expired: 0, skipped: 0 });
      const expired = await json<QuoteView>(await h.call('GET', `/v1/quotes/${quote.id}`));
      expect(expired.status).toBe('expired');
      const page = await h.buyer(buyerPath(link.url));
      expect(page.status).toBe(404);
      expect(await page.text()).toBe(unknownBody);
    } finally {
      h.http.now.value = saved;
    }

    const other = await approvedQuote('7103');
    const revokedLink = await json<BuyerLinkResponse>(await h.call('POST', `/v1/quotes/${other.id}/present`, {}), 201);
    await json(await h.call('POST', `/v1/quotes/${other.id}/buyer-link/revoke`, {}));
    const revoked = await h.buyer(buyerPath(revokedLink.url));
    expect(revoked.status).toBe(404);
    expect(await revoked.text()).toBe(unknownBody);
  }, 90_000);

  test('a buyer form without the CSRF cookie or consent is refused and records nothing', async () => {
    const quote = await approvedQuote('7104');
    const link = await json<BuyerLinkResponse>(await h.call('POST', `/v1/quotes/${quote.id}/present`, {}), 201);
    const page = await h.buyer(buyerPath(link.url));
    const { cookie, csrf, sha } = formFields(page, await page.text());
    const send = (fields: Record<string, string>, withCookie: boolean) =>
      h.buyer(`${buyerPath(link.url)}/accept`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', ...(withCookie ? { cookie } : {}) },
        body: new URLSearchParams(fields).toString(),
      });
    const base = { csrf, documentSha256: sha, fullName: 'Eve', title: 'CEO' };
    expect((await send({ ...base, consent: 'yes' }, false)).status).toBe(400);
    expect((await send(base, true)).status).toBe(400);
    const rows = await h.http.database.db
      .selectFrom('buyer_responses')
      .select('link_id')
      .where('portal_id', '=', PORTAL)
      .where('quote_id', '=', quote.id)
      .execute();
    expect(rows).toEqual([]);
    const view = await json<QuoteView>(await h.call('GET', `/v1/quotes/${quote.id}`));
    expect(view.status).toBe('presented');
  }, 60_000);

  test('declining records the reason and the quote is declined', async () => {
    const quote = await approvedQuote('7105');
    const link = await json<BuyerLinkResponse>(await h.call('POST', `/v1/quotes/${quote.id}/present`, {}), 201);
    const page = await h.buyer(buyerPath(link.url));
    const { cookie, csrf, sha } = formFields(page, await page.text());
    const response = await h.buyer(`${buyerPath(link.url)}/decline`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ csrf, documentSha256: sha, reason: 'Went with a competitor' }).toString(),
    });
    expect(response.status).toBe(303);
    const view = await json<QuoteView>(await h.call('GET', `/v1/quotes/${quote.id}`));
    expect(view.status).toBe('declined');
  }, 60_000);
});
