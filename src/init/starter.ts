/**
 * The starter library: a YAML file of units, goals, indicators, measures and default section texts
 * that `fangan init` drafts a plan from (`kind: starter`). The built-in one is
 * templates/starters/health-town.yaml; a county can bring its own with `--starter`, so a starter
 * is user data: every problem is a diagnostic with file:line:col, never an exception.
 */
import { fileURLToPath } from 'node:url';
import type { ErrorObject } from 'ajv';
import type { Params } from '../diagnostics/catalog.js';
import { makeDiagnostic } from '../diagnostics/make.js';
import type { Diagnostic, Lang } from '../diagnostics/types.js';
import type { Indicator, Safeguard } from '../model/types.js';
import { parseYaml, pointerOf } from '../parse/index.js';
import { readRegularFileSync, sourceFromBytes } from '../read/index.js';
import { readablePath } from '../validate/issue.js';
import { validatorFor } from '../validate/schema.js';
import { closest } from '../validate/suggest.js';

export interface StarterUnit {
  id: string;
  /** May contain {place}: “镇” or “乡”. */
  name: string;
  /** Pre-checked in the wizard. */
  default?: boolean;
  /** How the unit appears in the leading group; default `<name>主要负责人`. */
  member?: string;
}

/** A plan indicator without a deadline (drafting sets it from the period). */
export interface StarterIndicator extends Omit<Indicator, 'deadline'> {
  /** Background figures shown as a comment next to the indicator in the drafted plan. */
  reference?: string;
}

export interface StarterGoal {
  id: string;
  text: string;
  default?: boolean;
  indicators?: StarterIndicator[];
}

export interface StarterMeasure {
  id: string;
  /** Domain area (工作机制, 健康政策, 健康场所 …), shown in the wizard. */
  area?: string;
  title: string;
  description?: string;
  actions?: string[];
  lead: string;
  support?: string[];
  /** Month (1..12) of a 12-month plan; scaled to the real period. */
  deadline_month: number;
  goals?: string[];
  indicators?: string[];
}

export interface StarterPhase {
  phase: string;
  /** Length in months of a 12-month plan; scaled to the real period. */
  months: number;
  tasks?: string[];
}

export interface Starter {
  kind: 'starter';
  name: string;
  /** Title template, e.g. `{town}创建健康促进乡镇工作方案`. */
  title: string;
  background?: string;
  requirements?: string[];
  units: StarterUnit[];
  goals: StarterGoal[];
  measures: StarterMeasure[];
  organization?: {
    leader: string;
    deputies?: string[];
    office_unit?: string;
    office_duty?: string;
  };
  schedule?: StarterPhase[];
  safeguards?: Safeguard[];
  outcomes?: string[];
  assessment?: string;
  attachments?: Array<{ title: string; table?: 'measures'; text?: string }>;
}

/** Path of the built-in starter; src/init and dist/init are both two levels below the package. */
export const builtinStarterPath = (): string =>
  fileURLToPath(new URL('../../templates/starters/health-town.yaml', import.meta.url));

/** Largest starter file read; the built-in one is 15 kB. */
export const MAX_STARTER_BYTES = 1024 * 1024;

// ---------------------------------------------------------------------------------------------
// The shape is schemas/starter.schema.json (ajv, compiled at build time like the plan schema);
// ajv's errors become the FG70xx messages here, positioned by the parse stage. What a schema
// cannot say (ids unique, references resolve, targets agree with their direction) is checked
// after it, in checkReferences.

const TYPE_WORDS: Record<Lang, Record<string, string>> = {
  'zh-CN': {
    string: '文本',
    boolean: 'true 或 false',
    number: '数字',
    integer: '整数',
    array: '列表',
    object: '映射（键: 值）',
  },
  en: {
    string: 'text',
    boolean: 'true or false',
    number: 'a number',
    integer: 'a whole number',
    array: 'a list',
    object: 'a mapping (key: value)',
  },
};

/** Parse-stage codes that FG7014 names: aliases and anchors, tags, more than one document. */
const UNSAFE_YAML: ReadonlySet<string> = new Set(['FG1104', 'FG1105', 'FG1106']);

