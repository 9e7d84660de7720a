import type { QuoteLineInput, QuoteUpdateInput } from '../../../extensions/app/cards/api/card-api-schemas.ts';
import { AppError } from '../../kernel/errors/app-error.ts';
import type { StoredQuoteLine } from './quote-record.ts';
import { QUOTE_ERROR } from './quote-error-codes.ts';

/** Line inputs -> stored lines: new lines get an id from `newId`; names come from the catalog. */
export function toStoredLines(
  inputs: readonly QuoteLineInput[],
  names: ReadonlyMap<string, string>,
  newId: () => string,
): StoredQuoteLine[] {
  return inputs.map((input) => ({
    id: input.id ?? newId(),
    sku: input.sku,
    name: names.get(input.sku) ?? input.sku,
    quantity: input.quantity,
    additionalDiscount: input.additionalDiscount ?? null,
    termMonths: input.termMonths ?? null,
  }));
}

/**
 * The lines after an update: `lines` replaces all; `lineChanges` upserts by id (an unknown id or
 * no id = appended) and removes by id. Returns the line inputs in their final order.
 */
export function applyLineChanges(current: readonly StoredQuoteLine[], update: QuoteUpdateInput): QuoteLineInput[] {
  if (update.lines && update.lineChanges) {
    throw new AppError('validation', QUOTE_ERROR.QUOTE_UPDATE_INVALID, 'Give either lines or lineChanges, not both', {
      issues: [{ path: 'lineChanges', message: 'not with lines' }],
    });
  }
  if (update.lines) return update.lines;
  const result: QuoteLineInput[] = current.map((l) => ({
    id: l.id,
    sku: l.sku,
    quantity: l.quantity,
    additionalDiscount: l.additionalDiscount,
    termMonths: l.termMonths,
  }));
  if (!update.lineChanges) return result;
  const remove = new Set(update.lineChanges.remove ?? []);
  const index = new Map(result.map((l, i) => [l.id, i]));
  (update.lineChanges.remove ?? []).forEach((id, i) => {
    if (!index.has(id))
      throw new AppError('not-found', QUOTE_ERROR.QUOTE_LINE_NOT_FOUND, `No line "${id}" on this quote`, {
        issues: [{ path: `lineChanges.remove.${i}`, message: 'no such line' }],
      });
  });
  for (const line of update.lineChanges.upsert ?? []) {
    const at = line.id === undefined ? undefined : index.get(line.id);
    if (at === undefined) result.push(line);
    else result[at] = line;
  }
  return result.filter((l) => l.id === undefined || !remove.has(l.id));
}

/** Short summary of what changed between two line lists, for the audit row. */
export function lineChangeSummary(
  before: readonly StoredQuoteLine[],
  after: readonly StoredQuoteLine[],
): { added: number; removed: number; changed: number } {
  const old = new Map(before.map((l) => [l.id, l]));
  const ids = new Set(after.map((l) => l.id));
  let added = 0;
  let changed = 0;
  for (const line of after) {
    const prior = old.get(line.id);
    if (!prior) added++;
    else if (JSON.stringify(prior) !== JSON.stringify(line)) changed++;
  }
  return { added, removed: before.filter((l) => !ids.has(l.id)).length, changed };
}
