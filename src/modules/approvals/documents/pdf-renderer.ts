import { chromium, type Browser } from 'playwright-core';

/**
 * HTML -> PDF with Debian's Chromium driven by playwright-core ("page.pdf()", Playwright docs).
 * One browser per process, started on first use and reused (a launch costs far more than a page);
 * every render gets its own context so nothing leaks between quotes. The page gets no network:
 * the HTML is self-contained (inline styles; a logo must be a data: URI or is left out).
 */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export interface PdfRenderer {
  render(html: string): Promise<Uint8Array>;
  close(): Promise<void>;
}

export function createPdfRenderer(options: { executablePath?: string } = {}): PdfRenderer {
  let browser: Promise<Browser> | null = null;
  const launch = () =>
    chromium.launch({ executablePath: options.executablePath ?? CHROMIUM_PATH, args: CHROMIUM_FLAGS, timeout: 60_000 });
  return {
    async render(html) {
      browser ??= launch();
      let instance = await browser;
      if (!instance.isConnected()) {
        browser = launch();
        instance = await browser;
      }
      const context = await instance.newContext({ javaScriptEnabled: false, offline: true });
      try {
        const page = await context.newPage();
        await page.route('**/*', (route) =>
          route.request().url().startsWith('data:') ? route.continue() : route.abort(),
        );
        await page.setContent(html, { waitUntil: 'load', timeout: 60_000 });
        const pdf = await page.pdf({
          format: 'A4',
          printBackground: true,
          margin: { top: '12mm', bottom: '14mm', left: '10mm', right: '10mm' },
          displayHeaderFooter: true,
          headerTemplate: '<span></span>',
          footerTemplate:
            '<div style="font-size:8px;width:100%;text-align:center;color:#7b8794">Page <span class="pageNumber"></span> of <span class="totalPages"></span></div>',
        });
        return new Uint8Array(pdf);
      } finally {
        await context.close();
      }
    },
    async close() {
      if (browser) await (await browser).close();
      browser = null;
    },
  };
}
