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
 * - files are read safely (files.ts: no symbolic links, nothing outside the folder, a size cap),
 *   nesting is bounded before parsing (scan.ts), and every render runs on a budget of steps
 *   (block iterations, helper and partial calls) and output size, so `{{#each}}` nested over big
 *   data or a partial calling itself ends with a diagnostic instead of hanging or overflowing.
 * Every problem becomes a diagnostic naming the template file, line and column (FG3xxx).
 */
import { lstatSync, realpathSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Handlebars from 'handlebars';
import type { Diagnostic, Lang } from '../diagnostics/types.js';
import { makeDiagnostic } from '../diagnostics/make.js';
import type { Params } from '../diagnostics/catalog.js';
import { COLUMN_HASH_KEY, helpers, knownHelpers, HelperError, LINE_HASH_KEY } from './helpers.js';
import { checkEntry, MAX_TEMPLATE_BYTES, readTemplateFile, templateNames } from './files.js';
import { MAX_TEMPLATE_NESTING, positionAt, scanTemplate } from './scan.js';

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

/** Limits of one render call; exceeding one is an FG3104/FG3105 error, never a hang. */
export interface RenderBudget {
  /** Block iterations plus helper and partial calls. */
  maxSteps: number;
  /** Characters of Markdown produced. */
  maxOutputChars: number;
  /** Partials called from partials (a partial that calls itself stops here). */
  maxPartialDepth: number;
}

/** A 300-measure plan takes about 20,000 steps and 200 kB; the limits leave a wide margin. */
export const DEFAULT_BUDGET: RenderBudget = {
  maxSteps: 2_000_000,
  maxOutputChars: 20 * 1024 * 1024,
  maxPartialDepth: 32,
};

export interface EngineOptions {
  /** A user template folder; files missing there fall back to the built-ins. */
  dir?: string;
  lang?: Lang;
  /** Overrides of the render budget (tests use small ones). */
  budget?: Partial<RenderBudget>;
  /** Size cap of one template file in bytes (default 1 MB). */
  maxTemplateBytes?: number;
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

/**
 * The templates of one folder (`*.md.hbs`, and the same in `partials/`), read safely: a refused
 * or unreadable file becomes a diagnostic in `errors`.
 */
async function listTemplates(
  dir: string,
  root: string,
  custom: boolean,
  lang: Lang,
  maxBytes: number,
  errors: Diagnostic[],
): Promise<TemplateSource[]> {
  const out: TemplateSource[] = [];
  for (const file of await templateNames(dir, TEMPLATE_EXT)) {
    const path = join(dir, file);
    const read = readTemplateFile(path, root, lang, maxBytes);
    if (!read.ok) errors.push(...read.diagnostics);
    else out.push({ name: file.slice(0, -TEMPLATE_EXT.length), path, source: read.source, custom });
  }
  return out;
}

/** Loads the templates (user folder first, then built-ins per file) and returns the engine. */
export async function createTemplateEngine(options: EngineOptions = {}): Promise<TemplateEngine> {
  const lang = options.lang ?? 'zh-CN';
  const templates = new Map<string, TemplateSource>();
  const partials = new Map<string, TemplateSource>();
  const loadErrors: Diagnostic[] = [];

  const maxBytes = options.maxTemplateBytes ?? MAX_TEMPLATE_BYTES;

  const load = async (dir: string, custom: boolean): Promise<void> => {
    try {
      let root: string;
      try {
        root = realpathSync(dir);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') return;
        throw err;
      }
      const errors: Diagnostic[] = [];
      for (const t of await listTemplates(dir, root, custom, lang, maxBytes, errors))
        if (!templates.has(t.name)) templates.set(t.name, t);
      const partialsDir = join(dir, PARTIALS_DIR);
      const refused = exists(partialsDir) ? checkEntry(partialsDir, root, lang) : undefined;
      if (refused) errors.push(refused);
      else {
        for (const p of await listTemplates(partialsDir, root, custom, lang, maxBytes, errors)) {
          if (!partials.has(p.name)) partials.set(p.name, p);
        }
      }
      loadErrors.push(...errors);
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

  const budget: RenderBudget = { ...DEFAULT_BUDGET, ...options.budget };
  const cache = new Map<string, Compiled>();

  const render = (name: string, view: object): RenderOutcome => {
    if (loadErrors.length) return { diagnostics: [...loadErrors] };
    let compiled = cache.get(name);
    if (!compiled) {
      compiled = compileTemplate(name, templates, partials, lang, options.dir, budget);
      cache.set(name, compiled);
    }
    const { fn, meter } = compiled;
    if (!fn || !meter) return { diagnostics: compiled.diagnostics };
    const file = templates.get(name)?.path ?? name;
    meter.steps = 0;
    meter.partialDepth = 0;
    let output: string;
    try {
      output = fn(view, RUNTIME_OPTIONS);
    } catch (err) {
      return { diagnostics: [diagnosticFromError(err, file, lang)] };
    }
    if (output.length > budget.maxOutputChars) {
      const error = new BudgetError('output', budget.maxOutputChars);
      return { diagnostics: [diagnosticFromError(error, file, lang)] };
    }
    return { output: tidyMarkdown(output), diagnostics: [] };
  };

  return { render, templates, partials };
}

const exists = (path: string): boolean => {
  try {
    lstatSync(path);
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw err;
  }
};

/** Blank-line noise from template control flow collapses; the file ends with one newline. */
function tidyMarkdown(markdown: string): string {
  return `${markdown
    .replace(/[ \t]+$/gm, '')
    .replace(/\n{3,}/g, '\n\n')
    .trim()}\n`;
}

// ---------------------------------------------------------------------------------------------
// Compile: scan, parse, check the syntax tree, compile with a fresh instance.

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

/** Counts one render's steps against the budget; reset before each render. */
interface Meter {
  steps: number;
  partialDepth: number;
  budget: RenderBudget;
}

interface Compiled {
  fn?: Handlebars.TemplateDelegate;
  meter?: Meter;
  diagnostics: Diagnostic[];
}

/** A render went over its budget (FG3104 steps or partial depth, FG3105 output size). */
export class BudgetError extends Error {
  override name = 'BudgetError';
  constructor(
    readonly kind: 'steps' | 'output' | 'partials',
    readonly limit: number,
  ) {
    super(`render budget exceeded: ${kind} > ${limit}`);
  }
}

const tick = (meter: Meter): void => {
  if (++meter.steps > meter.budget.maxSteps) throw new BudgetError('steps', meter.budget.maxSteps);
};

const measure = (meter: Meter, text: unknown): void => {
  if (typeof text === 'string' && text.length > meter.budget.maxOutputChars) {
    throw new BudgetError('output', meter.budget.maxOutputChars);
  }
};

/** The Handlebars block helpers templates may use; they get a position and count steps too. */
const BLOCK_HELPERS = ['if', 'unless', 'each', 'with'] as const;
const isBlockHelper = (name: string): boolean =>
  (BLOCK_HELPERS as readonly string[]).includes(name);

type HelperFn = (this: unknown, ...args: unknown[]) => unknown;
type BlockFn = ((context: unknown, options?: unknown) => string) & Record<string, unknown>;
interface BlockOptions {
  fn?: BlockFn;
  inverse?: BlockFn;
  hash?: Record<string, unknown>;
}

/** Wraps a block's body so each run of it is a step and its output is measured. */
const METERED = Symbol('fangan.metered');

function meteredBlock(fn: BlockFn, meter: Meter): BlockFn {
  if ((fn as unknown as Record<symbol, unknown>)[METERED]) return fn; // {{#list}} goes through `each` too
  const wrapped = ((context: unknown, options?: unknown) => {
    tick(meter);
    const out = fn(context, options);
    measure(meter, out);
    return out;
  }) as BlockFn;
  return Object.assign(wrapped, fn, { [METERED]: true });
}

/** Registers our helpers and the block helpers on `hb`, counting and locating every call. */
function registerMeteredHelpers(hb: typeof Handlebars, meter: Meter): void {
  for (const [helperName, fn] of Object.entries(helpers)) {
    hb.registerHelper(helperName, function (this: unknown, ...args: unknown[]) {
      tick(meter);
      const out = (fn as HelperFn).apply(this, args);
      measure(meter, out);
      return out;
    });
  }
  for (const name of [...BLOCK_HELPERS, 'blockHelperMissing']) {
    const original = hb.helpers[name] as HelperFn;
    hb.registerHelper(name, function (this: unknown, ...args: unknown[]) {
      const options = args[args.length - 1] as BlockOptions | undefined;
      tick(meter);
      if (options?.fn) options.fn = meteredBlock(options.fn, meter);
      if (options?.inverse) options.inverse = meteredBlock(options.inverse, meter);
      try {
        return original.apply(this, args);
      } catch (err) {
        throw tagWithPosition(err, options?.hash);
      }
    });
  }
}

function compileTemplate(
  name: string,
  templates: Map<string, TemplateSource>,
  partials: Map<string, TemplateSource>,
  lang: Lang,
  userDir: string | undefined,
  budget: RenderBudget,
): Compiled {
  const main = templates.get(name);
  if (!main) {
    const file = join(userDir ?? builtinTemplateDir, `${name}${TEMPLATE_EXT}`);
    return {
      diagnostics: [makeDiagnostic('FG3007', lang, { file, line: 1, column: 1 }, { name })],
    };
  }

  const diagnostics: Diagnostic[] = [];
  const asts = new Map<TemplateSource, Node | undefined>();
  const queue: TemplateSource[] = [main];
  const seenPartials = new Set<string>();
  const queuePartials = (used: Iterable<string>): void => {
    for (const p of used) {
      const partial = partials.get(p);
      if (partial && !seenPartials.has(p)) {
        seenPartials.add(p);
        queue.push(partial);
      }
    }
  };
  while (queue.length) {
    const t = queue.shift() as TemplateSource;
    // A built-in template's text was scanned, parsed and checked when it was precompiled.
    const pre = precompiledEntry(t.source);
    if (pre) {
      asts.set(t, undefined);
      queuePartials(pre.partials);
      continue;
    }
    const scan = scanTemplate(t.source);
    if (scan.tooDeep !== undefined) {
      diagnostics.push(
        makeDiagnostic(
          'FG3103',
          lang,
          { file: t.path, ...positionAt(t.source, scan.tooDeep) },
          { limit: MAX_TEMPLATE_NESTING },
        ),
      );
      continue;
    }
    let ast: Node;
    try {
      ast = Handlebars.parseWithoutProcessing(t.source) as unknown as Node;
    } catch (err) {
      diagnostics.push(parseErrorDiagnostic(err, t, lang, scan));
      continue;
    }
    asts.set(t, ast);
    queuePartials(checkTree(ast, t.path, lang, partials, diagnostics));
  }
  if (diagnostics.length) return { diagnostics };

  const meter: Meter = { steps: 0, partialDepth: 0, budget };
  const hb = Handlebars.create();
  hb.unregisterHelper('lookup');
  hb.unregisterHelper('log');
  registerMeteredHelpers(hb, meter);
  for (const [t, ast] of asts) {
    if (t === main) continue;
    const fn = compileTree(hb, t, ast);
    // Errors inside a partial carry the partial's file, so the diagnostic names it.
    const wrapped = (context: unknown, opts?: Handlebars.RuntimeOptions): string => {
      tick(meter);
      if (++meter.partialDepth > budget.maxPartialDepth) {
        throw new BudgetError('partials', budget.maxPartialDepth);
      }
      try {
        return fn(context, opts);
      } catch (err) {
        throw tagWithFile(err, t.path);
      } finally {
        meter.partialDepth--;
      }
    };
    hb.registerPartial(t.name, wrapped);
  }
  const mainAst = asts.get(main);
  return { fn: compileTree(hb, main, mainAst), meter, diagnostics };
}

type TemplateSpec = Parameters<typeof Handlebars.template>[0];

interface PrecompiledTemplate {
  source: string;
  spec: TemplateSpec;
  /** The partials it calls, as checkTree found them at build time. */
  partials: string[];
}

let precompiled: Map<string, PrecompiledTemplate> | undefined;

/**
 * The built-in templates, compiled to JavaScript at build time (scripts/build-templates.js), keyed
 * by their exact text: parsing, checking and Handlebars' code generator were a third of a
 * one-document `fangan render`. A template whose text differs (a user's folder, an edited copy) is
 * scanned, checked and compiled here as before.
 */
function precompiledEntry(source: string): PrecompiledTemplate | undefined {
  if (!precompiled) {
    precompiled = new Map();
    try {
      const list = createRequire(import.meta.url)('./precompiled.cjs') as PrecompiledTemplate[];
      for (const entry of list) precompiled.set(entry.source, entry);
    } catch {
      // Not built (the tests import src/ directly): compile at run time.
    }
  }
  return precompiled.get(source);
}

function compileTree(
  hb: typeof Handlebars,
  t: TemplateSource,
  ast: Node | undefined,
): HandlebarsTemplateDelegate {
  const pre = precompiledEntry(t.source);
  return pre ? hb.template(pre.spec) : hb.compile(ast, COMPILE_OPTIONS);
}

/**
 * CommonJS source of dist/template/precompiled.cjs: the built-in templates, read as the engine
 * reads them, with their compiled code (the build step scripts/build-templates.js).
 */
export async function precompiledBuiltins(): Promise<string> {
  const errors: Diagnostic[] = [];
  const root = realpathSync(builtinTemplateDir);
  const partialsDir = join(builtinTemplateDir, PARTIALS_DIR);
  const all = [
    ...(await listTemplates(builtinTemplateDir, root, false, 'en', MAX_TEMPLATE_BYTES, errors)),
    ...(await listTemplates(partialsDir, root, false, 'en', MAX_TEMPLATE_BYTES, errors)),
  ];
  if (errors.length) throw new Error(errors.map((e) => `${e.file}: ${e.message}`).join('\n'));
  const partials = new Map(
    all.filter((t) => t.path.startsWith(partialsDir)).map((t) => [t.name, t]),
  );
  const entries = all.map((t) => {
    const used = checkTree(
      Handlebars.parseWithoutProcessing(t.source) as unknown as Node,
      t.path,
      'en',
      partials,
      errors,
    );
    const spec = Handlebars.precompile(t.source, COMPILE_OPTIONS);
    return `{ source: ${JSON.stringify(t.source)}, partials: ${JSON.stringify([...used])}, spec: ${spec} }`;
  });
  if (errors.length) throw new Error(errors.map((e) => `${e.file}: ${e.message}`).join('\n'));
  return `'use strict';\n// Generated by scripts/build-templates.js from templates/; do not edit.\nmodule.exports = [\n${entries.join(',\n')}\n];\n`;
}

/**
 * A Handlebars parse error, at the token it stopped on (the lexer keeps its location; the error
 * message has only the line). An error at the end of the file is really about the block or
 * mustache left open, so it points there.
 */
function parseErrorDiagnostic(
  err: unknown,
  t: TemplateSource,
  lang: Lang,
  scan: ReturnType<typeof scanTemplate>,
): Diagnostic {
  const message = String((err as Error | undefined)?.message ?? err);
  const parse = /^(Parse|Lexical) error on line (\d+)[.:]/.exec(message);
  if (!parse) return diagnosticFromError(err, t.path, lang);
  const lines = message.split('\n');
  // Keep the "Expecting …, got …" part; the excerpt and caret are hard to read out of context.
  const detail = (lines.length > 1 ? lines[lines.length - 1] : lines[0]) ?? message;
  const file = t.path;
  const atEnd = /got 'EOF'$/.test(message);
  const open = scan.unterminated ?? (atEnd ? scan.unclosed : undefined);
  if (open !== undefined) {
    return makeDiagnostic('FG3001', lang, { file, ...positionAt(t.source, open) }, { detail });
  }
  const lexer = (Handlebars as unknown as { Parser?: { lexer?: { yylloc?: YyLoc } } }).Parser
    ?.lexer;
  const loc = lexer?.yylloc;
  let line = Number(parse[2]);
  let column = 1;
  if (loc && typeof loc.first_line === 'number') {
    // A parse error stops on the token just read; a lexical error on the text after it.
    line = parse[1] === 'Lexical' ? loc.last_line : loc.first_line;
    column = (parse[1] === 'Lexical' ? loc.last_column : loc.first_column) + 1;
  }
  return makeDiagnostic('FG3001', lang, { file, line, column }, { detail });
}

interface YyLoc {
  first_line: number;
  last_line: number;
  first_column: number;
  last_column: number;
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

const pathName = (path: Node): string =>
  path.type === 'PathExpression' ? String(path.original) : String(path.value);

/** Is this node a call of a helper (as opposed to printing or iterating a field)? */
function helperName(node: Node): string | undefined {
  const path = node.path as Node | undefined;
  if (!path) return undefined;
  const params = (node.params as unknown[] | undefined) ?? [];
  const called = node.type === 'SubExpression' || params.length > 0 || node.hash !== undefined;
  const original = pathName(path);
  if (called) return original;
  // `{{zhDate}}` without arguments still calls the helper (and fails on its arity check), and
  // `{{#if}}` is the if helper, not a field called "if".
  if (node.type === 'MustacheStatement' && knownHelpers[original]) return original;
  return node.type === 'BlockStatement' && isBlockHelper(original) ? original : undefined;
}

/**
 * Walks a template's syntax tree: refuses decorators, dynamic or missing partials, unknown
 * helpers and forbidden property names, and adds the call's line and column to each helper call.
 * Returns the names of the partials used. The scan has bounded the depth, so recursion is safe.
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
        const partialName = pathName(nameNode);
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
        if (name === undefined) break;
        if (!knownHelpers[name]) report('FG3002', node.loc, { name });
        else if (isBlockHelper(name)) {
          const count = ((node.params as unknown[] | undefined) ?? []).length;
          if (node.type !== 'BlockStatement') {
            report('FG3011', node.loc, { name, detail: `use it as a block: {{#${name} …}}` });
          } else if (count !== 1) {
            report('FG3011', node.loc, { name, detail: `needs exactly 1 argument, got ${count}` });
          } else addPositionHash(node);
        } else if (Object.hasOwn(helpers, name)) {
          addPositionHash(node);
          makeParamsStrict(node);
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

/** Adds `fanganLine=<line> fanganColumn=<column>` to a helper call, for its error messages. */
function addPositionHash(node: Node): void {
  const loc = node.loc;
  const number = (value: number) => ({ type: 'NumberLiteral', value, original: value, loc });
  const pairs = [
    { type: 'HashPair', key: LINE_HASH_KEY, value: number(loc?.start.line ?? 1), loc },
    { type: 'HashPair', key: COLUMN_HASH_KEY, value: number((loc?.start.column ?? 0) + 1), loc },
  ];
  const hash = node.hash as { pairs: unknown[] } | undefined;
  if (hash) hash.pairs.push(...pairs);
  else node.hash = { type: 'Hash', pairs, loc };
}

// ---------------------------------------------------------------------------------------------
// Errors -> diagnostics.

const FILE_TAG = Symbol('fangan.templateFile');
const POSITION_TAG = Symbol('fangan.templatePosition');

interface Tagged {
  lineNumber?: number;
  column?: number;
  [FILE_TAG]?: string;
  [POSITION_TAG]?: { line: number; column: number };
}

const hasPosition = (err: object): boolean => {
  const e = err as Tagged;
  return (
    err instanceof HelperError || typeof e.lineNumber === 'number' || e[POSITION_TAG] !== undefined
  );
};

/**
 * Names the partial's file on an error that has a position. An error without one (a failed
 * lookup inside the partial, a budget overrun) travels on to the enclosing block, which gives it
 * that block's position and so also the file of that block.
 */
function tagWithFile(err: unknown, file: string): unknown {
  if (typeof err === 'object' && err !== null && !(FILE_TAG in err) && hasPosition(err)) {
    (err as Tagged)[FILE_TAG] = file;
  }
  return err;
}

/** Gives an error without a position the position of the innermost block helper around it. */
function tagWithPosition(err: unknown, hash: Record<string, unknown> | undefined): unknown {
  const line = hash?.[LINE_HASH_KEY];
  const column = hash?.[COLUMN_HASH_KEY];
  if (
    typeof err === 'object' &&
    err !== null &&
    !hasPosition(err) &&
    typeof line === 'number' &&
    typeof column === 'number'
  ) {
    (err as Tagged)[POSITION_TAG] = { line, column };
  }
  return err;
}

/** Turns a Handlebars, helper or budget error into a diagnostic; file and position come from the error. */
export function diagnosticFromError(err: unknown, defaultFile: string, lang: Lang): Diagnostic {
  const e = err as (Error & Tagged) | undefined;
  const file = e?.[FILE_TAG] ?? defaultFile;
  const message = String(e?.message ?? err);
  const tagged = e?.[POSITION_TAG];
  const loc = (line: number | undefined, column?: number) =>
    tagged && line === undefined
      ? { file, ...tagged }
      : { file, line: line ?? 1, column: (column ?? 0) + 1 };
  const withoutPosition = message.replace(/ - \d+:\d+$/, '');

  if (err instanceof HelperError) {
    return makeDiagnostic(
      'FG3011',
      lang,
      { file, line: err.line ?? 1, column: err.column ?? 1 },
      { name: err.helper, detail: err.detail },
    );
  }
  if (err instanceof BudgetError) {
    const code = err.kind === 'output' ? 'FG3105' : err.kind === 'steps' ? 'FG3104' : 'FG3106';
    return makeDiagnostic(code, lang, loc(undefined), { limit: err.limit });
  }
  if (err instanceof RangeError) {
    // The last line of defence: the budget and the nesting limit should stop runaways first.
    const code = /string length/i.test(message) ? 'FG3105' : 'FG3106';
    return makeDiagnostic(code, lang, loc(undefined), {
      limit: code === 'FG3105' ? DEFAULT_BUDGET.maxOutputChars : DEFAULT_BUDGET.maxPartialDepth,
    });
  }
  const parse = /^(?:Parse|Lexical) error on line (\d+)[.:]/.exec(message);
  if (parse) {
    const lines = message.split('\n');
    const detail = (lines.length > 1 ? lines[lines.length - 1] : lines[0]) ?? message;
    return makeDiagnostic('FG3001', lang, loc(Number(parse[1])), { detail });
  }
  const missing = /^"(.+)" not defined in /.exec(message);
  if (missing)
    return makeDiagnostic('FG3003', lang, loc(e?.lineNumber, e?.column), { name: missing[1] });
  const helper = /unknown helper (\S+)/.exec(message);
  if (helper)
    return makeDiagnostic('FG3002', lang, loc(e?.lineNumber, e?.column), { name: helper[1] });
  const partial = /^The partial (.+) could not be found/.exec(message);
  if (partial)
    return makeDiagnostic('FG3006', lang, loc(e?.lineNumber, e?.column), { name: partial[1] });
  const code = /doesn't match|Invalid path|Unsupported|invalid/i.test(message)
    ? 'FG3001'
    : 'FG3009';
  return makeDiagnostic(code, lang, loc(e?.lineNumber, e?.column), { detail: withoutPosition });
}
