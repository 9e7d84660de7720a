import { allocateMinorUnits } from '../../../kernel/money/allocate.ts';
import { minorUnitsOf } from '../../../kernel/money/currency-minor-units.ts';
import { Decimal } from '../../../kernel/money/money.ts';
import { formatMinorUnits, parseMinorUnits } from '../../../kernel/money/rounding.ts';
import {
  type AmountStage,
  type AttributionDeal,
  type AttributionModel,
  type AttributionRequest,
} from './attribution-request-schema.ts';
import { keyPointIndices, touchWeights, type KeyPoint } from './touch-weights.ts';

/** Reported weights carry 10 decimals (split by largest remainder so they sum to exactly 1). */
const WEIGHT_DECIMALS = 10;
const WEIGHT_SCALE = 10n ** BigInt(WEIGHT_DECIMALS);
const DEFAULT_HALF_LIFE_DAYS = new Decimal(7);

type StageAmounts = Record<AmountStage, string>;
type StageUnits = [bigint, bigint, bigint, bigint];

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

/** One deal's credited touches in minor units, for the per-campaign sums. */
interface Credit {
  campaign: string;
  channel: string | null;
  units: StageUnits;
}

function instant(text: string | undefined): number | undefined {
  return text === undefined ? undefined : Date.parse(text);
}

/** "0.3000000000" -> "0.3"; 10^10 -> "1". */
function formatWeight(scaled: bigint): string {
  const text = formatMinorUnits(scaled, WEIGHT_DECIMALS);
  return text.includes('.') ? text.replace(/\.?0+$/, '') : text;
}

function stageUnits(deal: AttributionDeal, minorUnits: number): StageUnits {
  // The schema checked every amount is a whole number of minor units.
  const units = (stage: AmountStage) => parseMinorUnits(deal.amounts[stage] ?? '0', minorUnits) ?? 0n;
  return [units('quoted'), units('contracted'), units('invoiced'), units('collected')];
}

/**
 * Attributes one deal: its touch path (chronological, ties by id, so input order never matters)
 * with each touch's weight and share of every amount, plus the credits for the campaign sums.
 */
export function attributeDeal(
  deal: AttributionDeal,
  model: AttributionModel,
  halfLifeDays: Decimal,
): { deal: AttributedDeal; credits: Credit[]; totals: StageUnits } {
  const minorUnits = minorUnitsOf(deal.currency);
  const totals = stageUnits(deal, minorUnits);
  const closedWonAt = instant(deal.closedWonAt);
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
  const zero = formatMinorUnits(0n, minorUnits);
  const uncounted = (touch: AttributionDeal['touchpoints'][number]): AttributedTouch => ({
    id: touch.id,
    occurredAt: touch.occurredAt,
    campaign: touch.campaign,
    channel: touch.channel ?? null,
    weight: '0',
    counted: false,
    keyPoints: [],
    quoted: zero,
    contracted: zero,
    invoiced: zero,
    collected: zero,
  });
  if (counted.length === 0) {
    return {
      deal: {
        id: deal.id,
        currency: deal.currency,
        unattributed: true,
        touchpoints: touches.map(({ touch }) => uncounted(touch)),
      },
      credits: [],
      totals,
    };
  }
  const shown = allocateMinorUnits(WEIGHT_SCALE, weights.numerators, weights.denominator);
  const parts = totals.map((total) =>
    total === 0n ? null : allocateMinorUnits(total, weights.numerators, weights.denominator),
  );
  const points = keyPointIndices(times, instants);
  const pointsAt: KeyPoint[][] = times.map(() => []);
  for (const [point, index] of points) pointsAt[index]?.push(point);
  const credits: Credit[] = [];
  const countedPath: AttributedTouch[] = counted.map(({ touch }, index) => {
    const units = parts.map((split) => (split ? (split[index] ?? 0n) : 0n)) as StageUnits;
    if ((weights.numerators[index] ?? 0n) > 0n) {
      credits.push({ campaign: touch.campaign, channel: touch.channel ?? null, units });
    }
    return {
      id: touch.id,
      occurredAt: touch.occurredAt,
      campaign: touch.campaign,
      channel: touch.channel ?? null,
      weight: formatWeight(shown[index] ?? 0n),
      counted: true,
      keyPoints: pointsAt[index] ?? [],
      quoted: formatMinorUnits(units[0], minorUnits),
      contracted: formatMinorUnits(units[1], minorUnits),
      invoiced: formatMinorUnits(units[2], minorUnits),
      collected: formatMinorUnits(units[3], minorUnits),
    };
  });
  const late = touches.slice(counted.length).map(({ touch }) => uncounted(touch));
  return {
    deal: { id: deal.id, currency: deal.currency, unattributed: false, touchpoints: [...countedPath, ...late] },
    credits,
    totals,
  };
}

interface Bucket {
  currency: string;
  name: string | null;
  deals: number;
  lastDeal: number;
  sums: StageUnits;
}

function addTo(
  buckets: Map<string, Bucket>,
  currency: string,
  name: string | null,
  dealIndex: number,
  units: StageUnits,
): void {
  const key = `${currency}\u0000${name ?? '\u0001'}`;
  let bucket = buckets.get(key);
  if (!bucket) {
    bucket = { currency, name, deals: 0, lastDeal: -1, sums: [0n, 0n, 0n, 0n] };
    buckets.set(key, bucket);
  }
  if (bucket.lastDeal !== dealIndex) {
    bucket.deals += 1;
    bucket.lastDeal = dealIndex;
  }
  for (let stage = 0; stage < 4; stage += 1) bucket.sums[stage] = (bucket.sums[stage] ?? 0n) + (units[stage] ?? 0n);
}

/** Currency first, then name; the unattributed (null) row last within its currency. */
function ordered(buckets: Map<string, Bucket>): Array<Bucket & StageAmounts> {
  return [...buckets.values()]
    .sort((a, b) => {
      if (a.currency !== b.currency) return a.currency < b.currency ? -1 : 1;
      if (a.name === b.name) return 0;
      if (a.name === null) return 1;
      if (b.name === null) return -1;
      return a.name < b.name ? -1 : 1;
    })
    .map((bucket) => {
      const minorUnits = minorUnitsOf(bucket.currency);
      const [quoted, contracted, invoiced, collected] = bucket.sums.map((units) => formatMinorUnits(units, minorUnits));
      return {
        ...bucket,
        quoted: quoted ?? '',
        contracted: contracted ?? '',
        invoiced: invoiced ?? '',
        collected: collected ?? '',
      };
    });
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
  const byDeal = request.deals.map((input, dealIndex) => {
    const { deal, credits, totals } = attributeDeal(input, request.model, halfLife);
    if (deal.unattributed) {
      addTo(campaigns, deal.currency, null, dealIndex, totals);
      addTo(channels, deal.currency, null, dealIndex, totals);
    }
    for (const credit of credits) {
      addTo(campaigns, deal.currency, credit.campaign, dealIndex, credit.units);
      addTo(channels, deal.currency, credit.channel ?? 'unknown', dealIndex, credit.units);
    }
    return deal;
  });
  const row = ({ quoted, contracted, invoiced, collected, currency, deals }: Bucket & StageAmounts) => ({
    currency,
    deals,
    quoted,
    contracted,
    invoiced,
    collected,
  });
  return {
    model: request.model,
    byCampaign: ordered(campaigns).map((bucket) => ({ campaign: bucket.name, ...row(bucket) })),
    byChannel: ordered(channels).map((bucket) => ({ channel: bucket.name, ...row(bucket) })),
    byDeal,
  };
}
