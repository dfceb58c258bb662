/**
 * The template engine: Handlebars, locked down, producing the Markdown dialect of
 * docs/internals.md.
 *
 * Users may bring their own templates (`--template <dir>`), so a template is untrusted code:
 * - every compile uses a fresh `Handlebars.create()` instance (no helpers or partials leak between
 *   templates or runs);
 * - `strict` (a misspelt field is an error, not an empty string), `knownHelpersOnly` with only
 *   our helpers (helpers.ts) plus if/unless/each/with; `lookup` and `log` are off;
 * - prototype access is off at run time, and before compiling we walk the syntax tree and refuse
 *   decorators, dynamic partials, unknown helpers and paths such as `constructor`/`__proto__`;
 * - `noEscape`: Handlebars' HTML escaping is wrong for Markdown; view values come escaped with
 *   `escapeMarkdown` instead.
 * Every problem becomes a diagnostic naming the template file and line (FG3xxx).
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Handlebars from 'handlebars';
import type { Diagnostic, Lang } from '../diagnostics/types.js';
import { makeDiagnostic } from '../diagnostics/make.js';
import type { Params } from '../diagnostics/catalog.js';
import { helpers, knownHelpers, HelperError, LINE_HASH_KEY } from './helpers.js';

/** The built-in templates shipped with the package. */
export const builtinTemplateDir = fileURLToPath(new URL('../../templates/', import.meta.url));

export const TEMPLATE_EXT = '.md.hbs';
export const PARTIALS_DIR = 'partials';

export interface TemplateSource {
  /** `plan` for plan.md.hbs, `header` for partials/header.md.hbs. */
  name: string;
  path: string;
  source: string;
  /** True when it comes from the user's folder rather than the built-ins. */
  custom: boolean;
}

export interface RenderOutcome {
  /** The Markdown, when there were no errors. */
  output?: string;
  diagnostics: Diagnostic[];
}

export interface TemplateEngine {
  /** Renders `name` (`plan`, `report`, `rollup`, …) with a view object. */
  render(name: string, view: object): RenderOutcome;
  /** Main templates and partials in use, after per-file fallback to the built-ins. */
  readonly templates: ReadonlyMap<string, TemplateSource>;
  readonly partials: ReadonlyMap<string, TemplateSource>;
}

export interface EngineOptions {
  /** A user template folder; files missing there fall back to the built-ins. */
  dir?: string;
  lang?: Lang;
}

const COMPILE_OPTIONS: CompileOptions = {
  strict: true,
  knownHelpersOnly: true,
  knownHelpers,
  noEscape: true,
  // An indented `{{> partial}}` must not indent the partial's lines: four spaces are a code block.
  preventIndent: true,
  data: true,
};

const RUNTIME_OPTIONS: Handlebars.RuntimeOptions = {
  allowProtoPropertiesByDefault: false,
  allowProtoMethodsByDefault: false,
  allowCallsToHelperMissing: false,
};

type CompileOptions = NonNullable<Parameters<typeof Handlebars.compile>[1]>;

/**
 * Paths a template may never read: everything on Object.prototype (constructor, __proto__,
 * __defineGetter__, valueOf …) and the Function escape hatches used by known Handlebars exploits.
 */
const FORBIDDEN_PROPERTIES = new Set([
  ...Object.getOwnPropertyNames(Object.prototype),
  '__proto__',
  'prototype',
  'apply',
  'bind',
  'call',
  'caller',
  'arguments',
]);

async function listTemplates(dir: string, custom: boolean): Promise<TemplateSource[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
  const found = names.filter((n) => n.endsWith(TEMPLATE_EXT)).sort();
  return Promise.all(
    found.map(async (file) => {
      const path = join(dir, file);
      const source = (await readFile(path, 'utf8')).replace(/\r\n?/g, '\n');
      return { name: file.slice(0, -TEMPLATE_EXT.length), path, source, custom };
    }),
  );
}

