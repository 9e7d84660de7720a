import type { CrmChange } from './sandbox-changes.ts';
import { STANDARD_OBJECT_TYPES, type ObjectTypeInfo } from './sandbox-object-types.ts';

/**
 * Turns CRM changes into HubSpot webhook events (HubSpot docs "Webhooks API"). Contacts, companies and deals have
 * their own subscription types (`deal.propertyChange`); quotes, invoices, line items and products
 * use generic `object.*` ones that carry `objectTypeId`. Only subscribed changes become events; a
 * propertyChange subscription without `propertyName` matches every property.
 */
export interface WebhookSubscription {
  subscriptionType: string;
  /** For `object.*` subscriptions: which object type (e.g. `0-14` for quotes). */
  objectTypeId?: string;
  /** For propertyChange subscriptions; absent = every property. */
  propertyName?: string;
}

export interface WebhookEvent {
  eventId: number;
  subscriptionId: number;
  portalId: number;
  appId: number;
  occurredAt: number;
  subscriptionType: string;
  attemptNumber: number;
  objectId: number;
  objectTypeId?: string;
  propertyName?: string;
  propertyValue?: string;
  changeFlag?: string;
  changeSource: string;
  sourceId: string;
  associationType?: string;
  associationTypeId?: number;
  fromObjectId?: number;
  fromObjectTypeId?: string;
  toObjectId?: number;
  toObjectTypeId?: string;
  associationRemoved?: boolean;
  isPrimaryAssociation?: boolean;
}

const KINDS = ['creation', 'deletion', 'propertyChange', 'associationChange'] as const;

/** Every kind of change for every standard object type. */
export function defaultSubscriptions(): WebhookSubscription[] {
  return STANDARD_OBJECT_TYPES.flatMap((type) =>
    KINDS.map((kind) =>
      type.webhookPrefix === 'object'
        ? { subscriptionType: `object.${kind}`, objectTypeId: type.objectTypeId }
        : { subscriptionType: `${type.webhookPrefix}.${kind}` },
    ),
  );
}

/** HubSpot's first subscription ids are large numbers; any stable id per subscription will do. */
const SUBSCRIPTION_ID_BASE = 1_000_000;

export class WebhookEventMapper {
  private readonly subscriptions: WebhookSubscription[];
  private readonly appId: number;
  private readonly typeOf: (objectTypeId: string) => ObjectTypeInfo | undefined;
  private nextEventId = 1;

  constructor(
    subscriptions: WebhookSubscription[],
    appId: number,
    typeOf: (objectTypeId: string) => ObjectTypeInfo | undefined,
  ) {
    this.subscriptions = subscriptions;
    this.appId = appId;
    this.typeOf = typeOf;
  }

  map(change: CrmChange): WebhookEvent[] {
    const objectTypeId = change.kind === 'associationChange' ? change.fromTypeId : change.objectTypeId;
    const type = this.typeOf(objectTypeId);
    if (!type) return [];
    const subscriptionType = `${type.webhookPrefix}.${change.kind}`;
    const generic = type.webhookPrefix === 'object';
    const events: WebhookEvent[] = [];
    this.subscriptions.forEach((subscription, index) => {
      if (subscription.subscriptionType !== subscriptionType) return;
      if (subscription.objectTypeId !== undefined && subscription.objectTypeId !== objectTypeId) return;
      if (
        change.kind === 'propertyChange' &&
        subscription.propertyName !== undefined &&
        subscription.propertyName !== change.propertyName
      )
        return;
      const event: WebhookEvent = {
        eventId: this.nextEventId,
        subscriptionId: SUBSCRIPTION_ID_BASE + index,
        portalId: change.portalId,
        appId: this.appId,
        occurredAt: change.occurredAt,
        subscriptionType,
        attemptNumber: 0,
        objectId: Number(change.kind === 'associationChange' ? change.fromId : change.objectId),
        changeSource: change.source.changeSource,
        sourceId: change.source.sourceId,
      };
      this.nextEventId += 1;
      if (generic) event.objectTypeId = objectTypeId;
      if (change.kind === 'creation') event.changeFlag = 'NEW';
      if (change.kind === 'deletion') event.changeFlag = 'DELETED';
      if (change.kind === 'propertyChange') {
        event.propertyName = change.propertyName;
        event.propertyValue = change.propertyValue;
      }
      if (change.kind === 'associationChange') {
        const target = this.typeOf(change.toTypeId);
        event.associationType = `${type.singular}_to_${target?.singular ?? change.toTypeId}`.toUpperCase();
        event.associationTypeId = change.associationTypeId;
        event.fromObjectId = Number(change.fromId);
        event.fromObjectTypeId = change.fromTypeId;
        event.toObjectId = Number(change.toId);
        event.toObjectTypeId = change.toTypeId;
        event.associationRemoved = change.removed;
        event.isPrimaryAssociation = false;
      }
      events.push(event);
    });
    return events;
  }
}
