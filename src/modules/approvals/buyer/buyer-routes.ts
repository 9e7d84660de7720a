import { randomBytes, timingSafeEqual } from 'node:crypto';
import express, { Router, type Request, type RequestHandler, type Response } from 'express';
import { z } from 'zod';
import { isAppError } from '../../../kernel/errors/app-error.ts';
import type { Logger } from '../../../kernel/logging/logger.ts';
import { renderQuoteBody } from '../documents/document-renderer.ts';
import { documentSettings, renderQuoteHtml, type DocumentService } from '../documents/document-service.ts';
import { buildDocumentModel } from '../documents/quote-document-model.ts';
import type { BuyerForm, BuyerLinkService, ResolvedLink } from './buyer-link-service.ts';
import { answeredPage, noticePage, openPage, unavailablePage } from './buyer-page.ts';
import type { Kysely } from 'kysely';
import type { DatabaseSchema } from '../../../kernel/db/db-schema.ts';

/**
 * The buyer's public pages under /q/<token> (no login, no HubSpot signature). Security headers per
 * OWASP's "HTTP Headers Cheat Sheet": a CSP that allows no script, `noindex`, no referrer (the URL
 * is the credential), no caching. Forms carry a double-submit CSRF token (OWASP "Cross-Site Request
 * Forgery Prevention Cheat Sheet"); each IP gets a bounded number of requests per minute.
 */
const CSP =
  "default-src 'none'; style-src 'unsafe-inline'; img-src data: https:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
const CSRF_COOKIE = 'cpq_buyer_csrf';

const AcceptFormSchema = z.object({
  csrf: z.string().min(1),
  documentSha256: z.string().regex(/^[0-9a-f]{64}$/),
  fullName: z.string().trim().min(2, 'type your full name').max(200),
  title: z.string().trim().min(1, 'type your title').max(200),
  consent: z.literal('yes', { error: 'tick the box to accept' }),
});
const DeclineFormSchema = z.object({
  csrf: z.string().min(1),
  documentSha256: z.string().regex(/^[0-9a-f]{64}$/),
  reason: z.string().trim().min(1, 'tell us why').max(2000),
});

export interface BuyerRouterDeps {
  db: Kysely<DatabaseSchema>;
  links: BuyerLinkService;
  documents: DocumentService;
  logger: Logger;
  now: () => number;
  /** Requests per IP per minute on /q (default 60). */
  rateLimitPerMinute?: number;
}

function securityHeaders(res: Response): void {
  res.setHeader('Content-Security-Policy', CSP);
  res.setHeader('X-Robots-Tag', 'noindex, nofollow');
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('Cache-Control', 'no-store');
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('X-Frame-Options', 'DENY');
}

/** Fixed one-minute windows per client IP, in memory (per process; the edge may add its own). */
function rateLimit(limit: number, now: () => number): RequestHandler {
  const windows = new Map<string, { start: number; count: number }>();
  return (req, res, next) => {
    const ip = req.ip ?? req.socket.remoteAddress ?? 'unknown';
    const minute = Math.floor(now() / 60_000);
    const current = windows.get(ip);
    if (!current || current.start !== minute) {
      if (windows.size > 10_000) windows.clear();
      windows.set(ip, { start: minute, count: 1 });
      return next();
    }
    current.count += 1;
    if (current.count <= limit) return next();
    securityHeaders(res);
    res.setHeader('Retry-After', '60');
    res.status(429).type('html').send(noticePage('Too many requests', 'Please wait a minute and try again.'));
  };
}

function cookieValue(req: Request, name: string): string | undefined {
  const header = req.headers.cookie ?? '';
  for (const part of header.split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return rest.join('=');
  }
  return undefined;
}

function csrfMatches(req: Request, submitted: string): boolean {
  const cookie = cookieValue(req, CSRF_COOKIE);
  if (!cookie) return false;
  const a = Buffer.from(cookie);
  const b = Buffer.from(submitted);
  return a.length === b.length && timingSafeEqual(a, b);
}

