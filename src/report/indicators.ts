import type { Indicator, IsoDate, StatusThresholds } from '../model/types.js';
import { addDays, daysBetween, parseQuarter } from '../model/calendar.js';
import { attainment, type Attainment } from './figures.js';

/**
 * Indicator maths beyond `attainment`: where an indicator should stand at a date (staged and
 * pro-rata targets), how its actual value compares with that (the pace) and the 红黄绿 status
 * that follows. Formulas in docs/report.md ("指标的类型、阶段目标和红黄绿").
 */

export const DEFAULT_THRESHOLDS: StatusThresholds = { on_track: 0.9, at_risk: 0.6 };

/**
 * - `met`: the final target is reached (达标);
 * - `on_track` / `at_risk` / `off_track`: 绿 / 黄 / 红 by the pace against the thresholds, or
 *   `off_track` when the deadline has come and the target is not met;
 * - `not_reported`: a value was due this period and is missing;
 * - `not_applicable`: no value is due this period (a half-yearly or annual indicator).
 */
export type IndicatorStatus =
  'met' | 'on_track' | 'at_risk' | 'off_track' | 'not_reported' | 'not_applicable';

/** Cumulative counts start from zero; other indicators from their baseline (when there is one). */
export const startValue = (indicator: Indicator): number | undefined =>
  indicator.cumulative ? 0 : indicator.baseline;

/**
 * Whether a value is due for the period ending `periodEnd`: every quarter for quarterly
 * indicators; half-yearly ones in the second and fourth quarter, annual ones in the fourth; both
 * also in the quarter of their deadline, and always once the deadline has come.
 */
export function isMeasured(
  indicator: Indicator,
  period: { start: IsoDate; end: IsoDate },
): boolean {
  const frequency = indicator.frequency ?? 'quarterly';
  if (frequency === 'quarterly') return true;
  const { deadline } = indicator;
  if (deadline !== undefined && deadline <= period.end) return true;
  const month = Number(period.end.slice(5, 7));
  // The period's last quarter: a free period counts by the quarter its end falls in.
  const q = Math.floor((month - 1) / 3) + 1;
  return frequency === 'half_year' ? q === 2 || q === 4 : q === 4;
}

interface Anchor {
  date: IsoDate;
  value: number;
}

/** Staged targets as dated points, in date order (quarter keys that do not parse are skipped). */
export function stagedTargets(indicator: Indicator): Anchor[] {
  return Object.entries(indicator.targets ?? {})
    .flatMap(([key, value]) => {
      const q = parseQuarter(key);
      return q ? [{ date: q.end, value }] : [];
    })
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

/**
 * The value an indicator should have reached on `date`: a piecewise-linear path (by days) from
 * its start value on the day before the plan period starts, through its staged targets, to the
 * target on its deadline (the period end when it has none). Without a start value the path
 * begins at the first staged target (or the target), which is then due from the start. A staged
 * target on or after the deadline only replaces the final point when it is the same day.
 */
export function expectedAt(
  indicator: Indicator,
  plan: { start: IsoDate; end: IsoDate },
  date: IsoDate,
): number {
  const finalDate = indicator.deadline ?? plan.end;
  const anchors: Anchor[] = [];
  const start = startValue(indicator);
  if (start !== undefined) anchors.push({ date: addDays(plan.start, -1), value: start });
  for (const a of stagedTargets(indicator)) {
    if (a.date < finalDate) anchors.push(a);
  }
  anchors.push({ date: finalDate, value: indicator.target });
  const first = anchors[0] as Anchor;
  if (date <= first.date) return first.value;
  for (let i = 1; i < anchors.length; i++) {
    const to = anchors[i] as Anchor;
    const from = anchors[i - 1] as Anchor;
    if (date <= to.date) {
      const span = daysBetween(from.date, to.date);
      if (span <= 0) return to.value;
      return from.value + ((to.value - from.value) * daysBetween(from.date, date)) / span;
    }
  }
  return indicator.target;
}

/**
 * How far the actual value has come compared with where it should be (`expected`):
 * `(actual - start) / (expected - start)` with a start value; without one `actual / expected`
 * (increase) or `expected / actual` (decrease). At least 1 exactly when the actual value is at or
 * beyond the expected one in the indicator's direction, below 1 otherwise; always finite.
 */
export function pace(indicator: Indicator, actual: number, expected: number): number {
  const increase = indicator.direction === 'increase';
  const reached = increase ? actual >= expected : actual <= expected;
  const start = startValue(indicator);
  let ratio: number;
  if (start !== undefined && expected !== start) ratio = (actual - start) / (expected - start);
  else if (start === undefined && increase && expected !== 0) ratio = actual / expected;
  else if (start === undefined && !increase && actual > 0) ratio = expected / actual;
  else ratio = reached ? 1 : 0;
  if (!Number.isFinite(ratio)) ratio = reached ? 1 : 0;
  return reached ? Math.max(ratio, 1) : Math.min(ratio, 0.999);
}

export interface IndicatorReading extends Attainment {
  /** The value due at the end of the period (staged or pro-rata). */
  expected: number;
  pace: number;
  /** The actual value is at or beyond `expected`. */
  stageMet: boolean;
  /** The deadline is on or before the period end (the target was due by now). */
  deadlinePassed: boolean;
  status: Exclude<IndicatorStatus, 'not_reported' | 'not_applicable'>;
}

/** Thresholds in force for an indicator: its own, then the caller's, then the defaults. */
export function thresholdsFor(
  indicator: Indicator,
  fallback: Partial<StatusThresholds> = {},
): StatusThresholds {
  return {
    on_track: indicator.thresholds?.on_track ?? fallback.on_track ?? DEFAULT_THRESHOLDS.on_track,
    at_risk: indicator.thresholds?.at_risk ?? fallback.at_risk ?? DEFAULT_THRESHOLDS.at_risk,
  };
}

/**
 * One reported value read against the plan at the end of the period `periodEnd`. The status is
 * `met` when the final target is reached; `off_track` when the deadline is on or before the
 * period end and it is not; otherwise by the pace: >= on_track green, >= at_risk yellow, else red.
 */
export function readIndicator(
  indicator: Indicator,
  actual: number,
  context: {
    plan: { start: IsoDate; end: IsoDate };
    periodEnd: IsoDate;
    thresholds?: Partial<StatusThresholds>;
  },
): IndicatorReading {
  const a = attainment(indicator, actual);
  const expected = expectedAt(indicator, context.plan, context.periodEnd);
  const p = pace(indicator, actual, expected);
  const limits = thresholdsFor(indicator, context.thresholds);
  const deadlinePassed = (indicator.deadline ?? context.plan.end) <= context.periodEnd;
  let status: IndicatorReading['status'];
  if (a.met) status = 'met';
  else if (deadlinePassed) status = 'off_track';
  else if (p >= limits.on_track) status = 'on_track';
  else if (p >= limits.at_risk) status = 'at_risk';
  else status = 'off_track';
  return { ...a, expected, pace: p, stageMet: p >= 1, deadlinePassed, status };
}
