import { Router, type Request } from 'express';
import type { ObjectRef } from './sandbox-association-store.ts';
import { associationTypes, defaultAssociationType, findAssociationType } from './sandbox-association-types.ts';
import type { SandboxClock } from './sandbox-clock.ts';
import {
  associationBatchArchiveSchema,
  associationBatchCreateSchema,
  associationBatchDefaultSchema,
  associationBatchReadSchema,
  associationSpecListSchema,
  type AssociationSpecInput,
} from './sandbox-crm-schemas.ts';
import { objectNotFound, validationError } from './sandbox-errors.ts';
import {
  assertBatchSize,
  batchEnvelope,
  batchError,
  param,
  parseJsonBody,
  queryLimit,
  queryValue,
  type BatchErrorEntry,
} from './sandbox-http.ts';
import { requireObjectType, type ObjectTypeInfo } from './sandbox-object-types.ts';
import { scopeFor } from './sandbox-objects-routes.ts';
import type { AssociationTypeDef, PortalState } from './sandbox-portal-state.ts';
import { requestContext, requireScopes, type RequestContext } from './sandbox-request-context.ts';
import type { SandboxStore } from './sandbox-store.ts';

/**
 * Associations v4. Limits (HubSpot docs "API usage guidelines and limits"): batch create and archive <= 2,000 inputs, batch read
 * <= 1,000. Type ids are validated per direction (deal->line item 19, quote->deal 64, ...) and
 * every write records the inverse type too. Reads page 500 associations per record.
 */
export const ASSOCIATION_LIMITS = { create: 2000, read: 1000, archive: 2000, pageSize: 500 } as const;

interface Pair {
  context: RequestContext;
  from: ObjectTypeInfo;
  to: ObjectTypeInfo;
}

function pairFor(req: Request, fromParam: string, toParam: string, mode: 'read' | 'write'): Pair {
  const context = requestContext(req);
  const from = requireObjectType(context.portal, param(req, fromParam));
  const to = requireObjectType(context.portal, param(req, toParam));
  requireScopes(context, [scopeFor(from, mode), scopeFor(to, mode)]);
  return { context, from, to };
}

function labelsOf(
  portal: PortalState,
  fromTypeId: string,
  toTypeId: string,
  typeIds: number[],
): Array<{ category: string; typeId: number; label: string | null }> {
  return typeIds.map((typeId) => {
    const def = findAssociationType(portal, fromTypeId, typeId, toTypeId);
    return { category: def?.category ?? 'HUBSPOT_DEFINED', typeId, label: def?.label ?? null };
  });
}

