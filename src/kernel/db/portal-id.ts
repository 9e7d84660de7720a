import { AppError } from '../errors/app-error.ts';

/**
 * A HubSpot portal (account) id that came from a verified place: a checked signature, an OAuth
 * token exchange, or an operator's CLI argument. Repositories require it, so a query that forgets
 * the tenant does not compile.
 */
export type PortalId = number & { readonly __brand: 'PortalId' };

export function toPortalId(value: unknown): PortalId {
  const numeric = typeof value === 'string' && /^[1-9][0-9]{0,15}$/.test(value) ? Number(value) : value;
  if (typeof numeric !== 'number' || !Number.isSafeInteger(numeric) || numeric <= 0) {
    throw new AppError('validation', 'PORTAL_ID_INVALID', 'portalId must be a positive integer', {
      issues: [{ path: 'portalId', message: 'must be a positive integer' }],
    });
  }
  return numeric as PortalId;
}
