import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { z } from 'zod';
import { hubSpotError, rateLimitError, type HubSpotApiError } from './sandbox-errors.ts';
import { parseWith } from './sandbox-http.ts';
import { SeededRandom } from './sandbox-rng.ts';

/**
 * Fault injection for CRM routes, switchable at runtime (`sandbox.faults.set`, `POST /__sandbox/faults`).
 * Each request draws one number from a seeded generator: the same seed and the same request order
 * give the same faults, so a failing run can be replayed. `script` forces the next outcomes in order
 * before any random draw. A `timeout` never answers: the client has to give up on its own.
 */
export type FaultOutcome = 429 | 423 | 500 | 502 | 503 | 'timeout';

const rate = z.number().min(0).max(1);

export const faultSettingsSchema = z
  .object({
    rate429: rate.optional(),
    rate5xx: rate.optional(),
    rate423: rate.optional(),
    timeoutRate: rate.optional(),
    latencyMs: z.number().int().min(0).max(120_000).optional(),
    seed: z.number().int().optional(),
    /** Only paths starting with one of these prefixes are affected; empty means every CRM route. */
    paths: z.array(z.string().startsWith('/')).optional(),
    script: z
      .array(
        z.union([z.literal(429), z.literal(423), z.literal(500), z.literal(502), z.literal(503), z.literal('timeout')]),
      )
      .optional(),
  })
  .strict();
export type FaultSettingsInput = z.input<typeof faultSettingsSchema>;

export interface FaultSettings {
  rate429: number;
  rate5xx: number;
  rate423: number;
  timeoutRate: number;
  latencyMs: number;
  seed: number;
  paths: string[];
  script: FaultOutcome[];
}

const DEFAULTS: FaultSettings = {
  rate429: 0,
  rate5xx: 0,
  rate423: 0,
  timeoutRate: 0,
  latencyMs: 0,
  seed: 1,
  paths: [],
  script: [],
};
const SERVER_ERRORS = [500, 502, 503] as const;

export interface FaultDecision {
  outcome: FaultOutcome | 'pass';
  latencyMs: number;
}

export class FaultController {
  private settings: FaultSettings = { ...DEFAULTS, paths: [], script: [] };
  private random = new SeededRandom(DEFAULTS.seed);
  private readonly injected = new Map<string, number>();

  /** Merges the given settings; a `seed` restarts the random sequence. Rates must sum to <= 1. */
  set(input: FaultSettingsInput): FaultSettings {
    const parsed = parseWith(faultSettingsSchema, input);
    const next: FaultSettings = {
      ...this.settings,
      ...parsed,
      paths: parsed.paths ?? this.settings.paths,
      script: parsed.script ?? this.settings.script,
    };
    const total = next.rate429 + next.rate5xx + next.rate423 + next.timeoutRate;
    if (total > 1)
      throw hubSpotError(400, 'VALIDATION_ERROR', `Fault rates add up to ${total}; they must not exceed 1`);
    this.settings = next;
    if (parsed.seed !== undefined) this.random = new SeededRandom(parsed.seed);
    return this.current();
  }

  reset(): FaultSettings {
    this.settings = { ...DEFAULTS, paths: [], script: [] };
    this.random = new SeededRandom(DEFAULTS.seed);
    this.injected.clear();
    return this.current();
  }

  current(): FaultSettings {
    return { ...this.settings, paths: [...this.settings.paths], script: [...this.settings.script] };
  }

  /** How many faults of each kind were injected since the last reset. */
  injectedCounts(): Record<string, number> {
    return Object.fromEntries(this.injected);
  }

  decide(path: string): FaultDecision {
    const { paths, latencyMs } = this.settings;
    if (paths.length > 0 && !paths.some((prefix) => path.startsWith(prefix))) return { outcome: 'pass', latencyMs: 0 };
    const scripted = this.settings.script.shift();
    const outcome = scripted ?? this.draw();
    if (outcome !== 'pass') this.injected.set(String(outcome), (this.injected.get(String(outcome)) ?? 0) + 1);
    return { outcome, latencyMs };
  }

  private draw(): FaultOutcome | 'pass' {
    const { rate429, rate5xx, rate423, timeoutRate } = this.settings;
    if (rate429 + rate5xx + rate423 + timeoutRate === 0) return 'pass';
    const roll = this.random.next();
    if (roll < rate429) return 429;
    if (roll < rate429 + rate5xx) return this.random.pick(SERVER_ERRORS);
    if (roll < rate429 + rate5xx + rate423) return 423;
    if (roll < rate429 + rate5xx + rate423 + timeoutRate) return 'timeout';
    return 'pass';
  }
}

function faultError(outcome: Exclude<FaultOutcome, 'timeout'>): HubSpotApiError {
  switch (outcome) {
    case 429:
      return rateLimitError('TEN_SECONDLY_ROLLING');
    // Reference §6: 423 means "locked, wait >= 2 s" (HubSpot sends it while it syncs a burst of writes).
    case 423:
      return hubSpotError(423, 'LOCKED', 'The requested resource is locked. Wait at least 2 seconds before retrying.');
    case 500:
      return hubSpotError(500, 'INTERNAL_ERROR', 'internal error');
    case 502:
      return hubSpotError(502, 'BAD_GATEWAY', 'Bad Gateway');
    case 503:
      return hubSpotError(503, 'SERVICE_UNAVAILABLE', 'Service Unavailable');
  }
}

/** Express middleware applying the controller's decision before the route runs. */
export function faultMiddleware(controller: FaultController): RequestHandler {
  return (req: Request, _res: Response, next: NextFunction): void => {
    const decision = controller.decide(req.originalUrl.split('?')[0] ?? req.originalUrl);
    const act = (): void => {
      if (decision.outcome === 'pass') next();
      else if (decision.outcome !== 'timeout') next(faultError(decision.outcome));
      // A timeout answers nothing; closing the sandbox destroys the socket.
    };
    if (decision.latencyMs > 0) setTimeout(act, decision.latencyMs);
    else act();
  };
}