export function createAssociationsRouter(store: SandboxStore, clock: SandboxClock): Router {
  const router = Router();

  const exists = (portal: PortalState, type: ObjectTypeInfo, id: string) =>
    store.objects.find(portal, type, id) !== undefined;

  /** Resolves the specs to type definitions valid for this direction, or says why not. */
  const resolveSpecs = (pair: Pair, specs: AssociationSpecInput[]): AssociationTypeDef[] | string => {
    const defs: AssociationTypeDef[] = [];
    for (const spec of specs) {
      const def = findAssociationType(
        pair.context.portal,
        pair.from.objectTypeId,
        spec.associationTypeId,
        pair.to.objectTypeId,
        spec.associationCategory,
      );
      if (!def)
        return `${spec.associationCategory} association type ${spec.associationTypeId} is not valid from ${pair.from.name} to ${pair.to.name}`;
      defs.push(def);
    }
    return defs;
  };

  /** Writes one association; returns an error message instead of throwing so batches can collect. */
  const associate = (pair: Pair, fromId: string, toId: string, defs: AssociationTypeDef[]): string | undefined => {
    const { portal } = pair.context;
    if (!exists(portal, pair.from, fromId)) return `${pair.from.singular} ${fromId} does not exist`;
    if (!exists(portal, pair.to, toId)) return `${pair.to.singular} ${toId} does not exist`;
    const from: ObjectRef = { typeId: pair.from.objectTypeId, id: fromId };
    const to: ObjectRef = { typeId: pair.to.objectTypeId, id: toId };
    const conflict = store.associations.conflict(portal, from, to);
    if (conflict) return conflict;
    for (const def of defs) store.associations.add(portal, from, to, def, pair.context.source);
    return undefined;
  };

  const pairResult = (pair: Pair, fromId: string, toId: string, defs: AssociationTypeDef[]) => ({
    fromObjectTypeId: pair.from.objectTypeId,
    fromObjectId: fromId,
    toObjectTypeId: pair.to.objectTypeId,
    toObjectId: toId,
    labels: defs.map((def) => def.label).filter((label): label is string => label !== null),
  });

  const defaultType = (pair: Pair): AssociationTypeDef => {
    const def = defaultAssociationType(pair.context.portal, pair.from.objectTypeId, pair.to.objectTypeId);
    if (!def) throw validationError(`There is no association type between ${pair.from.name} and ${pair.to.name}`);
    return def;
  };

  const defaultResults = (pair: Pair, fromId: string, toId: string, def: AssociationTypeDef) => [
    {
      from: { id: fromId },
      to: { id: toId },
      associationSpec: { associationCategory: def.category, associationTypeId: def.typeId },
    },
    {
      from: { id: toId },
      to: { id: fromId },
      associationSpec: { associationCategory: def.category, associationTypeId: def.inverseTypeId },
    },
  ];

  router.post('/crm/v4/associations/:fromObjectType/:toObjectType/batch/create', (req, res) => {
    const startedAt = clock.now();
    const pair = pairFor(req, 'fromObjectType', 'toObjectType', 'write');
    const { inputs } = parseJsonBody(req, associationBatchCreateSchema);
    assertBatchSize(inputs.length, ASSOCIATION_LIMITS.create);
    const results: unknown[] = [];
    const errors: BatchErrorEntry[] = [];
    for (const input of inputs) {
      const defs = resolveSpecs(pair, input.types);
      const problem = typeof defs === 'string' ? defs : associate(pair, input.from.id, input.to.id, defs);
      if (typeof defs === 'string' || problem !== undefined) {
        errors.push(
          batchError('VALIDATION_ERROR', problem ?? 'invalid association', {
            fromObjectId: [input.from.id],
            toObjectId: [input.to.id],
          }),
        );
        continue;
      }
      results.push(pairResult(pair, input.from.id, input.to.id, defs));
    }
    res.status(errors.length > 0 ? 207 : 201).json(batchEnvelope(results, startedAt, clock.now(), errors));
  });

  router.post('/crm/v4/associations/:fromObjectType/:toObjectType/batch/associate/default', (req, res) => {
    const startedAt = clock.now();
    const pair = pairFor(req, 'fromObjectType', 'toObjectType', 'write');
    const { inputs } = parseJsonBody(req, associationBatchDefaultSchema);
    assertBatchSize(inputs.length, ASSOCIATION_LIMITS.create);
    const def = defaultType(pair);
    const results: unknown[] = [];
    const errors: BatchErrorEntry[] = [];
    for (const input of inputs) {
      const problem = associate(pair, input.from.id, input.to.id, [def]);
      if (problem)
        errors.push(
          batchError('VALIDATION_ERROR', problem, { fromObjectId: [input.from.id], toObjectId: [input.to.id] }),
        );
      else results.push(...defaultResults(pair, input.from.id, input.to.id, def));
    }
    res.status(errors.length > 0 ? 207 : 200).json(batchEnvelope(results, startedAt, clock.now(), errors));
  });

  /** One record's associations to a type, as `{ toObjectId, associationTypes }` pages. */
  const page = (pair: Pair, fromId: string, after: string | undefined, limit: number) => {
    const all = store.associations.list(
      pair.context.portal,
      { typeId: pair.from.objectTypeId, id: fromId },
      pair.to.objectTypeId,
    );
    const start =
      after === undefined
        ? 0
        : Math.max(
            0,
            all.findIndex((entry) => Number(entry.toId) >= Number(after)),
          );
    const slice = all.slice(start, start + limit);
    const next = all[start + limit];
    return {
      results: slice.map((entry) => ({
        toObjectId: entry.toId,
        associationTypes: labelsOf(pair.context.portal, pair.from.objectTypeId, pair.to.objectTypeId, entry.typeIds),
      })),
      paging: next ? { next: { after: next.toId } } : undefined,
    };
  };

  router.post('/crm/v4/associations/:fromObjectType/:toObjectType/batch/read', (req, res) => {
    const startedAt = clock.now();
    const pair = pairFor(req, 'fromObjectType', 'toObjectType', 'read');
    const { inputs } = parseJsonBody(req, associationBatchReadSchema);
    assertBatchSize(inputs.length, ASSOCIATION_LIMITS.read);
    const results: unknown[] = [];
    const errors: BatchErrorEntry[] = [];
    for (const input of inputs) {
      const { results: to, paging } = page(pair, input.id, input.after, ASSOCIATION_LIMITS.pageSize);
      if (to.length === 0) {
        // HubSpot reports a record without associations of that type as an error entry, not an empty list.
        errors.push(
          batchError(
            'OBJECT_NOT_FOUND',
            `No ${pair.to.singular} is associated with ${pair.from.singular} ${input.id}.`,
            { fromObjectId: [input.id] },
            {
              subCategory: 'crm.associations.NO_ASSOCIATIONS_FOUND',
            },
          ),
        );
        continue;
      }
      results.push(paging ? { from: { id: input.id }, to, paging } : { from: { id: input.id }, to });
    }
    res.status(errors.length > 0 ? 207 : 200).json(batchEnvelope(results, startedAt, clock.now(), errors));
  });

  router.post('/crm/v4/associations/:fromObjectType/:toObjectType/batch/archive', (req, res) => {
    const pair = pairFor(req, 'fromObjectType', 'toObjectType', 'write');
    const { inputs } = parseJsonBody(req, associationBatchArchiveSchema);
    assertBatchSize(inputs.length, ASSOCIATION_LIMITS.archive);
    for (const input of inputs) {
      for (const target of input.to) {
        store.associations.remove(
          pair.context.portal,
          { typeId: pair.from.objectTypeId, id: input.from.id },
          { typeId: pair.to.objectTypeId, id: target.id },
          pair.context.source,
        );
      }
    }
    res.status(204).end();
  });

  router.get('/crm/v4/objects/:objectType/:objectId/associations/:toObjectType', (req, res) => {
    const pair = pairFor(req, 'objectType', 'toObjectType', 'read');
    const objectId = param(req, 'objectId');
    if (!exists(pair.context.portal, pair.from, objectId)) throw objectNotFound(objectId);
    const { results, paging } = page(
      pair,
      objectId,
      queryValue(req, 'after'),
      queryLimit(req, ASSOCIATION_LIMITS.pageSize, ASSOCIATION_LIMITS.pageSize),
    );
    res.json(paging ? { results, paging } : { results });
  });

  router.put('/crm/v4/objects/:objectType/:objectId/associations/default/:toObjectType/:toObjectId', (req, res) => {
    const startedAt = clock.now();
    const pair = pairFor(req, 'objectType', 'toObjectType', 'write');
    const def = defaultType(pair);
    const fromId = param(req, 'objectId');
    const toId = param(req, 'toObjectId');
    const problem = associate(pair, fromId, toId, [def]);
    if (problem) throw validationError(problem);
    res.json(batchEnvelope(defaultResults(pair, fromId, toId, def), startedAt, clock.now()));
  });

  router.put('/crm/v4/objects/:objectType/:objectId/associations/:toObjectType/:toObjectId', (req, res) => {
    const pair = pairFor(req, 'objectType', 'toObjectType', 'write');
    const defs = resolveSpecs(pair, parseJsonBody(req, associationSpecListSchema));
    if (typeof defs === 'string') throw validationError(defs);
    const fromId = param(req, 'objectId');
    const toId = param(req, 'toObjectId');
    const problem = associate(pair, fromId, toId, defs);
    if (problem) throw validationError(problem);
    res.status(201).json(pairResult(pair, fromId, toId, defs));
  });

  router.delete('/crm/v4/objects/:objectType/:objectId/associations/:toObjectType/:toObjectId', (req, res) => {
    const pair = pairFor(req, 'objectType', 'toObjectType', 'write');
    const from = { typeId: pair.from.objectTypeId, id: param(req, 'objectId') };
    store.associations.remove(
      pair.context.portal,
      from,
      { typeId: pair.to.objectTypeId, id: param(req, 'toObjectId') },
      pair.context.source,
    );
    res.status(204).end();
  });

  /** Association type definitions between two object types (v4 labels endpoint). */
  router.get('/crm/v4/associations/:fromObjectType/:toObjectType/labels', (req, res) => {
    const pair = pairFor(req, 'fromObjectType', 'toObjectType', 'read');
    const results = associationTypes(pair.context.portal)
      .filter((def) => def.fromTypeId === pair.from.objectTypeId && def.toTypeId === pair.to.objectTypeId)
      .map((def) => ({ category: def.category, typeId: def.typeId, label: def.label }));
    res.json({ results });
  });

  return router;
}
