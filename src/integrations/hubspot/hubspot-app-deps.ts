import type { HubSpotClients } from './hubspot-client-factory.ts';
import type { QuoteSyncSource } from './sync/quote-sync-contract.ts';
import type { TokenProvider } from './token-provider.ts';

// The HubSpot services every module receives in AppDeps. Declared here (declaration merging into
// the kernel's interface) so the kernel stays free of integration imports; see docs/architecture.md.
declare module '../../kernel/app-module.ts' {
  interface AppDeps {
    /** HubSpot access tokens per portal (sandbox: the demo token; production: stored OAuth tokens). */
    tokens: TokenProvider;
    /** One HubSpot client per portal (own limiter and retries), pointed at the sandbox in sandbox mode. */
    hubspot: HubSpotClients;
    /** The quote model as the HubSpot sync reads it (quotes module); unset = no quote sync worker. */
    quoteSyncSource?: QuoteSyncSource;
  }
}