/** Loads the templates (user folder first, then built-ins per file) and returns the engine. */
export async function createTemplateEngine(options: EngineOptions = {}): Promise<TemplateEngine> {
  const lang = options.lang ?? 'zh-CN';
  const templates = new Map<string, TemplateSource>();
  const partials = new Map<string, TemplateSource>();
  const loadErrors: Diagnostic[] = [];

  const load = async (dir: string, custom: boolean): Promise<void> => {
    try {
      for (const t of await listTemplates(dir, custom))
        if (!templates.has(t.name)) templates.set(t.name, t);
      for (const p of await listTemplates(join(dir, PARTIALS_DIR), custom)) {
        if (!partials.has(p.name)) partials.set(p.name, p);
      }
    } catch (err) {
      const e = err as NodeJS.ErrnoException;
      loadErrors.push(
        makeDiagnostic(
          'FG3010',
          lang,
          { file: e.path ?? dir, line: 1, column: 1 },
          {
            detail: `${e.code ?? 'error'}: ${e.message}`,
          },
        ),
      );
    }
  };
  if (options.dir !== undefined) await load(options.dir, true);
  await load(builtinTemplateDir, false);

  const cache = new Map<string, { fn?: Handlebars.TemplateDelegate; diagnostics: Diagnostic[] }>();

  const render = (name: string, view: object): RenderOutcome => {
    if (loadErrors.length) return { diagnostics: [...loadErrors] };
    let compiled = cache.get(name);
    if (!compiled) {
      compiled = compileTemplate(name, templates, partials, lang, options.dir);
      cache.set(name, compiled);
    }
    if (!compiled.fn) return { diagnostics: compiled.diagnostics };
    const main = templates.get(name);
    try {
      return { output: tidyMarkdown(compiled.fn(view, RUNTIME_OPTIONS)), diagnostics: [] };
    } catch (err) {
      return { diagnostics: [diagnosticFromError(err, main?.path ?? name, lang)] };
    }
  };

  return { render, templates, partials };
}

/** Blank-line noise from template control flow collapses; the file ends with one newline. */
function tidyMarkdown(markdown: string): string {
  return `${markdown
    .replace(/[ \t]+$/gm, '')
    .replace(/\n{3,}/g, '\n\n')
    .trim()}\n`;
}

// ---------------------------------------------------------------------------------------------
// Compile: parse, check the syntax tree, compile with a fresh instance.

interface Loc {
  start: { line: number; column: number };
}

interface Node {
  type: string;
  loc?: Loc;
  [key: string]: unknown;
}

const at = (file: string, loc: Loc | undefined) => ({
  file,
  line: loc?.start.line ?? 1,
  column: (loc?.start.column ?? 0) + 1,
});

