import type { Decimal } from '../../../kernel/money/money.ts';
import { CONFIGURATION_MESSAGE_CODES as CODES } from '../configuration-error-codes.ts';
import type { ConfigurationMessage } from './configuration-message.ts';
import type { ConfigurationConstraint } from './configuration-schema.ts';
import type { OptionTree } from './option-tree.ts';

/**
 * "A,B,C" names alternatives: any one of them satisfies a dependency, and any one of them selected
 * breaks an exclusion. Spaces around commas are ignored, so "A, B, C" means the same: treating
 * the two spellings differently would be a trap for admins typing a list by hand.
 */
export function constrainingOptionIds(text: string): string[] {
  return text
    .split(',')
    .map((id) => id.trim())
    .filter((id) => id.length > 0);
}

/**
 * Option constraints (Salesforce CPQ "Option Constraints"): a dependency makes the constrained
 * option need one of its constraining options; an exclusion forbids it next to any of them.
 * Dependencies of one option that share a `group` are alternatives (one group member satisfied is
 * enough); separate groups, and ungrouped dependencies, must each be satisfied.
 */
export function checkConstraints(
  constraints: readonly ConfigurationConstraint[],
  tree: OptionTree,
  selected: ReadonlyMap<string, Decimal>,
): ConfigurationMessage[] {
  const messages: ConfigurationMessage[] = [];
  const dependencyGroups = new Map<string, ConfigurationConstraint[]>();
  for (const constraint of constraints) {
    if (!tree.options.has(constraint.option) || !selected.has(constraint.option)) continue;
    const ids = constrainingOptionIds(constraint.constrainingOptions);
    const name = tree.options.get(constraint.option)?.product.name ?? constraint.option;
    if (constraint.type === 'exclusion') {
      const clash = ids.filter((id) => selected.has(id));
      if (clash.length > 0) {
        messages.push({
          level: 'error',
          code: CODES.optionExcludes,
          text:
            constraint.message ??
            `${name} cannot be combined with ${clash.map((id) => tree.options.get(id)?.product.name ?? id).join(', ')}`,
          optionId: constraint.option,
        });
      }
      continue;
    }
    const key = `${constraint.option}\u0000${constraint.group ?? `\u0001${constraint.id}`}`;
    dependencyGroups.set(key, [...(dependencyGroups.get(key) ?? []), constraint]);
  }
  for (const group of dependencyGroups.values()) {
    const satisfied = group.some((constraint) =>
      constrainingOptionIds(constraint.constrainingOptions).some((id) => selected.has(id)),
    );
    if (satisfied) continue;
    const first = group[0];
    if (!first) continue;
    const needed = group.flatMap((constraint) => constrainingOptionIds(constraint.constrainingOptions));
    const name = tree.options.get(first.option)?.product.name ?? first.option;
    messages.push({
      level: 'error',
      code: CODES.optionRequires,
      text:
        first.message ??
        `${name} requires ${needed.map((id) => tree.options.get(id)?.product.name ?? id).join(' or ')}`,
      optionId: first.option,
    });
  }
  return messages;
}