export interface StarterResult {
  starter?: Starter;
  diagnostics: Diagnostic[];
}

type PathPart = string | number;
type Report = (
  code: string,
  pointer: string,
  params?: Params,
  part?: 'value' | 'key',
  hint?: { code: string; params: Params },
) => void;

/**
 * Parses and checks a starter file. `starter` is set only when there are no errors. Safe YAML
 * (the parse stage: YAML 1.2 core schema, unique keys, no aliases, no tags, one document), then
 * the JSON Schema, then the rules between fields.
 */
export function parseStarter(text: string, file: string, lang: Lang): StarterResult {
  const parsed = parseYaml(text, { file, lang });
  const diagnostics: Diagnostic[] = [];
  if (parsed.diagnostics.some((d) => d.code === 'FG1005')) {
    return { diagnostics: [makeDiagnostic('FG7001', lang, { file, line: 1, column: 1 })] };
  }
  if (!parsed.ok || parsed.diagnostics.length > 0) {
    // The parse stage's position and plain-language reason, under the starter's codes.
    for (const d of parsed.diagnostics) {
      const at = { file, line: d.line, column: d.column };
      const wrapped = UNSAFE_YAML.has(d.code)
        ? makeDiagnostic('FG7014', lang, at)
        : makeDiagnostic('FG7002', lang, at, { detail: d.message });
      if (d.hint !== undefined) wrapped.hint = d.hint;
      diagnostics.push(wrapped);
    }
    return { diagnostics };
  }

  const report: Report = (code, pointer, params = {}, part = 'value', hint) => {
    let span = parsed.locate(pointer, part);
    // A missing node is reported at its nearest existing parent.
    for (let p = pointer; !span && p !== '';) {
      p = p.slice(0, p.lastIndexOf('/'));
      span = parsed.locate(p);
    }
    diagnostics.push(
      makeDiagnostic(
        code,
        lang,
        { file, ...(span ?? { line: 1, column: 1 }), pointer },
        { field: readablePath(pointer) || '(root)', ...params },
        hint,
      ),
    );
  };

  const value = parsed.value;
  if (
    value === null ||
    typeof value !== 'object' ||
    (value as { kind?: unknown }).kind !== 'starter'
  ) {
    report('FG7001', '');
    return { diagnostics };
  }
  const validate = validatorFor('starter');
  if (!validate(value)) {
    schemaDiagnostics(validate.errors ?? [], lang, report);
    return { diagnostics: inFileOrder(diagnostics) };
  }

  const starter = value as Starter;
  checkReferences(starter, (code, path, params) => report(code, pointerOf(path), params));
  return diagnostics.length > 0
    ? { diagnostics: inFileOrder(diagnostics) }
    : { starter, diagnostics };
}

const inFileOrder = (diagnostics: Diagnostic[]): Diagnostic[] =>
  diagnostics.sort((a, b) => a.line - b.line || a.column - b.column);

interface SchemaNode {
  properties?: Record<string, unknown>;
  minimum?: number;
  maximum?: number;
}

/** ajv errors -> FG70xx diagnostics, one per node and keyword. */
function schemaDiagnostics(errors: readonly ErrorObject[], lang: Lang, report: Report): void {
  const seen = new Set<string>();
  for (const error of errors) {
    const pointer = error.instancePath;
    const parent = (error.parentSchema ?? {}) as SchemaNode;
    const p = error.params as Record<string, unknown>;
    if (error.keyword === 'additionalProperties') {
      const key = String(p.additionalProperty);
      const suggestion = closest(key, Object.keys(parent.properties ?? {}));
      report(
        'FG7005',
        pointer + pointerOf([key]),
        { key: JSON.stringify(key) },
        'key',
        suggestion === undefined ? undefined : { code: 'FG7006', params: { suggestion } },
      );
      continue;
    }
    if (error.keyword === 'required') {
      report('FG7003', pointer, { key: String(p.missingProperty) });
      continue;
    }
    // One message per node: `minimum` and `maximum` say the same thing.
    if (seen.has(pointer)) continue;
    seen.add(pointer);
    switch (error.keyword) {
      case 'type':
        report('FG7004', pointer, { expected: TYPE_WORDS[lang][String(p.type)] ?? String(p.type) });
        break;
      case 'enum':
        report('FG7011', pointer, { allowed: (p.allowedValues as unknown[]).join(', ') });
        break;
      case 'pattern': // `\S`: text that is empty or only spaces
        report('FG7114', pointer);
        break;
      case 'minItems':
        report('FG7013', pointer);
        break;
      case 'minimum':
      case 'maximum':
        report('FG7010', pointer, { min: parent.minimum, max: parent.maximum });
        break;
      default:
        report('FG7004', pointer, { expected: error.message ?? error.keyword });
    }
  }
}

