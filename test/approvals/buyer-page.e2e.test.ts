import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import type { QuoteView } from '../../extensions/app/cards/api/card-api-schemas.ts';
import type { BuyerLinkResponse, SubmitResponse } from '../../extensions/app/cards/api/approvals-api-schemas.ts';
import {
  CHROMIUM_FLAGS,
  CHROMIUM_PATH,
  createPdfRenderer,
} from '../../src/modules/approvals/documents/pdf-renderer.ts';
import { displayMoney } from '../../src/modules/approvals/documents/document-helpers.ts';
import { buyerPath, startLifecycle, type LifecycleHarness } from './lifecycle-harness.ts';

// The buyer page in real Chromium (playwright-core + Debian's chromium). Waits are generous and
// bounded: the machine may be loaded, and nothing here asserts on time.
const WAIT = { timeout: 60_000 };
const CATALOG = JSON.stringify({
  products: [
    { sku: 'SEAT', name: 'Seat licence', prices: { USD: '100' }, recurring: { defaultTermMonths: '12' } },
    { sku: 'SETUP', name: 'Onboarding & setup', prices: { USD: '1500' } },
  ],
});

let h: LifecycleHarness;
let browser: Browser;
const pdf = createPdfRenderer();
const dir = mkdtempSync(join(tmpdir(), 'buyer-e2e-'));

beforeAll(async () => {
  h = await startLifecycle({ pdf });
  await h.importProducts(CATALOG);
  browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_FLAGS, timeout: 60_000 });
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await pdf.close();
  await h?.close();
  rmSync(dir, { recursive: true, force: true });
});

async function presentedQuote(deal: string): Promise<{ quote: QuoteView; url: string }> {
  const created = await h.call('POST', `/v1/deals/${deal}/quotes`, {
    currency: 'USD',
    title: 'Acme rollout',
    lines: [
      { sku: 'SEAT', quantity: '25' },
      { sku: 'SETUP', quantity: '1' },
    ],
  });
  const quote = (await created.json()) as QuoteView;
  const submitted = (await (await h.call('POST', `/v1/quotes/${quote.id}/submit`, {})).json()) as SubmitResponse;
  expect(submitted.status).toBe('approved');
  const link = (await (await h.call('POST', `/v1/quotes/${quote.id}/present`, {})).json()) as BuyerLinkResponse;
  return { quote, url: `${h.http.url}${buyerPath(link.url)}` };
}

test('the buyer opens the link, reads the totals, downloads the PDF and accepts', async () => {
  const { quote, url } = await presentedQuote('8001');
  const context = await browser.newContext({ acceptDownloads: true });
  const page = await context.newPage();
  try {
    await page.goto(url, { waitUntil: 'load', ...WAIT });
    // The page shows the engine's totals, formatted by the money module.
    const { netTotal, recurringTotal } = quote.totals;
    expect(await page.locator('[data-field="net-total"]').textContent(WAIT)).toBe(displayMoney(netTotal, 'USD'));
    expect(await page.locator('[data-field="recurring-total"]').textContent(WAIT)).toBe(
      displayMoney(recurringTotal, 'USD'),
    );
    expect(await page.locator('[data-field="one-time-total"]').textContent(WAIT)).toBe('USD 1,500.00');
    if (process.env.DOCS_SCREENSHOTS) await page.screenshot({ path: process.env.DOCS_SCREENSHOTS, fullPage: true });

    const [download] = await Promise.all([page.waitForEvent('download', WAIT), page.click('a.pdf', WAIT)]);
    const file = join(dir, 'quote.pdf');
    await download.saveAs(file);
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    expect(text).toContain(displayMoney(netTotal, 'USD'));
    expect(text).toMatch(/One-time total\s+USD 1,500\.00/);
    expect(text).toContain('Onboarding & setup');

    await page.fill('#fullName', 'Grace Buyer', WAIT);
    await page.fill('#title', 'VP Procurement', WAIT);
    await page.check('#consent', WAIT);
    await Promise.all([page.waitForURL(url, WAIT), page.click('button.accept', WAIT)]);
    expect(await page.locator('[role=status]').textContent(WAIT)).toContain('Accepted by Grace Buyer, VP Procurement');

    const view = (await (await h.call('GET', `/v1/quotes/${quote.id}`)).json()) as QuoteView;
    expect(view.status).toBe('accepted');
  } finally {
    await context.close();
  }
}, 240_000);

test('refusals: an unknown token and a revoked link show the same clear page', async () => {
  const { quote, url } = await presentedQuote('8002');
  await h.call('POST', `/v1/quotes/${quote.id}/buyer-link/revoke`, {});
  const context = await browser.newContext();
  const page = await context.newPage();
  try {
    const revoked = await page.goto(url, { waitUntil: 'load', ...WAIT });
    expect(revoked?.status()).toBe(404);
    const revokedText = await page.locator('[role=alert]').textContent(WAIT);
    const unknown = await page.goto(`${h.http.url}/q/${'B'.repeat(43)}`, { waitUntil: 'load', ...WAIT });
    expect(unknown?.status()).toBe(404);
    expect(await page.locator('[role=alert]').textContent(WAIT)).toBe(revokedText);
    expect(revokedText).toContain('This quote link is not available');
    expect(await page.locator('form').count()).toBe(0);
  } finally {
    await context.close();
  }
}, 240_000);

test('the accepted state survives a reload and a second submit records nothing new', async () => {
  const { quote, url } = await presentedQuote('8003');
  const context = await browser.newContext();
  const page = await context.newPage();
  try {
    await page.goto(url, { waitUntil: 'load', ...WAIT });
    await page.fill('#fullName', 'Lin Buyer', WAIT);
    await page.fill('#title', 'COO', WAIT);
    await page.check('#consent', WAIT);
    await Promise.all([page.waitForURL(url, WAIT), page.click('button.accept', WAIT)]);
    await page.goBack(WAIT);
    await page.reload(WAIT);
    expect(await page.locator('[role=status]').textContent(WAIT)).toContain('Lin Buyer');
    const rows = await h.http.database.db
      .selectFrom('buyer_responses')
      .select('full_name')
      .where('portal_id', '=', 101)
      .where('quote_id', '=', quote.id ?? '')
      .execute();
    expect(rows).toEqual([{ full_name: 'Lin Buyer' }]);
  } finally {
    await context.close();
  }
}, 240_000);
