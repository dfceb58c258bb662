/**
 * The county annual roll-up (县级年度汇总) from the towns' annual summaries: one row per town, the
 * county's totals, the tasks left unfinished, and the towns whose quarterly files are incomplete.
 */
import type { IsoDate } from '../model/types.js';
import { formatDateZh } from '../model/chinese.js';
import type { AnnualView } from './annual.js';
import { buildChart, type ChartView } from './chart.js';
import { formatRate, rate } from './figures.js';
import { addresseeLine } from './heads.js';
import { numbered, type NumberedText } from './view.js';

export interface AnnualRollupRow {
  rank: number;
  town: string;
  measures: number;
  done: number;
  unfinished: number;
  finishedLate: number;
  rate?: number;
  rateText: string;
  averagePercentText: string;
  indicatorsMet: number;
  indicators: number;
  /** 4/4 */
  quartersText: string;
  missingQuarters: string;
}

export interface AnnualRollupView {
  title: string;
  county?: string;
  subject: string;
  year: number;
  nextYear: number;
  date: IsoDate;
  dateZh: string;
  addressee?: string;
  issuer?: string;
  /** Towns with an annual summary. */
  towns: number;
  /** Towns with every quarter of the year reported. */
  complete: number;
  incompleteTowns: string;
  /** Towns expected (their plan covers the year) without any progress file for it. */
  absent: number;
  absentTowns: string;
  expected: number;
  rows: AnnualRollupRow[];
  totals: {
    measures: number;
    done: number;
    unfinished: number;
    finishedLate: number;
    rateText: string;
    indicators: number;
    indicatorsMet: number;
  };
  unfinished: {
    town: string;
    title: string;
    lead: string;
    deadlineZh: string;
    percentText: string;
  }[];
  suggestions: NumberedText[];
  chart: ChartView;
}

const collator = new Intl.Collator('zh-CN');

export function buildAnnualRollupView(
  summaries: readonly AnnualView[],
  options: {
    year: number;
    county?: string;
    issuer?: string;
    addressee?: string;
    /** Towns whose plan covers the year but sent no progress file for it. */
    absent?: readonly string[];
  },
): AnnualRollupView {
  const { year } = options;
  const ratio = (s: AnnualView): number => rate(s.totals.done, s.totals.measures) ?? -1;
  const sorted = [...summaries].sort(
    (a, b) =>
      ratio(b) - ratio(a) ||
      a.totals.unfinished - b.totals.unfinished ||
      collator.compare(a.town, b.town),
  );
  const rows: AnnualRollupRow[] = sorted.map((s, i) => {
    const r = rate(s.totals.done, s.totals.measures);
    const row: AnnualRollupRow = {
      rank: i + 1,
      town: s.town,
      measures: s.totals.measures,
      done: s.totals.done,
      unfinished: s.totals.unfinished,
      finishedLate: s.totals.finishedLate,
      rateText: formatRate(r),
      averagePercentText: s.totals.averagePercentText,
      indicatorsMet: s.totals.indicatorsMet,
      indicators: s.totals.indicators,
      quartersText: `${s.reportedQuarters}/${s.expectedQuarters}`,
      missingQuarters: s.missingQuarters,
    };
    if (r !== undefined) row.rate = r;
    return row;
  });
  const sum = (pick: (s: AnnualView) => number): number =>
    summaries.reduce((acc, s) => acc + pick(s), 0);
  const measures = sum((s) => s.totals.measures);
  const done = sum((s) => s.totals.done);
  const incomplete = sorted.filter((s) => s.reportedQuarters < s.expectedQuarters);
  const absent = [...(options.absent ?? [])].sort(collator.compare);
  const date = summaries.reduce((d, s) => (s.date > d ? s.date : d), '');
  const subject = summaries[0]?.subject ?? '创建健康促进乡镇';
  const withUnfinished = sorted.filter((s) => s.unfinished.length > 0);
  const nextYear = year + 1;

  const view: AnnualRollupView = {
    title: `${options.county ?? ''}${year}年${subject}工作年度汇总报告`,
    subject,
    year,
    nextYear,
    date,
    dateZh: date ? formatDateZh(date) : '',
    towns: summaries.length,
    complete: summaries.length - incomplete.length,
    incompleteTowns: incomplete.map((s) => `${s.town}（缺${s.missingQuarters}）`).join('、'),
    absent: absent.length,
    absentTowns: absent.join('、'),
    expected: summaries.length + absent.length,
    rows,
    totals: {
      measures,
      done,
      unfinished: sum((s) => s.totals.unfinished),
      finishedLate: sum((s) => s.totals.finishedLate),
      rateText: formatRate(rate(done, measures)),
      indicators: sum((s) => s.totals.indicators),
      indicatorsMet: sum((s) => s.totals.indicatorsMet),
    },
    unfinished: sorted.flatMap((s) =>
      s.unfinished.map((m) => ({
        town: s.town,
        title: m.title,
        lead: m.lead,
        deadlineZh: m.deadlineZh,
        percentText: m.percentText,
      })),
    ),
    suggestions: numbered([
      ...(absent.length > 0 || incomplete.length > 0
        ? [
            `督促${[...absent, ...incomplete.map((s) => s.town)].join('、')}补齐${year}年季度进展材料，${nextYear}年按季度及时报送`,
          ]
        : []),
      ...withUnfinished.map(
        (s) =>
          `${s.town}有${s.unfinished.length}项任务年内未完成（${s.unfinished.map((m) => m.title).join('、')}），列入${nextYear}年工作计划并明确完成时限`,
      ),
      `总结推广各乡镇创建工作中的有效做法，${nextYear}年继续按季度调度，推动创建工作整体达到评估标准`,
    ]),
    chart: buildChart(
      `${year}年各乡镇任务完成率`,
      '完成率（%）',
      rows.map((r) => ({ label: r.town, value: (r.rate ?? 0) * 100 })),
    ),
  };
  if (options.county) view.county = options.county;
  if (options.issuer) view.issuer = options.issuer;
  if (options.addressee) view.addressee = addresseeLine(options.addressee);
  return view;
}
