import type { z } from 'zod';
import { AppError, type ErrorIssue } from './app-error.ts';

/** Zod issue path -> dotted string (`lines.0.quantity`). */
export function issuePath(path: readonly PropertyKey[]): string {
  return path.map((segment) => String(segment)).join('.');
}

/**
 * Parses outside input with a zod schema; failure becomes a `validation` AppError naming every bad
 * field. `code` is the caller module's code (e.g. `PRICING_REQUEST_INVALID`).
 */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown, code = 'VALIDATION_FAILED'): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issues: ErrorIssue[] = result.error.issues.map((issue) => ({
    path: issuePath(issue.path),
    message: issue.message,
  }));
  const first = issues[0];
  const message = first ? `Invalid input at ${first.path || '(root)'}: ${first.message}` : 'Invalid input';
  throw new AppError('validation', code, message, { issues });
}
