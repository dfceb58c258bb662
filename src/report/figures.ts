import type { Indicator, MeasureStatus } from '../model/types.js';

/**
 * The derived figures of a report. Everything here is computed from the plan and the progress
 * file, never typed by the user, and documented in docs/report.md.
 */

/** A measure the progress file does not mention counts as not started and is shown as 未报送. */
export type ReportedStatus = MeasureStatus | 'not_reported';

export const STATUS_ZH: Record<ReportedStatus, string> = {
  not_started: '未开始',
  in_progress: '推进中',
  done: '已完成',
  delayed: '滞后',
  cancelled: '已取消',
  not_reported: '未报送',
};

export const DIRECTION_ZH = { increase: '提高', decrease: '降低' } as const;

/** Up to `digits` decimals, no trailing zeros, no `-0`: 18.50 -> "18.5", 25 -> "25". */
export function formatNumber(value: number, digits = 2): string {
  const fixed = Number(value.toFixed(digits));
  return String(Object.is(fixed, -0) ? 0 : fixed);
}

/** A percentage 0..100 with one decimal: 66.666 -> "66.7%", 25 -> "25%". */
export const percentText = (percent: number): string => `${formatNumber(percent, 1)}%`;

/** A ratio 0..1 as a percentage with one decimal: 0.6667 -> "66.7%". */
export const formatRatio = (ratio: number): string => percentText(ratio * 100);

/** Share `part / whole`, or undefined when nothing is counted (shown as "—", never as 0% or NaN). */
export const rate = (part: number, whole: number): number | undefined =>
  whole > 0 ? part / whole : undefined;

export const NO_FIGURE = '—';
export const formatRate = (value: number | undefined): string =>
  value === undefined ? NO_FIGURE : formatRatio(value);

export const average = (values: readonly number[]): number | undefined =>
  values.length > 0 ? values.reduce((a, b) => a + b, 0) / values.length : undefined;

/**
 * How far an indicator has come towards its target.
 *
 * - With a baseline: `(actual - baseline) / (target - baseline)`. The same formula serves both
 *   directions (for `decrease` both differences are negative), so 0 = still at the baseline,
 *   1 = target reached, below 0 = worse than the baseline.
 * - Without a baseline: `actual / target` for `increase`, `target / actual` for `decrease`.
 * - Target equal to the baseline (or a zero divisor): 1 when met, else 0.
 * - A cumulative count (`cumulative: true`) counts from zero: its baseline is treated as 0.
 *
 * `met` compares with the target in the indicator's direction (>= for increase, <= for
 * decrease); a met indicator always has a ratio of at least 1 so the two never disagree.
 */
export interface Attainment {
  ratio: number;
  met: boolean;
}

export function attainment(indicator: Indicator, actual: number): Attainment {
  const { target, direction } = indicator;
  // A cumulative count starts from zero each period; its baseline is only shown for comparison.
  const baseline = indicator.cumulative ? 0 : indicator.baseline;
  const met = direction === 'increase' ? actual >= target : actual <= target;
  let ratio: number;
  if (baseline !== undefined && baseline !== target) {
    ratio = (actual - baseline) / (target - baseline);
  } else if (baseline === undefined && direction === 'increase' && target !== 0) {
    ratio = actual / target;
  } else if (baseline === undefined && direction === 'decrease' && actual > 0) {
    ratio = target / actual;
  } else {
    ratio = met ? 1 : 0;
  }
  // Keep ratio and verdict consistent even for data that contradicts its direction; 0.999 is
  // shown as 99.9% so an unmet indicator never reads 100%.
  if (!Number.isFinite(ratio)) ratio = met ? 1 : 0;
  ratio = met ? Math.max(ratio, 1) : Math.min(ratio, 0.999);
  return { ratio, met };
}

/**
 * Display of an attainment: 已达标 when met; otherwise the ratio clamped to 0..100% (one decimal,
 * never shown as 100% when not met), with 低于基线 when the indicator moved the wrong way.
 */
export function formatAttainment(a: Attainment): string {
  if (a.met) return '已达标';
  if (a.ratio < 0) return '0%（低于基线）';
  return formatRatio(a.ratio);
}
