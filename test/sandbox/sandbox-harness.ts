import { Client } from '@hubspot/api-client';
import {
  createHubSpotSandbox,
  type HubSpotSandbox,
  type HubSpotSandboxOptions,
  type SandboxServer,
} from '../../tools/hubspot-sandbox/hubspot-sandbox.ts';

/**
 * Starts a sandbox on a free port and points the real `@hubspot/api-client` at it through
 * `basePath`, as the app does. Tests talk HTTP, never to the sandbox's internals, except to
 * arrange large data sets or read state.
 */
export interface Harness {
  sandbox: HubSpotSandbox;
  server: SandboxServer;
  client: Client;
  /** Raw HTTP for what the client hides (exact bodies, headers, form posts). */
  http(
    method: string,
    path: string,
    options?: { body?: unknown; token?: string | null; form?: Record<string, string> },
  ): Promise<RawResponse>;
  close(): Promise<void>;
}

export interface RawResponse {
  status: number;
  headers: Headers;
  body: unknown;
  text: string;
}

export async function startSandbox(options: HubSpotSandboxOptions = {}): Promise<Harness> {
  const sandbox = createHubSpotSandbox(options);
  const server = await sandbox.listen(0);
  const client = new Client({ accessToken: sandbox.demoAccessToken, basePath: server.url });
  const http: Harness['http'] = async (method, path, request = {}) => {
    const headers: Record<string, string> = {};
    const token = request.token === undefined ? sandbox.demoAccessToken : request.token;
    if (token !== null) headers.Authorization = `Bearer ${token}`;
    let body: string | undefined;
    if (request.form) {
      headers['Content-Type'] = 'application/x-www-form-urlencoded';
      body = new URLSearchParams(request.form).toString();
    } else if (request.body !== undefined) {
      headers['Content-Type'] = 'application/json';
      body = typeof request.body === 'string' ? request.body : JSON.stringify(request.body);
    }
    const response = await fetch(`${server.url}${path}`, { method, headers, body, redirect: 'manual' });
    const text = await response.text();
    return { status: response.status, headers: response.headers, body: parseOrUndefined(text), text };
  };
  return { sandbox, server, client, http, close: () => server.close() };
}

function parseOrUndefined(text: string): unknown {
  try {
    return text === '' ? undefined : JSON.parse(text);
  } catch {
    return undefined;
  }
}

export interface CaughtApiError {
  code: number;
  body: Record<string, unknown>;
  headers: Record<string, string>;
}

/** The ApiException the client throws, or a failure if the call succeeded. */
export async function apiError(call: Promise<unknown>): Promise<CaughtApiError> {
  try {
    await call;
  } catch (error) {
    const candidate = error as { code?: unknown; body?: unknown; headers?: unknown };
    if (typeof candidate.code === 'number') {
      return {
        code: candidate.code,
        body: (candidate.body ?? {}) as Record<string, unknown>,
        headers: (candidate.headers ?? {}) as Record<string, string>,
      };
    }
    throw error;
  }
  throw new Error('expected the HubSpot client to throw, but the call succeeded');
}

/** Loose record access for asserting on JSON bodies. */
export function asRecord(value: unknown): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new Error(`not an object: ${JSON.stringify(value)}`);
  return value as Record<string, unknown>;
}
