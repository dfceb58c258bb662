import { suspiciousCharHint } from '../parse/index.js';
import { ISO_DATE, isIsoDate } from '../model/calendar.js';
import { BUILT_IN_SECTIONS } from '../model/types.js';
import { dateExample, validDate } from './dates.js';
import type { Issue } from './issue.js';
import { isObj, list, num, objects, text, type Obj } from './shape.js';
import { closest } from './suggest.js';
import { indicatorKindIssues } from './rules-indicator.js';

/** Every id of a collection with the pointer of its first occurrence; duplicates as issues. */
export function collectIds(
  entries: readonly { id: unknown; pointer: string }[],
  collection: string,
  issues: Issue[],
): Map<string, string> {
  const ids = new Map<string, string>();
  for (const { id, pointer } of entries) {
    if (typeof id !== 'string') continue;
    const first = ids.get(id);
    if (first === undefined) ids.set(id, pointer);
    else {
      issues.push({
        code: 'FG2101',
        pointer,
        params: { collection, id },
        lineOf: { firstLine: first },
      });
    }
  }
  return ids;
}

/** An unknown reference, with the closest known id and any look-alike character named. */
export function unknownRef(
  code: string,
  pointer: string,
  field: string,
  id: string,
  known: Iterable<string>,
): Issue {
  const hints: NonNullable<Issue['hints']> = [];
  const suggestion = closest(id, known);
  if (suggestion !== undefined) hints.push({ code: 'FG2901', params: { suggestion } });
  const chars = suspiciousCharHint(id);
  if (chars) hints.push(chars);
  return { code, pointer, params: { field, id }, hints };
}

/** FG2105 for a `YYYY-MM-DD` string that is not a real day (bad forms are the schema's). */
export function checkCalendar(
  value: unknown,
  pointer: string,
  field: string,
  issues: Issue[],
): void {
  if (typeof value === 'string' && ISO_DATE.test(value) && !isIsoDate(value)) {
    issues.push({
      code: 'FG2105',
      pointer,
      params: { field, value },
      hints: [{ code: 'FG2903', params: { example: dateExample(value) } }],
    });
  }
}

/** Valid start and end of a `{start, end}` mapping; FG2106 when start is after end. */
export function checkRange(
  range: unknown,
  pointer: string,
  field: string,
  issues: Issue[],
): { start: string; end: string } | undefined {
  if (!isObj(range)) return undefined;
  checkCalendar(range.start, `${pointer}/start`, `${field}.start`, issues);
  checkCalendar(range.end, `${pointer}/end`, `${field}.end`, issues);
  const start = validDate(range.start);
  const end = validDate(range.end);
  if (!start || !end) return undefined;
  if (start > end) {
    issues.push({ code: 'FG2106', pointer: `${pointer}/start`, params: { field, start, end } });
    return undefined;
  }
  return { start, end };
}

/** FG2022 when a value measured in percent leaves 0..100. */
export function checkPercent(
  value: unknown,
  pointer: string,
  field: string,
  issues: Issue[],
): void {
  const n = num(value);
  if (n !== undefined && (n < 0 || n > 100)) {
    issues.push({ code: 'FG2022', pointer, params: { field, value: n } });
  }
}

export interface IndicatorEntry {
  indicator: Obj;
  pointer: string;
}

/** Indicators of all goals, in file order. */
export const planIndicators = (plan: Obj): IndicatorEntry[] =>
  objects(plan.goals).flatMap(([goal, g]) =>
    objects(goal.indicators).map(([indicator, i]) => ({
      indicator,
      pointer: `/goals/${g}/indicators/${i}`,
    })),
  );

// Module level, not a closure per call: V8 drops a per-call closure's optimised code at every
// full GC and the render worker compiled it again all run long.
function indicatorIdEntry({ indicator, pointer }: IndicatorEntry): {
  id: unknown;
  pointer: string;
} {
  return { id: indicator.id, pointer: `${pointer}/id` };
}

