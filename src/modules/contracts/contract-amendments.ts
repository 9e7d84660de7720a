import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { DatabaseSchema } from '../../kernel/db/db-schema.ts';
import type { PortalId } from '../../kernel/db/portal-id.ts';
import { AppError } from '../../kernel/errors/app-error.ts';
import { parseInput } from '../../kernel/errors/parse-input.ts';
import type { DomainEvents } from '../../kernel/jobs/domain-events.ts';
import {
  DecimalString,
  DiscountPercentString,
  IsoDate,
  NonNegativeDecimalString,
  PositiveDecimalString,
} from '../../kernel/money/money-schemas.ts';
import { readPricingCatalog } from '../catalog/index.ts';
import { PricingResponseSchema, type PricingResponse } from '../pricing/index.ts';
import { readAccountPricing } from '../quotes/index.ts';
import { recordAudit } from '../tenancy/index.ts';
import { createContractReader } from './contract-reader.ts';
import { contractWriteRepository as repo } from './contract-write-repository.ts';
import { CONTRACTS_ERROR_CODES } from './contracts-error-codes.ts';
import { priceAmendment } from './domain/amendment-pricing.ts';
import { AmendmentRequestSchema, type AmendmentRequest } from './domain/amendment-request-schema.ts';

/** What a rep sends to start an amendment (the contract's subscriptions are filled in from the contract). */
export const StartAmendmentSchema = z.strictObject({
  startDate: IsoDate,
  prorationPrecision: z.enum(['day', 'month', 'monthly+daily']).optional(),
  /** New total quantity per contract line id (0 cancels the subscription from the start date). */
  quantities: z.record(z.string(), NonNegativeDecimalString).optional(),
  lines: z
    .array(
      z.strictObject({
        id: z.string().min(1).optional(),
        sku: z.string().min(1),
        quantity: PositiveDecimalString,
        additionalDiscount: z
          .strictObject({ percent: DiscountPercentString.optional(), amount: DecimalString.optional() })
          .nullable()
          .optional(),
      }),
    )
    .optional(),
});
export type StartAmendmentInput = z.infer<typeof StartAmendmentSchema>;

export interface AmendmentRecord {
  id: string;
  contractId: string;
  status: 'open' | 'accepted' | 'cancelled';
  startDate: string;
  pricing: PricingResponse;
}

type Db = Kysely<DatabaseSchema>;

/**
 * Starts an amendment of an active contract (Salesforce CPQ help, "Amend Your Contracts"): the
 * contract's subscriptions with their quantities on the amendment date, the rep's changes, priced
 * by the same pure function as `cpq amend`, stored with the priced snapshot.
 */
export async function startAmendment(
  db: Db,
  portalId: PortalId,
  contractId: string,
  body: unknown,
  actorUserId: number | null = null,
): Promise<AmendmentRecord> {
  const input = parseInput(StartAmendmentSchema, body, CONTRACTS_ERROR_CODES.CONTRACT_INPUT_INVALID);
  const contract = await createContractReader(db, { today: () => input.startDate }).get(portalId, contractId);
  if (contract === undefined) throw notFound(contractId);
  if (contract.status !== 'active') {
    throw new AppError(
      'conflict',
      CONTRACTS_ERROR_CODES.CONTRACT_NOT_AMENDABLE,
      `Contract ${contract.number} is ${contract.status}`,
    );
  }
  const newLines = (input.lines ?? []).map((line, index) => ({ ...line, id: line.id ?? `new-${index + 1}` }));
  const catalog = await readPricingCatalog(
    db,
    portalId,
    newLines.map((l) => l.sku),
  );
  const account = contract.companyId === null ? undefined : await readAccountPricing(db, portalId, contract.companyId);
  const request: AmendmentRequest = parseInput(
    AmendmentRequestSchema,
    {
      currency: contract.currency,
      catalog,
      ...(account
        ? {
            account: {
              contractedPrices: account.contractedPrices,
              partnerDiscountPercent: account.partnerDiscountPercent,
              distributorDiscountPercent: account.distributorDiscountPercent,
            },
          }
        : {}),
      contract: {
        id: contract.id,
        startDate: contract.startDate,
        endDate: contract.endDate,
        subscriptions: contract.lines
          .filter((line) => line.kind === 'subscription' && line.termMonths !== null)
          .map((line) => ({
            id: line.id,
            sku: line.sku,
            quantity: line.quantity,
            startDate: line.startDate,
            endDate: line.endDate,
            netUnitPrice: line.netUnitPrice,
            termMonths: line.termMonths,
          })),
      },
      amendment: {
        startDate: input.startDate,
        ...(input.prorationPrecision ? { prorationPrecision: input.prorationPrecision } : {}),
        quantities: input.quantities ?? {},
        lines: newLines.map((line) => ({
          id: line.id,
          sku: line.sku,
          quantity: line.quantity,
          ...(line.additionalDiscount ? { additionalDiscount: line.additionalDiscount } : {}),
        })),
      },
    },
    CONTRACTS_ERROR_CODES.CONTRACT_INPUT_INVALID,
  );
  const pricing = priceAmendment(request);
  const id = randomUUID();
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('contract_amendments')
      .values({
        id,
        portal_id: portalId,
        contract_id: contract.id,
        status: 'open',
        start_date: input.startDate,
        request: JSON.stringify(request),
        priced: JSON.stringify(pricing),
        hubspot_deal_id: null,
        created_by: actorUserId,
      })
      .execute();
    await recordAudit(trx, portalId, {
      actorKind: actorUserId === null ? 'system' : 'user',
      actorUserId,
      action: 'contract.amendment-started',
      entityType: 'contract',
      entityId: contract.id,
      details: { amendmentId: id, startDate: input.startDate, lines: pricing.lines.length },
    });
  });
  // TODO(quotes port): create the amendment deal and quote (type amendment, linked to the contract)
  // through src/modules/quotes/index.ts once it exposes quote creation; the priced snapshot is here.
  return { id, contractId: contract.id, status: 'open', startDate: input.startDate, pricing };
}

