import { Router } from 'express';
import { z } from 'zod';
import type { AppDeps } from '../../kernel/app-module.ts';
import { parseInput } from '../../kernel/errors/parse-input.ts';
import { AppError } from '../../kernel/errors/app-error.ts';
import { requireSignedPortal } from '../../kernel/http/signed-context.ts';
import { IsoDate, PositiveDecimalString } from '../../kernel/money/money-schemas.ts';
import { recordAudit, requireRole } from '../tenancy/index.ts';
import { BILLING_ERROR_CODES } from './billing-error-codes.ts';
import { billingSettingsRepository, PortalBillingSettingsSchema } from './billing-settings-repository.ts';
import { contractBillingSummary, listInvoices } from './invoice-queries.ts';
import { voidInvoice } from './invoice-void.ts';
import { recordPayments } from './payment-service.ts';

const InvoiceIdParam = z.object({ invoiceId: z.string().regex(/^[1-9][0-9]{0,15}$/, 'must be an invoice id') });
const ContractIdParam = z.object({ contractId: z.string().min(1).max(100) });
const ListQuery = z
  .object({
    overdue: z.enum(['true', 'false']).optional(),
    status: z.enum(['planned', 'issued', 'paid', 'voided']).optional(),
    portalId: z.string().optional(),
  })
  .passthrough();
const PaymentBody = z.strictObject({
  amount: PositiveDecimalString,
  paidOn: IsoDate,
  reference: z.string().min(1).max(200),
});

/**
 * Billing API for the "Contract & billing" card and the Invoices page (signed; portal from the
 * signature). Reads for any user of the portal; payments, voids and settings need the admin role.
 */
export function billingRouter(deps: AppDeps): Router {
  const db = deps.database.db;
  const today = (): string => new Date(deps.now()).toISOString().slice(0, 10);
  const router = Router();

  router.get('/v1/billing/contracts/:contractId/invoices', async (req, res) => {
    const portalId = requireSignedPortal(res);
    const { contractId } = parseInput(ContractIdParam, req.params, BILLING_ERROR_CODES.invoicesCommandInvalid);
    res.json(await contractBillingSummary(db, portalId, contractId, today()));
  });

  router.get('/v1/billing/invoices', async (req, res) => {
    const portalId = requireSignedPortal(res);
    const query = parseInput(ListQuery, req.query, BILLING_ERROR_CODES.invoicesCommandInvalid);
    const invoices = await listInvoices(db, portalId, today(), {
      ...(query.overdue === 'true' ? { overdueAsOf: today() } : {}),
      ...(query.status ? { statuses: [query.status] } : {}),
      limit: 500,
    });
    res.json({ invoices: invoices.map(({ lines: _lines, ...invoice }) => invoice) });
  });

  router.post('/v1/billing/invoices/:invoiceId/payments', async (req, res) => {
    const caller = await requireRole(db, res, 'admin');
    const { invoiceId } = parseInput(InvoiceIdParam, req.params, BILLING_ERROR_CODES.paymentInvalid);
    const body = parseInput(PaymentBody, req.body, BILLING_ERROR_CODES.paymentInvalid);
    const invoice = await db
      .selectFrom('invoices')
      .select('number')
      .where('portal_id', '=', caller.portalId)
      .where('id', '=', Number(invoiceId))
      .executeTakeFirst();
    if (!invoice?.number)
      throw new AppError('not-found', BILLING_ERROR_CODES.invoiceNotFound, 'No such issued invoice');
    const [result] = await recordPayments(
      { db, events: deps.events, now: deps.now },
      caller.portalId,
      [
        {
          invoiceNumber: invoice.number,
          amount: body.amount,
          paidOn: body.paidOn,
          reference: body.reference,
          source: 'api',
        },
      ],
      caller.userId,
    );
    res.status(201).json(result);
  });

  router.post('/v1/billing/invoices/:invoiceId/void', async (req, res) => {
    const caller = await requireRole(db, res, 'admin');
    const { invoiceId } = parseInput(InvoiceIdParam, req.params, BILLING_ERROR_CODES.invoicesCommandInvalid);
    const result = await voidInvoice({ db, events: deps.events, now: deps.now }, caller.portalId, Number(invoiceId), {
      kind: 'user',
      userId: caller.userId,
    });
    res.json(result);
  });

  router.get('/v1/billing/settings', async (_req, res) => {
    res.json(await billingSettingsRepository.get(db, requireSignedPortal(res)));
  });

  router.put('/v1/billing/settings', async (req, res) => {
    const caller = await requireRole(db, res, 'admin');
    const settings = parseInput(PortalBillingSettingsSchema, req.body, BILLING_ERROR_CODES.settingsInvalid);
    await db.transaction().execute(async (trx) => {
      const before = await billingSettingsRepository.get(trx, caller.portalId);
      await billingSettingsRepository.put(trx, caller.portalId, settings);
      await recordAudit(trx, caller.portalId, {
        actorKind: 'user',
        actorUserId: caller.userId,
        action: 'billing-settings.changed',
        entityType: 'billing-settings',
        entityId: String(caller.portalId),
        details: { before, after: settings },
      });
    });
    res.json(settings);
  });

  return router;
}