/** The semantic rules of a work plan (plan-format.md, "Semantic rules beyond the schema"). */
export function planIssues(plan: Obj): Issue[] {
  const issues: Issue[] = [];

  checkCalendar(plan.date, '/date', 'date', issues);
  const period = checkRange(plan.period, '/period', 'period', issues);

  const units = collectIds(
    objects(plan.units).map(([u, i]) => ({ id: u.id, pointer: `/units/${i}/id` })),
    'units',
    issues,
  );
  const goals = collectIds(
    objects(plan.goals).map(([g, i]) => ({ id: g.id, pointer: `/goals/${i}/id` })),
    'goals',
    issues,
  );
  const indicatorEntries = planIndicators(plan);
  const indicators = collectIds(
    indicatorEntries.map(indicatorIdEntry),
    'goals[].indicators',
    issues,
  );
  const measures = objects(plan.measures);
  collectIds(
    measures.map(([m, i]) => ({ id: m.id, pointer: `/measures/${i}/id` })),
    'measures',
    issues,
  );

  const checkDeadline = (value: unknown, pointer: string, field: string): void => {
    checkCalendar(value, pointer, field, issues);
    const date = validDate(value);
    if (date && period && (date < period.start || date > period.end)) {
      issues.push({ code: 'FG2107', pointer, params: { field, date, ...period } });
    }
  };

  for (const { indicator, pointer } of indicatorEntries) {
    const field = text(indicator.id) ?? pointer;
    checkDeadline(indicator.deadline, `${pointer}/deadline`, `${field}.deadline`);
    indicatorKindIssues(indicator, pointer, field, period, issues);
    const baseline = num(indicator.baseline);
    const target = num(indicator.target);
    if (indicator.unit === '%') {
      checkPercent(indicator.baseline, `${pointer}/baseline`, `${field}.baseline`, issues);
      checkPercent(indicator.target, `${pointer}/target`, `${field}.target`, issues);
    }
    if (baseline === undefined || target === undefined) continue;
    const params = { id: field, target, baseline };
    if (indicator.direction === 'increase' && target < baseline) {
      issues.push({ code: 'FG2110', pointer: `${pointer}/target`, params });
    } else if (indicator.direction === 'decrease' && target > baseline) {
      issues.push({ code: 'FG2111', pointer: `${pointer}/target`, params });
    } else if (
      target === baseline &&
      (indicator.direction === 'increase' || indicator.direction === 'decrease')
    ) {
      issues.push({ code: 'FG2112', pointer: `${pointer}/target`, params });
    }
  }

  // `lead: 镇卫生院`: a unit's name where its id belongs gets the exact id as the fix.
  const idOfName = new Map<string, string>();
  for (const [unit] of objects(plan.units)) {
    const unitName = text(unit.name)?.trim();
    const id = text(unit.id);
    if (unitName && id && !idOfName.has(unitName)) idOfName.set(unitName, id);
  }
  const unitRef = (pointer: string, field: string, id: string): Issue => {
    const unitId = idOfName.get(id.trim());
    if (unitId === undefined) return unknownRef('FG2102', pointer, field, id, units.keys());
    return {
      code: 'FG2102',
      pointer,
      params: { field, id },
      hints: [{ code: 'FG2452', params: { name: id, fix: unitId } }],
    };
  };

  const served = new Set<string>();
  for (const [measure, i] of measures) {
    const at = `/measures/${i}`;
    const name = text(measure.id) ?? `measures[${i}]`;
    const lead = text(measure.lead);
    if (lead !== undefined && !units.has(lead)) {
      issues.push(unitRef(`${at}/lead`, `${name}.lead`, lead));
    }
    list(measure.support).forEach((unit, j) => {
      if (typeof unit === 'string' && !units.has(unit)) {
        issues.push(unitRef(`${at}/support/${j}`, `${name}.support`, unit));
      }
    });
    list(measure.goals).forEach((goal, j) => {
      if (typeof goal !== 'string') return;
      served.add(goal);
      if (!goals.has(goal)) {
        issues.push(unknownRef('FG2103', `${at}/goals/${j}`, `${name}.goals`, goal, goals.keys()));
      }
    });
    list(measure.indicators).forEach((indicator, j) => {
      if (typeof indicator === 'string' && !indicators.has(indicator)) {
        issues.push(
          unknownRef(
            'FG2104',
            `${at}/indicators/${j}`,
            `${name}.indicators`,
            indicator,
            indicators.keys(),
          ),
        );
      }
    });
    checkDeadline(measure.deadline, `${at}/deadline`, `${name}.deadline`);
  }

  for (const [goal, i] of objects(plan.goals)) {
    const id = text(goal.id);
    if (id !== undefined && !served.has(id)) {
      issues.push({ code: 'FG2113', pointer: `/goals/${i}/id`, params: { id } });
    }
  }

  let previous: { phase: string; start: string } | undefined;
  for (const [phase, i] of objects(plan.schedule)) {
    const at = `/schedule/${i}`;
    const name = text(phase.phase) ?? `schedule[${i}]`;
    const range = checkRange(phase, at, name, issues);
    if (!range) continue;
    if (period && (range.start < period.start || range.end > period.end)) {
      issues.push({
        code: 'FG2108',
        pointer: at,
        params: { phase: name, ...range, periodStart: period.start, periodEnd: period.end },
      });
    }
    if (previous && range.start < previous.start) {
      issues.push({
        code: 'FG2109',
        pointer: `${at}/start`,
        params: {
          phase: name,
          start: range.start,
          previous: previous.phase,
          previousStart: previous.start,
        },
      });
    }
    previous = { phase: name, start: range.start };
  }
  officialIssues(plan, issues);
  return issues;
}

