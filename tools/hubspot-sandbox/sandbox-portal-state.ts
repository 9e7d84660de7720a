import { defaultGroupsFor, defaultPropertiesFor } from './sandbox-default-properties.ts';
import { STANDARD_OBJECT_TYPES } from './sandbox-object-types.ts';

/**
 * The in-memory data of one HubSpot portal (account). Plain JSON-serialisable records so the whole
 * sandbox state can be written to and read back from a state file.
 */
export interface StoredObject {
  id: string;
  objectTypeId: string;
  /** HubSpot stores and returns every property value as a string. */
  properties: Record<string, string>;
  createdAt: number;
  updatedAt: number;
  archived: boolean;
  archivedAt?: number;
}

export type PropertyType = 'string' | 'number' | 'date' | 'datetime' | 'enumeration' | 'bool';

export interface PropertyOption {
  label: string;
  value: string;
  description: string;
  displayOrder: number;
  hidden: boolean;
}

export interface PropertyDefinition {
  name: string;
  label: string;
  type: PropertyType;
  fieldType: string;
  groupName: string;
  description: string;
  options: PropertyOption[];
  displayOrder: number;
  hasUniqueValue: boolean;
  hidden: boolean;
  formField: boolean;
  calculated: boolean;
  externalOptions: boolean;
  hubspotDefined: boolean;
  /** HubSpot's `modificationMetadata.readOnlyValue`: the API may not write it. */
  readOnlyValue: boolean;
  createdAt: number;
  updatedAt: number;
}

export interface PropertyGroupDefinition {
  name: string;
  label: string;
  displayOrder: number;
  archived: boolean;
}

export interface StoredSchema {
  id: string;
  objectTypeId: string;
  name: string;
  fullyQualifiedName: string;
  labels: { singular?: string; plural?: string };
  description?: string;
  primaryDisplayProperty?: string;
  requiredProperties: string[];
  searchableProperties: string[];
  secondaryDisplayProperties: string[];
  createdAt: number;
  updatedAt: number;
}

export type AssociationCategory = 'HUBSPOT_DEFINED' | 'USER_DEFINED' | 'INTEGRATOR_DEFINED';

/** One direction of an association type; `inverseTypeId` is the type HubSpot records the other way. */
export interface AssociationTypeDef {
  fromTypeId: string;
  toTypeId: string;
  typeId: number;
  inverseTypeId: number;
  category: AssociationCategory;
  label: string | null;
}

export interface PortalState {
  portalId: number;
  /** Custom object schemas are Enterprise-only (HubSpot docs "CRM API: Quotes, Line items, Associations v4"); other tiers get 403 on schema routes. */
  enterprise: boolean;
  nextObjectId: number;
  nextCustomTypeNumber: number;
  nextAssociationTypeId: number;
  /** objectTypeId -> id -> record. */
  objects: Record<string, Record<string, StoredObject>>;
  /** `typeId:id` -> `toTypeId:toId` -> association type ids (each direction stored). */
  associations: Record<string, Record<string, number[]>>;
  /** objectTypeId -> property name -> definition. */
  properties: Record<string, Record<string, PropertyDefinition>>;
  groups: Record<string, Record<string, PropertyGroupDefinition>>;
  /** objectTypeId -> custom object schema. */
  schemas: Record<string, StoredSchema>;
  customAssociationTypes: AssociationTypeDef[];
}

export function createPortalState(portalId: number, enterprise: boolean, nowMs: number): PortalState {
  const portal: PortalState = {
    portalId,
    enterprise,
    // HubSpot record ids are numeric strings; start high enough to look like real ones.
    nextObjectId: 1001,
    nextCustomTypeNumber: 1,
    nextAssociationTypeId: 1001,
    objects: {},
    associations: {},
    properties: {},
    groups: {},
    schemas: {},
    customAssociationTypes: [],
  };
  for (const type of STANDARD_OBJECT_TYPES) {
    portal.objects[type.objectTypeId] = {};
    portal.properties[type.objectTypeId] = Object.fromEntries(
      defaultPropertiesFor(type.name, nowMs).map((definition) => [definition.name, definition]),
    );
    portal.groups[type.objectTypeId] = Object.fromEntries(
      defaultGroupsFor(type.name).map((group) => [group.name, group]),
    );
  }
  return portal;
}

export function nextObjectId(portal: PortalState): string {
  const id = portal.nextObjectId;
  portal.nextObjectId += 1;
  return String(id);
}
