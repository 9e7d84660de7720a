import type { AssociationStore } from './sandbox-association-store.ts';
import type { ChangeListener, ChangeSource } from './sandbox-changes.ts';
import { isoAt, type SandboxClock } from './sandbox-clock.ts';
import { hubSpotError, type HubSpotApiError } from './sandbox-errors.ts';
import {
  calculatedValues,
  createDefaults,
  missingRequired,
  ruleIssues,
  SYSTEM_PROPERTIES,
} from './sandbox-object-rules.ts';
import type { ObjectTypeInfo } from './sandbox-object-types.ts';
import { nextObjectId, type PortalState, type PropertyDefinition, type StoredObject } from './sandbox-portal-state.ts';
import {
  normalizeProperties,
  propertyValidationError,
  type NormalizedValues,
  type PropertyInput,
  type PropertyIssue,
} from './sandbox-property-values.ts';

interface ObjectStoreDeps {
  clock: SandboxClock;
  emit: ChangeListener;
  markDirty(): void;
  associations: AssociationStore;
}

export interface PreparedWrite {
  values: NormalizedValues;
  issues: PropertyIssue[];
}

/** Unique values claimed by earlier inputs of the same batch: `property=value` -> claimant. */
export type PendingUniques = Map<string, string>;

const CONFLICT = 'CONFLICT';

/**
 * CRM records of one portal: validation, timestamps and change events. Every write goes through
 * prepare* (validation, no side effects) then apply*, so batch endpoints can validate all inputs
 * before writing any (HubSpot batch create is all-or-nothing unless multi-status is requested).
 */
export class ObjectStore {
  private readonly deps: ObjectStoreDeps;

  constructor(deps: ObjectStoreDeps) {
    this.deps = deps;
  }

  definitions(portal: PortalState, type: ObjectTypeInfo): Record<string, PropertyDefinition> {
    return (portal.properties[type.objectTypeId] ??= {});
  }

  /** A record by id, or by the value of a unique `idProperty`; archived ones only when asked. */
  find(
    portal: PortalState,
    type: ObjectTypeInfo,
    idValue: string,
    idProperty?: string,
    archived = false,
  ): StoredObject | undefined {
    const records = portal.objects[type.objectTypeId] ?? {};
    if (idProperty === undefined || idProperty === 'hs_object_id') {
      const record = records[idValue];
      return record && record.archived === archived ? record : undefined;
    }
    return Object.values(records).find(
      (record) => record.archived === archived && record.properties[idProperty] === idValue,
    );
  }

  list(portal: PortalState, type: ObjectTypeInfo, archived = false): StoredObject[] {
    return Object.values(portal.objects[type.objectTypeId] ?? {})
      .filter((record) => record.archived === archived)
      .sort((a, b) => Number(a.id) - Number(b.id));
  }

  prepareCreate(
    portal: PortalState,
    type: ObjectTypeInfo,
    input: PropertyInput,
    source: ChangeSource,
    pending?: PendingUniques,
  ): PreparedWrite {
    const { values, issues } = normalizeProperties(this.definitions(portal, type), input);
    const withDefaults: NormalizedValues = { ...createDefaults(type), ...values };
    const required = portal.schemas[type.objectTypeId]?.requiredProperties ?? [];
    issues.push(...missingRequired(type, withDefaults, required));
    const merged = present(withDefaults);
    issues.push(
      ...ruleIssues(type, merged, withDefaults, {
        hasAssociation: () => false,
        fromIntegration: source.changeSource === 'INTEGRATION',
      }),
    );
    issues.push(...this.uniqueIssues(portal, type, withDefaults, undefined, pending));
    return { values: withDefaults, issues };
  }

  prepareUpdate(
    portal: PortalState,
    type: ObjectTypeInfo,
    record: StoredObject,
    input: PropertyInput,
    source: ChangeSource,
    pending?: PendingUniques,
  ): PreparedWrite {
    const { values, issues } = normalizeProperties(this.definitions(portal, type), input);
    const merged = present({ ...record.properties, ...values });
    const ref = { typeId: type.objectTypeId, id: record.id };
    issues.push(
      ...ruleIssues(type, merged, values, {
        hasAssociation: (toTypeId) => this.deps.associations.has(portal, ref, toTypeId),
        fromIntegration: source.changeSource === 'INTEGRATION',
      }),
    );
    issues.push(...this.uniqueIssues(portal, type, values, record.id, pending));
    return { values, issues };
  }

  /** Throws HubSpot's error for a failed prepare: 409 for a unique-value clash, else 400. */
  assertValid(type: ObjectTypeInfo, prepared: PreparedWrite): void {
    const error = this.errorFor(type, prepared.issues);
    if (error) throw error;
  }

