/**
 * Indicator maths (src/report/indicators.ts, figures.ts): attainment for every kind and
 * direction, the expected path through staged targets, pace and the 红黄绿 status, and how the
 * report view reads half-yearly and annual indicators. Formulas: docs/report.md.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Indicator, Plan, Progress } from '../src/model/types.js';
import {
  attainment,
  buildReportView,
  DEFAULT_THRESHOLDS,
  expectedAt,
  formatAttainment,
  isMeasured,
  pace,
  readIndicator,
} from '../src/report/index.js';
import { addDays } from '../src/model/calendar.js';

const YEAR = { start: '2025-01-01', end: '2025-12-31' };
const Q = {
  1: { start: '2025-01-01', end: '2025-03-31' },
  2: { start: '2025-04-01', end: '2025-06-30' },
  3: { start: '2025-07-01', end: '2025-09-30' },
  4: { start: '2025-10-01', end: '2025-12-31' },
} as const;

const value = fc.double({ min: -1000, max: 1000, noNaN: true });
const kind = fc.constantFrom('rate' as const, 'count' as const, 'level' as const, undefined);
const direction = fc.constantFrom('increase' as const, 'decrease' as const);

/** Any indicator the maths may meet, including data that contradicts its direction. */
const anyIndicator = fc
  .record({
    target: value,
    baseline: fc.option(value, { nil: undefined }),
    direction,
    kind,
    cumulative: fc.boolean(),
  })
  .map(({ target, baseline, direction, kind, cumulative }) => {
    const ind: Indicator = { id: 'x', name: 'x', target, direction };
    if (baseline !== undefined) ind.baseline = baseline;
    if (kind !== undefined) ind.kind = kind;
    if (cumulative) ind.cumulative = true;
    return ind;
  });

const beats = (ind: Indicator, a: number, b: number): boolean =>
  ind.direction === 'increase' ? a >= b : a <= b;

describe('attainment for every kind and direction (property)', () => {
  it('is finite, agrees with the 达标 verdict and its label', () => {
    fc.assert(
      fc.property(anyIndicator, value, (ind, actual) => {
        const a = attainment(ind, actual);
        expect(Number.isFinite(a.ratio)).toBe(true);
        expect(a.met).toBe(beats(ind, actual, ind.target));
        expect(a.ratio >= 1).toBe(a.met);
        expect(formatAttainment(a) === '已达标').toBe(a.met);
      }),
    );
  });

  it('never falls (up to 已达标) when the actual value moves the right way', () => {
    fc.assert(
      fc.property(anyIndicator, value, value, (ind, x, y) => {
        // actual ÷ target and target ÷ actual (no baseline) are ratios of non-negative values.
        fc.pre(
          ind.baseline !== undefined || ind.cumulative || (ind.target >= 0 && x >= 0 && y >= 0),
        );
        const [worse, better] = beats(ind, y, x) ? [x, y] : [y, x];
        // Compared as shown: a met value reads 已达标 however far beyond the target it is.
        const shown = (v: number): number => Math.min(attainment(ind, v).ratio, 1);
        expect(shown(better)).toBeGreaterThanOrEqual(shown(worse));
      }),
    );
  });

  it('counts a cumulative indicator from zero, whatever its baseline', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 500 }),
        fc.integer({ min: 0, max: 500 }),
        fc.integer({ min: 0, max: 500 }),
        (target, baseline, actual) => {
          const ind: Indicator = {
            id: 'x',
            name: 'x',
            kind: 'count',
            cumulative: true,
            baseline,
            target,
            direction: 'increase',
          };
          const a = attainment(ind, actual);
          if (actual >= target) expect(a.met).toBe(true);
          else expect(a.ratio).toBeCloseTo(Math.min(actual / target, 0.999), 9);
        },
      ),
    );
  });

  it('reads lectures 9 of 40 in the first quarter as 22.5%, not 0%（低于基线）', () => {
    const lectures: Indicator = {
      id: 'lectures',
      name: '健康讲座',
      kind: 'count',
      cumulative: true,
      baseline: 16,
      target: 40,
      direction: 'increase',
    };
    expect(formatAttainment(attainment(lectures, 9))).toBe('22.5%');
    // The same numbers without `cumulative` are today's reading: below the baseline.
    const { cumulative: _, ...level } = lectures;
    expect(formatAttainment(attainment(level, 9))).toBe('0%（低于基线）');
  });
});

