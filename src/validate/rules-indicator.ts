import { parseQuarter } from '../model/calendar.js';
import type { Issue } from './issue.js';
import { isObj, num, text, type Obj } from './shape.js';

/**
 * Rules of an indicator's kind, cumulation, staged targets and status thresholds (FG2350–FG2357,
 * docs/format.md "指标"). The schema checks the shapes; these check that the parts agree.
 */
export function indicatorKindIssues(
  indicator: Obj,
  pointer: string,
  field: string,
  period: { start: string; end: string } | undefined,
  issues: Issue[],
): void {
  const kind = text(indicator.kind);
  const cumulative = indicator.cumulative === true;
  const direction = text(indicator.direction);
  const target = num(indicator.target);
  const baseline = num(indicator.baseline);

  if (cumulative && (kind === 'rate' || kind === 'level')) {
    issues.push({ code: 'FG2350', pointer: `${pointer}/cumulative`, params: { id: field, kind } });
  }
  if (cumulative && direction === 'decrease') {
    issues.push({ code: 'FG2351', pointer: `${pointer}/cumulative`, params: { id: field } });
  }
  const counted = kind === 'count' || cumulative;
  const nonNegative = (value: unknown, at: string, name: string): void => {
    const n = num(value);
    if (counted && n !== undefined && n < 0) {
      issues.push({ code: 'FG2352', pointer: at, params: { field: name, value: n } });
    }
  };
  nonNegative(indicator.baseline, `${pointer}/baseline`, `${field}.baseline`);
  nonNegative(indicator.target, `${pointer}/target`, `${field}.target`);

  const thresholds = indicator.thresholds;
  if (isObj(thresholds)) {
    const onTrack = num(thresholds.on_track);
    const atRisk = num(thresholds.at_risk);
    if (onTrack !== undefined && atRisk !== undefined && atRisk > onTrack) {
      issues.push({
        code: 'FG2357',
        pointer: `${pointer}/thresholds/at_risk`,
        params: { id: field, at_risk: atRisk, on_track: onTrack },
      });
    }
  }

  const targets = indicator.targets;
  if (!isObj(targets)) return;
  const staged = Object.entries(targets)
    .flatMap(([key, value]) => {
      const q = parseQuarter(key);
      const n = num(value);
      return q && n !== undefined && /^\d{4}Q[1-4]$/.test(key) ? [{ key, q, value: n }] : [];
    })
    .sort((a, b) => (a.q.end < b.q.end ? -1 : 1));
  const deadline = text(indicator.deadline) ?? period?.end;
  const increase = direction === 'increase';
  const decrease = direction === 'decrease';
  // Where the path starts: zero for a cumulative count, else the baseline (when given).
  let previous: { label: string; value: number } | undefined = cumulative
    ? { label: '0', value: 0 }
    : baseline === undefined
      ? undefined
      : { label: `baseline: ${baseline}`, value: baseline };
  for (const { key, q, value } of staged) {
    const at = `${pointer}/targets/${key}`;
    const name = `${field}.targets.${key}`;
    if (period && (q.end < period.start || q.end > period.end)) {
      issues.push({
        code: 'FG2353',
        pointer: at,
        part: 'key',
        params: { id: field, quarter: key, ...period },
      });
      continue;
    }
    if (indicator.unit === '%' && (value < 0 || value > 100)) {
      issues.push({ code: 'FG2022', pointer: at, params: { field: name, value } });
    }
    nonNegative(value, at, name);
    if (target === undefined) continue;
    if (deadline !== undefined && q.end >= deadline && value !== target) {
      issues.push({
        code: 'FG2354',
        pointer: at,
        params: { id: field, quarter: key, value, target, deadline },
      });
      continue;
    }
    if ((increase && value > target) || (decrease && value < target)) {
      issues.push({
        code: 'FG2356',
        pointer: at,
        params: { id: field, quarter: key, value, target },
      });
      continue;
    }
    if (
      previous &&
      ((increase && value < previous.value) || (decrease && value > previous.value))
    ) {
      issues.push({
        code: 'FG2355',
        pointer: at,
        params: { id: field, quarter: key, value, previous: previous.label },
      });
    }
    previous = { label: `${key}: ${value}`, value };
  }
}
