import { Router } from 'express';
import { searchSchema, type SearchRequest } from './sandbox-crm-schemas.ts';
import { validationError } from './sandbox-errors.ts';
import { parseJsonBody, rawBody } from './sandbox-http.ts';
import { querySearchableProperties } from './sandbox-object-rules.ts';
import { toPublicObject } from './sandbox-object-view.ts';
import { objectTypeFor } from './sandbox-objects-routes.ts';
import type { PropertyDefinition, StoredObject } from './sandbox-portal-state.ts';
import { compareValues, matchesFilterGroups, matchesQuery } from './sandbox-search-filter.ts';
import type { SandboxStore } from './sandbox-store.ts';

/**
 * `POST /crm/v3/objects/{objectType}/search` with HubSpot's documented limits (HubSpot docs "API usage guidelines and limits"):
 * body <= 3,000 characters, <= 5 filter groups of <= 6 filters (18 in total), limit <= 200, one
 * sort, and at most 10,000 results reachable by paging (`after` is an offset; `total` still counts
 * every match). Its own 5-per-second rate lane is applied by the rate-limit middleware.
 */
export const SEARCH_LIMITS = {
  maxBodyChars: 3000,
  maxGroups: 5,
  maxFiltersPerGroup: 6,
  maxFilters: 18,
  maxLimit: 200,
  maxResults: 10_000,
} as const;

function checkLimits(request: SearchRequest): void {
  const groups = request.filterGroups;
  if (groups.length > SEARCH_LIMITS.maxGroups) {
    throw validationError(
      `Too many filter groups: ${groups.length}. The maximum number of filter groups is ${SEARCH_LIMITS.maxGroups}.`,
    );
  }
  const crowded = groups.find((group) => group.filters.length > SEARCH_LIMITS.maxFiltersPerGroup);
  if (crowded) {
    throw validationError(
      `Too many filters in a filter group: ${crowded.filters.length}. The maximum is ${SEARCH_LIMITS.maxFiltersPerGroup}.`,
    );
  }
  const total = groups.reduce((sum, group) => sum + group.filters.length, 0);
  if (total > SEARCH_LIMITS.maxFilters) {
    throw validationError(
      `Too many filters: ${total}. The maximum number of filters across all groups is ${SEARCH_LIMITS.maxFilters}.`,
    );
  }
  if (request.limit > SEARCH_LIMITS.maxLimit) {
    throw validationError(`limit must be less than or equal to ${SEARCH_LIMITS.maxLimit}, got ${request.limit}`);
  }
  if (request.sorts.length > 1) throw validationError('Only one sort is supported per search request.');
}

function offsetOf(after: string | undefined): number {
  if (after === undefined || after === '') return 0;
  const offset = Number(after);
  if (!Number.isInteger(offset) || offset < 0)
    throw validationError(`after must be a non-negative integer, got ${after}`);
  if (offset >= SEARCH_LIMITS.maxResults) {
    throw validationError(
      `Search results are limited to ${SEARCH_LIMITS.maxResults} records; after=${after} is beyond that. Narrow the filters instead of paging further.`,
    );
  }
  return offset;
}

function sorter(
  request: SearchRequest,
  definitions: Record<string, PropertyDefinition>,
): (a: StoredObject, b: StoredObject) => number {
  const sort = request.sorts[0];
  const byId = (a: StoredObject, b: StoredObject) => Number(a.id) - Number(b.id);
  if (sort === undefined) return byId;
  const descending = typeof sort === 'string' ? sort.startsWith('-') : sort.direction === 'DESCENDING';
  const name = typeof sort === 'string' ? sort.replace(/^-/, '') : sort.propertyName;
  const definition = definitions[name];
  return (a, b) => {
    const left = a.properties[name];
    const right = b.properties[name];
    // Records without the value sort last in either direction.
    if (left === undefined || right === undefined) return left === right ? byId(a, b) : left === undefined ? 1 : -1;
    const order = compareValues(left, right, definition);
    return order === 0 ? byId(a, b) : descending ? -order : order;
  };
}

export function createSearchRouter(store: SandboxStore): Router {
  const router = Router();

  router.post('/crm/v3/objects/:objectType/search', (req, res) => {
    const { context, type } = objectTypeFor(req, 'read');
    const size = rawBody(req).toString('utf8').length;
    if (size > SEARCH_LIMITS.maxBodyChars) {
      throw validationError(
        `The search request body is ${size} characters; the maximum is ${SEARCH_LIMITS.maxBodyChars}.`,
      );
    }
    const request = parseJsonBody(req, searchSchema);
    checkLimits(request);
    const offset = offsetOf(request.after);
    const definitions = store.objects.definitions(context.portal, type);
    const searchable = querySearchableProperties(type, context.portal.schemas[type.objectTypeId]?.searchableProperties);
    const matches = store.objects
      .list(context.portal, type)
      .filter((record) => matchesFilterGroups(record, request.filterGroups, definitions))
      .filter((record) => request.query === undefined || matchesQuery(record, request.query, searchable))
      .sort(sorter(request, definitions));
    const reachable = Math.min(matches.length, SEARCH_LIMITS.maxResults);
    const end = Math.min(offset + request.limit, reachable);
    const results = matches
      .slice(offset, end)
      .map((record) => toPublicObject(context.portal, type, record, request.properties));
    const body: Record<string, unknown> = { total: matches.length, results };
    if (end < reachable && request.limit > 0) body.paging = { next: { after: String(end) } };
    res.json(body);
  });

  return router;
}
