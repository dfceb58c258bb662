import type { AlignType, Html, PhrasingContent, Root, RootContent, Table, TableCell } from 'mdast';

/*
 * A lean parser for the Markdown our built-in templates emit (docs/internals.md): ATX headings,
 * one-line `<!-- … -->` comments, fenced code, GFM tables with `<br>` in cells, paragraphs of
 * plain text with backslash escapes, `&lt;`/`&gt;`/`&amp;`/`&quot;` and `**strong**`. It gives the
 * same mdast as mdast-util-from-markdown (without positions) about fifty times faster: micromark
 * spends 15-30 ms on one quarterly report, mostly on its tables, which made parsing the largest
 * cost of a batch export.
 *
 * It recognises only what it is sure about. Anything else (lists, block quotes, indented lines,
 * emphasis with `_`, links, code spans, other HTML, hard breaks, tabs, CR …) makes it give up
 * and return `undefined`, and the caller parses with micromark instead. test/markdown-dialect
 * checks it against micromark on every built-in template output and on generated input.
 */

/** Thrown (and caught in `parseDialect`) when the input leaves the subset. */
class Unsupported extends Error {}
const unsupported = (): never => {
  throw new Unsupported();
};

/** Parses `markdown` if it stays inside the subset; `undefined` means: use the full parser. */
export function parseDialect(markdown: string): Root | undefined {
  // Tabs (column arithmetic), CR (line endings) and other control characters: full parser.
  // eslint-disable-next-line no-control-regex -- finding control characters is the point
  if (/[\0-\x09\x0b-\x1f\x7f]/.test(markdown)) return undefined;
  try {
    return { type: 'root', children: blocks(markdown.split('\n')) };
  } catch (err) {
    if (err instanceof Unsupported) return undefined;
    throw err;
  }
}

const BLANK = /^ *$/;
const HEADING = /^(#{1,6})(?: +([^]*?))? *$/;
const FENCE_OPEN = /^(`{3,})([^`]*)$/;
const DELIMITER_CELL = /^(:?)-+(:?)$/;
const ORDERED_MARKER = /^\d{1,9}[.)](?: |$)/;
/** First characters that may start something other than a paragraph (or a continuation line). */
const BLOCK_START = new Set([' ', '>', '-', '+', '*', '_', '=', '#', '<', '|', '`', '~', '[']);

/** Markdown trims spaces only: U+3000 and other Unicode spaces are text. */
const trimSpaces = (s: string): string => s.replace(/^ +| +$/g, '');

/** Can `line` only be paragraph text, wherever it stands? */
const plainLine = (line: string): boolean =>
  !BLOCK_START.has(line[0] ?? ' ') && !ORDERED_MARKER.test(line);

function blocks(lines: readonly string[]): RootContent[] {
  const out: RootContent[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i] as string;
    if (BLANK.test(line)) {
      i++;
      continue;
    }
    const first = line[0];
    if (first === '#') {
      const m = HEADING.exec(line) ?? unsupported();
      const text = m[2] ?? '';
      if (/(?:^| )#+$/.test(text)) unsupported(); // a closing sequence: leave it to micromark
      const depth = (m[1] as string).length as 1 | 2 | 3 | 4 | 5 | 6;
      out.push({ type: 'heading', depth, children: inline(text, false) });
      i++;
    } else if (first === '<') {
      if (!line.startsWith('<!--') || !line.includes('-->')) unsupported();
      out.push({ type: 'html', value: line });
      i++;
    } else if (first === '`') {
      i = fencedCode(lines, i, out);
    } else if (first === '|') {
      i = table(lines, i, out);
    } else if (plainLine(line)) {
      i = paragraph(lines, i, out);
    } else unsupported();
  }
  return out;
}

function fencedCode(lines: readonly string[], start: number, out: RootContent[]): number {
  const m = FENCE_OPEN.exec(lines[start] as string) ?? unsupported();
  const fence = m[1] as string;
  const info = trimSpaces(m[2] as string);
  // Escapes and references in the info string, and trailing spaces (micromark keeps one in meta).
  if (/[\\&]/.test(info) || (lines[start] as string).endsWith(' ')) unsupported();
  const close = new RegExp(`^ {0,3}${fence}\`* *$`);
  let end = start + 1;
  while (end < lines.length && !close.test(lines[end] as string)) end++;
  if (end >= lines.length) unsupported(); // unclosed: runs to the end of the document
  const space = info.search(/ /);
  out.push({
    type: 'code',
    lang: (space < 0 ? info : info.slice(0, space)) || null,
    meta: space < 0 ? null : trimSpaces(info.slice(space)) || null,
    value: lines.slice(start + 1, end).join('\n'),
  });
  return end + 1;
}

