import { createServer } from 'node:http';
import { fileURLToPath } from 'node:url';
import express from 'express';
import { bundleCard, listProjectCards, type BundleResult } from './preview-card-bundler.ts';
import { dealListPage, dealPage, sandboxFragment, type SandboxView } from './preview-pages.ts';
import { createSandboxReader } from './preview-sandbox-reader.ts';
import { createSigningProxy } from './preview-signing-proxy.ts';

export interface CrmPreviewOptions {
  backendUrl: string;
  publicBaseUrl: string;
  clientSecret: string;
  sandboxUrl: string;
  sandboxAccessToken: string;
  portalId: number;
  /** Port to listen on; 0 picks a free one. */
  port: number;
  /** Defaults to this repository's extensions/ folder. */
  extensionsDir?: string;
}

export interface CrmPreview {
  url: string;
  close(): Promise<void>;
}

const DEFAULT_EXTENSIONS_DIR = fileURLToPath(new URL('../../extensions', import.meta.url));
const PREVIEW_USER = { userId: 1001, userEmail: 'rep@preview.example' };

/**
 * The local CRM preview: the sandbox's deals, a deal record with the app's real cards bundled for the
 * browser, and a hubspot.fetch proxy that signs like HubSpot. Sandbox mode only (src/main/preview-loader.ts).
 */
export async function startCrmPreview(options: CrmPreviewOptions): Promise<CrmPreview> {
  // The deal record shows the cards declared for deals (company records are not previewed yet).
  const cards = (await listProjectCards(options.extensionsDir ?? DEFAULT_EXTENSIONS_DIR)).filter((card) =>
    card.objectTypes.includes('deals'),
  );
  const bundles = new Map<string, Promise<BundleResult>>();
  const bundle = (uid: string): Promise<BundleResult> => {
    const card = cards.find((c) => c.uid === uid);
    if (!card) return Promise.resolve({ ok: false, error: `unknown card ${uid}` });
    let pending = bundles.get(uid);
    if (!pending) {
      pending = bundleCard(card.file);
      bundles.set(uid, pending);
    }
    return pending;
  };
  const reader = createSandboxReader(options.sandboxUrl, options.sandboxAccessToken);
  const loadView = async (dealId: string): Promise<SandboxView> => {
    const [deal, lineItems, quotes] = await Promise.all([
      reader.getDeal(dealId),
      reader.lineItems(dealId),
      reader.quotes(dealId),
    ]);
    return { deal, lineItems, quotes };
  };

  const app = express();
  app.get('/', (_req, res) => res.redirect('/preview'));
  app.get('/preview', async (_req, res) => {
    res.type('html').send(dealListPage(await reader.listDeals()));
  });
  app.get('/preview/deals/:dealId', async (req, res) => {
    const view = await loadView(req.params.dealId);
    const bundleErrors = new Map<string, string>();
    for (const card of cards) {
      const result = await bundle(card.uid);
      if (!result.ok) bundleErrors.set(card.uid, result.error);
    }
    res
      .type('html')
      .send(dealPage({ view, cards, bundleErrors, context: { portalId: options.portalId, ...PREVIEW_USER } }));
  });
  app.get('/preview/deals/:dealId/sandbox', async (req, res) => {
    res.type('html').send(sandboxFragment(await loadView(req.params.dealId)));
  });
  app.get('/preview/cards/:file', async (req, res) => {
    const result = await bundle(req.params.file.replace(/\.js$/, ''));
    if (result.ok) res.type('js').send(result.code);
    else res.status(500).type('text').send(result.error);
  });
  app.use(
    '/preview/proxy',
    express.raw({ type: () => true, limit: '10mb' }),
    createSigningProxy({
      backendUrl: options.backendUrl,
      publicBaseUrl: options.publicBaseUrl,
      clientSecret: options.clientSecret,
      portalId: options.portalId,
      ...PREVIEW_USER,
    }),
  );
  app.use((error: unknown, _req: express.Request, res: express.Response, _next: express.NextFunction) => {
    res
      .status(502)
      .type('text')
      .send(`Preview error: ${error instanceof Error ? error.message : String(error)}`);
  });

  const server = createServer(app);
  const port = await new Promise<number>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, () => {
      const address = server.address();
      resolve(typeof address === 'object' && address ? address.port : options.port);
    });
  });
  return {
    url: `http://localhost:${port}/preview`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
