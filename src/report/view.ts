import type {
  Indicator,
  IsoDate,
  Measure,
  Plan,
  Progress,
  StatusThresholds,
  Unit,
} from '../model/types.js';
import {
  average,
  DIRECTION_ZH,
  formatAttainment,
  formatNumber,
  formatRate,
  NO_FIGURE,
  percentText,
  rate,
  STATUS_ZH,
  type ReportedStatus,
} from './figures.js';
import {
  DEFAULT_THRESHOLDS,
  expectedAt,
  isMeasured,
  readIndicator,
  type IndicatorStatus,
} from './indicators.js';
import { countyName, planSubject, townName } from './names.js';
import {
  isBefore,
  isOnOrBefore,
  isWithin,
  nextQuarter,
  parseQuarter,
  quarterNameZh,
  quarterOf,
  type Quarter,
} from './period.js';
import {
  chineseNumeral,
  formatDateZh,
  formatDeadlineZh,
  formatPeriodZh,
} from '../model/chinese.js';
import { buildChart, type ChartView } from './chart.js';
import { previousQuarter } from '../model/calendar.js';
import { splitParagraphs } from '../template/escape.js';
import { addresseeLine } from './heads.js';

/** `up` / `down` / `same` against the previous quarter; empty when there is nothing to compare. */
export type Change = 'up' | 'down' | 'same' | '';

/**
 * When a done measure was finished: `this_quarter`; `earlier` (an earlier quarter's file already
 * said done: `doneInLabel` names the first of them); `unknown` (done, no earlier file to tell);
 * empty when it is not done.
 */
export type Completion = 'this_quarter' | 'earlier' | 'unknown' | '';

/** One measure of the plan as it stands on the report date. */
export interface MeasureRow {
  /** 1-based position in the plan (序号). */
  index: number;
  /** 一, 二, … for headings written as （一） in the template. */
  ordinalZh: string;
  /** 1-based position inside its group of 一、工作开展情况 (written as 1. 2. …). */
  n: number;
  id: string;
  title: string;
  leadId: string;
  lead: string;
  support: string[];
  /** Support unit names joined with 、 (empty when none). */
  supportText: string;
  deadline: IsoDate;
  /** 2025年6月底前 / 2025年6月15日前 */
  deadlineZh: string;
  status: ReportedStatus;
  statusZh: string;
  percent: number;
  percentText: string;
  reported: boolean;
  cancelled: boolean;
  /** deadline on or before the report date (cancelled measures are never due). */
  due: boolean;
  /** deadline before the report date and not done (cancelled excluded). */
  overdue: boolean;
  /** "逾期" or "否", for the attachment table. */
  overdueText: string;
  /** not done, not cancelled and the deadline falls in the next quarter. */
  dueNextQuarter: boolean;
  done: NumberedText[];
  /** The done items as clauses (closing 。 dropped) for a paragraph that joins them with ；. */
  doneClauses: string[];
  problems: string[];
  next: string[];
  /** The previous quarter's percent, when that file reports the measure. */
  previousPercent?: number;
  previousPercentText: string;
  percentChange: Change;
  completion: Completion;
  /** 第一季度 (same year) or 2024年第四季度: the first earlier quarter that reported it done. */
  doneInLabel: string;
  /** Why a cancelled measure was cancelled: its problems (or done items) this quarter, else the latest earlier quarter's. */
  cancelReason: string[];
}

export interface NumberedText {
  /** 1-based */
  n: number;
  /** n in Chinese: 一, 二, … */
  ordinalZh: string;
  text: string;
}

/** A list item read as a sentence: closing 。 added unless it already ends in punctuation. */
const sentence = (text: string): string => {
  const t = text.trim();
  return /[。！？；…．.!?;：:）)”」』]$/.test(t) || t === '' ? t : `${t}。`;
};

/** A list item as a clause inside a sentence: a closing 。；; dropped. */
const clause = (text: string): string => text.trim().replace(/[。；;，,]+$/, '');

/** A done item as a clause after the template's own 本季度: a leading 本季度 is dropped. */
const doneClause = (text: string): string => clause(text).replace(/^本季度[，,]?/, '');

