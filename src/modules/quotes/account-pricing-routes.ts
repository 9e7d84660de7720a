import { Router } from 'express';
import type { Kysely } from 'kysely';
import {
  AccountPricingResponseSchema,
  AccountPricingSchema,
  type AccountPricing,
} from '../../../extensions/app/cards/api/card-api-schemas.ts';
import type { DatabaseSchema } from '../../kernel/db/db-schema.ts';
import type { PortalId } from '../../kernel/db/portal-id.ts';
import { PricingRequestSchema } from '../pricing/index.ts';
import { AppError } from '../../kernel/errors/app-error.ts';
import { parseInput } from '../../kernel/errors/parse-input.ts';
import { requireSignedPortal } from '../../kernel/http/signed-context.ts';
import { recordAudit, requireRole } from '../tenancy/index.ts';
import { accountPricingRepository } from './account-pricing-repository.ts';
import { QUOTE_ERROR } from './quote-error-codes.ts';

const COMPANY_ID = /^[0-9]{1,20}$/;

function companyIdOf(value: unknown): string {
  if (typeof value !== 'string' || !COMPANY_ID.test(value))
    throw new AppError('validation', QUOTE_ERROR.COMPANY_ID_INVALID, 'companyId must be a HubSpot company id', {
      issues: [{ path: 'companyId', message: 'must be digits' }],
    });
  return value;
}

/**
 * Checks account pricing with the pricing engine's own account schema (one of sku/category, one of
 * price/discountPercent, percents <= 100), so whatever is stored also prices. Issue paths are the
 * account's own (`contractedPrices.0.price`).
 */
export function validateAccountPricing(input: unknown): AccountPricing {
  const pricing = parseInput(AccountPricingSchema, input, QUOTE_ERROR.ACCOUNT_PRICING_INVALID);
  const probe = PricingRequestSchema.safeParse({
    currency: 'USD',
    catalog: { products: [] },
    account: {
      contractedPrices: pricing.contractedPrices,
      partnerDiscountPercent: pricing.partnerDiscountPercent,
      distributorDiscountPercent: pricing.distributorDiscountPercent,
    },
    lines: [],
  });
  const issues = probe.success
    ? []
    : probe.error.issues.map((i) => ({ path: i.path.slice(1).map(String).join('.'), message: i.message }));
  if (pricing.renewalPricingMethod === 'uplift' && pricing.upliftPercent === null)
    issues.push({ path: 'upliftPercent', message: 'required for renewalPricingMethod "uplift"' });
  if (issues.length > 0)
    throw new AppError(
      'validation',
      QUOTE_ERROR.ACCOUNT_PRICING_INVALID,
      `Invalid input at ${issues[0]?.path}: ${issues[0]?.message}`,
      { issues },
    );
  return pricing;
}

/** Writes account pricing and its audit row; call it inside the caller's transaction (API and import share it). */
export async function saveAccountPricing(
  trx: Kysely<DatabaseSchema>,
  portalId: PortalId,
  companyId: string,
  pricing: AccountPricing,
  userId: number | null,
): Promise<Date> {
  const updatedAt = await accountPricingRepository.put(trx, portalId, companyId, pricing);
  await recordAudit(trx, portalId, {
    actorKind: userId === null ? 'system' : 'user',
    actorUserId: userId,
    action: 'account-pricing.saved',
    entityType: 'company',
    entityId: companyId,
    details: { contractedPrices: pricing.contractedPrices.length },
  });
  return updatedAt;
}

/** `GET|PUT /api/v1/accounts/:companyId/pricing`; writing contracted prices needs the app's admin role. */
export function accountPricingRouter(db: Kysely<DatabaseSchema>): Router {
  const router = Router();
  router.get('/v1/accounts/:companyId/pricing', async (req, res) => {
    const companyId = companyIdOf(req.params.companyId);
    const stored = await accountPricingRepository.get(db, requireSignedPortal(res), companyId);
    const pricing = stored?.pricing ?? AccountPricingSchema.parse({});
    res.json(
      AccountPricingResponseSchema.parse({
        ...pricing,
        companyId,
        updatedAt: stored ? stored.updatedAt.toISOString() : null,
      }),
    );
  });
  router.put('/v1/accounts/:companyId/pricing', async (req, res) => {
    const caller = await requireRole(db, res, 'admin');
    const companyId = companyIdOf(req.params.companyId);
    const pricing = validateAccountPricing(req.body);
    const updatedAt = await db
      .transaction()
      .execute((trx) => saveAccountPricing(trx, caller.portalId, companyId, pricing, caller.userId));
    res.json(AccountPricingResponseSchema.parse({ ...pricing, companyId, updatedAt: updatedAt.toISOString() }));
  });
  return router;
}
