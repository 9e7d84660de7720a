import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../tools/crm-preview/preview-browser.ts';
import { startPreviewHarness, type PreviewHarness } from './support/preview-harness.ts';

// Bounded but generous: two shared cores under load; a hung step fails instead of stalling CI.
const STEP_MS = 60_000;

let harness: PreviewHarness;
let browser: Browser;

before(async () => {
  harness = await startPreviewHarness();
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await harness?.stop();
});

async function withFailureScreenshot(name: string, page: Page, steps: () => Promise<void>): Promise<void> {
  try {
    await steps();
  } catch (error) {
    const dir = await mkdtemp(join(tmpdir(), 'cpq-e2e-'));
    const file = join(dir, `${name}.png`);
    await page.screenshot({ path: file, fullPage: true }).catch(() => undefined);
    process.stderr.write(`e2e failure screenshot: ${file}\n`);
    throw error;
  }
}

test('a rep creates a quote, adds a product, saves, and the line item appears in HubSpot (sandbox)', async () => {
  const page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
  page.setDefaultTimeout(STEP_MS);
  await withFailureScreenshot('configure-price', page, async () => {
    await page.goto(harness.previewUrl);
    await page.getByTestId('deal-link').first().click();
    const card = page.getByTestId('card-configure_price_card');
    await card.getByTestId('create-quote').click();
    await card.getByTestId('product-search').fill('Laptop');
    await card.getByTestId('product-search-button').click();
    await card.getByTestId('add-LAPTOP-14').click();
    await card.locator('[data-testid^="total-"]').first().waitFor();
    await card.getByTestId('save-quote').click();
    // The HubSpot sync runs as a job after the save: refresh the sandbox view until the line shows.
    const deadline = Date.now() + STEP_MS;
    for (;;) {
      await page.getByTestId('refresh-sandbox').click();
      const rows = page.getByTestId('sandbox-line-items-row');
      if ((await rows.count()) > 0) {
        assert.match((await rows.first().innerText()) ?? '', /Laptop Pro 14/);
        break;
      }
      if (Date.now() > deadline) assert.fail('the line item never reached the sandbox');
      await page.waitForTimeout(1_000);
    }
  });
  await page.close();
});
