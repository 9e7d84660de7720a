import { AppError } from '../errors/app-error.ts';

/** Deepest nesting of arrays and objects a JSON document may have; our contracts need under ten. */
export const MAX_JSON_DEPTH = 64;

/**
 * Refuses JSON nested deeper than `maxDepth` before it is parsed: parsing, validating and logging
 * a document nested thousands of levels recurses that deep and can end in a stack overflow (500).
 * One pass over the text counting brackets outside strings; the syntax itself is JSON.parse's job.
 */
export function assertJsonDepth(text: string, code = 'JSON_TOO_DEEP', maxDepth = MAX_JSON_DEPTH): void {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i += 1) {
    const ch = text.charCodeAt(i);
    if (inString) {
      if (ch === 0x5c) i += 1;
      else if (ch === 0x22) inString = false;
    } else if (ch === 0x22) inString = true;
    else if (ch === 0x7b || ch === 0x5b) {
      depth += 1;
      if (depth > maxDepth)
        throw new AppError('validation', code, `JSON is nested deeper than ${maxDepth} levels`, {
          issues: [{ path: '', message: `nested deeper than ${maxDepth} levels` }],
        });
    } else if (ch === 0x7d || ch === 0x5d) depth -= 1;
  }
}
