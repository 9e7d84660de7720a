import type { Request, Response } from 'express';
import { signV3 } from '../../src/kernel/http/signature-digests.ts';

export interface SigningProxyOptions {
  /** Where the backend listens (requests are forwarded here). */
  backendUrl: string;
  /** The backend's PUBLIC_BASE_URL: the v3 signature covers this origin, as HubSpot signs the public URL. */
  publicBaseUrl: string;
  clientSecret: string;
  portalId: number;
  userId: number;
  userEmail: string;
}

/**
 * What HubSpot does with a card's `hubspot.fetch` (HubSpot docs "Fetching data (hubspot.fetch)" and
 * "Validating requests from HubSpot"): append portalId/userId/userEmail to the query, sign method + URI +
 * body + timestamp with the app's client secret (v3), and forward. The backend verifies it for real.
 */
export function createSigningProxy(options: SigningProxyOptions) {
  return async (req: Request, res: Response): Promise<void> => {
    const original = new URL(req.originalUrl, 'http://preview.local');
    const path = original.pathname.replace(/^\/preview\/proxy/, '');
    const query = new URLSearchParams(original.search);
    // HubSpot's own values win: drop any the card passed itself.
    for (const key of ['portalId', 'userId', 'userEmail', 'appId']) query.delete(key);
    query.append('userId', String(options.userId));
    query.append('userEmail', options.userEmail);
    query.append('portalId', String(options.portalId));
    const pathAndQuery = `${path}?${query.toString()}`;
    const rawBody = Buffer.isBuffer(req.body) && req.body.length > 0 ? req.body : undefined;
    const timestamp = String(Date.now());
    const signature = signV3({
      clientSecret: options.clientSecret,
      method: req.method,
      uri: `${options.publicBaseUrl}${pathAndQuery}`,
      rawBody: rawBody ?? '',
      timestamp,
    });
    const upstream = await fetch(`${options.backendUrl}${pathAndQuery}`, {
      method: req.method,
      headers: {
        'x-hubspot-signature-v3': signature,
        'x-hubspot-request-timestamp': timestamp,
        ...(rawBody ? { 'content-type': 'application/json' } : {}),
      },
      body: rawBody ? new Uint8Array(rawBody) : undefined,
    });
    res.status(upstream.status);
    const type = upstream.headers.get('content-type');
    if (type) res.type(type);
    const retryAfter = upstream.headers.get('retry-after');
    if (retryAfter) res.set('retry-after', retryAfter);
    res.send(Buffer.from(await upstream.arrayBuffer()));
  };
}
