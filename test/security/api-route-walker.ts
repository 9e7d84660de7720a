import type { Router } from 'express';
import { createDomainEvents } from '../../src/kernel/jobs/domain-events.ts';
import { createHubSpotClients } from '../../src/integrations/hubspot/hubspot-client-factory.ts';
import { createStaticTokenProvider } from '../../src/integrations/hubspot/static-token-provider.ts';
import { createLogger } from '../../src/kernel/logging/logger.ts';
import type { AppDeps } from '../../src/kernel/app-module.ts';
import { APP_MODULES } from '../../src/main/app-modules.ts';

export interface ApiRoute {
  module: string;
  method: string;
  /** Path under /api, e.g. `/v1/quotes/:quoteId`. */
  path: string;
  params: string[];
}

interface LayerLike {
  rawPath?: unknown;
  route?: { path: unknown; methods: Record<string, boolean> };
  handle?: { stack?: LayerLike[] };
}

function join(prefix: string, path: string): string {
  return `${prefix}${path === '/' ? '' : path}` || '/';
}

function walk(stack: readonly LayerLike[], prefix: string, module: string, out: ApiRoute[]): void {
  for (const layer of stack) {
    if (layer.route) {
      const path = layer.route.path;
      if (typeof path !== 'string' || /[{*(]/.test(path))
        throw new Error(`${module}: route path ${String(path)} is not a plain string; teach api-route-walker about it`);
      for (const method of Object.keys(layer.route.methods).filter((m) => layer.route?.methods[m] && m !== '_all')) {
        const full = join(prefix, path);
        out.push({
          module,
          method: method.toUpperCase(),
          path: full,
          params: [...full.matchAll(/:([A-Za-z0-9_]+)/g)].map((m) => m[1] ?? ''),
        });
      }
    } else if (layer.handle?.stack) {
      const raw = layer.rawPath ?? '/';
      if (typeof raw !== 'string') throw new Error(`${module}: nested router on a non-string path`);
      walk(layer.handle.stack, join(prefix, raw), module, out);
    }
  }
}

/**
 * Every /api route of the app, found by walking the routers each module in APP_MODULES mounts, so
 * a route added by any module later is covered by the security tests without editing them.
 */
export function enumerateApiRoutes(deps: AppDeps): ApiRoute[] {
  const routes: ApiRoute[] = [];
  for (const module of APP_MODULES) {
    for (const router of module.apiRouters?.(deps) ?? [])
      walk((router as Router & { stack: LayerLike[] }).stack, '', module.name, routes);
  }
  return routes;
}

/** Deps good enough to build routers (no call is made through them while enumerating). */
export function depsForEnumeration(base: Pick<AppDeps, 'config' | 'database' | 'jobs'>): AppDeps {
  const logger = createLogger({ level: 'silent' });
  const tokens = createStaticTokenProvider(new Map());
  return {
    ...base,
    events: createDomainEvents(base.jobs),
    logger,
    now: () => Date.now(),
    tokens,
    hubspot: createHubSpotClients({
      basePath: base.config.hubspot.apiBaseUrl,
      tokens,
      logger,
      rateLimitPerWindow: 100,
    }),
  };
}
