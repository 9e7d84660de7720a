import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { startPreviewHarness } from '../e2e/support/preview-harness.ts';
import { launchChromium } from '../tools/crm-preview/preview-browser.ts';

/**
 * Regenerates the README tour's screenshots (docs/images/preview-*.png) from the running preview:
 * `npm run preview:screenshots`. Same harness as the browser tests: sandbox, demo catalog, free ports.
 */
const OUT = fileURLToPath(new URL('../docs/images/', import.meta.url));

async function main(): Promise<void> {
  await mkdir(OUT, { recursive: true });
  const harness = await startPreviewHarness();
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    page.setDefaultTimeout(60_000);
    await page.goto(harness.previewUrl);
    await page.screenshot({ path: `${OUT}preview-deals.png` });
    await page.getByTestId('deal-link').first().click();
    const card = page.getByTestId('card-configure_price_card');
    await card.getByTestId('create-quote').click();
    for (const [query, sku] of [
      ['Laptop', 'LAPTOP-14'],
      ['CRM', 'CRM-SEAT'],
    ] as const) {
      await card.getByTestId('product-search').fill(query);
      await card.getByTestId('product-search-button').click();
      await card.getByTestId(`add-${sku}`).click();
    }
    await card.locator('[data-testid^="total-"]').nth(1).waitFor();
    await card.getByTestId('save-quote').click();
    const deadline = Date.now() + 60_000;
    while ((await page.getByTestId('sandbox-line-items-row').count()) < 2 && Date.now() < deadline) {
      await page.waitForTimeout(1_000);
      await page.getByTestId('refresh-sandbox').click();
    }
    await page.screenshot({ path: `${OUT}preview-deal-record.png`, fullPage: true });
    process.stdout.write(`wrote ${OUT}preview-deals.png and ${OUT}preview-deal-record.png\n`);
  } finally {
    await browser.close();
    await harness.stop();
  }
}

await main();
