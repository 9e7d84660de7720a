import { Router } from 'express';
import type { Kysely } from 'kysely';
import {
  PortalSettingsInputSchema,
  PortalSettingsResponseSchema,
} from '../../../extensions/app/cards/api/settings-api-schemas.ts';
import type { DatabaseSchema } from '../../kernel/db/db-schema.ts';
import { parseInput } from '../../kernel/errors/parse-input.ts';
import { AppError } from '../../kernel/errors/app-error.ts';
import { isCurrencyCode } from '../../kernel/money/currency-minor-units.ts';
import { requireSignedPortal } from '../../kernel/http/signed-context.ts';
import { recordAudit, requireRole } from '../tenancy/index.ts';
import { portalSettingsRepository } from './portal-settings-repository.ts';
import { SETTINGS_ERROR } from './settings-error-codes.ts';

/**
 * `GET /api/v1/settings` (any signed user of the portal) and `PUT /api/v1/settings` (the app's
 * admin role, docs/security.md): whole replacement, audited (`settings.changed`, before/after) in
 * the transaction of the change.
 */
export function settingsRouter(db: Kysely<DatabaseSchema>): Router {
  const router = Router();
  router.get('/v1/settings', async (_req, res) => {
    const stored = await portalSettingsRepository.get(db, requireSignedPortal(res));
    res.json(
      PortalSettingsResponseSchema.parse({ ...stored.settings, updatedAt: stored.updatedAt?.toISOString() ?? null }),
    );
  });
  router.put('/v1/settings', async (req, res) => {
    const caller = await requireRole(db, res, 'admin');
    const settings = parseInput(PortalSettingsInputSchema, req.body, SETTINGS_ERROR.SETTINGS_INVALID);
    // The cards' schema checks the shape; the ISO 4217 list lives in the backend's money module
    // (a code without minor units, like "ZZZ" or "XTS", would make every new quote fail).
    const unknown = settings.allowedCurrencies.flatMap((code, index) =>
      isCurrencyCode(code)
        ? []
        : [{ path: `allowedCurrencies.${index}`, message: `${code} is not an ISO 4217 currency` }],
    );
    if (unknown.length > 0)
      throw new AppError(
        'validation',
        SETTINGS_ERROR.SETTINGS_INVALID,
        'allowedCurrencies has codes that are not ISO 4217 currencies',
        {
          issues: unknown,
        },
      );
    const updatedAt = await db.transaction().execute(async (trx) => {
      const before = await portalSettingsRepository.get(trx, caller.portalId, { lock: true });
      const at = await portalSettingsRepository.put(trx, caller.portalId, settings, caller.userId);
      await recordAudit(trx, caller.portalId, {
        actorKind: 'user',
        actorUserId: caller.userId,
        action: 'settings.changed',
        entityType: 'portal-settings',
        entityId: String(caller.portalId),
        details: { before: before.settings, after: settings },
      });
      return at;
    });
    res.json(PortalSettingsResponseSchema.parse({ ...settings, updatedAt: updatedAt.toISOString() }));
  });
  return router;
}
