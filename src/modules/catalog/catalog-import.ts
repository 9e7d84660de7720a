import type { Kysely } from 'kysely';
import type { DatabaseSchema } from '../../kernel/db/db-schema.ts';
import type { PortalId } from '../../kernel/db/portal-id.ts';
import { AppError, type ErrorIssue } from '../../kernel/errors/app-error.ts';
import { issuePath } from '../../kernel/errors/parse-input.ts';
import {
  DiscountScheduleEntrySchema,
  HubSpotProductIdSchema,
  ProductEntrySchema,
  type CatalogEntry,
  type DiscountScheduleInput,
} from './catalog-entry-schema.ts';
import type { RawCatalogFile, RawRow } from './catalog-file-parser.ts';
import { catalogRepository } from './catalog-repository.ts';
import { CATALOG_ERROR } from './catalog-error-codes.ts';

/** A rejected row: its line in the file, the failing field and why. */
export interface RowIssue {
  line: number;
  path: string;
  message: string;
}

export interface ValidatedCatalog {
  entries: CatalogEntry[];
  schedules: DiscountScheduleInput[];
  issues: RowIssue[];
  rowCount: number;
}

/**
 * Validates every row on its own (a bad row never hides the next one): products with the pricing
 * engine's own product schema, so whatever imports also prices; schedule references must resolve
 * to a schedule in the file or already stored; SKUs must be unique within the file.
 */
export function validateCatalogRows(file: RawCatalogFile, storedScheduleIds: ReadonlySet<string>): ValidatedCatalog {
  const issues: RowIssue[] = [];
  const schedules: DiscountScheduleInput[] = [];
  const scheduleTypes = new Map<string, string>();
  file.discountSchedules.forEach((row, index) => {
    const parsed = DiscountScheduleEntrySchema.safeParse(row.value);
    if (!parsed.success) return pushIssues(issues, row, `discountSchedules.${index}`, parsed.error.issues);
    if (scheduleTypes.has(parsed.data.id))
      return issues.push({
        line: row.line,
        path: `discountSchedules.${index}.id`,
        message: `duplicate id "${parsed.data.id}"`,
      });
    scheduleTypes.set(parsed.data.id, parsed.data.type);
    schedules.push(parsed.data);
  });
  const known = (id: string): boolean => scheduleTypes.has(id) || storedScheduleIds.has(id);

  const entries: CatalogEntry[] = [];
  const seen = new Set<string>();
  file.products.forEach((row, index) => {
    const prefix = `products.${index}`;
    const { hubspotProductId, ...product } = row.value;
    const parsed = ProductEntrySchema.safeParse(product);
    const rowIssues: RowIssue[] = [];
    if (!parsed.success) pushIssues(rowIssues, row, prefix, parsed.error.issues);
    if (hubspotProductId !== undefined && hubspotProductId !== null) {
      const id = HubSpotProductIdSchema.safeParse(
        typeof hubspotProductId === 'number' ? String(hubspotProductId) : hubspotProductId,
      );
      if (!id.success)
        rowIssues.push({
          line: row.line,
          path: `${prefix}.hubspotProductId`,
          message: id.error.issues[0]?.message ?? 'invalid',
        });
    }
    if (parsed.success) {
      const p = parsed.data;
      if (p.name === undefined || p.name.trim() === '')
        rowIssues.push({ line: row.line, path: `${prefix}.name`, message: 'required' });
      if (seen.has(p.sku))
        rowIssues.push({ line: row.line, path: `${prefix}.sku`, message: `duplicate sku "${p.sku}" in this file` });
      for (const field of ['discountSchedule', 'termDiscountSchedule'] as const) {
        const ref = p[field];
        if (ref != null && !known(ref))
          rowIssues.push({
            line: row.line,
            path: `${prefix}.${field}`,
            message: `no discount schedule with id "${ref}"`,
          });
      }
      seen.add(p.sku);
    }
    if (rowIssues.length > 0 || !parsed.success) return issues.push(...rowIssues);
    const id = hubspotProductId === undefined || hubspotProductId === null ? null : String(hubspotProductId);
    entries.push({ product: { ...parsed.data, name: parsed.data.name ?? parsed.data.sku }, hubspotProductId: id });
  });
  return { entries, schedules, issues, rowCount: file.products.length + file.discountSchedules.length };
}

function pushIssues(
  target: RowIssue[],
  row: RawRow,
  prefix: string,
  zodIssues: ReadonlyArray<{ path: readonly PropertyKey[]; message: string }>,
): void {
  for (const issue of zodIssues) {
    const path = issuePath(issue.path);
    target.push({ line: row.line, path: path ? `${prefix}.${path}` : prefix, message: issue.message });
  }
}

/** Issues as the public error JSON lists them: the line number leads the message. */
export function toErrorIssues(issues: readonly RowIssue[], max = 1000): ErrorIssue[] {
  const shown = issues.slice(0, max).map((i) => ({ path: i.path, message: `line ${i.line}: ${i.message}` }));
  if (issues.length > max) shown.push({ path: '', message: `... and ${issues.length - max} more` });
  return shown;
}

export interface CatalogImportResult {
  products: number;
  discountSchedules: number;
  rejected: number;
  issues: RowIssue[];
}

/**
 * Validates and writes a catalog file for one portal in one transaction. Without `partial`, any
 * bad row means nothing is written (AppError validation listing every bad row).
 */
export async function importCatalog(
  db: Kysely<DatabaseSchema>,
  portalId: PortalId,
  file: RawCatalogFile,
  options: { partial: boolean; onProgress?: (written: number, total: number) => void },
): Promise<CatalogImportResult> {
  const validated = validateCatalogRows(file, await catalogRepository.scheduleIds(db, portalId));
  if (validated.issues.length > 0 && !options.partial) {
    const rows = new Set(validated.issues.map((i) => `${i.path.split('.').slice(0, 2).join('.')}`)).size;
    throw new AppError(
      'validation',
      CATALOG_ERROR.CATALOG_IMPORT_INVALID,
      `${rows} of ${validated.rowCount} rows are invalid; nothing was imported`,
      {
        issues: toErrorIssues(validated.issues),
      },
    );
  }
  await db.transaction().execute(async (trx) => {
    await catalogRepository.upsertSchedules(trx, portalId, validated.schedules);
    await catalogRepository.upsertProducts(trx, portalId, validated.entries, (written) =>
      options.onProgress?.(written, validated.entries.length),
    );
  });
  return {
    products: validated.entries.length,
    discountSchedules: validated.schedules.length,
    rejected: validated.rowCount - validated.entries.length - validated.schedules.length,
    issues: validated.issues,
  };
}
