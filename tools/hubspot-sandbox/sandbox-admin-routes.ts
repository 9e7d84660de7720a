import { Router, type Request } from 'express';
import { z } from 'zod';
import { userSource } from './sandbox-changes.ts';
import { propertyValueSchema } from './sandbox-crm-schemas.ts';
import { objectNotFound } from './sandbox-errors.ts';
import { param, parseJsonBody, queryValue } from './sandbox-http.ts';
import { allObjectTypes, requireObjectType } from './sandbox-object-types.ts';
import { toFullObject } from './sandbox-object-view.ts';
import { createRecord, updateRecord } from './sandbox-object-writes.ts';
import type { PortalState } from './sandbox-portal-state.ts';
import type { SandboxStore } from './sandbox-store.ts';

/**
 * Admin routes for looking at and changing data "inside HubSpot" (no token needed; the sandbox is a
 * local tool): list records of a type, and create or edit a record as a HubSpot user would in the
 * UI. User edits reach webhooks with `changeSource: "CRM_UI"`, unlike the app's own API writes.
 */
const userWriteSchema = z.object({
  properties: z.record(z.string(), propertyValueSchema),
  userId: z.number().int().positive().default(1),
});

const portalCreateSchema = z.object({
  portalId: z.number().int().positive(),
  enterprise: z.boolean().default(true),
  seed: z.boolean().default(false),
});

const portalUpdateSchema = z.object({ enterprise: z.boolean() });

export interface AdminDataDeps {
  store: SandboxStore;
  seed(portalId: number): void;
}

function portalOf(store: SandboxStore, req: Request): PortalState {
  const raw = queryValue(req, 'portalId');
  return store.portal(raw === undefined ? store.defaultPortalId : Number(raw));
}

function summary(portal: PortalState): Record<string, unknown> {
  const counts = Object.fromEntries(
    allObjectTypes(portal).map((type) => [
      type.name,
      Object.values(portal.objects[type.objectTypeId] ?? {}).filter((record) => !record.archived).length,
    ]),
  );
  return {
    portalId: portal.portalId,
    enterprise: portal.enterprise,
    counts,
    customObjects: Object.values(portal.schemas).map((schema) => schema.name),
  };
}

export function createAdminDataRouter({ store, seed }: AdminDataDeps): Router {
  const router = Router();

  router.get('/__sandbox/state', (_req, res) => {
    res.json({ defaultPortalId: store.defaultPortalId, portals: Object.values(store.data.portals).map(summary) });
  });

  router.get('/__sandbox/objects/:objectType', (req, res) => {
    const portal = portalOf(store, req);
    res.json({ results: store.listObjects(requireObjectType(portal, param(req, 'objectType')).name, portal.portalId) });
  });

  router.post('/__sandbox/objects/:objectType', (req, res) => {
    const portal = portalOf(store, req);
    const type = requireObjectType(portal, param(req, 'objectType'));
    const input = parseJsonBody(req, userWriteSchema);
    const result = createRecord(
      store,
      portal,
      type,
      { properties: input.properties, associations: [] },
      userSource(input.userId),
    );
    if (!result.ok) throw result.error;
    res.status(201).json(toFullObject(result.record));
  });

  /** A user edit in HubSpot, e.g. `{ "properties": { "dealstage": "closedwon" } }`. */
  router.patch('/__sandbox/objects/:objectType/:objectId', (req, res) => {
    const portal = portalOf(store, req);
    const type = requireObjectType(portal, param(req, 'objectType'));
    const input = parseJsonBody(req, userWriteSchema);
    const record = store.objects.find(portal, type, param(req, 'objectId'));
    if (!record) throw objectNotFound(param(req, 'objectId'));
    const result = updateRecord(store, portal, type, record, input.properties, userSource(input.userId));
    if (!result.ok) throw result.error;
    res.json(toFullObject(result.record));
  });

  router.delete('/__sandbox/objects/:objectType/:objectId', (req, res) => {
    const portal = portalOf(store, req);
    const type = requireObjectType(portal, param(req, 'objectType'));
    const record = store.objects.find(portal, type, param(req, 'objectId'));
    if (record) store.objects.archive(portal, type, record, userSource(1));
    res.status(204).end();
  });

  router.post('/__sandbox/portals', (req, res) => {
    const input = parseJsonBody(req, portalCreateSchema);
    const existed = store.findPortal(input.portalId) !== undefined;
    const portal = store.createPortal(input.portalId, { enterprise: input.enterprise });
    if (!existed && input.seed) seed(input.portalId);
    res.status(existed ? 200 : 201).json(summary(portal));
  });

  /** `{ "enterprise": false }` makes schema routes answer 403 like a non-Enterprise portal. */
  router.patch('/__sandbox/portals/:portalId', (req, res) => {
    const input = parseJsonBody(req, portalUpdateSchema);
    const portalId = Number(param(req, 'portalId'));
    store.setEnterprise(input.enterprise, portalId);
    res.json(summary(store.portal(portalId)));
  });

  return router;
}
