/**
 * The starter library: a YAML file of units, goals, indicators, measures and default section texts
 * that `fangan init` drafts a plan from (`kind: starter`). The built-in one is
 * templates/starters/health-town.yaml; a county can bring its own with `--starter`, so a starter
 * is user data: every problem is a diagnostic with file:line:col, never an exception.
 */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import {
  isAlias,
  isCollection,
  isMap,
  isPair,
  isScalar,
  LineCounter,
  parseAllDocuments,
} from 'yaml';
import type { Node, Pair } from 'yaml';
import { makeDiagnostic } from '../diagnostics/make.js';
import type { Diagnostic, Lang } from '../diagnostics/types.js';
import type { Indicator, Safeguard } from '../model/types.js';
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

// ---------------------------------------------------------------------------------------------
// A small structural checker: the starter format is ours and small, so a table of shapes gives
// localised messages and exact positions more simply than a JSON Schema round trip.

type Shape =
  | { t: 'string' }
  | { t: 'boolean' }
  | { t: 'number'; min?: number; max?: number }
  | { t: 'integer'; min: number; max: number }
  | { t: 'enum'; values: string[] }
  | { t: 'array'; items: Shape; minItems?: number }
  | { t: 'object'; props: Record<string, Shape>; required: string[] };

const str: Shape = { t: 'string' };
const strings: Shape = { t: 'array', items: str };
const obj = (props: Record<string, Shape>, required: string[]): Shape => ({
  t: 'object',
  props,
  required,
});

const indicatorShape = obj(
  {
    id: str,
    name: str,
    unit: str,
    baseline: { t: 'number' },
    target: { t: 'number' },
    direction: { t: 'enum', values: ['increase', 'decrease'] },
    reference: str,
  },
  ['id', 'name', 'target', 'direction'],
);

const starterShape = obj(
  {
    kind: { t: 'enum', values: ['starter'] },
    name: str,
    title: str,
    background: str,
    requirements: strings,
    units: {
      t: 'array',
      minItems: 1,
      items: obj({ id: str, name: str, default: { t: 'boolean' }, member: str }, ['id', 'name']),
    },
    goals: {
      t: 'array',
      minItems: 1,
      items: obj(
        {
          id: str,
          text: str,
          default: { t: 'boolean' },
          indicators: { t: 'array', items: indicatorShape },
        },
        ['id', 'text'],
      ),
    },
    measures: {
      t: 'array',
      minItems: 1,
      items: obj(
        {
          id: str,
          area: str,
          title: str,
          description: str,
          actions: strings,
          lead: str,
          support: strings,
          deadline_month: { t: 'integer', min: 1, max: 12 },
          goals: strings,
          indicators: strings,
        },
        ['id', 'title', 'lead', 'deadline_month'],
      ),
    },
    organization: obj({ leader: str, deputies: strings, office_unit: str, office_duty: str }, [
      'leader',
    ]),
    schedule: {
      t: 'array',
      items: obj({ phase: str, months: { t: 'integer', min: 1, max: 12 }, tasks: strings }, [
        'phase',
        'months',
      ]),
    },
    safeguards: { t: 'array', items: obj({ title: str, text: str }, ['title', 'text']) },
    outcomes: strings,
    assessment: str,
    attachments: {
      t: 'array',
      items: obj({ title: str, table: { t: 'enum', values: ['measures'] }, text: str }, ['title']),
    },
  },
  ['kind', 'name', 'title', 'units', 'goals', 'measures'],
);

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

type PathPart = string | number;

const fieldName = (path: readonly PathPart[]): string =>
  path.length === 0
    ? '(root)'
    : path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');

export interface StarterResult {
  starter?: Starter;
  diagnostics: Diagnostic[];
}

/**
 * Parses and checks a starter file. `starter` is set only when there are no errors. Safe YAML:
 * YAML 1.2 core schema, unique keys, no aliases, no custom tags, one document.
 */