/** Chapters a plan has, by built-in key (the view leaves the others out). */
/** The built-in chapter keys; `headings` keys outside these are the schema's FG2011, not FG2305. */
const CHAPTER_KEYS: ReadonlySet<string> = new Set(BUILT_IN_SECTIONS);

function presentChapters(plan: Obj): Set<string> {
  const org = isObj(plan.organization) ? plan.organization : undefined;
  const has = (v: unknown): boolean =>
    typeof v === 'string' ? v.trim() !== '' : list(v).length > 0;
  const present: [string, boolean][] = [
    ['background', has(plan.background)],
    ['aims', has(plan.requirements) || has(plan.goals)],
    ['organization', !!org && (isObj(org.leading_group) || has(org.office) || has(org.text))],
    ['measures', has(plan.measures)],
    ['schedule', has(plan.schedule)],
    ['safeguards', has(plan.safeguards)],
    ['outcomes', has(plan.outcomes)],
    ['assessment', has(plan.assessment)],
  ];
  return new Set(present.filter(([, yes]) => yes).map(([key]) => key));
}

/** Rules for the 公文 elements, the issuing notice and custom chapters (FG2300-FG2349). */
function officialIssues(plan: Obj, issues: Issue[]): void {
  const hasMasthead = text(plan.masthead) !== undefined;
  if (text(plan.signer) !== undefined && !hasMasthead) {
    issues.push({ code: 'FG2300', pointer: '/signer', params: {} });
  } else if (text(plan.signer) !== undefined && text(plan.doc_number) === undefined) {
    issues.push({ code: 'FG2301', pointer: '/signer', params: {} });
  }
  if (text(plan.secrecy) !== undefined && text(plan.copy_number) === undefined) {
    issues.push({ code: 'FG2302', pointer: '/secrecy', params: {} });
  }
  const urgency = text(plan.urgency);
  if (urgency !== undefined && !['特急', '加急'].includes(urgency.trim())) {
    issues.push({ code: 'FG2303', pointer: '/urgency', params: { value: urgency } });
  }
  checkCalendar(plan.printed_on, '/printed_on', 'printed_on', issues);
  const printed = validDate(plan.printed_on);
  const dated = validDate(plan.date);
  if (printed && dated && printed < dated) {
    issues.push({
      code: 'FG2304',
      pointer: '/printed_on',
      params: { printed, date: dated },
    });
  }
  const present = presentChapters(plan);
  if (isObj(plan.headings)) {
    for (const key of Object.keys(plan.headings)) {
      if (CHAPTER_KEYS.has(key) && !present.has(key)) {
        issues.push({ code: 'FG2305', pointer: `/headings/${key}`, params: { key } });
      }
    }
  }
  const seen = new Map<string, number>();
  for (const [section, i] of objects(plan.sections)) {
    const title = text(section.title)?.trim();
    if (list(section.paragraphs).length === 0 && list(section.items).length === 0) {
      issues.push({ code: 'FG2306', pointer: `/sections/${i}`, params: { title: title ?? '' } });
    }
    if (title === undefined) continue;
    const first = seen.get(title);
    if (first !== undefined) {
      issues.push({
        code: 'FG2307',
        pointer: `/sections/${i}/title`,
        params: { title, first: first + 1 },
      });
    } else seen.set(title, i);
  }
}
