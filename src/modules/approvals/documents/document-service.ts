import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { DatabaseSchema } from '../../../kernel/db/db-schema.ts';
import type { PortalId } from '../../../kernel/db/portal-id.ts';
import { parseInput } from '../../../kernel/errors/parse-input.ts';
import { loadQuote, type QuoteRecord } from '../../quotes/index.ts';
import { recordAudit } from '../../tenancy/index.ts';
import { APPROVALS_ERROR_CODES as CODES } from '../approvals-error-codes.ts';
import { compileQuoteTemplate, renderQuoteDocument, sha256Hex } from './document-renderer.ts';
import type { DocumentStore } from './document-store.ts';
import type { PdfRenderer } from './pdf-renderer.ts';
import { BrandingSchema, buildDocumentModel, type Branding, type QuoteDocumentModel } from './quote-document-model.ts';

type Db = Kysely<DatabaseSchema>;

/** Queue of the PDF render job: `{ portalId, quoteId, revision }`. */
export const DOCUMENT_RENDER_QUEUE = 'approvals.render-document';

export interface DocumentJob {
  portalId: number;
  quoteId: string;
  revision: number;
}

export interface DocumentServiceDeps {
  db: Db;
  store: DocumentStore;
  pdf: PdfRenderer;
}

export const pdfKey = (quoteId: string, revision: number) => `${quoteId}/${revision}.pdf`;

export async function documentSettings(
  db: Db,
  portalId: PortalId,
): Promise<{ template: string | null; branding: Branding }> {
  const row = await db
    .selectFrom('document_templates')
    .select(['template', 'branding'])
    .where('portal_id', '=', portalId)
    .executeTakeFirst();
  const branding = BrandingSchema.safeParse(row?.branding ?? {});
  return { template: row?.template ?? null, branding: branding.success ? branding.data : BrandingSchema.parse({}) };
}

/** The quote as a standalone HTML document and its SHA-256 (what the buyer is shown and accepts). */
export async function renderQuoteHtml(
  db: Db,
  portalId: PortalId,
  quote: QuoteRecord,
  acceptance: QuoteDocumentModel['acceptance'] = null,
): Promise<{ html: string; sha256: string; model: QuoteDocumentModel; template: string | null }> {
  const { template, branding } = await documentSettings(db, portalId);
  const model = buildDocumentModel(quote, branding, acceptance);
  const html = renderQuoteDocument(model, template);
  return { html, sha256: sha256Hex(html), model, template };
}

export function createDocumentService(deps: DocumentServiceDeps) {
  return {
    /**
     * Renders and stores the PDF of a quote revision once (idempotent: a ready row is left alone;
     * a re-run after a crash renders again and overwrites the same key). Skips a revision the quote
     * has moved past: that document can no longer be presented.
     */
    async ensurePdf(job: DocumentJob & { portalId: PortalId }): Promise<{ sha256: string; bytes: Uint8Array } | null> {
      const existing = await deps.db
        .selectFrom('quote_documents')
        .select(['state', 'pdf_sha256', 'storage_key'])
        .where('portal_id', '=', job.portalId)
        .where('quote_id', '=', job.quoteId)
        .where('quote_revision', '=', job.revision)
        .executeTakeFirst();
      if (existing?.state === 'ready' && existing.storage_key && existing.pdf_sha256) {
        const bytes = await deps.store.get(job.portalId, existing.storage_key);
        if (bytes) return { sha256: existing.pdf_sha256, bytes };
      }
      const quote = await loadQuote(deps.db, job.portalId, job.quoteId);
      if (quote.revision !== job.revision) return null;
      const { html, sha256: htmlSha } = await renderQuoteHtml(deps.db, job.portalId, quote);
      const bytes = await deps.pdf.render(html);
      const key = pdfKey(job.quoteId, job.revision);
      await deps.store.put(job.portalId, key, bytes);
      const sha256 = sha256Hex(bytes);
      await deps.db
        .insertInto('quote_documents')
        .values({
          portal_id: job.portalId,
          quote_id: job.quoteId,
          quote_revision: job.revision,
          html_sha256: htmlSha,
          pdf_sha256: sha256,
          storage_key: key,
          state: 'ready',
        })
        .onConflict((oc) =>
          oc.columns(['portal_id', 'quote_id', 'quote_revision']).doUpdateSet({
            html_sha256: htmlSha,
            pdf_sha256: sha256,
            storage_key: key,
            state: 'ready',
            updated_at: new Date(),
          }),
        )
        .execute();
      return { sha256, bytes };
    },

    async getSettings(portalId: PortalId) {
      return documentSettings(deps.db, portalId);
    },

    /** Saves a portal's template (null = default) and branding after checking the template compiles. */
    async saveSettings(portalId: PortalId, userId: number | null, input: unknown) {
      const parsed = parseInput(
        BrandingSchema.extend({ template: z.string().max(200_000).nullable().default(null) }),
        input,
        CODES.DOCUMENT_TEMPLATE_INVALID,
      );
      const { template, ...branding } = parsed;
      if (template !== null) compileQuoteTemplate(template);
      await deps.db.transaction().execute(async (trx) => {
        await trx
          .insertInto('document_templates')
          .values({ portal_id: portalId, template, branding: JSON.stringify(branding), updated_by: userId })
          .onConflict((oc) =>
            oc.column('portal_id').doUpdateSet({
              template,
              branding: JSON.stringify(branding),
              updated_by: userId,
              updated_at: new Date(),
            }),
          )
          .execute();
        await recordAudit(trx, portalId, {
          actorKind: userId === null ? 'system' : 'user',
          actorUserId: userId,
          action: 'document-template.saved',
          entityType: 'document-template',
          details: { custom: template !== null, templateSha256: template === null ? null : sha256Hex(template) },
        });
      });
      return { template, branding };
    },
  };
}

export type DocumentService = ReturnType<typeof createDocumentService>;
