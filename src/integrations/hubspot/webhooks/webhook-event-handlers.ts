import type { PortalId } from '../../../kernel/db/portal-id.ts';
import { isDecimalString, parseDecimal } from '../../../kernel/money/money.ts';
import { objectKeyOf, type WebhookEvent } from './webhook-event-schema.ts';
import type { WebhookPorts } from './webhook-ports.ts';

export interface HandlerContext {
  portalId: PortalId;
  inboxId: number;
  /** This app's HubSpot app id: events whose sourceId is it came from our own writes. */
  appId: number | undefined;
}

export interface HandlerResult {
  status: 'done' | 'ignored';
  /** Why, for operators and counts: `quote-won`, `own-write`, `unsubscribed`, ... */
  outcome: string;
}

/**
 * The handlers that live in the modules owning the data they change (catalog: products, quotes:
 * line items, tenancy: uninstall). The integration imports no module: the composition root
 * (src/main/webhook-wiring.ts) hands them in.
 */
export interface ObjectEventHandlers {
  isAppUninstallEvent(subscriptionType: string): boolean;
  product(
    event: WebhookEvent,
    kind: string,
    productId: string,
    portalId: PortalId,
    ports: WebhookPorts,
  ): Promise<HandlerResult>;
  lineItem(
    event: WebhookEvent,
    kind: string,
    lineItemId: string,
    portalId: PortalId,
    inboxId: number,
    ports: WebhookPorts,
  ): Promise<HandlerResult>;
  /** A deal's line-item association changed: a `line_items` divergence against its primary quote. */
  lineItemDivergence(
    portalId: PortalId,
    inboxId: number,
    occurredAt: number,
    dealId: string,
    hubspotValue: string,
    details: Record<string, unknown>,
    ports: WebhookPorts,
  ): Promise<HandlerResult>;
}

/** Applies one event; built by createWebhookEventHandler from the modules' handlers. */
export type WebhookEventHandler = (
  event: WebhookEvent,
  context: HandlerContext,
  ports: WebhookPorts,
) => Promise<HandlerResult>;

const DEAL = '0-3';
const PRODUCT = '0-7';
const LINE_ITEM = '0-8';

const done = (outcome: string): HandlerResult => ({ status: 'done', outcome });
const ignored = (outcome: string): HandlerResult => ({ status: 'ignored', outcome });

/**
 * Writes through the API by an app carry `changeSource: INTEGRATION` and the app id as `sourceId`
 * (HubSpot docs "Webhooks API"; the sandbox does the same, tools/hubspot-sandbox/sandbox-changes.ts). Acting on
 * them would echo our own sync back into the app, so they are ignored.
 */
export function isOwnWrite(event: WebhookEvent, appId: number | undefined): boolean {
  if (appId === undefined || event.sourceId === undefined) return false;
  const source = event.changeSource?.toUpperCase();
  return (source === 'INTEGRATION' || source === 'API') && event.sourceId === String(appId);
}

/** The kind after the dot: `deal.propertyChange` -> `propertyChange`. */
export function eventKind(event: WebhookEvent): string {
  return event.subscriptionType.slice(event.subscriptionType.indexOf('.') + 1);
}

