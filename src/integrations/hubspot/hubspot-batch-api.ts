import type { HubSpotPortalClient } from './hubspot-portal-client.ts';

/** HubSpot's batch limits (HubSpot docs "API usage guidelines and limits"). */
export const BATCH_INPUT_LIMIT = 100;
export const ASSOCIATION_CREATE_LIMIT = 2_000;
export const SEARCH_PAGE_LIMIT = 200;
export const SEARCH_RESULT_LIMIT = 10_000;

export interface HubSpotRecord {
  id: string;
  properties: Record<string, string | null>;
}

/** One input HubSpot refused inside a 207 (or a whole chunk's 4xx): which ids/inputs and why. */
export interface BatchRecordError {
  status: string;
  category: string;
  message: string;
  /** Record ids the error names (`context.ids`), when HubSpot names any. */
  ids: string[];
}

export interface BatchResult {
  results: HubSpotRecord[];
  errors: BatchRecordError[];
}

export interface AssociationInput {
  fromId: string;
  toId: string;
  typeId: number;
}

export function chunk<T>(items: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let index = 0; index < items.length; index += size) chunks.push(items.slice(index, index + size));
  return chunks;
}

function asObject(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
}

function parseRecords(value: unknown): HubSpotRecord[] {
  if (!Array.isArray(value)) return [];
  return value.map((raw) => {
    const record = asObject(raw);
    const properties = asObject(record.properties) as Record<string, string | null>;
    return { id: String(record.id), properties };
  });
}

function parseErrors(value: unknown): BatchRecordError[] {
  if (!Array.isArray(value)) return [];
  return value.map((raw) => {
    const error = asObject(raw);
    const context = asObject(error.context);
    const ids = Array.isArray(context.ids) ? context.ids.map(String) : [];
    return {
      status: String(error.status ?? 'error'),
      category: String(error.category ?? ''),
      message: String(error.message ?? ''),
      ids,
    };
  });
}

function merge(into: BatchResult, body: unknown): void {
  const parsed = asObject(body);
  into.results.push(...parseRecords(parsed.results));
  into.errors.push(...parseErrors(parsed.errors));
}

type BatchAction = 'create' | 'update' | 'upsert' | 'read';

async function batch(
  client: HubSpotPortalClient,
  objectType: string,
  action: BatchAction,
  inputs: readonly object[],
  extra: object = {},
): Promise<BatchResult> {
  const result: BatchResult = { results: [], errors: [] };
  for (const part of chunk(inputs, BATCH_INPUT_LIMIT)) {
    const response = await client.request({
      operation: `${objectType}.batch.${action}`,
      method: 'POST',
      path: `/crm/v3/objects/${objectType}/batch/${action}`,
      body: { inputs: part, ...extra },
      // A create that timed out may have happened; the caller reconciles instead of repeating it.
      idempotent: action !== 'create',
    });
    merge(result, response.body);
  }
  return result;
}

/** Batch create, 100 per call. Results are not in input order: correlate by a property you set. */
export function batchCreate(
  client: HubSpotPortalClient,
  objectType: string,
  inputs: ReadonlyArray<{
    properties: Record<string, string>;
    associations?: Array<{
      to: { id: string };
      types: Array<{ associationCategory: 'HUBSPOT_DEFINED'; associationTypeId: number }>;
    }>;
  }>,
): Promise<BatchResult> {
  return batch(client, objectType, 'create', inputs);
}

/** Batch update by record id, 100 per call; a 207 names the ids it refused. */
export function batchUpdate(
  client: HubSpotPortalClient,
  objectType: string,
  inputs: ReadonlyArray<{ id: string; properties: Record<string, string> }>,
): Promise<BatchResult> {
  return batch(client, objectType, 'update', inputs);
}

/** Batch upsert by a unique `idProperty` (create or update in one call), 100 per call. */
export function batchUpsert(
  client: HubSpotPortalClient,
  objectType: string,
  idProperty: string,
  inputs: ReadonlyArray<{ id: string; properties: Record<string, string> }>,
): Promise<BatchResult> {
  return batch(
    client,
    objectType,
    'upsert',
    inputs.map((input) => ({ ...input, idProperty })),
  );
}

/** Batch read by id with the named properties, 100 per call; missing ids come back as errors. */
export function batchRead(
  client: HubSpotPortalClient,
  objectType: string,
  ids: readonly string[],
  properties: readonly string[],
): Promise<BatchResult> {
  return batch(
    client,
    objectType,
    'read',
    ids.map((id) => ({ id })),
    { properties },
  );
}

