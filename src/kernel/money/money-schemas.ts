import { z } from 'zod';
import { CURRENCY_CODES, isCurrencyCode } from './currency-minor-units.ts';
import { DECIMAL_STRING_MAX_LENGTH, DECIMAL_STRING_PATTERN, Decimal } from './money.ts';

/**
 * Zod building blocks for money in every JSON contract ("decimals are JSON strings; any exact
 * decimal string is accepted on input"). The strings stay strings in the parsed request; engines
 * turn them into Decimals. Every module's schemas use these (never z.number() for money).
 */
export const DecimalString = z
  .string()
  .max(DECIMAL_STRING_MAX_LENGTH, { message: 'must be a decimal string of at most 60 characters', abort: true })
  .regex(DECIMAL_STRING_PATTERN, { message: 'must be an exact decimal string such as "30" or "30.00"', abort: true })
  .meta({ id: 'DecimalString', description: 'An exact decimal as a string ("30", "30.00", "-2.5"); no exponent.' });

export const PositiveDecimalString = DecimalString.refine((text) => new Decimal(text).gt(0), 'must be greater than 0');

export const NonNegativeDecimalString = DecimalString.refine(
  (text) => !new Decimal(text).lt(0),
  'must not be negative',
);

/** A discount percent: at most 100 (a 100% discount prices at 0); negative values are surcharges. */
export const DiscountPercentString = DecimalString.refine((text) => new Decimal(text).lte(100), 'must be at most 100');

export const CurrencyCode = z
  .enum(CURRENCY_CODES, { error: (issue) => `unknown ISO 4217 currency code ${JSON.stringify(issue.input)}` })
  .meta({ id: 'CurrencyCode', description: 'An active ISO 4217 code with defined minor units.' });

const CurrencyKey = z
  .string()
  .regex(/^[A-Z]{3}$/)
  .refine(isCurrencyCode);

/** Amounts per currency, `{ "USD": "100", "EUR": "92" }`; a bad code is reported at its own path. */
export const CurrencyAmounts = z
  .record(CurrencyKey, DecimalString, {
    error: (issue) =>
      issue.code === 'invalid_key' ? `unknown ISO 4217 currency code ${JSON.stringify(issue.input)}` : undefined,
  })
  .meta({ id: 'CurrencyAmounts', description: 'Amounts per ISO 4217 currency code, e.g. { "USD": "100" }.' });

export const IsoDate = z.iso.date({ error: 'must be a calendar date YYYY-MM-DD' }).meta({ id: 'IsoDate' });
