import type { Approver } from './approval-rule-schema.ts';

/**
 * The approval chain of one request: levels run in order (manager, then finance); inside a level
 * every firing rule needs one approval from any of its approvers (parallel "any of"); one
 * rejection rejects the request. This is Salesforce Advanced Approvals' chain model ("Approval
 * Chains", Salesforce Help) without delegation.
 */
export interface ChainRule {
  ruleId: string;
  name: string;
  level: number;
  approvers: Approver[];
}

export interface ChainDecision {
  ruleId: string;
  userId: number;
  decision: 'approve' | 'reject';
}

export interface ChainActor {
  userId: number;
  roles: readonly string[];
}

export type ChainOutcome = 'pending' | 'approved' | 'rejected';

export function canDecide(approvers: readonly Approver[], actor: ChainActor): boolean {
  return approvers.some((a) => (a.kind === 'user' ? a.userId === actor.userId : actor.roles.includes(a.role)));
}

export interface ChainState {
  outcome: ChainOutcome;
  /** The level being decided now (null when the chain is over). */
  currentLevel: number | null;
  /** Rules of the current level still waiting for a decision. */
  waiting: ChainRule[];
}

export function chainState(rules: readonly ChainRule[], decisions: readonly ChainDecision[]): ChainState {
  if (decisions.some((d) => d.decision === 'reject')) return { outcome: 'rejected', currentLevel: null, waiting: [] };
  const approved = new Set(decisions.filter((d) => d.decision === 'approve').map((d) => d.ruleId));
  const open = rules.filter((r) => !approved.has(r.ruleId));
  if (open.length === 0) return { outcome: 'approved', currentLevel: null, waiting: [] };
  const currentLevel = Math.min(...open.map((r) => r.level));
  return { outcome: 'pending', currentLevel, waiting: open.filter((r) => r.level === currentLevel) };
}

/**
 * The rules this actor settles with one decision now: every waiting rule of the current level
 * they may decide. Empty = not their turn (or not theirs at all).
 */
export function rulesDecidableBy(rules: readonly ChainRule[], decisions: readonly ChainDecision[], actor: ChainActor) {
  return chainState(rules, decisions).waiting.filter((rule) => canDecide(rule.approvers, actor));
}