// Here and below: loops and module-level functions, not closures made per call. V8 drops a
// per-call closure's optimised code at every full GC and the render worker compiled it again.
export function numbered(texts: readonly string[]): NumberedText[] {
  const items: NumberedText[] = [];
  for (const [i, text] of texts.entries()) {
    items.push({ n: i + 1, ordinalZh: chineseNumeral(i + 1), text: sentence(text) });
  }
  return items;
}

export interface IndicatorRow {
  id: string;
  name: string;
  unit: string;
  direction: 'increase' | 'decrease';
  directionZh: string;
  kind: 'rate' | 'count' | 'level';
  cumulative: boolean;
  frequency: 'quarterly' | 'half_year' | 'annual';
  baseline?: number;
  hasBaseline: boolean;
  baselineText: string;
  target: number;
  targetText: string;
  actual?: number;
  actualText: string;
  note: string;
  reported: boolean;
  /** A value is due this period (false for a half-yearly or annual indicator off its quarter). */
  applicable: boolean;
  /** Raw attainment ratio (see figures.ts); absent when no actual value was reported. */
  attainment?: number;
  /** Attainment as a percentage clamped to 0..100, for charts. */
  attainmentPercent?: number;
  /** 已达标 / 66.7% / 0%（低于基线） / 未报送 / 不适用 (the roll-up shows it). */
  attainmentText: string;
  met: boolean;
  /** The value due at the end of the period (staged target or pro-rata path). */
  expected: number;
  expectedText: string;
  /** Pace = progress made ÷ progress due (indicators.ts); absent without an actual value. */
  pace?: number;
  paceText: string;
  /** At or beyond the value due at the end of the period. */
  stageMet: boolean;
  /** The target was due by the end of the period (its deadline, else the plan's end). */
  deadlinePassed: boolean;
  status: IndicatorStatus;
  /** The previous quarter's value, when that file has one. */
  previousActual?: number;
  previousText: string;
  change: Change;
  /** |actual − previous| */
  deltaText: string;
  /** Moved the way the indicator should (up for increase, down for decrease). */
  improved: boolean;
}

/** The completion figures shared by a unit's row, a town's row and the county totals. */
export interface CompletionFigures {
  /** Measures counted, cancelled ones excluded. */
  measures: number;
  due: number;
  /** Due measures that are done. */
  dueDone: number;
  done: number;
  overdue: number;
  /** dueDone / due; undefined when nothing is due yet. */
  rate?: number;
  rateText: string;
  averagePercent: number;
  averagePercentText: string;
}

export interface UnitRow extends CompletionFigures {
  id: string;
  name: string;
}

export interface ReportFigures {
  /** Measures in the plan, cancelled ones excluded. */
  measures: number;
  cancelled: number;
  done: number;
  inProgress: number;
  notStarted: number;
  delayed: number;
  notReported: number;
  due: number;
  dueDone: number;
  overdue: number;
  dueNextQuarter: number;
  /** Completion rate: measures done / measures due by the report date. */
  rate?: number;
  rateText: string;
  /** Average percent over all measures (cancelled excluded; not reported = 0). */
  averagePercent: number;
  averagePercentText: string;
  indicators: number;
  indicatorsReported: number;
  indicatorsMet: number;
  /** Indicators with a value due this period. */
  indicatorsApplicable: number;
  indicatorsNotApplicable: number;
  indicatorsOnTrack: number;
  indicatorsAtRisk: number;
  indicatorsOffTrack: number;
}

/** The same town's previous quarter, for 环比 sentences; absent without that file. */
export interface Comparison {
  quarter: string;
  /** 第一季度, or 2024年第四季度 across a year boundary. */
  label: string;
  averagePercent: number;
  averagePercentText: string;
  averageChange: Change;
  /** |change| of the average percent in percentage points, e.g. "20.8". */
  averageDeltaText: string;
  done: number;
  /** Measures done now that were not done last quarter. */
  newlyDone: number;
}

/** One group of 一、工作开展情况: the measures whose first goal is this one. */
export interface WorkGroup {
  ordinalZh: string;
  /** Absent for the measures that name no goal. */
  goalId?: string;
  goalText: string;
  /** The goal text up to its first comma, for the heading; empty for the no-goal group. */
  heading: string;
  measures: MeasureRow[];
}

