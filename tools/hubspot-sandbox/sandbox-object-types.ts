import { validationError } from './sandbox-errors.ts';
import type { PortalState } from './sandbox-portal-state.ts';

/**
 * CRM object types the sandbox serves. HubSpot accepts an object type in a path by its API name
 * (`deals`) or its objectTypeId (`0-3`); custom objects by `2-<n>`, fully qualified name
 * (`p<portalId>_<name>`) or name. Ids follow HubSpot's published object type ids.
 */
export interface ObjectTypeInfo {
  objectTypeId: string;
  /** API path name, e.g. `line_items`. */
  name: string;
  /** Singular, as used in v3 association type names (`deal_to_line_item`). */
  singular: string;
  /**
   * Webhook subscription prefix: contacts, companies and deals have their own (`deal.creation`);
   * quotes, invoices, line items and products use generic `object.*` (HubSpot docs "Webhooks API").
   */
  webhookPrefix: string;
  /** Granular scope stem: `<stem>.read` / `<stem>.write` (HubSpot docs "CRM API: Quotes, Line items, Associations v4"). */
  scopeStem: string;
  custom: boolean;
}

export const STANDARD_OBJECT_TYPES: readonly ObjectTypeInfo[] = [
  {
    objectTypeId: '0-1',
    name: 'contacts',
    singular: 'contact',
    webhookPrefix: 'contact',
    scopeStem: 'crm.objects.contacts',
    custom: false,
  },
  {
    objectTypeId: '0-2',
    name: 'companies',
    singular: 'company',
    webhookPrefix: 'company',
    scopeStem: 'crm.objects.companies',
    custom: false,
  },
  {
    objectTypeId: '0-3',
    name: 'deals',
    singular: 'deal',
    webhookPrefix: 'deal',
    scopeStem: 'crm.objects.deals',
    custom: false,
  },
  {
    objectTypeId: '0-7',
    name: 'products',
    singular: 'product',
    webhookPrefix: 'object',
    scopeStem: 'crm.objects.products',
    custom: false,
  },
  {
    objectTypeId: '0-8',
    name: 'line_items',
    singular: 'line_item',
    webhookPrefix: 'object',
    scopeStem: 'crm.objects.line_items',
    custom: false,
  },
  {
    objectTypeId: '0-14',
    name: 'quotes',
    singular: 'quote',
    webhookPrefix: 'object',
    scopeStem: 'crm.objects.quotes',
    custom: false,
  },
  {
    objectTypeId: '0-53',
    name: 'invoices',
    singular: 'invoice',
    webhookPrefix: 'object',
    scopeStem: 'crm.objects.invoices',
    custom: false,
  },
];

export const OBJECT_TYPE_IDS = {
  contacts: '0-1',
  companies: '0-2',
  deals: '0-3',
  products: '0-7',
  line_items: '0-8',
  quotes: '0-14',
  invoices: '0-53',
} as const;

function customTypes(portal: PortalState): ObjectTypeInfo[] {
  return Object.values(portal.schemas).map((schema) => ({
    objectTypeId: schema.objectTypeId,
    name: schema.name,
    singular: schema.name,
    webhookPrefix: 'object',
    scopeStem: 'crm.objects.custom',
    custom: true,
  }));
}

export function allObjectTypes(portal: PortalState): ObjectTypeInfo[] {
  return [...STANDARD_OBJECT_TYPES, ...customTypes(portal)];
}

/** Resolves `deals`, `deal`, `0-3`, `2-1`, `p123_machine` or `machine`; undefined when unknown. */
export function findObjectType(portal: PortalState, raw: string): ObjectTypeInfo | undefined {
  const key = raw.toLowerCase();
  for (const type of allObjectTypes(portal)) {
    if (type.objectTypeId === key || type.name.toLowerCase() === key || type.singular.toLowerCase() === key)
      return type;
    const schema = portal.schemas[type.objectTypeId];
    if (schema && schema.fullyQualifiedName.toLowerCase() === key) return type;
  }
  return undefined;
}

/** Like findObjectType, but answers HubSpot's 400 for an unknown type. */
export function requireObjectType(portal: PortalState, raw: string): ObjectTypeInfo {
  const type = findObjectType(portal, raw);
  if (!type) throw validationError(`Unable to infer object type from: ${raw}`);
  return type;
}

export function objectTypeById(portal: PortalState, objectTypeId: string): ObjectTypeInfo | undefined {
  return allObjectTypes(portal).find((type) => type.objectTypeId === objectTypeId);
}
