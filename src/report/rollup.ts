import type { IsoDate } from '../model/types.js';
import { formatDateZh } from '../model/chinese.js';
import { daysBetween } from '../model/calendar.js';
import { nextQuarter, parseQuarter, quarterNameZh } from './period.js';
import { addresseeLine } from './heads.js';
import { buildChart, type ChartView } from './chart.js';
import { formatRate, percentText, rate } from './figures.js';
import {
  numbered,
  type CompletionFigures,
  type MeasureRow,
  type NumberedText,
  type ReportView,
} from './view.js';

type SlimMeasure = Pick<MeasureRow, 'title' | 'lead' | 'deadlineZh' | 'statusZh' | 'percentText'>;

/**
 * What the roll-up needs of one town's report: a slice of its ReportView small enough to send
 * between threads and to keep in the export state file for thousands of towns.
 */
export interface RollupEntry extends Pick<
  ReportView,
  | 'town'
  | 'county'
  | 'subject'
  | 'reporter'
  | 'title'
  | 'periodKey'
  | 'periodLabel'
  | 'nextQuarterLabel'
  | 'date'
  | 'figures'
  | 'source'
> {
  indicators: Pick<
    ReportView['indicators'][number],
    'name' | 'unit' | 'actualText' | 'targetText' | 'attainmentText' | 'met' | 'reported'
  >[];
  overdue: SlimMeasure[];
  dueNext: SlimMeasure[];
}

const slimMeasure = (m: SlimMeasure): SlimMeasure => ({
  title: m.title,
  lead: m.lead,
  deadlineZh: m.deadlineZh,
  statusZh: m.statusZh,
  percentText: m.percentText,
});

/** The roll-up slice of a report view. */
export function toRollupEntry(view: ReportView): RollupEntry {
  const entry: RollupEntry = {
    town: view.town,
    subject: view.subject,
    reporter: view.reporter,
    title: view.title,
    periodKey: view.periodKey,
    periodLabel: view.periodLabel,
    nextQuarterLabel: view.nextQuarterLabel,
    date: view.date,
    figures: view.figures,
    source: view.source,
    indicators: view.indicators.map((i) => ({
      name: i.name,
      unit: i.unit,
      actualText: i.actualText,
      targetText: i.targetText,
      attainmentText: i.attainmentText,
      met: i.met,
      reported: i.reported,
    })),
    overdue: view.overdue.map(slimMeasure),
    dueNext: view.dueNext.map(slimMeasure),
  };
  if (view.county !== undefined) entry.county = view.county;
  return entry;
}

export interface RollupIndicator {
  name: string;
  /** `21.3/25%，43.1%`: actual against target, then the attainment. */
  text: string;
  met: boolean;
}

export interface RollupRow extends CompletionFigures {
  /** 1 = best; see `buildRollupView` for the order. */
  rank: number;
  town: string;
  reporter: string;
  title: string;
  indicatorsMet: number;
  indicatorsReported: number;
  indicators: RollupIndicator[];
  source: { progress?: string; plan?: string };
}

export interface RollupOverdue {
  town: string;
  title: string;
  lead: string;
  deadlineZh: string;
  statusZh: string;
  percentText: string;
}

export interface RollupNext {
  town: string;
  count: number;
  titles: string;
}

/** A town that should have reported for the period and did not, or whose file failed. */
export interface RollupAbsent {
  town: string;
  /** The progress file that failed (display path); absent for a town that sent nothing. */
  source?: string;
  /** Why the file failed: the first error, `FG2014 第7行：…`; absent for a missing file. */
  reason?: string;
}

/** Who reported (应报 / 实报), who did not, who was late; the figures of 一、报送情况. */
export interface RollupSubmission {
  /** Towns whose plan covers the period (应报). */
  expected: number;
  /** Towns with a valid progress file (实报). */
  reported: number;
  missing: number;
  invalid: number;
  late: number;
  missingTowns: string;
  invalidTowns: string;
  lateTowns: string;
  /** The county's deadline for this period (county.yaml `due`), when there is one. */
  due?: IsoDate;
  dueZh: string;
  /** One row per town that is missing, failed or late, in that order. */
  exceptions: {
    town: string;
    /** 未报送 / 报送有误 / 逾期报送 */
    statusZh: string;
    dateZh: string;
    /** For 报送有误 the first error; for 逾期报送 the days after the deadline. */
    reason: string;
    missing: boolean;
    invalid: boolean;
    late: boolean;
    daysLate: number;
  }[];
}

