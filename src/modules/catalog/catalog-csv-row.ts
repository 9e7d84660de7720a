import { AppError } from '../../kernel/errors/app-error.ts';

/**
 * CSV columns of a catalog file (docs/quotes.md). Block tiers, percent-of-total settings and
 * schedules need nesting, so they import from JSON only.
 */
const FIXED_COLUMNS = new Set([
  'sku',
  'name',
  'category',
  'hubspot_product_id',
  'pricing_method',
  'markup_percent',
  'recurring_term_months',
  'discount_schedule',
  'term_discount_schedule',
]);
const CURRENCY_COLUMN = /^(price|cost|markup_amount)_([A-Z]{3})$/;

export function checkCsvHeader(columns: readonly string[]): void {
  const unknown = columns.filter((c) => !FIXED_COLUMNS.has(c) && !CURRENCY_COLUMN.test(c));
  if (unknown.length > 0 || !columns.includes('sku')) {
    const issues = unknown.map((c) => ({ path: `line 1.${c}`, message: 'unknown column' }));
    if (!columns.includes('sku')) issues.push({ path: 'line 1.sku', message: 'column required' });
    throw new AppError('validation', 'CATALOG_FILE_INVALID', 'CSV header has unknown or missing columns', { issues });
  }
}

/** One CSV record -> the JSON shape of a catalog row (empty cells are absent fields). */
export function csvRecordToRow(record: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const cell = (name: string): string | undefined => {
    const value = record[name];
    return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
  };
  const row: Record<string, unknown> = {};
  const set = (key: string, value: unknown): void => {
    if (value !== undefined) row[key] = value;
  };
  set('sku', cell('sku'));
  set('name', cell('name'));
  set('category', cell('category'));
  set('hubspotProductId', cell('hubspot_product_id'));
  set('pricingMethod', cell('pricing_method'));
  set('discountSchedule', cell('discount_schedule'));
  set('termDiscountSchedule', cell('term_discount_schedule'));
  const term = cell('recurring_term_months');
  if (term !== undefined) row['recurring'] = { defaultTermMonths: term };
  const perCurrency: Record<string, Record<string, string>> = {};
  for (const [column, value] of Object.entries(record)) {
    const match = CURRENCY_COLUMN.exec(column);
    const text = typeof value === 'string' ? value.trim() : '';
    if (!match || text === '') continue;
    const [, kind = '', currency = ''] = match;
    (perCurrency[kind] ??= {})[currency] = text;
  }
  set('prices', perCurrency['price']);
  set('cost', perCurrency['cost']);
  const markupPercent = cell('markup_percent');
  if (markupPercent !== undefined || perCurrency['markup_amount']) {
    row['markup'] =
      markupPercent !== undefined
        ? { percent: markupPercent, ...(perCurrency['markup_amount'] ? { amount: perCurrency['markup_amount'] } : {}) }
        : { amount: perCurrency['markup_amount'] };
  }
  return row;
}
