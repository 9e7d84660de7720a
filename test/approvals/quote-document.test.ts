import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { toPortalId } from '../../src/kernel/db/portal-id.ts';
import { renderQuoteDocument, compileQuoteTemplate } from '../../src/modules/approvals/documents/document-renderer.ts';
import { displayMoney, displayDate } from '../../src/modules/approvals/documents/document-helpers.ts';
import { fileDocumentStore } from '../../src/modules/approvals/documents/document-store.ts';
import { createPdfRenderer, type PdfRenderer } from '../../src/modules/approvals/documents/pdf-renderer.ts';
import { BrandingSchema, buildDocumentModel } from '../../src/modules/approvals/documents/quote-document-model.ts';
import { fixtureQuote } from './approvals-fixtures.ts';

const BRANDING = BrandingSchema.parse({
  sellerName: 'Acme <script>alert(1)</script> GmbH',
  addressLines: ['1 Main Street', 'Berlin'],
  terms: ['Payment net 30 days.'],
});

describe('quote document (HTML)', () => {
  const html = renderQuoteDocument(buildDocumentModel(fixtureQuote(), BRANDING), null);

  it('escapes every value a user typed', () => {
    expect(html).toContain('Acme &lt;script&gt;alert(1)&lt;/script&gt; GmbH');
    expect(html).not.toContain('<script>');
    expect(html).toContain('Renewal &lt;2027&gt; &amp; expansion');
    expect(html).toContain('Option A &quot;pro&quot;');
  });

  it('formats money through the money module with grouping and the currency minor units', () => {
    expect(displayMoney('1234.5', 'USD')).toBe('USD 1,234.50');
    expect(displayMoney('1234567.125', 'USD')).toBe('USD 1,234,567.13');
    expect(displayMoney('1500', 'JPY')).toBe('JPY 1,500');
    expect(displayDate('2026-12-31')).toBe('December 31, 2026');
    // 1000 + 450.90 recurring, 1234.50 one-time
    expect(html).toContain('<td data-field="recurring-total">USD 1,450.90</td>');
    expect(html).toContain('<td data-field="one-time-total">USD 1,234.50</td>');
    expect(html).toContain('<td data-field="net-total">USD 2,685.40</td>');
    expect(html).toContain('<td data-field="expiration">December 31, 2026</td>');
  });

  it('groups bundle options under their parent line', () => {
    const model = buildDocumentModel(fixtureQuote(), BRANDING);
    expect(model.groups.map((g) => [g.line.sku, g.children.map((c) => c.sku)])).toEqual([
      ['BUNDLE', ['OPT-A']],
      ['SETUP', []],
    ]);
    expect(html).toMatch(/class="line bundle"[\s\S]*Platform bundle[\s\S]*class="line option"[\s\S]*Option A/);
  });

  it('refuses custom templates that print unescaped values, or do not compile', () => {
    expect(() => compileQuoteTemplate('<p>{{{quote.title}}}</p>')).toThrow('Templates may not print unescaped values');
    expect(() => compileQuoteTemplate('<p>{{& quote.title}}</p>')).toThrow('Templates may not print unescaped values');
    expect(() => compileQuoteTemplate('<p>{{#if quote.title}}</p>')).toThrow('The template does not compile');
    const custom = compileQuoteTemplate('<h1>{{quote.title}}</h1><p>{{money totals.netTotal quote.currency}}</p>');
    expect(custom(buildDocumentModel(fixtureQuote(), BRANDING))).toBe(
      '<h1>Renewal &lt;2027&gt; &amp; expansion</h1><p>USD 2,685.40</p>',
    );
  });
});

describe('file document store', () => {
  it('stores under DATA_DIR/documents/<portal>/ and reads back the same bytes; unknown keys are undefined', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'docs-'));
    try {
      const store = fileDocumentStore(dir);
      const portal = toPortalId(5);
      await store.put(portal, 'q1/2.pdf', new Uint8Array([1, 2, 3]));
      await store.put(portal, 'q1/2.pdf', new Uint8Array([1, 2, 3]));
      expect(await store.get(portal, 'q1/2.pdf')).toEqual(new Uint8Array([1, 2, 3]));
      expect(await store.get(portal, 'q1/3.pdf')).toBeUndefined();
      await expect(store.put(portal, '../escape.pdf', new Uint8Array())).rejects.toThrow('unsafe document key');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('quote PDF (real Chromium)', () => {
  let pdf: PdfRenderer;
  let dir: string;
  beforeAll(() => {
    pdf = createPdfRenderer();
    dir = mkdtempSync(join(tmpdir(), 'pdf-'));
  });
  afterAll(async () => {
    await pdf.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('prints the document: its text (pdftotext) has the seller, lines, totals and validity', async () => {
    const html = renderQuoteDocument(buildDocumentModel(fixtureQuote(), BRANDING), null);
    const bytes = await pdf.render(html);
    expect(Buffer.from(bytes.subarray(0, 5)).toString()).toBe('%PDF-');
    const file = join(dir, 'quote.pdf');
    writeFileSync(file, bytes);
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    expect(text).toContain('Acme <script>alert(1)</script> GmbH');
    expect(text).toContain('Platform bundle');
    expect(text).toContain('Option A "pro"');
    expect(text).toMatch(/Recurring total\s+USD 1,450\.90/);
    expect(text).toMatch(/One-time total\s+USD 1,234\.50/);
    expect(text).toMatch(/Total\s+USD 2,685\.40/);
    expect(text).toContain('December 31, 2026');
    expect(text).toContain('Payment net 30 days.');
  }, 120_000);
});
