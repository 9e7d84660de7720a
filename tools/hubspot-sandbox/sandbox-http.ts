import type { Request } from 'express';
import type { z } from 'zod';
import { isoAt } from './sandbox-clock.ts';
import { batchLimitError, validationError, type HubSpotErrorDetail } from './sandbox-errors.ts';

/**
 * Request plumbing shared by the sandbox routes. The app mounts `express.raw` for every content
 * type, so each route sees the exact bytes (needed for the 3,000-character search body limit and
 * for form-encoded OAuth bodies) and parses them itself with zod.
 */
export function rawBody(req: Request): Buffer {
  const body: unknown = req.body;
  return Buffer.isBuffer(body) ? body : Buffer.alloc(0);
}

function issuePath(path: readonly PropertyKey[]): string {
  return path.map((segment) => String(segment)).join('.');
}

/** Parses a zod schema; failures become HubSpot's 400 VALIDATION_ERROR naming the first bad field. */
export function parseWith<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const details: HubSpotErrorDetail[] = result.error.issues.map((issue) => ({
    message: issue.message,
    in: issuePath(issue.path) || 'body',
  }));
  const first = details[0];
  throw validationError(`Invalid input JSON: ${first ? `${first.in}: ${first.message}` : 'malformed body'}`, {
    errors: details,
  });
}

/** JSON body -> schema; an empty or non-JSON body is HubSpot's 400 "Invalid input JSON". */
export function parseJsonBody<S extends z.ZodType>(req: Request, schema: S): z.output<S> {
  const text = rawBody(req).toString('utf8');
  let value: unknown;
  try {
    value = text.trim() === '' ? undefined : JSON.parse(text);
  } catch (error) {
    throw validationError(`Invalid input JSON on line 1: ${error instanceof Error ? error.message : 'malformed JSON'}`);
  }
  return parseWith(schema, value);
}

/** `application/x-www-form-urlencoded` body -> schema (OAuth token endpoints). */
export function parseFormBody<S extends z.ZodType>(req: Request, schema: S): z.output<S> {
  const params = new URLSearchParams(rawBody(req).toString('utf8'));
  return parseWith(schema, Object.fromEntries(params.entries()));
}

/** A query parameter as a list: repeated (`?properties=a&properties=b`) and comma forms both work. */
export function queryList(req: Request, name: string): string[] {
  const value: unknown = req.query[name];
  const parts = Array.isArray(value) ? value : value === undefined ? [] : [value];
  return parts
    .filter((part): part is string => typeof part === 'string')
    .flatMap((part) => part.split(','))
    .map((part) => part.trim())
    .filter((part) => part !== '');
}

export function queryValue(req: Request, name: string): string | undefined {
  return queryList(req, name)[0];
}

export function queryFlag(req: Request, name: string): boolean {
  return queryValue(req, name) === 'true';
}

/** A route parameter (Express 5 always sets declared ones). */
export function param(req: Request, name: string): string {
  const value: unknown = req.params[name];
  return typeof value === 'string' ? value : '';
}

/** Positive integer query value with a default and HubSpot's 400 above the maximum. */
export function queryLimit(req: Request, fallback: number, max: number): number {
  const raw = queryValue(req, 'limit');
  if (raw === undefined) return fallback;
  const limit = Number(raw);
  if (!Number.isInteger(limit) || limit < 1) throw validationError(`limit must be a positive integer, got ${raw}`);
  if (limit > max) throw validationError(`limit must be less than or equal to ${max}, got ${limit}`);
  return limit;
}

export function assertBatchSize(count: number, max: number): void {
  if (count > max) throw batchLimitError(max, count);
}

export interface BatchErrorEntry {
  status: 'error';
  category: string;
  message: string;
  context: Record<string, string[]>;
  errors: HubSpotErrorDetail[];
  links: Record<string, string>;
  id?: string;
  subCategory?: string;
}

/**
 * HubSpot's batch envelope `{ status: "COMPLETE", results, startedAt, completedAt }`; with errors it
 * becomes the 207 multi-status body (`numErrors`, `errors`).
 */
export function batchEnvelope<T>(
  results: T[],
  startedAt: number,
  completedAt: number,
  errors: BatchErrorEntry[] = [],
): Record<string, unknown> {
  const body: Record<string, unknown> = {
    status: 'COMPLETE',
    results,
    startedAt: isoAt(startedAt),
    completedAt: isoAt(completedAt),
  };
  if (errors.length > 0) {
    body.numErrors = errors.length;
    body.errors = errors;
  }
  return body;
}

export function batchError(
  category: string,
  message: string,
  context: Record<string, string[]>,
  extra: Partial<BatchErrorEntry> = {},
): BatchErrorEntry {
  return { status: 'error', category, message, context, errors: [], links: {}, ...extra };
}
