/**
 * The quote status machine (pure). A quote moves
 *   draft -> pending_approval -> approved | rejected -> presented -> accepted | declined | expired
 * and accepted -> contracted (set by the contracts module). The shape follows Salesforce CPQ's
 * quote statuses with Advanced Approvals ("Approve, Reject, or Recall Quotes", Salesforce Help):
 * an approved quote is presented to the buyer, and changing it afterwards sends it back for
 * approval unless the change stays inside what was approved ("Smart Approvals", Salesforce Help).
 *
 * The functions here decide only; writing the status, the audit row and revoking buyer links is
 * the caller's job (quote-status-store.ts, the approvals module).
 */
export const QUOTE_STATUSES = [
  'draft',
  'pending_approval',
  'approved',
  'rejected',
  'presented',
  'accepted',
  'declined',
  'expired',
  'contracted',
] as const;

export type QuoteStatus = (typeof QUOTE_STATUSES)[number];

export type QuoteStatusEvent =
  /** Rep submits; `needsApproval` false when no rule fires (or every firing rule is already approved). */
  | { type: 'submit'; needsApproval: boolean }
  /** The last approval step decided "approve". */
  | { type: 'approve' }
  | { type: 'reject' }
  /** Rep withdraws a pending request. */
  | { type: 'recall' }
  /** A buyer link is created; `today` and the quote's expiration date are ISO `YYYY-MM-DD`. */
  | { type: 'present'; today: string; expirationDate: string }
  | { type: 'accept'; today: string; expirationDate: string }
  | { type: 'decline' }
  /** The daily expiry job: only once the expiration date has passed. */
  | { type: 'expire'; today: string; expirationDate: string }
  /** The contracts module created the contract for an accepted quote. */
  | { type: 'contract' }
  /** The rep saved a change; `withinApproval` = every value the approval covered is no worse. */
  | { type: 'edit'; withinApproval: boolean };

export interface TransitionEffects {
  /** The quote's buyer link(s) must stop working (the presented document changed or was withdrawn). */
  revokeBuyerLinks: boolean;
  /** An open approval request is cancelled (edit or recall while pending). */
  cancelApprovalRequest: boolean;
  /** The approval envelope (smart approval) no longer applies. */
  clearApproval: boolean;
}

export type TransitionResult =
  | { ok: true; from: QuoteStatus; to: QuoteStatus; effects: TransitionEffects }
  | { ok: false; from: QuoteStatus; code: QuoteStatusErrorCode; message: string };

export type QuoteStatusErrorCode = 'QUOTE_STATUS_CONFLICT' | 'QUOTE_EXPIRED' | 'QUOTE_NOT_EXPIRED' | 'QUOTE_LOCKED';

/** Statuses a buyer's decision or a contract has made final: no edit, no expiry. */
export const FINAL_STATUSES: ReadonlySet<QuoteStatus> = new Set<QuoteStatus>(['accepted', 'contracted']);

/** Statuses the daily expiry job looks at. */
export const EXPIRABLE_STATUSES: readonly QuoteStatus[] = [
  'draft',
  'pending_approval',
  'approved',
  'rejected',
  'presented',
];

const NONE: TransitionEffects = { revokeBuyerLinks: false, cancelApprovalRequest: false, clearApproval: false };

function move(from: QuoteStatus, to: QuoteStatus, effects: Partial<TransitionEffects> = {}): TransitionResult {
  return { ok: true, from, to, effects: { ...NONE, ...effects } };
}

function refuse(from: QuoteStatus, event: QuoteStatusEvent['type']): TransitionResult {
  return {
    ok: false,
    from,
    code: FINAL_STATUSES.has(from) ? 'QUOTE_LOCKED' : 'QUOTE_STATUS_CONFLICT',
    message: `A ${from.replace('_', ' ')} quote cannot be ${PAST_TENSE[event]}`,
  };
}

