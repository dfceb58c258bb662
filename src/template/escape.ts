/**
 * Escaping plain text from plan files for the Markdown our templates emit. The goal is that the
 * reader (and the Word writer, which reads the same Markdown) sees the user's text literally:
 * `*`, `#`, `|`, `<script>` and `[x](javascript:…)` stay characters, never syntax. This is
 * escaping for Markdown, not HTML: `<` and `>` become `&lt;` `&gt;` so no raw HTML can get
 * through, everything else that Markdown could read as syntax gets a backslash.
 */

/** Where the text lands: a body part of paragraphs, one line (heading, list item, run-in text), or a table cell. */
export type EscapeContext = 'block' | 'inline' | 'cell';

const trimLine = (line: string): string => line.replace(/^[ \t]+|[ \t]+$/g, '');

const linesOf = (text: string): string[] =>
  text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map(trimLine)
    .filter((line) => line !== '');

const ASCII_VISIBLE_END = /[\x21-\x7e]$/;
const ASCII_VISIBLE_START = /^[\x21-\x7e]/;

/**
 * Joins the wrapped lines of one paragraph. YAML block scalars keep the author's line breaks,
 * which are only wraps: between Chinese characters the break disappears, between two pieces of
 * Latin text it becomes a space (as a reader would expect).
 */
export function joinLines(lines: readonly string[]): string {
  let out = '';
  for (const line of lines) {
    if (out !== '' && ASCII_VISIBLE_END.test(out) && ASCII_VISIBLE_START.test(line)) out += ' ';
    out += line;
  }
  return out;
}

/** Splits plain text into paragraphs (separated by blank lines), each joined into one line. */
export function splitParagraphs(text: string): string[] {
  return text
    .replace(/\r\n?/g, '\n')
    .split(/\n[ \t]*\n/)
    .map((p) => joinLines(linesOf(p)))
    .filter((p) => p !== '');
}

/** Text as one line: paragraphs and wraps joined. */
export const singleLine = (text: string): string => joinLines(linesOf(text));

// Characters that are Markdown (or GFM) syntax anywhere in a line. `&` only when it would start an
// entity or character reference such as `&amp;` or `&#60;`.
const INLINE_SYNTAX = /[\\`*_[\]#|~<>]|&(?=#?[0-9A-Za-z]+;)/g;

// GFM turns bare `http://…` and `www.…` into links and reads them from the raw source, so
// backslash escapes inside would leak into the link; a backslash in `\://` / `www\.` stops that.
const AUTOLINK_START = /:(?=\/\/)|(?<=(?:^|[^A-Za-z0-9])www)\./gi;

function escapeChars(line: string): string {
  return line
    .replace(INLINE_SYNTAX, (c) => {
      if (c === '<') return '&lt;';
      if (c === '>') return '&gt;';
      return `\\${c}`;
    })
    .replace(AUTOLINK_START, '\\$&');
}

/**
 * Escapes one line that may end up at the start of a Markdown line: besides the inline syntax,
 * an ordered-list marker (`1.` / `1)` followed by a space), `-`, `+` (bullets, thematic breaks) and
 * `=` (setext underline) are neutralised there.
 */
function escapeLine(line: string): string {
  return escapeChars(line)
    .replace(/^(\d{1,9})([.)])(?=[ \t]|$)/, '$1\\$2')
    .replace(/^[-+=]/, '\\$&');
}

/** Plain text -> escaped Markdown paragraphs (one string per paragraph, without blank lines). */
export const escapeParagraphs = (text: string): string[] => splitParagraphs(text).map(escapeLine);

/**
 * Escapes plain text for Markdown.
 * - `inline`: one line; wraps and paragraph breaks are joined (headings, run-in text).
 * - `block`: paragraphs separated by a blank line; wrapped lines inside a paragraph are joined.
 * - `cell`: one GFM table cell; every line break becomes `<br>` (the only break a cell can hold).
 * Leading and trailing spaces of lines are dropped, as Markdown would drop them anyway.
 */
export function escapeMarkdown(text: string, context: EscapeContext): string {
  switch (context) {
    case 'inline':
      return escapeLine(singleLine(text));
    case 'block':
      return escapeParagraphs(text).join('\n\n');
    case 'cell':
      return linesOf(text).map(escapeChars).join('<br>');
  }
}
