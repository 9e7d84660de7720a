/**
 * The built-in quote document (Handlebars). A portal may replace it (document_templates.template);
 * the same markup is the PDF and the buyer page. Every value goes through `{{ }}`, which escapes
 * HTML; custom templates may not use unescaped `{{{ }}}` (document-renderer.ts refuses them).
 * Helpers: money (kernel money, currency minor units), number, date (calendar module), eq.
 */
export const DEFAULT_QUOTE_TEMPLATE = `
<article class="quote-doc">
  <header class="doc-header">
    <div class="seller">
      {{#if seller.logoUrl}}<img class="logo" src="{{seller.logoUrl}}" alt="{{seller.sellerName}} logo">{{/if}}
      <div class="seller-name">{{seller.sellerName}}</div>
      {{#each seller.addressLines}}<div class="address-line">{{this}}</div>{{/each}}
    </div>
    <div class="doc-meta">
      <h1>Quote</h1>
      <table class="meta">
        <tr><th>Quote</th><td>{{quote.title}}</td></tr>
        <tr><th>Reference</th><td>{{quote.id}} / rev {{quote.revision}}</td></tr>
        <tr><th>Valid until</th><td data-field="expiration">{{date quote.expirationDate}}</td></tr>
        <tr><th>Currency</th><td>{{quote.currency}}</td></tr>
      </table>
    </div>
  </header>
  {{#if seller.buyerName}}<section class="buyer"><h2>Prepared for</h2><div>{{seller.buyerName}}</div></section>{{/if}}
  <table class="lines">
    <thead>
      <tr><th class="item">Item</th><th class="num">Qty</th><th class="num">List price</th><th class="num">Discount</th><th class="num">Unit price</th><th class="num">Total</th></tr>
    </thead>
    <tbody>
      {{#each groups}}
      <tr class="line{{#if children.length}} bundle{{/if}}">
        <td class="item"><div class="name">{{line.name}}</div><div class="sku">{{line.sku}}{{#if line.recurring}} · recurring{{#if line.termMonths}}, {{number line.termMonths}} months{{/if}}{{/if}}</div></td>
        <td class="num">{{number line.quantity}}</td>
        <td class="num">{{#if line.listUnitPrice}}{{money line.listUnitPrice ../quote.currency}}{{/if}}</td>
        <td class="num">{{#if line.discountPercent}}{{number line.discountPercent}}%{{/if}}</td>
        <td class="num">{{#if line.netUnitPrice}}{{money line.netUnitPrice ../quote.currency}}{{/if}}</td>
        <td class="num">{{#if line.netTotal}}{{money line.netTotal ../quote.currency}}{{/if}}</td>
      </tr>
      {{#each children}}
      <tr class="line option">
        <td class="item"><div class="name">↳ {{name}}</div><div class="sku">{{sku}}</div></td>
        <td class="num">{{number quantity}}</td>
        <td class="num">{{#if listUnitPrice}}{{money listUnitPrice ../../quote.currency}}{{/if}}</td>
        <td class="num">{{#if discountPercent}}{{number discountPercent}}%{{/if}}</td>
        <td class="num">{{#if netUnitPrice}}{{money netUnitPrice ../../quote.currency}}{{/if}}</td>
        <td class="num">{{#if netTotal}}{{money netTotal ../../quote.currency}}{{/if}}</td>
      </tr>
      {{/each}}
      {{/each}}
    </tbody>
  </table>
  <table class="totals">
    {{#if hasRecurring}}<tr><th>Recurring total</th><td data-field="recurring-total">{{money totals.recurringTotal quote.currency}}</td></tr>{{/if}}
    {{#if hasOneTime}}<tr><th>One-time total</th><td data-field="one-time-total">{{money totals.oneTimeTotal quote.currency}}</td></tr>{{/if}}
    <tr><th>Discount</th><td>{{money totals.discountTotal quote.currency}}</td></tr>
    <tr class="grand"><th>Total</th><td data-field="net-total">{{money totals.netTotal quote.currency}}</td></tr>
  </table>
  {{#if seller.terms.length}}
  <section class="terms"><h2>Terms</h2><ol>{{#each seller.terms}}<li>{{this}}</li>{{/each}}</ol></section>
  {{/if}}
  <section class="signature">
    <h2>Acceptance</h2>
    {{#if acceptance}}
    <p>Accepted by <strong>{{acceptance.fullName}}</strong>{{#if acceptance.title}}, {{acceptance.title}}{{/if}} on {{acceptance.acceptedAt}}.</p>
    {{else}}
    <div class="sign-grid"><div>Name</div><div>Title</div><div>Signature</div><div>Date</div></div>
    {{/if}}
  </section>
</article>`;

/** Styles of the document (inline in the page: the buyer page's CSP allows inline styles only). */
export const DOCUMENT_STYLES = `
  * { box-sizing: border-box; }
  body { font-family: "DejaVu Sans", Arial, sans-serif; color: #1f2933; margin: 0; font-size: 12px; }
  .quote-doc { max-width: 900px; margin: 0 auto; padding: 32px; }
  .doc-header { display: flex; justify-content: space-between; border-bottom: 3px solid #ff7a59; padding-bottom: 16px; }
  .logo { max-height: 56px; max-width: 200px; display: block; margin-bottom: 8px; }
  .seller-name { font-size: 18px; font-weight: bold; }
  .address-line { color: #52606d; }
  h1 { margin: 0 0 8px; font-size: 28px; color: #33475b; text-align: right; }
  h2 { font-size: 14px; color: #33475b; margin: 24px 0 8px; }
  table.meta th { text-align: left; padding-right: 12px; color: #52606d; font-weight: normal; }
  table.lines { width: 100%; border-collapse: collapse; margin-top: 24px; }
  table.lines th { background: #33475b; color: #fff; padding: 8px; text-align: left; }
  table.lines td { padding: 6px 8px; border-bottom: 1px solid #e4e7eb; vertical-align: top; }
  table.lines tr { page-break-inside: avoid; }
  .num { text-align: right; white-space: nowrap; }
  .sku { color: #7b8794; font-size: 10px; }
  tr.bundle td { font-weight: bold; background: #f5f8fa; }
  tr.option td.item { padding-left: 24px; }
  table.totals { margin: 16px 0 0 auto; border-collapse: collapse; min-width: 320px; }
  table.totals th { text-align: left; padding: 4px 12px; font-weight: normal; color: #52606d; }
  table.totals td { text-align: right; padding: 4px 8px; }
  table.totals tr.grand th, table.totals tr.grand td { font-weight: bold; font-size: 15px; border-top: 2px solid #33475b; }
  .sign-grid { display: grid; grid-template-columns: 1fr 1fr; gap: 28px 24px; margin-top: 12px; }
  .sign-grid div { border-top: 1px solid #7b8794; padding-top: 4px; color: #7b8794; }
  .terms ol { padding-left: 18px; color: #3e4c59; }
`;
