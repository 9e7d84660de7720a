import { associationsBatchCreate, batchCreate, batchRead } from '../../integrations/hubspot/index.ts';
import { HubSpotApiError } from '../../integrations/hubspot/index.ts';
import type { PortalId } from '../../kernel/db/portal-id.ts';
import { minorUnitsOf } from '../../kernel/money/currency-minor-units.ts';
import { parseDecimal } from '../../kernel/money/money.ts';
import { formatMoney } from '../../kernel/money/rounding.ts';
import type { InvoiceSyncDeps } from './invoice-hubspot-sync.ts';

/** Task -> deal association type id ("Associations v4: association type id values"). */
export const TASK_TO_DEAL = 216;

export interface OverdueReminderResult {
  overdue: number;
  tasksCreated: number;
  /** HubSpot refused tasks (scope missing, 403): the invoices stay overdue and are retried next day. */
  refused: boolean;
}

/**
 * The daily collections job: every issued invoice past its due date that has not been chased yet
 * gets a HubSpot task for its deal's owner (`/crm/v3/objects/tasks`, batch calls, associated with the
 * deal). Each invoice is chased once (`overdue_notified_at`). If HubSpot refuses tasks the job
 * degrades: nothing is marked, the overdue list and the card still show the invoice.
 */
export async function remindOverdueInvoices(
  deps: InvoiceSyncDeps & { now: () => number },
  portalId: PortalId,
  today: string,
): Promise<OverdueReminderResult> {
  const overdue = await deps.db
    .selectFrom('invoices')
    .innerJoin('billing_contracts', (join) =>
      join
        .onRef('billing_contracts.portal_id', '=', 'invoices.portal_id')
        .onRef('billing_contracts.contract_id', '=', 'invoices.contract_id'),
    )
    .select(['invoices.id', 'invoices.number', 'invoices.due_date', 'invoices.total', 'invoices.amount_paid'])
    .select(['invoices.currency', 'billing_contracts.deal_id'])
    .where('invoices.portal_id', '=', portalId)
    .where('invoices.status', '=', 'issued')
    .where('invoices.due_date', '<', today)
    .where('invoices.overdue_notified_at', 'is', null)
    .orderBy('invoices.id')
    .limit(1000)
    .execute();
  if (overdue.length === 0) return { overdue: 0, tasksCreated: 0, refused: false };
  const client = deps.clientFor(portalId);
  try {
    const deals = await batchRead(
      client,
      'deals',
      [...new Set(overdue.map((row) => row.deal_id))],
      ['hubspot_owner_id'],
    );
    const owners = new Map(deals.results.map((deal) => [deal.id, deal.properties.hubspot_owner_id ?? null]));
    const created = await batchCreate(
      client,
      'tasks',
      overdue.map((row) => {
        const owner = owners.get(row.deal_id);
        return {
          properties: {
            hs_task_subject: `Overdue invoice ${row.number ?? ''}`,
            hs_task_body: `Invoice ${row.number ?? ''} (${row.total} ${row.currency}, paid ${formatMoney(parseDecimal(row.amount_paid), minorUnitsOf(row.currency), 'half-up')}) was due on ${row.due_date}.`,
            hs_timestamp: new Date(deps.now()).toISOString(),
            hs_task_status: 'NOT_STARTED',
            hs_task_priority: 'HIGH',
            ...(owner ? { hubspot_owner_id: owner } : {}),
          },
        };
      }),
    );
    // Batch create answers in any order: pair tasks with invoices through the subject's number.
    const bySubject = new Map(overdue.map((row) => [`Overdue invoice ${row.number ?? ''}`, row]));
    const links = created.results.flatMap((task) => {
      const row = bySubject.get(task.properties.hs_task_subject ?? '');
      return row ? [{ fromId: task.id, toId: row.deal_id, typeId: TASK_TO_DEAL }] : [];
    });
    await associationsBatchCreate(client, 'tasks', 'deals', links);
    const chased = created.results.flatMap((task) => {
      const row = bySubject.get(task.properties.hs_task_subject ?? '');
      return row ? [row.id] : [];
    });
    if (chased.length > 0) {
      await deps.db
        .updateTable('invoices')
        .set({ overdue_notified_at: new Date(deps.now()) })
        .where('portal_id', '=', portalId)
        .where('id', 'in', chased)
        .execute();
    }
    return { overdue: overdue.length, tasksCreated: chased.length, refused: false };
  } catch (error) {
    if (error instanceof HubSpotApiError && (error.status === 403 || error.status === 401)) {
      return { overdue: overdue.length, tasksCreated: 0, refused: true };
    }
    throw error;
  }
}
