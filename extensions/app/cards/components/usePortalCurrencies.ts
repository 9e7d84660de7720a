import { useEffect, useState } from 'react';
import { createCpqClient, type CpqClient } from '../api/cpq-client.ts';
import { DEFAULT_PORTAL_SETTINGS } from '../api/settings-api-schemas.ts';

/**
 * Currencies offered for a new quote: the portal's allowed currencies (`GET /api/v1/settings`).
 * Until they arrive, or if the request fails, the default list is shown; the backend refuses a
 * currency the portal does not allow either way (400 QUOTE_CURRENCY_NOT_ALLOWED), so the fallback
 * cannot create a quote the settings forbid.
 */
export function usePortalCurrencies(client?: CpqClient): readonly string[] {
  const [api] = useState(() => client ?? createCpqClient());
  const [currencies, setCurrencies] = useState<readonly string[]>(DEFAULT_PORTAL_SETTINGS.allowedCurrencies);
  useEffect(() => {
    let live = true;
    api.getSettings().then(
      (settings) => {
        if (live) setCurrencies(settings.allowedCurrencies);
      },
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [api]);
  return currencies;
}
