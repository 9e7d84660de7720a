import type { Kysely } from 'kysely';
import type { AccountPricing } from '../../../extensions/app/cards/api/card-api-schemas.ts';
import type { RawRow } from '../catalog/index.ts';
import { toErrorIssues, type RowIssue } from '../catalog/index.ts';
import type { DatabaseSchema } from '../../kernel/db/db-schema.ts';
import type { PortalId } from '../../kernel/db/portal-id.ts';
import { AppError, isAppError } from '../../kernel/errors/app-error.ts';
import { saveAccountPricing, validateAccountPricing } from './account-pricing-routes.ts';
import { QUOTE_ERROR } from './quote-error-codes.ts';

/**
 * Account pricing import (`cpq accounts import`): JSON `[{ "companyId": "77", ...pricing }]`, or CSV
 * with one contracted price per row grouped by `company_id` (docs/quotes.md). Each company's
 * pricing is replaced as a whole; every bad row is reported with its line, and nothing is written
 * unless all rows pass (or `partial`).
 */
export function accountRowsFromCsv(rows: readonly RawRow[]): RawRow[] {
  const byCompany = new Map<string, { line: number; value: Record<string, unknown>; prices: unknown[] }>();
  for (const row of rows) {
    const cell = (name: string): string | undefined => {
      const v = row.value[name];
      return typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined;
    };
    const companyId = cell('company_id') ?? '';
    const entry = byCompany.get(companyId) ?? { line: row.line, value: { companyId }, prices: [] };
    for (const [column, key] of [
      ['partner_discount_percent', 'partnerDiscountPercent'],
      ['distributor_discount_percent', 'distributorDiscountPercent'],
      ['renewal_pricing_method', 'renewalPricingMethod'],
      ['uplift_percent', 'upliftPercent'],
    ] as const) {
      const value = cell(column);
      if (value !== undefined) entry.value[key] = value;
    }
    const price: Record<string, unknown> = {};
    const amounts: Record<string, string> = {};
    for (const [column, raw] of Object.entries(row.value)) {
      const match = /^price_([A-Z]{3})$/.exec(column);
      if (match?.[1] && typeof raw === 'string' && raw.trim() !== '') amounts[match[1]] = raw.trim();
    }
    if (cell('sku')) price['sku'] = cell('sku');
    if (cell('category')) price['category'] = cell('category');
    if (Object.keys(amounts).length > 0) price['price'] = amounts;
    if (cell('discount_percent')) price['discountPercent'] = cell('discount_percent');
    if (cell('start_date')) price['startDate'] = cell('start_date');
    if (cell('end_date')) price['endDate'] = cell('end_date');
    if (Object.keys(price).length > 0) entry.prices.push(price);
    byCompany.set(companyId, entry);
  }
  return [...byCompany.values()].map((e) => ({ line: e.line, value: { ...e.value, contractedPrices: e.prices } }));
}

export async function importAccountPricing(
  db: Kysely<DatabaseSchema>,
  portalId: PortalId,
  rows: readonly RawRow[],
  options: { partial: boolean },
): Promise<{ companies: number; rejected: number; issues: RowIssue[] }> {
  const issues: RowIssue[] = [];
  const valid: Array<{ companyId: string; pricing: AccountPricing }> = [];
  const seen = new Set<string>();
  rows.forEach((row, index) => {
    const { companyId, ...pricing } = row.value;
    const id = typeof companyId === 'number' ? String(companyId) : companyId;
    if (typeof id !== 'string' || !/^[0-9]{1,20}$/.test(id))
      return issues.push({ line: row.line, path: `${index}.companyId`, message: 'must be a HubSpot company id' });
    if (seen.has(id))
      return issues.push({ line: row.line, path: `${index}.companyId`, message: `duplicate company "${id}"` });
    seen.add(id);
    try {
      valid.push({ companyId: id, pricing: validateAccountPricing(pricing) });
    } catch (error) {
      if (!isAppError(error)) throw error;
      for (const issue of error.issues)
        issues.push({
          line: row.line,
          path: issue.path ? `${index}.${issue.path}` : `${index}`,
          message: issue.message,
        });
    }
  });
  if (issues.length > 0 && !options.partial) {
    throw new AppError(
      'validation',
      QUOTE_ERROR.ACCOUNT_PRICING_IMPORT_INVALID,
      `${rows.length - valid.length} of ${rows.length} companies are invalid; nothing was imported`,
      { issues: toErrorIssues(issues) },
    );
  }
  await db.transaction().execute(async (trx) => {
    for (const { companyId, pricing } of valid) await saveAccountPricing(trx, portalId, companyId, pricing, null);
  });
  return { companies: valid.length, rejected: rows.length - valid.length, issues };
}
