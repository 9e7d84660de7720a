import { z } from 'zod';
import { Decimal, HUNDRED, formatDecimal, parseDecimal } from '../../../kernel/money/money.ts';
import type { QuoteRecord } from '../../quotes/index.ts';

/** Seller details and terms a portal shows on its documents (document_templates.branding). */
export const BrandingSchema = z.strictObject({
  sellerName: z.string().max(200).default('Your company'),
  addressLines: z.array(z.string().max(200)).max(6).default([]),
  /** https URL or data: URI of the logo image. */
  logoUrl: z
    .string()
    .max(200_000)
    .regex(/^(https:\/\/|data:image\/(png|jpeg|svg\+xml);base64,)/, 'must be an https URL or a data:image URI')
    .nullable()
    .default(null),
  terms: z.array(z.string().max(2000)).max(20).default([]),
  buyerName: z.string().max(200).nullable().default(null),
});
export type Branding = z.infer<typeof BrandingSchema>;

/** A bundle line may name its parent (configuration module); older lines have none. */
const LineParentSchema = z.object({ parentLineId: z.string().nullable().optional() }).passthrough();

export interface DocumentLine {
  id: string;
  sku: string;
  name: string;
  quantity: string;
  listUnitPrice: string | null;
  netUnitPrice: string | null;
  discountPercent: string | null;
  netTotal: string | null;
  recurring: boolean;
  termMonths: string | null;
}

export interface QuoteDocumentModel {
  seller: Branding;
  quote: {
    id: string;
    title: string;
    revision: number;
    currency: string;
    expirationDate: string;
    status: string;
  };
  /** Top-level lines, each with its bundle options (lines whose parentLineId names it). */
  groups: Array<{ line: DocumentLine; children: DocumentLine[] }>;
  totals: QuoteRecord['priced']['totals'];
  hasRecurring: boolean;
  hasOneTime: boolean;
  acceptance: { fullName: string; title: string | null; acceptedAt: string } | null;
}

function discountOf(list: string | null, net: string | null): string | null {
  if (list === null || net === null) return null;
  const listValue = parseDecimal(list);
  if (listValue.isZero()) return null;
  const percent = listValue.minus(parseDecimal(net)).div(listValue).times(HUNDRED);
  return percent.isZero() ? null : formatDecimal(percent.toDecimalPlaces(2, Decimal.ROUND_HALF_UP));
}

export function buildDocumentModel(
  quote: QuoteRecord,
  branding: Branding,
  acceptance: QuoteDocumentModel['acceptance'] = null,
): QuoteDocumentModel {
  const pricedById = new Map(quote.priced.lines.map((l) => [l.id, l]));
  const lines = quote.lines.map((stored) => {
    const priced = pricedById.get(stored.id);
    const parent = LineParentSchema.safeParse(stored);
    const line: DocumentLine = {
      id: stored.id,
      sku: stored.sku,
      name: stored.name,
      quantity: stored.quantity,
      listUnitPrice: priced?.listUnitPrice ?? null,
      netUnitPrice: priced?.netUnitPrice ?? null,
      discountPercent: discountOf(priced?.listUnitPrice ?? null, priced?.netUnitPrice ?? null),
      netTotal: priced?.netTotal ?? null,
      recurring: priced?.recurring ?? false,
      termMonths: priced?.termMonths ?? null,
    };
    return { line, parentLineId: parent.success ? (parent.data.parentLineId ?? null) : null };
  });
  // Options of options (bundles nest up to 3 deep) are grouped under their top-level bundle.
  const parentOf = new Map(lines.map((l) => [l.line.id, l.parentLineId]));
  const rootOf = (id: string): string => {
    let current = id;
    for (let hops = 0; hops < 10; hops++) {
      const parent = parentOf.get(current);
      if (parent === null || parent === undefined || !parentOf.has(parent)) return current;
      current = parent;
    }
    return current;
  };
  const groups: QuoteDocumentModel['groups'] = [];
  const groupByRoot = new Map<string, QuoteDocumentModel['groups'][number]>();
  for (const { line } of lines) {
    const root = rootOf(line.id);
    if (root === line.id) {
      const group = { line, children: [] };
      groups.push(group);
      groupByRoot.set(root, group);
    }
  }
  for (const { line } of lines) {
    const root = rootOf(line.id);
    if (root !== line.id) groupByRoot.get(root)?.children.push(line);
  }
  return {
    seller: branding,
    quote: {
      id: quote.id,
      title: quote.title,
      revision: quote.revision,
      currency: quote.currency,
      expirationDate: quote.expirationDate,
      status: quote.status,
    },
    groups,
    totals: quote.priced.totals,
    hasRecurring: lines.some((l) => l.line.recurring),
    hasOneTime: lines.some((l) => !l.line.recurring),
    acceptance,
  };
}
