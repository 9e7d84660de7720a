import { AppError } from '../errors/app-error.ts';

/**
 * Reads the portal/user context HubSpot adds to a `hubspot.fetch` request's query string (HubSpot docs "Fetching data (hubspot.fetch)":
 * `portalId`, `userId`, `userEmail`, `appId`; *unverified* that HubSpot appends all of them). Call it
 * only with the URI whose v3 signature was verified, so every value read here is covered by it.
 *
 * A parameter that appears twice is rejected rather than resolved: the card controls the URL it passes
 * to `hubspot.fetch`, so `?portalId=<other>` followed by HubSpot's own `portalId` would otherwise let
 * one value be signed and a different one be used, depending on which occurrence a parser picks.
 * Keys are compared after percent-decoding (`portal%49d` is `portalId`), the way any query parser sees them.
 */
export interface SignedPortalContext {
  portalId: number;
  userId?: number;
  userEmail?: string;
  appId?: number;
}

const POSITIVE_INTEGER = /^[1-9][0-9]{0,15}$/;
const CONTEXT_PARAMS = ['portalId', 'userId', 'userEmail', 'appId'] as const;

function queryOf(uri: string): URLSearchParams {
  const withoutFragment = uri.split('#', 1)[0] ?? '';
  const start = withoutFragment.indexOf('?');
  return new URLSearchParams(start === -1 ? '' : withoutFragment.slice(start + 1));
}

function positiveInteger(value: string | undefined): number | undefined {
  if (value === undefined || !POSITIVE_INTEGER.test(value)) return undefined;
  const parsed = Number(value);
  return Number.isSafeInteger(parsed) ? parsed : undefined;
}

export function readSignedPortalContext(uri: string): SignedPortalContext {
  const params = queryOf(uri);
  for (const name of CONTEXT_PARAMS) {
    if (params.getAll(name).length > 1) {
      throw new AppError('unauthenticated', 'SIGNATURE_PORTAL_AMBIGUOUS', `Signed query repeats ${name}`);
    }
  }

  const portalId = positiveInteger(params.get('portalId') ?? undefined);
  if (portalId === undefined) {
    throw new AppError(
      'unauthenticated',
      'SIGNATURE_PORTAL_MISSING',
      'Signed query has no portalId that is a positive integer',
    );
  }

  const context: SignedPortalContext = { portalId };
  // The optional fields are informational; a malformed one is dropped instead of failing the request.
  const userId = positiveInteger(params.get('userId') ?? undefined);
  if (userId !== undefined) context.userId = userId;
  const appId = positiveInteger(params.get('appId') ?? undefined);
  if (appId !== undefined) context.appId = appId;
  const userEmail = params.get('userEmail');
  if (userEmail !== null && userEmail !== '') context.userEmail = userEmail;
  return context;
}
