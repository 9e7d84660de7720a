import type {
  PropertyDefinition,
  PropertyGroupDefinition,
  PropertyOption,
  PropertyType,
} from './sandbox-portal-state.ts';

/**
 * A representative subset of HubSpot's built-in properties for the object types quote-to-cash uses
 * (HubSpot docs "CRM API: Quotes, Line items, Associations v4"): the names the app reads and writes, with HubSpot's types. Not the full catalogue.
 */

/** The default deal pipeline and its stages (HubSpot's stock "Sales Pipeline"). */
export const DEFAULT_DEAL_PIPELINE = {
  id: 'default',
  label: 'Sales Pipeline',
  stages: [
    { id: 'appointmentscheduled', label: 'Appointment Scheduled', probability: '0.2', isClosed: false },
    { id: 'qualifiedtobuy', label: 'Qualified To Buy', probability: '0.4', isClosed: false },
    { id: 'presentationscheduled', label: 'Presentation Scheduled', probability: '0.6', isClosed: false },
    { id: 'decisionmakerboughtin', label: 'Decision Maker Bought-In', probability: '0.8', isClosed: false },
    { id: 'contractsent', label: 'Contract Sent', probability: '0.9', isClosed: false },
    { id: 'closedwon', label: 'Closed Won', probability: '1.0', isClosed: true },
    { id: 'closedlost', label: 'Closed Lost', probability: '0.0', isClosed: true },
  ],
} as const;

type Spec = [
  name: string,
  type: PropertyType,
  flags?: { unique?: boolean; readOnly?: boolean; calculated?: boolean; options?: string[] },
];

const FIELD_TYPE: Record<PropertyType, string> = {
  string: 'text',
  number: 'number',
  date: 'date',
  datetime: 'date',
  enumeration: 'select',
  bool: 'booleancheckbox',
};

const BILLING_FREQUENCIES = [
  'weekly',
  'biweekly',
  'monthly',
  'quarterly',
  'per_six_months',
  'annually',
  'per_two_years',
  'per_three_years',
];

const COMMON: Spec[] = [
  ['hs_object_id', 'number', { readOnly: true }],
  ['hs_createdate', 'datetime', { readOnly: true }],
  ['hs_lastmodifieddate', 'datetime', { readOnly: true }],
];

