import type { Kysely } from 'kysely';
import type { DatabaseSchema } from '../../kernel/db/db-schema.ts';
import type { PortalId } from '../../kernel/db/portal-id.ts';
import { AppError } from '../../kernel/errors/app-error.ts';
import type { QuoteRecord } from './quote-record.ts';
import { quoteRepository } from './quote-repository.ts';

/** A quote for other modules (read-only): 404 QUOTE_NOT_FOUND when absent or archived. */
export async function loadQuote(
  db: Kysely<DatabaseSchema>,
  portalId: PortalId,
  quoteId: string,
  options: { lock?: boolean } = {},
): Promise<QuoteRecord> {
  const quote = await quoteRepository.get(db, portalId, quoteId, options);
  if (!quote) throw new AppError('not-found', 'QUOTE_NOT_FOUND', `No quote "${quoteId}" in this portal`);
  return quote;
}
