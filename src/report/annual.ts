/**
 * The annual summary (年度工作总结) of one town from its quarterly progress files, and the county
 * annual roll-up from the towns' summaries. Pure: the quarterly views come from buildReportView,
 * so every figure here is the one the quarterly reports printed; docs/report.md explains them.
 */
import type { IsoDate, Plan, Progress } from '../model/types.js';
import { quarter as quarterOfYear, quarterOverlaps, type Quarter } from '../model/calendar.js';
import { buildChart, type ChartView } from './chart.js';
import { formatNumber, formatRate, NO_FIGURE, percentText, rate } from './figures.js';
import { addresseeLine } from './heads.js';
import { buildReportView, numbered, type NumberedText, type ReportView } from './view.js';

/** One quarter of the year as the annual summary shows it. */
export interface AnnualQuarter {
  key: string;
  /** 第一季度 */
  label: string;
  reported: boolean;
  dateZh: string;
  due: number;
  dueDone: number;
  done: number;
  overdue: number;
  rateText: string;
  averagePercent: number;
  averagePercentText: string;
}

/** An indicator's values through the year, with its chart. */
export interface AnnualIndicator {
  id: string;
  name: string;
  unit: string;
  directionZh: string;
  baselineText: string;
  hasBaseline: boolean;
  targetText: string;
  /** One cell per quarter of the year: the value, or — when not reported. */
  history: { label: string; valueText: string; reported: boolean }[];
  /** The latest value reported in the year. */
  finalText: string;
  /** Quarter label of the latest value (第四季度). */
  finalLabel: string;
  reported: boolean;
  attainmentText: string;
  met: boolean;
  /** Line chart (two or more values) or bar chart (one value) of the reported quarters, with the target. */
  chart: ChartView;
}

export interface AnnualMeasure {
  title: string;
  lead: string;
  deadlineZh: string;
  statusZh: string;
  percentText: string;
  /** Quarter in which it was first reported done (第三季度). */
  doneLabel: string;
  /** Quarter whose report first showed it overdue. */
  overdueLabel: string;
  /** Deadline passed before the end of the year and still not done. */
  overdue: boolean;
}

export interface AnnualGoal {
  ordinalZh: string;
  text: string;
  measures: number;
  done: number;
  /** Titles of the goal's measures not done by the end of the year, joined with 、. */
  unfinishedTitles: string;
  indicators: AnnualIndicator[];
  indicatorsMet: number;
}

export interface AnnualView {
  title: string;
  town: string;
  county?: string;
  subject: string;
  planTitle: string;
  issuer: string;
  addressee?: string;
  year: number;
  nextYear: number;
  /** Date of the last quarterly report of the year: the summary's date. */
  date: IsoDate;
  dateZh: string;
  quarters: AnnualQuarter[];
  /** Quarters of the plan period in this year. */
  expectedQuarters: number;
  reportedQuarters: number;
  /** Labels of quarters without a progress file, joined with 、 (empty when none). */
  missingQuarters: string;
  /** Label of the last quarter reported (第四季度), whose figures are the year's. */
  lastLabel: string;
  totals: {
    measures: number;
    done: number;
    cancelled: number;
    unfinished: number;
    /** Done / measures (cancelled excluded). */
    rateText: string;
    averagePercentText: string;
    /** Measures finished after having been reported overdue. */
    finishedLate: number;
    indicators: number;
    indicatorsReported: number;
    indicatorsMet: number;
  };
  goals: AnnualGoal[];
  indicators: AnnualIndicator[];
  finishedLate: AnnualMeasure[];
  unfinished: AnnualMeasure[];
  /** Problems of the last quarter's report (its own list, then each measure's). */
  problems: NumberedText[];
  /** Next year's suggestions: unfinished tasks, unmet indicators, the last quarter's next steps. */
  suggestions: NumberedText[];
  /** Average completion per quarter. */
  chart: ChartView;
  source: { plan?: string; progress: string[] };
}

export interface AnnualInput {
  /** The quarter's progress, already validated against `plan`; absent when there is no file. */
  progress?: Progress;
  /** Display path of the progress file. */
  file?: string;
}

/** The quarters of `year` that overlap the plan's period, in order. */
export function planQuarters(plan: Plan, year: number): Quarter[] {
  return [1, 2, 3, 4]
    .map((q) => quarterOfYear(year, q))
    .filter((q) => quarterOverlaps(q, plan.period));
}

const quarterLabel = (q: Quarter): string => `第${['一', '二', '三', '四'][q.q - 1] ?? ''}季度`;

