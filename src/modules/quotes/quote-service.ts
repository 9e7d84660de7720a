import { randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { DatabaseSchema } from '../../kernel/db/db-schema.ts';
import type { PortalId } from '../../kernel/db/portal-id.ts';
import { AppError } from '../../kernel/errors/app-error.ts';
import type { JobQueue } from '../../kernel/jobs/job-queue.ts';
import { QUOTE_SYNC_QUEUE, type QuoteSyncJob } from '../../integrations/hubspot/index.ts';
import { applyEditStatus } from './quote-edit-status.ts';
import { applyLineChanges, lineChangeSummary } from './quote-lines.ts';
import { currentPriceInputsHash, priceQuoteFromCatalog } from './quote-pricer.ts';
import type { QuoteRecord, QuoteSettings } from './quote-record.ts';
import { quoteRepository, type QuoteWrite } from './quote-repository.ts';
import type { LinePage } from './quote-view.ts';
import type { QuoteDraftCommand, QuoteListEntry, QuoteResult, QuoteUpdateCommand } from './quote-commands.ts';
import { portalSettingsRepository } from '../settings/index.ts';
import { recordAudit } from '../tenancy/index.ts';
import {
  assertCurrencyAllowed,
  assertExpectedRevision,
  cloneTitle,
  defaultExpirationDate,
  defaultQuoteTitle,
  isPrimaryOnCreate,
  needsHubSpotSync,
  nextRevision,
  planPrimarySwitch,
} from './domain/quote-state.ts';
import { QUOTE_ERROR } from './quote-error-codes.ts';

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
 * `pricesChangedSinceSaved` (docs/quotes.md "Quotes").
 */
export function createQuoteService(deps: QuoteServiceDeps) {
  const newId = deps.newId ?? (() => randomUUID());
  const lineId = () => randomUUID().slice(0, 12);

  async function load(db: Db, portalId: PortalId, quoteId: string, lock = false): Promise<QuoteRecord> {
    const quote = await quoteRepository.get(db, portalId, quoteId, { lock });
    if (!quote) throw new AppError('not-found', QUOTE_ERROR.QUOTE_NOT_FOUND, `No quote "${quoteId}" in this portal`);
    return quote;
  }

  async function view(db: Db, portalId: PortalId, quote: QuoteRecord, page: LinePage): Promise<QuoteResult> {
    const current = await currentPriceInputsHash(db, portalId, quote, deps.now());
    return { quote, priced: quote.priced, page, pricesChangedSinceSaved: current !== quote.priceInputsHash };
  }

  async function audit(
    trx: Db,
    portalId: PortalId,
    actor: QuoteActor,
    action: string,
    quoteId: string,
    details: Record<string, unknown>,
  ): Promise<void> {
    await recordAudit(trx, portalId, {
      actorKind: actor.userId === null ? 'system' : 'user',
      actorUserId: actor.userId,
      action,
      entityType: 'quote',
      entityId: quoteId,
      details,
    });
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
   * editable. Returns the default expiry date (docs/quotes.md "Quotes": per-portal number of days).
   */
  async function portalRules(
    db: Db,
    portalId: PortalId,
    chosenCurrency: string | undefined,
  ): Promise<{ expiryDefault: string }> {
    const { settings } = await portalSettingsRepository.get(db, portalId);
    if (chosenCurrency !== undefined) assertCurrencyAllowed(chosenCurrency, settings.allowedCurrencies);
    return { expiryDefault: defaultExpirationDate(deps.now(), settings.quoteExpiryDays) };
  }

  return {
    async list(portalId: PortalId, dealId: string): Promise<QuoteListEntry[]> {
      const rows = await quoteRepository.listForDeal(deps.db, portalId, dealId);
      return rows;
    },

    async get(portalId: PortalId, quoteId: string, page: LinePage): Promise<QuoteResult> {
      return view(deps.db, portalId, await load(deps.db, portalId, quoteId), page);
    },

    /** Prices a draft without saving anything. */
    async priceDraft(
      portalId: PortalId,
      dealId: string,
      input: QuoteDraftCommand,
      page: LinePage,
    ): Promise<QuoteResult> {
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
      return { quote: draft, priced: priced.priced, page, pricesChangedSinceSaved: false };
    },

    async create(
      portalId: PortalId,
      actor: QuoteActor,
      dealId: string,
      input: QuoteDraftCommand,
      page: LinePage,
    ): Promise<QuoteResult> {
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
        const isPrimary = isPrimaryOnCreate(await quoteRepository.primaryIdForDeal(trx, portalId, dealId));
        const count = (await quoteRepository.listForDeal(trx, portalId, dealId)).length;
        const write: QuoteWrite = {
          id: newId(),
          dealId,
          companyId,
          title: input.title ?? defaultQuoteTitle(count),
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
        if (needsHubSpotSync(write)) await enqueueSync(trx, portalId, write.id);
        return {
          quote: { ...write, status: 'draft', updatedAt },
          priced: priced.priced,
          page,
          pricesChangedSinceSaved: false,
        };
      });
    },

    async update(
      portalId: PortalId,
      actor: QuoteActor,
      quoteId: string,
      input: QuoteUpdateCommand,
      page: LinePage,
    ): Promise<QuoteResult> {
      return deps.db.transaction().execute(async (trx) => {
        const current = await load(trx, portalId, quoteId, true);
        assertExpectedRevision(input.expectedRevision, current.revision);
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
          revision: nextRevision(current.revision),
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
        if (needsHubSpotSync(current)) await enqueueSync(trx, portalId, quoteId);
        return {
          quote: { ...write, status, updatedAt },
          priced: priced.priced,
          page,
          pricesChangedSinceSaved: false,
        };
      });
    },

    /** A new version of the quote: same lines, repriced today, not primary. */
    async clone(portalId: PortalId, actor: QuoteActor, quoteId: string, page: LinePage): Promise<QuoteResult> {
      return deps.db.transaction().execute(async (trx) => {
        const source = await load(trx, portalId, quoteId);
        const priced = await priceQuoteFromCatalog(trx, portalId, source, deps.now());
        const write: QuoteWrite = {
          ...source,
          id: newId(),
          title: cloneTitle(source.title),
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
        return {
          quote: { ...write, status: 'draft', updatedAt },
          priced: priced.priced,
          page,
          pricesChangedSinceSaved: false,
        };
      });
    },

    /** Deletes a quote for the rep (kept archived for the audit trail; the sync removes it from HubSpot). */
    async archive(portalId: PortalId, actor: QuoteActor, quoteId: string): Promise<void> {
      await deps.db.transaction().execute(async (trx) => {
        const quote = await load(trx, portalId, quoteId, true);
        const revision = nextRevision(quote.revision);
        await quoteRepository.archive(trx, portalId, quoteId, revision);
        await audit(trx, portalId, actor, 'quote.archived', quoteId, { revision, wasPrimary: quote.isPrimary });
        if (needsHubSpotSync(quote)) await enqueueSync(trx, portalId, quoteId);
      });
    },

    async setPrimary(portalId: PortalId, actor: QuoteActor, quoteId: string, page: LinePage): Promise<QuoteResult> {
      const quote = await deps.db.transaction().execute(async (trx) => {
        const target = await load(trx, portalId, quoteId, true);
        if (target.isPrimary) return target;
        await lockDeal(trx, portalId, target.dealId);
        const previous = await quoteRepository.primaryIdForDeal(trx, portalId, target.dealId);
        const old = previous === undefined ? undefined : await load(trx, portalId, previous, true);
        const plan = planPrimarySwitch(target, old);
        // The previous primary loses the flag first: the partial unique index allows one per deal.
        for (const change of plan.changes)
          await quoteRepository.setPrimaryFlag(trx, portalId, change.quoteId, change.isPrimary, change.revision);
        const revision = nextRevision(target.revision);
        await audit(trx, portalId, actor, 'quote.primary-set', quoteId, {
          dealId: target.dealId,
          previous: previous ?? null,
          revision,
        });
        for (const id of plan.sync) await enqueueSync(trx, portalId, id);
        return { ...target, isPrimary: true, revision };
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