/**
 * One numbered item of 存在问题 or 下一步工作计划. `kind` says which fields carry it:
 * `text` (a line the town wrote), `measure` (a measure's own line: `measure` + `text`),
 * `overdue` / `delayed` / `dueNext` (`measures`), `offTrack` / `atRisk` (`indicators`).
 */
export interface ListItem {
  ordinalZh: string;
  kind: 'text' | 'measure' | 'overdue' | 'delayed' | 'dueNext' | 'offTrack' | 'atRisk';
  text: string;
  measure: string;
  measures: MeasureRow[];
  indicators: IndicatorRow[];
}

/** Heading numbers of the report's level-1 sections; absent sections have none. */
export interface SectionNumbers {
  work: string;
  units?: string;
  indicators: string;
  highlights?: string;
  problems: string;
  nextSteps: string;
}

export interface ReportView {
  title: string;
  town: string;
  county?: string;
  subject: string;
  issuer: string;
  reporter: string;
  /** 主送机关 under the title (progress `addressee`), ending in a full-width colon. */
  addressee?: string;
  planTitle: string;
  /** 2025Q1, or `2025-01-01~2025-06-30` for a free period. */
  periodKey: string;
  quarter?: string;
  /** 2025年第一季度 / 2025年1月1日至2025年6月30日 */
  periodLabel: string;
  periodStart: IsoDate;
  periodEnd: IsoDate;
  year: number;
  date: IsoDate;
  dateZh: string;
  /** The day overdue and due are judged against (progress date unless overridden). */
  asOf: IsoDate;
  asOfZh: string;
  nextQuarter: string;
  nextQuarterLabel: string;
  summary: string[];
  figures: ReportFigures;
  previous?: Comparison;
  sections: SectionNumbers;
  measures: MeasureRow[];
  /** 一、工作开展情况 grouped by each measure's first goal, in plan order. */
  groups: WorkGroup[];
  /** Reported, not cancelled measures, `ordinalZh` renumbered. */
  worked: MeasureRow[];
  cancelled: MeasureRow[];
  overdue: MeasureRow[];
  /** Delayed (滞后) measures that are not overdue. */
  delayed: MeasureRow[];
  dueNext: MeasureRow[];
  indicators: IndicatorRow[];
  /** Reported indicators by status, for prose. */
  indicatorsByStatus: Record<IndicatorStatus, IndicatorRow[]>;
  /** Reported indicators with a note, in plan order. */
  indicatorNotes: IndicatorRow[];
  /** The status thresholds in force (as percentages); `custom` when an indicator sets its own. */
  thresholds: {
    onTrack: number;
    atRisk: number;
    onTrackText: string;
    atRiskText: string;
    custom: boolean;
  };
  units: UnitRow[];
  highlights: NumberedText[];
  /** General problems, each measure's (named after it), overdue, delayed, lagging indicators. */
  problems: ListItem[];
  /** General next steps, each measure's, overdue to finish, due next quarter, lagging indicators. */
  nextSteps: ListItem[];
  chart: ChartView;
  source: { progress?: string; plan?: string };
}

export interface ReportOptions {
  /** Judge due and overdue on this date instead of the progress file's date. */
  asOf?: IsoDate;
  progressFile?: string;
  planFile?: string;
  /**
   * The same town's earlier progress files for this plan, any order (the caller finds and loads
   * them; the view stays pure). The one for the quarter just before this report's gives the 环比
   * figures; all of them tell when a done measure was finished and why one was cancelled.
   */
  history?: readonly Progress[];
  /** Status thresholds for indicators that set none themselves. */
  thresholds?: Partial<StatusThresholds>;
}

/** The quarter a progress file reports on (its quarter, else the quarter its period ends in). */
const quarterOfProgress = (p: Progress): Quarter | undefined =>
  p.quarter ? parseQuarter(p.quarter) : p.period ? quarterOf(p.period.end) : undefined;

const changeOf = (now: number, before: number | undefined): Change =>
  before === undefined ? '' : now > before ? 'up' : now < before ? 'down' : 'same';

/** 第一季度 within the report's year, 2024年第四季度 otherwise. */
const quarterLabel = (q: Quarter, year: number): string =>
  q.year === year ? `第${chineseNumeral(q.q)}季度` : quarterNameZh(q);

