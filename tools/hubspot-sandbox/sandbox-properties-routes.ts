import { Router, type Request } from 'express';
import type { SandboxClock } from './sandbox-clock.ts';
import { alreadyExists, resourceNotFound, validationError } from './sandbox-errors.ts';
import { param, parseJsonBody } from './sandbox-http.ts';
import { groupCreateSchema, propertyCreateSchema, propertyUpdateSchema } from './sandbox-metadata-schemas.ts';
import { requireObjectType, type ObjectTypeInfo } from './sandbox-object-types.ts';
import { buildPropertyDefinition, toPublicGroup, toPublicProperty } from './sandbox-property-view.ts';
import { requestContext, requireScopes, type RequestContext } from './sandbox-request-context.ts';
import type { SandboxStore } from './sandbox-store.ts';

/**
 * `/crm/v3/properties/{objectType}` and its `/groups`: list, create, get (and PATCH a property).
 * Creating a name that exists answers HubSpot's 409 OBJECT_ALREADY_EXISTS, so an app's "ensure
 * property" step can treat 409 as already done. Writes need `crm.schemas.<object>.write`
 * (HubSpot docs "CRM API: Quotes, Line items, Associations v4"); products have no schema scope and use the object write scope.
 */
function writeScope(type: ObjectTypeInfo): string {
  if (type.custom) return 'crm.schemas.custom.write';
  if (type.name === 'products') return 'crm.objects.products.write';
  return `crm.schemas.${type.name}.write`;
}

function resolve(req: Request, write: boolean): { context: RequestContext; type: ObjectTypeInfo } {
  const context = requestContext(req);
  const type = requireObjectType(context.portal, param(req, 'objectType'));
  if (write) requireScopes(context, [writeScope(type)]);
  return { context, type };
}

export function createPropertiesRouter(store: SandboxStore, clock: SandboxClock): Router {
  const router = Router();
  const base = '/crm/v3/properties/:objectType';

  const groupsOf = (context: RequestContext, type: ObjectTypeInfo) => (context.portal.groups[type.objectTypeId] ??= {});
  const propertiesOf = (context: RequestContext, type: ObjectTypeInfo) =>
    store.objects.definitions(context.portal, type);

  // Group routes come first: `/groups` would otherwise match `/:propertyName`.
  router.get(`${base}/groups`, (req, res) => {
    const { context, type } = resolve(req, false);
    res.json({ results: Object.values(groupsOf(context, type)).map(toPublicGroup) });
  });

  router.post(`${base}/groups`, (req, res) => {
    const { context, type } = resolve(req, true);
    const input = parseJsonBody(req, groupCreateSchema);
    const groups = groupsOf(context, type);
    if (groups[input.name])
      throw alreadyExists(`A property group named '${input.name}' already exists.`, { name: [input.name] });
    groups[input.name] = { ...input, archived: false };
    store.markDirty();
    res.status(201).json(toPublicGroup(groups[input.name] ?? { ...input, archived: false }));
  });

  router.get(`${base}/groups/:groupName`, (req, res) => {
    const { context, type } = resolve(req, false);
    const group = groupsOf(context, type)[param(req, 'groupName')];
    if (!group) throw resourceNotFound(`Unable to find property group ${param(req, 'groupName')}`);
    res.json(toPublicGroup(group));
  });

  router.get(base, (req, res) => {
    const { context, type } = resolve(req, false);
    res.json({ results: Object.values(propertiesOf(context, type)).map(toPublicProperty) });
  });

  router.post(base, (req, res) => {
    const { context, type } = resolve(req, true);
    const input = parseJsonBody(req, propertyCreateSchema);
    const properties = propertiesOf(context, type);
    if (properties[input.name])
      throw alreadyExists(`Property named '${input.name}' already exists.`, { name: [input.name] });
    if (!groupsOf(context, type)[input.groupName])
      throw validationError(`Property group '${input.groupName}' does not exist.`);
    const definition = buildPropertyDefinition(input, input.groupName, clock.now());
    properties[input.name] = definition;
    store.markDirty();
    res.status(201).json(toPublicProperty(definition));
  });

  router.get(`${base}/:propertyName`, (req, res) => {
    const { context, type } = resolve(req, false);
    const definition = propertiesOf(context, type)[param(req, 'propertyName')];
    if (!definition) throw resourceNotFound(`Unable to find property ${param(req, 'propertyName')}`);
    res.json(toPublicProperty(definition));
  });

  router.patch(`${base}/:propertyName`, (req, res) => {
    const { context, type } = resolve(req, true);
    const definition = propertiesOf(context, type)[param(req, 'propertyName')];
    if (!definition) throw resourceNotFound(`Unable to find property ${param(req, 'propertyName')}`);
    if (definition.hubspotDefined)
      throw validationError(`${definition.name} is a HubSpot-defined property and cannot be modified.`);
    const input = parseJsonBody(req, propertyUpdateSchema);
    if (input.groupName !== undefined && !groupsOf(context, type)[input.groupName]) {
      throw validationError(`Property group '${input.groupName}' does not exist.`);
    }
    const { options, ...rest } = input;
    Object.assign(definition, rest, { updatedAt: clock.now() });
    if (options)
      definition.options = options.map((option, index) => ({ ...option, displayOrder: option.displayOrder ?? index }));
    store.markDirty();
    res.json(toPublicProperty(definition));
  });

  return router;
}
