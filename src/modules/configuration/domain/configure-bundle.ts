import { AppError } from '../../../kernel/errors/app-error.ts';
import { Decimal, ONE, formatDecimal } from '../../../kernel/money/money.ts';
import { CONFIGURATION_ERROR_CODES, CONFIGURATION_MESSAGE_CODES as CODES } from '../configuration-error-codes.ts';
import type { ConfigurationCatalog, ConfigurationRule, ConfigureRequest } from './configuration-schema.ts';
import { checkConstraints } from './option-constraints.ts';
import type { ConfigurationMessage } from './configuration-message.ts';

export type { ConfigurationMessage } from './configuration-message.ts';
import { buildOptionTree, type OptionNode, type OptionTree } from './option-tree.ts';
import { lineMatches, ruleApplies, type LineFacts } from './rule-conditions.ts';

/** Rule passes before the evaluation must have reached a fixed point. */
export const MAX_RULE_PASSES = 10;
export const BUNDLE_LINE_ID = 'bundle';

export interface ConfiguredLine {
  id: string;
  parentLineId: string | null;
  sku: string;
  name: string;
  quantity: string;
  optionId: string | null;
  featureId: string | null;
  level: number;
  bundled: boolean;
  discountPercent: string | null;
}

export interface ConfiguredOption {
  id: string;
  sku: string;
  name: string;
  selected: boolean;
  hidden: boolean;
  required: boolean;
  quantity: string;
  quantityEditable: boolean;
  bundled: boolean;
}

export interface ConfigurationResult {
  bundleSku: string;
  valid: boolean;
  lines: ConfiguredLine[];
  features: Array<{
    id: string;
    name: string;
    minOptions: number;
    maxOptions: number | null;
    parentOptionId: string | null;
    options: ConfiguredOption[];
  }>;
  appliedDefaults: string[];
  rules: Array<{ ruleId: string; type: ConfigurationRule['type']; fired: boolean }>;
  messages: ConfigurationMessage[];
}

interface State {
  selected: Map<string, Decimal>;
  hidden: Set<string>;
}

const snapshot = (state: State): string =>
  JSON.stringify([
    [...state.selected].map(([id, quantity]) => `${id}=${quantity.toString()}`).sort(),
    [...state.hidden].sort(),
  ]);

/** Declared order, or `order` where given (stable: equal orders keep their declared position). */
function orderedRules(catalog: ConfigurationCatalog): ConfigurationRule[] {
  const rules = (catalog.rules ?? []).map((rule, index) => ({ rule, index }));
  rules.sort(
    (a, b) =>
      (a.rule.order ?? Number.MAX_SAFE_INTEGER) - (b.rule.order ?? Number.MAX_SAFE_INTEGER) || a.index - b.index,
  );
  return rules.map(({ rule }) => rule);
}

function lineQuantity(option: OptionNode, quantity: Decimal, bundleQuantity: Decimal): Decimal {
  return option.quantityPerBundleUnit ? quantity.times(bundleQuantity) : quantity;
}

function linesOf(tree: OptionTree, state: State, bundleQuantity: Decimal): LineFacts[] {
  const lines: LineFacts[] = [
    { ...tree.bundle, quantity: formatDecimal(bundleQuantity), optionId: null, featureId: null },
  ];
  for (const [id, quantity] of state.selected) {
    const option = tree.options.get(id);
    if (!option) continue;
    lines.push({
      ...option.product,
      quantity: formatDecimal(lineQuantity(option, quantity, bundleQuantity)),
      optionId: id,
      featureId: option.featureId,
    });
  }
  return lines;
}

/** A selected option whose parent (nested bundle) is not selected, or that is hidden, drops out. */
function prune(tree: OptionTree, state: State): void {
  let changed = true;
  while (changed) {
    changed = false;
    for (const id of [...state.selected.keys()]) {
      const option = tree.options.get(id);
      const orphan = option?.parentOptionId != null && !state.selected.has(option.parentOptionId);
      if (!option || orphan || (state.hidden.has(id) && !option.required)) {
        state.selected.delete(id);
        changed = true;
      }
    }
  }
}

