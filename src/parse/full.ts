import type { Composer, CST, Document, YAMLError } from 'yaml';
import type { Params } from '../diagnostics/catalog.js';
import { RESERVED_KEYS } from './chars.js';
import { keyString } from './positions.js';
import { yamlLib } from './yaml-lib.js';

/** A parse problem at a source offset range; `index.ts` turns it into a diagnostic. */
export interface Problem {
  code: string;
  start: number;
  end: number;
  params?: Params;
  /** Offset of a related earlier node (duplicate keys). */
  firstAt?: number;
}

export interface FullParse {
  doc?: Document.Parsed;
  value: unknown;
  problems: Problem[];
  /** The value is unusable (syntax errors, unsafe constructs); schema checks are skipped. */
  fatal: boolean;
}

/** Deeper than any real plan; protects the recursive composer and converter from stack overflow. */
export const MAX_NESTING = 100;

// One schema object for all documents: YAML 1.2 core even under `%YAML 1.1`, no `<<` merges, no
// known-tag resolution (`!!binary`, `!!timestamp`, `!!omap`, `!!set` stay unresolved: every
// explicit tag is refused, see tagProblems). Made on first use, like the `yaml` package itself
// (see yaml-lib.ts).
type ComposeOptions = NonNullable<ConstructorParameters<typeof Composer>[0]>;
let composeOptions: ComposeOptions | undefined;
const getComposeOptions = (): ComposeOptions =>
  (composeOptions ??= {
    version: '1.2' as const,
    schema: new (yamlLib().Schema)({ schema: 'core', merge: false, resolveKnownTags: false }),
    stringKeys: true,
    // `yaml` compares each key with every earlier one (quadratic: minutes for 100k keys); toValue
    // finds duplicates with a Map instead and reports them with the first key's line (FG1102).
    uniqueKeys: false,
    merge: false,
    strict: true,
    prettyErrors: false,
    intAsBigInt: false,
  });

/** Deepest collection nesting of the CST, found without recursion; the offending offset or -1. */
function tooDeepAt(tokens: readonly CST.Token[]): number {
  const stack: { token: CST.Token; depth: number }[] = tokens.map((token) => ({ token, depth: 0 }));
  while (stack.length > 0) {
    const { token, depth } = stack.pop() as { token: CST.Token; depth: number };
    if (depth > MAX_NESTING) return token.offset;
    switch (token.type) {
      case 'document':
        if (token.value) stack.push({ token: token.value, depth });
        break;
      case 'block-map':
      case 'block-seq':
      case 'flow-collection':
        for (const item of token.items) {
          if (item.key) stack.push({ token: item.key, depth: depth + 1 });
          if (item.value) stack.push({ token: item.value, depth: depth + 1 });
        }
        break;
      default:
        break;
    }
  }
  return -1;
}

/** At most this many explicit tags are reported per file; the first ones show the pattern. */
const MAX_TAG_PROBLEMS = 10;

/**
 * Every explicit tag in the CST (`!!str`, `!!omap`, `!!binary`, `!x`, `!`, `!<…>`, on the document
 * root too), found without recursion: plan files are plain data, so one code (FG1106) refuses
 * them all, whatever `yaml` would have made of the tag.
 */
function tagProblems(tokens: readonly CST.Token[], text: string): Problem[] {
  const problems: Problem[] = [];
  if (!text.includes('!')) return problems; // every tag starts with `!`
  const stack: unknown[] = [...tokens];
  while (stack.length > 0 && problems.length < MAX_TAG_PROBLEMS) {
    const item = stack.pop();
    if (Array.isArray(item)) {
      for (let i = item.length - 1; i >= 0; i--) stack.push(item[i]);
    } else if (item && typeof item === 'object') {
      const token = item as { type?: unknown; offset?: unknown; source?: unknown };
      if (
        token.type === 'tag' &&
        typeof token.offset === 'number' &&
        typeof token.source === 'string'
      ) {
        const { offset, source } = token;
        problems.push({
          code: 'FG1106',
          start: offset,
          end: offset + source.length,
          params: { tag: source },
        });
        continue;
      }
      // Children in source order: pushed in reverse so the first tag is reported first.
      const children = Object.values(item).filter((v) => v !== null && typeof v === 'object');
      for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]);
    }
  }
  return problems.sort((a, b) => a.start - b.start);
}

