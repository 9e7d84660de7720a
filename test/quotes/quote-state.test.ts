import { AppError } from '../../src/kernel/errors/app-error.ts';
import {
  assertCurrencyAllowed,
  assertExpectedRevision,
  cloneTitle,
  defaultExpirationDate,
  defaultQuoteTitle,
  isPrimaryOnCreate,
  needsHubSpotSync,
  nextRevision,
  planPrimarySwitch,
} from '../../src/modules/quotes/domain/quote-state.ts';

function codeOf(run: () => void): string | undefined {
  try {
    run();
  } catch (error) {
    return error instanceof AppError ? `${error.kind}:${error.code}` : 'not-an-app-error';
  }
  return undefined;
}

describe('quote state rules (pure)', () => {
  test('the first quote of a deal becomes primary; later ones do not', () => {
    expect(isPrimaryOnCreate(undefined)).toBe(true);
    expect(isPrimaryOnCreate('q-1')).toBe(false);
  });

  test('switching the primary unflags the previous one first, each at its next revision, and syncs both', () => {
    const plan = planPrimarySwitch(
      { id: 'q-2', isPrimary: false, revision: 3 },
      { id: 'q-1', isPrimary: true, revision: 7 },
    );
    expect(plan).toEqual({
      changes: [
        { quoteId: 'q-1', isPrimary: false, revision: 8 },
        { quoteId: 'q-2', isPrimary: true, revision: 4 },
      ],
      sync: ['q-1', 'q-2'],
    });
  });

  test('a deal without a primary: only the target is flagged', () => {
    expect(planPrimarySwitch({ id: 'q-2', isPrimary: false, revision: 1 }, undefined)).toEqual({
      changes: [{ quoteId: 'q-2', isPrimary: true, revision: 2 }],
      sync: ['q-2'],
    });
  });

  test('making the primary quote primary again changes and syncs nothing', () => {
    expect(
      planPrimarySwitch({ id: 'q-1', isPrimary: true, revision: 5 }, { id: 'q-1', isPrimary: true, revision: 5 }),
    ).toEqual({
      changes: [],
      sync: [],
    });
  });

  test('every change is the next revision; a stale expected revision is a 409 conflict', () => {
    expect(nextRevision(1)).toBe(2);
    expect(codeOf(() => assertExpectedRevision(undefined, 4))).toBeUndefined();
    expect(codeOf(() => assertExpectedRevision(4, 4))).toBeUndefined();
    expect(codeOf(() => assertExpectedRevision(3, 4))).toBe('conflict:QUOTE_REVISION_CONFLICT');
  });

  test('only a primary quote (or one that was primary before the change) is synced to the deal', () => {
    expect(needsHubSpotSync({ isPrimary: true })).toBe(true);
    expect(needsHubSpotSync({ isPrimary: false })).toBe(false);
  });

  test('the default expiry is the portal number of days after today (UTC date), across a month end', () => {
    const now = Date.UTC(2026, 0, 20, 23, 30);
    expect(defaultExpirationDate(now, 30)).toBe('2026-02-19');
    expect(defaultExpirationDate(now, 0)).toBe('2026-01-20');
  });

  test('a chosen currency must be allowed by the portal (400 naming the currency field)', () => {
    expect(codeOf(() => assertCurrencyAllowed('EUR', ['USD', 'EUR']))).toBeUndefined();
    expect(codeOf(() => assertCurrencyAllowed('GBP', ['USD', 'EUR']))).toBe('validation:QUOTE_CURRENCY_NOT_ALLOWED');
  });

  test('default and clone titles', () => {
    expect(defaultQuoteTitle(0)).toBe('Quote 1');
    expect(defaultQuoteTitle(2)).toBe('Quote 3');
    expect(cloneTitle('Quote 1')).toBe('Quote 1 (copy)');
  });
});