function compileTemplate(
  name: string,
  templates: Map<string, TemplateSource>,
  partials: Map<string, TemplateSource>,
  lang: Lang,
  userDir: string | undefined,
): { fn?: Handlebars.TemplateDelegate; diagnostics: Diagnostic[] } {
  const main = templates.get(name);
  if (!main) {
    const file = join(userDir ?? builtinTemplateDir, `${name}${TEMPLATE_EXT}`);
    return {
      diagnostics: [makeDiagnostic('FG3007', lang, { file, line: 1, column: 1 }, { name })],
    };
  }

  const diagnostics: Diagnostic[] = [];
  const asts = new Map<TemplateSource, Node>();
  const queue: TemplateSource[] = [main];
  const seenPartials = new Set<string>();
  while (queue.length) {
    const t = queue.shift() as TemplateSource;
    let ast: Node;
    try {
      ast = Handlebars.parseWithoutProcessing(t.source) as unknown as Node;
    } catch (err) {
      diagnostics.push(diagnosticFromError(err, t.path, lang));
      continue;
    }
    asts.set(t, ast);
    const used = checkTree(ast, t.path, lang, partials, diagnostics);
    for (const p of used) {
      const partial = partials.get(p);
      if (partial && !seenPartials.has(p)) {
        seenPartials.add(p);
        queue.push(partial);
      }
    }
  }
  if (diagnostics.length) return { diagnostics };

  const hb = Handlebars.create();
  hb.unregisterHelper('lookup');
  hb.unregisterHelper('log');
  for (const [helperName, fn] of Object.entries(helpers)) hb.registerHelper(helperName, fn);
  for (const [t, ast] of asts) {
    if (t === main) continue;
    const fn = hb.compile(ast, COMPILE_OPTIONS);
    // Errors inside a partial carry the partial's file, so the diagnostic names it.
    const wrapped = (context: unknown, opts?: Handlebars.RuntimeOptions): string => {
      try {
        return fn(context, opts);
      } catch (err) {
        throw tagWithFile(err, t.path);
      }
    };
    hb.registerPartial(t.name, wrapped);
  }
  const mainAst = asts.get(main);
  return { fn: hb.compile(mainAst, COMPILE_OPTIONS), diagnostics };
}

const isNode = (v: unknown): v is Node =>
  typeof v === 'object' && v !== null && typeof (v as Node).type === 'string';

const children = (node: Node): Node[] => {
  const out: Node[] = [];
  for (const key of [
    'body',
    'path',
    'params',
    'hash',
    'pairs',
    'value',
    'program',
    'inverse',
    'name',
  ]) {
    const v = node[key];
    if (Array.isArray(v)) out.push(...v.filter(isNode));
    else if (isNode(v)) out.push(v);
  }
  return out;
};

/** Is this node a call of a helper (as opposed to printing or iterating a field)? */
function helperName(node: Node): string | undefined {
  const path = node.path as Node | undefined;
  if (!path) return undefined;
  const params = (node.params as unknown[] | undefined) ?? [];
  const called = node.type === 'SubExpression' || params.length > 0 || node.hash !== undefined;
  const original = path.type === 'PathExpression' ? String(path.original) : String(path.value);
  if (called) return original;
  // `{{zhDate}}` without arguments still calls the helper (and fails on its arity check).
  return node.type === 'MustacheStatement' && knownHelpers[original] ? original : undefined;
}

/**
 * Walks a template's syntax tree: refuses decorators, dynamic or missing partials, unknown
 * helpers and forbidden property names, and adds the call's line to each of our helper calls.
 * Returns the names of the partials used.
 */
function checkTree(
  root: Node,
  file: string,
  lang: Lang,
  partials: Map<string, TemplateSource>,
  diagnostics: Diagnostic[],
): Set<string> {
  const used = new Set<string>();
  const report = (code: string, loc: Loc | undefined, params: Params = {}): void => {
    diagnostics.push(makeDiagnostic(code, lang, at(file, loc), params));
  };

  const visit = (node: Node): void => {
    switch (node.type) {
      case 'Decorator':
      case 'DecoratorBlock':
        report('FG3004', node.loc);
        return;
      case 'PartialStatement':
      case 'PartialBlockStatement': {
        const nameNode = node.name as Node;
        if (nameNode.type === 'SubExpression') {
          report('FG3005', node.loc);
          return;
        }
        const partialName =
          nameNode.type === 'PathExpression' ? String(nameNode.original) : String(nameNode.value);
        if (partialName !== '@partial-block') {
          if (partials.has(partialName)) used.add(partialName);
          // A partial block supplies its own fallback content, so only plain partials must exist.
          else if (node.type === 'PartialStatement')
            report('FG3006', node.loc, { name: partialName });
        }
        break;
      }
      case 'PathExpression': {
        for (const part of (node.parts as string[] | undefined) ?? []) {
          if (FORBIDDEN_PROPERTIES.has(part)) report('FG3008', node.loc, { name: part });
        }
        break;
      }
      case 'MustacheStatement':
      case 'BlockStatement':
      case 'SubExpression': {
        const name = helperName(node);
        if (name !== undefined) {
          if (!knownHelpers[name]) report('FG3002', node.loc, { name });
          else if (Object.hasOwn(helpers, name)) {
            addLineHash(node);
            makeParamsStrict(node);
          }
        }
        break;
      }
    }
    for (const child of children(node)) visit(child);
  };
  visit(root);
  return used;
}

