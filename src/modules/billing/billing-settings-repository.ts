import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { DatabaseSchema } from '../../kernel/db/db-schema.ts';
import type { PortalId } from '../../kernel/db/portal-id.ts';
import { BillingSettingsSchema, type BillingSettings } from './domain/billing-schedule-schema.ts';
import {
  DEFAULT_CREDIT_NOTE_NUMBER_FORMAT,
  DEFAULT_INVOICE_NUMBER_FORMAT,
  NumberFormatSchema,
} from './domain/invoice-number-format.ts';

/** A portal's billing defaults (GET/PUT /api/v1/billing/settings). */
export const PortalBillingSettingsSchema = z.strictObject({
  billing: BillingSettingsSchema,
  roundingMode: z.enum(['half-up', 'half-even']).default('half-up'),
  invoiceNumberFormat: NumberFormatSchema.default(DEFAULT_INVOICE_NUMBER_FORMAT),
  creditNoteNumberFormat: NumberFormatSchema.default(DEFAULT_CREDIT_NOTE_NUMBER_FORMAT),
  /** true: HubSpot payments / Stripe collect the invoice (hs_invoice_billable); false: HubSpot only tracks it. */
  hubspotBillable: z.boolean().default(false),
});
export type PortalBillingSettings = z.output<typeof PortalBillingSettingsSchema>;

export const DEFAULT_BILLING_SETTINGS: BillingSettings = {
  frequency: 'monthly',
  timing: 'advance',
  anchor: { type: 'start' },
  paymentTerms: { netDays: 30 },
};

export const DEFAULT_PORTAL_BILLING_SETTINGS: PortalBillingSettings = {
  billing: DEFAULT_BILLING_SETTINGS,
  roundingMode: 'half-up',
  invoiceNumberFormat: DEFAULT_INVOICE_NUMBER_FORMAT,
  creditNoteNumberFormat: DEFAULT_CREDIT_NOTE_NUMBER_FORMAT,
  hubspotBillable: false,
};

const StoredBilling = z.object({ settings: BillingSettingsSchema, roundingMode: z.enum(['half-up', 'half-even']) });

/** billing_portal_settings: one row per portal; no row = the defaults above. */
export const billingSettingsRepository = {
  async get(db: Kysely<DatabaseSchema>, portalId: PortalId): Promise<PortalBillingSettings> {
    const row = await db
      .selectFrom('billing_portal_settings')
      .selectAll()
      .where('portal_id', '=', portalId)
      .executeTakeFirst();
    if (!row) return DEFAULT_PORTAL_BILLING_SETTINGS;
    const stored = StoredBilling.parse(row.billing);
    return {
      billing: stored.settings,
      roundingMode: stored.roundingMode,
      invoiceNumberFormat: NumberFormatSchema.parse(row.invoice_number_format),
      creditNoteNumberFormat: NumberFormatSchema.parse(row.credit_note_number_format),
      hubspotBillable: row.hubspot_billable,
    };
  },

  async put(db: Kysely<DatabaseSchema>, portalId: PortalId, settings: PortalBillingSettings): Promise<void> {
    const values = {
      billing: JSON.stringify({ settings: settings.billing, roundingMode: settings.roundingMode }),
      invoice_number_format: settings.invoiceNumberFormat,
      credit_note_number_format: settings.creditNoteNumberFormat,
      hubspot_billable: settings.hubspotBillable,
    };
    await db
      .insertInto('billing_portal_settings')
      .values({ portal_id: portalId, ...values })
      .onConflict((oc) => oc.column('portal_id').doUpdateSet({ ...values, updated_at: new Date() }))
      .execute();
  },
};
