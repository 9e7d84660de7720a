import type { Kysely } from 'kysely';
import { z } from 'zod';
import { addDays, formatIsoDate, parseIsoDate } from '../../kernel/calendar/calendar-date.ts';
import type { DatabaseSchema } from '../../kernel/db/db-schema.ts';
import type { PortalId } from '../../kernel/db/portal-id.ts';
import { IsoDate } from '../../kernel/money/money-schemas.ts';
import type { ContractView } from '../contracts/index.ts';
import { recordAudit } from '../tenancy/index.ts';
import { billingSettingsRepository } from './billing-settings-repository.ts';
import { ContractBillingJson } from './billing-contract-record.ts';
import type { ContractSource } from './contract-source.ts';
import { planContractBilling } from './domain/contract-billing-plan.ts';
import { InvoiceLinesJson, type InvoiceLineRecord } from './domain/invoice-records.ts';

export interface PlanServiceDeps {
  db: Kysely<DatabaseSchema>;
  contracts: ContractSource;
  now: () => number;
}

export interface RebuildResult {
  plannedInvoices: number;
  cancellationCredit: string | null;
}

/** A cancelled contract's first unserved day: the view's own field when it has one, else the day after its end. */
function cancellationDate(contract: ContractView): string | null {
  if (contract.status !== 'cancelled') return null;
  const extra = z.object({ cancellationEffectiveDate: IsoDate.nullish() }).safeParse(contract);
  const explicit = extra.success ? extra.data.cancellationEffectiveDate : null;
  return explicit ?? formatIsoDate(addDays(parseIsoDate(contract.endDate), 1));
}

/**
 * (Re)builds a contract's planned invoices after `contract.created` / `contract.amended`: the
 * contract is read before the transaction (the contracts reader may use its own connection); inside
 * it the contract's billing row is locked FOR UPDATE (the invoice run takes the same lock, so an
 * invoice cannot be issued while its plan is replaced), the planned invoices are replaced and a
 * cancellation credit note is planned once. Idempotent: a repeated event rebuilds the same plan.
 */
export async function rebuildContractPlan(
  deps: PlanServiceDeps,
  portalId: PortalId,
  contractId: string,
): Promise<RebuildResult | null> {
  const contract = await deps.contracts.get(portalId, contractId);
  if (!contract) return null;
  const defaults = await billingSettingsRepository.get(deps.db, portalId);
  const today = new Date(deps.now()).toISOString().slice(0, 10);
  const effective = cancellationDate(contract);

  return deps.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('billing_contracts')
      .values({
        portal_id: portalId,
        contract_id: contractId,
        deal_id: contract.dealId,
        company_id: contract.companyId,
        currency: contract.currency,
        billing: JSON.stringify({ settings: defaults.billing, roundingMode: defaults.roundingMode }),
        contract_version: contract.version,
        cancelled_effective_date: effective,
      })
      .onConflict((oc) => oc.columns(['portal_id', 'contract_id']).doNothing())
      .execute();
    const row = await trx
      .selectFrom('billing_contracts')
      .select(['billing'])
      .where('portal_id', '=', portalId)
      .where('contract_id', '=', contractId)
      .forUpdate()
      .executeTakeFirstOrThrow();
    const billing = ContractBillingJson.parse(row.billing);
    await trx
      .updateTable('billing_contracts')
      .set({
        deal_id: contract.dealId,
        company_id: contract.companyId,
        currency: contract.currency,
        contract_version: contract.version,
        cancelled_effective_date: effective,
        updated_at: new Date(deps.now()),
      })
      .where('portal_id', '=', portalId)
      .where('contract_id', '=', contractId)
      .execute();

    const issuedRows = await trx
      .selectFrom('invoices')
      .select(['lines', 'invoice_date'])
      .where('portal_id', '=', portalId)
      .where('contract_id', '=', contractId)
      .where('status', 'in', ['issued', 'paid'])
      .execute();
    const issuedLines: InvoiceLineRecord[] = issuedRows.flatMap((issued) => InvoiceLinesJson.parse(issued.lines));
    const lastIssuedDate = issuedRows.reduce<string | null>(
      (latest, issued) => (latest === null || issued.invoice_date > latest ? issued.invoice_date : latest),
      null,
    );

    const plan = planContractBilling({
      contract,
      billing: billing.settings,
      roundingMode: billing.roundingMode,
      cancellationEffectiveDate: effective,
      issuedLines,
      lastIssuedDate,
      today,
    });

    await trx
      .deleteFrom('invoices')
      .where('portal_id', '=', portalId)
      .where('contract_id', '=', contractId)
      .where('status', '=', 'planned')
      .execute();
    if (plan.invoices.length > 0) {
      await trx
        .insertInto('invoices')
        .values(
          plan.invoices.map((invoice) => ({
            portal_id: portalId,
            contract_id: contractId,
            invoice_date: invoice.invoiceDate,
            due_date: invoice.dueDate,
            currency: contract.currency,
            total: invoice.total,
            lines: JSON.stringify(invoice.lines),
            installments: JSON.stringify(invoice.installments),
          })),
        )
        .execute();
    }
    const credit = plan.cancellationCredit;
    if (credit) {
      await trx
        .insertInto('credit_notes')
        .values({
          portal_id: portalId,
          contract_id: contractId,
          reason_key: `cancellation:${credit.date}`,
          note_date: credit.date,
          currency: contract.currency,
          total: credit.total,
          lines: JSON.stringify(credit.lines),
        })
        .onConflict((oc) => oc.columns(['portal_id', 'contract_id', 'reason_key']).doNothing())
        .execute();
    }
    await recordAudit(trx, portalId, {
      actorKind: 'system',
      action: 'billing.plan-rebuilt',
      entityType: 'contract',
      entityId: contractId,
      details: { version: contract.version, plannedInvoices: plan.invoices.length, cancellation: effective },
    });
    return { plannedInvoices: plan.invoices.length, cancellationCredit: credit?.total ?? null };
  });
}
