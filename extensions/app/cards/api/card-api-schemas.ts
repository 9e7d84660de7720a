import { z } from 'zod';
import { SkuText, safeText } from './safe-text.ts';

/**
 * The card API contract (`/api/v1/...`), shared by the backend (parses requests, builds responses
 * with these schemas) and the cards (type their calls, check responses). It lives under
 * extensions/app/cards/ because HubSpot bundles the cards package on its own at upload time and
 * cannot reach src/; the backend imports it from here. It must only import zod (a dependency of
 * the cards package). Decimals are strings; the card never does arithmetic on them.
 */
const DECIMAL_PATTERN = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)$/;
export const DecimalText = z
  .string()
  .max(60)
  .regex(DECIMAL_PATTERN, 'must be an exact decimal string such as "30" or "30.00"');
const Currency = z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code such as "USD"');
const CalendarDate = z.iso.date({ error: 'must be a calendar date YYYY-MM-DD' });
const HubSpotId = z.string().regex(/^[0-9]{1,20}$/, 'must be a HubSpot object id');

export const AdditionalDiscountSchema = z.union([
  z.strictObject({ percent: DecimalText }),
  z.strictObject({ amount: DecimalText }),
]);

export const QuoteLineInputSchema = z.strictObject({
  /** Omitted on new lines: the backend assigns a stable id. */
  id: safeText({ min: 1, max: 64 }).optional(),
  sku: SkuText,
  quantity: DecimalText,
  additionalDiscount: AdditionalDiscountSchema.nullable().optional(),
  /** Per-line term override in months. */
  termMonths: DecimalText.nullable().optional(),
});

export const QuoteOptionsSchema = z.strictObject({
  applyAdditionalDiscountLast: z.boolean().optional(),
  channelDiscountsOffList: z.boolean().optional(),
});

/** Most lines one request may carry (hubspot.fetch bodies are capped at 1 MB). */
export const MAX_LINES_PER_REQUEST = 2000;

export const QuoteDraftInputSchema = z.strictObject({
  companyId: HubSpotId.nullable().optional(),
  title: safeText({ min: 1, max: 200 }).optional(),
  currency: Currency,
  termMonths: DecimalText.nullable().optional(),
  expirationDate: CalendarDate.optional(),
  options: QuoteOptionsSchema.optional(),
  lines: z.array(QuoteLineInputSchema).max(MAX_LINES_PER_REQUEST),
});

export const QuoteUpdateInputSchema = z.strictObject({
  /** Optimistic concurrency: the revision the card last saw; a newer one on the server = 409. */
  expectedRevision: z.number().int().positive().optional(),
  companyId: HubSpotId.nullable().optional(),
  title: safeText({ min: 1, max: 200 }).optional(),
  currency: Currency.optional(),
  termMonths: DecimalText.nullable().optional(),
  expirationDate: CalendarDate.optional(),
  options: QuoteOptionsSchema.optional(),
  /** Replace every line (small quotes)... */
  lines: z.array(QuoteLineInputSchema).max(MAX_LINES_PER_REQUEST).optional(),
  /** ...or change some lines of a large quote: upserted by id (new ones appended), removed by id. */
  lineChanges: z
    .strictObject({
      upsert: z.array(QuoteLineInputSchema).max(MAX_LINES_PER_REQUEST).optional(),
      remove: z
        .array(safeText({ min: 1, max: 64 }))
        .max(MAX_LINES_PER_REQUEST)
        .optional(),
    })
    .optional(),
});

export const LinePageQuerySchema = z.object({
  lineOffset: z.coerce.number().int().min(0).default(0),
  lineLimit: z.coerce.number().int().min(1).max(500).default(100),
});

export const CatalogSearchQuerySchema = z.object({
  q: safeText({ max: 200 }).optional(),
  currency: Currency.optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
  offset: z.coerce.number().int().min(0).default(0),
});

const NullableDecimal = z.string().nullable();

export const CatalogItemSchema = z.object({
  sku: z.string(),
  name: z.string(),
  category: z.string().nullable(),
  hubspotProductId: z.string().nullable(),
  /** List price in the requested currency, null when the product has none in it. */
  listPrice: NullableDecimal,
  currencies: z.array(z.string()),
  recurring: z.boolean(),
  defaultTermMonths: NullableDecimal,
});

export const CatalogSearchResponseSchema = z.object({
  items: z.array(CatalogItemSchema),
  total: z.number().int(),
  offset: z.number().int(),
});

export const WaterfallStepViewSchema = z.object({
  step: z.string(),
  unitPrice: z.string(),
  detail: z.string().optional(),
});

export const QuoteLineViewSchema = z.object({
  id: z.string(),
  sku: z.string(),
  name: z.string(),
  quantity: z.string(),
  additionalDiscount: AdditionalDiscountSchema.nullable(),
  termMonths: NullableDecimal,
  status: z.enum(['priced', 'error']),
  recurring: z.boolean(),
  listUnitPrice: NullableDecimal,
  regularUnitPrice: NullableDecimal,
  netUnitPrice: NullableDecimal,
  listTotal: NullableDecimal,
  netTotal: NullableDecimal,
  waterfall: z.array(WaterfallStepViewSchema),
});

export const QuoteTotalsSchema = z.object({
  listTotal: z.string(),
  netTotal: z.string(),
  discountTotal: z.string(),
  oneTimeTotal: z.string(),
  recurringTotal: z.string(),
  mrr: z.string(),
  arr: z.string(),
  tcv: z.string(),
});