describe('expectedAt: the path through staged targets', () => {
  const lectures: Indicator = {
    id: 'lectures',
    name: '讲座',
    kind: 'count',
    cumulative: true,
    baseline: 16,
    target: 40,
    targets: { '2025Q4': 40, '2025Q2': 18 },
    direction: 'increase',
    deadline: '2025-12-31',
  };

  it('starts from zero, meets each staged target at its quarter end and ends on the target', () => {
    expect(expectedAt(lectures, YEAR, '2024-12-31')).toBe(0);
    expect(expectedAt(lectures, YEAR, Q[2].end)).toBe(18);
    expect(expectedAt(lectures, YEAR, Q[4].end)).toBe(40);
    expect(expectedAt(lectures, YEAR, '2026-03-31')).toBe(40);
    // Q1: 90 of the 181 days to 06-30 → 18 × 90 / 181; Q3: 18 + 22 × 92 / 184.
    expect(expectedAt(lectures, YEAR, Q[1].end)).toBeCloseTo((18 * 90) / 181, 9);
    expect(expectedAt(lectures, YEAR, Q[3].end)).toBeCloseTo(18 + (22 * 92) / 184, 9);
  });

  it('runs from the baseline to the deadline for a level without stages', () => {
    const ind: Indicator = {
      id: 'v',
      name: 'v',
      baseline: 20,
      target: 30,
      direction: 'increase',
      deadline: '2025-12-31',
    };
    expect(expectedAt(ind, YEAR, '2024-12-31')).toBe(20);
    expect(expectedAt(ind, YEAR, Q[2].end)).toBeCloseTo(20 + (10 * 181) / 365, 9);
    expect(expectedAt(ind, YEAR, '2025-12-31')).toBe(30);
  });

  it('asks for the first stage (or the target) from the start when there is no baseline', () => {
    const ind: Indicator = { id: 'v', name: 'v', target: 12, direction: 'increase' };
    expect(expectedAt(ind, YEAR, Q[1].end)).toBe(12);
    expect(expectedAt({ ...ind, targets: { '2025Q2': 6 } }, YEAR, Q[1].end)).toBe(6);
  });

  it('moves monotonically towards the target for staged targets in order (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 100 }),
        fc.array(fc.integer({ min: 0, max: 100 }), { minLength: 3, maxLength: 3 }),
        direction,
        fc.integer({ min: 0, max: 400 }),
        fc.integer({ min: 0, max: 400 }),
        (start, raw, dir, d1, d2) => {
          const steps = [...raw].sort((a, b) => a - b);
          const [s1, s2, s3] = dir === 'increase' ? steps : steps.map((s) => -s);
          const ind: Indicator = {
            id: 'v',
            name: 'v',
            baseline: dir === 'increase' ? start - 100 : start + 100,
            target: (s3 as number) + (dir === 'increase' ? 1 : -1),
            targets: { '2025Q1': s1 as number, '2025Q2': s2 as number, '2025Q3': s3 as number },
            direction: dir,
          };
          const [early, late] = d1 <= d2 ? [d1, d2] : [d2, d1];
          const a = expectedAt(ind, YEAR, addDays('2024-12-31', early));
          const b = expectedAt(ind, YEAR, addDays('2024-12-31', late));
          expect(beats(ind, b, a)).toBe(true);
        },
      ),
    );
  });
});

describe('pace and the 红黄绿 status (property)', () => {
  const thresholds = fc
    .tuple(
      fc.double({ min: 0, max: 1.5, noNaN: true }),
      fc.double({ min: 0.01, max: 1.5, noNaN: true }),
    )
    .map(([a, b]) => ({ at_risk: Math.min(a, b), on_track: Math.max(a, b) }));
  const quarterEnd = fc.constantFrom(Q[1].end, Q[2].end, Q[3].end, Q[4].end);

  it('pace is at least 1 exactly when the actual value is at or beyond the expected one', () => {
    fc.assert(
      fc.property(anyIndicator, value, value, (ind, actual, expected) => {
        const p = pace(ind, actual, expected);
        expect(Number.isFinite(p)).toBe(true);
        expect(p >= 1).toBe(beats(ind, actual, expected));
      }),
    );
  });

  it('status follows from 达标, the deadline and the thresholds', () => {
    fc.assert(
      fc.property(
        anyIndicator,
        value,
        thresholds,
        quarterEnd,
        fc.constantFrom('2025-06-30', '2025-11-30', '2025-12-31', undefined),
        (ind, actual, limits, periodEnd, deadline) => {
          if (deadline) ind.deadline = deadline;
          const r = readIndicator(ind, actual, { plan: YEAR, periodEnd, thresholds: limits });
          const passed = (deadline ?? YEAR.end) <= periodEnd;
          const expected: string = r.met
            ? 'met'
            : passed
              ? 'off_track'
              : r.pace >= limits.on_track
                ? 'on_track'
                : r.pace >= limits.at_risk
                  ? 'at_risk'
                  : 'off_track';
          expect(r.status).toBe(expected);
          expect(r.met).toBe(attainment(ind, actual).met);
          expect(r.deadlinePassed).toBe(passed);
        },
      ),
    );
  });

  it('uses the indicator thresholds, then the caller, then 0.9 / 0.6', () => {
    const ind: Indicator = {
      id: 'v',
      name: 'v',
      baseline: 0,
      target: 100,
      direction: 'increase',
    };
    // Q2 end: 181/365 of the way, expected 49.6; 40 is a pace of 0.807.
    const at = { plan: YEAR, periodEnd: Q[2].end };
    expect(DEFAULT_THRESHOLDS).toEqual({ on_track: 0.9, at_risk: 0.6 });
    expect(readIndicator(ind, 40, at).status).toBe('at_risk');
    expect(readIndicator(ind, 40, { ...at, thresholds: { on_track: 0.8 } }).status).toBe(
      'on_track',
    );
    const strict = { ...ind, thresholds: { at_risk: 0.85 } };
    expect(readIndicator(strict, 40, { ...at, thresholds: { at_risk: 0.1 } }).status).toBe(
      'off_track',
    );
  });
});

