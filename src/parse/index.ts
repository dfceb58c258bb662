import type { Document } from 'yaml';
import { formatMessage } from '../diagnostics/catalog.js';
import { makeDiagnostic } from '../diagnostics/make.js';
import type { Diagnostic, Lang } from '../diagnostics/types.js';
import { suspiciousCharHint } from './chars.js';
import { fastParse } from './fast.js';
import { fullParse, type FullParse, type Problem } from './full.js';
import { LineIndex, findNode, nodeSpan, type Span } from './positions.js';
import { yamlLib } from './yaml-lib.js';

export { showInvisible, suspiciousCharHint } from './chars.js';
export type { CharHint } from './chars.js';
export { fastParse } from './fast.js';
export { fullParse } from './full.js';
export { LineIndex, pointerOf, pointerSegments, type Span } from './positions.js';

/**
 * A parsed YAML file. Positions are not computed on the happy path: `locate` parses with the full
 * `yaml` package the first time a diagnostic needs a line and column.
 */
export interface ParsedYaml {
  /** Plain JS value (objects, arrays, strings, numbers, booleans, null). */
  value: unknown;
  /** False when the value must not be validated further (syntax errors, unsafe constructs). */
  ok: boolean;
  diagnostics: Diagnostic[];
  /** Span of the value (default) or key at a JSON pointer; undefined when there is no such node. */
  locate(pointer: string, part?: 'value' | 'key'): Span | undefined;
  /** Original source text of the scalar at `pointer`, e.g. `010000` for a value read as 10000. */
  scalarSource(pointer: string): string | undefined;
  /** Text of a 1-based line. */
  lineText(line: number): string;
}

export interface ParseOptions {
  file: string;
  lang?: Lang;
}

/** Parses one YAML document safely (see docs/internals.md, parse stage). Never throws on bad data. */
export function parseYaml(text: string, options: ParseOptions): ParsedYaml {
  const lang = options.lang ?? 'zh-CN';
  const index = new LineIndex(text);
  let full: FullParse | undefined;
  const fullOnce = (): FullParse => (full ??= fullParse(text));
  const doc = (): Document.Parsed | undefined => fullOnce().doc;

  const locate = (pointer: string, part: 'value' | 'key' = 'value'): Span | undefined => {
    const d = doc();
    if (!d) return undefined;
    const found = findNode(d, pointer);
    if (!found) return undefined;
    const node = part === 'key' && found.key ? found.key : (found.value ?? found.key);
    return node ? nodeSpan(index, text, node) : undefined;
  };
  const scalarSource = (pointer: string): string | undefined => {
    const d = doc();
    const node = d ? findNode(d, pointer)?.value : undefined;
    if (!yamlLib().isScalar(node)) return undefined;
    return typeof node.source === 'string' ? node.source : String(node.value);
  };
  const base = { locate, scalarSource, lineText: (line: number) => index.lineText(line) };

  const fast = fastParse(text);
  if (fast) return { value: fast.value, ok: true, diagnostics: [], ...base };

  const parsed = fullOnce();
  const diagnostics = parsed.problems.map((p) => problemDiagnostic(p, options.file, lang, index));
  if (!parsed.fatal && (parsed.value === null || parsed.value === undefined) && isBlank(text)) {
    diagnostics.push(makeDiagnostic('FG1005', lang, { file: options.file, line: 1, column: 1 }));
    return { value: parsed.value, ok: false, diagnostics, ...base };
  }
  return { value: parsed.value, ok: !parsed.fatal, diagnostics, ...base };
}

/** Only whitespace, comments and document markers. */
const isBlank = (text: string): boolean =>
  text.split('\n').every((line) => /^\s*(#.*)?$/.test(line) || /^(---|\.\.\.)\s*$/.test(line));

function problemDiagnostic(
  problem: Problem,
  file: string,
  lang: Lang,
  index: LineIndex,
): Diagnostic {
  const span = index.span(problem.start, problem.end);
  const params = { ...problem.params };
  if (problem.firstAt !== undefined) params.firstLine = index.position(problem.firstAt).line;
  const d = makeDiagnostic(problem.code, lang, { file, ...span }, params);
  // A syntax error or odd key caused by a full-width colon, a full-width space or an invisible
  // character is hard to see: name the character.
  const suspect =
    problem.code === 'FG1107' || problem.code === 'FG1102'
      ? String(params.key ?? '')
      : index.lineText(span.line);
  const hint = problem.code.startsWith('FG11') ? suspiciousCharHint(suspect) : undefined;
  if (hint) d.hint = formatMessage(hint.code, lang, hint.params);
  return d;
}