const SPECS: Record<string, Spec[]> = {
  contacts: [
    ['email', 'string', { unique: true }],
    ['firstname', 'string'],
    ['lastname', 'string'],
    ['phone', 'string'],
    ['company', 'string'],
    ['jobtitle', 'string'],
    [
      'lifecyclestage',
      'enumeration',
      {
        options: [
          'subscriber',
          'lead',
          'marketingqualifiedlead',
          'salesqualifiedlead',
          'opportunity',
          'customer',
          'evangelist',
          'other',
        ],
      },
    ],
    ['createdate', 'datetime'],
    ['lastmodifieddate', 'datetime', { readOnly: true }],
  ],
  companies: [
    ['name', 'string'],
    ['domain', 'string'],
    ['industry', 'string'],
    ['phone', 'string'],
    ['city', 'string'],
    ['country', 'string'],
    ['numberofemployees', 'number'],
    ['annualrevenue', 'number'],
    ['createdate', 'datetime'],
  ],
  deals: [
    ['dealname', 'string'],
    ['amount', 'number'],
    ['dealstage', 'enumeration', { options: DEFAULT_DEAL_PIPELINE.stages.map((stage) => stage.id) }],
    ['pipeline', 'enumeration', { options: [DEFAULT_DEAL_PIPELINE.id] }],
    ['closedate', 'datetime'],
    ['dealtype', 'enumeration', { options: ['newbusiness', 'existingbusiness'] }],
    ['deal_currency_code', 'string'],
    ['description', 'string'],
    ['createdate', 'datetime'],
  ],
  products: [
    ['name', 'string'],
    ['description', 'string'],
    ['price', 'number'],
    // Reference §5: `hs_sku` can serve as idProperty, so the sandbox marks it unique.
    ['hs_sku', 'string', { unique: true }],
    ['hs_cost_of_goods_sold', 'number'],
    ['hs_recurring_billing_period', 'string'],
    ['recurringbillingfrequency', 'enumeration', { options: BILLING_FREQUENCIES }],
    ['hs_product_type', 'enumeration', { options: ['inventory', 'non_inventory', 'service'] }],
    ['createdate', 'datetime'],
  ],
  line_items: [
    ['name', 'string'],
    ['description', 'string'],
    ['hs_product_id', 'number'],
    ['hs_sku', 'string'],
    ['quantity', 'number'],
    ['price', 'number'],
    ['amount', 'number', { calculated: true, readOnly: true }],
    ['discount', 'number'],
    ['hs_discount_percentage', 'number'],
    ['hs_recurring_billing_period', 'string'],
    ['recurringbillingfrequency', 'enumeration', { options: BILLING_FREQUENCIES }],
    ['hs_recurring_billing_start_date', 'date'],
    ['hs_line_item_currency_code', 'string'],
    ['hs_position_on_quote', 'number'],
    ['createdate', 'datetime'],
  ],
  quotes: [
    ['hs_title', 'string'],
    ['hs_expiration_date', 'date'],
    [
      'hs_status',
      'enumeration',
      { options: ['DRAFT', 'APPROVAL_NOT_NEEDED', 'PENDING_APPROVAL', 'APPROVED', 'REJECTED'] },
    ],
    ['hs_language', 'string'],
    ['hs_currency', 'string'],
    ['hs_quote_amount', 'number'],
    ['hs_public_url_key', 'string'],
    ['hs_esign_enabled', 'bool'],
    ['hs_comments', 'string'],
    ['hs_terms', 'string'],
  ],
  invoices: [
    ['hs_currency', 'string'],
    ['hs_invoice_status', 'enumeration', { options: ['draft', 'open', 'paid', 'voided'] }],
    ['hs_invoice_billable', 'bool'],
    ['hs_invoice_date', 'date'],
    ['hs_due_date', 'date'],
    ['hs_number', 'string'],
    ['hs_amount_billed', 'number', { calculated: true, readOnly: true }],
    ['hs_balance_due', 'number', { calculated: true, readOnly: true }],
    ['hs_comments', 'string'],
  ],
};

const GROUP_NAMES: Record<string, [name: string, label: string]> = {
  contacts: ['contactinformation', 'Contact information'],
  companies: ['companyinformation', 'Company information'],
  deals: ['dealinformation', 'Deal information'],
  products: ['productinformation', 'Product information'],
  line_items: ['lineiteminformation', 'Line item information'],
  quotes: ['quoteinformation', 'Quote information'],
  invoices: ['invoiceinformation', 'Invoice information'],
};

function labelFor(name: string): string {
  const words = name.replace(/^hs_/, '').split('_');
  const text = words.join(' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export function optionsFrom(values: readonly string[]): PropertyOption[] {
  return values.map((value, index) => ({
    label: labelFor(value),
    value,
    description: '',
    displayOrder: index,
    hidden: false,
  }));
}

export function defaultGroupsFor(objectTypeName: string): PropertyGroupDefinition[] {
  const [name, label] = GROUP_NAMES[objectTypeName] ?? [`${objectTypeName}information`, 'Information'];
  return [{ name, label, displayOrder: -1, archived: false }];
}

export function defaultPropertiesFor(objectTypeName: string, nowMs: number): PropertyDefinition[] {
  const groupName = defaultGroupsFor(objectTypeName)[0]?.name ?? 'information';
  const specs = [...COMMON, ...(SPECS[objectTypeName] ?? [])];
  return specs.map(([name, type, flags = {}], index) => ({
    name,
    label: labelFor(name),
    type,
    fieldType: flags.calculated ? 'calculation_equation' : FIELD_TYPE[type],
    groupName,
    description: '',
    options: type === 'bool' ? optionsFrom(['true', 'false']) : optionsFrom(flags.options ?? []),
    displayOrder: index,
    hasUniqueValue: flags.unique ?? false,
    hidden: false,
    formField: !flags.readOnly,
    calculated: flags.calculated ?? false,
    externalOptions: false,
    hubspotDefined: true,
    readOnlyValue: flags.readOnly ?? false,
    createdAt: nowMs,
    updatedAt: nowMs,
  }));
}
