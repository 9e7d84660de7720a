import { randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type {
  QuoteDraftInput,
  QuoteListResponse,
  QuoteUpdateInput,
  QuoteView,
} from '../../../extensions/app/cards/api/card-api-schemas.ts';
import type { DatabaseSchema } from '../../kernel/db/db-schema.ts';
import type { PortalId } from '../../kernel/db/portal-id.ts';
import { AppError } from '../../kernel/errors/app-error.ts';
import type { JobQueue } from '../../kernel/jobs/job-queue.ts';
import { QUOTE_SYNC_QUEUE, type QuoteSyncJob } from '../../integrations/hubspot/sync/quote-sync-contract.ts';
import { applyEditStatus } from './quote-edit-status.ts';
import { applyLineChanges, lineChangeSummary } from './quote-lines.ts';
import { currentPriceInputsHash, priceQuoteFromCatalog, pricingDateOf } from './quote-pricer.ts';
import type { QuoteRecord, QuoteSettings } from './quote-record.ts';
import { quoteRepository, type QuoteWrite } from './quote-repository.ts';
import { toQuoteView, type LinePage } from './quote-view.ts';
import { portalSettingsRepository } from '../settings/portal-settings-repository.ts';

type Db = Kysely<DatabaseSchema>;

export interface QuoteActor {
  userId: number | null;
}

export interface QuoteServiceDeps {
  db: Db;
  jobs: JobQueue;
  now: () => number;
  newId?: () => string;
}

/**
 * Quote commands. Every change reprices with today's catalog, bumps the revision, writes an audit
 * row and — when the quote is (or stops being) primary — enqueues its HubSpot sync, all in one
 * transaction (outbox). Reading never reprices: a changed price book shows as
 * `pricesChangedSinceSaved` (issue #7, item 3).
 */
export function createQuoteService(deps: QuoteServiceDeps) {
  const newId = deps.newId ?? (() => randomUUID());
  const lineId = () => randomUUID().slice(0, 12);

  async function load(db: Db, portalId: PortalId, quoteId: string, lock = false): Promise<QuoteRecord> {
    const quote = await quoteRepository.get(db, portalId, quoteId, { lock });
    if (!quote) throw new AppError('not-found', 'QUOTE_NOT_FOUND', `No quote "${quoteId}" in this portal`);
    return quote;
  }

  async function view(db: Db, portalId: PortalId, quote: QuoteRecord, page: LinePage): Promise<QuoteView> {
    const current = await currentPriceInputsHash(db, portalId, quote, deps.now());
    return toQuoteView(quote, quote.priced, page, current !== quote.priceInputsHash);
  }

  async function audit(
    trx: Db,
    portalId: PortalId,
    actor: QuoteActor,
    action: string,
    quoteId: string,
    details: Record<string, unknown>,
  ): Promise<void> {
    await trx
      .insertInto('audit_log')
      .values({
        portal_id: portalId,
        actor_kind: actor.userId === null ? 'system' : 'user',
        actor_user_id: actor.userId,
        action,
        entity_type: 'quote',
        entity_id: quoteId,
        details: JSON.stringify(details),
      })
      .execute();
  }

  async function enqueueSync(trx: Db, portalId: PortalId, quoteId: string): Promise<void> {
    // Same singleton key as src/integrations/hubspot/sync's enqueueQuoteSync: one queued sync per quote.
    await deps.jobs.send<QuoteSyncJob>(
      QUOTE_SYNC_QUEUE,
      { portalId, quoteId },
      { trx, singletonKey: `${portalId}:${quoteId}` },
    );
  }

  function settingsOf(
    input: { termMonths?: string | null; options?: QuoteSettings['options'] },
    base?: QuoteSettings,
  ): QuoteSettings {
    return {
      termMonths: input.termMonths === undefined ? (base?.termMonths ?? null) : input.termMonths,
      options: input.options ?? base?.options ?? {},
    };
  }

  /**
   * Serialises the primary decision per deal (two first quotes created at once would otherwise both
   * see "no primary yet"; the partial unique index would then fail one of them with a 500).
   */
  async function lockDeal(trx: Db, portalId: PortalId, dealId: string): Promise<void> {
    await sql`select pg_advisory_xact_lock(hashtextextended(${`quote-deal:${portalId}:${dealId}`}, 0))`.execute(trx);
  }

  /**
   * The portal's quote settings (src/settings). A quote's currency must be one the portal allows
   * when it is chosen (new quote, currency change); quotes already in a since-removed currency stay
   * editable. Returns the default expiry date (cpq-semantics §5: per-portal number of days).
   */
  async function portalRules(
    db: Db,
    portalId: PortalId,
    chosenCurrency: string | undefined,
  ): Promise<{ expiryDefault: string }> {
    const { settings } = await portalSettingsRepository.get(db, portalId);
    if (chosenCurrency !== undefined && !settings.allowedCurrencies.includes(chosenCurrency)) {
      throw new AppError(
        'validation',
        'QUOTE_CURRENCY_NOT_ALLOWED',
        `Currency ${chosenCurrency} is not allowed in this portal (${settings.allowedCurrencies.join(', ')})`,
        {
          issues: [{ path: 'currency', message: `must be one of ${settings.allowedCurrencies.join(', ')}` }],
        },
      );
    }
    return { expiryDefault: pricingDateOf(deps.now() + settings.quoteExpiryDays * 86_400_000) };
  }

  return {
    async list(portalId: PortalId, dealId: string): Promise<QuoteListResponse> {
      const rows = await quoteRepository.listForDeal(deps.db, portalId, dealId);
      return { quotes: rows.map((r) => ({ ...r, updatedAt: r.updatedAt.toISOString() })) };
    },

    async get(portalId: PortalId, quoteId: string, page: LinePage): Promise<QuoteView> {
      return view(deps.db, portalId, await load(deps.db, portalId, quoteId), page);
    },

    /** Prices a draft without saving anything. */
    async priceDraft(portalId: PortalId, dealId: string, input: QuoteDraftInput, page: LinePage): Promise<QuoteView> {
      const { expiryDefault } = await portalRules(deps.db, portalId, input.currency);
      const settings = settingsOf(input);
      const lines = input.lines.map((l, i) => ({
        id: l.id ?? `draft-${i + 1}`,
        sku: l.sku,
        quantity: l.quantity,
        additionalDiscount: l.additionalDiscount ?? null,
        termMonths: l.termMonths ?? null,
      }));
      const priced = await priceQuoteFromCatalog(
        deps.db,
        portalId,
        { currency: input.currency, companyId: input.companyId ?? null, settings, lines },
        deps.now(),
      );
      const draft = {
        id: null,
        dealId,
        companyId: input.companyId ?? null,
        title: input.title ?? 'Draft quote',
        currency: input.currency,
        status: 'draft' as const,
        isPrimary: false,
        revision: 0,
        expirationDate: input.expirationDate ?? expiryDefault,
        settings,
        lines: priced.lines,
        updatedAt: null,
      };
      return toQuoteView(draft, priced.priced, page, false);
    },

    async create(
      portalId: PortalId,
      actor: QuoteActor,
      dealId: string,
      input: QuoteDraftInput,
      page: LinePage,
    ): Promise<QuoteView> {
      return deps.db.transaction().execute(async (trx) => {
        const { expiryDefault } = await portalRules(trx, portalId, input.currency);
        const settings = settingsOf(input);
        const lines = input.lines.map((l) => ({
          id: l.id ?? lineId(),
          sku: l.sku,
          quantity: l.quantity,
          additionalDiscount: l.additionalDiscount ?? null,
          termMonths: l.termMonths ?? null,
        }));
        const companyId = input.companyId ?? null;
        const priced = await priceQuoteFromCatalog(
          trx,
          portalId,
          { currency: input.currency, companyId, settings, lines },
          deps.now(),
        );
        await lockDeal(trx, portalId, dealId);
        // The first quote of a deal becomes its primary (cpq-semantics §5: one primary per deal).
        const isPrimary = (await quoteRepository.primaryIdForDeal(trx, portalId, dealId)) === undefined;
        const count = (await quoteRepository.listForDeal(trx, portalId, dealId)).length;
        const write: QuoteWrite = {
          id: newId(),
          dealId,
          companyId,
          title: input.title ?? `Quote ${count + 1}`,
          currency: input.currency,
          isPrimary,
          revision: 1,
          expirationDate: input.expirationDate ?? expiryDefault,
          settings,
          ...priced,
          clonedFrom: null,
          userId: actor.userId,
        };
        const updatedAt = await quoteRepository.insert(trx, portalId, write);
        await audit(trx, portalId, actor, 'quote.created', write.id, {
          dealId,
          revision: 1,
          lines: lines.length,
          netTotal: priced.priced.totals.netTotal,
          isPrimary,
        });
        if (isPrimary) await enqueueSync(trx, portalId, write.id);
        return toQuoteView({ ...write, status: 'draft', updatedAt }, priced.priced, page, false);
      });
    },

    async update(
      portalId: PortalId,
      actor: QuoteActor,
      quoteId: string,
      input: QuoteUpdateInput,
      page: LinePage,
    ): Promise<QuoteView> {
      return deps.db.transaction().execute(async (trx) => {
        const current = await load(trx, portalId, quoteId, true);
        if (input.expectedRevision !== undefined && input.expectedRevision !== current.revision) {
          throw new AppError(
            'conflict',
            'QUOTE_REVISION_CONFLICT',
            `Quote changed since revision ${input.expectedRevision} (now ${current.revision}); reload it`,
          );
        }
        if (input.currency !== undefined && input.currency !== current.currency)
          await portalRules(trx, portalId, input.currency);
        const settings = settingsOf(input, current.settings);
        const lines = applyLineChanges(current.lines, input).map((l) => ({
          id: l.id ?? lineId(),
          sku: l.sku,
          quantity: l.quantity,
          additionalDiscount: l.additionalDiscount ?? null,
          termMonths: l.termMonths ?? null,
        }));
        const currency = input.currency ?? current.currency;
        const companyId = input.companyId === undefined ? current.companyId : input.companyId;
        const priced = await priceQuoteFromCatalog(trx, portalId, { currency, companyId, settings, lines }, deps.now());
        const write: QuoteWrite = {
          ...current,
          companyId,
          currency,
          title: input.title ?? current.title,
          expirationDate: input.expirationDate ?? current.expirationDate,
          settings,
          ...priced,
          revision: current.revision + 1,
          clonedFrom: null,
          userId: actor.userId,
        };
        const updatedAt = await quoteRepository.update(trx, portalId, write);
        const status = await applyEditStatus(trx, portalId, current, { ...write, priced: priced.priced }, actor.userId);
        const fields = (['title', 'currency', 'companyId', 'termMonths', 'expirationDate', 'options'] as const).filter(
          (f) => input[f] !== undefined,
        );
        await audit(trx, portalId, actor, 'quote.updated', quoteId, {
          revision: write.revision,
          fields,
          lines: lineChangeSummary(current.lines, priced.lines),
          netTotal: { from: current.priced.totals.netTotal, to: priced.priced.totals.netTotal },
        });
        if (current.isPrimary) await enqueueSync(trx, portalId, quoteId);
        return toQuoteView({ ...write, status, updatedAt }, priced.priced, page, false);
      });
    },

    /** A new version of the quote: same lines, repriced today, not primary. */
    async clone(portalId: PortalId, actor: QuoteActor, quoteId: string, page: LinePage): Promise<QuoteView> {
      return deps.db.transaction().execute(async (trx) => {
        const source = await load(trx, portalId, quoteId);
        const priced = await priceQuoteFromCatalog(trx, portalId, source, deps.now());
        const write: QuoteWrite = {
          ...source,
          id: newId(),
          title: `${source.title} (copy)`,
          isPrimary: false,
          revision: 1,
          ...priced,
          clonedFrom: source.id,
          userId: actor.userId,
        };
        const updatedAt = await quoteRepository.insert(trx, portalId, write);
        await audit(trx, portalId, actor, 'quote.cloned', write.id, {
          from: source.id,
          revision: 1,
          netTotal: priced.priced.totals.netTotal,
        });
        return toQuoteView({ ...write, status: 'draft', updatedAt }, priced.priced, page, false);
      });
    },

    /** Deletes a quote for the rep (kept archived for the audit trail; the sync removes it from HubSpot). */
    async archive(portalId: PortalId, actor: QuoteActor, quoteId: string): Promise<void> {
      await deps.db.transaction().execute(async (trx) => {
        const quote = await load(trx, portalId, quoteId, true);
        await quoteRepository.archive(trx, portalId, quoteId, quote.revision + 1);
        await audit(trx, portalId, actor, 'quote.archived', quoteId, {
          revision: quote.revision + 1,
          wasPrimary: quote.isPrimary,
        });
        if (quote.isPrimary) await enqueueSync(trx, portalId, quoteId);
      });
    },

    async setPrimary(portalId: PortalId, actor: QuoteActor, quoteId: string, page: LinePage): Promise<QuoteView> {
      const quote = await deps.db.transaction().execute(async (trx) => {
        const target = await load(trx, portalId, quoteId, true);
        if (target.isPrimary) return target;
        await lockDeal(trx, portalId, target.dealId);
        const previous = await quoteRepository.primaryIdForDeal(trx, portalId, target.dealId);
        if (previous !== undefined) {
          const old = await load(trx, portalId, previous, true);
          await quoteRepository.setPrimaryFlag(trx, portalId, previous, false, old.revision + 1);
          await enqueueSync(trx, portalId, previous);
        }
        await quoteRepository.setPrimaryFlag(trx, portalId, quoteId, true, target.revision + 1);
        await audit(trx, portalId, actor, 'quote.primary-set', quoteId, {
          dealId: target.dealId,
          previous: previous ?? null,
          revision: target.revision + 1,
        });
        await enqueueSync(trx, portalId, quoteId);
        return { ...target, isPrimary: true, revision: target.revision + 1 };
      });
      return view(deps.db, portalId, quote, page);
    },

    /** The deal's primary quote, for the sidebar card (sync state added by the route). */
    async primary(
      portalId: PortalId,
      dealId: string,
    ): Promise<{ quote: QuoteRecord; pricesChangedSinceSaved: boolean } | undefined> {
      const id = await quoteRepository.primaryIdForDeal(deps.db, portalId, dealId);
      if (id === undefined) return undefined;
      const quote = await load(deps.db, portalId, id);
      const current = await currentPriceInputsHash(deps.db, portalId, quote, deps.now());
      return { quote, pricesChangedSinceSaved: current !== quote.priceInputsHash };
    },
  };
}

export type QuoteService = ReturnType<typeof createQuoteService>;
