import { Chalk, type ChalkInstance } from 'chalk';
import type { Diagnostic, FileResult, Lang } from '../../diagnostics/types.js';
import {
  countProblems,
  summaryText,
  type FormatOptions,
  type Formatter,
  type ProblemCounts,
} from './index.js';

/**
 * The default, human format: one block per problem, files in input order,
 *
 *   plans/qingxi.yaml:12:5  错误  …message…  FG2001
 *     11 │ kind: plan
 *   > 12 │   titel: …
 *        │   ^^^^^
 *     提示：…
 *
 * and a summary line. Carets line up under Chinese text (wide characters count two columns).
 */
export const formatStylish: Formatter = (results, options) => {
  const blocks = stylishBlocks(results, options);
  const summary = stylishSummary(countProblems(results), options);
  return `${blocks}${summary}\n`;
};

/**
 * The problem blocks alone, each followed by a blank line ('' without problems): a long list can
 * be printed a chunk of files at a time, then `stylishSummary` once for all of them.
 */
export function stylishBlocks(results: readonly FileResult[], options: FormatOptions): string {
  const paint = new Chalk({ level: options.color ? 1 : 0 });
  const words = text[options.lang];
  let out = '';
  for (const result of results) {
    const lines = result.source?.split('\n');
    for (const d of result.diagnostics) out += `${problemBlock(d, lines, words, paint)}\n\n`;
  }
  return out;
}

export const stylishSummary = (counts: ProblemCounts, options: FormatOptions): string =>
  summaryLine(counts, options.lang, new Chalk({ level: options.color ? 1 : 0 }));

interface Words {
  error: string;
  warning: string;
  hint: string;
}

const text: Record<Lang, Words> = {
  'zh-CN': { error: '错误', warning: '警告', hint: '提示：' },
  en: { error: 'error', warning: 'warning', hint: 'hint: ' },
};

function problemBlock(
  d: Diagnostic,
  lines: string[] | undefined,
  words: Words,
  paint: ChalkInstance,
): string {
  const severity = d.severity === 'error' ? paint.red(words.error) : paint.yellow(words.warning);
  const out = [
    `${paint.bold(`${visible(d.file)}:${d.line}:${d.column}`)}  ${severity}  ${visible(d.message)}  ${paint.dim(d.code)}`,
  ];
  if (lines) out.push(...codeFrame(lines, d, paint));
  if (d.hint) out.push(`  ${paint.cyan(words.hint + visible(d.hint))}`);
  return out.join('\n');
}

/** Longest stretch of a source line shown, in UTF-16 units; longer lines are cut around the column. */
const WINDOW = 72;

/** One line of context above, the offending line, and carets under the offending span. */
export function codeFrame(lines: readonly string[], d: Diagnostic, paint: ChalkInstance): string[] {
  const line = lines[d.line - 1];
  if (line === undefined || d.line < 1) return [];
  const gutterWidth = String(d.line).length;
  const gutter = (n: number | '', mark: string): string =>
    `${mark} ${String(n).padStart(gutterWidth)} ${paint.dim('│')}`;

  const out: string[] = [];
  const previous = lines[d.line - 2];
  if (previous !== undefined && previous.trim() !== '') {
    out.push(`${gutter(d.line - 1, ' ')} ${visible(cut(previous, 0, WINDOW).text)}`);
  }
  const col = Math.max(0, Math.min(d.column - 1, line.length));
  const spanEnd =
    d.endLine === d.line && d.endColumn !== undefined && d.endColumn - 1 > col
      ? Math.min(d.endColumn - 1, line.length)
      : col + 1;
  const start = line.length > WINDOW ? Math.max(0, col - 24) : 0;
  const shown = cut(line, start, WINDOW);
  out.push(`${gutter(d.line, paint.red('>'))} ${visible(shown.text)}`);

  const lead = (shown.from > 0 ? '…' : '') + line.slice(shown.from, col);
  const underlined = line.slice(col, Math.min(spanEnd, shown.end));
  const pad = [...visible(lead)].map((ch) => (ch === '\t' ? '\t' : ' '.repeat(width(ch)))).join('');
  const carets = '^'.repeat(Math.max(1, displayWidth(visible(underlined))));
  out.push(`${gutter('', ' ')} ${pad}${paint.red(carets)}`);
  return out;
}

/** `line` from `start`, at most `max` UTF-16 units, never splitting a surrogate pair; `…` marks cuts. */
function cut(
  line: string,
  start: number,
  max: number,
): { text: string; from: number; end: number } {
  let from = start;
  if (isLowSurrogate(line.charCodeAt(from))) from--;
  let end = Math.min(line.length, from + max);
  if (end < line.length && isLowSurrogate(line.charCodeAt(end))) end++;
  const text = (from > 0 ? '…' : '') + line.slice(from, end) + (end < line.length ? '…' : '');
  return { text, from, end };
}

const isLowSurrogate = (code: number): boolean => code >= 0xdc00 && code <= 0xdfff;

/**
 * Control characters from the user's file (ESC, BEL, NUL…) would drive the terminal; show them
 * as `\x1b`-style text instead. Tabs stay.
 */
export const visible = (s: string): string =>
  // eslint-disable-next-line no-control-regex
  s.replace(/[\u0000-\u0008\u000a-\u001f\u007f-\u009f]/g, (ch) => {
    return `\\x${ch.charCodeAt(0).toString(16).padStart(2, '0')}`;
  });

/** Terminal columns taken by one character: 2 for CJK and other East Asian wide forms, 0 for marks. */
export function width(ch: string): number {
  const cp = ch.codePointAt(0) ?? 0;
  if (
    (cp >= 0x0300 && cp <= 0x036f) ||
    (cp >= 0x200b && cp <= 0x200f) ||
    (cp >= 0xfe00 && cp <= 0xfe0f) ||
    cp === 0xfeff
  ) {
    return 0;
  }
  if (
    (cp >= 0x1100 && cp <= 0x115f) ||
    (cp >= 0x2e80 && cp <= 0x303e) ||
    (cp >= 0x3041 && cp <= 0x33ff) ||
    (cp >= 0x3400 && cp <= 0x4dbf) ||
    (cp >= 0x4e00 && cp <= 0x9fff) ||
    (cp >= 0xa000 && cp <= 0xa4cf) ||
    (cp >= 0xac00 && cp <= 0xd7a3) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xfe30 && cp <= 0xfe4f) ||
    (cp >= 0xff00 && cp <= 0xff60) ||
    (cp >= 0xffe0 && cp <= 0xffe6) ||
    (cp >= 0x1f300 && cp <= 0x1f64f) ||
    (cp >= 0x1f900 && cp <= 0x1f9ff) ||
    (cp >= 0x20000 && cp <= 0x3fffd)
  ) {
    return 2;
  }
  return 1;
}

export const displayWidth = (s: string): number => {
  let total = 0;
  for (const ch of s) total += width(ch);
  return total;
};

function summaryLine(counts: ProblemCounts, lang: Lang, paint: ChalkInstance): string {
  const line = summaryText(counts, lang);
  if (counts.errors > 0) return paint.red.bold(line);
  return counts.warnings > 0 ? paint.yellow.bold(line) : paint.green(line);
}
