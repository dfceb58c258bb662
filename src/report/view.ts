import type { IsoDate, Measure, Plan, Progress } from '../model/types.js';
import {
  attainment,
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
import { countyName, planSubject, townName } from './names.js';
import {
  isBefore,
  isOnOrBefore,
  isWithin,
  nextQuarter,
  parseQuarter,
  quarterNameZh,
  quarterOf,
} from './period.js';
import {
  chineseNumeral,
  formatDateZh,
  formatDeadlineZh,
  formatPeriodZh,
} from '../model/chinese.js';
import { buildChart, type ChartView } from './chart.js';
import { splitParagraphs } from '../template/escape.js';
import { addresseeLine } from './heads.js';

/** One measure of the plan as it stands on the report date. */
export interface MeasureRow {
  /** 1-based position in the plan (序号). */
  index: number;
  /** 一, 二, … for headings written as （一） in the template. */
  ordinalZh: string;
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
  problems: string[];
  next: string[];
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

export const numbered = (texts: readonly string[]): NumberedText[] =>
  texts.map((text, i) => ({ n: i + 1, ordinalZh: chineseNumeral(i + 1), text: sentence(text) }));

export interface IndicatorRow {
  id: string;
  name: string;
  unit: string;
  direction: 'increase' | 'decrease';
  directionZh: string;
  baseline?: number;
  baselineText: string;
  target: number;
  targetText: string;
  actual?: number;
  actualText: string;
  note: string;
  reported: boolean;
  /** Raw attainment ratio (see figures.ts); absent when no actual value was reported. */
  attainment?: number;
  /** Attainment as a percentage clamped to 0..100, for charts. */
  attainmentPercent?: number;
  /** 已达标 / 66.7% / 0%（低于基线） / 未报送 */
  attainmentText: string;
  met: boolean;
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
  measures: MeasureRow[];
  /** Reported, not cancelled measures: the body of 一、工作开展情况, `ordinalZh` renumbered. */
  worked: MeasureRow[];
  overdue: MeasureRow[];
  dueNext: MeasureRow[];
  indicators: IndicatorRow[];
  units: UnitRow[];
  /** Heading number of the per-unit section that follows the worked measures. */
  unitsOrdinalZh: string;
  /** General problems, then each measure's (named after it), then the overdue measures. */
  problems: NumberedText[];
  /** General next steps, then each measure's, then the measures due next quarter. */
  nextSteps: NumberedText[];
  chart: ChartView;
  source: { progress?: string; plan?: string };
}

export interface ReportOptions {
  /** Judge due and overdue on this date instead of the progress file's date. */
  asOf?: IsoDate;
  progressFile?: string;
  planFile?: string;
}

function measureRow(
  measure: Measure,
  index: number,
  progress: Progress,
  unitName: (id: string) => string,
  asOf: IsoDate,
  next: { start: IsoDate; end: IsoDate },
): MeasureRow {
  const reported = progress.measures.find((m) => m.id === measure.id);
  const status: ReportedStatus = reported?.status ?? 'not_reported';
  const cancelled = status === 'cancelled';
  const done = status === 'done';
  const percent = reported?.percent ?? 0;
  const overdue = !done && !cancelled && isBefore(measure.deadline, asOf);
  return {
    index,
    ordinalZh: chineseNumeral(index),
    id: measure.id,
    title: measure.title,
    leadId: measure.lead,
    lead: unitName(measure.lead),
    support: (measure.support ?? []).map(unitName),
    supportText: (measure.support ?? []).map(unitName).join('、'),
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
    problems: reported?.problems ?? [],
    next: reported?.next ?? [],
  };
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

function indicatorRows(plan: Plan, progress: Progress): IndicatorRow[] {
  const rows: IndicatorRow[] = [];
  for (const goal of plan.goals) {
    for (const ind of goal.indicators ?? []) {
      const actual = progress.indicators?.find((a) => a.id === ind.id);
      const row: IndicatorRow = {
        id: ind.id,
        name: ind.name,
        unit: ind.unit ?? '',
        direction: ind.direction,
        directionZh: DIRECTION_ZH[ind.direction],
        baselineText: ind.baseline === undefined ? NO_FIGURE : formatNumber(ind.baseline),
        target: ind.target,
        targetText: formatNumber(ind.target),
        actualText: actual ? formatNumber(actual.actual) : NO_FIGURE,
        note: actual?.note ?? '',
        reported: actual !== undefined,
        attainmentText: '未报送',
        met: false,
      };
      if (ind.baseline !== undefined) row.baseline = ind.baseline;
      if (actual) {
        const a = attainment(ind, actual.actual);
        row.actual = actual.actual;
        row.attainment = a.ratio;
        row.attainmentPercent = Math.min(100, Math.max(0, a.ratio * 100));
        row.attainmentText = formatAttainment(a);
        row.met = a.met;
      }
      rows.push(row);
    }
  }
  return rows;
}

/**
 * Progress + the plan it reports on -> everything a quarterly report template needs, with every
 * figure derived here (docs/report.md). Pure: same inputs, same view. Both inputs must already
 * be validated (unknown ids in the progress file are ignored here; validation reports them).
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

  const unitName = (id: string): string => plan.units.find((u) => u.id === id)?.name ?? id;
  const measures = plan.measures.map((m, i) =>
    measureRow(m, i + 1, progress, unitName, asOf, next),
  );
  const completion = completionOf(measures);
  const indicators = indicatorRows(plan, progress);
  const units = unitRows(plan, measures);
  const count = (s: ReportedStatus): number => measures.filter((m) => m.status === s).length;

  const figures: ReportFigures = {
    measures: completion.measures,
    cancelled: count('cancelled'),
    done: completion.done,
    inProgress: count('in_progress'),
    notStarted: count('not_started'),
    delayed: count('delayed'),
    notReported: count('not_reported'),
    due: completion.due,
    dueDone: completion.dueDone,
    overdue: completion.overdue,
    dueNextQuarter: measures.filter((m) => m.dueNextQuarter).length,
    rateText: completion.rateText,
    averagePercent: completion.averagePercent,
    averagePercentText: completion.averagePercentText,
    indicators: indicators.length,
    indicatorsReported: indicators.filter((i) => i.reported).length,
    indicatorsMet: indicators.filter((i) => i.met).length,
  };
  if (completion.rate !== undefined) figures.rate = completion.rate;

  const town = townName(plan);
  const subject = planSubject(plan);
  // Measure-level problems and next steps follow the general ones, named after their measure;
  // overdue measures and those due next quarter are always mentioned, whatever the user wrote.
  const overdue = measures.filter((m) => m.overdue);
  const dueNext = measures.filter((m) => m.dueNextQuarter);
  const titles = (rows: MeasureRow[]): string =>
    rows.map((m) => `${m.title}（${m.lead}，${m.deadlineZh}）`).join('；');
  const problems = [
    ...(progress.problems ?? []),
    ...measures.flatMap((m) => m.problems.map((p) => `${m.title}：${p}`)),
    ...(overdue.length > 0
      ? [`截至${formatDateZh(asOf)}，有${overdue.length}项任务逾期未完成：${titles(overdue)}。`]
      : []),
  ];
  const nextSteps = [
    ...(progress.next_steps ?? []),
    ...measures.flatMap((m) => m.next.map((p) => `${m.title}：${p}`)),
    ...(dueNext.length > 0
      ? [`${quarterNameZh(next)}有${dueNext.length}项任务到期，须按时完成：${titles(dueNext)}。`]
      : []),
  ];

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
    measures,
    worked: measures
      .filter((m) => m.reported && !m.cancelled)
      .map((m, i) => ({ ...m, ordinalZh: chineseNumeral(i + 1) })),
    overdue,
    dueNext,
    indicators,
    units,
    unitsOrdinalZh: '',
    problems: numbered(problems),
    nextSteps: numbered(nextSteps),
    chart: buildChart(
      '各牵头单位任务平均完成比例',
      '完成比例（%）',
      units.map((u) => ({ label: u.name, value: u.averagePercent })),
    ),
    source: {},
  };
  view.unitsOrdinalZh = chineseNumeral(view.worked.length + 1);
  const county = countyName(plan);
  if (county) view.county = county;
  if (q) view.quarter = q.key;
  if (progress.addressee) view.addressee = addresseeLine(progress.addressee);
  if (options.progressFile) view.source.progress = options.progressFile;
  if (options.planFile) view.source.plan = options.planFile;
  return view;
}
