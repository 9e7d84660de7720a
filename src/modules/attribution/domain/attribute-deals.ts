import { allocateLargestRemainder } from '../../../kernel/money/allocate.ts';
import { minorUnitsOf } from '../../../kernel/money/currency-minor-units.ts';
import { Decimal, ONE, ZERO, formatDecimal } from '../../../kernel/money/money.ts';
import { formatMoney } from '../../../kernel/money/rounding.ts';
import {
  AMOUNT_STAGES,
  type AmountStage,
  type AttributionDeal,
  type AttributionModel,
  type AttributionRequest,
} from './attribution-request-schema.ts';
import { keyPointIndices, touchWeights, type KeyPoint } from './touch-weights.ts';

/** Reported weights carry 10 decimals (split by largest remainder so they sum to exactly 1). */
const WEIGHT_DECIMALS = 10;
const DEFAULT_HALF_LIFE_DAYS = new Decimal(7);

type StageAmounts = Record<AmountStage, string>;

export interface AttributedTouch extends StageAmounts {
  id: string;
  occurredAt: string;
  campaign: string;
  channel: string | null;
  weight: string;
  /** False for touches after closed-won: shown for the audit trail, never credited. */
  counted: boolean;
  keyPoints: KeyPoint[];
}

export interface AttributedDeal {
  id: string;
  currency: string;
  unattributed: boolean;
  touchpoints: AttributedTouch[];
}

export interface CampaignRow extends StageAmounts {
  campaign: string | null;
  currency: string;
  deals: number;
}

export interface ChannelRow extends StageAmounts {
  channel: string | null;
  currency: string;
  deals: number;
}

export interface AttributionResponse {
  model: AttributionModel;
  byCampaign: CampaignRow[];
  byChannel: ChannelRow[];
  byDeal: AttributedDeal[];
}

interface Bucket {
  currency: string;
  name: string | null;
  deals: Set<string>;
  sums: Record<AmountStage, Decimal>;
}

function instant(text: string | undefined): number | undefined {
  return text === undefined ? undefined : Date.parse(text);
}

/** Attributes one deal: its touch path with each touch's weight and share of every amount. */
export function attributeDeal(deal: AttributionDeal, model: AttributionModel, halfLifeDays: Decimal): AttributedDeal {
  const minorUnits = minorUnitsOf(deal.currency);
  const closedWonAt = instant(deal.closedWonAt);
  // Chronological, ties by id, so the order of touches in the input never matters.
  const touches = deal.touchpoints
    .map((touch) => ({ touch, time: Date.parse(touch.occurredAt) }))
    .sort((a, b) => a.time - b.time || (a.touch.id < b.touch.id ? -1 : a.touch.id > b.touch.id ? 1 : 0));
  // Touches after closed-won never count.
  const counted = touches.filter(({ time }) => closedWonAt === undefined || time <= closedWonAt);
  const times = counted.map(({ time }) => time);
  const instants = {
    contactCreatedAt: instant(deal.contactCreatedAt),
    dealCreatedAt: instant(deal.dealCreatedAt),
    closedWonAt,
  };
  const weights = touchWeights(model, times, instants, halfLifeDays);
  const zero = formatMoney(ZERO, minorUnits, 'half-up');
  if (weights.length === 0) {
    return {
      id: deal.id,
      currency: deal.currency,
      unattributed: true,
      touchpoints: touches.map(({ touch }) => uncounted(touch, zero, false)),
    };
  }
  const shownWeights = allocateLargestRemainder(ONE, weights, WEIGHT_DECIMALS);
  const parts = Object.fromEntries(
    AMOUNT_STAGES.map((stage) => {
      const total = new Decimal(deal.amounts[stage] ?? '0');
      return [stage, total.isZero() ? weights.map(() => ZERO) : allocateLargestRemainder(total, weights, minorUnits)];
    }),
  ) as Record<AmountStage, Decimal[]>;
  const points = keyPointIndices(times, instants);
  const pointsAt = (index: number): KeyPoint[] => [...points].filter(([, at]) => at === index).map(([point]) => point);
  const countedIds = new Set(counted.map(({ touch }) => touch.id));
  let next = 0;
  const path = touches.map(({ touch }) => {
    if (!countedIds.has(touch.id)) return uncounted(touch, zero, false);
    const index = next;
    next += 1;
    const amount = (stage: AmountStage) => formatMoney(parts[stage][index] ?? ZERO, minorUnits, 'half-up');
    return {
      id: touch.id,
      occurredAt: touch.occurredAt,
      campaign: touch.campaign,
      channel: touch.channel ?? null,
      weight: formatDecimal(shownWeights[index] ?? ZERO),
      counted: true,
      keyPoints: pointsAt(index),
      quoted: amount('quoted'),
      contracted: amount('contracted'),
      invoiced: amount('invoiced'),
      collected: amount('collected'),
    };
  });
  return { id: deal.id, currency: deal.currency, unattributed: false, touchpoints: path };
}

