import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Indicator, Plan, Progress } from '../src/model/types.js';
import {
  attainment,
  buildReportView,
  buildRollupView,
  countyName,
  formatAttainment,
  planSubject,
  townName,
} from '../src/report/index.js';

/** A small hand-made plan: three units, five measures with deadlines spread over 2025. */
const plan: Plan = {
  kind: 'plan',
  title: '青溪镇创建健康促进镇工作方案',
  issuer: '青溪镇人民政府',
  date: '2025-01-15',
  region: '云岭县青溪镇',
  period: { start: '2025-01-01', end: '2025-12-31' },
  units: [
    { id: 'dzb', name: '镇党政办' },
    { id: 'wsy', name: '镇卫生院' },
    { id: 'jyb', name: '镇教育办' },
  ],
  goals: [
    {
      id: 'G1',
      text: '居民健康素养水平明显提升',
      indicators: [
        {
          id: 'literacy',
          name: '居民健康素养水平',
          unit: '%',
          baseline: 18.5,
          target: 25,
          direction: 'increase',
        },
        {
          id: 'smoking',
          name: '成人吸烟率',
          unit: '%',
          baseline: 26,
          target: 20,
          direction: 'decrease',
        },
        { id: 'lectures', name: '健康讲座场次', unit: '场', target: 12, direction: 'increase' },
        { id: 'injury', name: '溺水事故数', unit: '起', target: 2, direction: 'decrease' },
      ],
    },
  ],
  measures: [
    { id: 'M1', title: '成立领导小组', lead: 'dzb', deadline: '2025-02-28' },
    { id: 'M2', title: '开展健康讲座', lead: 'wsy', deadline: '2025-03-31' },
    { id: 'M3', title: '建设健康步道', lead: 'dzb', deadline: '2025-06-30' },
    { id: 'M4', title: '创建健康促进学校', lead: 'jyb', deadline: '2025-05-31' },
    { id: 'M5', title: '无烟机关建设', lead: 'wsy', deadline: '2025-03-15' },
  ],
};

const progress: Progress = {
  kind: 'progress',
  plan: '../plan.yaml',
  quarter: '2025Q1',
  reporter: '青溪镇卫生健康办',
  date: '2025-04-05',
  summary: '一季度各项工作有序推进。\n\n重点任务按计划落实。',
  measures: [
    { id: 'M1', status: 'done', percent: 100, done: ['召开动员会1次'] },
    {
      id: 'M2',
      status: 'in_progress',
      percent: 60,
      done: ['举办讲座3场', '覆盖居民420人'],
      problems: ['场地不足'],
    },
    { id: 'M3', status: 'not_started', percent: 0 },
    { id: 'M5', status: 'cancelled', percent: 0 },
  ],
  indicators: [
    { id: 'literacy', actual: 21.3 },
    { id: 'smoking', actual: 19.5 },
    { id: 'lectures', actual: 3 },
  ],
  problems: ['经费到位较慢'],
  next_steps: ['加快健康步道建设'],
};

