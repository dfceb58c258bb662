/**
 * A quick look at a template's mustaches before Handlebars parses it. Handlebars' parser takes
 * quadratic time in block nesting (4,000 nested `{{#if}}` take 16 s) and its compiler recurses
 * once per level, so a template nested thousands deep would hang or overflow the stack: the scan
 * refuses it first. It also finds the unclosed block or mustache a parse error at the end of
 * the file is really about. It runs in one pass without recursion.
 */

/** Deeper than any real template (the built-in ones nest four levels). */
export const MAX_TEMPLATE_NESTING = 100;

export interface TemplateScan {
  /** Offset of the first block, `{{else …}}` chain or sub-expression nested deeper than the limit. */
  tooDeep?: number;
  /** Offset of the innermost block still open at the end of the file. */
  unclosed?: number;
  /** Offset of a `{{` without a closing `}}`. */
  unterminated?: number;
}

/** Offset in `inner` of the first `(` nested more than `allowed` deep (outside strings), or -1. */
function tooDeepParen(inner: string, allowed: number): number {
  let depth = 0;
  let quote: string | undefined;
  for (let i = 0; i < inner.length; i++) {
    const c = inner[i];
    if (quote !== undefined) {
      if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '(') {
      if (++depth > allowed) return i;
    } else if (c === ')') depth--;
  }
  return -1;
}

export function scanTemplate(source: string, limit: number = MAX_TEMPLATE_NESTING): TemplateScan {
  // One entry per open block: its offset and the `{{else if …}}` links chained onto it (each one
  // nests a further block in Handlebars' syntax tree).
  const open: { at: number; chained: number }[] = [];
  let depth = 0;
  let i = 0;
  for (;;) {
    const start = source.indexOf('{{', i);
    if (start < 0) break;
    if (source[start - 1] === '\\' && source[start - 2] !== '\\') {
      i = start + 2; // `\{{` prints the braces literally
      continue;
    }
    let body = start + 2;
    while (source[body] === '{') body++;
    if (source[body] === '~') body++;
    if (source.startsWith('!--', body)) {
      const end = source.indexOf('--', body + 3);
      const close = end < 0 ? -1 : source.indexOf('}}', end);
      if (close < 0) return { unterminated: start };
      i = close + 2;
      continue;
    }
    const close = source.indexOf('}}', body);
    if (close < 0) return { unterminated: start };
    i = close + 2;
    const raw = source.slice(body, close);
    const inner = raw.replace(/~$/, '').trim();
    if (inner.startsWith('!')) continue;

    const paren = tooDeepParen(raw, limit - depth);
    if (paren >= 0) return { tooDeep: body + paren };

    const head = inner[0];
    if (head === '#' || (head === '^' && inner.slice(1).trim() !== '')) {
      open.push({ at: start, chained: 0 });
      depth++;
    } else if (head === '/') {
      const closed = open.pop();
      if (closed) depth -= 1 + closed.chained;
    } else if (/^else\s+\S/.test(inner)) {
      const current = open[open.length - 1];
      if (current) {
        current.chained++;
        depth++;
      }
    } else continue;
    if (depth > limit) return { tooDeep: start };
  }
  const innermost = open[open.length - 1];
  return innermost === undefined ? {} : { unclosed: innermost.at };
}

/** 1-based line and column (UTF-16 units) of an offset. */
export function positionAt(source: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = source.indexOf('\n'); i >= 0 && i < offset; i = source.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: offset - lineStart + 1 };
}
