import { AppError, type ErrorIssue } from './app-error.ts';

/** The public error JSON: `{ "error": { "code", "message", "issues": [{ "path", "message" }] } }`. */
export interface ErrorBody {
  error: { code: string; message: string; issues: ErrorIssue[] };
}

const INTERNAL_BODY: ErrorBody = {
  error: { code: 'INTERNAL', message: 'Internal error', issues: [] },
};

/** Renders any thrown value as the public error JSON; unknown errors never leak their message. */
export function toErrorBody(error: unknown): ErrorBody {
  if (error instanceof AppError && error.kind !== 'internal') {
    return { error: { code: error.code, message: error.message, issues: error.issues } };
  }
  return structuredClone(INTERNAL_BODY);
}
