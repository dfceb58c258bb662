/** Helpers shared by the init / progress-new tests. */
import { parse } from 'yaml';
import { builtinStarterPath, readStarter, type Starter } from '../src/init/starter.js';
import type { Plan, Progress } from '../src/model/types.js';
import { validateText } from '../src/validate/index.js';

export async function builtinStarter(): Promise<Starter> {
  const { starter, diagnostics } = await readStarter(builtinStarterPath(), 'zh-CN');
  if (!starter) throw new Error(`built-in starter has problems: ${JSON.stringify(diagnostics)}`);
  return starter;
}

export const parsePlan = (text: string): Plan =>
  parse(text, { schema: 'core', uniqueKeys: true }) as Plan;

export const parseProgress = (text: string): Progress =>
  parse(text, { schema: 'core', uniqueKeys: true }) as Progress;

/**
 * The plan-format rules a drafted plan must meet, checked directly on the data (independent of
 * the validator, so a failure here names the broken invariant).
 */
export function planInvariantProblems(plan: Plan): string[] {
  const problems: string[] = [];
  const { start, end } = plan.period;
  const inPeriod = (d: string) => d >= start && d <= end;
  const iso = /^\d{4}-\d{2}-\d{2}$/;
  if (!iso.test(start) || !iso.test(end) || start > end) problems.push(`period ${start}..${end}`);
  if (!iso.test(plan.date)) problems.push(`date ${plan.date}`);
  const unique = (what: string, ids: string[]) => {
    if (new Set(ids).size !== ids.length) problems.push(`duplicate ${what} id in ${ids.join(',')}`);
  };
  const units = plan.units.map((u) => u.id);
  const goals = plan.goals.map((g) => g.id);
  const indicators = plan.goals.flatMap((g) => g.indicators ?? []);
  unique('unit', units);
  unique('goal', goals);
  unique(
    'indicator',
    indicators.map((i) => i.id),
  );
  unique(
    'measure',
    plan.measures.map((m) => m.id),
  );
  if (units.length === 0) problems.push('no units');
  if (goals.length === 0) problems.push('no goals');
  if (plan.measures.length === 0) problems.push('no measures');
  for (const m of plan.measures) {
    if (!units.includes(m.lead)) problems.push(`${m.id}.lead ${m.lead}`);
    for (const u of m.support ?? []) if (!units.includes(u)) problems.push(`${m.id}.support ${u}`);
    for (const g of m.goals ?? []) if (!goals.includes(g)) problems.push(`${m.id}.goals ${g}`);
    for (const i of m.indicators ?? [])
      if (!indicators.some((x) => x.id === i)) problems.push(`${m.id}.indicators ${i}`);
    if (!iso.test(m.deadline) || !inPeriod(m.deadline))
      problems.push(`${m.id}.deadline ${m.deadline}`);
  }
  for (const g of goals)
    if (!plan.measures.some((m) => m.goals?.includes(g))) problems.push(`goal ${g} unserved`);
  for (const i of indicators) {
    if (i.deadline && !inPeriod(i.deadline)) problems.push(`${i.id}.deadline ${i.deadline}`);
    if (i.unit === '%' && (i.target < 0 || i.target > 100)) problems.push(`${i.id}.target`);
    if (i.baseline !== undefined) {
      const ok = i.direction === 'increase' ? i.target > i.baseline : i.target < i.baseline;
      if (!ok) problems.push(`${i.id} target vs baseline`);
    }
  }
  let previousEnd: string | undefined;
  for (const p of plan.schedule ?? []) {
    if (!inPeriod(p.start) || !inPeriod(p.end) || p.start > p.end)
      problems.push(`phase ${p.phase} ${p.start}..${p.end}`);
    if (previousEnd !== undefined && p.start <= previousEnd)
      problems.push(`phase ${p.phase} order`);
    previousEnd = p.end;
  }
  return problems;
}

/** Diagnostics (errors and warnings) the real validator reports for a plan text. */
export const validatePlanText = (text: string, file = 'plan.yaml') =>
  validateText(text, { file }).diagnostics;

/** Diagnostics for a progress text checked against its plan. */
export const validateProgressText = (text: string, plan: Plan, file = 'progress.yaml') =>
  validateText(text, { file, plan }).diagnostics;
