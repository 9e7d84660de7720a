import { Router } from 'express';
import { requestContext } from './sandbox-request-context.ts';

/** The company currency of every sandbox portal unless the options say otherwise. */
export const SANDBOX_DEFAULT_COMPANY_CURRENCY = 'USD';

/**
 * `GET /account-info/v3/details` (HubSpot account information API): the portal's company currency
 * is what a bare product `price` is denominated in, so the app reads it before creating a catalog
 * entry from a HubSpot product. Any valid token may read it (HubSpot: no extra scope).
 */
export function createAccountInfoRouter(options: { companyCurrency: string; timeZone?: string }): Router {
  const router = Router();
  router.get('/account-info/v3/details', (req, res) => {
    const context = requestContext(req);
    res.json({
      portalId: context.portal.portalId,
      accountType: 'STANDARD',
      timeZone: options.timeZone ?? 'UTC',
      companyCurrency: options.companyCurrency,
      additionalCurrencies: [],
      utcOffset: '+00:00',
      utcOffsetMilliseconds: 0,
      uiDomain: 'app.hubspot.com',
      dataHostingLocation: 'na1',
    });
  });
  return router;
}
