import {
  AliasNode,
  TableNode,
  type KyselyPlugin,
  type OperationNode,
  type PluginTransformQueryArgs,
  type PluginTransformResultArgs,
  type QueryResult,
  type RootOperationNode,
  type UnknownRow,
} from 'kysely';
import { AppError } from '../errors/app-error.ts';

const TENANT_COLUMN = 'portal_id';

/** Table names a query targets directly (FROM / UPDATE / INSERT INTO / DELETE FROM), aliases unwrapped. */
function targetTables(node: RootOperationNode): string[] {
  const targets: OperationNode[] = [];
  if (node.kind === 'SelectQueryNode' || node.kind === 'DeleteQueryNode') targets.push(...(node.from?.froms ?? []));
  if (node.kind === 'UpdateQueryNode' && node.table) targets.push(node.table);
  if (node.kind === 'InsertQueryNode') targets.push(node.into ?? { kind: 'IdentifierNode' });
  return targets.flatMap((target) => {
    const table = AliasNode.is(target) ? target.node : target;
    return TableNode.is(table) ? [table.table.identifier.name] : [];
  });
}

/** True when the subtree references a column named portal_id anywhere. */
function mentionsTenantColumn(value: unknown): boolean {
  if (Array.isArray(value)) return value.some(mentionsTenantColumn);
  if (value === null || typeof value !== 'object') return false;
  const node = value as { kind?: string; column?: { name?: string } };
  if (node.kind === 'ColumnNode' && node.column?.name === TENANT_COLUMN) return true;
  return Object.values(value).some(mentionsTenantColumn);
}

function isScoped(node: RootOperationNode): boolean {
  switch (node.kind) {
    case 'InsertQueryNode':
      return mentionsTenantColumn(node.columns ?? []);
    case 'SelectQueryNode':
    case 'UpdateQueryNode':
    case 'DeleteQueryNode':
      return mentionsTenantColumn(node.where ?? null);
    default:
      return true;
  }
}

/**
 * Runtime half of tenant isolation (the compile-time half is the required `PortalId` parameter of
 * every repository): a SELECT/UPDATE/DELETE on a tenant table without `portal_id` in its WHERE, or
 * an INSERT without a `portal_id` column, throws before it reaches the database. It checks that the
 * scope is present, not that it is the right portal — that is the repository's job.
 */
export class TenantGuardPlugin implements KyselyPlugin {
  readonly #tenantTables: ReadonlySet<string>;

  constructor(tenantTables: ReadonlySet<string>) {
    this.#tenantTables = tenantTables;
  }

  transformQuery({ node }: PluginTransformQueryArgs): RootOperationNode {
    const unscoped = targetTables(node).find((table) => this.#tenantTables.has(table));
    if (unscoped !== undefined && !isScoped(node)) {
      throw new AppError('internal', 'TENANT_SCOPE_MISSING', `Query on ${unscoped} is not scoped by ${TENANT_COLUMN}`);
    }
    return node;
  }

  async transformResult({ result }: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return result;
  }
}
