import { Router } from 'express';
import type { SandboxClock } from './sandbox-clock.ts';
import {
  batchArchiveSchema,
  batchCreateSchema,
  batchReadSchema,
  batchUpdateSchema,
  type BatchUpdateInput,
} from './sandbox-crm-schemas.ts';
import type { HubSpotApiError } from './sandbox-errors.ts';
import {
  assertBatchSize,
  batchEnvelope,
  batchError,
  parseJsonBody,
  queryFlag,
  type BatchErrorEntry,
} from './sandbox-http.ts';
import type { PendingUniques } from './sandbox-object-store.ts';
import type { ObjectTypeInfo } from './sandbox-object-types.ts';
import { toFullObject, toPublicObject, type PublicObject } from './sandbox-object-view.ts';
import {
  applyCreate,
  assertIdProperty,
  createRecord,
  planCreate,
  updateRecord,
  type WriteResult,
} from './sandbox-object-writes.ts';
import { objectTypeFor } from './sandbox-objects-routes.ts';
import type { RequestContext } from './sandbox-request-context.ts';
import type { SandboxStore } from './sandbox-store.ts';

/**
 * CRM v3 batch routes. Every batch takes at most 100 inputs (HubSpot docs "API usage guidelines and limits"; 101 -> 400
 * VALIDATION_ERROR). Read/update/upsert answer 200, or 207 multi-status with `errors` when some
 * inputs fail. Create is all-or-nothing (400) unless every input carries an `objectWriteTraceId`,
 * which is how HubSpot's docs say to opt in to 207 partial success. Archive always answers 204.
 */
export const BATCH_LIMIT = 100;

function errorEntry(error: HubSpotApiError, id?: string): BatchErrorEntry {
  const body = error.body;
  const context = (body.context as Record<string, string[]> | undefined) ?? {};
  const entry = batchError(String(body.category ?? 'VALIDATION_ERROR'), error.message, context);
  if (Array.isArray(body.errors)) entry.errors = body.errors as BatchErrorEntry['errors'];
  if (id !== undefined) entry.id = id;
  return entry;
}

function notFoundEntry(type: ObjectTypeInfo, ids: string[]): BatchErrorEntry {
  return batchError(
    'OBJECT_NOT_FOUND',
    `Could not get some ${type.singular.toUpperCase()} objects, they may be deleted or not exist. Check that ids are valid.`,
    { ids },
  );
}

export function createBatchRouter(store: SandboxStore, clock: SandboxClock): Router {
  const router = Router();
  const base = '/crm/v3/objects/:objectType/batch';

  const send207 = (results: unknown[], errors: BatchErrorEntry[], startedAt: number, okStatus: number) => ({
    status: errors.length > 0 ? 207 : okStatus,
    body: batchEnvelope(results, startedAt, clock.now(), errors),
  });

  router.post(`${base}/read`, (req, res) => {
    const startedAt = clock.now();
    const { context, type } = objectTypeFor(req, 'read');
    const input = parseJsonBody(req, batchReadSchema);
    assertBatchSize(input.inputs.length, BATCH_LIMIT);
    assertIdProperty(store, context.portal, type, input.idProperty);
    const archived = queryFlag(req, 'archived');
    const results: PublicObject[] = [];
    const missing: string[] = [];
    for (const { id } of input.inputs) {
      const record = store.objects.find(context.portal, type, id, input.idProperty, archived);
      if (record) results.push(toPublicObject(context.portal, type, record, input.properties));
      else missing.push(id);
    }
    const { status, body } = send207(results, missing.length > 0 ? [notFoundEntry(type, missing)] : [], startedAt, 200);
    res.status(status).json(body);
  });

  router.post(`${base}/create`, (req, res) => {
    const startedAt = clock.now();
    const { context, type } = objectTypeFor(req, 'write');
    const input = parseJsonBody(req, batchCreateSchema);
    assertBatchSize(input.inputs.length, BATCH_LIMIT);
    const multiStatus =
      input.inputs.length > 0 && input.inputs.every((entry) => entry.objectWriteTraceId !== undefined);
    // Plan every input before writing any, so a bad input leaves no half-written batch behind.
    const pending: PendingUniques = new Map();
    const planned = input.inputs.map((entry) => ({
      entry,
      result: planCreate(store, context.portal, type, entry, context.source, pending),
    }));
    const failure = planned.find(({ result }) => !result.ok);
    if (failure && !failure.result.ok && !multiStatus) throw failure.result.error;
    const results: PublicObject[] = [];
    const errors: BatchErrorEntry[] = [];
    for (const { entry, result } of planned) {
      if (result.ok) results.push(toFullObject(applyCreate(store, context.portal, result.plan, context.source)));
      else errors.push(errorEntry(result.error, entry.objectWriteTraceId));
    }
    const { status, body } = send207(results, errors, startedAt, 201);
    res.status(status).json(body);
  });

  const updateAll = (context: RequestContext, type: ObjectTypeInfo, inputs: BatchUpdateInput[], upsert: boolean) => {
    const results: Array<PublicObject & { new?: boolean }> = [];
    const errors: BatchErrorEntry[] = [];
    const missing: string[] = [];
    const pending: PendingUniques = new Map();
    for (const entry of inputs) {
      assertIdProperty(store, context.portal, type, entry.idProperty);
      const record = store.objects.find(context.portal, type, entry.id, entry.idProperty);
      let result: WriteResult;
      if (record) {
        result = updateRecord(store, context.portal, type, record, entry.properties, context.source, pending);
      } else if (upsert && entry.idProperty !== undefined && entry.idProperty !== 'hs_object_id') {
        const properties = { ...entry.properties, [entry.idProperty]: entry.id };
        result = createRecord(store, context.portal, type, { properties, associations: [] }, context.source, pending);
      } else {
        missing.push(entry.id);
        continue;
      }
      if (!result.ok) errors.push(errorEntry(result.error, entry.id));
      else
        results.push(
          upsert ? { ...toFullObject(result.record), new: record === undefined } : toFullObject(result.record),
        );
    }
    if (missing.length > 0) errors.push(notFoundEntry(type, missing));
    return { results, errors };
  };

  router.post(`${base}/update`, (req, res) => {
    const startedAt = clock.now();
    const { context, type } = objectTypeFor(req, 'write');
    const input = parseJsonBody(req, batchUpdateSchema);
    assertBatchSize(input.inputs.length, BATCH_LIMIT);
    const { results, errors } = updateAll(context, type, input.inputs, false);
    const { status, body } = send207(results, errors, startedAt, 200);
    res.status(status).json(body);
  });

  router.post(`${base}/upsert`, (req, res) => {
    const startedAt = clock.now();
    const { context, type } = objectTypeFor(req, 'write');
    const input = parseJsonBody(req, batchUpdateSchema);
    assertBatchSize(input.inputs.length, BATCH_LIMIT);
    const { results, errors } = updateAll(context, type, input.inputs, true);
    const { status, body } = send207(results, errors, startedAt, 200);
    res.status(status).json(body);
  });

  router.post(`${base}/archive`, (req, res) => {
    const { context, type } = objectTypeFor(req, 'write');
    const input = parseJsonBody(req, batchArchiveSchema);
    assertBatchSize(input.inputs.length, BATCH_LIMIT);
    for (const { id } of input.inputs) {
      const record = store.objects.find(context.portal, type, id);
      if (record) store.objects.archive(context.portal, type, record, context.source);
    }
    res.status(204).end();
  });

  return router;
}
