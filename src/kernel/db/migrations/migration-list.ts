import type { Migration } from 'kysely/migration';
import * as foundation from './0001-foundation.ts';
import * as webhooks from './0002-webhooks.ts';
import * as hubspotSync from './0003-hubspot-sync.ts';
import * as installSecurity from './0004-install-security.ts';
import * as catalogQuotes from './0005-catalog-quotes.ts';
import * as catalogProductLinks from './0006-catalog-product-links.ts';
import * as portalSettings from './0009-portal-settings.ts';
import * as oauthState from './0008-oauth-state.ts';
import * as revenue from '../../../modules/revenue/migrations/0400-revenue.ts';
import * as attribution from '../../../modules/attribution/migrations/0500-attribution.ts';
import * as seenRequestSignatures from './0010-seen-request-signatures.ts';
import * as contracts from '../../../modules/contracts/migrations/0200-contracts.ts';

/**
 * All migrations, in order. A static list (not a folder scan) so the same code runs from .ts
 * sources under Node's type stripping, under Jest, and on both PGlite and PostgreSQL.
 * Reserved numbers: 0002 webhooks, 0003 HubSpot sync, 0004 installs and security,
 * 0005 catalog and quotes; later modules take the next free number.
 */
export const MIGRATIONS: Readonly<Record<string, Migration>> = {
  '0001-foundation': foundation,
  '0002-webhooks': webhooks,
  '0003-hubspot-sync': hubspotSync,
  '0004-install-security': installSecurity,
  '0005-catalog-quotes': catalogQuotes,
  '0006-catalog-product-links': catalogProductLinks,
  '0009-portal-settings': portalSettings,
  '0008-oauth-state': oauthState,
  '0400-revenue': revenue,
  '0500-attribution': attribution,
  '0010-seen-request-signatures': seenRequestSignatures,
  '0200-contracts': contracts,
};
