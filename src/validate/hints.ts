/**
 * Forgiving hints for what people type in Word or with a Chinese input method: typographic quotes
 * used as YAML quotes, an ASCII colon inside a Chinese sentence, a list written as one sentence
 * with full-width commas. Each gives the exact text to write instead.
 */
import { formatMessage } from '../diagnostics/catalog.js';
import type { Diagnostic, Lang } from '../diagnostics/types.js';
import type { ParsedYaml } from '../parse/index.js';
import { pointerOf, pointerSegments } from '../parse/index.js';
import { readablePath, type Issue } from './issue.js';
import { isObj } from './shape.js';

const HAN = /\p{Script=Han}/u;

/** `'text'` as a single-quoted YAML scalar. */
export const singleQuoted = (text: string): string => `'${text.replace(/'/g, "''")}'`;

const QUOTE_PAIRS: readonly [string, string][] = [
  ['\u201c', '\u201d'], // “ ”
  ['\u2018', '\u2019'], // ‘ ’
];

/** The text inside typographic quotes that wrap the whole of `value`, or undefined. */
export function smartQuoted(
  value: string,
): { open: string; close: string; inner: string } | undefined {
  for (const [open, close] of QUOTE_PAIRS) {
    if (value.length < 2 || !value.startsWith(open) || !value.endsWith(close)) continue;
    const inner = value.slice(1, -1);
    // `“健康中国”行动和“三减三健”` is ordinary text that happens to start and end with quotes.
    if (inner.includes(open) || inner.includes(close)) continue;
    return { open, close, inner };
  }
  return undefined;
}

// Module level, not a closure per call: V8 drops a per-call closure's optimised code at every
// full GC and the render worker compiled it again all run long.
function collectSmartQuotes(
  node: unknown,
  path: (string | number)[],
  toSource: (pointer: string) => string,
  issues: Issue[],
): void {
  if (typeof node === 'string') {
    const quoted = smartQuoted(node);
    if (!quoted) return;
    const pointer = pointerOf(path);
    const key = pointerSegments(toSource(pointer)).pop() ?? '';
    const fixed = singleQuoted(quoted.inner);
    issues.push({
      code: 'FG2402',
      pointer,
      params: { field: readablePath(pointer), open: quoted.open, close: quoted.close },
      hints: [{ code: 'FG2451', params: { fix: /^\d+$/.test(key) ? fixed : `${key}: ${fixed}` } }],
    });
  } else if (Array.isArray(node)) {
    for (let i = 0; i < node.length; i++) {
      path.push(i);
      collectSmartQuotes(node[i], path, toSource, issues);
      path.pop();
    }
  } else if (isObj(node)) {
    for (const key in node) {
      path.push(key);
      collectSmartQuotes(node[key], path, toSource, issues);
      path.pop();
    }
  }
}

/**
 * FG2402 for every string value wrapped in typographic quotes: YAML keeps them as part of the
 * text, so `unit: “%”` would print “%” into the document. The fix uses the key as the file spells
 * it (`toSource`).
 */
export function smartQuoteIssues(value: unknown, toSource: (pointer: string) => string): Issue[] {
  const issues: Issue[] = [];
  // The path as segments; a pointer is made only for a string that needs an issue.
  collectSmartQuotes(value, [], toSource, issues);
  return issues;
}

/** A long sentence shortened for a hint. */
const clip = (text: string, max = 40): string =>
  [...text].length > max ? `${[...text].slice(0, max).join('')}…` : text;

/**
 * `指导思想: 把…` read as a one-key mapping where text was expected: the sentence with a
 * full-width colon, or undefined when the mapping does not look like a sentence.
 */
export function sentenceColonFix(value: unknown): string | undefined {
  if (!isObj(value)) return undefined;
  const entries = Object.entries(value);
  if (entries.length !== 1) return undefined;
  const [key, rest] = entries[0] as [string, unknown];
  if (!HAN.test(key) || (typeof rest !== 'string' && typeof rest !== 'number')) return undefined;
  return clip(`${key}：${String(rest)}`);
}

/**
 * A line that failed to parse because an ASCII colon and a space inside a Chinese sentence made
 * YAML see a second `key: value`: the line with those colons made full-width.
 */
export function lineColonFix(line: string): string | undefined {
  const m = /^(\s*(?:-\s+)?[^\s:#'"][^:#]*?:\s+)(.*)$/u.exec(line);
  if (!m) return undefined;
  const [, head, rest] = m as unknown as [string, string, string];
  if (/^['"|>[{]/.test(rest)) return undefined;
  // A colon right after a Chinese character, followed by a space or the end of the line.
  const fixed = rest.replace(/(\p{Script=Han}|[）”])\s*:(?=\s|$)\s*/gu, '$1：');
  return fixed === rest ? undefined : `${head.trimStart()}${fixed}`;
}

/** `wsy，jyb` or `wsy、jyb` where a list was expected: `[wsy, jyb]`. */
export function listFix(value: string): string | undefined {
  // Ids and unit names, not sentences: no line breaks or sentence punctuation, short items.
  if (!/[，、,]/.test(value) || /[\n。；;：:！？]/.test(value)) return undefined;
  const items = value
    .split(/[，、,]/)
    .map((s) => s.trim())
    .filter((s) => s !== '');
  if (items.length < 2 || items.length > 50 || items.some((s) => [...s].length > 30))
    return undefined;
  return `[${items.join(', ')}]`;
}

/**
 * Syntax errors get a targeted hint when an ASCII colon inside a Chinese sentence caused them;
 * the full-width comma hint (about `[ ]` lists) is dropped on lines without a bracket list.
 */
export function improveSyntaxHints(
  diagnostics: readonly Diagnostic[],
  parsed: ParsedYaml,
  lang: Lang,
): Diagnostic[] {
  const comma = formatMessage('FG1905', lang);
  return diagnostics.map((d) => {
    if (!d.code.startsWith('FG11')) return d;
    const line = parsed.lineText(d.line);
    const fix = lineColonFix(line);
    if (fix !== undefined) return { ...d, hint: formatMessage('FG2453', lang, { fix }) };
    if (d.hint === comma && !line.includes('[')) {
      const { hint: _dropped, ...rest } = d;
      return rest;
    }
    return d;
  });
}
