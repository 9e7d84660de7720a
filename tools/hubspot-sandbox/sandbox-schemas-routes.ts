import { Router, type Request } from 'express';
import { addCustomAssociationPair } from './sandbox-association-types.ts';
import { isoAt, type SandboxClock } from './sandbox-clock.ts';
import { defaultGroupsFor, defaultPropertiesFor } from './sandbox-default-properties.ts';
import { alreadyExists, missingScopes, resourceNotFound, validationError } from './sandbox-errors.ts';
import { param, parseJsonBody } from './sandbox-http.ts';
import { objectSchemaCreateSchema, type ObjectSchemaCreateInput } from './sandbox-metadata-schemas.ts';
import { findObjectType } from './sandbox-object-types.ts';
import type { PortalState, StoredSchema } from './sandbox-portal-state.ts';
import { buildPropertyDefinition, toPublicProperty } from './sandbox-property-view.ts';
import { requestContext, type RequestContext } from './sandbox-request-context.ts';
import type { SandboxStore } from './sandbox-store.ts';

/**
 * `/crm-object-schemas/v3/schemas`: list, create, get. Custom objects need an Enterprise portal
 * (HubSpot docs "CRM API: Quotes, Line items, Associations v4"). A non-Enterprise portal cannot grant `crm.schemas.custom.*`, so HubSpot answers
 * 403 MISSING_SCOPES; `sandbox.state.setEnterprise(false)` switches a portal to that behaviour.
 */
function gate(req: Request, mode: 'read' | 'write'): RequestContext {
  const context = requestContext(req);
  const scope = `crm.schemas.custom.${mode}`;
  if (!context.portal.enterprise || !context.scopes.has(scope)) throw missingScopes([scope]);
  return context;
}

function toPublicSchema(portal: PortalState, schema: StoredSchema): Record<string, unknown> {
  const properties = Object.values(portal.properties[schema.objectTypeId] ?? {}).map(toPublicProperty);
  const associations = portal.customAssociationTypes
    .filter((def) => def.fromTypeId === schema.objectTypeId)
    .map((def) => ({
      id: String(def.typeId),
      fromObjectTypeId: def.fromTypeId,
      toObjectTypeId: def.toTypeId,
      createdAt: isoAt(schema.createdAt),
      updatedAt: isoAt(schema.updatedAt),
    }));
  return {
    id: schema.id,
    objectTypeId: schema.objectTypeId,
    name: schema.name,
    fullyQualifiedName: schema.fullyQualifiedName,
    labels: schema.labels,
    description: schema.description,
    primaryDisplayProperty: schema.primaryDisplayProperty,
    requiredProperties: schema.requiredProperties,
    searchableProperties: schema.searchableProperties,
    secondaryDisplayProperties: schema.secondaryDisplayProperties,
    properties,
    associations,
    portalId: portal.portalId,
    archived: false,
    createdAt: isoAt(schema.createdAt),
    updatedAt: isoAt(schema.updatedAt),
  };
}

function checkReferences(input: ObjectSchemaCreateInput): void {
  const names = new Set(input.properties.map((property) => property.name));
  const referenced = [
    ...input.requiredProperties,
    ...input.searchableProperties,
    ...input.secondaryDisplayProperties,
    ...(input.primaryDisplayProperty ? [input.primaryDisplayProperty] : []),
  ];
  const unknown = referenced.find((name) => !names.has(name));
  if (unknown !== undefined)
    throw validationError(`Property "${unknown}" is referenced by the schema but not defined in properties`);
}

export function createSchemasRouter(store: SandboxStore, clock: SandboxClock): Router {
  const router = Router();
  const base = '/crm-object-schemas/v3/schemas';

  router.get(base, (req, res) => {
    const { portal } = gate(req, 'read');
    res.json({ results: Object.values(portal.schemas).map((schema) => toPublicSchema(portal, schema)) });
  });

  router.post(base, (req, res) => {
    const { portal } = gate(req, 'write');
    const input = parseJsonBody(req, objectSchemaCreateSchema);
    if (findObjectType(portal, input.name))
      throw alreadyExists(`An object type named '${input.name}' already exists.`, { name: [input.name] });
    checkReferences(input);
    const targets = input.associatedObjects.map((raw) => {
      const target = findObjectType(portal, raw);
      if (!target) throw validationError(`Unable to infer object type from: ${raw}`);
      return target;
    });
    const now = clock.now();
    const objectTypeId = `2-${portal.nextCustomTypeNumber}`;
    portal.nextCustomTypeNumber += 1;
    const groups = defaultGroupsFor(input.name);
    const groupName = groups[0]?.name ?? `${input.name}information`;
    const definitions = [
      ...defaultPropertiesFor(input.name, now),
      ...input.properties.map((property) => buildPropertyDefinition(property, property.groupName ?? groupName, now)),
    ];
    portal.properties[objectTypeId] = Object.fromEntries(
      definitions.map((definition) => [definition.name, definition]),
    );
    portal.groups[objectTypeId] = Object.fromEntries(groups.map((group) => [group.name, group]));
    portal.objects[objectTypeId] = {};
    const schema: StoredSchema = {
      id: objectTypeId.slice(2),
      objectTypeId,
      name: input.name,
      fullyQualifiedName: `p${portal.portalId}_${input.name}`,
      labels: input.labels,
      description: input.description,
      primaryDisplayProperty: input.primaryDisplayProperty,
      requiredProperties: input.requiredProperties,
      searchableProperties: input.searchableProperties,
      secondaryDisplayProperties: input.secondaryDisplayProperties,
      createdAt: now,
      updatedAt: now,
    };
    portal.schemas[objectTypeId] = schema;
    for (const target of targets) addCustomAssociationPair(portal, objectTypeId, target.objectTypeId);
    store.markDirty();
    res.status(201).json(toPublicSchema(portal, schema));
  });

  router.get(`${base}/:objectType`, (req, res) => {
    const { portal } = gate(req, 'read');
    const type = findObjectType(portal, param(req, 'objectType'));
    const schema = type ? portal.schemas[type.objectTypeId] : undefined;
    if (!schema) throw resourceNotFound(`Unable to find object type ${param(req, 'objectType')}`);
    res.json(toPublicSchema(portal, schema));
  });

  return router;
}
