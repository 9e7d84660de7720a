import { isDecimalString } from '../../../kernel/money/money.ts';
import type { CatalogProduct } from '../catalog-entry-schema.ts';

/**
 * What the HubSpot product library owns of a catalog entry. HubSpot's product properties
 * ("Manage your product library", HubSpot Knowledge Base; CRM API "Products"): `name`, `hs_sku`,
 * `price` (in the account's company currency), `hs_price_<currency>` (multi-currency prices),
 * `hs_cost_of_goods_sold` (unit cost, company currency) and `hs_recurring_billing_period` (an ISO
 * 8601 duration such as `P12M` or `P1Y`: the default term of a recurring product). Everything else
 * of an entry (pricing method, markup, block tiers, discount schedules, category) is the app's and
 * a sync never touches it.
 */
export interface HubSpotOwnedFields {
  hubspotProductId: string;
  sku: string;
  name: string;
  prices: Record<string, string>;
  cost: Record<string, string>;
  /** Months, as a decimal string; undefined when HubSpot has no (usable) billing period. */
  defaultTermMonths: string | undefined;
}

export type HubSpotProductProperties = Record<string, string | null | undefined>;

const CURRENCY_PRICE = /^hs_price_([a-z]{3})$/i;
/** Years and/or months only: a period in weeks or days has no whole-month term. */
const PERIOD = /^P(?:(\d{1,3})Y)?(?:(\d{1,4})M)?$/;

function text(properties: HubSpotProductProperties, name: string): string | undefined {
  const value = properties[name];
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

function decimal(properties: HubSpotProductProperties, name: string): string | undefined {
  const value = text(properties, name);
  return value !== undefined && isDecimalString(value) ? value : undefined;
}

/** `P12M` -> "12", `P1Y` -> "12", `P2Y6M` -> "30"; anything else (P0M, P30D, junk) -> undefined. */
export function termMonthsOf(period: string | undefined): string | undefined {
  const match = period === undefined ? null : PERIOD.exec(period.trim().toUpperCase());
  if (!match || (match[1] === undefined && match[2] === undefined)) return undefined;
  const months = BigInt(match[1] ?? '0') * 12n + BigInt(match[2] ?? '0');
  return months > 0n ? months.toString() : undefined;
}

/** The stable SKU of a product without `hs_sku` (the HubSpot id never changes); same as the product webhooks. */
export function generatedSku(hubspotProductId: string): string {
  return `HS-${hubspotProductId}`;
}

export function hubspotOwnedFields(
  hubspotProductId: string,
  properties: HubSpotProductProperties,
  companyCurrency: string,
): HubSpotOwnedFields {
  const sku = text(properties, 'hs_sku') ?? generatedSku(hubspotProductId);
  const prices: Record<string, string> = {};
  const price = decimal(properties, 'price');
  if (price !== undefined) prices[companyCurrency] = price;
  for (const name of Object.keys(properties).sort()) {
    const currency = CURRENCY_PRICE.exec(name)?.[1]?.toUpperCase();
    const value = currency ? decimal(properties, name) : undefined;
    if (currency && value !== undefined) prices[currency] = value;
  }
  const cogs = decimal(properties, 'hs_cost_of_goods_sold');
  return {
    hubspotProductId,
    sku,
    name: text(properties, 'name') ?? sku,
    prices,
    cost: cogs === undefined ? {} : { [companyCurrency]: cogs },
    defaultTermMonths: termMonthsOf(text(properties, 'hs_recurring_billing_period')),
  };
}

/**
 * The entry after a sync: HubSpot's fields over the existing entry, the app's own fields kept.
 * Prices and costs merge per currency (a currency HubSpot does not price keeps the app's value).
 */
export function mergeHubSpotProduct(
  existing: CatalogProduct | undefined,
  fields: HubSpotOwnedFields,
): CatalogProduct & { name: string } {
  const base: CatalogProduct = existing ?? { sku: fields.sku };
  const merged: CatalogProduct & { name: string } = { ...base, sku: fields.sku, name: fields.name };
  const prices = { ...(base.prices ?? {}), ...fields.prices };
  if (Object.keys(prices).length > 0) merged.prices = prices;
  const cost = { ...(base.cost ?? {}), ...fields.cost };
  if (Object.keys(cost).length > 0) merged.cost = cost;
  if (fields.defaultTermMonths !== undefined)
    merged.recurring = { ...(base.recurring ?? {}), defaultTermMonths: fields.defaultTermMonths };
  return merged;
}
