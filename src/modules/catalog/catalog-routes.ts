import { Router } from 'express';
import {
  CatalogSearchQuerySchema,
  CatalogSearchResponseSchema,
  type CatalogItem,
} from '../../../extensions/app/cards/api/card-api-schemas.ts';
import type { DatabaseSchema } from '../../kernel/db/db-schema.ts';
import { parseInput } from '../../kernel/errors/parse-input.ts';
import { requireSignedPortal } from '../../kernel/http/signed-context.ts';
import type { Kysely } from 'kysely';
import { catalogRepository, type StoredCatalogEntry } from './catalog-repository.ts';
import { CATALOG_ERROR } from './catalog-error-codes.ts';

/** `GET /api/v1/catalog/products?q=&currency=&limit=&offset=`: the card's product search. */
export function catalogRouter(db: Kysely<DatabaseSchema>): Router {
  const router = Router();
  router.get('/v1/catalog/products', async (req, res) => {
    const portalId = requireSignedPortal(res);
    const query = parseInput(CatalogSearchQuerySchema, req.query, CATALOG_ERROR.CATALOG_QUERY_INVALID);
    const { entries, total } = await catalogRepository.search(
      db,
      portalId,
      query.q?.trim() ?? '',
      query.limit,
      query.offset,
    );
    const items = entries.map((entry) => toItem(entry, query.currency));
    res.json(CatalogSearchResponseSchema.parse({ items, total, offset: query.offset }));
  });
  return router;
}

function toItem(entry: StoredCatalogEntry, currency: string | undefined): CatalogItem {
  const p = entry.product;
  return {
    sku: p.sku,
    name: p.name,
    category: p.category ?? null,
    hubspotProductId: entry.hubspotProductId,
    listPrice: currency ? (p.prices?.[currency] ?? null) : null,
    currencies: Object.keys(p.prices ?? {}).sort(),
    recurring: p.recurring != null,
    defaultTermMonths: p.recurring ? (p.recurring.defaultTermMonths ?? '12') : null,
  };
}