function uncounted(touch: AttributionDeal['touchpoints'][number], zero: string, counted: boolean): AttributedTouch {
  return {
    id: touch.id,
    occurredAt: touch.occurredAt,
    campaign: touch.campaign,
    channel: touch.channel ?? null,
    weight: '0',
    counted,
    keyPoints: [],
    quoted: zero,
    contracted: zero,
    invoiced: zero,
    collected: zero,
  };
}

function addTo(
  buckets: Map<string, Bucket>,
  currency: string,
  name: string | null,
  dealId: string,
  amounts: Record<AmountStage, Decimal>,
): void {
  const key = `${currency}\u0000${name ?? '\u0000'}`;
  const bucket = buckets.get(key) ?? {
    currency,
    name,
    deals: new Set<string>(),
    sums: { quoted: ZERO, contracted: ZERO, invoiced: ZERO, collected: ZERO },
  };
  bucket.deals.add(dealId);
  for (const stage of AMOUNT_STAGES) bucket.sums[stage] = bucket.sums[stage].plus(amounts[stage]);
  buckets.set(key, bucket);
}

/** Currency first, then name; the unattributed (null) row last within its currency. */
function ordered(buckets: Map<string, Bucket>): Bucket[] {
  return [...buckets.values()].sort((a, b) => {
    if (a.currency !== b.currency) return a.currency < b.currency ? -1 : 1;
    if (a.name === b.name) return 0;
    if (a.name === null) return 1;
    if (b.name === null) return -1;
    return a.name < b.name ? -1 : 1;
  });
}

function stageStrings(bucket: Bucket): StageAmounts {
  const minorUnits = minorUnitsOf(bucket.currency);
  const text = (stage: AmountStage) => formatMoney(bucket.sums[stage], minorUnits, 'half-up');
  return {
    quoted: text('quoted'),
    contracted: text('contracted'),
    invoiced: text('invoiced'),
    collected: text('collected'),
  };
}

/**
 * `cpq attribute`: one weight vector per deal applied to each amount (quoted, contracted,
 * invoiced, collected), each split by largest remainder so a deal's parts sum exactly to its
 * amount; rows per campaign and per channel in each currency (never summed across currencies);
 * deals with no counted touch reported as unattributed (campaign null), never dropped.
 */
export function attribute(request: AttributionRequest): AttributionResponse {
  const halfLife = request.halfLifeDays === undefined ? DEFAULT_HALF_LIFE_DAYS : new Decimal(request.halfLifeDays);
  const campaigns = new Map<string, Bucket>();
  const channels = new Map<string, Bucket>();
  const byDeal = request.deals.map((deal) => {
    const attributed = attributeDeal(deal, request.model, halfLife);
    if (attributed.unattributed) {
      const whole = Object.fromEntries(
        AMOUNT_STAGES.map((stage) => [stage, new Decimal(deal.amounts[stage] ?? '0')]),
      ) as Record<AmountStage, Decimal>;
      addTo(campaigns, deal.currency, null, deal.id, whole);
      addTo(channels, deal.currency, null, deal.id, whole);
    }
    for (const touch of attributed.touchpoints) {
      if (!touch.counted || new Decimal(touch.weight).isZero()) continue;
      const amounts = Object.fromEntries(AMOUNT_STAGES.map((stage) => [stage, new Decimal(touch[stage])])) as Record<
        AmountStage,
        Decimal
      >;
      addTo(campaigns, deal.currency, touch.campaign, deal.id, amounts);
      addTo(channels, deal.currency, touch.channel ?? 'unknown', deal.id, amounts);
    }
    return attributed;
  });
  return {
    model: request.model,
    byCampaign: ordered(campaigns).map((b) => ({
      campaign: b.name,
      currency: b.currency,
      deals: b.deals.size,
      ...stageStrings(b),
    })),
    byChannel: ordered(channels).map((b) => ({
      channel: b.name,
      currency: b.currency,
      deals: b.deals.size,
      ...stageStrings(b),
    })),
    byDeal,
  };
}