export function parseStarter(text: string, file: string, lang: Lang): StarterResult {
  const lines = new LineCounter();
  const diagnostics: Diagnostic[] = [];
  const at = (offset: number) => {
    const { line, col } = lines.linePos(offset);
    return { file, line, column: col };
  };
  const docs = parseAllDocuments(text, {
    lineCounter: lines,
    schema: 'core',
    uniqueKeys: true,
    prettyErrors: false,
    strict: true,
  });
  const list = Array.from(docs);
  if (list.length === 0) {
    diagnostics.push(makeDiagnostic('FG7001', lang, at(0)));
    return { diagnostics };
  }
  if (list.length > 1) {
    diagnostics.push(makeDiagnostic('FG7014', lang, at(list[1]!.range[0])));
    return { diagnostics };
  }
  const doc = list[0]!;
  for (const e of [...doc.errors, ...doc.warnings]) {
    diagnostics.push(
      makeDiagnostic('FG7002', lang, at(e.pos[0]), { detail: e.message.split('\n')[0] }),
    );
  }
  if (diagnostics.length > 0) return { diagnostics };
  let unsafe: number | undefined;
  const visit = (node: unknown): void => {
    if (unsafe !== undefined || node === null || typeof node !== 'object') return;
    const n = node as Node;
    if (isAlias(n)) {
      unsafe = n.range?.[0] ?? 0;
      return;
    }
    if ((isScalar(n) || isCollection(n)) && n.tag && !n.tag.startsWith('tag:yaml.org,2002:')) {
      unsafe = n.range?.[0] ?? 0;
      return;
    }
    if (isCollection(n)) {
      for (const item of n.items) {
        if (isPair(item)) {
          visit(item.key);
          visit(item.value);
        } else visit(item);
      }
    }
  };
  visit(doc.contents);
  if (unsafe !== undefined) {
    diagnostics.push(makeDiagnostic('FG7014', lang, at(unsafe)));
    return { diagnostics };
  }

  const value: unknown = doc.toJS({ maxAliasCount: 0 });
  const positionOf = (path: readonly PathPart[], key?: string): number => {
    const node = path.length === 0 ? doc.contents : doc.getIn(path, true);
    if (key !== undefined && isMap(node)) {
      const pair = node.items.find((p: Pair) => isScalar(p.key) && p.key.value === key);
      const keyNode = pair?.key as Node | undefined;
      if (keyNode?.range) return keyNode.range[0];
    }
    const range = (node as Node | null | undefined)?.range;
    return range ? range[0] : 0;
  };
  const report = (
    code: string,
    path: readonly PathPart[],
    params: Record<string, string | number | undefined> = {},
    key?: string,
    hint?: { code: string; params: Record<string, string> },
  ) => {
    diagnostics.push(
      makeDiagnostic(
        code,
        lang,
        { ...at(positionOf(path, key)), pointer: '/' + path.map(String).join('/') },
        { field: fieldName(path), ...params },
        hint,
      ),
    );
  };

  if (
    value === null ||
    typeof value !== 'object' ||
    (value as { kind?: unknown }).kind !== 'starter'
  ) {
    report('FG7001', []);
    return { diagnostics };
  }

  const check = (v: unknown, shape: Shape, path: PathPart[]): void => {
    const expect = () =>
      report('FG7004', path, {
        expected: TYPE_WORDS[lang][shape.t === 'enum' ? 'string' : shape.t],
      });
    switch (shape.t) {
      case 'string':
        if (typeof v !== 'string') expect();
        else if (v.trim() === '') report('FG7114', path);
        return;
      case 'boolean':
        if (typeof v !== 'boolean') expect();
        return;
      case 'number':
      case 'integer':
        if (
          typeof v !== 'number' ||
          !Number.isFinite(v) ||
          (shape.t === 'integer' && !Number.isInteger(v))
        )
          expect();
        else if (
          (shape.min !== undefined && v < shape.min) ||
          (shape.max !== undefined && v > shape.max)
        )
          report('FG7010', path, { min: shape.min, max: shape.max });
        return;
      case 'enum':
        if (typeof v !== 'string' || !shape.values.includes(v))
          report('FG7011', path, { allowed: shape.values.join(', ') });
        return;
      case 'array':
        if (!Array.isArray(v)) return expect();
        if (shape.minItems && v.length < shape.minItems) report('FG7013', path);
        v.forEach((item, i) => check(item, shape.items, [...path, i]));
        return;
      case 'object': {
        if (v === null || typeof v !== 'object' || Array.isArray(v)) return expect();
        const record = v as Record<string, unknown>;
        for (const key of shape.required) if (!(key in record)) report('FG7003', path, { key });
        for (const [key, item] of Object.entries(record)) {
          const sub = shape.props[key];
          if (sub) {
            check(item, sub, [...path, key]);
            continue;
          }
          const suggestion = closest(key, Object.keys(shape.props));
          report(
            'FG7005',
            path,
            { key: JSON.stringify(key) },
            key,
            suggestion ? { code: 'FG7006', params: { suggestion } } : undefined,
          );
        }
      }
    }
  };
  check(value, starterShape, []);
  if (diagnostics.length > 0) return { diagnostics };

  const starter = value as Starter;
  checkReferences(starter, report);
  return diagnostics.length > 0 ? { diagnostics } : { starter, diagnostics };
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

/** Reads and checks a starter file; an unreadable file is a diagnostic, not an exception. */
export async function readStarter(path: string, lang: Lang): Promise<StarterResult> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    return {
      diagnostics: [
        makeDiagnostic(
          'FG7012',
          lang,
          { file: path, line: 1, column: 1 },
          {
            detail: e.code ?? e.message,
          },
        ),
      ],
    };
  }
  return parseStarter(text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n'), path, lang);
}
