import type { AppDeps, AppModule } from '../../kernel/app-module.ts';
import { toPortalId } from '../../kernel/db/portal-id.ts';
import { z } from 'zod';
import { approvalsRouter } from './approvals-routes.ts';
import { APPROVAL_TASKS_QUEUE, createApprovalService } from './approval-service.ts';
import { createBuyerLinkService, DEAL_STAGE_QUEUE } from './buyer/buyer-link-service.ts';
import { buyerRouter } from './buyer/buyer-routes.ts';
import { createDocumentService, DOCUMENT_RENDER_QUEUE } from './documents/document-service.ts';
import { databaseDocumentStore, fileDocumentStore, type DocumentStore } from './documents/document-store.ts';
import { createPdfRenderer, type PdfRenderer } from './documents/pdf-renderer.ts';
import { expireDueQuotes, QUOTE_EXPIRY_CRON, QUOTE_EXPIRY_QUEUE } from './quote-expiry-job.ts';
import { createLifecycleHubSpotJobs } from './hubspot/lifecycle-hubspot-jobs.ts';

const DocumentJobSchema = z.object({
  portalId: z.number().int().positive(),
  quoteId: z.string().min(1),
  revision: z.number().int().positive(),
});
const TaskJobSchema = z.object({ portalId: z.number().int().positive(), requestId: z.string().min(1) });
const DealStageJobSchema = z.object({
  portalId: z.number().int().positive(),
  dealId: z.string().min(1),
  quoteId: z.string().min(1),
});

/** `DOCUMENT_STORE=files` keeps PDFs under DATA_DIR/documents; the default is the database. */
function documentStoreFor(deps: AppDeps): DocumentStore {
  return process.env.DOCUMENT_STORE === 'files'
    ? fileDocumentStore(deps.config.dataDir)
    : databaseDocumentStore(deps.database.db);
}

/** One Chromium per process, started on the first PDF. */
let sharedPdf: PdfRenderer | null = null;
const pdfRenderer = () => (sharedPdf ??= createPdfRenderer());

function services(deps: AppDeps) {
  const db = deps.database.db;
  const documents = createDocumentService({ db, store: documentStoreFor(deps), pdf: pdfRenderer() });
  return {
    documents,
    approvals: createApprovalService({ db, jobs: deps.jobs }),
    links: createBuyerLinkService({
      db,
      jobs: deps.jobs,
      events: deps.events,
      now: deps.now,
      publicBaseUrl: deps.config.publicBaseUrl,
    }),
  };
}

/**
 * Quote lifecycle: approval rules and chains, buyer links and acceptance, quote documents
 * (docs/approvals.md). The quote's status itself lives in the quotes module (its index.ts).
 */
export const approvalsModule: AppModule = {
  name: 'approvals',
  queues: [
    { name: DOCUMENT_RENDER_QUEUE, retryLimit: 3, expireInSeconds: 300 },
    { name: APPROVAL_TASKS_QUEUE, retryLimit: 5 },
    { name: DEAL_STAGE_QUEUE, retryLimit: 8 },
    { name: QUOTE_EXPIRY_QUEUE, retryLimit: 2, policy: 'singleton' },
  ],
  apiRouters: (deps) => {
    const s = services(deps);
    return [approvalsRouter(deps.database.db, s.approvals, s.links, s.documents)];
  },
  publicRouters: (deps) => {
    const s = services(deps);
    return [
      buyerRouter({
        db: deps.database.db,
        links: s.links,
        documents: s.documents,
        logger: deps.logger,
        now: deps.now,
      }),
    ];
  },
  async startWorkers(deps) {
    const s = services(deps);
    const hubspotJobs = createLifecycleHubSpotJobs({
      db: deps.database.db,
      hubspot: deps.hubspot,
      logger: deps.logger,
      now: deps.now,
    });
    await deps.jobs.work(DOCUMENT_RENDER_QUEUE, async (data) => {
      const job = DocumentJobSchema.parse(data);
      await s.documents.ensurePdf({ ...job, portalId: toPortalId(job.portalId) });
    });
    await deps.jobs.work(QUOTE_EXPIRY_QUEUE, async () => {
      const result = await expireDueQuotes({
        db: deps.database.db,
        jobs: deps.jobs,
        now: deps.now,
        logger: deps.logger,
      });
      deps.logger.info(result, 'quote expiry run');
    });
    await deps.jobs.work(APPROVAL_TASKS_QUEUE, async (data) => {
      const job = TaskJobSchema.parse(data);
      await hubspotJobs.syncApprovalTasks(toPortalId(job.portalId), job.requestId);
    });
    await deps.jobs.work(DEAL_STAGE_QUEUE, async (data) => {
      const job = DealStageJobSchema.parse(data);
      await hubspotJobs.moveAcceptedDeal(toPortalId(job.portalId), job.dealId, job.quoteId);
    });
    await deps.jobs.schedule(QUOTE_EXPIRY_QUEUE, QUOTE_EXPIRY_CRON);
  },
};
