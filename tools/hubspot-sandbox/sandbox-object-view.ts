import type { AssociationStore } from './sandbox-association-store.ts';
import { isoAt } from './sandbox-clock.ts';
import { defaultReturnedProperties } from './sandbox-object-rules.ts';
import { findObjectType, type ObjectTypeInfo } from './sandbox-object-types.ts';
import type { PortalState, StoredObject } from './sandbox-portal-state.ts';

/**
 * HubSpot's public record shape (`SimplePublicObject`): `{ id, properties, createdAt, updatedAt,
 * archived[, archivedAt] }`, ISO timestamps, every property value a string or null.
 */
export interface PublicObject {
  id: string;
  properties: Record<string, string | null>;
  createdAt: string;
  updatedAt: string;
  archived: boolean;
  archivedAt?: string;
  associations?: Record<string, { results: Array<{ id: string; type: string }> }>;
}

/**
 * Which properties a read returns: the named ones (existing but unset ones as null, unknown names
 * left out, as HubSpot does) or the type's default set when none are named.
 */
export function selectProperties(
  portal: PortalState,
  type: ObjectTypeInfo,
  record: StoredObject,
  requested: string[],
): Record<string, string | null> {
  const definitions = portal.properties[type.objectTypeId] ?? {};
  const names =
    requested.length > 0
      ? requested
      : defaultReturnedProperties(type, portal.schemas[type.objectTypeId]?.primaryDisplayProperty);
  const result: Record<string, string | null> = {};
  for (const name of names) {
    if (definitions[name] || record.properties[name] !== undefined) result[name] = record.properties[name] ?? null;
  }
  return result;
}

export function toPublicObject(
  portal: PortalState,
  type: ObjectTypeInfo,
  record: StoredObject,
  requested: string[] = [],
): PublicObject {
  const view: PublicObject = {
    id: record.id,
    properties: selectProperties(portal, type, record, requested),
    createdAt: isoAt(record.createdAt),
    updatedAt: isoAt(record.updatedAt),
    archived: record.archived,
  };
  if (record.archivedAt !== undefined) view.archivedAt = isoAt(record.archivedAt);
  return view;
}

/** Every stored property, for admin views and tests. */
export function toFullObject(record: StoredObject): PublicObject {
  const view: PublicObject = {
    id: record.id,
    properties: { ...record.properties },
    createdAt: isoAt(record.createdAt),
    updatedAt: isoAt(record.updatedAt),
    archived: record.archived,
  };
  if (record.archivedAt !== undefined) view.archivedAt = isoAt(record.archivedAt);
  return view;
}

/**
 * The v3 `associations=` read option: `{ line_items: { results: [{ id, type: "deal_to_line_item" }] } }`,
 * keyed by the name the caller asked for.
 */
export function withAssociations(
  view: PublicObject,
  portal: PortalState,
  type: ObjectTypeInfo,
  associations: AssociationStore,
  requestedTypes: string[],
): PublicObject {
  if (requestedTypes.length === 0) return view;
  const result: NonNullable<PublicObject['associations']> = {};
  for (const requested of requestedTypes) {
    const target = findObjectType(portal, requested);
    if (!target) continue;
    const entries = associations.list(portal, { typeId: type.objectTypeId, id: view.id }, target.objectTypeId);
    if (entries.length === 0) continue;
    result[requested] = {
      results: entries.map((entry) => ({ id: entry.toId, type: `${type.singular}_to_${target.singular}` })),
    };
  }
  return Object.keys(result).length > 0 ? { ...view, associations: result } : view;
}