/** Batch archive, 100 per call (HubSpot answers 204; unknown ids are not an error). */
export async function batchArchive(
  client: HubSpotPortalClient,
  objectType: string,
  ids: readonly string[],
): Promise<void> {
  for (const part of chunk(ids, BATCH_INPUT_LIMIT)) {
    await client.request({
      operation: `${objectType}.batch.archive`,
      method: 'POST',
      path: `/crm/v3/objects/${objectType}/batch/archive`,
      body: { inputs: part.map((id) => ({ id })) },
    });
  }
}

/** Associations v4 batch create with explicit type ids, 2,000 per call (HubSpot docs "API usage guidelines and limits"). */
export async function associationsBatchCreate(
  client: HubSpotPortalClient,
  fromType: string,
  toType: string,
  inputs: readonly AssociationInput[],
): Promise<BatchRecordError[]> {
  const errors: BatchRecordError[] = [];
  for (const part of chunk(inputs, ASSOCIATION_CREATE_LIMIT)) {
    const response = await client.request({
      operation: `associations.${fromType}.${toType}.batch.create`,
      method: 'POST',
      path: `/crm/v4/associations/${fromType}/${toType}/batch/create`,
      body: {
        inputs: part.map((input) => ({
          from: { id: input.fromId },
          to: { id: input.toId },
          types: [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: input.typeId }],
        })),
      },
    });
    errors.push(...parseErrors(asObject(response.body).errors));
  }
  return errors;
}

/** Associations v4 batch archive (all types between each pair), 2,000 per call. */
export async function associationsBatchArchive(
  client: HubSpotPortalClient,
  fromType: string,
  toType: string,
  pairs: ReadonlyArray<{ fromId: string; toId: string }>,
): Promise<void> {
  for (const part of chunk(pairs, ASSOCIATION_CREATE_LIMIT)) {
    await client.request({
      operation: `associations.${fromType}.${toType}.batch.archive`,
      method: 'POST',
      path: `/crm/v4/associations/${fromType}/${toType}/batch/archive`,
      body: { inputs: part.map((pair) => ({ from: { id: pair.fromId }, to: [{ id: pair.toId }] })) },
    });
  }
}

/** Every associated record id of one record (v4 list, paged by HubSpot's `after`). */
export async function listAssociatedIds(
  client: HubSpotPortalClient,
  fromType: string,
  fromId: string,
  toType: string,
): Promise<string[]> {
  const ids: string[] = [];
  let after: string | undefined;
  do {
    const query = after ? `&after=${encodeURIComponent(after)}` : '';
    const response = await client.request({
      operation: `associations.${fromType}.${toType}.list`,
      method: 'GET',
      path: `/crm/v4/objects/${fromType}/${encodeURIComponent(fromId)}/associations/${toType}?limit=500${query}`,
    });
    const body = asObject(response.body);
    if (Array.isArray(body.results)) for (const raw of body.results) ids.push(String(asObject(raw).toObjectId));
    after = stringOrUndefined(asObject(asObject(body.paging).next).after);
  } while (after);
  return ids;
}

function stringOrUndefined(value: unknown): string | undefined {
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

/**
 * Every record a search matches, 200 per page through the search lane (5/s), stopping at
 * HubSpot's 10,000 reachable results (HubSpot docs "API usage guidelines and limits"). `truncated` says results were left out.
 */
export async function searchAll(
  client: HubSpotPortalClient,
  objectType: string,
  request: { filterGroups: unknown[]; properties: string[]; sorts?: unknown[] },
): Promise<{ results: HubSpotRecord[]; total: number; truncated: boolean }> {
  const results: HubSpotRecord[] = [];
  let after: string | undefined;
  let total = 0;
  do {
    const response = await client.request({
      operation: `${objectType}.search`,
      method: 'POST',
      path: `/crm/v3/objects/${objectType}/search`,
      lane: 'search',
      body: { ...request, limit: SEARCH_PAGE_LIMIT, ...(after ? { after } : {}) },
    });
    const body = asObject(response.body);
    total = typeof body.total === 'number' ? body.total : total;
    results.push(...parseRecords(body.results));
    after = stringOrUndefined(asObject(asObject(body.paging).next).after);
    if (after && Number(after) >= SEARCH_RESULT_LIMIT) break;
  } while (after);
  return { results, total, truncated: total > results.length };
}