/**
 * Handlebars' `strict` covers `{{field}}` but not helper arguments, so `{{inline titel}}` would
 * print nothing. Marking the argument paths strict makes a misspelt field an error (FG3003) there
 * too. The block helpers (if/each/…) keep the lenient lookup: `{{#if x}}` asks whether x is there.
 */
function makeParamsStrict(node: Node): void {
  for (const param of (node.params as unknown[] | undefined) ?? []) {
    if (isNode(param) && param.type === 'PathExpression') param.strict = true;
  }
}

function addLineHash(node: Node): void {
  const loc = node.loc;
  const line = loc?.start.line ?? 1;
  const pair = {
    type: 'HashPair',
    key: LINE_HASH_KEY,
    value: { type: 'NumberLiteral', value: line, original: line, loc },
    loc,
  };
  const hash = node.hash as { pairs: unknown[] } | undefined;
  if (hash) hash.pairs.push(pair);
  else node.hash = { type: 'Hash', pairs: [pair], loc };
}

// ---------------------------------------------------------------------------------------------
// Errors -> diagnostics.

const FILE_TAG = Symbol('fangan.templateFile');

function tagWithFile(err: unknown, file: string): unknown {
  if (typeof err === 'object' && err !== null && !(FILE_TAG in err)) {
    (err as Record<symbol, string>)[FILE_TAG] = file;
  }
  return err;
}

/** Turns a Handlebars or helper error into a diagnostic; file and line come from the error. */
export function diagnosticFromError(err: unknown, defaultFile: string, lang: Lang): Diagnostic {
  const e = err as Error & { lineNumber?: number; column?: number; [FILE_TAG]?: string };
  const file = e?.[FILE_TAG] ?? defaultFile;
  const message = String(e?.message ?? err);
  const loc = (line: number | undefined, column?: number) => ({
    file,
    line: line ?? 1,
    column: (column ?? 0) + 1,
  });
  const withoutPosition = message.replace(/ - \d+:\d+$/, '');

  if (err instanceof HelperError) {
    return makeDiagnostic('FG3011', lang, loc(err.line), { name: err.helper, detail: err.detail });
  }
  const parse = /^(?:Parse|Lexical) error on line (\d+)[.:]/.exec(message);
  if (parse) {
    // Keep the "Expecting …, got …" part; the excerpt and caret are hard to read out of context.
    const lines = message.split('\n');
    const detail = (lines.length > 1 ? lines[lines.length - 1] : lines[0]) ?? message;
    return makeDiagnostic('FG3001', lang, loc(Number(parse[1])), { detail });
  }
  const missing = /^"(.+)" not defined in /.exec(message);
  if (missing)
    return makeDiagnostic('FG3003', lang, loc(e.lineNumber, e.column), { name: missing[1] });
  const helper = /unknown helper (\S+)/.exec(message);
  if (helper)
    return makeDiagnostic('FG3002', lang, loc(e.lineNumber, e.column), { name: helper[1] });
  const partial = /^The partial (.+) could not be found/.exec(message);
  if (partial)
    return makeDiagnostic('FG3006', lang, loc(e.lineNumber, e.column), { name: partial[1] });
  const code = /doesn't match|Invalid path|Unsupported|invalid/i.test(message)
    ? 'FG3001'
    : 'FG3009';
  return makeDiagnostic(code, lang, loc(e.lineNumber, e.column), { detail: withoutPosition });
}
