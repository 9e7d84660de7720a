import { hubspot } from '@hubspot/ui-extensions';
import type { z } from 'zod';
import {
  CatalogSearchResponseSchema,
  ErrorResponseSchema,
  QuoteListResponseSchema,
  QuoteSummaryResponseSchema,
  QuoteViewSchema,
  type CatalogSearchResponse,
  type QuoteDraftInput,
  type QuoteListResponse,
  type QuoteSummaryResponse,
  type QuoteUpdateInput,
  type QuoteView,
} from './card-api-schemas.ts';
import {
  PortalSettingsResponseSchema,
  type PortalSettingsInput,
  type PortalSettingsResponse,
} from './settings-api-schemas.ts';
import { ContractListResponseSchema, type ContractListResponse } from './contract-api-schemas.ts';

/**
 * The backend's public origin. It must equal `permittedUrls.fetch` in app-hsmeta.json (hubspot.fetch
 * refuses any other origin) and the backend's PUBLIC_BASE_URL (signatures cover this URI); see
 * docs/hubspot-app.md "The placeholder backend origin".
 */
export const BACKEND_ORIGIN = 'https://cpq.example.com';

/** Reads answer well within HubSpot's 15 s default; saving a 1,000-line quote may take longer. */
const READ_TIMEOUT_MS = 15_000;
const WRITE_TIMEOUT_MS = 30_000;
/** hubspot.fetch allows 20 concurrent requests per app and account, then answers 429. */
const MAX_RETRIES_ON_429 = 3;
const BASE_BACKOFF_MS = 500;

type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE' | 'PUT';

/** An API failure the card can show: HTTP status plus the backend's error code/message/issues. */
export class CpqApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly issues: Array<{ path: string; message: string }>;
  constructor(status: number, code: string, message: string, issues: Array<{ path: string; message: string }> = []) {
    super(message);
    this.name = 'CpqApiError';
    this.status = status;
    this.code = code;
    this.issues = issues;
  }
}

export interface CpqClientOptions {
  /** Defaults to a delay with setTimeout; tests pass an instant one. */
  sleep?: (ms: number) => Promise<void>;
}

/** Typed calls to the card API through hubspot.fetch (HubSpot signs them and adds portalId/userId). */
export function createCpqClient(options: CpqClientOptions = {}) {
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));

  async function request<S extends z.ZodType>(
    method: Method,
    path: string,
    schema: S | null,
    body?: object,
  ): Promise<z.output<S>> {
    const timeout = method === 'GET' ? READ_TIMEOUT_MS : WRITE_TIMEOUT_MS;
    for (let attempt = 0; ; attempt++) {
      let response: Response;
      try {
        response = await hubspot.fetch(`${BACKEND_ORIGIN}${path}`, {
          method,
          timeout,
          ...(body ? { body: body as Record<string, unknown> } : {}),
        });
      } catch (error) {
        throw new CpqApiError(
          0,
          'NETWORK',
          error instanceof Error && /timeout/i.test(error.message)
            ? 'The CPQ service did not answer in time'
            : 'The CPQ service could not be reached',
        );
      }
      if (response.status === 429 && attempt < MAX_RETRIES_ON_429) {
        const retryAfter = Number(response.headers?.get?.('retry-after') ?? '');
        await sleep(Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter * 1000 : BASE_BACKOFF_MS * 2 ** attempt);
        continue;
      }
      if (!response.ok) throw await toError(response);
      if (schema === null || response.status === 204) return undefined as z.output<S>;
      const parsed = schema.safeParse(await response.json());
      if (!parsed.success)
        throw new CpqApiError(response.status, 'BAD_RESPONSE', 'The CPQ service sent an unexpected answer');
      return parsed.data;
    }
  }

  const page = (offset: number, limit: number) => `lineOffset=${offset}&lineLimit=${limit}`;

  return {
    /** Any card API call with its response schema (module-specific clients build on it). */
    request,
    searchCatalog: (q: string, currency: string, limit = 10): Promise<CatalogSearchResponse> =>
      request(
        'GET',
        `/api/v1/catalog/products?q=${encodeURIComponent(q)}&currency=${currency}&limit=${limit}`,
        CatalogSearchResponseSchema,
      ),
    listQuotes: (dealId: string): Promise<QuoteListResponse> =>
      request('GET', `/api/v1/deals/${dealId}/quotes`, QuoteListResponseSchema),
    getQuote: (quoteId: string, offset: number, limit: number): Promise<QuoteView> =>
      request('GET', `/api/v1/quotes/${quoteId}?${page(offset, limit)}`, QuoteViewSchema),
    createQuote: (dealId: string, input: QuoteDraftInput, limit: number): Promise<QuoteView> =>
      request('POST', `/api/v1/deals/${dealId}/quotes?${page(0, limit)}`, QuoteViewSchema, input),
    updateQuote: (quoteId: string, input: QuoteUpdateInput, offset: number, limit: number): Promise<QuoteView> =>
      request('PATCH', `/api/v1/quotes/${quoteId}?${page(offset, limit)}`, QuoteViewSchema, input),
    cloneQuote: (quoteId: string, limit: number): Promise<QuoteView> =>
      request('POST', `/api/v1/quotes/${quoteId}/clone?${page(0, limit)}`, QuoteViewSchema, {}),
    setPrimary: (quoteId: string, offset: number, limit: number): Promise<QuoteView> =>
      request('POST', `/api/v1/quotes/${quoteId}/primary?${page(offset, limit)}`, QuoteViewSchema, {}),
    deleteQuote: (quoteId: string): Promise<void> =>
      request('DELETE', `/api/v1/quotes/${quoteId}`, null).then(() => undefined),
    quoteSummary: (dealId: string): Promise<QuoteSummaryResponse> =>
      request('GET', `/api/v1/deals/${dealId}/quote-summary`, QuoteSummaryResponseSchema),
    getSettings: (): Promise<PortalSettingsResponse> =>
      request('GET', '/api/v1/settings', PortalSettingsResponseSchema),
    putSettings: (input: PortalSettingsInput): Promise<PortalSettingsResponse> =>
      request('PUT', '/api/v1/settings', PortalSettingsResponseSchema, input),
    dealContracts: (dealId: string): Promise<ContractListResponse> =>
      request('GET', `/api/v1/deals/${dealId}/contracts`, ContractListResponseSchema),
    companyContracts: (companyId: string): Promise<ContractListResponse> =>
      request('GET', `/api/v1/companies/${companyId}/contracts`, ContractListResponseSchema),
  };
}

export type CpqClient = ReturnType<typeof createCpqClient>;

async function toError(response: Response): Promise<CpqApiError> {
  const body = ErrorResponseSchema.safeParse(await response.json().catch(() => null));
  if (body.success)
    return new CpqApiError(response.status, body.data.error.code, body.data.error.message, body.data.error.issues);
  return new CpqApiError(
    response.status,
    `HTTP_${response.status}`,
    response.status === 429 ? 'Too many requests; try again in a moment' : 'The CPQ service failed',
  );
}
