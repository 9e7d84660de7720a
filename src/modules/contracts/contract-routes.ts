import { Router } from 'express';
import type { Kysely } from 'kysely';
import type { DatabaseSchema } from '../../kernel/db/db-schema.ts';
import { AppError } from '../../kernel/errors/app-error.ts';
import { getSignedContext, requireSignedPortal } from '../../kernel/http/signed-context.ts';
import type { DomainEvents } from '../../kernel/jobs/domain-events.ts';
import { acceptAmendment, startAmendment } from './contract-amendments.ts';
import { createContractReader } from './contract-reader.ts';
import { CONTRACTS_ERROR_CODES } from './contracts-error-codes.ts';

/**
 * Card routes (signed; portal from the signed query): a contract, a deal's and a company's
 * contracts, starting and accepting an amendment.
 */
export function contractRouter(db: Kysely<DatabaseSchema>, events: Pick<DomainEvents, 'publish'>): Router {
  const router = Router();
  const reader = createContractReader(db);
  router.get('/v1/contracts/:contractId', async (req, res) => {
    const contract = await reader.get(requireSignedPortal(res), req.params.contractId);
    if (!contract) {
      throw new AppError('not-found', CONTRACTS_ERROR_CODES.CONTRACT_NOT_FOUND, `No contract ${req.params.contractId}`);
    }
    res.json({ contract });
  });
  router.get('/v1/deals/:dealId/contracts', async (req, res) => {
    res.json({ contracts: await reader.listForDeal(requireSignedPortal(res), req.params.dealId) });
  });
  router.get('/v1/companies/:companyId/contracts', async (req, res) => {
    res.json({ contracts: await reader.listForCompany(requireSignedPortal(res), req.params.companyId) });
  });
  router.post('/v1/contracts/:contractId/amendments', async (req, res) => {
    const portalId = requireSignedPortal(res);
    const amendment = await startAmendment(
      db,
      portalId,
      req.params.contractId,
      req.body,
      getSignedContext(res).userId ?? null,
    );
    res.status(201).json({ amendment });
  });
  router.post('/v1/contracts/amendments/:amendmentId/accept', async (req, res) => {
    res.json(await acceptAmendment(db, events, requireSignedPortal(res), req.params.amendmentId));
  });
  return router;
}
