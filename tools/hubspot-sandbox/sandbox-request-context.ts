import type { Request } from 'express';
import type { ChangeSource } from './sandbox-changes.ts';
import { invalidAuthentication, missingScopes } from './sandbox-errors.ts';
import type { PortalState } from './sandbox-portal-state.ts';

/** Who is calling: set by the bearer-token middleware for every authenticated CRM request. */
export interface RequestContext {
  portal: PortalState;
  appId: number;
  scopes: ReadonlySet<string>;
  /** Writes by this caller are reported to webhooks as `INTEGRATION` from this app. */
  source: ChangeSource;
  accessToken: string;
}

const contexts = new WeakMap<Request, RequestContext>();

export function setRequestContext(req: Request, context: RequestContext): void {
  contexts.set(req, context);
}

export function requestContext(req: Request): RequestContext {
  const context = contexts.get(req);
  if (!context) throw invalidAuthentication();
  return context;
}

export function findRequestContext(req: Request): RequestContext | undefined {
  return contexts.get(req);
}

/** HubSpot answers 403 MISSING_SCOPES when the token lacks any of the listed scopes. */
export function requireScopes(context: RequestContext, scopes: string[]): void {
  const missing = scopes.filter((scope) => !context.scopes.has(scope));
  if (missing.length > 0) throw missingScopes(scopes);
}