export function buyerRouter(deps: BuyerRouterDeps): Router {
  const router = Router();
  router.use('/q', rateLimit(deps.rateLimitPerMinute ?? 60, deps.now));
  router.use('/q', express.urlencoded({ extended: false, limit: '16kb' }));

  const unavailable = (res: Response) => res.status(404).type('html').send(unavailablePage());

  async function show(req: Request, res: Response, resolved: ResolvedLink, status = 200) {
    securityHeaders(res);
    if (resolved.state === 'invalid') return unavailable(res);
    const token = String(req.params.token);
    const { template, branding } = await documentSettings(deps.db, resolved.portalId);
    const base = `/q/${token}`;
    if (resolved.state === 'answered') {
      const r = resolved.response;
      const model = buildDocumentModel(resolved.quote, branding, null);
      return res
        .status(status)
        .type('html')
        .send(
          answeredPage(resolved.quote.title, {
            sellerName: branding.sellerName,
            document: renderQuoteBody(model, template),
            pdfUrl: `${base}/pdf`,
            decision: r.decision,
            fullName: r.fullName,
            title: r.title,
            decidedAt: r.decidedAt.slice(0, 19).replace('T', ' ') + ' UTC',
          }),
        );
    }
    let csrf = cookieValue(req, CSRF_COOKIE);
    if (!csrf || !/^[A-Za-z0-9_-]{43}$/.test(csrf)) {
      csrf = randomBytes(32).toString('base64url');
      res.cookie(CSRF_COOKIE, csrf, { httpOnly: true, sameSite: 'strict', path: '/q', secure: req.secure });
    }
    const { model, sha256 } = await renderQuoteHtml(deps.db, resolved.portalId, resolved.quote);
    return res
      .status(status)
      .type('html')
      .send(
        openPage(resolved.quote.title, {
          sellerName: branding.sellerName,
          document: renderQuoteBody(model, template),
          documentSha256: sha256,
          csrf,
          pdfUrl: `${base}/pdf`,
          acceptUrl: `${base}/accept`,
          declineUrl: `${base}/decline`,
        }),
      );
  }

  router.get('/q/:token', async (req, res) => {
    await show(req, res, await deps.links.resolve(String(req.params.token)));
  });

  router.get('/q/:token/pdf', async (req, res) => {
    securityHeaders(res);
    const resolved = await deps.links.resolve(String(req.params.token));
    if (resolved.state === 'invalid') return unavailable(res);
    const pdf = await deps.documents.ensurePdf({
      portalId: resolved.portalId,
      quoteId: resolved.quote.id,
      revision: resolved.quote.revision,
    });
    if (!pdf) return unavailable(res);
    res.setHeader('Content-Disposition', `attachment; filename="quote-${resolved.quote.id}.pdf"`);
    res.setHeader('X-Document-Sha256', pdf.sha256);
    res.type('application/pdf').send(Buffer.from(pdf.bytes));
  });

  async function answer(req: Request, res: Response, decision: BuyerForm['decision']) {
    securityHeaders(res);
    const token = String(req.params.token);
    const schema = decision === 'accepted' ? AcceptFormSchema : DeclineFormSchema;
    const parsed = schema.safeParse(req.body ?? {});
    const before = await deps.links.resolve(token);
    if (before.state === 'invalid') return unavailable(res);
    if (!parsed.success || !csrfMatches(req, parsed.data.csrf)) {
      if (before.state === 'answered') return res.redirect(303, `/q/${token}`);
      const problems = parsed.success
        ? ['Your session expired; please submit the form again.']
        : parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
      return res
        .status(400)
        .type('html')
        .send(noticePage('Please check the form', `${problems.join(' ')} Go back to the quote and try again.`));
    }
    const form: BuyerForm =
      'fullName' in parsed.data
        ? {
            decision: 'accepted',
            fullName: parsed.data.fullName,
            title: parsed.data.title,
            documentSha256: parsed.data.documentSha256,
          }
        : { decision: 'declined', reason: parsed.data.reason, documentSha256: parsed.data.documentSha256 };
    try {
      const result = await deps.links.respond(token, form, {
        ip: req.ip ?? req.socket.remoteAddress ?? 'unknown',
        userAgent: String(req.headers['user-agent'] ?? '').slice(0, 500),
      });
      if (result.state === 'invalid') return unavailable(res);
      return res.redirect(303, `/q/${token}`);
    } catch (error) {
      if (isAppError(error) && error.kind === 'conflict')
        return res.status(409).type('html').send(noticePage('The quote changed', error.message));
      throw error;
    }
  }

  router.post('/q/:token/accept', (req, res) => answer(req, res, 'accepted'));
  router.post('/q/:token/decline', (req, res) => answer(req, res, 'declined'));
  return router;
}
