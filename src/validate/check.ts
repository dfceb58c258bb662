import { makeDiagnostic } from '../diagnostics/make.js';
import type { Diagnostic, FileResult, Lang } from '../diagnostics/types.js';
import type { Plan } from '../model/types.js';
import { parseYaml, type ParsedYaml } from '../parse/index.js';
import { sourceFromBytes, sourceFromText, type ReadOptions } from '../read/index.js';
import { keyAlias, kindOf, normalise } from './aliases.js';
import { improveSyntaxHints, smartQuoteIssues } from './hints.js';
import { resolveIssues, type Issue } from './issue.js';
import { planIssues } from './rules-plan.js';
import { progressIssues } from './rules-progress.js';
import { countyIssues } from './rules-county.js';
import { schemaIssues, typeName, typeOf, type FileKind } from './schema.js';
import { FILE_KINDS } from './schema-compile.js';
import { isObj, type Obj } from './shape.js';
import { closest } from './suggest.js';

/** A file that parsed and has a known kind; its schema issues are already collected. */
export interface Prepared {
  file: string;
  lang: Lang;
  text: string;
  parsed: ParsedYaml;
  kind: FileKind;
  value: Obj;
  issues: Issue[];
  /** Pointer into `value` (English keys) -> pointer into the file as written. */
  toSource: (pointer: string) => string;
}

/** Keys that only a progress file has, in either spelling. */
const PROGRESS_KEYS = ['plan', 'reporter', 'quarter', 'next_steps'];

function kindIssue(value: Obj): Issue | undefined {
  const { kind, key } = kindOf(value);
  if (kind === undefined) {
    const progressLike = PROGRESS_KEYS.some(
      (k) => k in value || (keyAlias('progress', k) ?? k) in value,
    );
    return { code: 'FG2001', pointer: '', hints: [{ code: progressLike ? 'FG2906' : 'FG2904' }] };
  }
  if (typeof kind === 'string' && (FILE_KINDS as readonly string[]).includes(kind))
    return undefined;
  const suggestion = typeof kind === 'string' ? closest(kind, FILE_KINDS) : undefined;
  return {
    code: 'FG2002',
    pointer: '/kind',
    sourcePointer: `/${key}`,
    params: { kind: String(kind) },
    hints: suggestion === undefined ? [] : [{ code: 'FG2901', params: { suggestion } }],
  };
}

/**
 * Decodes (for bytes), parses, finds the kind and runs the schema. Returns the finished result
 * when the file cannot go further (undecodable, syntax errors, no usable kind).
 */
export function prepare(
  input: string | Uint8Array,
  file: string,
  options: ReadOptions & { lang: Lang },
): Prepared | FileResult {
  const lang = options.lang;
  const source =
    typeof input === 'string'
      ? sourceFromText(input, file, options)
      : sourceFromBytes(input, file, options);
  if (!source.ok) return { file, diagnostics: source.diagnostics };
  const text = source.text;
  const parsed = parseYaml(text, { file, lang });
  if (parsed.diagnostics.length > 0)
    parsed.diagnostics = improveSyntaxHints(parsed.diagnostics, parsed, lang);
  if (!parsed.ok) return { file, diagnostics: parsed.diagnostics, source: text };

  const value = parsed.value;
  if (!isObj(value)) {
    const d = makeDiagnostic(
      'FG2003',
      lang,
      { file, line: 1, column: 1 },
      { actual: typeName(typeOf(value), lang) },
    );
    return { file, diagnostics: [...parsed.diagnostics, d], source: text };
  }
  const badKind = kindIssue(value);
  if (badKind) {
    return {
      file,
      diagnostics: [...parsed.diagnostics, ...resolveIssues([badKind], parsed, file, lang)],
      source: text,
    };
  }
  const kind = kindOf(value).kind as FileKind;
  const normalised = normalise(kind, value);
  return {
    file,
    lang,
    text,
    parsed,
    kind,
    value: normalised.value,
    toSource: normalised.toSource,
    issues: [
      ...normalised.issues,
      ...smartQuoteIssues(normalised.value, normalised.toSource),
      ...schemaIssues(kind, normalised.value, lang).map((issue) =>
        normalised.chineseKeys ? inChinese(issue, kind) : issue,
      ),
    ],
  };
}

/** A missing key named the way a file with Chinese keys writes it: `发文机关（issuer）`. */
function inChinese(issue: Issue, kind: FileKind): Issue {
  const key = issue.params?.key;
  if (issue.code !== 'FG2010' || typeof key !== 'string') return issue;
  const zh = keyAlias(kind, key);
  return zh === undefined ? issue : { ...issue, params: { ...issue.params, key: zh, title: key } };
}

export const isPrepared = (p: Prepared | FileResult): p is Prepared => 'parsed' in p;

/** Adds the rule issues and turns everything into the file's result. */
export function complete(p: Prepared, ruleIssues: readonly Issue[]): FileResult {
  const all = [...p.issues, ...ruleIssues];
  const diagnostics: Diagnostic[] =
    all.length === 0
      ? p.parsed.diagnostics
      : [...p.parsed.diagnostics, ...resolveIssues(all, p.parsed, p.file, p.lang, p.toSource)];
  return { file: p.file, kind: p.kind, diagnostics, source: p.text };
}

export interface ValidateTextOptions {
  file: string;
  lang?: Lang;
  encoding?: string;
  /** The plan a progress file reports on; without it the checks against the plan are skipped. */
  plan?: Plan;
  maxBytes?: number;
}

/**
 * Validates one plan or progress file held in memory. Pure and synchronous (safe in worker
 * threads); the compiled schemas are the only state, created on first use.
 */
export function validateText(text: string | Uint8Array, options: ValidateTextOptions): FileResult {
  const lang = options.lang ?? 'zh-CN';
  const read: ReadOptions & { lang: Lang } = { lang };
  if (options.encoding !== undefined) read.encoding = options.encoding;
  if (options.maxBytes !== undefined) read.maxBytes = options.maxBytes;
  const p = prepare(text, options.file, read);
  if (!isPrepared(p)) return p;
  return complete(
    p,
    p.kind === 'plan'
      ? planIssues(p.value)
      : p.kind === 'county'
        ? countyIssues(p.value)
        : progressIssues(p.value, options.plan),
  );
}
