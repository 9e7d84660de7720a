/**
 * JSON.parse turns an integer literal beyond 2^53 into the nearest double: HubSpot's 18-digit
 * webhook eventIds would collapse into one another. Before parsing, such literals are wrapped in
 * quotes so they arrive as exact decimal text (schemas then accept ids as number or text). Only
 * integer literals outside JavaScript's safe range change; strings and other numbers are untouched.
 * (MDN "Number.MAX_SAFE_INTEGER".)
 */
export function quoteUnsafeIntegers(text: string): string {
  let out = '';
  let copied = 0;
  let i = 0;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === 0x22) {
      // Skip a string literal, honouring backslash escapes.
      i += 1;
      while (i < text.length && text.charCodeAt(i) !== 0x22) i += text.charCodeAt(i) === 0x5c ? 2 : 1;
      i += 1;
      continue;
    }
    const isDigit = (at: number) => at < text.length && text.charCodeAt(at) >= 0x30 && text.charCodeAt(at) <= 0x39;
    if (c === 0x2d || isDigit(i)) {
      let end = c === 0x2d ? i + 1 : i;
      while (isDigit(end)) end += 1;
      const next = text[end];
      const integer = next !== '.' && next !== 'e' && next !== 'E';
      const literal = text.slice(i, end);
      if (integer && literal.length >= 16 && !Number.isSafeInteger(Number(literal))) {
        out += `${text.slice(copied, i)}"${literal}"`;
        copied = end;
      }
      while (end < text.length && /[0-9.eE+-]/.test(text[end] ?? '')) end += 1;
      i = Math.max(end, i + 1);
      continue;
    }
    i += 1;
  }
  return out + text.slice(copied);
}
