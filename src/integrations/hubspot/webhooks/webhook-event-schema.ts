import { z } from 'zod';

/**
 * One HubSpot webhook event (HubSpot docs "Webhooks API"). Ids arrive as JSON numbers (sometimes strings in
 * docs and replays), so both are accepted. HubSpot's docs spell the kind `subscriptionType` and
 * sometimes `eventType`: either is accepted and normalised to `subscriptionType`. Unknown fields
 * are kept (`looseObject`) and stored in the inbox payload, so a field HubSpot adds later is not
 * lost before a handler learns to read it.
 */
const positiveId = z
  .union([z.number().int().positive(), z.string().regex(/^[1-9][0-9]{0,17}$/)])
  .transform((v) => Number(v));
/**
 * HubSpot event ids grow past 2^53 (18-digit ids are common): kept as decimal text end to end
 * (JSON numbers that large are read as text by the webhook route, lossless-json-ids.ts), stored in
 * a bigint column. Anything a bigint cannot hold is refused.
 */
const eventIdText = z
  .union([z.number().int().positive().max(Number.MAX_SAFE_INTEGER), z.string().regex(/^[1-9][0-9]{0,18}$/)])
  .transform((v) => String(v))
  .refine((v) => v.length < 19 || v <= '9223372036854775807', 'eventId is larger than a signed 64-bit integer');
const nonNegativeInt = z
  .union([z.number().int().nonnegative(), z.string().regex(/^[0-9]{1,18}$/)])
  .transform((v) => Number(v));
const objectIdText = z
  .union([z.number().int().nonnegative(), z.string().regex(/^[0-9]{1,30}$/)])
  .transform((v) => String(v));

const EventFields = z.looseObject({
  eventId: eventIdText,
  subscriptionId: positiveId,
  portalId: positiveId,
  appId: positiveId.optional(),
  occurredAt: nonNegativeInt,
  subscriptionType: z.string().min(1).max(100).optional(),
  eventType: z.string().min(1).max(100).optional(),
  attemptNumber: nonNegativeInt.optional(),
  objectId: objectIdText.optional(),
  objectTypeId: z
    .string()
    .regex(/^[0-9]+-[0-9]+$/)
    .optional(),
  propertyName: z.string().max(500).optional(),
  propertyValue: z.string().max(65_536).optional(),
  changeSource: z.string().max(200).optional(),
  changeFlag: z.string().max(100).optional(),
  sourceId: z.string().max(200).optional(),
  primaryObjectId: objectIdText.optional(),
  mergedObjectIds: z.array(objectIdText).max(1000).optional(),
  newObjectId: objectIdText.optional(),
  associationType: z.string().max(200).optional(),
  fromObjectId: objectIdText.optional(),
  toObjectId: objectIdText.optional(),
  associationRemoved: z.boolean().optional(),
});

export const WebhookEventSchema = EventFields.superRefine((event, ctx) => {
  if (event.subscriptionType === undefined && event.eventType === undefined) {
    ctx.addIssue({
      code: 'custom',
      path: ['subscriptionType'],
      message: 'subscriptionType (or eventType) is required',
    });
  }
}).transform((event) => ({ ...event, subscriptionType: event.subscriptionType ?? event.eventType ?? '' }));

/** HubSpot sends at most 100 events per request. */
export const WebhookBatchSchema = z.array(WebhookEventSchema).min(1).max(100);

export type WebhookEvent = z.output<typeof WebhookEventSchema>;

/** Standard objects have their own subscription prefixes; generic `object.*` events carry objectTypeId. */
const OBJECT_TYPE_BY_PREFIX: Readonly<Record<string, string>> = {
  contact: '0-1',
  company: '0-2',
  deal: '0-3',
  ticket: '0-5',
  line_item: '0-8',
  product: '0-7',
  quote: '0-14',
};

/** The object an event is about, as `(objectTypeId, objectId)`: the unit of ordering. */
export function objectKeyOf(event: WebhookEvent): { objectTypeId: string | null; objectId: string | null } {
  const prefix = event.subscriptionType.split('.')[0] ?? '';
  const objectTypeId = event.objectTypeId ?? OBJECT_TYPE_BY_PREFIX[prefix] ?? null;
  const objectId = event.objectId ?? event.fromObjectId ?? event.primaryObjectId ?? null;
  return { objectTypeId, objectId };
}
