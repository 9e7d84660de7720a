// The tenancy module's public surface (other modules import only this file).
export { requireRole, signedCaller, type Caller } from './require-role.ts';
export { recordAudit, type AuditEntry } from './audit-log-repository.ts';
export { rolesOf, listRoleAssignments } from './role-repository.ts';