const PAST_TENSE: Record<QuoteStatusEvent['type'], string> = {
  submit: 'submitted for approval',
  approve: 'approved',
  reject: 'rejected',
  recall: 'recalled',
  present: 'presented',
  accept: 'accepted',
  decline: 'declined',
  expire: 'expired',
  contract: 'contracted',
  edit: 'edited',
};

/** ISO dates compare correctly as strings (fixed-width YYYY-MM-DD). A quote is valid through its expiration date. */
export function isPastExpiry(today: string, expirationDate: string): boolean {
  return today > expirationDate;
}

export function transition(from: QuoteStatus, event: QuoteStatusEvent): TransitionResult {
  switch (event.type) {
    case 'submit':
      if (from !== 'draft' && from !== 'rejected') return refuse(from, event.type);
      return move(from, event.needsApproval ? 'pending_approval' : 'approved');
    case 'approve':
    case 'reject':
      if (from !== 'pending_approval') return refuse(from, event.type);
      return move(from, event.type === 'approve' ? 'approved' : 'rejected');
    case 'recall':
      if (from !== 'pending_approval') return refuse(from, event.type);
      return move(from, 'draft', { cancelApprovalRequest: true });
    case 'present':
      if (from !== 'approved' && from !== 'presented') return refuse(from, event.type);
      if (isPastExpiry(event.today, event.expirationDate))
        return { ok: false, from, code: 'QUOTE_EXPIRED', message: `The quote expired on ${event.expirationDate}` };
      // Presenting again replaces the buyer link (the old one is superseded).
      return move(from, 'presented', { revokeBuyerLinks: from === 'presented' });
    case 'accept':
      if (from === 'expired' || (from === 'presented' && isPastExpiry(event.today, event.expirationDate)))
        return { ok: false, from, code: 'QUOTE_EXPIRED', message: `The quote expired on ${event.expirationDate}` };
      if (from !== 'presented') return refuse(from, event.type);
      return move(from, 'accepted', { revokeBuyerLinks: false });
    case 'decline':
      if (from !== 'presented') return refuse(from, event.type);
      return move(from, 'declined', { revokeBuyerLinks: true });
    case 'expire':
      if (!EXPIRABLE_STATUSES.includes(from)) return refuse(from, event.type);
      if (!isPastExpiry(event.today, event.expirationDate))
        return {
          ok: false,
          from,
          code: 'QUOTE_NOT_EXPIRED',
          message: `The quote is valid until ${event.expirationDate}`,
        };
      return move(from, 'expired', {
        revokeBuyerLinks: from === 'presented',
        cancelApprovalRequest: from === 'pending_approval',
      });
    case 'contract':
      if (from !== 'accepted') return refuse(from, event.type);
      return move(from, 'contracted');
    case 'edit':
      return editTransition(from, event.withinApproval);
  }
}

/**
 * Saving a change. Approved and presented quotes stay approved when the change is within the
 * approval (smart approval); a presented quote's buyer link is revoked either way, because the
 * buyer would otherwise accept a document that no longer matches the quote.
 */
function editTransition(from: QuoteStatus, withinApproval: boolean): TransitionResult {
  switch (from) {
    case 'draft':
      return move(from, 'draft');
    case 'pending_approval':
      return move(from, 'draft', { cancelApprovalRequest: true });
    case 'rejected':
    case 'declined':
    case 'expired':
      return move(from, 'draft', { clearApproval: true });
    case 'approved':
    case 'presented':
      return withinApproval
        ? move(from, 'approved', { revokeBuyerLinks: from === 'presented' })
        : move(from, 'draft', { revokeBuyerLinks: from === 'presented', clearApproval: true });
    case 'accepted':
    case 'contracted':
      return refuse(from, 'edit');
  }
}

/** Can a buyer still act on a quote in this status on this day? */
export function isOpenForBuyer(status: QuoteStatus, today: string, expirationDate: string): boolean {
  return status === 'presented' && !isPastExpiry(today, expirationDate);
}
