import { DOCUMENT_STYLES } from '../documents/default-quote-template.ts';
import { createDocumentHandlebars } from '../documents/document-helpers.ts';

/**
 * The buyer page around the quote document: the quote, its PDF, and the clickwrap acceptance
 * (typed full name + title + consent checkbox) or a decline with a reason. Server-rendered, no
 * script; every value escaped by Handlebars. The same "not available" page answers unknown,
 * expired, revoked and superseded links so a token cannot be probed.
 */
const hbs = createDocumentHandlebars();

const LAYOUT = hbs.compile(`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<meta name="referrer" content="no-referrer">
<title>{{title}}</title>
<style>{{styles}}
  .buyer-bar { max-width: 900px; margin: 0 auto; padding: 16px 32px; display: flex; justify-content: space-between; align-items: center; }
  .buyer-actions { max-width: 900px; margin: 0 auto 48px; padding: 0 32px; display: grid; grid-template-columns: 1fr 1fr; gap: 24px; }
  .panel { border: 1px solid #cbd6e2; border-radius: 6px; padding: 16px 20px; }
  .panel h2 { margin-top: 0; }
  label { display: block; margin: 10px 0 4px; font-weight: bold; }
  input[type=text], textarea { width: 100%; padding: 8px; border: 1px solid #cbd6e2; border-radius: 4px; font: inherit; }
  .consent { font-weight: normal; display: flex; gap: 8px; align-items: flex-start; }
  button { margin-top: 14px; padding: 10px 18px; border: 0; border-radius: 4px; font: inherit; font-weight: bold; cursor: pointer; }
  button.accept { background: #00bda5; color: #fff; }
  button.decline { background: #eaf0f6; color: #33475b; }
  .notice { max-width: 640px; margin: 80px auto; padding: 32px; border: 1px solid #cbd6e2; border-radius: 6px; text-align: center; }
  .status { max-width: 900px; margin: 0 auto 32px; padding: 16px 32px; background: #e5f8f6; border-left: 4px solid #00bda5; }
  .status.declined { background: #fdedee; border-color: #f2545b; }
  a.pdf { color: #0091ae; font-weight: bold; }
</style>
</head>
<body>{{{body}}}</body>
</html>`);

const OPEN = hbs.compile(`
<div class="buyer-bar"><span>Quote from {{sellerName}}</span><a class="pdf" href="{{pdfUrl}}" download>Download PDF</a></div>
{{{document}}}
<div class="buyer-actions">
  <form class="panel" method="post" action="{{acceptUrl}}">
    <h2>Accept this quote</h2>
    <input type="hidden" name="csrf" value="{{csrf}}">
    <input type="hidden" name="documentSha256" value="{{documentSha256}}">
    <label for="fullName">Full name</label>
    <input id="fullName" name="fullName" type="text" required maxlength="200" autocomplete="name">
    <label for="title">Title</label>
    <input id="title" name="title" type="text" required maxlength="200" autocomplete="organization-title">
    <label class="consent"><input id="consent" name="consent" type="checkbox" value="yes" required>
      <span>I have read this quote and I accept it on behalf of my organisation. Typing my name is my electronic signature.</span></label>
    <button class="accept" type="submit">Accept quote</button>
  </form>
  <form class="panel" method="post" action="{{declineUrl}}">
    <h2>Decline</h2>
    <input type="hidden" name="csrf" value="{{csrf}}">
    <input type="hidden" name="documentSha256" value="{{documentSha256}}">
    <label for="reason">Reason</label>
    <textarea id="reason" name="reason" rows="4" required maxlength="2000"></textarea>
    <button class="decline" type="submit">Decline quote</button>
  </form>
</div>`);

const ANSWERED = hbs.compile(`
<div class="buyer-bar"><span>Quote from {{sellerName}}</span><a class="pdf" href="{{pdfUrl}}" download>Download PDF</a></div>
<div class="status {{decision}}" role="status">
  {{#if (eq decision "accepted")}}Accepted by <strong>{{fullName}}</strong>{{#if title}}, {{title}}{{/if}} on {{decidedAt}}. Thank you.
  {{else}}You declined this quote on {{decidedAt}}. Your sales representative has been told.{{/if}}
</div>
{{{document}}}`);

const NOTICE = hbs.compile(`<div class="notice" role="alert"><h1>{{heading}}</h1><p>{{message}}</p></div>`);

function page(title: string, body: string): string {
  return LAYOUT({ title, styles: DOCUMENT_STYLES, body });
}

export interface OpenPageInput {
  sellerName: string;
  /** The rendered (escaped) document body. */
  document: string;
  documentSha256: string;
  csrf: string;
  pdfUrl: string;
  acceptUrl: string;
  declineUrl: string;
}

export function openPage(title: string, input: OpenPageInput): string {
  return page(title, OPEN(input));
}

export function answeredPage(
  title: string,
  input: {
    sellerName: string;
    document: string;
    pdfUrl: string;
    decision: 'accepted' | 'declined';
    fullName: string | null;
    title: string | null;
    decidedAt: string;
  },
): string {
  return page(title, ANSWERED(input));
}

/** One page for every link that does not open a quote (unknown, expired, revoked, superseded). */
export function unavailablePage(): string {
  return page(
    'Quote not available',
    NOTICE({
      heading: 'This quote link is not available',
      message:
        'The link may have expired, been replaced by a newer version of the quote, or been withdrawn. Please ask your sales representative for a current link.',
    }),
  );
}

export function noticePage(heading: string, message: string): string {
  return page(heading, NOTICE({ heading, message }));
}
