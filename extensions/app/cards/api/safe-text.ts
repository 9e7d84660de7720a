import { z } from 'zod';

/**
 * The one schema for text that comes from outside (card requests, webhook values, import files,
 * query strings). PostgreSQL's text type cannot hold NUL (U+0000), and a lone UTF-16 surrogate
 * (`"\ud800"` in JSON) has no UTF-8 encoding: either one reaching the database fails the whole
 * request. Both are refused here, with a length bound, so the caller answers 400 naming the field.
 * It lives with the card schemas because HubSpot bundles the cards package on its own (zod only);
 * the backend takes it from src/kernel/text/safe-text.ts.
 */
export const SAFE_TEXT_MAX_LENGTH = 10_000;

/** The longest SKU the card accepts; catalog imports and the pricing engine use the same bound. */
export const SKU_MAX_LENGTH = 200;

/** No NUL, and every surrogate paired (written as a regex so JSON Schema can carry it as a pattern). */
export const STORABLE_TEXT_PATTERN =
  // eslint-disable-next-line no-control-regex -- matching NUL is the point
  /^[^\u0000\uD800-\uDFFF]*(?:[\uD800-\uDBFF][\uDC00-\uDFFF][^\u0000\uD800-\uDFFF]*)*$/;

export const STORABLE_TEXT_MESSAGE = 'must be text without NUL characters or unpaired UTF-16 surrogates';

export function safeText(options: { min?: number; max?: number } = {}): z.ZodString {
  const { min = 0, max = SAFE_TEXT_MAX_LENGTH } = options;
  const bounded = z.string().max(max, { message: `must be at most ${max} characters`, abort: true });
  return (min > 0 ? bounded.min(min) : bounded).regex(STORABLE_TEXT_PATTERN, STORABLE_TEXT_MESSAGE);
}

export const SafeText = safeText();
export const SkuText = safeText({ min: 1, max: SKU_MAX_LENGTH });
