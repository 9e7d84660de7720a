import type { AppDeps } from '../kernel/app-module.ts';
import { Decimal, formatDecimal } from '../kernel/money/money.ts';
import type { DealAmountsPort } from '../modules/attribution/index.ts';
import { contractBillingSummary } from '../modules/billing/index.ts';
import { createContractReader } from '../modules/contracts/index.ts';
import { readPrimaryQuoteId, readQuote } from '../modules/quotes/index.ts';

/**
 * Attribution's amounts, read through the public reads of the modules that own them: quoted = the
 * deal's primary quote net total; contracted = its contracts' total value; invoiced and collected =
 * those contracts' issued invoices and payments. Composition root, so no module imports another's
 * internals.
 */
export function attributionAmounts(deps: AppDeps): DealAmountsPort {
  const db = deps.database.db;
  const contracts = createContractReader(db);
  return {
    async dealOfContract(portalId, contractId) {
      return (await contracts.get(portalId, contractId))?.dealId ?? null;
    },
    async factsFor(portalId, dealId) {
      const primaryId = await readPrimaryQuoteId(db, portalId, dealId);
      const quote = primaryId === undefined ? undefined : await readQuote(db, portalId, primaryId);
      const dealContracts = await contracts.listForDeal(portalId, dealId);
      const currency = quote?.currency ?? dealContracts[0]?.currency;
      if (currency === undefined) return null;
      const today = new Date(deps.now()).toISOString().slice(0, 10);
      let contracted = new Decimal(0);
      let invoiced = new Decimal(0);
      let collected = new Decimal(0);
      for (const contract of dealContracts.filter((c) => c.currency === currency)) {
        contracted = contracted.plus(contract.totalValue);
        const billing = await contractBillingSummary(db, portalId, contract.id, today);
        invoiced = invoiced.plus(billing.totals.invoiced);
        collected = collected.plus(billing.totals.paid);
      }
      return {
        currency,
        quoted: quote?.priced.totals.netTotal ?? '0',
        contracted: formatDecimal(contracted),
        invoiced: formatDecimal(invoiced),
        collected: formatDecimal(collected),
        ...(dealContracts[0] && { closedWonAt: `${dealContracts[0].startDate}T00:00:00Z` }),
      };
    },
  };
}