/** Ids unique, references resolve, indicator defaults agree with their direction. */
function checkReferences(
  s: Starter,
  report: (
    code: string,
    path: readonly PathPart[],
    params?: Record<string, string | number | undefined>,
  ) => void,
): void {
  const unique = (ids: Array<{ id: string; path: PathPart[] }>): Set<string> => {
    const seen = new Set<string>();
    for (const { id, path } of ids) {
      if (seen.has(id)) report('FG7007', path, { id });
      seen.add(id);
    }
    return seen;
  };
  const units = unique(s.units.map((u, i) => ({ id: u.id, path: ['units', i, 'id'] })));
  const goals = unique(s.goals.map((g, i) => ({ id: g.id, path: ['goals', i, 'id'] })));
  const indicators = unique(
    s.goals.flatMap((g, i) =>
      (g.indicators ?? []).map((ind, j) => ({
        id: ind.id,
        path: ['goals', i, 'indicators', j, 'id'],
      })),
    ),
  );
  unique(s.measures.map((m, i) => ({ id: m.id, path: ['measures', i, 'id'] })));

  const resolve = (known: Set<string>, id: string, path: PathPart[]) => {
    if (!known.has(id)) report('FG7008', path, { id });
  };
  s.measures.forEach((m, i) => {
    resolve(units, m.lead, ['measures', i, 'lead']);
    m.support?.forEach((u, j) => resolve(units, u, ['measures', i, 'support', j]));
    m.goals?.forEach((g, j) => resolve(goals, g, ['measures', i, 'goals', j]));
    m.indicators?.forEach((x, j) => resolve(indicators, x, ['measures', i, 'indicators', j]));
  });
  if (s.organization?.office_unit)
    resolve(units, s.organization.office_unit, ['organization', 'office_unit']);

  s.goals.forEach((g, i) =>
    g.indicators?.forEach((ind, j) => {
      const path = ['goals', i, 'indicators', j];
      if (ind.unit === '%') {
        for (const key of ['baseline', 'target'] as const) {
          const v = ind[key];
          if (v !== undefined && (v < 0 || v > 100))
            report('FG7010', [...path, key], { min: 0, max: 100 });
        }
      }
      if (ind.baseline === undefined) return;
      const agrees =
        ind.direction === 'increase' ? ind.target > ind.baseline : ind.target < ind.baseline;
      if (!agrees)
        report('FG7009', [...path, 'target'], {
          id: ind.id,
          target: ind.target,
          direction: ind.direction,
          baseline: ind.baseline,
        });
    }),
  );
}

/**
 * Reads and checks a starter file through the read stage (regular files only, at most
 * MAX_STARTER_BYTES, UTF-8, UTF-16 or GB18030); a file that cannot be read is a diagnostic, not
 * an exception.
 */
export async function readStarter(path: string, lang: Lang): Promise<StarterResult> {
  let read: ReturnType<typeof readRegularFileSync>;
  try {
    read = readRegularFileSync(path, { maxBytes: MAX_STARTER_BYTES, lang });
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    const at = { file: path, line: 1, column: 1 };
    return { diagnostics: [makeDiagnostic('FG7012', lang, at, { detail: e.code ?? e.message })] };
  }
  if (!read.ok) return { diagnostics: read.diagnostics };
  const source = sourceFromBytes(read.bytes, path, { lang, maxBytes: MAX_STARTER_BYTES });
  if (!source.ok) return { diagnostics: source.diagnostics };
  return parseStarter(source.text, path, lang);
}