describe('buildReportView: measures on the report date', () => {
  const view = buildReportView(progress, plan);

  it('derives title, town, quarter and dates', () => {
    expect(view.title).toBe('青溪镇2025年第一季度创建健康促进镇工作汇报');
    expect(view.town).toBe('青溪镇');
    expect(view.county).toBe('云岭县');
    expect(view.periodLabel).toBe('2025年第一季度');
    expect(view.dateZh).toBe('2025年4月5日');
    expect(view.nextQuarterLabel).toBe('2025年第二季度');
    expect(view.summary).toEqual(['一季度各项工作有序推进。', '重点任务按计划落实。']);
  });

  it('marks overdue: deadline before the report date, not done, cancelled excluded', () => {
    const byId = Object.fromEntries(view.measures.map((m) => [m.id, m]));
    expect(byId.M1?.overdue).toBe(false); // done
    expect(byId.M2?.overdue).toBe(true); // 03-31 < 04-05, in progress
    expect(byId.M2?.overdueText).toBe('逾期');
    expect(byId.M5?.overdue).toBe(false); // cancelled
    expect(byId.M5?.due).toBe(false);
    expect(view.overdue.map((m) => m.id)).toEqual(['M2']);
  });

  it('treats a measure missing from the progress file as not reported, 0%', () => {
    const m4 = view.measures.find((m) => m.id === 'M4');
    expect(m4?.statusZh).toBe('未报送');
    expect(m4?.percent).toBe(0);
    expect(view.worked.map((m) => m.id)).toEqual(['M1', 'M2', 'M3']);
  });

  it('computes completion rate (done / due) and average percent over active measures', () => {
    expect(view.figures.due).toBe(2); // M1, M2 (M5 cancelled)
    expect(view.figures.dueDone).toBe(1);
    expect(view.figures.rateText).toBe('50%');
    expect(view.figures.measures).toBe(4);
    expect(view.figures.averagePercent).toBe(40); // (100+60+0+0)/4
    expect(view.figures.cancelled).toBe(1);
    expect(view.figures.notReported).toBe(1);
  });

  it('lists measures due next quarter', () => {
    expect(view.dueNext.map((m) => m.id)).toEqual(['M3', 'M4']);
    expect(view.figures.dueNextQuarter).toBe(2);
  });

  it('computes per lead unit completion', () => {
    const units = Object.fromEntries(view.units.map((u) => [u.id, u]));
    expect(units.dzb).toMatchObject({
      measures: 2,
      due: 1,
      dueDone: 1,
      rateText: '100%',
      averagePercent: 50,
    });
    expect(units.wsy).toMatchObject({
      measures: 1,
      due: 1,
      dueDone: 0,
      overdue: 1,
      rateText: '0%',
    });
    expect(units.jyb).toMatchObject({ measures: 1, due: 0, rateText: '—', averagePercent: 0 });
    expect(units.jyb?.rate).toBeUndefined();
  });

  it('judges indicators against target in their direction', () => {
    const inds = Object.fromEntries(view.indicators.map((i) => [i.id, i]));
    // (21.3 - 18.5) / (25 - 18.5) = 0.4308
    expect(inds.literacy?.attainment).toBeCloseTo(0.4308, 3);
    expect(inds.literacy?.attainmentText).toBe('43.1%');
    expect(inds.smoking?.met).toBe(true);
    expect(inds.smoking?.attainmentText).toBe('已达标');
    expect(inds.lectures?.attainmentText).toBe('25%'); // 3 / 12, no baseline
    expect(inds.injury?.attainmentText).toBe('未报送');
    expect(inds.injury?.actualText).toBe('—');
    expect(view.figures.indicatorsMet).toBe(1);
    expect(view.figures.indicatorsReported).toBe(3);
  });

  it('collects problems and next steps as facts for the template, in a fixed order', () => {
    expect(view.problems.map((p) => [p.ordinalZh, p.kind, p.measure, p.text])).toEqual([
      ['一', 'text', '', '经费到位较慢。'],
      ['二', 'measure', '开展健康讲座', '场地不足。'],
      ['三', 'overdue', '', ''],
      ['四', 'offTrack', '', ''],
    ]);
    expect(view.problems[2]?.measures.map((m) => m.id)).toEqual(['M2']);
    expect(view.problems[3]?.indicators.map((i) => i.id)).toEqual(['lectures']);
    // literacy: 21.3 against 20.1 due on 03-31 (18.5 -> 25 over the year) is on track;
    // lectures (no baseline): 3 of 12 due in full from the start is off track.
    expect(view.nextSteps.map((p) => [p.kind, p.text])).toEqual([
      ['text', '加快健康步道建设。'],
      ['overdue', ''],
      ['dueNext', ''],
      ['offTrack', ''],
    ]);
    expect(view.nextSteps[2]?.measures.map((m) => m.id)).toEqual(['M3', 'M4']);
    expect(view.nextSteps[3]?.indicators.map((i) => i.id)).toEqual(['lectures']);
  });

  it('builds a mermaid xychart of completion by lead unit', () => {
    expect(view.chart.spec).toContain('xychart-beta');
    expect(view.chart.spec).toContain('x-axis ["镇党政办", "镇卫生院", "镇教育办"]');
    expect(view.chart.spec).toContain('bar [50, 60, 0]');
  });

  it('honours asOf instead of the progress date', () => {
    const early = buildReportView(progress, plan, { asOf: '2025-03-01' });
    expect(early.figures.due).toBe(1);
    expect(early.figures.overdue).toBe(0);
  });

  it('has no rate, not 0% or NaN, when nothing is due', () => {
    const v = buildReportView(progress, plan, { asOf: '2025-01-10' });
    expect(v.figures.rate).toBeUndefined();
    expect(v.figures.rateText).toBe('—');
  });
});

