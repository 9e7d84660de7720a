import { z } from 'zod';

/** The attribution report as the cards read it (a subset of GET /api/v1/attribution/report). */
const StageAmounts = {
  quoted: z.string(),
  contracted: z.string(),
  invoiced: z.string(),
  collected: z.string(),
};

export const ATTRIBUTION_MODEL_OPTIONS = [
  { value: 'first-interaction', label: 'First interaction' },
  { value: 'last-interaction', label: 'Last interaction' },
  { value: 'linear', label: 'Linear' },
  { value: 'u-shaped', label: 'U-shaped' },
  { value: 'w-shaped', label: 'W-shaped' },
  { value: 'full-path', label: 'Full path' },
  { value: 'time-decay', label: 'Time decay' },
  { value: 'j-shaped', label: 'J-shaped' },
  { value: 'inverse-j-shaped', label: 'Inverse J-shaped' },
] as const;

export const AttributionReportSchema = z.object({
  model: z.string(),
  byCampaign: z.array(
    z.object({ campaign: z.string().nullable(), currency: z.string(), deals: z.number(), ...StageAmounts }),
  ),
  byChannel: z.array(
    z.object({ channel: z.string().nullable(), currency: z.string(), deals: z.number(), ...StageAmounts }),
  ),
  byDeal: z.array(
    z.object({
      id: z.string(),
      currency: z.string(),
      unattributed: z.boolean(),
      touchpoints: z.array(
        z.object({
          id: z.string(),
          occurredAt: z.string(),
          campaign: z.string(),
          channel: z.string().nullable(),
          weight: z.string(),
          counted: z.boolean(),
          keyPoints: z.array(z.string()),
          ...StageAmounts,
        }),
      ),
    }),
  ),
  touchSources: z.array(z.string()),
  notes: z.array(z.string()),
});
export type AttributionReport = z.infer<typeof AttributionReportSchema>;
export type AmountStage = 'quoted' | 'contracted' | 'invoiced' | 'collected';
