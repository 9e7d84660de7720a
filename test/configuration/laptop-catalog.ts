import type { ConfigurationCatalog } from '../../src/modules/configuration/index.ts';

/** A laptop bundle: memory required 1-of, dock optional and bundled, warranty added by a rule, exclusions. */
export function laptopCatalog(overrides: Partial<ConfigurationCatalog> = {}): ConfigurationCatalog {
  return {
    products: [
      { sku: 'LAPTOP', name: 'Laptop', category: 'hardware' },
      { sku: 'MEM-16', name: '16 GB memory', category: 'memory' },
      { sku: 'MEM-32', name: '32 GB memory', category: 'memory', attributes: { tier: 'pro' } },
      { sku: 'DOCK', name: 'Docking station', category: 'accessory' },
      { sku: 'WARRANTY', name: 'Extended warranty', category: 'service' },
      { sku: 'BAG', name: 'Sleeve', category: 'accessory' },
      { sku: 'CABLE', name: 'Dock cable', category: 'accessory' },
    ],
    bundles: [
      {
        sku: 'LAPTOP',
        features: [
          {
            id: 'memory',
            name: 'Memory',
            minOptions: 1,
            maxOptions: 1,
            options: [
              { id: 'mem16', sku: 'MEM-16', default: true },
              { id: 'mem32', sku: 'MEM-32' },
            ],
          },
          {
            id: 'accessories',
            name: 'Accessories',
            options: [
              { id: 'dock', sku: 'DOCK', bundled: true },
              {
                id: 'bag',
                sku: 'BAG',
                quantity: '1',
                quantityEditable: true,
                quantityPerBundleUnit: true,
                discountPercent: '10',
              },
            ],
          },
          { id: 'services', name: 'Services', options: [{ id: 'warranty', sku: 'WARRANTY' }] },
        ],
      },
      {
        sku: 'DOCK',
        features: [{ id: 'cables', name: 'Cables', options: [{ id: 'cable', sku: 'CABLE', required: true }] }],
      },
    ],
    constraints: [{ id: 'no-bag-with-dock', type: 'exclusion', option: 'bag', constrainingOptions: 'dock' }],
    rules: [
      {
        id: 'warranty-for-pro',
        type: 'selection',
        conditions: [{ object: 'line', field: 'sku', operator: 'equals', value: 'MEM-32' }],
        actions: [{ type: 'add', option: 'warranty' }],
      },
    ],
    ...overrides,
  };
}
