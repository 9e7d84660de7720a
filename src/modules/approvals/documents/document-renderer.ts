import { createHash } from 'node:crypto';
import type { TemplateDelegate } from 'handlebars';
import { AppError } from '../../../kernel/errors/app-error.ts';
import { APPROVALS_ERROR_CODES as CODES } from '../approvals-error-codes.ts';
import { DEFAULT_QUOTE_TEMPLATE, DOCUMENT_STYLES } from './default-quote-template.ts';
import { createDocumentHandlebars } from './document-helpers.ts';
import type { QuoteDocumentModel } from './quote-document-model.ts';

const hbs = createDocumentHandlebars();
const compiled = new Map<string, TemplateDelegate>();

/**
 * Compiles a portal's template. Triple-stash (`{{{x}}}`) and `{{& x}}` would print a value without
 * escaping, so they are refused: every value a rep or buyer typed ends up escaped.
 */
export function compileQuoteTemplate(source: string): TemplateDelegate {
  const cached = compiled.get(source);
  if (cached) return cached;
  if (/\{\{\{|\{\{~?\s*&/.test(source))
    throw new AppError('validation', CODES.DOCUMENT_TEMPLATE_INVALID, 'Templates may not print unescaped values', {
      issues: [{ path: 'template', message: 'remove {{{ }}} and {{& }}' }],
    });
  try {
    const template = hbs.compile(source, { strict: false, knownHelpersOnly: false });
    // Compile now so syntax errors surface at save time, not at render time.
    template({});
    if (compiled.size > 100) compiled.clear();
    compiled.set(source, template);
    return template;
  } catch (error) {
    throw new AppError('validation', CODES.DOCUMENT_TEMPLATE_INVALID, 'The template does not compile', {
      issues: [{ path: 'template', message: error instanceof Error ? (error.message.split('\n')[0] ?? '') : '' }],
      cause: error,
    });
  }
}

/** The document body (article) for a model, with the portal's template or the default. */
export function renderQuoteBody(model: QuoteDocumentModel, template: string | null): string {
  return compileQuoteTemplate(template ?? DEFAULT_QUOTE_TEMPLATE)(model);
}

/** A standalone HTML document (what the PDF is printed from). */
export function renderQuoteDocument(model: QuoteDocumentModel, template: string | null): string {
  const title = hbs.escapeExpression(model.quote.title);
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title><style>${DOCUMENT_STYLES}</style></head><body>${renderQuoteBody(model, template)}</body></html>`;
}

export function sha256Hex(content: string | Uint8Array): string {
  return createHash('sha256').update(content).digest('hex');
}