async function handleDeal(
  event: WebhookEvent,
  dealId: string,
  context: HandlerContext,
  ports: WebhookPorts,
  handlers: ObjectEventHandlers,
): Promise<HandlerResult> {
  const kind = eventKind(event);
  const { portalId } = context;
  if (kind === 'propertyChange' && event.propertyName === 'dealstage') {
    if (!event.propertyValue || !(await ports.dealStages.isClosedWon(portalId, null, event.propertyValue)))
      return ignored('stage-not-won');
    if (!ports.dealQuotes) return ignored('port-not-wired');
    const quoteId = await ports.dealQuotes.markPrimaryAcceptedQuoteWon(portalId, dealId, event.occurredAt);
    if (quoteId) return done('quote-won');
    // Won in HubSpot without a buyer acceptance: shown to the rep like an amount divergence.
    const primary = await ports.dealQuotes.primaryQuote(portalId, dealId);
    if (!primary) return ignored('no-accepted-quote');
    await ports.divergences.record(portalId, {
      dealId,
      quoteId: primary.quoteId,
      field: 'dealstage',
      hubspotValue: event.propertyValue,
      appValue: 'no accepted quote',
      occurredAt: event.occurredAt,
      inboxId: context.inboxId,
      details: { changeSource: event.changeSource ?? null },
    });
    return done('divergence-recorded');
  }
  if (kind === 'propertyChange' && event.propertyName === 'amount') {
    if (!ports.dealQuotes) return ignored('port-not-wired');
    const quote = await ports.dealQuotes.primaryQuote(portalId, dealId);
    if (!quote) return ignored('no-primary-quote');
    const hubspotValue = event.propertyValue ?? '';
    // Compared by value (contract: decimals compare by value, "30" equals "30.00").
    const same = isDecimalString(hubspotValue) && parseDecimal(hubspotValue).equals(parseDecimal(quote.netTotal));
    if (same) return done('in-sync');
    await ports.divergences.record(portalId, {
      dealId,
      quoteId: quote.quoteId,
      field: 'amount',
      hubspotValue: event.propertyValue ?? null,
      appValue: quote.netTotal,
      occurredAt: event.occurredAt,
      inboxId: context.inboxId,
      details: { changeSource: event.changeSource ?? null, sourceId: event.sourceId ?? null },
    });
    return done('divergence-recorded');
  }
  if (kind === 'associationChange' && /LINE_ITEM/i.test(event.associationType ?? '')) {
    const hubspotValue = `${event.associationRemoved ? 'removed' : 'added'} line item ${event.toObjectId ?? '?'}`;
    const details = {
      associationType: event.associationType ?? null,
      toObjectId: event.toObjectId ?? null,
      removed: event.associationRemoved ?? false,
    };
    return handlers.lineItemDivergence(
      portalId,
      context.inboxId,
      event.occurredAt,
      dealId,
      hubspotValue,
      details,
      ports,
    );
  }
  if (kind === 'deletion') {
    if (!ports.dealQuotes) return ignored('port-not-wired');
    return done(`archived:${await ports.dealQuotes.archiveForDeal(portalId, dealId)}`);
  }
  if (kind === 'merge') {
    if (!ports.dealQuotes) return ignored('port-not-wired');
    const survivor = event.newObjectId ?? event.primaryObjectId ?? dealId;
    let moved = 0;
    for (const merged of event.mergedObjectIds ?? []) {
      if (merged !== survivor) moved += await ports.dealQuotes.repointDeal(portalId, merged, survivor);
    }
    return done(`repointed:${moved}`);
  }
  return ignored('unsubscribed');
}

/**
 * Customer uninstall (HubSpot docs "Working with OAuth", docs/security.md): the install module's uninstall in this
 * processing transaction. An event naming another app's id is not ours to act on.
 */
async function handleAppUninstall(
  event: WebhookEvent,
  context: HandlerContext,
  ports: WebhookPorts,
): Promise<HandlerResult> {
  if (event.appId !== undefined && context.appId !== undefined && event.appId !== context.appId)
    return ignored('other-app');
  if (!ports.installs) return ignored('port-not-wired');
  const outcome = await ports.installs.customerUninstalled(context.portalId);
  return outcome === 'uninstalled' ? done('portal-uninstalled') : ignored('already-uninstalled');
}

/**
 * Applies one event (already deduplicated, in occurredAt order, and not stale). Events the app
 * does not subscribe to are acknowledged and counted as `ignored/unsubscribed`, never errors.
 */
export function createWebhookEventHandler(handlers: ObjectEventHandlers): WebhookEventHandler {
  return async (event, context, ports) => {
    // Before the own-write check: an uninstall the app itself asked for must still uninstall here.
    if (handlers.isAppUninstallEvent(event.subscriptionType)) return handleAppUninstall(event, context, ports);
    if (isOwnWrite(event, context.appId)) return ignored('own-write');
    const { objectTypeId, objectId } = objectKeyOf(event);
    if (objectId === null) return ignored('unsubscribed');
    if (objectTypeId === DEAL) return handleDeal(event, objectId, context, ports, handlers);
    if (objectTypeId === PRODUCT) return handlers.product(event, eventKind(event), objectId, context.portalId, ports);
    if (objectTypeId === LINE_ITEM)
      return handlers.lineItem(event, eventKind(event), objectId, context.portalId, context.inboxId, ports);
    return ignored('unsubscribed');
  };
}
