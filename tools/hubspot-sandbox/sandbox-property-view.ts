import { isoAt } from './sandbox-clock.ts';
import { validationError } from './sandbox-errors.ts';
import type { PropertyCreateInput } from './sandbox-metadata-schemas.ts';
import type { PropertyDefinition, PropertyGroupDefinition } from './sandbox-portal-state.ts';

/** HubSpot's `Property` response shape, with `modificationMetadata` and ISO timestamps. */
export function toPublicProperty(definition: PropertyDefinition): Record<string, unknown> {
  return {
    name: definition.name,
    label: definition.label,
    type: definition.type,
    fieldType: definition.fieldType,
    description: definition.description,
    groupName: definition.groupName,
    options: definition.options,
    displayOrder: definition.displayOrder,
    calculated: definition.calculated,
    externalOptions: definition.externalOptions,
    hasUniqueValue: definition.hasUniqueValue,
    hidden: definition.hidden,
    hubspotDefined: definition.hubspotDefined,
    formField: definition.formField,
    modificationMetadata: {
      archivable: !definition.hubspotDefined,
      readOnlyDefinition: definition.hubspotDefined,
      readOnlyValue: definition.readOnlyValue,
    },
    createdAt: isoAt(definition.createdAt),
    updatedAt: isoAt(definition.updatedAt),
    archived: false,
  };
}

export function toPublicGroup(group: PropertyGroupDefinition): Record<string, unknown> {
  return { name: group.name, label: group.label, displayOrder: group.displayOrder, archived: group.archived };
}

/** A new custom property; HubSpot requires options for an enumeration unless they are external. */
export function buildPropertyDefinition(
  input: Omit<PropertyCreateInput, 'groupName'>,
  groupName: string,
  nowMs: number,
): PropertyDefinition {
  if (input.type === 'enumeration' && input.options.length === 0 && !input.externalOptions) {
    throw validationError(`Property "${input.name}" of type enumeration needs at least one option`);
  }
  const options =
    input.type === 'bool' && input.options.length === 0
      ? [
          { label: 'Yes', value: 'true', description: '', displayOrder: 0, hidden: false },
          { label: 'No', value: 'false', description: '', displayOrder: 1, hidden: false },
        ]
      : input.options.map((option, index) => ({ ...option, displayOrder: option.displayOrder ?? index }));
  return {
    name: input.name,
    label: input.label,
    type: input.type,
    fieldType: input.fieldType,
    groupName,
    description: input.description,
    options,
    displayOrder: input.displayOrder,
    hasUniqueValue: input.hasUniqueValue,
    hidden: input.hidden,
    formField: input.formField,
    calculated: false,
    externalOptions: input.externalOptions,
    hubspotDefined: false,
    readOnlyValue: false,
    createdAt: nowMs,
    updatedAt: nowMs,
  };
}