function applyRule(rule: ConfigurationRule, tree: OptionTree, state: State): void {
  if (rule.type === 'filter' && rule.filter) {
    const filter = rule.filter;
    for (const option of tree.options.values()) {
      if (
        !lineMatches(
          {
            ...option.product,
            quantity: formatDecimal(option.quantity),
            optionId: option.id,
            featureId: option.featureId,
          },
          filter,
        )
      ) {
        state.hidden.add(option.id);
      }
    }
  }
  for (const action of rule.actions ?? []) {
    const option = tree.options.get(action.option);
    if (!option) continue; // the rule targets another bundle's option
    if (action.type === 'add')
      state.selected.set(option.id, action.quantity ? new Decimal(action.quantity) : option.quantity);
    if (action.type === 'remove' && !option.required) state.selected.delete(option.id);
    if (action.type === 'hide') state.hidden.add(option.id);
    if (action.type === 'show') state.hidden.delete(option.id);
    if (action.type === 'set-quantity' && action.quantity && state.selected.has(option.id)) {
      state.selected.set(option.id, new Decimal(action.quantity));
    }
  }
  prune(tree, state);
}

/**
 * Resolves a bundle configuration: defaults and required options, the rep's choices, selection
 * and filter rules in order until nothing changes (each rule sees what earlier rules did, never
 * its own effect within a pass), then validation and alert rules, option constraints and feature
 * option counts. Pure and deterministic: the same request always gives the same result.
 */
