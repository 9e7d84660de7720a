import { AppError } from '../../src/kernel/errors/app-error.ts';
import { configure, configureBundle, type ConfigurationCatalog } from '../../src/modules/configuration/index.ts';
import { laptopCatalog } from './laptop-catalog.ts';

const codes = (result: ReturnType<typeof configureBundle>) =>
  result.messages.filter((m) => m.level !== 'info').map((m) => m.code);
const selectedLines = (result: ReturnType<typeof configureBundle>) =>
  result.lines.map((line) => [line.id, line.parentLineId, line.quantity]);

function thrown(run: () => unknown): AppError {
  try {
    run();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected an AppError');
}

describe('bundle configuration (Salesforce CPQ bundles, constraints and product rules)', () => {
  test('a new configuration applies default options and lists the bundle with its options as grouped lines', () => {
    const result = configureBundle(laptopCatalog(), { bundleSku: 'LAPTOP', quantity: '2' });
    expect(result.valid).toBe(true);
    expect(result.appliedDefaults).toEqual(['mem16']);
    expect(selectedLines(result)).toEqual([
      ['bundle', null, '2'],
      ['bundle/mem16', 'bundle', '1'],
    ]);
  });

  test('a required option of a nested bundle comes with its parent option; quantity per bundle unit scales', () => {
    const result = configureBundle(laptopCatalog(), {
      bundleSku: 'LAPTOP',
      quantity: '3',
      options: [{ option: 'mem16' }, { option: 'dock' }],
    });
    expect(selectedLines(result)).toEqual([
      ['bundle', null, '3'],
      ['bundle/mem16', 'bundle', '1'],
      ['bundle/dock', 'bundle', '1'],
      ['bundle/dock/cable', 'bundle/dock', '1'],
    ]);
    expect(result.lines.find((line) => line.optionId === 'dock')?.bundled).toBe(true);
    const bag = configureBundle(laptopCatalog(), {
      bundleSku: 'LAPTOP',
      quantity: '3',
      options: [{ option: 'mem16' }, { option: 'bag', quantity: '2' }],
    });
    expect(bag.lines.find((line) => line.optionId === 'bag')).toMatchObject({ quantity: '6', discountPercent: '10' });
  });

  test('a selection rule adds the warranty when 32 GB memory is chosen', () => {
    const result = configureBundle(laptopCatalog(), { bundleSku: 'LAPTOP', options: [{ option: 'mem32' }] });
    expect(result.lines.map((line) => line.optionId)).toEqual([null, 'mem32', 'warranty']);
    expect(result.rules).toEqual([{ ruleId: 'warranty-for-pro', type: 'selection', fired: true }]);
  });

  test('a feature with min 1 / max 1 options refuses none and two', () => {
    expect(codes(configureBundle(laptopCatalog(), { bundleSku: 'LAPTOP', options: [] }))).toEqual([
      'FEATURE_MIN_OPTIONS',
    ]);
    expect(
      codes(
        configureBundle(laptopCatalog(), { bundleSku: 'LAPTOP', options: [{ option: 'mem16' }, { option: 'mem32' }] }),
      ),
    ).toEqual(['FEATURE_MAX_OPTIONS']);
  });

  test('an exclusion is enforced: the sleeve cannot be combined with the dock', () => {
    const result = configureBundle(laptopCatalog(), {
      bundleSku: 'LAPTOP',
      options: [{ option: 'mem16' }, { option: 'dock' }, { option: 'bag' }],
    });
    expect(result.valid).toBe(false);
    expect(result.messages.filter((m) => m.level === 'error')).toEqual([
      {
        level: 'error',
        code: 'OPTION_EXCLUDES',
        text: 'Sleeve cannot be combined with Docking station',
        optionId: 'bag',
      },
    ]);
  });

  test('a fixed option quantity cannot be changed; an editable one can', () => {
    expect(
      codes(configureBundle(laptopCatalog(), { bundleSku: 'LAPTOP', options: [{ option: 'mem16', quantity: '2' }] })),
    ).toEqual(['OPTION_QUANTITY_FIXED']);
  });

  describe('constraint group syntax', () => {
    const withConstraints = (constraints: ConfigurationCatalog['constraints']) =>
      laptopCatalog({ constraints, rules: [] });
    const select = (catalog: ConfigurationCatalog, ...ids: string[]) =>
      codes(configureBundle(catalog, { bundleSku: 'LAPTOP', options: ids.map((option) => ({ option })) }));

    test('"A,B" in one dependency means any of A or B (spaces around commas are ignored)', () => {
      const catalog = withConstraints([
        { id: 'c1', type: 'dependency', option: 'warranty', constrainingOptions: 'dock, bag' },
      ]);
      expect(select(catalog, 'mem16', 'warranty')).toEqual(['OPTION_REQUIRES']);
      expect(select(catalog, 'mem16', 'warranty', 'bag')).toEqual([]);
      expect(select(catalog, 'mem16', 'warranty', 'dock')).toEqual([]);
    });

    test('separate dependencies must all hold; dependencies sharing a group are alternatives', () => {
      const all = withConstraints([
        { id: 'c1', type: 'dependency', option: 'warranty', constrainingOptions: 'dock' },
        { id: 'c2', type: 'dependency', option: 'warranty', constrainingOptions: 'mem32' },
      ]);
      expect(select(all, 'mem16', 'warranty', 'dock')).toEqual(['OPTION_REQUIRES']);
      expect(select(all, 'mem32', 'warranty', 'dock')).toEqual([]);
      const grouped = withConstraints([
        { id: 'c1', type: 'dependency', option: 'warranty', constrainingOptions: 'dock', group: 'g' },
        { id: 'c2', type: 'dependency', option: 'warranty', constrainingOptions: 'mem32', group: 'g' },
      ]);
      expect(select(grouped, 'mem16', 'warranty', 'dock')).toEqual([]);
      expect(select(grouped, 'mem16', 'warranty')).toEqual(['OPTION_REQUIRES']);
    });
  });

  describe('product rules', () => {
    test('a line condition passes if any line meets it; custom logic (1 AND 2) OR 3 combines conditions', () => {
      const catalog = laptopCatalog({
        rules: [
          {
            id: 'v',
            type: 'validation',
            message: 'Pro memory needs the dock or a big order',
            conditions: [
              { object: 'line', field: 'category', operator: 'equals', value: 'memory' },
              { object: 'line', field: 'attributes.tier', operator: 'equals', value: 'pro' },
              { object: 'quote', field: 'segment', operator: 'equals', value: 'enterprise' },
            ],
            logic: '(1 AND 2) OR 3',
          },
        ],
      });
      const run = (options: string[], segment: string) =>
        configureBundle(catalog, {
          bundleSku: 'LAPTOP',
          options: options.map((option) => ({ option })),
          quote: { segment },
        });
      expect(run(['mem32'], 'smb').valid).toBe(false);
      expect(run(['mem16'], 'smb').valid).toBe(true);
      expect(run(['mem16'], 'enterprise').messages.find((m) => m.code === 'RULE_VALIDATION')?.text).toBe(
        'Pro memory needs the dock or a big order',
      );
    });

    test('rules run in evaluation order and a later rule sees what an earlier rule selected', () => {
      const rules: ConfigurationCatalog['rules'] = [
        {
          id: 'second',
          order: 20,
          type: 'selection',
          conditions: [{ object: 'line', field: 'sku', operator: 'equals', value: 'WARRANTY' }],
          actions: [{ type: 'add', option: 'dock' }],
        },
        {
          id: 'first',
          order: 10,
          type: 'selection',
          conditions: [{ object: 'line', field: 'sku', operator: 'equals', value: 'MEM-32' }],
          actions: [{ type: 'add', option: 'warranty' }],
        },
      ];
      const result = configureBundle(laptopCatalog({ rules }), { bundleSku: 'LAPTOP', options: [{ option: 'mem32' }] });
      expect(result.lines.map((line) => line.optionId)).toEqual([null, 'mem32', 'dock', 'dock/cable', 'warranty']);
    });

    test('an alert warns without blocking; a filter rule hides options and deselects them', () => {
      const catalog = laptopCatalog({
        rules: [
          {
            id: 'a',
            type: 'alert',
            message: 'Consider 32 GB',
            conditions: [{ object: 'line', field: 'sku', operator: 'equals', value: 'MEM-16' }],
          },
          {
            id: 'f',
            type: 'filter',
            conditions: [{ object: 'quote', field: 'region', operator: 'equals', value: 'EU' }],
            filter: { field: 'category', operator: 'not-equals', value: 'service' },
          },
        ],
      });
      const result = configureBundle(catalog, {
        bundleSku: 'LAPTOP',
        options: [{ option: 'mem16' }, { option: 'warranty' }],
        quote: { region: 'EU' },
      });
      expect(result.valid).toBe(true);
      expect(result.messages.filter((m) => m.level === 'warning').map((m) => m.text)).toEqual(['Consider 32 GB']);
      expect(result.lines.map((line) => line.optionId)).toEqual([null, 'mem16']);
      expect(result.features.find((f) => f.id === 'services')?.options[0]).toMatchObject({
        id: 'warranty',
        hidden: true,
        selected: false,
      });
    });

    test('rules that undo each other stop with a clear error instead of looping', () => {
      const rules: ConfigurationCatalog['rules'] = [
        {
          id: 'add',
          type: 'selection',
          conditions: [{ object: 'line', field: 'sku', operator: 'not-in', value: ['DOCK'] }],
          actions: [{ type: 'add', option: 'dock' }],
        },
        {
          id: 'remove',
          type: 'selection',
          conditions: [{ object: 'line', field: 'sku', operator: 'equals', value: 'DOCK' }],
          actions: [{ type: 'remove', option: 'dock' }],
        },
      ];
      const error = thrown(() =>
        configureBundle(laptopCatalog({ rules }), { bundleSku: 'LAPTOP', options: [{ option: 'mem16' }] }),
      );
      expect(error.code).toBe('CONFIGURATION_RULES_DID_NOT_CONVERGE');
      expect(error.issues.map((issue) => issue.path)).toEqual(['catalog.rules.add', 'catalog.rules.remove']);
    });
  });

  test('bundles nested deeper than three levels are refused', () => {
    const products = ['A', 'B', 'C', 'D', 'E'].map((sku) => ({ sku }));
    const bundles = ['A', 'B', 'C', 'D'].map((sku, index) => ({
      sku,
      features: [{ id: `f${index}`, name: 'f', options: [{ id: `o${index}`, sku: products[index + 1]?.sku ?? 'E' }] }],
    }));
    const error = thrown(() => configureBundle({ products, bundles }, { bundleSku: 'A' }));
    expect(error.code).toBe('CONFIGURATION_CATALOG_INVALID');
  });

  test('guided selling answers filter the catalog by category and attributes', () => {
    const catalog = laptopCatalog({
      questions: [
        {
          id: 'need',
          text: 'What do you need?',
          answers: [{ id: 'mem', text: 'Memory', filter: { field: 'category', operator: 'equals', value: 'memory' } }],
        },
        {
          id: 'level',
          text: 'Which tier?',
          answers: [{ id: 'pro', text: 'Pro', filter: { field: 'attributes.tier', operator: 'equals', value: 'pro' } }],
        },
      ],
    });
    expect(configure({ catalog, guidedSelling: { answers: { need: 'mem' } } }).guidedSelling?.skus).toEqual([
      'MEM-16',
      'MEM-32',
    ]);
    expect(
      configure({ catalog, guidedSelling: { answers: { need: 'mem', level: 'pro' } } }).guidedSelling?.skus,
    ).toEqual(['MEM-32']);
  });
});
