import type { Kysely } from 'kysely';
import type { DatabaseSchema } from '../../kernel/db/db-schema.ts';
import { toPortalId, type PortalId } from '../../kernel/db/portal-id.ts';
import type { DomainEvents } from '../../kernel/jobs/domain-events.ts';
import { recordAudit } from '../tenancy/index.ts';
import { billingSettingsRepository } from './billing-settings-repository.ts';
import { formatDocumentNumber } from './domain/invoice-number-format.ts';
import { nextSequenceValue } from './sequence-counter.ts';

export interface InvoiceRunDeps {
  db: Kysely<DatabaseSchema>;
  events: Pick<DomainEvents, 'publish'>;
  now: () => number;
}

export interface InvoiceRunOptions {
  /** Issue every planned invoice and credit note dated on or before this day (`YYYY-MM-DD`). */
  date: string;
  portalId?: PortalId;
  batchSize?: number;
  /** Portals worked on at once (each portal's numbering is serial by its counter row); default 1. */
  portalConcurrency?: number;
  /** Called after each committed issue (tests interrupt the run here). */
  afterIssue?: (document: { kind: 'invoice' | 'credit-note'; id: number; number: string }) => void | Promise<void>;
}

export interface InvoiceRunResult {
  invoicesIssued: number;
  creditNotesIssued: number;
}

/**
 * The invoice run (daily schedule and `cpq invoices run`): every planned invoice and credit note
 * whose date has come is issued in its own transaction, numbered from the portal's gapless counter.
 * Safe to run twice at once and to kill at any point: an invoice is issued only if it is still
 * planned once its contract row is locked, and a killed transaction takes its number with it.
 */
export async function runInvoices(deps: InvoiceRunDeps, options: InvoiceRunOptions): Promise<InvoiceRunResult> {
  const result: InvoiceRunResult = { invoicesIssued: 0, creditNotesIssued: 0 };
  const portals =
    options.portalId !== undefined ? [options.portalId] : await portalsWithDueDocuments(deps.db, options.date);
  const queue = [...portals];
  const worker = async (): Promise<void> => {
    for (let portalId = queue.shift(); portalId !== undefined; portalId = queue.shift()) {
      const settings = await billingSettingsRepository.get(deps.db, portalId);
      // Read the totals only after the awaits: workers run concurrently.
      const invoices = await issueDueInvoices(deps, portalId, settings.invoiceNumberFormat, options);
      result.invoicesIssued += invoices;
      const notes = await issueDueCreditNotes(deps, portalId, settings.creditNoteNumberFormat, options);
      result.creditNotesIssued += notes;
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, options.portalConcurrency ?? 1) }, () => worker()));
  return result;
}

/**
 * The operator's run crosses tenants on purpose: it lists the portals that have something due
 * (`portal_id > 0` is every portal), then works portal by portal with scoped queries.
 */
async function portalsWithDueDocuments(db: Kysely<DatabaseSchema>, date: string): Promise<PortalId[]> {
  const invoices = await db
    .selectFrom('invoices')
    .select('portal_id')
    .distinct()
    .where('portal_id', '>', 0)
    .where('status', '=', 'planned')
    .where('invoice_date', '<=', date)
    .execute();
  const notes = await db
    .selectFrom('credit_notes')
    .select('portal_id')
    .distinct()
    .where('portal_id', '>', 0)
    .where('status', '=', 'planned')
    .where('note_date', '<=', date)
    .execute();
  const ids = new Set([...invoices, ...notes].map((row) => Number(row.portal_id)));
  return [...ids].sort((a, b) => a - b).map((id) => toPortalId(id));
}

async function issueDueInvoices(
  deps: InvoiceRunDeps,
  portalId: PortalId,
  format: string,
  options: InvoiceRunOptions,
): Promise<number> {
  let issued = 0;
  let cursor: { date: string; id: number } | null = null;
  for (;;) {
    let query = deps.db
      .selectFrom('invoices')
      .select(['id', 'contract_id', 'invoice_date'])
      .where('portal_id', '=', portalId)
      .where('status', '=', 'planned')
      .where('invoice_date', '<=', options.date);
    if (cursor) {
      const { date, id } = cursor;
      query = query.where((eb) =>
        eb.or([eb('invoice_date', '>', date), eb.and([eb('invoice_date', '=', date), eb('id', '>', id)])]),
      );
    }
    const batch = await query
      .orderBy('invoice_date')
      .orderBy('id')
      .limit(options.batchSize ?? 500)
      .execute();
    if (batch.length === 0) return issued;
    for (const due of batch) {
      const number = await issueInvoice(deps, portalId, Number(due.id), due.contract_id, format);
      if (number !== null) {
        issued += 1;
        await options.afterIssue?.({ kind: 'invoice', id: Number(due.id), number });
      }
    }
    const last = batch[batch.length - 1];
    if (last) cursor = { date: last.invoice_date, id: Number(last.id) };
  }
}

