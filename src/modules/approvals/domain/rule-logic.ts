/**
 * Custom condition logic such as `(1 AND 2) OR 3`, the notation of Salesforce's "Advanced
 * Condition" on price rules and approval rules ("Price Rule Fields", Salesforce Help). A tiny
 * recursive-descent parser: numbers name conditions (1-based), AND binds tighter than OR,
 * parentheses group. No NOT: every rule stays monotone, which smart approval relies on (a value
 * that did not get worse cannot make a rule fire that did not fire before). Never `eval`.
 */
export type LogicNode =
  { op: 'ref'; index: number } | { op: 'and'; items: LogicNode[] } | { op: 'or'; items: LogicNode[] };

export type LogicParseResult = { ok: true; node: LogicNode } | { ok: false; message: string };

type Token = { kind: 'num'; value: number; at: number } | { kind: 'and' | 'or' | '(' | ')'; at: number };

const MAX_LOGIC_LENGTH = 500;

function tokenize(text: string): Token[] | string {
  const tokens: Token[] = [];
  const pattern = /\s*(?:(\d{1,3})|(AND)\b|(OR)\b|(\()|(\)))/iy;
  let at = 0;
  while (at < text.length) {
    if (/^\s*$/.test(text.slice(at))) break;
    pattern.lastIndex = at;
    const match = pattern.exec(text);
    if (!match) return `unexpected "${text.slice(at).trim().slice(0, 10)}" at position ${at + 1}`;
    if (match[1] !== undefined) tokens.push({ kind: 'num', value: Number.parseInt(match[1], 10), at });
    else if (match[2] !== undefined) tokens.push({ kind: 'and', at });
    else if (match[3] !== undefined) tokens.push({ kind: 'or', at });
    else if (match[4] !== undefined) tokens.push({ kind: '(', at });
    else tokens.push({ kind: ')', at });
    at = pattern.lastIndex;
  }
  return tokens;
}

export function parseRuleLogic(text: string, conditionCount: number): LogicParseResult {
  if (text.length > MAX_LOGIC_LENGTH) return { ok: false, message: `at most ${MAX_LOGIC_LENGTH} characters` };
  const tokenized = tokenize(text);
  if (typeof tokenized === 'string') return { ok: false, message: tokenized };
  const tokens: Token[] = tokenized;
  if (tokens.length === 0) return { ok: false, message: 'is empty' };
  let position = 0;
  let depth = 0;

  const fail = (message: string): never => {
    throw new LogicError(message);
  };
  const describe = (token: Token | undefined) =>
    token === undefined ? 'end of text' : token.kind === 'num' ? `"${token.value}"` : `"${token.kind.toUpperCase()}"`;

  function operand(): LogicNode {
    const token = tokens[position];
    if (token?.kind === 'num') {
      position += 1;
      if (token.value < 1 || token.value > conditionCount)
        fail(`condition ${token.value} does not exist (there are ${conditionCount})`);
      return { op: 'ref', index: token.value };
    }
    if (token?.kind === '(') {
      position += 1;
      depth += 1;
      if (depth > 20) fail('nested too deeply');
      const inner = orExpression();
      if (tokens[position]?.kind !== ')') fail(`expected ")" but found ${describe(tokens[position])}`);
      position += 1;
      depth -= 1;
      return inner;
    }
    return fail(`expected a condition number or "(" but found ${describe(token)}`);
  }

  function andExpression(): LogicNode {
    const items = [operand()];
    while (tokens[position]?.kind === 'and') {
      position += 1;
      items.push(operand());
    }
    return items.length === 1 && items[0] ? items[0] : { op: 'and', items };
  }

  function orExpression(): LogicNode {
    const items = [andExpression()];
    while (tokens[position]?.kind === 'or') {
      position += 1;
      items.push(andExpression());
    }
    return items.length === 1 && items[0] ? items[0] : { op: 'or', items };
  }

  try {
    const node = orExpression();
    if (position < tokens.length) fail(`unexpected ${describe(tokens[position])}`);
    return { ok: true, node };
  } catch (error) {
    if (error instanceof LogicError) return { ok: false, message: error.message };
    throw error;
  }
}

class LogicError extends Error {}

/** Evaluates against the conditions' results (index 1 = results[0]). */
export function evaluateLogic(node: LogicNode, results: readonly boolean[]): boolean {
  switch (node.op) {
    case 'ref':
      return results[node.index - 1] === true;
    case 'and':
      return node.items.every((item) => evaluateLogic(item, results));
    case 'or':
      return node.items.some((item) => evaluateLogic(item, results));
  }
}
