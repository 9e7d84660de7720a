// `npm run bench` (approvals): evaluating 50 approval rules over a 10,000-line quote (target
// <= 50 ms) and rendering the quote PDF in Chromium: 50 lines <= 1 s, 1,000 lines <= 5 s.
// Prints JSON on stdout. The browser is started once before timing (a running app keeps it).
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { ApprovalRuleSetSchema } from '../src/modules/approvals/domain/approval-rule-schema.ts';
import { compileRules, evaluateRules } from '../src/modules/approvals/domain/approval-rules-engine.ts';
import { renderQuoteDocument } from '../src/modules/approvals/documents/document-renderer.ts';
import { createPdfRenderer } from '../src/modules/approvals/documents/pdf-renderer.ts';
import { BrandingSchema, buildDocumentModel } from '../src/modules/approvals/documents/quote-document-model.ts';
import { computeQuoteFacts, type ProductFacts } from '../src/modules/quotes/index.ts';
import { fixtureQuote, pricedQuote } from '../test/approvals/approvals-fixtures.ts';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 20);

function p95(samples: number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return Math.round((sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.95) - 1)] ?? 0) * 10) / 10;
}

const FACTS = ['maxLineDiscountPercent', 'netTotal', 'termMonths', 'marginPercent', 'lineCount', 'discountPercent'];
const rules = ApprovalRuleSetSchema.parse({
  rules: Array.from({ length: 50 }, (_, i) => ({
    id: `rule-${i}`,
    name: `Rule ${i}`,
    level: (i % 3) + 1,
    logic: i % 2 === 0 ? '(1 AND 2) OR 3' : 'any',
    conditions: [
      { fact: FACTS[i % FACTS.length], operator: 'gt', value: String(10 + i) },
      { fact: 'category', operator: 'present', value: `cat-${i % 7}` },
      { fact: FACTS[(i + 1) % FACTS.length], operator: 'lt', value: String(1000 * i) },
    ],
    approvers: [{ kind: 'role', role: 'approver' }],
  })),
}).rules;
const lines = Array.from({ length: 10_000 }, (_, i) => ({
  sku: `SKU-${i % 500}`,
  quantity: String((i % 20) + 1),
  listUnit: `${(i % 997) + 1}.99`,
  discountPercent: String(i % 35),
}));
const priced = pricedQuote(lines);
const products = new Map<string, ProductFacts>(
  Array.from({ length: 500 }, (_, i) => [`SKU-${i}`, { category: `cat-${i % 7}`, cost: { USD: '1.5' } }]),
);

const evaluation: number[] = [];
for (let round = 0; round < ROUNDS + 3; round++) {
  const started = performance.now();
  const facts = computeQuoteFacts({ currency: 'USD', termMonths: '36', priced, products });
  evaluateRules(compileRules(rules), facts);
  if (round >= 3) evaluation.push(performance.now() - started);
}

const pdf = createPdfRenderer();
const branding = BrandingSchema.parse({ sellerName: 'Bench GmbH', addressLines: ['1 Main Street'] });
await pdf.render('<p>warm-up</p>');
const documents: Record<string, number> = {};
for (const count of [50, 1000]) {
  const samples: number[] = [];
  for (let round = 0; round < Math.max(3, Math.floor(ROUNDS / 4)); round++) {
    const started = performance.now();
    await pdf.render(renderQuoteDocument(buildDocumentModel(fixtureQuote(count), branding), null));
    samples.push(performance.now() - started);
  }
  documents[`pdf${count}LinesP95Ms`] = p95(samples);
}
await pdf.close();

const result = {
  bench: 'approvals',
  rules: 50,
  quoteLines: 10_000,
  ruleEvaluationP95Ms: p95(evaluation),
  ruleEvaluationTargetMs: 50,
  ...documents,
  pdf50TargetMs: 1000,
  pdf1000TargetMs: 5000,
  loadAverage1m: Math.round((loadavg()[0] ?? 0) * 100) / 100,
};
process.stdout.write(`${JSON.stringify(result)}\n`);