describe('attainment', () => {
  const inc: Indicator = { id: 'a', name: 'a', baseline: 10, target: 20, direction: 'increase' };
  const dec: Indicator = { id: 'b', name: 'b', baseline: 30, target: 20, direction: 'decrease' };

  it('uses (actual-baseline)/(target-baseline) for both directions', () => {
    expect(attainment(inc, 15).ratio).toBeCloseTo(0.5);
    expect(attainment(dec, 25).ratio).toBeCloseTo(0.5);
    expect(attainment(dec, 20)).toEqual({ ratio: 1, met: true });
  });

  it('uses actual/target (increase) and target/actual (decrease) without a baseline', () => {
    expect(attainment({ id: 'c', name: 'c', target: 8, direction: 'increase' }, 2).ratio).toBe(
      0.25,
    );
    expect(attainment({ id: 'd', name: 'd', target: 5, direction: 'decrease' }, 10).ratio).toBe(
      0.5,
    );
    expect(attainment({ id: 'd', name: 'd', target: 0, direction: 'decrease' }, 0).met).toBe(true);
  });

  it('shows worse-than-baseline as 0% and an unmet indicator never as 100%', () => {
    expect(formatAttainment(attainment(inc, 5))).toBe('0%（低于基线）');
    expect(formatAttainment(attainment(inc, 19.9999))).toBe('99.9%');
    expect(formatAttainment(attainment(inc, 25))).toBe('已达标');
  });

  it('never disagrees with the met verdict (property)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -1000, max: 1000, noNaN: true }),
        fc.option(fc.double({ min: -1000, max: 1000, noNaN: true }), { nil: undefined }),
        fc.double({ min: -1000, max: 1000, noNaN: true }),
        fc.constantFrom('increase' as const, 'decrease' as const),
        (target, baseline, actual, direction) => {
          const ind: Indicator = { id: 'x', name: 'x', target, direction };
          if (baseline !== undefined) ind.baseline = baseline;
          const a = attainment(ind, actual);
          expect(Number.isFinite(a.ratio)).toBe(true);
          expect(a.met).toBe(direction === 'increase' ? actual >= target : actual <= target);
          expect(a.ratio >= 1).toBe(a.met);
          const text = formatAttainment(a);
          expect(text === '已达标').toBe(a.met);
        },
      ),
    );
  });
});

describe('names', () => {
  it('finds the town in the region, then the issuer', () => {
    expect(townName({ region: '云岭县青溪镇', issuer: 'x' })).toBe('青溪镇');
    expect(townName({ region: '某某市新市镇', issuer: 'x' })).toBe('新市镇');
    expect(townName({ region: '浙江省杭州市某某区某某街道', issuer: 'x' })).toBe('某某街道');
    expect(townName({ issuer: '石门乡人民政府' })).toBe('石门乡');
    expect(townName({ issuer: '某某县卫生健康局' })).toBe('某某县卫生健康局');
    expect(countyName({ region: '云岭县青溪镇', issuer: 'x' })).toBe('云岭县');
    expect(countyName({ issuer: '石门乡人民政府' })).toBeUndefined();
  });

  it('takes the subject from the plan title', () => {
    expect(
      planSubject({ title: '青溪镇创建健康促进镇工作方案', region: '云岭县青溪镇', issuer: 'x' }),
    ).toBe('创建健康促进镇');
    expect(
      planSubject({ title: '青溪镇2025年创建健康促进镇实施方案', issuer: '青溪镇人民政府' }),
    ).toBe('创建健康促进镇');
    expect(planSubject({ title: '工作方案', issuer: 'x' })).toBe('创建健康促进乡镇');
  });
});

describe('buildRollupView', () => {
  const other: Plan = {
    ...plan,
    title: '石门乡创建健康促进乡工作方案',
    region: '云岭县石门乡',
    issuer: '石门乡人民政府',
  };
  const allDone: Progress = {
    ...progress,
    reporter: '石门乡卫生院',
    date: '2025-04-08',
    measures: plan.measures.map((m) => ({ id: m.id, status: 'done' as const, percent: 100 })),
  };
  const a = buildReportView(progress, plan);
  const b = buildReportView(allDone, other);
  const rollup = buildRollupView([a, b]);

  it('ranks towns and sums the totals', () => {
    expect(rollup.rows.map((r) => [r.rank, r.town])).toEqual([
      [1, '石门乡'],
      [2, '青溪镇'],
    ]);
    expect(rollup.totals.due).toBe(2 + 3);
    expect(rollup.totals.dueDone).toBe(1 + 3);
    expect(rollup.totals.rateText).toBe('80%');
    expect(rollup.totals.overdue).toBe(1);
    expect(rollup.totals.averagePercent).toBeCloseTo((100 + 60 + 0 + 0 + 500) / 9);
    expect(rollup.laggingTowns).toBe('青溪镇');
  });

  it('titles the roll-up after the county and lists overdue measures', () => {
    expect(rollup.title).toBe('云岭县2025年第一季度创建健康促进镇工作汇总报告');
    expect(rollup.date).toBe('2025-04-08');
    expect(rollup.overdue).toEqual([
      expect.objectContaining({ town: '青溪镇', title: '开展健康讲座', lead: '镇卫生院' }),
    ]);
    expect(rollup.rows[1]?.indicators[0]?.text).toBe('21.3/25%，43.1%');
    expect(rollup.chart.spec).toContain('x-axis ["石门乡", "青溪镇"]');
  });

  it('handles an empty list', () => {
    const empty = buildRollupView([]);
    expect(empty.towns).toBe(0);
    expect(empty.totals.rateText).toBe('—');
  });
});