interface Earlier {
  quarter: Quarter;
  progress: Progress;
}

function unitName(units: readonly Unit[], id: string): string {
  for (const unit of units) if (unit.id === id) return unit.name;
  return id;
}

function unitNames(units: readonly Unit[], ids: readonly string[]): string[] {
  const names: string[] = [];
  for (const id of ids) names.push(unitName(units, id));
  return names;
}

function withStatus(indicators: readonly IndicatorRow[], status: IndicatorStatus): IndicatorRow[] {
  const rows: IndicatorRow[] = [];
  for (const row of indicators) if (row.status === status) rows.push(row);
  return rows;
}

function countStatus(measures: readonly MeasureRow[], status: ReportedStatus): number {
  let n = 0;
  for (const m of measures) if (m.status === status) n++;
  return n;
}

const isCancelled = (m: MeasureRow): boolean => m.cancelled;
const isOverdue = (m: MeasureRow): boolean => m.overdue;
const isDelayedNotOverdue = (m: MeasureRow): boolean => m.status === 'delayed' && !m.overdue;
const isDueNextQuarter = (m: MeasureRow): boolean => m.dueNextQuarter;
const indicatorReported = (i: IndicatorRow): boolean => i.reported;
const indicatorMet = (i: IndicatorRow): boolean => i.met;
const indicatorApplicable = (i: IndicatorRow): boolean => i.applicable;
const hasNote = (i: IndicatorRow): boolean => i.note !== '';
const unitBar = (u: UnitRow): { label: string; value: number } => ({
  label: u.name,
  value: u.averagePercent,
});

function measureRow(
  measure: Measure,
  index: number,
  progress: Progress,
  context: {
    units: readonly Unit[];
    asOf: IsoDate;
    next: { start: IsoDate; end: IsoDate };
    /** Earlier quarters, newest first. */
    earlier: readonly Earlier[];
    previous?: Progress;
    reportQuarter: Quarter;
    firstQuarter: boolean;
  },
): MeasureRow {
  const { units, asOf, next, earlier } = context;
  const reported = progress.measures.find((m) => m.id === measure.id);
  const status: ReportedStatus = reported?.status ?? 'not_reported';
  const cancelled = status === 'cancelled';
  const done = status === 'done';
  const percent = reported?.percent ?? 0;
  const overdue = !done && !cancelled && isBefore(measure.deadline, asOf);
  const before = context.previous?.measures.find((m) => m.id === measure.id);

  let completion: Completion = '';
  let doneInLabel = '';
  if (done) {
    // The first quarter of the unbroken run of earlier files that already said done.
    let first: Quarter | undefined;
    for (const e of earlier) {
      if (e.progress.measures.find((m) => m.id === measure.id)?.status !== 'done') break;
      first = e.quarter;
    }
    if (first) {
      completion = 'earlier';
      doneInLabel = quarterLabel(first, context.reportQuarter.year);
    } else if (context.previous || context.firstQuarter) completion = 'this_quarter';
    else completion = 'unknown';
  }

  let cancelReason: string[] = [];
  if (cancelled) {
    const own = (m: Progress['measures'][number] | undefined): string[] =>
      m?.status === 'cancelled' ? [...(m.problems ?? []), ...(m.done ?? [])] : [];
    cancelReason = own(reported);
    for (const e of earlier) {
      if (cancelReason.length > 0) break;
      cancelReason = own(e.progress.measures.find((m) => m.id === measure.id));
    }
    cancelReason = cancelReason.map(clause);
  }

  const row: MeasureRow = {
    index,
    ordinalZh: chineseNumeral(index),
    n: index,
    id: measure.id,
    title: measure.title,
    leadId: measure.lead,
    lead: unitName(units, measure.lead),
    support: unitNames(units, measure.support ?? []),
    supportText: unitNames(units, measure.support ?? []).join('、'),
    deadline: measure.deadline,
    deadlineZh: formatDeadlineZh(measure.deadline),
    status,
    statusZh: STATUS_ZH[status],
    percent,
    percentText: percentText(percent),
    reported: reported !== undefined,
    cancelled,
    due: !cancelled && isOnOrBefore(measure.deadline, asOf),
    overdue,
    overdueText: overdue ? '逾期' : '否',
    dueNextQuarter: !done && !cancelled && isWithin(measure.deadline, next),
    done: numbered(reported?.done ?? []),
    doneClauses: (reported?.done ?? []).map(doneClause).filter((t) => t !== ''),
    problems: reported?.problems ?? [],
    next: reported?.next ?? [],
    previousPercentText: before ? percentText(before.percent) : NO_FIGURE,
    percentChange: reported ? changeOf(percent, before?.percent) : '',
    completion,
    doneInLabel,
    cancelReason,
  };
  if (before) row.previousPercent = before.percent;
  return row;
}

