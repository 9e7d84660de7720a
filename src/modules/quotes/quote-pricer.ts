import type { Kysely } from 'kysely';
import { catalogRepository } from '../catalog/index.ts';
import type { DatabaseSchema } from '../../kernel/db/db-schema.ts';
import type { PortalId } from '../../kernel/db/portal-id.ts';
import { PricingRequestSchema, type PricingResponse } from '../pricing/index.ts';
import { priceQuote } from '../pricing/index.ts';
import { AppError } from '../../kernel/errors/app-error.ts';
import { parseInput } from '../../kernel/errors/parse-input.ts';
import { accountPricingRepository } from './account-pricing-repository.ts';
import { portalSettingsRepository } from '../settings/index.ts';
import { buildPricingRequest, priceInputsHash, referencedScheduleIds } from './quote-pricing-request.ts';
import type { QuoteSettings, StoredQuoteLine } from './quote-record.ts';
import { QUOTE_ERROR } from './quote-error-codes.ts';

export interface PriceableQuote {
  currency: string;
  companyId: string | null;
  settings: QuoteSettings;
  /** Lines without names yet are fine: names are filled from the catalog. */
  lines: ReadonlyArray<Omit<StoredQuoteLine, 'name'> & { name?: string }>;
}

export interface PricedQuote {
  lines: StoredQuoteLine[];
  priced: PricingResponse;
  priceInputsHash: string;
}

/** YYYY-MM-DD (UTC) of an epoch-millisecond instant: the pricing date of a save. */
export function pricingDateOf(epochMs: number): string {
  return new Date(epochMs).toISOString().slice(0, 10);
}

/**
 * Loads what a quote's price depends on (its products, their schedules, the company's account
 * pricing), builds the engine request and prices it. A SKU missing from the catalog is a 400 on
 * `lines.<n>.sku`: the card only offers catalog products, so it means a stale or forged request.
 */
export async function priceQuoteFromCatalog(
  db: Kysely<DatabaseSchema>,
  portalId: PortalId,
  quote: PriceableQuote,
  nowMs: number,
): Promise<PricedQuote> {
  const { request, names } = await loadRequest(db, portalId, quote, nowMs);
  const missing = quote.lines.flatMap((line, index) =>
    names.has(line.sku)
      ? []
      : [{ path: `lines.${index}.sku`, message: `no product with sku "${line.sku}" in the catalog` }],
  );
  if (missing.length > 0)
    throw new AppError('validation', QUOTE_ERROR.QUOTE_UNKNOWN_SKU, missing[0]?.message ?? 'unknown sku', {
      issues: missing,
    });
  const hash = priceInputsHash(request);
  const priced = priceQuote(parseInput(PricingRequestSchema, request, QUOTE_ERROR.QUOTE_INVALID));
  return {
    lines: quote.lines.map((line) => ({ ...line, name: names.get(line.sku) ?? line.sku })),
    priced,
    priceInputsHash: hash,
  };
}

/** The fingerprint today's catalog and account pricing would give this quote (no pricing). */
export async function currentPriceInputsHash(
  db: Kysely<DatabaseSchema>,
  portalId: PortalId,
  quote: PriceableQuote,
  nowMs: number,
): Promise<string> {
  return priceInputsHash((await loadRequest(db, portalId, quote, nowMs)).request);
}

async function loadRequest(db: Kysely<DatabaseSchema>, portalId: PortalId, quote: PriceableQuote, nowMs: number) {
  const entries = await catalogRepository.productsBySku(
    db,
    portalId,
    quote.lines.map((l) => l.sku),
  );
  const products = entries.map((e) => e.product);
  const schedules = await catalogRepository.schedulesById(db, portalId, referencedScheduleIds(products));
  const account = quote.companyId
    ? ((await accountPricingRepository.get(db, portalId, quote.companyId))?.pricing ?? null)
    : null;
  const lines = quote.lines.map((l) => ({ ...l, name: l.name ?? l.sku }));
  // Every (re)pricing uses the portal's rounding mode of that moment; a changed setting reaches a
  // saved quote on its next save (the stale-price fingerprint does not include it).
  const { roundingMode } = (await portalSettingsRepository.get(db, portalId)).settings;
  const request = buildPricingRequest({
    currency: quote.currency,
    settings: quote.settings,
    lines,
    products,
    schedules,
    account,
    pricingDate: pricingDateOf(nowMs),
    roundingMode,
  });
  return { request, names: new Map(products.map((p) => [p.sku, p.name ?? p.sku])) };
}
