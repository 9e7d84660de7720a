import { findAssociationType } from './sandbox-association-types.ts';
import type { ChangeSource } from './sandbox-changes.ts';
import type { ObjectCreateInput } from './sandbox-crm-schemas.ts';
import { validationError, type HubSpotApiError } from './sandbox-errors.ts';
import type { PendingUniques } from './sandbox-object-store.ts';
import { objectTypeById, type ObjectTypeInfo } from './sandbox-object-types.ts';
import type { AssociationTypeDef, PortalState, StoredObject } from './sandbox-portal-state.ts';
import type { NormalizedValues, PropertyInput } from './sandbox-property-values.ts';
import type { SandboxStore } from './sandbox-store.ts';

/**
 * Create and update as the single-record and batch routes share them. Each returns either the
 * record or the HubSpot error for that input, so batch routes can choose between failing the whole
 * request (HubSpot's default) and reporting per-input errors (207 multi-status).
 */
export type WriteResult = { ok: true; record: StoredObject } | { ok: false; error: HubSpotApiError };

interface ResolvedAssociation {
  def: AssociationTypeDef;
  toId: string;
}

/**
 * Inline `associations` on create name only the target id and type ids; the target object type
 * follows from the association type (quote->deal 64 points at a deal).
 */
function resolveInlineAssociations(
  store: SandboxStore,
  portal: PortalState,
  type: ObjectTypeInfo,
  associations: ObjectCreateInput['associations'],
): { resolved: ResolvedAssociation[]; error?: HubSpotApiError } {
  const resolved: ResolvedAssociation[] = [];
  for (const association of associations) {
    for (const spec of association.types) {
      const def = findAssociationType(
        portal,
        type.objectTypeId,
        spec.associationTypeId,
        undefined,
        spec.associationCategory,
      );
      if (!def) {
        return {
          resolved,
          error: validationError(
            `${spec.associationCategory} association type ${spec.associationTypeId} is not valid from ${type.name}`,
          ),
        };
      }
      const target = objectTypeById(portal, def.toTypeId);
      if (!target || !store.objects.find(portal, target, association.to.id)) {
        return {
          resolved,
          error: validationError(
            `Cannot associate: ${target?.singular ?? def.toTypeId} ${association.to.id} does not exist`,
          ),
        };
      }
      resolved.push({ def, toId: association.to.id });
    }
  }
  return { resolved };
}

export interface CreatePlan {
  type: ObjectTypeInfo;
  values: NormalizedValues;
  associations: ResolvedAssociation[];
}

export type PlanResult = { ok: true; plan: CreatePlan } | { ok: false; error: HubSpotApiError };

/** Validates a create (properties, unique values, inline associations) without writing anything. */
export function planCreate(
  store: SandboxStore,
  portal: PortalState,
  type: ObjectTypeInfo,
  input: ObjectCreateInput,
  source: ChangeSource,
  pending?: PendingUniques,
): PlanResult {
  const prepared = store.objects.prepareCreate(portal, type, input.properties, source, pending);
  const propertyError = store.objects.errorFor(type, prepared.issues);
  if (propertyError) return { ok: false, error: propertyError };
  const { resolved, error } = resolveInlineAssociations(store, portal, type, input.associations);
  if (error) return { ok: false, error };
  for (const { def, toId } of resolved) {
    // A new record has no associations yet, so only the target side can clash (a deal's line item).
    const conflict = store.associations.conflict(
      portal,
      { typeId: def.fromTypeId, id: 'new' },
      { typeId: def.toTypeId, id: toId },
    );
    if (conflict) return { ok: false, error: validationError(conflict) };
  }
  return { ok: true, plan: { type, values: prepared.values, associations: resolved } };
}

export function applyCreate(
  store: SandboxStore,
  portal: PortalState,
  plan: CreatePlan,
  source: ChangeSource,
): StoredObject {
  const record = store.objects.create(portal, plan.type, plan.values, source);
  for (const { def, toId } of plan.associations) {
    store.associations.add(
      portal,
      { typeId: plan.type.objectTypeId, id: record.id },
      { typeId: def.toTypeId, id: toId },
      def,
      source,
    );
  }
  return record;
}

export function createRecord(
  store: SandboxStore,
  portal: PortalState,
  type: ObjectTypeInfo,
  input: ObjectCreateInput,
  source: ChangeSource,
  pending?: PendingUniques,
): WriteResult {
  const planned = planCreate(store, portal, type, input, source, pending);
  return planned.ok ? { ok: true, record: applyCreate(store, portal, planned.plan, source) } : planned;
}

export function updateRecord(
  store: SandboxStore,
  portal: PortalState,
  type: ObjectTypeInfo,
  record: StoredObject,
  properties: PropertyInput,
  source: ChangeSource,
  pending?: PendingUniques,
): WriteResult {
  const prepared = store.objects.prepareUpdate(portal, type, record, properties, source, pending);
  const error = store.objects.errorFor(type, prepared.issues);
  if (error) return { ok: false, error };
  return { ok: true, record: store.objects.update(portal, type, record, prepared.values, source) };
}

/** idProperty must be `hs_object_id` or a property with unique values (HubSpot's 400 otherwise). */
export function assertIdProperty(
  store: SandboxStore,
  portal: PortalState,
  type: ObjectTypeInfo,
  idProperty: string | undefined,
): void {
  if (idProperty === undefined || idProperty === 'hs_object_id') return;
  const definition = store.objects.definitions(portal, type)[idProperty];
  if (!definition) throw validationError(`Property "${idProperty}" does not exist`);
  if (!definition.hasUniqueValue)
    throw validationError(`${idProperty} is not a unique property and cannot be used as idProperty`);
}