/** Completion figures over `rows`, cancelled ones dropped first. */
function completionOf(rows: MeasureRow[]): CompletionFigures {
  const active = rows.filter((r) => !r.cancelled);
  const due = active.filter((r) => r.due);
  const dueDone = due.filter((r) => r.status === 'done').length;
  const completionRate = rate(dueDone, due.length);
  const avg = average(active.map((r) => r.percent)) ?? 0;
  const figures: CompletionFigures = {
    measures: active.length,
    due: due.length,
    dueDone,
    done: active.filter((r) => r.status === 'done').length,
    overdue: active.filter((r) => r.overdue).length,
    rateText: formatRate(completionRate),
    averagePercent: avg,
    averagePercentText: percentText(avg),
  };
  if (completionRate !== undefined) figures.rate = completionRate;
  return figures;
}

function unitRows(plan: Plan, rows: MeasureRow[]): UnitRow[] {
  const result: UnitRow[] = [];
  for (const unit of plan.units) {
    const led = rows.filter((r) => r.leadId === unit.id);
    const completion = completionOf(led);
    if (completion.measures === 0) continue;
    result.push({ id: unit.id, name: unit.name, ...completion });
  }
  return result;
}

function indicatorRow(
  ind: Indicator,
  progress: Progress,
  context: {
    plan: Plan;
    period: { start: IsoDate; end: IsoDate };
    previous?: Progress;
    thresholds?: Partial<StatusThresholds>;
  },
): IndicatorRow {
  const actual = progress.indicators?.find((a) => a.id === ind.id);
  const before = context.previous?.indicators?.find((a) => a.id === ind.id);
  const applicable = isMeasured(ind, context.period);
  const reading = actual
    ? readIndicator(ind, actual.actual, {
        plan: context.plan.period,
        periodEnd: context.period.end,
        ...(context.thresholds ? { thresholds: context.thresholds } : {}),
      })
    : undefined;
  const expected = reading?.expected ?? expectedAt(ind, context.plan.period, context.period.end);
  const change = actual ? changeOf(actual.actual, before?.actual) : '';
  const row: IndicatorRow = {
    id: ind.id,
    name: ind.name,
    unit: ind.unit ?? '',
    direction: ind.direction,
    directionZh: DIRECTION_ZH[ind.direction],
    kind: ind.kind ?? (ind.cumulative ? 'count' : 'level'),
    cumulative: ind.cumulative === true,
    frequency: ind.frequency ?? 'quarterly',
    hasBaseline: ind.baseline !== undefined,
    baselineText: ind.baseline === undefined ? NO_FIGURE : formatNumber(ind.baseline),
    target: ind.target,
    targetText: formatNumber(ind.target),
    actualText: actual ? formatNumber(actual.actual) : NO_FIGURE,
    note: actual?.note ?? '',
    reported: actual !== undefined,
    applicable,
    attainmentText: applicable ? '未报送' : '不适用',
    met: false,
    expected,
    expectedText: formatNumber(expected, 1),
    paceText: NO_FIGURE,
    stageMet: false,
    deadlinePassed: (ind.deadline ?? context.plan.period.end) <= context.period.end,
    status: actual ? 'on_track' : applicable ? 'not_reported' : 'not_applicable',
    previousText: before ? formatNumber(before.actual) : NO_FIGURE,
    change,
    deltaText: actual && before ? formatNumber(Math.abs(actual.actual - before.actual)) : NO_FIGURE,
    improved: ind.direction === 'increase' ? change === 'up' : change === 'down',
  };
  if (ind.baseline !== undefined) row.baseline = ind.baseline;
  if (before) row.previousActual = before.actual;
  if (actual && reading) {
    row.actual = actual.actual;
    row.attainment = reading.ratio;
    row.attainmentPercent = Math.min(100, Math.max(0, reading.ratio * 100));
    row.attainmentText = formatAttainment(reading);
    row.met = reading.met;
    row.pace = reading.pace;
    row.paceText = percentText(Math.max(0, reading.pace) * 100);
    row.stageMet = reading.stageMet;
    row.status = reading.status;
  }
  return row;
}

