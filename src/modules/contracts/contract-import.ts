import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { DatabaseSchema } from '../../kernel/db/db-schema.ts';
import type { PortalId } from '../../kernel/db/portal-id.ts';
import { AppError, type ErrorIssue } from '../../kernel/errors/app-error.ts';
import { issuePath } from '../../kernel/errors/parse-input.ts';
import { minorUnitsOf } from '../../kernel/money/currency-minor-units.ts';
import { Decimal } from '../../kernel/money/money.ts';
import {
  CurrencyCode,
  DecimalString,
  IsoDate,
  PositiveDecimalString,
  NonNegativeDecimalString,
} from '../../kernel/money/money-schemas.ts';
import { formatMoney } from '../../kernel/money/rounding.ts';
import { recordAudit } from '../tenancy/index.ts';
import { contractWriteRepository as repo } from './contract-write-repository.ts';
import { CONTRACTS_ERROR_CODES } from './contracts-error-codes.ts';

const ImportLineSchema = z.strictObject({
  sku: z.string().min(1),
  name: z.string().min(1).optional(),
  kind: z.enum(['subscription', 'one-time']),
  quantity: NonNegativeDecimalString,
  listUnitPrice: DecimalString.optional(),
  customerUnitPrice: DecimalString.optional(),
  /** Subscriptions: per `termMonths`. */
  netUnitPrice: DecimalString,
  termMonths: PositiveDecimalString.optional(),
});

/** One existing customer contract (an installed-base row). `externalId` makes re-imports idempotent. */
const ImportContractSchema = z
  .strictObject({
    externalId: z.string().min(1).max(100),
    dealId: z.string().min(1),
    companyId: z.string().min(1).nullable().optional(),
    currency: CurrencyCode,
    startDate: IsoDate,
    endDate: IsoDate,
    renewalGroup: z.string().min(1).nullable().optional(),
    renewalPricing: z.enum(['same', 'list', 'uplift']).optional(),
    upliftPercent: DecimalString.nullable().optional(),
    lines: z.array(ImportLineSchema).min(1),
  })
  .superRefine((row, ctx) => {
    if (row.endDate < row.startDate)
      ctx.addIssue({ code: 'custom', path: ['endDate'], message: 'end date is before start date' });
    row.lines.forEach((line, index) => {
      if (line.kind === 'subscription' && line.termMonths === undefined)
        ctx.addIssue({ code: 'custom', path: ['lines', index, 'termMonths'], message: 'required for a subscription' });
    });
  });

export type ImportContract = z.infer<typeof ImportContractSchema>;

/**
 * `cpq contracts import`: every row is validated first and nothing is written unless all pass (the
 * catalog import's rule); then all rows are written in one transaction. A row whose `externalId`
 * was imported before is skipped (the order's unique (portal_id, quote_id) with quote id
 * `import:<externalId>`), so re-running an import creates nothing new.
 */
export async function importContracts(
  db: Kysely<DatabaseSchema>,
  portalId: PortalId,
  input: unknown,
): Promise<{ imported: number; skipped: number }> {
  return writeContractImport(db, portalId, parseContractImport(input));
}

/** Validates every row of an import file; throws CONTRACT_IMPORT_INVALID naming every bad field. */
export function parseContractImport(input: unknown): ImportContract[] {
  const file = z.strictObject({ contracts: z.array(z.unknown()) }).safeParse(input);
  if (!file.success) {
    throw new AppError('validation', CONTRACTS_ERROR_CODES.CONTRACT_IMPORT_INVALID, 'Expected { "contracts": [...] }', {
      issues: file.error.issues.map((issue) => ({ path: issuePath(issue.path), message: issue.message })),
    });
  }
  const rows: ImportContract[] = [];
  const issues: ErrorIssue[] = [];
  file.data.contracts.forEach((raw, index) => {
    const parsed = ImportContractSchema.safeParse(raw);
    if (parsed.success) rows.push(parsed.data);
    else
      for (const issue of parsed.error.issues)
        issues.push({ path: issuePath(['contracts', index, ...issue.path]), message: issue.message });
  });
  if (issues.length > 0) {
    throw new AppError(
      'validation',
      CONTRACTS_ERROR_CODES.CONTRACT_IMPORT_INVALID,
      `${issues.length} problem(s) in the file; nothing was imported`,
      { issues },
    );
  }
  return rows;
}

/** Writes validated rows in one transaction (all or nothing). */
export async function writeContractImport(
  db: Kysely<DatabaseSchema>,
  portalId: PortalId,
  rows: readonly ImportContract[],
): Promise<{ imported: number; skipped: number }> {
  return db.transaction().execute(async (trx) => {
    let imported = 0;
    for (const row of rows) {
      const quoteId = `import:${row.externalId}`;
      const orderId = await repo.insertOrderOnce(trx, portalId, {
        id: randomUUID(),
        quoteId,
        dealId: row.dealId,
        companyId: row.companyId ?? null,
        currency: row.currency,
        orderDate: row.startDate,
        netTotal: '0',
        trigger: 'import',
      });
      if (orderId === undefined) continue;
      const contractId = randomUUID();
      await repo.insertContract(trx, portalId, {
        id: contractId,
        number: await repo.nextNumber(trx, portalId),
        orderId,
        quoteId,
        dealId: row.dealId,
        companyId: row.companyId ?? null,
        currency: row.currency,
        startDate: row.startDate,
        endDate: row.endDate,
        renewalGroup: row.renewalGroup ?? null,
        renewalPricing: row.renewalPricing ?? 'same',
        upliftPercent: row.upliftPercent ?? null,
        renewedFromId: null,
      });
      const lines = row.lines.map((line, position) => ({
        id: randomUUID(),
        position,
        kind: line.kind,
        sku: line.sku,
        name: line.name ?? line.sku,
        startDate: row.startDate,
        endDate: line.kind === 'subscription' ? row.endDate : row.startDate,
        listUnitPrice: line.listUnitPrice ?? line.netUnitPrice,
        regularUnitPrice: line.customerUnitPrice ?? line.netUnitPrice,
        customerUnitPrice: line.customerUnitPrice ?? line.netUnitPrice,
        netUnitPrice: line.netUnitPrice,
        termMonths: line.kind === 'subscription' ? (line.termMonths ?? null) : null,
        quantity: line.quantity,
      }));
      await repo.insertLines(trx, portalId, contractId, lines);
      await repo.appendSegments(
        trx,
        portalId,
        contractId,
        lines.map((line) => ({
          id: randomUUID(),
          lineId: line.id,
          quantity: line.quantity,
          startDate: line.startDate,
          endDate: line.endDate,
          netUnitPrice: line.netUnitPrice,
          // The imported price covers the line's own term: its amount is price x quantity.
          netAmount: formatMoney(
            new Decimal(line.netUnitPrice).times(line.quantity),
            minorUnitsOf(row.currency),
            'half-up',
          ),
          sourceQuoteId: quoteId,
        })),
      );
      imported += 1;
    }
    await recordAudit(trx, portalId, {
      actorKind: 'system',
      action: 'contracts.imported',
      entityType: 'contract',
      details: { imported, skipped: rows.length - imported },
    });
    return { imported, skipped: rows.length - imported };
  });
}
