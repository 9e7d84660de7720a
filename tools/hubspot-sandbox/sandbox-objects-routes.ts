import { Router, type Request } from 'express';
import { objectCreateSchema, objectUpdateSchema } from './sandbox-crm-schemas.ts';
import { objectNotFound } from './sandbox-errors.ts';
import { param, parseJsonBody, queryFlag, queryLimit, queryList, queryValue } from './sandbox-http.ts';
import { requireObjectType, type ObjectTypeInfo } from './sandbox-object-types.ts';
import { toFullObject, toPublicObject, withAssociations } from './sandbox-object-view.ts';
import { assertIdProperty, createRecord, updateRecord } from './sandbox-object-writes.ts';
import { requestContext, requireScopes, type RequestContext } from './sandbox-request-context.ts';
import type { SandboxStore } from './sandbox-store.ts';

/**
 * CRM v3 single-record routes: `/crm/v3/objects/{objectType}` list (limit <= 100, `after` cursor),
 * get by id or unique `idProperty`, create (with inline `associations`), PATCH update and DELETE
 * archive (204, also for ids that do not exist, as HubSpot answers).
 */
export function scopeFor(type: ObjectTypeInfo, mode: 'read' | 'write'): string {
  return `${type.scopeStem}.${mode}`;
}

export function objectTypeFor(req: Request, mode: 'read' | 'write'): { context: RequestContext; type: ObjectTypeInfo } {
  const context = requestContext(req);
  const type = requireObjectType(context.portal, param(req, 'objectType'));
  requireScopes(context, [scopeFor(type, mode)]);
  return { context, type };
}

export function createObjectsRouter(store: SandboxStore): Router {
  const router = Router();
  const base = '/crm/v3/objects/:objectType';

  router.get(base, (req, res) => {
    const { context, type } = objectTypeFor(req, 'read');
    const limit = queryLimit(req, 10, 100);
    const after = queryValue(req, 'after');
    const records = store.objects.list(context.portal, type, queryFlag(req, 'archived'));
    const start = after === undefined ? 0 : records.findIndex((record) => Number(record.id) >= Number(after));
    const page = start < 0 ? [] : records.slice(start, start + limit);
    const next = start < 0 ? undefined : records[start + limit];
    const properties = queryList(req, 'properties');
    const associationTypes = queryList(req, 'associations');
    const results = page.map((record) =>
      withAssociations(
        toPublicObject(context.portal, type, record, properties),
        context.portal,
        type,
        store.associations,
        associationTypes,
      ),
    );
    const body: Record<string, unknown> = { results };
    if (next)
      body.paging = {
        next: {
          after: next.id,
          link: `${req.protocol}://${req.get('host') ?? 'localhost'}${req.path}?after=${next.id}`,
        },
      };
    res.json(body);
  });

  router.get(`${base}/:objectId`, (req, res) => {
    const { context, type } = objectTypeFor(req, 'read');
    const idProperty = queryValue(req, 'idProperty');
    assertIdProperty(store, context.portal, type, idProperty);
    const objectId = param(req, 'objectId');
    const record = store.objects.find(context.portal, type, objectId, idProperty, queryFlag(req, 'archived'));
    if (!record) throw objectNotFound(objectId);
    const view = toPublicObject(context.portal, type, record, queryList(req, 'properties'));
    res.json(withAssociations(view, context.portal, type, store.associations, queryList(req, 'associations')));
  });

  router.post(base, (req, res) => {
    const { context, type } = objectTypeFor(req, 'write');
    const input = parseJsonBody(req, objectCreateSchema);
    const result = createRecord(store, context.portal, type, input, context.source);
    if (!result.ok) throw result.error;
    res.status(201).json(toFullObject(result.record));
  });

  router.patch(`${base}/:objectId`, (req, res) => {
    const { context, type } = objectTypeFor(req, 'write');
    const idProperty = queryValue(req, 'idProperty');
    assertIdProperty(store, context.portal, type, idProperty);
    const input = parseJsonBody(req, objectUpdateSchema);
    const objectId = param(req, 'objectId');
    const record = store.objects.find(context.portal, type, objectId, idProperty);
    if (!record) throw objectNotFound(objectId);
    const result = updateRecord(store, context.portal, type, record, input.properties, context.source);
    if (!result.ok) throw result.error;
    res.json(toFullObject(result.record));
  });

  router.delete(`${base}/:objectId`, (req, res) => {
    const { context, type } = objectTypeFor(req, 'write');
    const record = store.objects.find(context.portal, type, param(req, 'objectId'));
    if (record) store.objects.archive(context.portal, type, record, context.source);
    res.status(204).end();
  });

  return router;
}