describe('frequency: when a value is due', () => {
  const base: Indicator = { id: 'v', name: 'v', target: 1, direction: 'increase' };

  it('quarterly always, half-yearly in Q2 and Q4, annual in Q4 or the deadline quarter', () => {
    const due = (ind: Indicator) => [1, 2, 3, 4].map((q) => isMeasured(ind, Q[q as 1]));
    expect(due(base)).toEqual([true, true, true, true]);
    expect(due({ ...base, frequency: 'half_year' })).toEqual([false, true, false, true]);
    expect(due({ ...base, frequency: 'annual' })).toEqual([false, false, false, true]);
    expect(due({ ...base, frequency: 'annual', deadline: '2025-09-30' })).toEqual([
      false,
      false,
      true,
      true,
    ]);
  });
});

describe('report view: kinds, frequency and staged targets', () => {
  const plan: Plan = {
    kind: 'plan',
    title: '青溪镇创建健康促进镇工作方案',
    issuer: '青溪镇人民政府',
    date: '2025-01-15',
    region: '云岭县青溪镇',
    period: YEAR,
    units: [{ id: 'wsy', name: '镇卫生院' }],
    goals: [
      {
        id: 'G1',
        text: '居民健康素养水平明显提升',
        indicators: [
          {
            id: 'literacy',
            name: '居民健康素养水平',
            unit: '%',
            kind: 'rate',
            frequency: 'annual',
            baseline: 23.4,
            target: 28,
            direction: 'increase',
            deadline: '2025-12-31',
          },
          {
            id: 'lectures',
            name: '健康讲座',
            unit: '场',
            kind: 'count',
            cumulative: true,
            baseline: 16,
            target: 40,
            targets: { '2025Q2': 18, '2025Q4': 40 },
            direction: 'increase',
            deadline: '2025-12-31',
          },
        ],
      },
    ],
    measures: [
      { id: 'M1', title: '开展健康讲座', lead: 'wsy', deadline: '2025-12-31', goals: ['G1'] },
    ],
  };
  const progress = (quarter: string, lectures?: number, literacy?: number): Progress => ({
    kind: 'progress',
    plan: 'plan.yaml',
    quarter,
    reporter: '镇卫生院',
    date: '2025-04-05',
    measures: [{ id: 'M1', status: 'in_progress', percent: 20 }],
    indicators: [
      ...(lectures === undefined ? [] : [{ id: 'lectures', actual: lectures, note: '累计场次' }]),
      ...(literacy === undefined ? [] : [{ id: 'literacy', actual: literacy }]),
    ],
  });
  const rows = (p: Progress, history: Progress[] = []) =>
    Object.fromEntries(buildReportView(p, plan, { history }).indicators.map((i) => [i.id, i]));

  it('Q1: the lecture count is on track, the annual survey is not due (never 未报送)', () => {
    const view = buildReportView(progress('2025Q1', 9), plan);
    const { lectures, literacy } = Object.fromEntries(view.indicators.map((i) => [i.id, i]));
    expect(lectures).toMatchObject({ status: 'on_track', attainmentText: '22.5%', reported: true });
    expect(lectures?.expectedText).toBe('9');
    expect(literacy).toMatchObject({ status: 'not_applicable', applicable: false });
    expect(literacy?.attainmentText).not.toBe('未报送');
    expect(view.figures).toMatchObject({
      indicators: 2,
      indicatorsApplicable: 1,
      indicatorsNotApplicable: 1,
      indicatorsOnTrack: 1,
    });
    expect(view.indicatorNotes.map((i) => i.id)).toEqual(['lectures']);
  });

  it('Q4: the annual survey is due; missing it is 未报送, below target it is off track', () => {
    expect(rows(progress('2025Q4', 41)).literacy?.status).toBe('not_reported');
    expect(rows(progress('2025Q4', 41, 27)).literacy).toMatchObject({
      status: 'off_track',
      deadlinePassed: true,
    });
    expect(rows(progress('2025Q4', 41, 28.6)).literacy?.status).toBe('met');
  });

  it('states the change against the previous quarter: a cumulative count grows by the difference', () => {
    const q2 = rows(progress('2025Q2', 19), [progress('2025Q1', 9)]);
    expect(q2.lectures).toMatchObject({ change: 'up', deltaText: '10', previousText: '9' });
    expect(q2.lectures?.improved).toBe(true);
    // Against the Q2 stage (18) 19 is ahead of schedule.
    expect(q2.lectures?.stageMet).toBe(true);
    // Without the previous quarter's file there is nothing to compare with.
    expect(rows(progress('2025Q2', 19)).lectures?.change).toBe('');
  });
});
