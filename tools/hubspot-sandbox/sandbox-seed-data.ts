import { findAssociationType } from './sandbox-association-types.ts';
import { userSource } from './sandbox-changes.ts';
import { findObjectType } from './sandbox-object-types.ts';
import { createRecord } from './sandbox-object-writes.ts';
import type { PropertyInput } from './sandbox-property-values.ts';
import type { SandboxStore } from './sandbox-store.ts';

/**
 * Demo data a newcomer sees on first start: a few companies and contacts, deals across the default
 * pipeline (including closedwon/closedlost) and a product catalogue with `hs_sku` and prices,
 * one-time and recurring. Seeding fires no webhooks.
 */
const DAY_MS = 86_400_000;

const COMPANIES: PropertyInput[] = [
  {
    name: 'Acme Corporation',
    domain: 'acme.example',
    city: 'Springfield',
    country: 'United States',
    numberofemployees: 250,
  },
  {
    name: 'Globex',
    domain: 'globex.example',
    city: 'Cypress Creek',
    country: 'United States',
    numberofemployees: 1200,
  },
  { name: 'Initech', domain: 'initech.example', city: 'Austin', country: 'United States', numberofemployees: 80 },
];

/** [properties, index of the company]. */
const CONTACTS: Array<[PropertyInput, number]> = [
  [
    {
      firstname: 'Ada',
      lastname: 'Lovelace',
      email: 'ada@acme.example',
      jobtitle: 'CTO',
      lifecyclestage: 'opportunity',
    },
    0,
  ],
  [
    {
      firstname: 'Wile',
      lastname: 'Coyote',
      email: 'wile@acme.example',
      jobtitle: 'Procurement',
      lifecyclestage: 'salesqualifiedlead',
    },
    0,
  ],
  [
    {
      firstname: 'Hank',
      lastname: 'Scorpio',
      email: 'hank@globex.example',
      jobtitle: 'CEO',
      lifecyclestage: 'opportunity',
    },
    1,
  ],
  [
    {
      firstname: 'Peter',
      lastname: 'Gibbons',
      email: 'peter@initech.example',
      jobtitle: 'Engineer',
      lifecyclestage: 'customer',
    },
    2,
  ],
  [
    {
      firstname: 'Joanna',
      lastname: 'Smith',
      email: 'joanna@initech.example',
      jobtitle: 'Finance',
      lifecyclestage: 'customer',
    },
    2,
  ],
];

const PRODUCTS: PropertyInput[] = [
  {
    name: 'Laptop Pro 14',
    hs_sku: 'LAPTOP',
    price: '1200',
    hs_cost_of_goods_sold: '800',
    hs_product_type: 'inventory',
    description: 'Laptop, one-time',
  },
  {
    name: '4K Monitor',
    hs_sku: 'MONITOR',
    price: '400',
    hs_cost_of_goods_sold: '250',
    hs_product_type: 'inventory',
    description: '27-inch monitor',
  },
  {
    name: 'USB-C Dock',
    hs_sku: 'DOCK',
    price: '150',
    hs_cost_of_goods_sold: '90',
    hs_product_type: 'inventory',
    description: 'Docking station',
  },
  {
    name: 'CRM Seat',
    hs_sku: 'CRM-SEAT',
    price: '600',
    recurringbillingfrequency: 'annually',
    hs_recurring_billing_period: 'P12M',
    hs_product_type: 'service',
    description: 'Per-user licence, billed yearly',
  },
  {
    name: 'Premium Support',
    hs_sku: 'SUPPORT',
    price: '99',
    recurringbillingfrequency: 'monthly',
    hs_recurring_billing_period: 'P12M',
    hs_product_type: 'service',
    description: 'Support plan, billed monthly',
  },
  {
    name: 'Onboarding',
    hs_sku: 'ONBOARD',
    price: '2500',
    hs_product_type: 'service',
    description: 'One-time onboarding service',
  },
];

/** [properties, company index, contact index, close date offset in days]. */
const DEALS: Array<[PropertyInput, number, number, number]> = [
  [
    { dealname: 'Acme - Laptop refresh', amount: '24000', dealstage: 'qualifiedtobuy', deal_currency_code: 'USD' },
    0,
    0,
    30,
  ],
  [
    {
      dealname: 'Globex - CRM rollout',
      amount: '36000',
      dealstage: 'presentationscheduled',
      deal_currency_code: 'USD',
    },
    1,
    2,
    45,
  ],
  [
    { dealname: 'Initech - Support renewal', amount: '1188', dealstage: 'closedwon', deal_currency_code: 'USD' },
    2,
    3,
    -10,
  ],
  [{ dealname: 'Acme - Monitors', amount: '4000', dealstage: 'closedlost', deal_currency_code: 'USD' }, 0, 1, -20],
];

export interface SeedSummary {
  companies: string[];
  contacts: string[];
  products: string[];
  deals: string[];
}

export function seedDemoData(store: SandboxStore, portalId: number, nowMs: number): SeedSummary {
  return store.silently(() => {
    const portal = store.portal(portalId);
    const source = userSource(1);
    const type = (name: string) => {
      const found = findObjectType(portal, name);
      if (!found) throw new Error(`seed: unknown object type ${name}`);
      return found;
    };
    const typeDef = (from: string, typeId: number) => {
      const def = findAssociationType(portal, type(from).objectTypeId, typeId);
      if (!def) throw new Error(`seed: unknown association type ${typeId}`);
      return def;
    };
    const create = (
      typeName: string,
      properties: PropertyInput,
      associations: Array<{ id: string; typeId: number }> = [],
    ) => {
      const result = createRecord(
        store,
        portal,
        type(typeName),
        {
          properties,
          associations: associations.map((association) => ({
            to: { id: association.id },
            types: [
              {
                associationCategory: typeDef(typeName, association.typeId).category,
                associationTypeId: association.typeId,
              },
            ],
          })),
        },
        source,
      );
      if (!result.ok) throw new Error(`seed: ${result.error.message}`);
      return result.record.id;
    };

    const companies = COMPANIES.map((properties) => create('companies', properties));
    const contacts = CONTACTS.map(([properties, company]) =>
      create('contacts', { ...properties, company: String(COMPANIES[company]?.name ?? '') }, [
        { id: companies[company] ?? '', typeId: 279 },
      ]),
    );
    const products = PRODUCTS.map((properties) => create('products', properties));
    const deals = DEALS.map(([properties, company, contact, closeInDays]) =>
      create('deals', { ...properties, pipeline: 'default', closedate: String(nowMs + closeInDays * DAY_MS) }, [
        { id: companies[company] ?? '', typeId: 341 },
        { id: contacts[contact] ?? '', typeId: 3 },
      ]),
    );
    return { companies, contacts, products, deals };
  });
}
