import type { NextFunction, Request, RequestHandler, Response } from 'express';

/**
 * Request counters for benchmarks and tests (`GET /__sandbox/stats`): totals by status code and by
 * route, with numeric ids folded to `{id}` so `GET /crm/v3/objects/deals/1001` and `/1002` add up.
 */
export interface RequestStatsSnapshot {
  total: number;
  byStatus: Record<string, number>;
  byRoute: Record<string, Record<string, number>>;
}

export class RequestStats {
  private total = 0;
  private byStatus = new Map<string, number>();
  private byRoute = new Map<string, Map<string, number>>();

  middleware(): RequestHandler {
    return (req: Request, res: Response, next: NextFunction): void => {
      const path = (req.originalUrl.split('?')[0] ?? '').replace(/\/\d+(?=\/|$)/g, '/{id}');
      if (path.startsWith('/__sandbox')) {
        next();
        return;
      }
      res.on('finish', () => this.record(`${req.method} ${path}`, res.statusCode));
      next();
    };
  }

  record(route: string, status: number): void {
    const code = String(status);
    this.total += 1;
    this.byStatus.set(code, (this.byStatus.get(code) ?? 0) + 1);
    const perRoute = this.byRoute.get(route) ?? new Map<string, number>();
    perRoute.set(code, (perRoute.get(code) ?? 0) + 1);
    this.byRoute.set(route, perRoute);
  }

  snapshot(): RequestStatsSnapshot {
    return {
      total: this.total,
      byStatus: Object.fromEntries(this.byStatus),
      byRoute: Object.fromEntries([...this.byRoute].map(([route, counts]) => [route, Object.fromEntries(counts)])),
    };
  }

  reset(): void {
    this.total = 0;
    this.byStatus = new Map();
    this.byRoute = new Map();
  }
}