export const PricingMessageViewSchema = z.object({
  level: z.enum(['error', 'warning', 'info']),
  code: z.string(),
  lineId: z.string().nullable(),
  text: z.string(),
});

export const SyncStateSchema = z.object({
  /** none = never queued; queued/syncing/synced/failed follow the sync job. */
  state: z.enum(['none', 'queued', 'syncing', 'synced', 'failed']),
  at: z.string().nullable(),
});

/** The quote lifecycle (src/modules/quotes/domain/quote-status.ts; docs/approvals.md "Statuses"). */
export const QuoteStatusSchema = z.enum([
  'draft',
  'pending_approval',
  'approved',
  'rejected',
  'presented',
  'accepted',
  'declined',
  'expired',
  'contracted',
]);

export const QuoteViewSchema = z.object({
  /** null for a priced draft that was not saved. */
  id: z.string().nullable(),
  dealId: z.string(),
  companyId: z.string().nullable(),
  title: z.string(),
  currency: z.string(),
  status: QuoteStatusSchema,
  isPrimary: z.boolean(),
  revision: z.number().int(),
  termMonths: NullableDecimal,
  expirationDate: z.string(),
  /** The price book or account pricing changed after this snapshot was saved; saving reprices. */
  pricesChangedSinceSaved: z.boolean(),
  totals: QuoteTotalsSchema,
  messages: z.array(PricingMessageViewSchema),
  lines: z.object({
    items: z.array(QuoteLineViewSchema),
    offset: z.number().int(),
    limit: z.number().int(),
    total: z.number().int(),
  }),
  updatedAt: z.string().nullable(),
});

export const QuoteListItemSchema = z.object({
  id: z.string(),
  title: z.string(),
  currency: z.string(),
  status: QuoteStatusSchema,
  isPrimary: z.boolean(),
  revision: z.number().int(),
  netTotal: z.string(),
  lineCount: z.number().int(),
  updatedAt: z.string(),
});

export const QuoteListResponseSchema = z.object({ quotes: z.array(QuoteListItemSchema) });

/** A difference between HubSpot's deal and the primary quote, recorded from a webhook and not yet resolved. */
export const DivergenceSchema = z.object({
  id: z.number().int(),
  field: z.enum(['amount', 'line_items', 'dealstage']),
  quoteId: z.string().nullable(),
  hubspotValue: z.string().nullable(),
  appValue: z.string().nullable(),
  occurredAt: z.string(),
});

export const QuoteSummaryResponseSchema = z.object({
  primary: z
    .object({
      id: z.string(),
      title: z.string(),
      currency: z.string(),
      status: QuoteStatusSchema,
      revision: z.number().int(),
      totals: QuoteTotalsSchema,
      lineCount: z.number().int(),
      pricesChangedSinceSaved: z.boolean(),
      sync: SyncStateSchema,
      updatedAt: z.string(),
    })
    .nullable(),
  quoteCount: z.number().int(),
  /** Open divergences of the deal, newest first (added with the webhooks, docs/webhooks.md; absent from older servers = none). */
  divergences: z.array(DivergenceSchema).default([]),
});

const ContractedPriceInput = z.strictObject({
  sku: SkuText.optional(),
  category: safeText({ min: 1, max: 200 }).optional(),
  price: z.record(Currency, DecimalText).optional(),
  discountPercent: DecimalText.optional(),
  startDate: CalendarDate.optional(),
  endDate: CalendarDate.optional(),
});

export const AccountPricingSchema = z.strictObject({
  contractedPrices: z.array(ContractedPriceInput).max(10000).default([]),
  partnerDiscountPercent: DecimalText.nullable().default(null),
  distributorDiscountPercent: DecimalText.nullable().default(null),
  /** docs/pricing.md "How a quote is priced" (term proration) renewals: same | list | uplift (uplift needs upliftPercent). */
  renewalPricingMethod: z.enum(['same', 'list', 'uplift']).default('same'),
  upliftPercent: DecimalText.nullable().default(null),
});

export const AccountPricingResponseSchema = AccountPricingSchema.extend({
  companyId: z.string(),
  updatedAt: z.string().nullable(),
});

export const ErrorResponseSchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    issues: z.array(z.object({ path: z.string(), message: z.string() })),
  }),
});

export type QuoteLineInput = z.infer<typeof QuoteLineInputSchema>;
export type QuoteDraftInput = z.infer<typeof QuoteDraftInputSchema>;
export type QuoteUpdateInput = z.infer<typeof QuoteUpdateInputSchema>;
export type CatalogItem = z.infer<typeof CatalogItemSchema>;
export type CatalogSearchResponse = z.infer<typeof CatalogSearchResponseSchema>;
export type QuoteLineView = z.infer<typeof QuoteLineViewSchema>;
export type QuoteTotals = z.infer<typeof QuoteTotalsSchema>;
export type QuoteView = z.infer<typeof QuoteViewSchema>;
export type QuoteListItem = z.infer<typeof QuoteListItemSchema>;
export type QuoteListResponse = z.infer<typeof QuoteListResponseSchema>;
export type QuoteSummaryResponse = z.infer<typeof QuoteSummaryResponseSchema>;
export type AccountPricing = z.infer<typeof AccountPricingSchema>;
export type AccountPricingResponse = z.infer<typeof AccountPricingResponseSchema>;
export type SyncState = z.infer<typeof SyncStateSchema>;
export type Divergence = z.infer<typeof DivergenceSchema>;
