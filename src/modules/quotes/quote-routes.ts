import { Router, type Response } from 'express';
import {
  LinePageQuerySchema,
  QuoteDraftInputSchema,
  QuoteListResponseSchema,
  QuoteSummaryResponseSchema,
  QuoteUpdateInputSchema,
  QuoteViewSchema,
} from '../../../extensions/app/cards/api/card-api-schemas.ts';
import { parseInput } from '../../kernel/errors/parse-input.ts';
import { getSignedContext, requireSignedPortal } from '../../kernel/http/signed-context.ts';
import { AppError } from '../../kernel/errors/app-error.ts';
import type { Divergence } from '../../../extensions/app/cards/api/card-api-schemas.ts';
import type { PortalId } from '../../kernel/db/portal-id.ts';
import type { QuoteResult } from './quote-commands.ts';
import type { QuoteService } from './quote-service.ts';
import { toQuoteView } from './quote-view.ts';
import type { QuoteSyncStateReader } from './quote-sync-state.ts';
import { QUOTE_ERROR } from './quote-error-codes.ts';

const ID = /^[0-9]{1,20}$/;

function dealIdOf(value: unknown): string {
  if (typeof value !== 'string' || !ID.test(value))
    throw new AppError('validation', QUOTE_ERROR.DEAL_ID_INVALID, 'dealId must be a HubSpot deal id', {
      issues: [{ path: 'dealId', message: 'must be digits' }],
    });
  return value;
}

/** The card's view of a use-case result (validated against the card schema on the way out). */
function viewOf(result: QuoteResult) {
  return QuoteViewSchema.parse(toQuoteView(result.quote, result.priced, result.page, result.pricesChangedSinceSaved));
}

function actorOf(res: Response): { userId: number | null } {
  return { userId: getSignedContext(res).userId ?? null };
}

/**
 * The card API for quotes (`/api/v1/...`, signature-verified by the /api mount, portal from the
 * signed query). Requests and responses go through the shared schemas in
 * extensions/app/cards/api/card-api-schemas.ts.
 */
export function quoteRouter(
  service: QuoteService,
  syncState: QuoteSyncStateReader,
  openDivergences: (portalId: PortalId, dealId: string) => Promise<Divergence[]> = async () => [],
): Router {
  const router = Router();
  const page = (query: unknown) => {
    const { lineOffset, lineLimit } = parseInput(LinePageQuerySchema, query, QUOTE_ERROR.QUOTE_QUERY_INVALID);
    return { offset: lineOffset, limit: lineLimit };
  };

  router.get('/v1/deals/:dealId/quotes', async (req, res) => {
    const quotes = await service.list(requireSignedPortal(res), dealIdOf(req.params.dealId));
    res.json(
      QuoteListResponseSchema.parse({ quotes: quotes.map((q) => ({ ...q, updatedAt: q.updatedAt.toISOString() })) }),
    );
  });
  router.post('/v1/deals/:dealId/quotes', async (req, res) => {
    const input = parseInput(QuoteDraftInputSchema, req.body, QUOTE_ERROR.QUOTE_INVALID);
    const view = await service.create(
      requireSignedPortal(res),
      actorOf(res),
      dealIdOf(req.params.dealId),
      input,
      page(req.query),
    );
    res.status(201).json(viewOf(view));
  });
  router.post('/v1/deals/:dealId/quotes/price', async (req, res) => {
    const input = parseInput(QuoteDraftInputSchema, req.body, QUOTE_ERROR.QUOTE_INVALID);
    res.json(
      viewOf(await service.priceDraft(requireSignedPortal(res), dealIdOf(req.params.dealId), input, page(req.query))),
    );
  });
  router.get('/v1/deals/:dealId/quote-summary', async (req, res) => {
    const portalId = requireSignedPortal(res);
    const dealId = dealIdOf(req.params.dealId);
    const [primary, list] = [await service.primary(portalId, dealId), await service.list(portalId, dealId)];
    const body = {
      quoteCount: list.length,
      divergences: await openDivergences(portalId, dealId),
      primary: primary
        ? {
            id: primary.quote.id,
            title: primary.quote.title,
            currency: primary.quote.currency,
            status: primary.quote.status,
            revision: primary.quote.revision,
            totals: primary.quote.priced.totals,
            lineCount: primary.quote.lines.length,
            pricesChangedSinceSaved: primary.pricesChangedSinceSaved,
            sync: await syncState(portalId, primary.quote.id),
            updatedAt: primary.quote.updatedAt.toISOString(),
          }
        : null,
    };
    res.json(QuoteSummaryResponseSchema.parse(body));
  });
  router.get('/v1/quotes/:quoteId', async (req, res) => {
    res.json(viewOf(await service.get(requireSignedPortal(res), req.params.quoteId, page(req.query))));
  });
  router.patch('/v1/quotes/:quoteId', async (req, res) => {
    const input = parseInput(QuoteUpdateInputSchema, req.body, QUOTE_ERROR.QUOTE_INVALID);
    res.json(
      viewOf(await service.update(requireSignedPortal(res), actorOf(res), req.params.quoteId, input, page(req.query))),
    );
  });
  router.post('/v1/quotes/:quoteId/clone', async (req, res) => {
    res
      .status(201)
      .json(viewOf(await service.clone(requireSignedPortal(res), actorOf(res), req.params.quoteId, page(req.query))));
  });
  router.post('/v1/quotes/:quoteId/primary', async (req, res) => {
    res.json(
      viewOf(await service.setPrimary(requireSignedPortal(res), actorOf(res), req.params.quoteId, page(req.query))),
    );
  });
  router.delete('/v1/quotes/:quoteId', async (req, res) => {
    await service.archive(requireSignedPortal(res), actorOf(res), req.params.quoteId);
    res.status(204).end();
  });
  return router;
}