export function configureBundle(
  catalog: ConfigurationCatalog,
  selection: NonNullable<ConfigureRequest['selection']>,
): ConfigurationResult {
  const tree = buildOptionTree(catalog, selection.bundleSku);
  const bundleQuantity = selection.quantity === undefined ? ONE : new Decimal(selection.quantity);
  const quote = selection.quote ?? {};
  const messages: ConfigurationMessage[] = [];
  const state: State = { selected: new Map(), hidden: new Set() };
  const appliedDefaults: string[] = [];

  if (selection.options === undefined) {
    for (const option of tree.options.values()) {
      if (option.isDefault) {
        state.selected.set(option.id, option.quantity);
        appliedDefaults.push(option.id);
      }
    }
  } else {
    for (const choice of selection.options) {
      const option = tree.options.get(choice.option);
      if (!option) {
        messages.push({
          level: 'error',
          code: CODES.optionUnknown,
          text: `Option ${choice.option} is not part of bundle ${selection.bundleSku}`,
          optionId: choice.option,
        });
        continue;
      }
      let quantity = option.quantity;
      if (choice.quantity !== undefined && !new Decimal(choice.quantity).eq(option.quantity)) {
        if (option.quantityEditable) quantity = new Decimal(choice.quantity);
        else
          messages.push({
            level: 'error',
            code: CODES.optionQuantityFixed,
            text: `The quantity of ${option.product.name} is fixed at ${formatDecimal(option.quantity)}`,
            optionId: option.id,
          });
      }
      state.selected.set(option.id, quantity);
    }
  }
  const selectRequired = () => {
    for (const option of tree.options.values()) {
      const parentSelected = option.parentOptionId === null || state.selected.has(option.parentOptionId);
      if (option.required && parentSelected && !state.selected.has(option.id))
        state.selected.set(option.id, option.quantity);
    }
  };
  selectRequired();
  prune(tree, state);

  const rules = orderedRules(catalog);
  const acting = rules.filter((rule) => rule.type === 'selection' || rule.type === 'filter');
  const fired = new Set<string>();
  let converged = false;
  let lastChangers: string[] = [];
  // A fixed point is a pass in which no rule changes anything. Rules that undo each other inside a
  // pass never get there (their result would depend on their order), and end in a clear error.
  for (let pass = 0; pass < MAX_RULE_PASSES && !converged; pass += 1) {
    lastChangers = [];
    for (const rule of acting) {
      if (!ruleApplies(rule, linesOf(tree, state, bundleQuantity), quote)) continue;
      fired.add(rule.id);
      const ruleBefore = snapshot(state);
      applyRule(rule, tree, state);
      selectRequired();
      if (snapshot(state) !== ruleBefore) lastChangers.push(rule.id);
    }
    converged = lastChangers.length === 0;
  }
  if (!converged) {
    throw new AppError(
      'validation',
      CONFIGURATION_ERROR_CODES.rulesDidNotConverge,
      `Product rules keep changing the configuration of ${selection.bundleSku} after ${MAX_RULE_PASSES} passes: ${lastChangers.join(', ')}`,
      {
        issues: lastChangers.map((ruleId) => ({
          path: `catalog.rules.${ruleId}`,
          message: 'changes the configuration on every pass (rules undo each other)',
        })),
      },
    );
  }

  const lines = linesOf(tree, state, bundleQuantity);
  for (const rule of rules) {
    if (rule.type !== 'validation' && rule.type !== 'alert') continue;
    if (!ruleApplies(rule, lines, quote)) continue;
    fired.add(rule.id);
    messages.push({
      level: rule.type === 'validation' ? 'error' : 'warning',
      code: rule.type === 'validation' ? CODES.ruleValidation : CODES.ruleAlert,
      text: rule.message ?? rule.id,
      ruleId: rule.id,
    });
  }
  messages.push(...checkConstraints(catalog.constraints ?? [], tree, state.selected));
  for (const feature of tree.features) {
    if (feature.parentOptionId !== null && !state.selected.has(feature.parentOptionId)) continue;
    const count = feature.optionIds.filter((id) => state.selected.has(id)).length;
    if (count < feature.minOptions) {
      messages.push({
        level: 'error',
        code: CODES.featureMinOptions,
        text: `${feature.name}: choose at least ${feature.minOptions} option(s)`,
        featureId: feature.id,
      });
    }
    if (feature.maxOptions !== null && count > feature.maxOptions) {
      messages.push({
        level: 'error',
        code: CODES.featureMaxOptions,
        text: `${feature.name}: choose at most ${feature.maxOptions} option(s)`,
        featureId: feature.id,
      });
    }
  }
  for (const id of appliedDefaults) {
    if (state.selected.has(id))
      messages.push({ level: 'info', code: CODES.defaultApplied, text: `Default option ${id} selected`, optionId: id });
  }

  const configuredLines: ConfiguredLine[] = [
    {
      id: BUNDLE_LINE_ID,
      parentLineId: null,
      sku: tree.bundle.sku,
      name: tree.bundle.name,
      quantity: formatDecimal(bundleQuantity),
      optionId: null,
      featureId: null,
      level: 0,
      bundled: false,
      discountPercent: null,
    },
  ];
  for (const option of tree.options.values()) {
    const quantity = state.selected.get(option.id);
    if (quantity === undefined) continue;
    configuredLines.push({
      id: `${BUNDLE_LINE_ID}/${option.id}`,
      parentLineId: option.parentOptionId === null ? BUNDLE_LINE_ID : `${BUNDLE_LINE_ID}/${option.parentOptionId}`,
      sku: option.product.sku,
      name: option.product.name,
      quantity: formatDecimal(lineQuantity(option, quantity, bundleQuantity)),
      optionId: option.id,
      featureId: option.featureId,
      level: option.depth,
      bundled: option.bundled,
      discountPercent: option.discountPercent,
    });
  }
  return {
    bundleSku: tree.bundle.sku,
    valid: !messages.some((message) => message.level === 'error'),
    lines: configuredLines,
    features: tree.features.map((feature) => ({
      id: feature.id,
      name: feature.name,
      minOptions: feature.minOptions,
      maxOptions: feature.maxOptions,
      parentOptionId: feature.parentOptionId,
      options: feature.optionIds.flatMap((id) => {
        const option = tree.options.get(id);
        if (!option) return [];
        const quantity = state.selected.get(id) ?? option.quantity;
        return [
          {
            id,
            sku: option.product.sku,
            name: option.product.name,
            selected: state.selected.has(id),
            hidden: state.hidden.has(id),
            required: option.required,
            quantity: formatDecimal(quantity),
            quantityEditable: option.quantityEditable,
            bundled: option.bundled,
          },
        ];
      }),
    })),
    appliedDefaults,
    rules: rules.map((rule) => ({ ruleId: rule.id, type: rule.type, fired: fired.has(rule.id) })),
    messages,
  };
}