export interface RollupView {
  title: string;
  /** 主送机关 under the title, ending in a full-width colon. */
  addressee?: string;
  county?: string;
  subject: string;
  periodKey: string;
  periodLabel: string;
  nextQuarterLabel: string;
  /** Latest report date among the towns. */
  date: IsoDate;
  dateZh: string;
  towns: number;
  submission: RollupSubmission;
  rows: RollupRow[];
  totals: CompletionFigures & {
    dueNextQuarter: number;
    indicatorsMet: number;
    indicatorsReported: number;
    /** Towns with at least one overdue measure. */
    townsWithOverdue: number;
  };
  /** Towns with overdue measures, joined with 、 for prose. */
  laggingTowns: string;
  overdue: RollupOverdue[];
  dueNext: RollupNext[];
  /** 四、下一步工作: overdue follow-up, each town's tasks due next quarter, the closing item. */
  nextSteps: NumberedText[];
  /** Signature line: `--issuer` or the county settings (the towns' files do not name it). */
  issuer?: string;
  chart: ChartView;
}

const mostCommon = (values: (string | undefined)[]): string | undefined => {
  const counts = new Map<string, number>();
  for (const v of values) if (v) counts.set(v, (counts.get(v) ?? 0) + 1);
  let best: string | undefined;
  for (const [v, n] of counts) if (best === undefined || n > (counts.get(best) ?? 0)) best = v;
  return best;
};

const collator = new Intl.Collator('zh-CN');

export interface RollupOptions {
  county?: string;
  title?: string;
  issuer?: string;
  addressee?: string;
  /** Report deadline of the period: towns reporting after it are flagged 逾期报送. */
  due?: IsoDate;
  /** Towns whose plan covers the period; defaults to the towns reporting plus `absent`. */
  expected?: number;
  /** Towns that sent no progress file for the period, or a file that failed validation. */
  absent?: readonly RollupAbsent[];
  /** The period key (2025Q1), for the labels when no town reported at all. */
  period?: string;
}

/**
 * The county roll-up from the towns' reports of one period (ReportView or its RollupEntry slice). Ranking: higher average percent
 * first (it is defined for every town, unlike the due-based rate), then fewer overdue measures,
 * then higher completion rate, then the town name.
 */
