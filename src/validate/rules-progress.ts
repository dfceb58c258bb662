import type { Plan } from '../model/types.js';
import { quarterRange } from '../model/calendar.js';
import { validDate } from './dates.js';
import type { Issue } from './issue.js';
import { checkCalendar, checkPercent, checkRange, collectIds, unknownRef } from './rules-plan.js';
import { num, objects, text, type Obj } from './shape.js';

const STATUSES = new Set(['not_started', 'in_progress', 'done', 'delayed', 'cancelled']);
/** Statuses that end the obligation: neither can be overdue. */
const CLOSED = new Set(['done', 'cancelled']);

/** Rules of a progress file on its own, plus the checks against its plan when one is given. */
export function progressIssues(progress: Obj, plan?: Plan): Issue[] {
  const issues: Issue[] = [];
  checkCalendar(progress.date, '/date', 'date', issues);
  const ownPeriod = checkRange(progress.period, '/period', 'period', issues);
  const reportDate = validDate(progress.date);

  const measures = objects(progress.measures);
  collectIds(
    measures.map(([m, i]) => ({ id: m.id, pointer: `/measures/${i}/id` })),
    'measures',
    issues,
  );
  const indicators = objects(progress.indicators);
  collectIds(
    indicators.map(([m, i]) => ({ id: m.id, pointer: `/indicators/${i}/id` })),
    'indicators',
    issues,
  );

  for (const [measure, i] of measures) {
    const status = text(measure.status);
    const percent = num(measure.percent);
    if (status === undefined || !STATUSES.has(status)) continue; // the schema reports it
    if (percent === 100 && status !== 'done') {
      issues.push({ code: 'FG2206', pointer: `/measures/${i}/status`, params: { status } });
    } else if (status === 'done' && percent !== undefined && percent !== 100) {
      issues.push({ code: 'FG2207', pointer: `/measures/${i}/percent`, params: { percent } });
    }
  }
  if (!plan) return issues;

  const planMeasures = new Map(plan.measures.map((m) => [m.id, m]));
  const planIndicators = new Map(
    plan.goals.flatMap((g) => g.indicators ?? []).map((indicator) => [indicator.id, indicator]),
  );

  for (const [measure, i] of measures) {
    const id = text(measure.id);
    if (id === undefined) continue;
    const planned = planMeasures.get(id);
    if (!planned) {
      issues.push(unknownRef('FG2204', `/measures/${i}/id`, 'measures', id, planMeasures.keys()));
      continue;
    }
    const status = text(measure.status);
    const deadline = validDate(planned.deadline);
    if (
      status &&
      STATUSES.has(status) &&
      !CLOSED.has(status) &&
      deadline &&
      reportDate &&
      deadline < reportDate
    ) {
      issues.push({
        code: 'FG2208',
        pointer: `/measures/${i}/status`,
        params: { id, deadline, date: reportDate, status },
      });
    }
  }

  for (const [actual, i] of indicators) {
    const id = text(actual.id);
    if (id === undefined) continue;
    const planned = planIndicators.get(id);
    if (!planned) {
      issues.push(
        unknownRef('FG2205', `/indicators/${i}/id`, 'indicators', id, planIndicators.keys()),
      );
    } else {
      if (planned.unit === '%') {
        checkPercent(actual.actual, `/indicators/${i}/actual`, `${id}.actual`, issues);
      }
      const value = num(actual.actual);
      if ((planned.kind === 'count' || planned.cumulative) && value !== undefined && value < 0) {
        issues.push({ code: 'FG2358', pointer: `/indicators/${i}/actual`, params: { id, value } });
      }
    }
  }

  const quarter = text(progress.quarter);
  const reported = quarter ? quarterRange(quarter) : ownPeriod;
  const { start, end } = plan.period;
  if (reported && (reported.end < start || reported.start > end)) {
    issues.push({
      code: 'FG2209',
      pointer: quarter ? '/quarter' : '/period',
      params: {
        label: quarter ?? 'period',
        ...reported,
        periodStart: start,
        periodEnd: end,
      },
    });
  }
  return issues;
}
