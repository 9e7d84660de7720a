import { createServer, type Server } from 'node:http';
import type { Router } from 'express';
import { createHttpApp } from '../../src/kernel/http/create-http-app.ts';
import { signV3 } from '../../src/kernel/http/hubspot-signature.ts';
import { createLogger } from '../../src/kernel/logging/logger.ts';
import { createTestDatabase, type TestDatabase } from './test-database.ts';

export const TEST_SECRET = 'test-client-secret';
export const TEST_PUBLIC_BASE_URL = 'https://cpq.test.example';

export interface SignedFetchOptions {
  body?: string;
  timestamp?: number;
  secret?: string;
  contentType?: string;
  /** Sign this path instead of the one requested (simulates tampering). */
  signedPath?: string;
  headers?: Record<string, string>;
}

export interface HttpHarness {
  url: string;
  database: TestDatabase;
  now: { value: number };
  signedFetch(method: string, pathAndQuery: string, options?: SignedFetchOptions): Promise<Response>;
  close(): Promise<void>;
}

/** The real app on an ephemeral port with a migrated test database and a HubSpot-like signer. */
export async function startHttpHarness(
  options: { apiRouters?: Router[]; webhookRouters?: Router[]; bodyLimitBytes?: number } = {},
): Promise<HttpHarness> {
  const database = await createTestDatabase();
  const now = { value: 1_800_000_000_000 };
  const app = createHttpApp({
    db: database.db,
    logger: createLogger({ level: 'silent' }),
    signature: {
      clientSecret: TEST_SECRET,
      publicBaseUrl: TEST_PUBLIC_BASE_URL,
      bodyLimitBytes: options.bodyLimitBytes ?? 1_048_576,
      acceptLegacySignatures: false,
      now: () => now.value,
    },
    apiRouters: options.apiRouters ?? [],
    webhookRouters: options.webhookRouters ?? [],
  });
  const server: Server = createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const url = `http://127.0.0.1:${port}`;
  let sequence = 0;

  return {
    url,
    database,
    now,
    async signedFetch(method, pathAndQuery, fetchOptions = {}) {
      const body = fetchOptions.body ?? '';
      // A fresh millisecond per request (within the window): two identical requests are two
      // signatures, as from HubSpot; a replay test passes the same timestamp explicitly.
      sequence = (sequence + 1) % 1000;
      const timestamp = String(fetchOptions.timestamp ?? now.value + sequence);
      const signature = signV3({
        clientSecret: fetchOptions.secret ?? TEST_SECRET,
        method,
        uri: `${TEST_PUBLIC_BASE_URL}${fetchOptions.signedPath ?? pathAndQuery}`,
        rawBody: body,
        timestamp,
      });
      return fetch(`${url}${pathAndQuery}`, {
        method,
        headers: {
          'content-type': fetchOptions.contentType ?? 'application/json',
          'x-hubspot-signature-v3': signature,
          'x-hubspot-request-timestamp': timestamp,
          ...fetchOptions.headers,
        },
        ...(method === 'GET' || method === 'HEAD' ? {} : { body }),
      });
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await database.drop();
    },
  };
}

/** The public error JSON of a response, typed for assertions. */
export async function errorOf(
  response: Response,
): Promise<{ code: string; message: string; issues: Array<{ path: string; message: string }> }> {
  const body = (await response.json()) as {
    error: { code: string; message: string; issues: Array<{ path: string; message: string }> };
  };
  return body.error;
}