/** Goal groups in plan order; measures naming no (known) goal come last. */
function groupMeasures(plan: Plan, measures: MeasureRow[]): WorkGroup[] {
  const goalOf = new Map(
    plan.measures.map((m) => [m.id, m.goals?.find((g) => plan.goals.some((x) => x.id === g))]),
  );
  const groups: WorkGroup[] = [];
  const add = (goalId: string | undefined, goalText: string, rows: MeasureRow[]): void => {
    if (rows.length === 0) return;
    const group: WorkGroup = {
      ordinalZh: chineseNumeral(groups.length + 1),
      goalText,
      heading: goalText.split(/[，,；;。]/)[0]?.trim() ?? goalText,
      measures: rows.map((m, i) => ({ ...m, n: i + 1 })),
    };
    if (goalId !== undefined) group.goalId = goalId;
    groups.push(group);
  };
  for (const goal of plan.goals) {
    add(
      goal.id,
      goal.text,
      measures.filter((m) => goalOf.get(m.id) === goal.id),
    );
  }
  add(
    undefined,
    '',
    measures.filter((m) => goalOf.get(m.id) === undefined),
  );
  return groups;
}

const item = (
  kind: ListItem['kind'],
  fields: Partial<ListItem> = {},
): Omit<ListItem, 'ordinalZh'> => ({
  kind,
  text: '',
  measure: '',
  measures: [],
  indicators: [],
  ...fields,
});

const numberItems = (items: Omit<ListItem, 'ordinalZh'>[]): ListItem[] =>
  items.map((it, i) => ({ ...it, ordinalZh: chineseNumeral(i + 1) }));

/** The town's own lines, then each measure's (cancelled ones left out), named after it. */
function writtenItems(
  own: readonly string[],
  measures: readonly MeasureRow[],
  field: 'problems' | 'next',
): Omit<ListItem, 'ordinalZh'>[] {
  const items: Omit<ListItem, 'ordinalZh'>[] = [];
  for (const text of own) items.push(item('text', { text: sentence(text) }));
  for (const m of measures) {
    if (m.cancelled) continue;
    for (const text of m[field]) {
      items.push(item('measure', { measure: m.title, text: sentence(text) }));
    }
  }
  return items;
}

/** Some indicator of the plan sets its own status thresholds. */
function setsOwnThresholds(plan: Plan): boolean {
  for (const goal of plan.goals) {
    for (const ind of goal.indicators ?? []) if (ind.thresholds !== undefined) return true;
  }
  return false;
}

/**
 * Progress + the plan it reports on -> everything a quarterly report template needs, with every
 * figure derived here (docs/report.md) and all wording left to the template. Pure: same inputs,
 * same view. Inputs must already be validated (unknown ids in the progress file are ignored here;
 * validation reports them).
 */
