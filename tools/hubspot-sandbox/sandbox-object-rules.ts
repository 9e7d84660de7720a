import { Decimal } from '../../src/kernel/money/money.ts';
import { DEFAULT_DEAL_PIPELINE } from './sandbox-default-properties.ts';
import type { ObjectTypeInfo } from './sandbox-object-types.ts';
import type { PropertyIssue } from './sandbox-property-values.ts';

/**
 * Per-object rules HubSpot enforces that the quote-to-cash app depends on (HubSpot docs "CRM API: Quotes, Line items, Associations v4"), plus the
 * properties HubSpot returns when a request names none.
 */

/** Returned when a read names no `properties` (HubSpot's default sets, approximated). */
const DEFAULT_RETURNED: Record<string, string[]> = {
  contacts: ['createdate', 'email', 'firstname', 'hs_object_id', 'lastmodifieddate', 'lastname'],
  companies: ['createdate', 'domain', 'hs_lastmodifieddate', 'hs_object_id', 'name'],
  deals: [
    'amount',
    'closedate',
    'createdate',
    'dealname',
    'dealstage',
    'hs_lastmodifieddate',
    'hs_object_id',
    'pipeline',
  ],
  products: ['createdate', 'description', 'hs_lastmodifieddate', 'hs_object_id', 'hs_sku', 'name', 'price'],
  line_items: [
    'amount',
    'createdate',
    'hs_lastmodifieddate',
    'hs_object_id',
    'hs_product_id',
    'name',
    'price',
    'quantity',
  ],
  quotes: ['hs_createdate', 'hs_expiration_date', 'hs_lastmodifieddate', 'hs_object_id', 'hs_status', 'hs_title'],
  invoices: ['hs_createdate', 'hs_currency', 'hs_invoice_status', 'hs_lastmodifieddate', 'hs_object_id'],
};

/** Properties the search `query` string matches against (HubSpot's default searchable properties). */
const QUERY_SEARCHABLE: Record<string, string[]> = {
  contacts: ['firstname', 'lastname', 'email', 'phone', 'company'],
  companies: ['name', 'domain', 'phone'],
  deals: ['dealname'],
  products: ['name', 'description', 'hs_sku'],
  line_items: ['name', 'hs_sku'],
  quotes: ['hs_title'],
  invoices: ['hs_number'],
};

/** Reference §5: quotes need `hs_title` and `hs_expiration_date`; invoices need `hs_currency`. */
const REQUIRED_ON_CREATE: Record<string, string[]> = {
  quotes: ['hs_title', 'hs_expiration_date'],
  invoices: ['hs_currency'],
};

/** System-maintained properties: never reported as webhook property changes. */
export const SYSTEM_PROPERTIES: ReadonlySet<string> = new Set([
  'hs_object_id',
  'hs_createdate',
  'hs_lastmodifieddate',
  'createdate',
  'lastmodifieddate',
]);

export function defaultReturnedProperties(type: ObjectTypeInfo, primaryDisplayProperty?: string): string[] {
  const base = DEFAULT_RETURNED[type.name] ?? ['hs_createdate', 'hs_lastmodifieddate', 'hs_object_id'];
  return primaryDisplayProperty ? [...base, primaryDisplayProperty] : base;
}

export function querySearchableProperties(type: ObjectTypeInfo, searchable: string[] = []): string[] {
  return QUERY_SEARCHABLE[type.name] ?? searchable;
}

/** Values HubSpot fills in when a create leaves them out (API-created quotes start as DRAFT). */
export function createDefaults(type: ObjectTypeInfo): Record<string, string> {
  switch (type.name) {
    case 'deals':
      return { pipeline: DEFAULT_DEAL_PIPELINE.id, dealstage: DEFAULT_DEAL_PIPELINE.stages[0].id };
    case 'quotes':
      return { hs_status: 'DRAFT' };
    case 'invoices':
      return { hs_invoice_status: 'draft', hs_invoice_billable: 'true' };
    default:
      return {};
  }
}

export function missingRequired(
  type: ObjectTypeInfo,
  values: Record<string, string | null>,
  extraRequired: string[] = [],
): PropertyIssue[] {
  const required = [...(REQUIRED_ON_CREATE[type.name] ?? []), ...extraRequired];
  return required
    .filter((name) => values[name] === undefined || values[name] === null)
    .map((name) => ({ name, code: 'REQUIRED_PROPERTY', message: `Property "${name}" is required` }));
}

export interface RuleContext {
  /** Whether the record has an association to the given object type id. */
  hasAssociation(toTypeId: string): boolean;
  /** True when the write comes from an app (API), not from a user in the HubSpot UI. */
  fromIntegration: boolean;
}

/** Rules that look at the record as it would be after the write. */
export function ruleIssues(
  type: ObjectTypeInfo,
  merged: Record<string, string>,
  changed: Record<string, string | null>,
  context: RuleContext,
): PropertyIssue[] {
  const issues: PropertyIssue[] = [];
  if (type.name === 'line_items' && merged.price !== undefined && new Decimal(merged.price).isNegative()) {
    issues.push({
      name: 'price',
      code: 'INVALID_INTEGER',
      message: 'Line item price must be greater than or equal to 0.',
    });
  }
  if (type.name === 'invoices') {
    const status = changed.hs_invoice_status;
    if (status === 'open' && !(context.hasAssociation('0-1') && context.hasAssociation('0-8'))) {
      issues.push({
        name: 'hs_invoice_status',
        code: 'INVALID_OPTION',
        message: 'An invoice needs an associated contact and at least one line item before it can be open.',
      });
    }
    if (status === 'paid' && context.fromIntegration) {
      issues.push({
        name: 'hs_invoice_status',
        code: 'READ_ONLY_VALUE',
        message: 'Payments cannot be recorded through the API.',
      });
    }
  }
  return issues;
}

/** Calculated values HubSpot maintains: line item `amount` = quantity x unit price after discounts. */
export function calculatedValues(type: ObjectTypeInfo, merged: Record<string, string>): Record<string, string> {
  if (type.name !== 'line_items' || merged.price === undefined) return {};
  const quantity = new Decimal(merged.quantity ?? '1');
  const unitDiscount = new Decimal(merged.discount ?? '0');
  const percent = new Decimal(merged.hs_discount_percentage ?? '0');
  const unitNet = new Decimal(merged.price).minus(unitDiscount).times(new Decimal(100).minus(percent)).dividedBy(100);
  return { amount: unitNet.times(quantity).toDecimalPlaces(2).toString() };
}
