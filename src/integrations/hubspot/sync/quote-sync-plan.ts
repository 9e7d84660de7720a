import { createHash } from 'node:crypto';
import type { LineItemTarget } from '../../../kernel/db/db-schema.ts';
import type { QuoteSyncLine, QuoteSyncSnapshot } from './quote-sync-contract.ts';
import type { LineMapping } from './quote-sync-repository.ts';

/**
 * Pure part of the quote sync: what HubSpot should hold for a quote snapshot and how that differs
 * from what was last written (the stored mapping with a hash of each record's properties).
 */
export type Properties = Record<string, string>;

export interface DesiredLine {
  lineKey: string;
  syncKey: string;
  properties: Properties;
  hash: string;
}

export interface LinePlan {
  creates: DesiredLine[];
  updates: Array<DesiredLine & { hubspotId: string }>;
  /** Mapped lines the quote no longer has: archive in HubSpot, forget here. */
  deletes: LineMapping[];
  unchanged: number;
}

export function hashOf(value: unknown): string {
  return createHash('sha256').update(JSON.stringify(value)).digest('base64url').slice(0, 22);
}

/** `cpq_sync_key` of a line item: identifies our record in HubSpot when reconciling after a crash. */
export function lineSyncKey(quoteId: string, target: LineItemTarget, lineKey: string): string {
  return `${quoteId}:${target}:${lineKey}`;
}

export function lineItemProperties(
  snapshot: QuoteSyncSnapshot,
  line: QuoteSyncLine,
  position: number,
  target: LineItemTarget,
  withKeys: boolean,
): Properties {
  return {
    name: line.name,
    hs_sku: line.sku,
    quantity: line.quantity,
    // HubSpot computes `amount` = quantity x price (HubSpot docs "CRM API: Quotes, Line items, Associations v4": price >= 0); the net unit price
    // carries every discount, so no HubSpot discount fields are written.
    price: line.netUnitPrice,
    hs_line_item_currency_code: snapshot.currency,
    hs_position_on_quote: String(position),
    // An empty string clears a period that an earlier revision set.
    hs_recurring_billing_period: line.recurringBillingPeriod ?? '',
    ...(line.hubspotProductId ? { hs_product_id: line.hubspotProductId } : {}),
    // Only where provisioning could create them (PortalCapabilities.lineItemKeys).
    ...(withKeys
      ? {
          cpq_sync_key: lineSyncKey(snapshot.quoteId, target, line.lineKey),
          cpq_quote_id: snapshot.quoteId,
          cpq_line_key: line.lineKey,
        }
      : {}),
  };
}

export function desiredLines(snapshot: QuoteSyncSnapshot, target: LineItemTarget, withKeys = true): DesiredLine[] {
  return snapshot.lines.map((line, index) => {
    const properties = lineItemProperties(snapshot, line, index + 1, target, withKeys);
    return {
      lineKey: line.lineKey,
      syncKey: lineSyncKey(snapshot.quoteId, target, line.lineKey),
      properties,
      hash: hashOf(properties),
    };
  });
}

export function planLines(desired: readonly DesiredLine[], mapped: readonly LineMapping[]): LinePlan {
  const byKey = new Map(mapped.map((line) => [line.lineKey, line]));
  const wanted = new Set(desired.map((line) => line.lineKey));
  const plan: LinePlan = { creates: [], updates: [], deletes: [], unchanged: 0 };
  for (const line of desired) {
    const existing = byKey.get(line.lineKey);
    if (!existing) plan.creates.push(line);
    else if (existing.hash !== line.hash) plan.updates.push({ ...line, hubspotId: existing.hubspotId });
    else plan.unchanged += 1;
  }
  for (const line of mapped) if (!wanted.has(line.lineKey)) plan.deletes.push(line);
  return plan;
}

export function quoteProperties(snapshot: QuoteSyncSnapshot): Properties {
  return {
    hs_title: snapshot.title,
    hs_expiration_date: snapshot.expirationDate,
    hs_currency: snapshot.currency,
    cpq_sync_key: snapshot.quoteId,
    cpq_quote_id: snapshot.quoteId,
  };
}

/** Only the primary quote writes the deal's amount and line items (a deal has one set of them). */
export function dealProperties(snapshot: QuoteSyncSnapshot): Properties {
  return { amount: snapshot.netTotal, cpq_primary_quote_id: snapshot.quoteId };
}

export function diffIds(current: readonly string[], wanted: readonly string[]): { add: string[]; remove: string[] } {
  const have = new Set(current);
  const want = new Set(wanted);
  return { add: [...want].filter((id) => !have.has(id)), remove: [...have].filter((id) => !want.has(id)) };
}
