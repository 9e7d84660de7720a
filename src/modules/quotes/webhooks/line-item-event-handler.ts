import type { PortalId } from '../../../kernel/db/portal-id.ts';
import type { HandlerResult } from '../../../integrations/hubspot/index.ts';
import type { WebhookEvent } from '../../../integrations/hubspot/index.ts';
import type { WebhookPorts } from '../../../integrations/hubspot/index.ts';

const done = (outcome: string): HandlerResult => ({ status: 'done', outcome });
const ignored = (outcome: string): HandlerResult => ({ status: 'ignored', outcome });

/** What changed, for the divergence's `hubspotValue`: `changed line item 9001: quantity=3`. */
function describe(event: WebhookEvent, kind: string, lineItemId: string): string {
  if (kind === 'propertyChange')
    return `changed line item ${lineItemId}: ${event.propertyName ?? '?'}=${event.propertyValue ?? ''}`;
  return `${kind === 'creation' ? 'created' : kind === 'deletion' ? 'deleted' : kind} line item ${lineItemId}`;
}

/**
 * Records a `line_items` divergence of a deal against its primary quote (neither side is
 * overwritten; docs/webhooks.md). Shared by deal association changes and line-item events.
 */
export async function recordLineItemDivergence(
  portalId: PortalId,
  inboxId: number,
  occurredAt: number,
  dealId: string,
  hubspotValue: string,
  details: Record<string, unknown>,
  ports: WebhookPorts,
): Promise<HandlerResult> {
  if (!ports.dealQuotes) return ignored('port-not-wired');
  const quote = await ports.dealQuotes.primaryQuote(portalId, dealId);
  if (!quote) return ignored('no-primary-quote');
  await ports.divergences.record(portalId, {
    dealId,
    quoteId: quote.quoteId,
    field: 'line_items',
    hubspotValue,
    appValue: `${quote.lineCount} lines`,
    occurredAt,
    inboxId,
    details,
  });
  return done('divergence-recorded');
}

/**
 * Line-item events (`0-8`: creation, propertyChange, deletion) by someone else. Line items the
 * quote sync wrote are the app's own (its `hubspot_line_item_map` knows them) and are skipped,
 * like own-write events. Otherwise the line item's deal is read through HubSpot (v4 associations
 * line_items -> deals) and a `line_items` divergence is recorded against that deal's primary quote.
 * HubSpot line items belong to one deal; with several associations, the first deal counts
 * (the divergence is unique per inbox event and field). A deleted line item has no associations
 * left: `line-item-no-deal` (its removal from the deal arrives as the deal's associationChange).
 */
export async function handleLineItemEvent(
  event: WebhookEvent,
  kind: string,
  lineItemId: string,
  portalId: PortalId,
  inboxId: number,
  ports: WebhookPorts,
): Promise<HandlerResult> {
  if (kind !== 'creation' && kind !== 'propertyChange' && kind !== 'deletion') return ignored('unsubscribed');
  if (!ports.dealQuotes || !ports.hubspot) return ignored('port-not-wired');
  if (await ports.dealQuotes.isAppLineItem(portalId, lineItemId)) return ignored('app-line-item');
  const dealId = (await ports.hubspot.lineItemDealIds(portalId, lineItemId))[0];
  if (dealId === undefined) return ignored('line-item-no-deal');
  const details = {
    lineItemId,
    kind,
    propertyName: event.propertyName ?? null,
    changeSource: event.changeSource ?? null,
    sourceId: event.sourceId ?? null,
  };
  return recordLineItemDivergence(
    portalId,
    inboxId,
    event.occurredAt,
    dealId,
    describe(event, kind, lineItemId),
    details,
    ports,
  );
}
