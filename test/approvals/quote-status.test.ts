import {
  QUOTE_STATUSES,
  isOpenForBuyer,
  transition,
  type QuoteStatus,
  type QuoteStatusEvent,
} from '../../src/modules/quotes/domain/quote-status.ts';

const TODAY = '2026-12-02';
const VALID = { today: TODAY, expirationDate: '2026-12-31' };
const LAPSED = { today: TODAY, expirationDate: '2026-12-01' };

const EVENTS: Record<string, QuoteStatusEvent> = {
  'submit (rules fire)': { type: 'submit', needsApproval: true },
  'submit (no rule fires)': { type: 'submit', needsApproval: false },
  approve: { type: 'approve' },
  reject: { type: 'reject' },
  recall: { type: 'recall' },
  present: { type: 'present', ...VALID },
  accept: { type: 'accept', ...VALID },
  decline: { type: 'decline' },
  'expire (date passed)': { type: 'expire', ...LAPSED },
  contract: { type: 'contract' },
  'edit (outside approval)': { type: 'edit', withinApproval: false },
  'edit (within approval)': { type: 'edit', withinApproval: true },
};

/** Every (status, event) pair: the target status, or the refusal code. */
const EXPECTED: Record<QuoteStatus, Record<string, string>> = {
  draft: {
    'submit (rules fire)': 'pending_approval',
    'submit (no rule fires)': 'approved',
    'expire (date passed)': 'expired',
    'edit (outside approval)': 'draft',
    'edit (within approval)': 'draft',
  },
  pending_approval: {
    approve: 'approved',
    reject: 'rejected',
    recall: 'draft',
    'expire (date passed)': 'expired',
    'edit (outside approval)': 'draft',
    'edit (within approval)': 'draft',
  },
  approved: {
    present: 'presented',
    'expire (date passed)': 'expired',
    'edit (outside approval)': 'draft',
    'edit (within approval)': 'approved',
  },
  rejected: {
    'submit (rules fire)': 'pending_approval',
    'submit (no rule fires)': 'approved',
    'expire (date passed)': 'expired',
    'edit (outside approval)': 'draft',
    'edit (within approval)': 'draft',
  },
  presented: {
    present: 'presented',
    accept: 'accepted',
    decline: 'declined',
    'expire (date passed)': 'expired',
    'edit (outside approval)': 'draft',
    'edit (within approval)': 'approved',
  },
  accepted: {
    contract: 'contracted',
    'edit (outside approval)': 'QUOTE_LOCKED',
    'edit (within approval)': 'QUOTE_LOCKED',
  },
  declined: { 'edit (outside approval)': 'draft', 'edit (within approval)': 'draft' },
  expired: { accept: 'QUOTE_EXPIRED', 'edit (outside approval)': 'draft', 'edit (within approval)': 'draft' },
  contracted: { 'edit (outside approval)': 'QUOTE_LOCKED', 'edit (within approval)': 'QUOTE_LOCKED' },
};

function outcome(from: QuoteStatus, event: QuoteStatusEvent): string {
  const result = transition(from, event);
  return result.ok ? result.to : result.code;
}

describe('quote status machine', () => {
  const cases = QUOTE_STATUSES.flatMap((from) => Object.keys(EVENTS).map((name) => [from, name] as const));
  it.each(cases)('from %s on %s goes exactly where the table says (anything else is refused)', (from, name) => {
    const event = EVENTS[name];
    if (!event) throw new Error(name);
    const expected =
      EXPECTED[from][name] ?? (from === 'accepted' || from === 'contracted' ? 'QUOTE_LOCKED' : 'QUOTE_STATUS_CONFLICT');
    expect(outcome(from, event)).toBe(expected);
  });

  it('a presented quote past its expiration date cannot be accepted', () => {
    expect(outcome('presented', { type: 'accept', ...LAPSED })).toBe('QUOTE_EXPIRED');
  });

  it('a quote is still valid on its expiration date and cannot be expired before it has passed', () => {
    expect(outcome('presented', { type: 'accept', today: '2026-12-31', expirationDate: '2026-12-31' })).toBe(
      'accepted',
    );
    expect(outcome('presented', { type: 'expire', ...VALID })).toBe('QUOTE_NOT_EXPIRED');
  });

  it('an approved quote past its expiration date cannot be presented', () => {
    expect(outcome('approved', { type: 'present', ...LAPSED })).toBe('QUOTE_EXPIRED');
  });

  it('editing a presented quote revokes its buyer link, within the approval or not', () => {
    for (const withinApproval of [true, false]) {
      const result = transition('presented', { type: 'edit', withinApproval });
      expect(result.ok && result.effects.revokeBuyerLinks).toBe(true);
    }
  });

  it('editing outside the approval clears it; within keeps it', () => {
    const outside = transition('approved', { type: 'edit', withinApproval: false });
    const within = transition('approved', { type: 'edit', withinApproval: true });
    expect(outside.ok && outside.effects.clearApproval).toBe(true);
    expect(within.ok && within.effects.clearApproval).toBe(false);
  });

  it('recall, edit and expiry of a pending quote cancel its approval request', () => {
    for (const event of [EVENTS.recall, EVENTS['edit (within approval)'], EVENTS['expire (date passed)']]) {
      const result = transition('pending_approval', event as QuoteStatusEvent);
      expect(result.ok && result.effects.cancelApprovalRequest).toBe(true);
    }
  });

  it('presenting again supersedes the previous buyer link; declining and expiring revoke it', () => {
    const again = transition('presented', { type: 'present', ...VALID });
    expect(again.ok && again.effects.revokeBuyerLinks).toBe(true);
    const declined = transition('presented', { type: 'decline' });
    expect(declined.ok && declined.effects.revokeBuyerLinks).toBe(true);
    const expired = transition('presented', { type: 'expire', ...LAPSED });
    expect(expired.ok && expired.effects.revokeBuyerLinks).toBe(true);
  });

  it('only a presented, unexpired quote is open for the buyer', () => {
    expect(isOpenForBuyer('presented', TODAY, '2026-12-02')).toBe(true);
    expect(isOpenForBuyer('presented', TODAY, '2026-12-01')).toBe(false);
    expect(isOpenForBuyer('approved', TODAY, '2026-12-31')).toBe(false);
  });
});