/** Issues one planned invoice; null when another worker (or a plan rebuild) got there first. */
export async function issueInvoice(
  deps: InvoiceRunDeps,
  portalId: PortalId,
  invoiceId: number,
  contractId: string,
  format: string,
): Promise<string | null> {
  return deps.db.transaction().execute(async (trx) => {
    // Lock order everywhere: contract row, invoice row, counter row (no deadlock with plan rebuilds).
    await trx
      .selectFrom('billing_contracts')
      .select('contract_id')
      .where('portal_id', '=', portalId)
      .where('contract_id', '=', contractId)
      .forUpdate()
      .executeTakeFirst();
    const invoice = await trx
      .selectFrom('invoices')
      .select(['id', 'invoice_date', 'total'])
      .where('portal_id', '=', portalId)
      .where('id', '=', invoiceId)
      .where('status', '=', 'planned')
      .forUpdate()
      .executeTakeFirst();
    if (!invoice) return null;
    const sequence = await nextSequenceValue(trx, portalId, 'invoice');
    const number = formatDocumentNumber(format, invoice.invoice_date, sequence);
    await trx
      .updateTable('invoices')
      .set({ status: 'issued', number, sequence, issued_at: new Date(deps.now()), updated_at: new Date(deps.now()) })
      .where('portal_id', '=', portalId)
      .where('id', '=', invoiceId)
      .execute();
    await recordAudit(trx, portalId, {
      actorKind: 'system',
      action: 'invoice.issued',
      entityType: 'invoice',
      entityId: String(invoiceId),
      details: { number, contractId, total: invoice.total, invoiceDate: invoice.invoice_date },
    });
    await deps.events.publish('invoice.issued', { portalId, invoiceId: String(invoiceId), contractId }, { trx });
    return number;
  });
}

async function issueDueCreditNotes(
  deps: InvoiceRunDeps,
  portalId: PortalId,
  format: string,
  options: InvoiceRunOptions,
): Promise<number> {
  const due = await deps.db
    .selectFrom('credit_notes')
    .select(['id', 'contract_id'])
    .where('portal_id', '=', portalId)
    .where('status', '=', 'planned')
    .where('note_date', '<=', options.date)
    .orderBy('note_date')
    .orderBy('id')
    .execute();
  let issued = 0;
  for (const note of due) {
    const number = await deps.db.transaction().execute(async (trx) => {
      await trx
        .selectFrom('billing_contracts')
        .select('contract_id')
        .where('portal_id', '=', portalId)
        .where('contract_id', '=', note.contract_id)
        .forUpdate()
        .executeTakeFirst();
      const row = await trx
        .selectFrom('credit_notes')
        .select(['id', 'note_date', 'total'])
        .where('portal_id', '=', portalId)
        .where('id', '=', note.id)
        .where('status', '=', 'planned')
        .forUpdate()
        .executeTakeFirst();
      if (!row) return null;
      const sequence = await nextSequenceValue(trx, portalId, 'credit-note');
      const assigned = formatDocumentNumber(format, row.note_date, sequence);
      await trx
        .updateTable('credit_notes')
        .set({ status: 'issued', number: assigned, sequence, issued_at: new Date(deps.now()) })
        .where('portal_id', '=', portalId)
        .where('id', '=', note.id)
        .execute();
      await recordAudit(trx, portalId, {
        actorKind: 'system',
        action: 'credit-note.issued',
        entityType: 'credit-note',
        entityId: String(note.id),
        details: { number: assigned, contractId: note.contract_id, total: row.total },
      });
      return assigned;
    });
    if (number !== null) {
      issued += 1;
      await options.afterIssue?.({ kind: 'credit-note', id: Number(note.id), number });
    }
  }
  return issued;
}
