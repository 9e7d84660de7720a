import { recordAudit } from '../tenancy/index.ts';
import type { Kysely } from 'kysely';
import type { DatabaseSchema } from '../../kernel/db/db-schema.ts';
import { toPortalId, type PortalId } from '../../kernel/db/portal-id.ts';
import { AppError } from '../../kernel/errors/app-error.ts';
import type { PricingResponse } from '../pricing/index.ts';
import { ApprovalEnvelopeSchema, isWithinEnvelope } from './domain/approval-envelope.ts';
import { computeQuoteFacts, type ProductFacts } from './domain/quote-facts.ts';
import { transition, type QuoteStatus } from './domain/quote-status.ts';
import type { QuoteRecord, QuoteSettings } from './quote-record.ts';
import { snapshotSha256 } from './quote-status-store.ts';

type Db = Kysely<DatabaseSchema>;

/** Category and unit cost per SKU from the catalog, for approval conditions (category present, margin). */
export async function productFactsFor(db: Db, portalId: PortalId, skus: readonly string[]) {
  const facts = new Map<string, ProductFacts>();
  if (skus.length === 0) return facts;
  const rows = await db
    .selectFrom('catalog_products')
    .select(['sku', 'category', 'product'])
    .where('portal_id', '=', portalId)
    .where('sku', 'in', [...new Set(skus)])
    .execute();
  for (const row of rows) {
    const cost = row.product.cost;
    const costs =
      cost !== null && typeof cost === 'object'
        ? Object.fromEntries(Object.entries(cost).filter((e): e is [string, string] => typeof e[1] === 'string'))
        : null;
    facts.set(row.sku, { category: row.category, cost: costs });
  }
  return facts;
}

/**
 * The status after a saved edit (written in the edit's transaction): an approved or presented
 * quote stays approved only when the edit stays inside its approval envelope (smart approval);
 * otherwise it returns to draft. Accepted and contracted quotes refuse edits (409 QUOTE_LOCKED),
 * which rolls the whole save back. A presented quote's buyer link stops working either way: the
 * link is bound to the presented revision and status (approvals module).
 */
export async function applyEditStatus(
  trx: Db,
  portalId: PortalId,
  before: QuoteRecord,
  after: { currency: string; settings: QuoteSettings; priced: PricingResponse; revision: number },
  userId: number | null,
): Promise<QuoteStatus> {
  let withinApproval = false;
  if (before.status === 'approved' || before.status === 'presented') {
    const row = await trx
      .selectFrom('quotes')
      .select('approval_envelope')
      .where('portal_id', '=', portalId)
      .where('id', '=', before.id)
      .executeTakeFirst();
    const envelope = ApprovalEnvelopeSchema.safeParse(row?.approval_envelope);
    if (envelope.success) {
      const products = await productFactsFor(
        trx,
        toPortalId(portalId),
        after.priced.lines.map((l) => l.sku),
      );
      const facts = computeQuoteFacts({
        currency: after.currency,
        termMonths: after.settings.termMonths,
        priced: after.priced,
        products,
      });
      withinApproval = isWithinEnvelope(envelope.data, facts);
    }
  }
  const result = transition(before.status, { type: 'edit', withinApproval });
  if (!result.ok) throw new AppError('conflict', result.code, result.message);
  if (result.to === before.status && !result.effects.clearApproval) return result.to;
  await trx
    .updateTable('quotes')
    .set({
      status: result.to,
      status_changed_at: new Date(),
      ...(result.effects.clearApproval ? { approval_envelope: null } : {}),
    })
    .where('portal_id', '=', portalId)
    .where('id', '=', before.id)
    .execute();
  await recordAudit(trx, portalId, {
    actorKind: userId === null ? 'system' : 'user',
    actorUserId: userId,
    action: 'quote.edit',
    entityType: 'quote',
    entityId: before.id,
    details: {
      from: before.status,
      to: result.to,
      revision: after.revision,
      withinApproval,
      buyerLinkRevoked: result.effects.revokeBuyerLinks,
      snapshotSha256: snapshotSha256({ ...before, priced: after.priced, currency: after.currency }),
    },
  });
  return result.to;
}
