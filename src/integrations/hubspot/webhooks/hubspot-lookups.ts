import { AppError } from '../../../kernel/errors/app-error.ts';
import { HubSpotApiError } from '../hubspot-api-error.ts';
import type { PortalId } from '../../../kernel/db/portal-id.ts';
import type { HubSpotClients } from '../hubspot-client-factory.ts';
import type { HubSpotLookupPort } from './webhook-ports.ts';

/** How long a portal's company currency is trusted (it changes only by an admin, rarely). */
export const COMPANY_CURRENCY_TTL_MS = 10 * 60_000;

type Properties = Record<string, string | null | undefined>;

function notFound(error: unknown): boolean {
  return error instanceof HubSpotApiError && error.status === 404;
}

/**
 * HubSpotLookupPort through the per-portal HubSpot client. The company currency
 * (`GET /account-info/v3/details` -> `companyCurrency`) is cached in memory per portal for
 * `ttlMs`: a lost cache costs one call, and no table has to follow an admin's currency change.
 * `accessToken`: the token fetched before the processing transaction (see webhooks-module.ts).
 */
export function createHubSpotLookups(
  clients: HubSpotClients,
  options: { ttlMs?: number; now?: () => number; accessToken?: (portalId: PortalId) => string | undefined } = {},
): HubSpotLookupPort {
  const ttl = options.ttlMs ?? COMPANY_CURRENCY_TTL_MS;
  const now = options.now ?? Date.now;
  const currencies = new Map<number, { at: number; currency: string }>();
  const token = (portalId: PortalId) => {
    if (!options.accessToken) return {};
    const accessToken = options.accessToken(portalId);
    // Never fall back to the provider here: inside the processing transaction its database read
    // would wait forever on PGlite. The event fails and is retried (the token is fetched again first).
    if (accessToken === undefined)
      throw new AppError('unavailable', 'HUBSPOT_TOKEN_UNAVAILABLE', `no HubSpot access token for portal ${portalId}`);
    return { accessToken };
  };
  return {
    async companyCurrency(portalId) {
      const cached = currencies.get(portalId);
      if (cached && now() - cached.at <= ttl) return cached.currency;
      const response = await clients.forPortal(portalId).request({
        operation: 'account-info.details',
        method: 'GET',
        path: '/account-info/v3/details',
        ...token(portalId),
      });
      const currency = (response.body as { companyCurrency?: unknown }).companyCurrency;
      if (typeof currency !== 'string' || !/^[A-Z]{3}$/.test(currency))
        throw new Error(`HubSpot account-info of portal ${portalId} has no companyCurrency`);
      currencies.set(portalId, { at: now(), currency });
      return currency;
    },
    async product(portalId, productId) {
      try {
        const response = await clients.forPortal(portalId).request({
          operation: 'products.get',
          method: 'GET',
          path: `/crm/v3/objects/products/${encodeURIComponent(productId)}?properties=name,hs_sku,price`,
          ...token(portalId),
        });
        const properties = ((response.body as { properties?: Properties }).properties ?? {}) as Properties;
        const text = (name: string): string | null => {
          const value = properties[name];
          return typeof value === 'string' && value.trim() !== '' ? value : null;
        };
        return { id: productId, name: text('name'), sku: text('hs_sku'), price: text('price') };
      } catch (error) {
        if (notFound(error)) return undefined;
        throw error;
      }
    },
    async lineItemDealIds(portalId, lineItemId) {
      try {
        const response = await clients.forPortal(portalId).request({
          operation: 'line_items.associations.deals',
          method: 'GET',
          path: `/crm/v4/objects/line_items/${encodeURIComponent(lineItemId)}/associations/deals`,
          ...token(portalId),
        });
        const results = (response.body as { results?: { toObjectId?: unknown }[] }).results ?? [];
        return results.map((r) => String(r.toObjectId)).filter((id) => /^[0-9]+$/.test(id));
      } catch (error) {
        if (notFound(error)) return [];
        throw error;
      }
    },
  };
}