/** Raw cells of a `| a | b |` row, trimmed; escaped pipes stay in the cell (`\|`). */
function rowCells(line: string): string[] {
  const row = line.replace(/ +$/, '');
  if (row.length < 2 || row[0] !== '|' || !row.endsWith('|')) unsupported();
  const cells: string[] = [];
  let cell = '';
  for (let i = 1; i < row.length; i++) {
    const c = row[i] as string;
    if (c === '\\' && i + 1 < row.length) {
      cell += c + (row[i + 1] as string);
      i++;
    } else if (c === '|') {
      cells.push(trimSpaces(cell));
      cell = '';
    } else cell += c;
  }
  if (cell !== '') unsupported(); // the last pipe was escaped
  return cells;
}

function table(lines: readonly string[], start: number, out: RootContent[]): number {
  const header = rowCells(lines[start] as string);
  const delimiter = rowCells(lines[start + 1] ?? '');
  if (delimiter.length !== header.length) unsupported();
  const align = delimiter.map((cell): AlignType => {
    const m = DELIMITER_CELL.exec(cell) ?? unsupported();
    if (m[1] && m[2]) return 'center';
    if (m[1]) return 'left';
    return m[2] ? 'right' : null;
  });
  const rowOf = (cells: string[]): Table['children'][number] => ({
    type: 'tableRow',
    children: cells.map((c): TableCell => ({ type: 'tableCell', children: inline(c, true) })),
  });
  const node: Table = { type: 'table', align, children: [rowOf(header)] };
  let i = start + 2;
  for (; i < lines.length && !BLANK.test(lines[i] as string); i++) {
    const cells = rowCells(lines[i] as string);
    if (cells.length !== header.length) unsupported();
    node.children.push(rowOf(cells));
  }
  out.push(node);
  return i;
}

function paragraph(lines: readonly string[], start: number, out: RootContent[]): number {
  let end = start + 1;
  while (end < lines.length && !BLANK.test(lines[end] as string)) {
    if (!plainLine(lines[end] as string)) unsupported(); // might interrupt the paragraph
    end++;
  }
  const body = lines.slice(start, end);
  // Trailing spaces or a backslash before a line break make a hard break: full parser.
  for (const line of body.slice(0, -1)) if (/[ \\]$/.test(line)) unsupported();
  const text = body.join('\n').replace(/ +$/, '');
  out.push({ type: 'paragraph', children: inline(text, false) });
  return end;
}

// ---- inline ------------------------------------------------------------------------------

/** Everything the inline scanner must look at; the rest is copied as it is. */
const SPECIAL = /[\\&*<_`[\]~]/g;
const REFERENCE = /&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{0,31});/y;
const NAMED: Record<string, string> = { '&lt;': '<', '&gt;': '>', '&amp;': '&', '&quot;': '"' };
const ASCII_PUNCTUATION = /[!-/:-@[-`{-~]/;
/** Whitespace or Unicode punctuation/symbols: next to `**` they change what it means. */
const NOT_PLAIN = /[\s\p{P}\p{S}]/u;
const BR = '<br>';

function inline(text: string, inCell: boolean): PhrasingContent[] {
  const out: PhrasingContent[] = [];
  let buffer = '';
  const flush = (): void => {
    if (buffer !== '') out.push({ type: 'text', value: buffer });
    buffer = '';
  };
  let from = 0;
  SPECIAL.lastIndex = 0;
  for (let m = SPECIAL.exec(text); m; m = SPECIAL.exec(text)) {
    const at = m.index;
    buffer += text.slice(from, at);
    const c = m[0];
    let next = at + 1;
    if (c === '\\') {
      const escaped = text[at + 1];
      if (escaped === '\n') unsupported(); // hard break
      if (escaped !== undefined && ASCII_PUNCTUATION.test(escaped)) {
        buffer += escaped;
        next = at + 2;
      } else buffer += c;
    } else if (c === '&') {
      REFERENCE.lastIndex = at;
      const ref = REFERENCE.exec(text)?.[0];
      if (ref === undefined) buffer += c;
      else {
        buffer += NAMED[ref] ?? unsupported();
        next = at + ref.length;
      }
    } else if (c === '*') {
      flush();
      next = strong(text, at, out);
    } else if (c === '<' && inCell && text.startsWith(BR, at)) {
      flush();
      out.push({ type: 'html', value: BR } satisfies Html);
      next = at + BR.length;
    } else unsupported();
    from = next;
    SPECIAL.lastIndex = next;
  }
  buffer += text.slice(from);
  flush();
  return out;
}

/** `**plain words**` whose ends touch letters (so it opens and closes for sure); else give up. */
function strong(text: string, at: number, out: PhrasingContent[]): number {
  const open = at + 2;
  const close = text.indexOf('**', open);
  const inner = text.slice(open, close);
  if (
    !text.startsWith('**', at) ||
    close < 0 ||
    inner === '' ||
    /[\\&*<_`[\]~\n]/.test(inner) ||
    NOT_PLAIN.test(inner[0] as string) ||
    NOT_PLAIN.test(inner[inner.length - 1] as string) ||
    text[close + 2] === '*'
  )
    unsupported();
  out.push({ type: 'strong', children: [{ type: 'text', value: inner }] });
  return close + 2;
}
