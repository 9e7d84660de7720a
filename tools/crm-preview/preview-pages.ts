import type { PreviewCard } from './preview-card-bundler.ts';
import type { SandboxObject } from './preview-sandbox-reader.ts';

/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const STYLE = `
body{margin:0;font-family:'Lexend Deca',Helvetica,Arial,sans-serif;font-size:14px;color:#33475b;background:#f5f8fa}
header{background:#2d3e50;color:#fff;padding:10px 24px;font-size:16px}header a{color:#fff;text-decoration:none}
main{padding:16px 24px}a{color:#0091ae}
.record{display:grid;grid-template-columns:280px 1fr 340px;gap:16px;align-items:start}
.panel{background:#fff;border:1px solid #dfe3eb;border-radius:4px;padding:16px;margin-bottom:16px}
.panel h2{font-size:15px;margin:0 0 12px}.tabs{border-bottom:2px solid #ff7a59;margin-bottom:12px;font-weight:600;padding:6px 0}
table.data{border-collapse:collapse;width:100%}table.data td,table.data th{border-bottom:1px solid #dfe3eb;padding:6px;text-align:left}
dl.props dt{font-size:12px;color:#516f90}dl.props dd{margin:0 0 10px}
.preview-error{background:#fde8e9;border:2px solid #f2545b;padding:12px;white-space:pre-wrap;font-family:monospace}
#toasts{position:fixed;top:12px;right:12px;display:flex;flex-direction:column;gap:8px;z-index:10}
.toast{background:#fff;border-left:4px solid #00bda5;box-shadow:0 2px 8px #0003;padding:10px 14px;max-width:360px}
.toast-danger,.toast-error{border-left-color:#f2545b}.toast-warning{border-left-color:#f5c26b}`;

function layout(title: string, body: string): string {
  return `<!doctype html><html><head><meta charset="utf-8"><title>${escapeHtml(title)} · CPQ preview</title><style>${STYLE}</style></head>
<body><header><a href="/preview">CPQ preview</a> · local HubSpot sandbox</header><main>${body}</main><div id="toasts"></div></body></html>`;
}

export function dealListPage(deals: SandboxObject[]): string {
  const rows = deals
    .map(
      (deal) =>
        `<tr><td><a data-testid="deal-link" href="/preview/deals/${escapeHtml(deal.id)}">${escapeHtml(deal.properties.dealname ?? deal.id)}</a></td>` +
        `<td>${escapeHtml(deal.properties.amount ?? '')}</td><td>${escapeHtml(deal.properties.dealstage ?? '')}</td></tr>`,
    )
    .join('');
  return layout(
    'Deals',
    `<div class="panel"><h2>Deals (${deals.length})</h2><table class="data"><thead><tr><th>Name</th><th>Amount</th><th>Stage</th></tr></thead><tbody>${rows}</tbody></table></div>`,
  );
}

function objectTable(testId: string, objects: SandboxObject[], columns: string[]): string {
  if (objects.length === 0) return `<p data-testid="${testId}-empty">None.</p>`;
  const head = columns.map((c) => `<th>${escapeHtml(c)}</th>`).join('');
  const rows = objects
    .map(
      (o) =>
        `<tr data-testid="${testId}-row">${columns.map((c) => `<td>${escapeHtml(o.properties[c] ?? '')}</td>`).join('')}</tr>`,
    )
    .join('');
  return `<table class="data" data-testid="${testId}"><thead><tr>${head}</tr></thead><tbody>${rows}</tbody></table>`;
}

export interface SandboxView {
  deal: SandboxObject;
  lineItems: SandboxObject[];
  quotes: SandboxObject[];
}

/** What the app wrote to "HubSpot": the deal's amount, its line items and quotes, straight from the sandbox. */
export function sandboxFragment(view: SandboxView): string {
  return (
    `<h2>In HubSpot (sandbox)</h2><dl class="props"><dt>Amount</dt><dd data-testid="sandbox-deal-amount">${escapeHtml(view.deal.properties.amount ?? '')}</dd></dl>` +
    `<h3>Line items</h3>${objectTable('sandbox-line-items', view.lineItems, ['name', 'hs_sku', 'quantity', 'price', 'amount'])}` +
    `<h3>Quotes</h3>${objectTable('sandbox-quotes', view.quotes, ['hs_title', 'hs_status', 'hs_quote_amount'])}`
  );
}

function cardSlot(card: PreviewCard, bundleError: string | undefined): string {
  const body = bundleError
    ? `<div class="preview-error" data-testid="preview-error">The preview cannot render this card:\n${escapeHtml(bundleError)}</div>`
    : `<div class="card-body"></div><script src="/preview/cards/${escapeHtml(card.uid)}.js"></script>`;
  return `<section class="panel" data-card-slot="${escapeHtml(card.uid)}" data-testid="card-${escapeHtml(card.uid)}"><h2>${escapeHtml(card.name)}</h2>${body}</section>`;
}

export interface DealPageInput {
  view: SandboxView;
  cards: PreviewCard[];
  bundleErrors: Map<string, string>;
  context: { portalId: number; userId: number; userEmail: string };
}

/** A deal record laid out like HubSpot's: properties left, tab cards middle, sidebar cards right. */
export function dealPage(input: DealPageInput): string {
  const { deal } = input.view;
  const properties = Object.entries(deal.properties)
    .filter(([, value]) => value !== null && value !== '')
    .map(([name, value]) => `<dt>${escapeHtml(name)}</dt><dd>${escapeHtml(value ?? '')}</dd>`)
    .join('');
  const slots = (location: string) =>
    input.cards
      .filter((card) => card.location === location)
      .map((card) => cardSlot(card, input.bundleErrors.get(card.uid)))
      .join('');
  const context = JSON.stringify({ objectId: deal.id, objectTypeId: '0-3', ...input.context }).replace(/</g, '\\u003c');
  return layout(
    deal.properties.dealname ?? deal.id,
    `<script>window.__CPQ_PREVIEW__=${context};</script>
<div class="record">
<aside><div class="panel"><h2 data-testid="deal-name">${escapeHtml(deal.properties.dealname ?? deal.id)}</h2><dl class="props">${properties}</dl></div></aside>
<section><div class="tabs">Overview · CPQ</div>${slots('crm.record.tab')}
<div class="panel"><button type="button" data-testid="refresh-sandbox" onclick="fetch(location.pathname+'/sandbox').then(r=>r.text()).then(h=>{document.getElementById('sandbox-view').innerHTML=h})">Refresh HubSpot data</button>
<div id="sandbox-view" data-testid="sandbox-view">${sandboxFragment(input.view)}</div></div></section>
<aside>${slots('crm.record.sidebar')}</aside>
</div>`,
  );
}
