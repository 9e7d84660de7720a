import { OBJECT_TYPE_IDS as T } from './sandbox-object-types.ts';
import type { AssociationCategory, AssociationTypeDef, PortalState } from './sandbox-portal-state.ts';

/**
 * HUBSPOT_DEFINED association type ids between the quote-to-cash objects (HubSpot docs "CRM API: Quotes, Line items, Associations v4"; they match
 * `@hubspot/api-client`'s `AssociationTypes`). Each row is one pair: [from, to, from->to id,
 * to->from id, label]. Unlabelled rows come first: they are the pair's default type.
 */
const PAIRS: ReadonlyArray<[string, string, number, number, string | null]> = [
  [T.contacts, T.companies, 279, 280, null],
  [T.contacts, T.companies, 1, 2, 'Primary'],
  [T.deals, T.contacts, 3, 4, null],
  [T.deals, T.companies, 341, 342, null],
  [T.deals, T.companies, 5, 6, 'Primary'],
  [T.deals, T.line_items, 19, 20, null],
  [T.deals, T.quotes, 63, 64, null],
  [T.quotes, T.line_items, 67, 68, null],
  [T.quotes, T.contacts, 69, 70, null],
  [T.quotes, T.companies, 71, 72, null],
  [T.deals, T.invoices, 176, 175, null],
  [T.invoices, T.contacts, 177, 178, null],
  [T.invoices, T.companies, 179, 180, null],
  [T.invoices, T.quotes, 407, 408, null],
  [T.invoices, T.line_items, 409, 410, null],
];

export const HUBSPOT_DEFINED_TYPES: readonly AssociationTypeDef[] = PAIRS.flatMap(
  ([from, to, forward, inverse, label]) => [
    {
      fromTypeId: from,
      toTypeId: to,
      typeId: forward,
      inverseTypeId: inverse,
      category: 'HUBSPOT_DEFINED' as const,
      label,
    },
    {
      fromTypeId: to,
      toTypeId: from,
      typeId: inverse,
      inverseTypeId: forward,
      category: 'HUBSPOT_DEFINED' as const,
      label,
    },
  ],
);

export function associationTypes(portal: PortalState): AssociationTypeDef[] {
  return [...HUBSPOT_DEFINED_TYPES, ...portal.customAssociationTypes];
}

/** The type with this id from `fromTypeId`, optionally also checking the target type and category. */
export function findAssociationType(
  portal: PortalState,
  fromTypeId: string,
  typeId: number,
  toTypeId?: string,
  category?: AssociationCategory,
): AssociationTypeDef | undefined {
  return associationTypes(portal).find(
    (def) =>
      def.fromTypeId === fromTypeId &&
      def.typeId === typeId &&
      (toTypeId === undefined || def.toTypeId === toTypeId) &&
      (category === undefined || def.category === category),
  );
}

/** The default (unlabelled) type between two object types, as `.../associations/default/...` uses. */
export function defaultAssociationType(
  portal: PortalState,
  fromTypeId: string,
  toTypeId: string,
): AssociationTypeDef | undefined {
  return associationTypes(portal).find(
    (def) => def.fromTypeId === fromTypeId && def.toTypeId === toTypeId && def.label === null,
  );
}

/** Adds both directions of a custom object association (schema `associatedObjects`). */
export function addCustomAssociationPair(
  portal: PortalState,
  fromTypeId: string,
  toTypeId: string,
): AssociationTypeDef {
  const forward = portal.nextAssociationTypeId;
  const inverse = forward + 1;
  portal.nextAssociationTypeId += 2;
  const def: AssociationTypeDef = {
    fromTypeId,
    toTypeId,
    typeId: forward,
    inverseTypeId: inverse,
    category: 'USER_DEFINED',
    label: null,
  };
  portal.customAssociationTypes.push(def, {
    fromTypeId: toTypeId,
    toTypeId: fromTypeId,
    typeId: inverse,
    inverseTypeId: forward,
    category: 'USER_DEFINED',
    label: null,
  });
  return def;
}
