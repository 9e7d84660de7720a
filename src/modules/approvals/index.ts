// The approvals module's public surface (other modules and the CLI import only this file).
export { approvalsModule } from './approvals-module.ts';
export { importApprovalRules, exportApprovalRules } from './approval-rules-import.ts';
export { ApprovalRuleSetSchema, type ApprovalRule, type ApprovalRuleSet } from './domain/approval-rule-schema.ts';
export { APPROVALS_ERROR_CODES } from './approvals-error-codes.ts';
