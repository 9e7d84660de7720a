import { AppError } from '../../../kernel/errors/app-error.ts';
import { QUOTE_ERROR } from '../quote-error-codes.ts';

/**
 * The quote rules that need no database (pure; the service loads, calls these, then writes):
 * one primary quote per deal, revisions for optimistic concurrency, expiry and allowed currencies.
 * Sources: Salesforce Help "Sync a Quote with an Opportunity" (one synced quote per opportunity:
 * here the primary quote per deal), HubSpot Knowledge Base "Create and send quotes" (a quote has an
 * expiration date), docs/quotes.md of this repository.
 */

const MS_PER_DAY = 86_400_000;

export interface QuoteRevisionState {
  id: string;
  isPrimary: boolean;
  revision: number;
}

/** Every saved change of a quote (lines, fields, primary flag, archive) is a new revision. */
export function nextRevision(revision: number): number {
  return revision + 1;
}

/** Optimistic concurrency: the card's last-seen revision must still be the stored one, else 409. */
export function assertExpectedRevision(expected: number | undefined, current: number): void {
  if (expected !== undefined && expected !== current) {
    throw new AppError(
      'conflict',
      QUOTE_ERROR.QUOTE_REVISION_CONFLICT,
      `Quote changed since revision ${expected} (now ${current}); reload it`,
    );
  }
}

/** The first quote of a deal becomes its primary; later ones do not until chosen. */
export function isPrimaryOnCreate(currentPrimaryId: string | undefined): boolean {
  return currentPrimaryId === undefined;
}

export interface PrimaryFlagChange {
  quoteId: string;
  isPrimary: boolean;
  revision: number;
}

/**
 * Making `target` the deal's primary: the previous primary (if any) loses the flag, the target
 * gains it, each at its next revision, and both are synced to HubSpot (the deal mirrors only the
 * primary). An already-primary target changes nothing.
 */
export function planPrimarySwitch(
  target: QuoteRevisionState,
  previous: QuoteRevisionState | undefined,
): { changes: PrimaryFlagChange[]; sync: string[] } {
  if (target.isPrimary) return { changes: [], sync: [] };
  const changes: PrimaryFlagChange[] = [];
  if (previous && previous.id !== target.id)
    changes.push({ quoteId: previous.id, isPrimary: false, revision: nextRevision(previous.revision) });
  changes.push({ quoteId: target.id, isPrimary: true, revision: nextRevision(target.revision) });
  return { changes, sync: changes.map((change) => change.quoteId) };
}

/** Only the primary quote is mirrored on the deal: a change is synced when the quote is (or was) primary. */
export function needsHubSpotSync(quote: { isPrimary: boolean }): boolean {
  return quote.isPrimary;
}

/** The default expiry: the portal's number of days after today (UTC calendar date, YYYY-MM-DD). */
export function defaultExpirationDate(nowMs: number, expiryDays: number): string {
  return new Date(nowMs + expiryDays * MS_PER_DAY).toISOString().slice(0, 10);
}

/** A chosen currency (new quote, currency change) must be one the portal allows. */
export function assertCurrencyAllowed(currency: string, allowed: readonly string[]): void {
  if (allowed.includes(currency)) return;
  throw new AppError(
    'validation',
    QUOTE_ERROR.QUOTE_CURRENCY_NOT_ALLOWED,
    `Currency ${currency} is not allowed in this portal (${allowed.join(', ')})`,
    { issues: [{ path: 'currency', message: `must be one of ${allowed.join(', ')}` }] },
  );
}

/** `Quote N` for the deal's Nth quote when the rep gives no title. */
export function defaultQuoteTitle(existingQuotes: number): string {
  return `Quote ${existingQuotes + 1}`;
}

/** A clone is a new quote (revision 1, not primary) titled after its source. */
export function cloneTitle(title: string): string {
  return `${title} (copy)`;
}
