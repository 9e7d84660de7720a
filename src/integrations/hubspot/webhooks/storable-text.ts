/**
 * PostgreSQL text and jsonb cannot hold U+0000 ("unsupported Unicode escape sequence"), and a lone
 * UTF-16 surrogate is not Unicode at all (PostgreSQL docs "JSON Types": \u0000 is not allowed in
 * jsonb). A webhook event carrying either, or nested absurdly deep, is rejected on its own so the
 * rest of its batch is still stored (HubSpot redelivers a failed batch and then drops all of it).
 */
export const MAX_EVENT_DEPTH = 32;

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

function textProblem(text: string): string | undefined {
  if (text.includes('\u0000')) return 'contains U+0000 (NUL)';
  if (LONE_SURROGATE.test(text)) return 'contains a lone UTF-16 surrogate';
  return undefined;
}

/** Why `value` cannot be stored (`propertyValue contains U+0000 (NUL)`), or undefined when it can. */
export function unstorableReason(value: unknown): string | undefined {
  const stack: Array<{ value: unknown; path: string; depth: number }> = [{ value, path: '', depth: 0 }];
  while (stack.length > 0) {
    const item = stack.pop();
    if (!item) break;
    const at = item.path === '' ? 'event' : item.path;
    if (typeof item.value === 'string') {
      const problem = textProblem(item.value);
      if (problem) return `${at} ${problem}`;
      continue;
    }
    if (item.value === null || typeof item.value !== 'object') continue;
    if (item.depth >= MAX_EVENT_DEPTH) return `${at} is nested deeper than ${MAX_EVENT_DEPTH} levels`;
    for (const [key, child] of Object.entries(item.value)) {
      const keyProblem = textProblem(key);
      if (keyProblem) return `a field name in ${at} ${keyProblem}`;
      stack.push({ value: child, path: item.path === '' ? key : `${item.path}.${key}`, depth: item.depth + 1 });
    }
  }
  return undefined;
}

/** What is kept of a rejected event: its identifying fields, so operators can find it in HubSpot. */
export function rejectedEventPayload(event: Record<string, unknown>, reason: string): Record<string, unknown> {
  const kept: Record<string, unknown> = { rejected: reason };
  for (const field of ['eventId', 'subscriptionId', 'portalId', 'appId', 'occurredAt', 'subscriptionType']) {
    const value = event[field];
    if (value !== undefined && unstorableReason(value) === undefined) kept[field] = value;
  }
  for (const field of ['objectId', 'objectTypeId', 'propertyName', 'changeSource']) {
    const value = event[field];
    if (typeof value === 'string' && unstorableReason(value) === undefined) kept[field] = value.slice(0, 500);
  }
  return kept;
}