/** Chart text inside double quotes (as chart.ts does). */
const chartText = (s: string): string =>
  s
    .replace(/["[\]`\n\r]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim() || '-';

/** The smallest 1, 2 or 5 × 10^k at or above `value` (10 for nothing above zero). */
export function niceCeiling(value: number): number {
  if (!(value > 0)) return 10;
  const power = 10 ** Math.floor(Math.log10(value));
  const step = [1, 2, 5, 10].find((m) => m * power >= value - 1e-9) ?? 10;
  return Number((step * power).toPrecision(12));
}

/**
 * An indicator's history as a Mermaid xychart: a line of the reported values (a bar when there is
 * only one) and a line at the target, over the reported quarters.
 */
function indicatorChart(
  name: string,
  unit: string,
  points: { label: string; value: number }[],
  target: number,
): ChartView {
  const title = `${name}季度变化`;
  const yLabel = unit ? `${name}（${unit}）` : name;
  const bars = points.map((p) => ({
    label: p.label,
    value: p.value,
    valueText: formatNumber(p.value),
  }));
  const values = bars.map((b) => b.valueText).join(', ');
  // From zero, so a change reads at its true size; percentages top out at 100 when they can.
  const top = Math.max(target, ...points.map((p) => p.value));
  const axisMax = unit === '%' && top <= 100 ? 100 : niceCeiling(top * 1.1);
  const negative = Math.min(target, ...points.map((p) => p.value)) < 0;
  const range = negative ? '' : ` 0 --> ${formatNumber(axisMax)}`;
  const kind = bars.length >= 2 ? 'line' : 'bar';
  const spec = [
    'xychart-beta',
    `    title "${chartText(title)}"`,
    `    x-axis [${bars.map((b) => `"${chartText(b.label)}"`).join(', ')}]`,
    `    y-axis "${chartText(unit || '数值')}"${range}`,
    `    ${kind} "实际值" [${values}]`,
    `    line "目标值" [${bars.map(() => formatNumber(target)).join(', ')}]`,
  ].join('\n');
  return { title, yLabel, bars, hasData: bars.length > 0, spec };
}

/**
 * The annual summary of a town. `inputs` has one entry per quarter of `planQuarters(plan, year)`,
 * in order. At least one quarter must have a progress file.
 */
export function buildAnnualView(
  plan: Plan,
  year: number,
  inputs: readonly AnnualInput[],
  options: { planFile?: string } = {},
): AnnualView {
  const quarters = planQuarters(plan, year);
  const views: (ReportView | undefined)[] = quarters.map((_, i) => {
    const p = inputs[i]?.progress;
    return p ? buildReportView(p, plan) : undefined;
  });
  const present = views.flatMap((v, i) => (v ? [{ v, i }] : []));
  const lastEntry = present.at(-1);
  if (!lastEntry) throw new RangeError(`no progress for ${year}`);
  const last = lastEntry.v;
  const lastProgress = inputs[lastEntry.i]?.progress as Progress;

  const quarterRows: AnnualQuarter[] = quarters.map((q, i) => {
    const v = views[i];
    const f = v?.figures;
    return {
      key: q.key,
      label: quarterLabel(q),
      reported: v !== undefined,
      dateZh: v ? v.dateZh : NO_FIGURE,
      due: f?.due ?? 0,
      dueDone: f?.dueDone ?? 0,
      done: f?.done ?? 0,
      overdue: f?.overdue ?? 0,
      rateText: f?.rateText ?? NO_FIGURE,
      averagePercent: f?.averagePercent ?? 0,
      averagePercentText: f ? f.averagePercentText : NO_FIGURE,
    };
  });

  // Measures: the year's status is the last report's; "finished late" = done by then after some
  // quarterly report had shown it overdue.
  const measureNotes = last.measures.map((m, index) => {
    const firstOverdue = present.find(({ v }) => v.measures[index]?.overdue);
    const firstDone = present.find(({ v }) => v.measures[index]?.status === 'done');
    const label = (e: { i: number } | undefined): string => {
      const q = e ? quarters[e.i] : undefined;
      return q ? quarterLabel(q) : '';
    };
    const row: AnnualMeasure = {
      title: m.title,
      lead: m.lead,
      deadlineZh: m.deadlineZh,
      statusZh: m.statusZh,
      percentText: m.percentText,
      doneLabel: m.status === 'done' ? label(firstDone) : '',
      overdueLabel: label(firstOverdue),
      overdue: m.overdue,
    };
    return { m, row, late: m.status === 'done' && firstOverdue !== undefined };
  });
  const finishedLate = measureNotes.filter((n) => n.late).map((n) => n.row);
  const unfinished = measureNotes
    .filter((n) => !n.m.cancelled && n.m.status !== 'done')
    .map((n) => n.row);

  const indicators: AnnualIndicator[] = last.indicators.map((ind) => {
    const history = quarters.map((q, i) => {
      const row = views[i]?.indicators.find((x) => x.id === ind.id);
      return {
        label: quarterLabel(q),
        valueText: row?.reported ? row.actualText : NO_FIGURE,
        reported: row?.reported ?? false,
        value: row?.actual,
      };
    });
    // The latest reported row of the year carries the year's attainment.
    const latest = [...present]
      .reverse()
      .map(({ v, i }) => ({ row: v.indicators.find((x) => x.id === ind.id), i }))
      .find(({ row }) => row?.reported);
    const points = history.flatMap((h) =>
      h.reported && h.value !== undefined ? [{ label: h.label, value: h.value }] : [],
    );
    const finalQuarter = latest ? quarters[latest.i] : undefined;
    return {
      id: ind.id,
      name: ind.name,
      unit: ind.unit,
      directionZh: ind.directionZh,
      baselineText: ind.baselineText,
      hasBaseline: ind.baseline !== undefined,
      targetText: ind.targetText,
      history: history.map(({ label, valueText, reported }) => ({ label, valueText, reported })),
      finalText: latest?.row?.actualText ?? NO_FIGURE,
      finalLabel: finalQuarter ? quarterLabel(finalQuarter) : '',
      reported: latest !== undefined,
      attainmentText: latest?.row?.attainmentText ?? '未报送',
      met: latest?.row?.met ?? false,
      chart: indicatorChart(ind.name, ind.unit, points, ind.target),
    };
  });
  const byId = new Map(indicators.map((i) => [i.id, i]));

  const goals: AnnualGoal[] = plan.goals.map((goal, gi) => {
    const mine = measureNotes.filter(
      (n) =>
        !n.m.cancelled && plan.measures.find((pm) => pm.id === n.m.id)?.goals?.includes(goal.id),
    );
    const goalIndicators = (goal.indicators ?? []).flatMap((i) => byId.get(i.id) ?? []);
    return {
      ordinalZh: ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'][gi] ?? String(gi + 1),
      text: goal.text,
      measures: mine.length,
      done: mine.filter((n) => n.m.status === 'done').length,
      unfinishedTitles: mine
        .filter((n) => n.m.status !== 'done')
        .map((n) => n.m.title)
        .join('、'),
      indicators: goalIndicators,
      indicatorsMet: goalIndicators.filter((i) => i.met).length,
    };
  });

  const f = last.figures;
  const missing = quarterRows.filter((q) => !q.reported);
  const unmet = indicators.filter((i) => i.reported && !i.met);
  const notReported = indicators.filter((i) => !i.reported);
  const nextYear = year + 1;
  const suggestions = numbered([
    ...unfinished.map(
      (m) =>
        `将“${m.title}”（${m.lead}牵头，年末完成${m.percentText}）列入${nextYear}年工作计划，明确完成时限和责任人，${m.overdue ? '作为逾期任务优先推进' : '按新的时限推进'}`,
    ),
    ...unmet.map(
      (i) =>
        `“${i.name}”年末为${i.finalText}${i.unit}，未达到目标值${i.targetText}${i.unit}，${nextYear}年应分析原因，调整措施，继续${i.directionZh === '降低' ? '降低' : '提高'}`,
    ),
    ...(notReported.length > 0
      ? [
          `${notReported.map((i) => `“${i.name}”`).join('、')}全年没有监测数据，${nextYear}年应落实数据来源和监测时间`,
        ]
      : []),
    ...(lastProgress.next_steps ?? []),
    ...(unfinished.length === 0 && unmet.length === 0
      ? [`巩固${year}年创建成果，总结推广有效做法，建立健康促进工作长效机制`]
      : []),
  ]);
  const problems = numbered([
    ...(lastProgress.problems ?? []),
    ...last.measures.flatMap((m) => m.problems.map((p) => `${m.title}：${p}`)),
  ]);

  const view: AnnualView = {
    title: `${last.town}${year}年${last.subject}工作总结`,
    town: last.town,
    subject: last.subject,
    planTitle: plan.title,
    issuer: plan.issuer,
    year,
    nextYear,
    date: last.date,
    dateZh: last.dateZh,
    quarters: quarterRows,
    expectedQuarters: quarters.length,
    reportedQuarters: present.length,
    missingQuarters: missing.map((q) => q.label).join('、'),
    lastLabel: quarterLabel(quarters[lastEntry.i] as Quarter),
    totals: {
      measures: f.measures,
      done: f.done,
      cancelled: f.cancelled,
      unfinished: unfinished.length,
      rateText: formatRate(rate(f.done, f.measures)),
      averagePercentText: percentText(f.averagePercent),
      finishedLate: finishedLate.length,
      indicators: indicators.length,
      indicatorsReported: indicators.filter((i) => i.reported).length,
      indicatorsMet: indicators.filter((i) => i.met).length,
    },
    goals,
    indicators,
    finishedLate,
    unfinished,
    problems,
    suggestions,
    chart: buildChart(
      `${year}年各季度任务平均完成比例`,
      '完成比例（%）',
      quarterRows
        .filter((q) => q.reported)
        .map((q) => ({ label: q.label, value: q.averagePercent })),
    ),
    source: { progress: inputs.flatMap((i) => (i.file ? [i.file] : [])) },
  };
  // Line rather than bars: the same measure set through the year.
  view.chart.spec = view.chart.spec.replace(/\n {4}bar \[/, '\n    line [');
  if (last.county) view.county = last.county;
  const addressee = lastProgress.addressee;
  if (addressee) view.addressee = addresseeLine(addressee);
  if (options.planFile) view.source.plan = options.planFile;
  return view;
}