  errorFor(type: ObjectTypeInfo, issues: PropertyIssue[]): HubSpotApiError | undefined {
    const conflict = issues.find((issue) => issue.code === CONFLICT);
    if (conflict) return hubSpotError(409, CONFLICT, conflict.message, { context: { propertyName: [conflict.name] } });
    return issues.length > 0 ? propertyValidationError(issues) : undefined;
  }

  create(portal: PortalState, type: ObjectTypeInfo, values: NormalizedValues, source: ChangeSource): StoredObject {
    const now = this.deps.clock.now();
    const id = nextObjectId(portal);
    const definitions = this.definitions(portal, type);
    const properties: Record<string, string> = present(values);
    Object.assign(properties, calculatedValues(type, properties));
    properties.hs_object_id = id;
    properties.hs_createdate = isoAt(now);
    properties.hs_lastmodifieddate = isoAt(now);
    if (definitions.createdate && properties.createdate === undefined) properties.createdate = isoAt(now);
    if (definitions.lastmodifieddate) properties.lastmodifieddate = isoAt(now);
    const record: StoredObject = {
      id,
      objectTypeId: type.objectTypeId,
      properties,
      createdAt: now,
      updatedAt: now,
      archived: false,
    };
    (portal.objects[type.objectTypeId] ??= {})[id] = record;
    const base = { portalId: portal.portalId, occurredAt: now, source, objectTypeId: type.objectTypeId, objectId: id };
    this.deps.emit({ ...base, kind: 'creation' });
    for (const [propertyName, propertyValue] of Object.entries(properties)) {
      if (!SYSTEM_PROPERTIES.has(propertyName))
        this.deps.emit({ ...base, kind: 'propertyChange', propertyName, propertyValue });
    }
    this.deps.markDirty();
    return record;
  }

  update(
    portal: PortalState,
    type: ObjectTypeInfo,
    record: StoredObject,
    values: NormalizedValues,
    source: ChangeSource,
  ): StoredObject {
    const now = this.deps.clock.now();
    const before = { ...record.properties };
    for (const [name, value] of Object.entries(values)) {
      if (value === null) Reflect.deleteProperty(record.properties, name);
      else record.properties[name] = value;
    }
    Object.assign(record.properties, calculatedValues(type, record.properties));
    record.properties.hs_lastmodifieddate = isoAt(now);
    if (this.definitions(portal, type).lastmodifieddate) record.properties.lastmodifieddate = isoAt(now);
    record.updatedAt = now;
    const base = {
      portalId: portal.portalId,
      occurredAt: now,
      source,
      objectTypeId: type.objectTypeId,
      objectId: record.id,
    };
    const names = new Set([...Object.keys(before), ...Object.keys(record.properties)]);
    for (const propertyName of names) {
      const after = record.properties[propertyName];
      if (SYSTEM_PROPERTIES.has(propertyName) || after === before[propertyName]) continue;
      this.deps.emit({ ...base, kind: 'propertyChange', propertyName, propertyValue: after ?? '' });
    }
    this.deps.markDirty();
    return record;
  }

  archive(portal: PortalState, type: ObjectTypeInfo, record: StoredObject, source: ChangeSource): void {
    const now = this.deps.clock.now();
    record.archived = true;
    record.archivedAt = now;
    record.updatedAt = now;
    this.deps.associations.removeAll(portal, { typeId: type.objectTypeId, id: record.id }, source);
    this.deps.emit({
      portalId: portal.portalId,
      occurredAt: now,
      source,
      objectTypeId: type.objectTypeId,
      objectId: record.id,
      kind: 'deletion',
    });
    this.deps.markDirty();
  }

  private uniqueIssues(
    portal: PortalState,
    type: ObjectTypeInfo,
    values: NormalizedValues,
    selfId: string | undefined,
    pending?: PendingUniques,
  ): PropertyIssue[] {
    const issues: PropertyIssue[] = [];
    const definitions = this.definitions(portal, type);
    for (const [name, value] of Object.entries(values)) {
      if (value === null || !definitions[name]?.hasUniqueValue) continue;
      const existing = this.find(portal, type, value, name);
      const claimKey = `${name}=${value}`;
      const claimant = existing && existing.id !== selfId ? existing.id : pending?.get(claimKey);
      if (claimant !== undefined && claimant !== selfId) {
        const noun = type.singular.charAt(0).toUpperCase() + type.singular.slice(1).replace(/_/g, ' ');
        issues.push({ name, code: CONFLICT, message: `${noun} already exists. Existing ID: ${claimant}` });
      } else {
        pending?.set(claimKey, selfId ?? 'pending');
      }
    }
    return issues;
  }
}

function present(values: NormalizedValues): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [name, value] of Object.entries(values)) if (value !== null) result[name] = value;
  return result;
}
