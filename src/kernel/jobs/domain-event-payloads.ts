import { z } from 'zod';

/**
 * The payloads of the domain events modules exchange (see domain-events.ts). They are read back
 * from the job table as JSON, so every subscriber parses them with these schemas. Ids are strings
 * (HubSpot ids exceed 2^53); dates are ISO strings. Add events here; never rename a field.
 */
const portalId = z.number().int().positive();
const id = z.string().min(1).max(100);
const isoInstant = z.iso.datetime({ offset: true });

export const DOMAIN_EVENT_SCHEMAS = {
  /** A portal installed (or re-installed) the app (tenancy, in the install transaction). */
  'portal.installed': z.object({ portalId, reinstall: z.boolean() }),
  /** A buyer accepted a quote (approvals/lifecycle, in the acceptance transaction). */
  'quote.accepted': z.object({ portalId, quoteId: id, dealId: id, acceptedAt: isoInstant }),
  /** A deal entered a closed-won stage in HubSpot (webhook processing). */
  'deal.closed-won': z.object({ portalId, dealId: id, occurredAt: isoInstant }),
  /** A contract was created from a quote, or amended, or renewed (contracts). */
  'contract.created': z.object({ portalId, contractId: id }),
  'contract.amended': z.object({ portalId, contractId: id, amendmentQuoteId: id }),
  'contract.renewed': z.object({ portalId, contractId: id, renewalContractId: id }),
  /** Billing: an invoice was issued, paid (fully) or voided. */
  'invoice.issued': z.object({ portalId, invoiceId: id, contractId: id }),
  'invoice.paid': z.object({ portalId, invoiceId: id, contractId: id }),
  'invoice.voided': z.object({ portalId, invoiceId: id, contractId: id }),
} as const;

export type DomainEventName = keyof typeof DOMAIN_EVENT_SCHEMAS;
export type DomainEventPayload<E extends DomainEventName> = z.infer<(typeof DOMAIN_EVENT_SCHEMAS)[E]>;