export function buildReportView(
  progress: Progress,
  plan: Plan,
  options: ReportOptions = {},
): ReportView {
  const asOf = options.asOf ?? progress.date;
  const q = progress.quarter ? parseQuarter(progress.quarter) : undefined;
  const periodStart = q?.start ?? progress.period?.start ?? quarterOf(asOf).start;
  const periodEnd = q?.end ?? progress.period?.end ?? quarterOf(asOf).end;
  const reportQuarter = q ?? quarterOf(periodEnd);
  const next = nextQuarter(reportQuarter);
  const periodLabel = q ? quarterNameZh(q) : formatPeriodZh(periodStart, periodEnd);
  const periodKey = q ? q.key : `${periodStart}~${periodEnd}`;

  // Earlier quarters, newest first; the previous one only when it is the quarter just before.
  const earlier: Earlier[] = (options.history ?? [])
    .flatMap((p) => {
      const pq = quarterOfProgress(p);
      return pq && pq.end < reportQuarter.start ? [{ quarter: pq, progress: p }] : [];
    })
    .sort((a, b) => (a.quarter.key < b.quarter.key ? 1 : a.quarter.key > b.quarter.key ? -1 : 0))
    .filter((e, i, all) => i === 0 || all[i - 1]?.quarter.key !== e.quarter.key);
  const previousEntry =
    earlier[0]?.quarter.end === previousQuarter(reportQuarter).end ? earlier[0] : undefined;
  const previous = previousEntry?.progress;
  // Only an unbroken run of quarters ending at the previous one tells when a measure was done.
  const run: Earlier[] = [];
  for (const e of earlier) {
    const expectedEnd =
      run.length === 0
        ? previousQuarter(reportQuarter).end
        : previousQuarter(run.at(-1)?.quarter as Quarter).end;
    if (e.quarter.end !== expectedEnd) break;
    run.push(e);
  }
  const firstQuarter = periodStart <= plan.period.start;

  const measures: MeasureRow[] = [];
  for (const [i, m] of plan.measures.entries()) {
    measures.push(
      measureRow(m, i + 1, progress, {
        units: plan.units,
        asOf,
        next,
        earlier: run,
        ...(previous ? { previous } : {}),
        reportQuarter,
        firstQuarter,
      }),
    );
  }
  const completion = completionOf(measures);
  const indicators: IndicatorRow[] = [];
  for (const g of plan.goals) {
    for (const ind of g.indicators ?? []) {
      indicators.push(
        indicatorRow(ind, progress, {
          plan,
          period: { start: periodStart, end: periodEnd },
          ...(previous ? { previous } : {}),
          ...(options.thresholds ? { thresholds: options.thresholds } : {}),
        }),
      );
    }
  }
  const indicatorsByStatus: Record<IndicatorStatus, IndicatorRow[]> = {
    met: withStatus(indicators, 'met'),
    on_track: withStatus(indicators, 'on_track'),
    at_risk: withStatus(indicators, 'at_risk'),
    off_track: withStatus(indicators, 'off_track'),
    not_reported: withStatus(indicators, 'not_reported'),
    not_applicable: withStatus(indicators, 'not_applicable'),
  };
  const units = unitRows(plan, measures);
  const limits = {
    on_track: options.thresholds?.on_track ?? DEFAULT_THRESHOLDS.on_track,
    at_risk: options.thresholds?.at_risk ?? DEFAULT_THRESHOLDS.at_risk,
  };
  const figures: ReportFigures = {
    measures: completion.measures,
    cancelled: countStatus(measures, 'cancelled'),
    done: completion.done,
    inProgress: countStatus(measures, 'in_progress'),
    notStarted: countStatus(measures, 'not_started'),
    delayed: countStatus(measures, 'delayed'),
    notReported: countStatus(measures, 'not_reported'),
    due: completion.due,
    dueDone: completion.dueDone,
    overdue: completion.overdue,
    dueNextQuarter: measures.filter(isDueNextQuarter).length,
    rateText: completion.rateText,
    averagePercent: completion.averagePercent,
    averagePercentText: completion.averagePercentText,
    indicators: indicators.length,
    indicatorsReported: indicators.filter(indicatorReported).length,
    indicatorsMet: indicators.filter(indicatorMet).length,
    indicatorsApplicable: indicators.filter(indicatorApplicable).length,
    indicatorsNotApplicable: indicatorsByStatus.not_applicable.length,
    indicatorsOnTrack: indicatorsByStatus.on_track.length,
    indicatorsAtRisk: indicatorsByStatus.at_risk.length,
    indicatorsOffTrack: indicatorsByStatus.off_track.length,
  };
  if (completion.rate !== undefined) figures.rate = completion.rate;
  const town = townName(plan);
  const subject = planSubject(plan);

  const overdue = measures.filter(isOverdue);
  const delayed = measures.filter(isDelayedNotOverdue);
  const dueNext = measures.filter(isDueNextQuarter);
  const lagging = indicatorsByStatus.off_track;
  const atRisk = indicatorsByStatus.at_risk;
  const problems = numberItems([
    ...writtenItems(progress.problems ?? [], measures, 'problems'),
    ...(overdue.length > 0 ? [item('overdue', { measures: overdue })] : []),
    ...(delayed.length > 0 ? [item('delayed', { measures: delayed })] : []),
    ...(lagging.length > 0 ? [item('offTrack', { indicators: lagging })] : []),
    ...(atRisk.length > 0 ? [item('atRisk', { indicators: atRisk })] : []),
  ]);
  const nextSteps = numberItems([
    ...writtenItems(progress.next_steps ?? [], measures, 'next'),
    ...(overdue.length > 0 ? [item('overdue', { measures: overdue })] : []),
    ...(dueNext.length > 0 ? [item('dueNext', { measures: dueNext })] : []),
    ...(lagging.length > 0 || atRisk.length > 0
      ? [item('offTrack', { indicators: [...lagging, ...atRisk] })]
      : []),
  ]);
  const highlights = numbered(progress.highlights ?? []);

  // Section numbers: the unit table and the highlights only when there is something to show.
  const order: (keyof SectionNumbers)[] = [
    'work',
    ...(units.length > 0 ? (['units'] as const) : []),
    'indicators',
    ...(highlights.length > 0 ? (['highlights'] as const) : []),
    'problems',
    'nextSteps',
  ];
  const sectionNumbers: Partial<Record<keyof SectionNumbers, string>> = {};
  for (const [i, key] of order.entries()) sectionNumbers[key] = chineseNumeral(i + 1);
  const sections = sectionNumbers as SectionNumbers;
  const worked: MeasureRow[] = [];
  for (const m of measures) {
    if (m.reported && !m.cancelled) {
      worked.push({ ...m, ordinalZh: chineseNumeral(worked.length + 1) });
    }
  }

  const view: ReportView = {
    title: `${town}${periodLabel}${subject}工作汇报`,
    town,
    subject,
    issuer: plan.issuer,
    reporter: progress.reporter,
    planTitle: plan.title,
    periodKey,
    periodLabel,
    periodStart,
    periodEnd,
    year: reportQuarter.year,
    date: progress.date,
    dateZh: formatDateZh(progress.date),
    asOf,
    asOfZh: formatDateZh(asOf),
    nextQuarter: next.key,
    nextQuarterLabel: quarterNameZh(next),
    summary: progress.summary ? splitParagraphs(progress.summary) : [],
    figures,
    sections,
    measures,
    groups: groupMeasures(plan, measures),
    worked,
    cancelled: measures.filter(isCancelled),
    overdue,
    delayed,
    dueNext,
    indicators,
    indicatorsByStatus,
    indicatorNotes: indicators.filter(hasNote),
    thresholds: {
      onTrack: limits.on_track,
      atRisk: limits.at_risk,
      onTrackText: percentText(limits.on_track * 100),
      atRiskText: percentText(limits.at_risk * 100),
      custom: setsOwnThresholds(plan),
    },
    units,
    highlights,
    problems,
    nextSteps,
    chart: buildChart('各牵头单位任务平均完成比例', '完成比例（%）', units.map(unitBar)),
    source: {},
  };
  if (previous && previousEntry) {
    const before: number[] = [];
    for (const m of measures) if (!m.cancelled) before.push(m.previousPercent ?? 0);
    const previousAverage = average(before) ?? 0;
    const previousDone = new Set<string>();
    for (const m of previous.measures) if (m.status === 'done') previousDone.add(m.id);
    let newlyDone = 0;
    for (const m of measures) if (m.status === 'done' && !previousDone.has(m.id)) newlyDone++;
    view.previous = {
      quarter: previousEntry.quarter.key,
      label: quarterLabel(previousEntry.quarter, reportQuarter.year),
      averagePercent: previousAverage,
      averagePercentText: percentText(previousAverage),
      averageChange: changeOf(
        Number(completion.averagePercent.toFixed(1)),
        Number(previousAverage.toFixed(1)),
      ),
      averageDeltaText: formatNumber(Math.abs(completion.averagePercent - previousAverage), 1),
      done: previousDone.size,
      newlyDone,
    };
  }
  const county = countyName(plan);
  if (county) view.county = county;
  if (q) view.quarter = q.key;
  if (progress.addressee) view.addressee = addresseeLine(progress.addressee);
  if (options.progressFile) view.source.progress = options.progressFile;
  if (options.planFile) view.source.plan = options.planFile;
  return view;
}