/**
 * Accepts an open amendment: appends one segment per changed subscription (quantity = the change,
 * from the amendment start to the subscription end) and adds each new product as a co-terminated
 * line; nothing is overwritten, so the quantity history stays. Idempotent: an amendment is
 * accepted once (status check under a row lock; segments unique per source).
 */
export async function acceptAmendment(
  db: Db,
  events: Pick<DomainEvents, 'publish'>,
  portalId: PortalId,
  amendmentId: string,
): Promise<{ outcome: 'accepted' | 'already-accepted'; contractId: string }> {
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom('contract_amendments')
      .selectAll()
      .where('portal_id', '=', portalId)
      .where('id', '=', amendmentId)
      .forUpdate()
      .executeTakeFirst();
    if (!row) throw new AppError('not-found', CONTRACTS_ERROR_CODES.CONTRACT_NOT_FOUND, `No amendment ${amendmentId}`);
    if (row.status === 'accepted') return { outcome: 'already-accepted', contractId: row.contract_id };
    if (row.status !== 'open') {
      throw new AppError(
        'conflict',
        CONTRACTS_ERROR_CODES.CONTRACT_NOT_AMENDABLE,
        `Amendment ${amendmentId} is ${row.status}`,
      );
    }
    const request = AmendmentRequestSchema.parse(row.request);
    const pricing = PricingResponseSchema.parse(row.priced);
    const subscriptions = new Map(request.contract.subscriptions.map((s) => [s.id, s]));
    const contractEnd = request.contract.endDate;
    const newLines = pricing.lines.filter((line) => !subscriptions.has(line.id) && line.status === 'priced');
    const positionRow = await trx
      .selectFrom('contract_lines')
      .select((eb) => eb.fn.max('position').as('last'))
      .where('portal_id', '=', portalId)
      .where('contract_id', '=', row.contract_id)
      .executeTakeFirst();
    let position = Number(positionRow?.last ?? -1);
    const lineInserts = newLines.map((line) => ({
      id: randomUUID(),
      position: (position += 1),
      kind: line.recurring ? ('subscription' as const) : ('one-time' as const),
      sku: line.sku,
      name: line.sku,
      startDate: row.start_date,
      endDate: line.recurring ? contractEnd : row.start_date,
      listUnitPrice: line.listUnitPrice ?? '0',
      regularUnitPrice: line.regularUnitPrice ?? '0',
      customerUnitPrice: line.customerUnitPrice ?? '0',
      netUnitPrice: line.netUnitPrice ?? '0',
      termMonths: line.recurring ? line.termMonths : null,
      source: line,
    }));
    await repo.insertLines(trx, portalId, row.contract_id, lineInserts);
    const segments = [
      ...pricing.lines.flatMap((line) => {
        const subscription = subscriptions.get(line.id);
        if (subscription === undefined || line.netTotal === null) return [];
        const start = subscription.startDate > row.start_date ? subscription.startDate : row.start_date;
        return [
          {
            id: randomUUID(),
            lineId: subscription.id,
            quantity: line.quantity,
            startDate: start,
            endDate: subscription.endDate,
            netUnitPrice: subscription.netUnitPrice,
            netAmount: line.netTotal,
            sourceQuoteId: amendmentId,
          },
        ];
      }),
      ...lineInserts.map((line) => ({
        id: randomUUID(),
        lineId: line.id,
        quantity: line.source.quantity,
        startDate: line.startDate,
        endDate: line.endDate,
        netUnitPrice: line.netUnitPrice,
        netAmount: line.source.netTotal ?? '0',
        sourceQuoteId: amendmentId,
      })),
    ];
    await repo.appendSegments(trx, portalId, row.contract_id, segments);
    await trx
      .updateTable('contract_amendments')
      .set({ status: 'accepted', accepted_at: new Date() })
      .where('portal_id', '=', portalId)
      .where('id', '=', amendmentId)
      .execute();
    await trx
      .updateTable('contracts')
      .set((eb) => ({ version: eb('version', '+', 1), updated_at: new Date() }))
      .where('portal_id', '=', portalId)
      .where('id', '=', row.contract_id)
      .execute();
    await recordAudit(trx, portalId, {
      actorKind: 'system',
      action: 'contract.amended',
      entityType: 'contract',
      entityId: row.contract_id,
      details: { amendmentId, segments: segments.length, newLines: lineInserts.length },
    });
    await events.publish(
      'contract.amended',
      { portalId, contractId: row.contract_id, amendmentQuoteId: amendmentId },
      { trx },
    );
    return { outcome: 'accepted' as const, contractId: row.contract_id };
  });
}

function notFound(contractId: string): AppError {
  return new AppError('not-found', CONTRACTS_ERROR_CODES.CONTRACT_NOT_FOUND, `No contract ${contractId}`);
}
