import { Decimal } from '../../../kernel/money/money.ts';
import type { AttributionModel } from './attribution-request-schema.ts';

/**
 * Key points of a deal's path (HubSpot Knowledge Base, "Understand attribution reporting models"):
 * the first interaction; lead creation = the last touch at or before the contact's creation; deal
 * creation = the last touch at or before the deal's creation; closed-won = the last touch at or
 * before the deal was won. `last` is the last counted touch (J and inverse-J models).
 */
export type KeyPoint = 'first' | 'lead-creation' | 'deal-creation' | 'closed-won' | 'last';

export interface DealInstants {
  contactCreatedAt?: number | undefined;
  dealCreatedAt?: number | undefined;
  closedWonAt?: number | undefined;
}

/**
 * A deal's weight vector as exact integer fractions `numerators[i] / denominator` (numerators sum
 * to the denominator), so every amount is split with bigint arithmetic only.
 */
export interface TouchWeights {
  numerators: bigint[];
  denominator: bigint;
}

interface KeyPointModel {
  /** Key-point shares in thousandths (HubSpot's percentages: 22.5% = 225). */
  keys: ReadonlyArray<readonly [KeyPoint, bigint]>;
  spread: bigint;
  /** Which touches share the spread: all non-key touches, or (U-shaped) those between first and lead creation. */
  spreadOver: 'others' | 'between-first-and-lead';
}

/** HubSpot's weights per model (HubSpot Knowledge Base, "Understand attribution reporting models"). */
const KEY_POINT_MODELS: Partial<Record<AttributionModel, KeyPointModel>> = {
  'first-interaction': { keys: [['first', 1000n]], spread: 0n, spreadOver: 'others' },
  'last-interaction': { keys: [['last', 1000n]], spread: 0n, spreadOver: 'others' },
  'u-shaped': {
    keys: [
      ['first', 400n],
      ['lead-creation', 400n],
    ],
    spread: 200n,
    spreadOver: 'between-first-and-lead',
  },
  'w-shaped': {
    keys: [
      ['first', 300n],
      ['lead-creation', 300n],
      ['deal-creation', 300n],
    ],
    spread: 100n,
    spreadOver: 'others',
  },
  'full-path': {
    keys: [
      ['first', 225n],
      ['lead-creation', 225n],
      ['deal-creation', 225n],
      ['closed-won', 225n],
    ],
    spread: 100n,
    spreadOver: 'others',
  },
  'j-shaped': {
    keys: [
      ['first', 200n],
      ['last', 600n],
    ],
    spread: 200n,
    spreadOver: 'others',
  },
  'inverse-j-shaped': {
    keys: [
      ['first', 600n],
      ['last', 200n],
    ],
    spread: 200n,
    spreadOver: 'others',
  },
};

const MS_PER_DAY = 86_400_000;
/** Time-decay weights are decimals; they enter the integer fractions at 30 digits. */
const DECAY_SCALE = new Decimal(10).pow(30);
const decayCache = new Map<string, bigint>();

/**
 * 2^(-days / halfLife) at 30 digits. `days` is whole days before the reference, so a deal's touches
 * take few distinct values and the (expensive) decimal power is computed once per value.
 */
function decayUnits(days: number, halfLifeDays: Decimal): bigint {
  const key = `${days}|${halfLifeDays.toString()}`;
  const cached = decayCache.get(key);
  if (cached !== undefined) return cached;
  const units = BigInt(
    new Decimal(2).pow(new Decimal(-days).div(halfLifeDays)).times(DECAY_SCALE).toFixed(0, Decimal.ROUND_HALF_UP),
  );
  if (decayCache.size > 100_000) decayCache.clear();
  decayCache.set(key, units);
  return units;
}

/** Index of the last time at or before `instant` in ascending `times`, if any. */
function lastAtOrBefore(times: readonly number[], instant: number | undefined): number | undefined {
  if (instant === undefined) return undefined;
  let found: number | undefined;
  for (let index = 0; index < times.length && (times[index] ?? Infinity) <= instant; index += 1) found = index;
  return found;
}

/** Which touch (index into ascending `times`) holds each key point; absent when no touch qualifies. */
export function keyPointIndices(times: readonly number[], instants: DealInstants): Map<KeyPoint, number> {
  const points = new Map<KeyPoint, number>();
  if (times.length === 0) return points;
  points.set('first', 0);
  const lead = lastAtOrBefore(times, instants.contactCreatedAt);
  if (lead !== undefined) points.set('lead-creation', lead);
  const deal = lastAtOrBefore(times, instants.dealCreatedAt);
  if (deal !== undefined) points.set('deal-creation', deal);
  const won = lastAtOrBefore(times, instants.closedWonAt);
  if (won !== undefined) points.set('closed-won', won);
  points.set('last', times.length - 1);
  return points;
}

function keyPointWeights(model: KeyPointModel, points: Map<KeyPoint, number>, count: number): TouchWeights {
  const keySums = new Array<bigint>(count).fill(0n);
  const isKey = new Array<boolean>(count).fill(false);
  let keyTotal = 0n;
  for (const [point, share] of model.keys) {
    const index = points.get(point);
    // A key point no touch qualifies for (e.g. no touch before the contact was created) has no
    // weight to give; the others are rescaled so the deal is still fully attributed.
    if (index === undefined) continue;
    keySums[index] = (keySums[index] ?? 0n) + share;
    isKey[index] = true;
    keyTotal += share;
  }
  const first = points.get('first') ?? 0;
  const lead = points.get('lead-creation');
  const inSpread = new Array<boolean>(count).fill(false);
  let spreadCount = 0n;
  if (model.spread > 0n) {
    for (let index = 0; index < count; index += 1) {
      if (isKey[index]) continue;
      if (model.spreadOver === 'between-first-and-lead' && (lead === undefined || index <= first || index >= lead)) {
        continue;
      }
      inSpread[index] = true;
      spreadCount += 1n;
    }
  }
  // weight = (keySum + [spread] S / k) / (keyTotal + S); numerator and denominator times k. With no
  // touch to take the spread share, the key-point weights are rescaled to sum to 100%.
  if (spreadCount === 0n) return { numerators: keySums, denominator: keyTotal };
  return {
    numerators: keySums.map((sum, index) => sum * spreadCount + (inSpread[index] ? model.spread : 0n)),
    denominator: (keyTotal + model.spread) * spreadCount,
  };
}

/**
 * The weight vector of a deal's counted touches (ascending time order). Several key points on one
 * touch add up. Time decay: 2^(-d / halfLife) with d = whole days before closed-won (or before the
 * last touch when the deal is not won yet), normalised.
 */
export function touchWeights(
  model: AttributionModel,
  times: readonly number[],
  instants: DealInstants,
  halfLifeDays: Decimal,
): TouchWeights {
  const count = times.length;
  if (count === 0) return { numerators: [], denominator: 0n };
  if (model === 'linear') return { numerators: new Array<bigint>(count).fill(1n), denominator: BigInt(count) };
  if (model === 'time-decay') {
    const reference = instants.closedWonAt ?? times[count - 1] ?? 0;
    const numerators = times.map((time) => decayUnits(Math.floor((reference - time) / MS_PER_DAY), halfLifeDays));
    return { numerators, denominator: numerators.reduce((sum, value) => sum + value, 0n) };
  }
  const spec = KEY_POINT_MODELS[model];
  if (!spec) throw new Error(`no weights for model ${model}`);
  return keyPointWeights(spec, keyPointIndices(times, instants), count);
}
