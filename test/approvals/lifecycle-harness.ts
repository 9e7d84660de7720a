import { Router } from 'express';
import { importCatalog } from '../../src/modules/catalog/catalog-import.ts';
import { parseCatalogFile } from '../../src/modules/catalog/catalog-file-parser.ts';
import { toPortalId } from '../../src/kernel/db/portal-id.ts';
import { createJobQueue, type JobQueue } from '../../src/kernel/jobs/job-queue.ts';
import { createDomainEvents } from '../../src/kernel/jobs/domain-events.ts';
import { createLogger } from '../../src/kernel/logging/logger.ts';
import { quoteRouter } from '../../src/modules/quotes/quote-routes.ts';
import { createQuoteService } from '../../src/modules/quotes/quote-service.ts';
import { createSyncStateReader } from '../../src/modules/quotes/quote-sync-state.ts';
import { QUOTE_SYNC_QUEUE } from '../../src/integrations/hubspot/sync/quote-sync-contract.ts';
import { grantRole } from '../../src/modules/tenancy/role-repository.ts';
import type { AppRole } from '../../src/kernel/db/db-schema.ts';
import { approvalsRouter } from '../../src/modules/approvals/approvals-routes.ts';
import { APPROVAL_TASKS_QUEUE, createApprovalService } from '../../src/modules/approvals/approval-service.ts';
import { createBuyerLinkService, DEAL_STAGE_QUEUE } from '../../src/modules/approvals/buyer/buyer-link-service.ts';
import { buyerRouter } from '../../src/modules/approvals/buyer/buyer-routes.ts';
import {
  createDocumentService,
  DOCUMENT_RENDER_QUEUE,
  type DocumentService,
} from '../../src/modules/approvals/documents/document-service.ts';
import { databaseDocumentStore } from '../../src/modules/approvals/documents/document-store.ts';
import type { PdfRenderer } from '../../src/modules/approvals/documents/pdf-renderer.ts';
import { startHttpHarness, TEST_PUBLIC_BASE_URL, type HttpHarness } from '../support/http-harness.ts';

export const PORTAL = toPortalId(101);
export const REP = 7;
/** A stand-in subscriber of quote.accepted (contracts owns the real one). */
export const ACCEPTED_TEST_QUEUE = 'test.quote-accepted';

export interface LifecycleHarness {
  http: HttpHarness;
  jobs: JobQueue;
  documents: DocumentService;
  call(method: string, path: string, body?: unknown, userId?: number): Promise<Response>;
  /** An unsigned request to the public buyer pages. */
  buyer(path: string, init?: RequestInit): Promise<Response>;
  importProducts(json: string): Promise<void>;
  grant(userId: number, role: AppRole): Promise<void>;
  jobData(queue: string): Promise<unknown[]>;
  close(): Promise<void>;
}

/** A fake renderer: the "PDF" names the HTML it was given (the real one is tested with Chromium). */
export const fakePdf: PdfRenderer = {
  async render(html) {
    return new TextEncoder().encode(`%PDF-fake ${html.length}`);
  },
  async close() {},
};

export async function startLifecycle(options: { pdf?: PdfRenderer; rateLimitPerMinute?: number } = {}) {
  let inner = Router();
  let innerPublic = Router();
  const late = Router();
  late.use((req, res, next) => inner(req, res, next));
  const latePublic = Router();
  latePublic.use((req, res, next) => innerPublic(req, res, next));
  const http = await startHttpHarness({ apiRouters: [late], publicRouters: [latePublic] });
  const logger = createLogger({ level: 'silent' });
  const jobs = createJobQueue({ database: http.database, databaseUrl: http.database.url, logger });
  await jobs.start();
  for (const name of [
    QUOTE_SYNC_QUEUE,
    DOCUMENT_RENDER_QUEUE,
    APPROVAL_TASKS_QUEUE,
    DEAL_STAGE_QUEUE,
    ACCEPTED_TEST_QUEUE,
  ])
    await jobs.defineQueue({ name });
  const events = createDomainEvents(jobs);
  events.subscribe({ event: 'quote.accepted', queue: ACCEPTED_TEST_QUEUE });
  const db = http.database.db;
  const now = () => http.now.value;
  const documents = createDocumentService({ db, store: databaseDocumentStore(db), pdf: options.pdf ?? fakePdf });
  const approvals = createApprovalService({ db, jobs });
  const links = createBuyerLinkService({ db, jobs, events, now, publicBaseUrl: TEST_PUBLIC_BASE_URL });
  inner = Router();
  inner.use(
    quoteRouter(createQuoteService({ db, jobs, now }), createSyncStateReader(http.database)),
    approvalsRouter(db, approvals, links, documents),
  );
  innerPublic = buyerRouter({
    db,
    links,
    documents,
    logger,
    now,
    ...(options.rateLimitPerMinute === undefined ? {} : { rateLimitPerMinute: options.rateLimitPerMinute }),
  });
  const harness: LifecycleHarness = {
    http,
    jobs,
    documents,
    call(method, path, body, userId = REP) {
      const sep = path.includes('?') ? '&' : '?';
      return http.signedFetch(
        method,
        `/api${path}${sep}portalId=${PORTAL}&userId=${userId}`,
        body === undefined ? {} : { body: JSON.stringify(body) },
      );
    },
    buyer(path, init) {
      return fetch(`${http.url}${path}`, { redirect: 'manual', ...init });
    },
    async importProducts(json) {
      await importCatalog(db, PORTAL, parseCatalogFile(json, 'json'), { partial: false });
    },
    async grant(userId, role) {
      await grantRole(db, PORTAL, userId, role, null);
    },
    async jobData(queue) {
      const result = await http.database.executor.executeSql(
        `select data from ${http.database.jobSchema}.job where name = $1 order by created_on`,
        [queue],
      );
      return result.rows.map((r) => (r as { data: unknown }).data);
    },
    async close() {
      await jobs.stop(2000);
      await http.close();
    },
  };
  return harness;
}

/** Buyer link path (`/q/<token>`) from the present response's absolute URL. */
export function buyerPath(url: string): string {
  return new URL(url).pathname;
}

/** The CSRF cookie and hidden fields of an open buyer page. */
export function formFields(response: Response, html: string): { cookie: string; csrf: string; sha: string } {
  const setCookie = response.headers.get('set-cookie') ?? '';
  const cookie = setCookie.split(';')[0] ?? '';
  const csrf = /name="csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';
  const sha = /name="documentSha256" value="([0-9a-f]{64})"/.exec(html)?.[1] ?? '';
  return { cookie, csrf, sha };
}