/** `%YAML 1.1` is read as 1.2 (with a warning); `%TAG` is harmless; other directives are errors. */
function directiveProblems(tokens: readonly CST.Token[]): Problem[] {
  const problems: Problem[] = [];
  for (const token of tokens) {
    if (token.type !== 'directive') continue;
    const source = token.source.trim();
    const end = token.offset + token.source.length;
    const yamlVersion = /^%YAML\s+(\S+)/.exec(source);
    if (yamlVersion) {
      if (yamlVersion[1] !== '1.2') {
        problems.push({
          code: 'FG1110',
          start: token.offset,
          end,
          params: { version: yamlVersion[1] },
        });
      }
    } else if (!source.startsWith('%TAG')) {
      problems.push({ code: 'FG1111', start: token.offset, end, params: { directive: source } });
    }
  }
  return problems;
}

/** Syntax errors of the `yaml` package that have their own plain-language message. */
const SYNTAX_CODES: Partial<Record<string, string>> = {
  BAD_INDENT: 'FG1112',
  MISSING_CHAR: 'FG1113',
  UNEXPECTED_TOKEN: 'FG1114',
  BLOCK_AS_IMPLICIT_KEY: 'FG1114',
  MULTILINE_IMPLICIT_KEY: 'FG1114',
  BAD_SCALAR_START: 'FG1115',
  BAD_DQ_ESCAPE: 'FG1116',
  BLOCK_IN_FLOW: 'FG1117',
};

/** Problems from the `yaml` package, mapped to catalogue codes. All its warnings count. */
function yamlProblems(
  doc: Document.Parsed,
  text: string,
  tagStarts: ReadonlySet<number>,
): Problem[] {
  const problems: Problem[] = [];
  let syntaxReported = false;
  const pushSyntax = (error: YAMLError): void => {
    // Later syntax errors are almost always echoes of the first one.
    if (syntaxReported) return;
    syntaxReported = true;
    const [start, end] = error.pos;
    const code = SYNTAX_CODES[error.code] ?? 'FG1101';
    const detail = error.message.split('\n')[0] ?? error.message;
    problems.push({ code, start, end, params: { char: text[start] ?? '', detail } });
  };
  for (const error of [...doc.errors, ...doc.warnings] as YAMLError[]) {
    const [start, end] = error.pos;
    switch (error.code) {
      case 'DUPLICATE_KEY': // not checked by yaml (uniqueKeys: false); toValue reports them
      case 'BAD_DIRECTIVE': // see directiveProblems
        break;
      case 'TAB_AS_INDENT':
        problems.push({ code: 'FG1103', start, end });
        break;
      case 'TAG_RESOLVE_FAILED': // every tag is reported from the CST, see tagProblems
      case 'BAD_COLLECTION_TYPE':
        break;
      case 'NON_STRING_KEY': // a tagged key (`!x a: 1`) is already FG1106
        if (tagStarts.has(start)) break;
        pushSyntax(error);
        break;
      case 'BAD_ALIAS':
      case 'ALIAS_PROPS':
        problems.push({ code: 'FG1105', start, end, params: { token: text.slice(start, end) } });
        break;
      case 'RESOURCE_EXHAUSTION':
        problems.push({ code: 'FG1108', start, end, params: { limit: MAX_NESTING } });
        break;
      default:
        pushSyntax(error);
    }
  }
  return problems;
}

/**
 * Node tree -> plain JS values, rejecting aliases, anchors, reserved and complex keys. Aliases are
 * never expanded, so an alias bomb costs nothing; only the first anchor or alias is reported.
 */
interface Converter {
  problems: Problem[];
  text: string;
  lib: ReturnType<typeof yamlLib>;
  /** An anchor or alias has been reported: later ones are not. */
  aliasReported: boolean;
}