export function buildRollupView(
  entries: readonly RollupEntry[],
  options: RollupOptions = {},
): RollupView {
  const sorted = [...entries].sort(
    (a, b) =>
      b.figures.averagePercent - a.figures.averagePercent ||
      a.figures.overdue - b.figures.overdue ||
      (b.figures.rate ?? -1) - (a.figures.rate ?? -1) ||
      collator.compare(a.town, b.town),
  );
  const rows: RollupRow[] = sorted.map((v, i) => {
    const row: RollupRow = {
      rank: i + 1,
      town: v.town,
      reporter: v.reporter,
      title: v.title,
      measures: v.figures.measures,
      due: v.figures.due,
      dueDone: v.figures.dueDone,
      done: v.figures.done,
      overdue: v.figures.overdue,
      rateText: v.figures.rateText,
      averagePercent: v.figures.averagePercent,
      averagePercentText: v.figures.averagePercentText,
      indicatorsMet: v.figures.indicatorsMet,
      indicatorsReported: v.figures.indicatorsReported,
      indicators: v.indicators
        .filter((ind) => ind.reported)
        .map((ind) => ({
          name: ind.name,
          text: `${ind.actualText}/${ind.targetText}${ind.unit}，${ind.attainmentText}`,
          met: ind.met,
        })),
      source: v.source,
    };
    if (v.figures.rate !== undefined) row.rate = v.figures.rate;
    return row;
  });

  const sum = (pick: (v: RollupEntry) => number): number =>
    entries.reduce((acc, v) => acc + pick(v), 0);
  const due = sum((v) => v.figures.due);
  const dueDone = sum((v) => v.figures.dueDone);
  const totalRate = rate(dueDone, due);
  // Average over every measure of every town, so a town with more measures weighs more.
  const measureCount = sum((v) => v.figures.measures);
  const avg =
    measureCount > 0 ? sum((v) => v.figures.averagePercent * v.figures.measures) / measureCount : 0;
  const first = entries[0];
  const county = options.county ?? mostCommon(entries.map((v) => v.county));
  const subject = mostCommon(entries.map((v) => v.subject)) ?? '创建健康促进乡镇';
  const quarter = options.period ? parseQuarter(options.period) : undefined;
  const periodLabel = first?.periodLabel ?? (quarter ? quarterNameZh(quarter) : '');
  const date = entries.reduce((d, v) => (v.date > d ? v.date : d), first?.date ?? '');
  const lagging = rows.filter((r) => r.overdue > 0);
  const dueNext: RollupNext[] = sorted
    .filter((v) => v.dueNext.length > 0)
    .map((v) => ({
      town: v.town,
      count: v.dueNext.length,
      titles: v.dueNext.map((m) => m.title).join('、'),
    }));

  const submission = submissionOf(entries, options);
  const absentTowns = submission.exceptions.filter((e) => !e.late).map((e) => e.town);

  const view: RollupView = {
    title: options.title ?? `${county ?? ''}${periodLabel}${subject}工作汇总报告`,
    subject,
    periodKey: first?.periodKey ?? options.period ?? '',
    periodLabel,
    nextQuarterLabel:
      first?.nextQuarterLabel ?? (quarter ? quarterNameZh(nextQuarter(quarter)) : ''),
    date,
    dateZh: date ? formatDateZh(date) : '',
    towns: entries.length,
    submission,
    rows,
    totals: {
      measures: measureCount,
      due,
      dueDone,
      done: sum((v) => v.figures.done),
      overdue: sum((v) => v.figures.overdue),
      dueNextQuarter: sum((v) => v.figures.dueNextQuarter),
      rateText: formatRate(totalRate),
      averagePercent: avg,
      averagePercentText: percentText(avg),
      indicatorsMet: sum((v) => v.figures.indicatorsMet),
      indicatorsReported: sum((v) => v.figures.indicatorsReported),
      townsWithOverdue: lagging.length,
    },
    laggingTowns: lagging.map((r) => r.town).join('、'),
    overdue: sorted.flatMap((v) =>
      v.overdue.map((m) => ({
        town: v.town,
        title: m.title,
        lead: m.lead,
        deadlineZh: m.deadlineZh,
        statusZh: m.statusZh,
        percentText: m.percentText,
      })),
    ),
    dueNext,
    nextSteps: numbered([
      ...(absentTowns.length > 0
        ? [`督促${absentTowns.join('、')}尽快补报或更正${periodLabel}进展，汇总报告在收到后补充。`]
        : []),
      ...(lagging.length > 0
        ? [
            `督促${lagging.map((r) => r.town).join('、')}对逾期任务逐项分析原因，明确整改措施和完成时间，下季度汇报时说明整改结果。`,
          ]
        : []),
      ...dueNext.map(
        (d) =>
          `${d.town}${first?.nextQuarterLabel ?? '下一季度'}有${d.count}项任务到期（${d.titles}），请提前安排，确保按期完成。`,
      ),
      '继续按季度收集各乡镇进展，对进度偏慢的乡镇开展现场指导，推动创建工作整体达到评估标准。',
    ]),
    chart: buildChart(
      '各乡镇任务平均完成比例',
      '完成比例（%）',
      rows.map((r) => ({ label: r.town, value: r.averagePercent })),
    ),
  };
  if (totalRate !== undefined) view.totals.rate = totalRate;
  if (county) view.county = county;
  if (options.issuer) view.issuer = options.issuer;
  if (options.addressee) view.addressee = addresseeLine(options.addressee);
  return view;
}

/** 应报 / 实报 / 未报送 / 报送有误 / 逾期报送, from the entries and what the exporter found missing. */
function submissionOf(entries: readonly RollupEntry[], options: RollupOptions): RollupSubmission {
  const absent = [...(options.absent ?? [])].sort((a, b) => collator.compare(a.town, b.town));
  const missing = absent.filter((a) => a.reason === undefined);
  const invalid = absent.filter((a) => a.reason !== undefined);
  const due = options.due;
  const late = due
    ? entries
        .filter((e) => e.date > due)
        .map((e) => ({ town: e.town, date: e.date, days: daysBetween(due, e.date) }))
        .sort((a, b) => b.days - a.days || collator.compare(a.town, b.town))
    : [];
  const base = { dateZh: '—', missing: false, invalid: false, late: false, daysLate: 0 };
  const submission: RollupSubmission = {
    expected: options.expected ?? entries.length + absent.length,
    reported: entries.length,
    missing: missing.length,
    invalid: invalid.length,
    late: late.length,
    missingTowns: missing.map((a) => a.town).join('、'),
    invalidTowns: invalid.map((a) => a.town).join('、'),
    lateTowns: late.map((l) => l.town).join('、'),
    dueZh: due ? formatDateZh(due) : '',
    exceptions: [
      ...missing.map((a) => ({
        ...base,
        town: a.town,
        statusZh: '未报送',
        reason: '',
        missing: true,
      })),
      ...invalid.map((a) => ({
        ...base,
        town: a.town,
        statusZh: '报送有误',
        reason: a.reason ?? '',
        invalid: true,
      })),
      ...late.map((l) => ({
        ...base,
        town: l.town,
        statusZh: '逾期报送',
        dateZh: formatDateZh(l.date),
        reason: '',
        late: true,
        daysLate: l.days,
      })),
    ],
  };
  if (due) submission.due = due;
  return submission;
}
