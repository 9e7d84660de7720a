import { Decimal, ONE, ZERO } from '../../../kernel/money/money.ts';
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

interface KeyPointModel {
  keys: ReadonlyArray<readonly [KeyPoint, string]>;
  spread: string;
  /** Which touches share the spread: all non-key touches, or (U-shaped) those between first and lead creation. */
  spreadOver: 'others' | 'between-first-and-lead';
}

/** HubSpot's weights per model; the percentages are HubSpot's published ones. */
const KEY_POINT_MODELS: Partial<Record<AttributionModel, KeyPointModel>> = {
  'first-interaction': { keys: [['first', '1']], spread: '0', spreadOver: 'others' },
  'last-interaction': { keys: [['last', '1']], spread: '0', spreadOver: 'others' },
  'u-shaped': {
    keys: [
      ['first', '0.4'],
      ['lead-creation', '0.4'],
    ],
    spread: '0.2',
    spreadOver: 'between-first-and-lead',
  },
  'w-shaped': {
    keys: [
      ['first', '0.3'],
      ['lead-creation', '0.3'],
      ['deal-creation', '0.3'],
    ],
    spread: '0.1',
    spreadOver: 'others',
  },
  'full-path': {
    keys: [
      ['first', '0.225'],
      ['lead-creation', '0.225'],
      ['deal-creation', '0.225'],
      ['closed-won', '0.225'],
    ],
    spread: '0.1',
    spreadOver: 'others',
  },
  'j-shaped': {
    keys: [
      ['first', '0.2'],
      ['last', '0.6'],
    ],
    spread: '0.2',
    spreadOver: 'others',
  },
  'inverse-j-shaped': {
    keys: [
      ['first', '0.6'],
      ['last', '0.2'],
    ],
    spread: '0.2',
    spreadOver: 'others',
  },
};

const MS_PER_DAY = new Decimal(86_400_000);

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
  points.set('last', times.length - 1);
  const lead = lastAtOrBefore(times, instants.contactCreatedAt);
  if (lead !== undefined) points.set('lead-creation', lead);
  const deal = lastAtOrBefore(times, instants.dealCreatedAt);
  if (deal !== undefined) points.set('deal-creation', deal);
  const won = lastAtOrBefore(times, instants.closedWonAt);
  if (won !== undefined) points.set('closed-won', won);
  return points;
}

function keyPointWeights(model: KeyPointModel, points: Map<KeyPoint, number>, count: number): Decimal[] {
  const weights = Array.from({ length: count }, () => ZERO);
  const keyIndices = new Set<number>();
  let keyTotal = ZERO;
  for (const [point, share] of model.keys) {
    const index = points.get(point);
    // A key point no touch qualifies for (e.g. no touch before the contact was created) has no
    // weight to give; the others are rescaled below so the deal is still fully attributed.
    if (index === undefined) continue;
    weights[index] = (weights[index] ?? ZERO).plus(share);
    keyIndices.add(index);
    keyTotal = keyTotal.plus(share);
  }
  const first = points.get('first') ?? 0;
  const lead = points.get('lead-creation');
  const spreadSet: number[] = [];
  for (let index = 0; index < count; index += 1) {
    if (keyIndices.has(index)) continue;
    if (model.spreadOver === 'between-first-and-lead' && (lead === undefined || index <= first || index >= lead)) {
      continue;
    }
    spreadSet.push(index);
  }
  const spread = spreadSet.length === 0 ? ZERO : new Decimal(model.spread);
  // With no touch to take the spread share, the key-point weights are rescaled to sum to 100%.
  const total = keyTotal.plus(spread);
  const each = spreadSet.length === 0 ? ZERO : spread.div(spreadSet.length);
  for (const index of spreadSet) weights[index] = (weights[index] ?? ZERO).plus(each);
  return weights.map((weight) => weight.div(total));
}

/**
 * One weight per counted touch (ascending time order), summing to 1. Several key points on one
 * touch add up. Time decay: 2^(-d / halfLife) with d = days before closed-won (or before the last
 * touch when the deal is not won yet), normalised.
 */
export function touchWeights(
  model: AttributionModel,
  times: readonly number[],
  instants: DealInstants,
  halfLifeDays: Decimal,
): Decimal[] {
  if (times.length === 0) return [];
  if (model === 'linear') return times.map(() => ONE.div(times.length));
  if (model === 'time-decay') {
    const reference = instants.closedWonAt ?? times[times.length - 1] ?? 0;
    const raw = times.map((time) =>
      new Decimal(2).pow(new Decimal(reference - time).div(MS_PER_DAY).div(halfLifeDays).neg()),
    );
    const sum = raw.reduce((total, weight) => total.plus(weight), ZERO);
    return raw.map((weight) => weight.div(sum));
  }
  const spec = KEY_POINT_MODELS[model];
  if (!spec) throw new Error(`no weights for model ${model}`);
  return keyPointWeights(spec, keyPointIndices(times, instants), times.length);
}