function toValue(node: unknown, ctx: Converter): unknown {
  const { problems, text } = ctx;
  const { isAlias, isMap, isPair, isScalar, isSeq } = ctx.lib;
  if (isAlias(node)) {
    if (ctx.aliasReported) return null;
    ctx.aliasReported = true;
    const [start, end] = node.range ?? [0, 0];
    problems.push({ code: 'FG1105', start, end, params: { token: '*' + node.source } });
    return null;
  }
  if (
    node &&
    typeof node === 'object' &&
    'anchor' in node &&
    typeof node.anchor === 'string' &&
    !ctx.aliasReported
  ) {
    ctx.aliasReported = true;
    const token = '&' + node.anchor;
    const range = (node as { range?: [number, number, number] }).range ?? [0, 0, 0];
    // The node's range starts at its value; the anchor is written just before it.
    const at = text.lastIndexOf(token, range[0]);
    const start = at >= 0 ? at : range[0];
    problems.push({ code: 'FG1105', start, end: start + token.length, params: { token } });
  }
  if (isMap(node)) {
    const out: Record<string, unknown> = {};
    const firstOffsets = new Map<string, number>();
    for (const pair of node.items) {
      if (!isPair(pair)) continue;
      const keyNode = pair.key as { range?: [number, number, number] } | null;
      const [start, end] = keyNode?.range ?? node.range ?? [0, 0];
      const key = keyString(pair.key);
      if (key === undefined) {
        problems.push({ code: 'FG1109', start, end });
        continue;
      }
      if (RESERVED_KEYS.has(key)) {
        problems.push({ code: 'FG1107', start, end, params: { key } });
        continue;
      }
      // A plain `<<` is a merge key in YAML 1.1 and in many tools; fangan never merges, and
      // reading it as a key named "<<" would hide the intent. A quoted "<<" is just a key.
      if (key === '<<' && (pair.key as { type?: string }).type === 'PLAIN') {
        problems.push({ code: 'FG1202', start, end });
        continue;
      }
      const first = firstOffsets.get(key);
      if (first !== undefined) {
        problems.push({ code: 'FG1102', start, end, params: { key }, firstAt: first });
        continue;
      }
      firstOffsets.set(key, start);
      out[key] = toValue(pair.value, ctx);
    }
    return out;
  }
  if (isSeq(node)) return node.items.map((item) => toValue(item, ctx));
  if (isScalar(node)) {
    const value = node.value;
    // `1e400`, `.inf`, `.nan` are numbers in YAML but no count, rate or target can be one.
    if (typeof value === 'number' && !Number.isFinite(value)) {
      const [start, end] = node.range ?? [0, 0];
      problems.push({ code: 'FG1203', start, end, params: { source: text.slice(start, end) } });
      return null;
    }
    return value;
  }
  return null;
}

/** Parses with the full `yaml` package: positions, every error, the safety rules. */
export function fullParse(text: string): FullParse {
  const { Composer, Parser } = yamlLib();
  const tokens = [...new Parser().parse(text)];
  const deepAt = tooDeepAt(tokens);
  if (deepAt >= 0) {
    return {
      value: undefined,
      fatal: true,
      problems: [
        { code: 'FG1108', start: deepAt, end: deepAt + 1, params: { limit: MAX_NESTING } },
      ],
    };
  }
  const tags = tagProblems(tokens, text);
  const problems = [...directiveProblems(tokens), ...tags];
  const docs = [...new Composer(getComposeOptions()).compose(tokens, true, text.length)];
  const doc = docs[0] as Document.Parsed;
  const extra = docs[1];
  if (extra) {
    const start = extra.range[0];
    problems.push({ code: 'FG1104', start, end: start + 3, params: { count: 2 } });
  }
  problems.push(...yamlProblems(doc, text, new Set(tags.map((t) => t.start))));
  const value = toValue(doc.contents, {
    problems,
    text,
    lib: yamlLib(),
    aliasReported: problems.some((p) => p.code === 'FG1105'),
  });
  const fatal = problems.some((p) => p.code !== 'FG1102' && p.code !== 'FG1110');
  return { doc, value, problems, fatal };
}
