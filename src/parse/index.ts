import type { Document } from 'yaml';
import { formatMessage } from '../diagnostics/catalog.js';
import { makeDiagnostic } from '../diagnostics/make.js';
import type { Diagnostic, Lang } from '../diagnostics/types.js';
import { suspiciousCharHint } from './chars.js';
import { fastNodeAt, fastParse, type FastNode } from './fast.js';
import { fullParse, type FullParse, type Problem } from './full.js';
import { LineIndex, findNode, nodeSpan, pointerSegments, type Span } from './positions.js';
import { yamlLib } from './yaml-lib.js';

export { showInvisible, suspiciousCharHint } from './chars.js';
export type { CharHint } from './chars.js';
export { fastNodeAt, fastParse, type FastNode } from './fast.js';
export { fullParse } from './full.js';
export { LineIndex, pointerOf, pointerSegments, pointerStep, type Span } from './positions.js';

/**
 * A parsed YAML file. Positions are not computed on the happy path: the first time a diagnostic
 * needs a line and column, `locate` reads the file again with the fast reader, recording offsets,
 * or, for a file the fast reader does not take, uses the full `yaml` parser's tree.
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
  const lineText = (line: number): string => index.lineText(line);
  const fast = fastParse(text, { duplicates: true });
  if (fast) {
    const diagnostics = fast.problems.map((p) => problemDiagnostic(p, options.file, lang, index));
    return {
      value: fast.value,
      ok: true,
      diagnostics,
      ...fastPositions(text, index, fast.node),
      lineText,
    };
  }

  const parsed = fullParse(text);
  const base = { ...fullPositions(text, index, parsed), lineText };
  const diagnostics = parsed.problems.map((p) => problemDiagnostic(p, options.file, lang, index));
  if (!parsed.fatal && (parsed.value === null || parsed.value === undefined) && isBlank(text)) {
    diagnostics.push(makeDiagnostic('FG1005', lang, { file: options.file, line: 1, column: 1 }));
    return { value: parsed.value, ok: false, diagnostics, ...base };
  }
  return { value: parsed.value, ok: !parsed.fatal, diagnostics, ...base };
}

type Positions = Pick<ParsedYaml, 'locate' | 'scalarSource'>;

/**
 * Positions from the fast reader: the text is read once more, recording offsets, on the first
 * lookup (a valid file never pays for it). Lookups go through maps, so 100,000 diagnostics in one
 * mapping cost as many lookups, not a search of the mapping each.
 */
function fastPositions(text: string, index: LineIndex, recorded?: FastNode): Positions {
  let tree = recorded;
  let fallback: Positions | undefined;
  const node = (pointer: string): FastNode | undefined => {
    tree ??= fastParse(text, { duplicates: true, positions: true })?.node;
    return tree && fastNodeAt(tree, pointerSegments(pointer));
  };
  // The recording read takes the same path as the first one, so `tree` is always there; the
  // full parser stays as a safety net rather than an assumption.
  const full = (): Positions => (fallback ??= fullPositions(text, index, fullParse(text)));
  return {
    locate(pointer, part = 'value') {
      const found = node(pointer);
      if (!tree) return full().locate(pointer, part);
      if (!found) return undefined;
      if (part === 'key' && found.keyStart !== undefined && found.keyEnd !== undefined)
        return index.span(found.keyStart, found.keyEnd);
      return index.span(found.start, found.end);
    },
    scalarSource(pointer) {
      const found = node(pointer);
      return tree ? found?.source : full().scalarSource(pointer);
    },
  };
}

/** Positions from the full parser's tree (files the fast reader does not take). */
function fullPositions(text: string, index: LineIndex, parsed: FullParse): Positions {
  const doc: Document.Parsed | undefined = parsed.doc;
  return {
    locate(pointer, part = 'value') {
      if (!doc) return undefined;
      const found = findNode(doc, pointer);
      if (!found) return undefined;
      const node = part === 'key' && found.key ? found.key : (found.value ?? found.key);
      return node ? nodeSpan(index, text, node) : undefined;
    },
    scalarSource(pointer) {
      const node = doc ? findNode(doc, pointer)?.value : undefined;
      if (!yamlLib().isScalar(node)) return undefined;
      return typeof node.source === 'string' ? node.source : String(node.value);
    },
  };
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
