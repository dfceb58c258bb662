/**
 * The shipped examples are the first thing users see and the test data of every other stage, so
 * they must stay valid and keep telling the story they were written to tell: no errors, exactly
 * the designed overdue warnings per quarter, every plan measure reported every quarter, and
 * percentages that only grow. The examples in docs/format.md are checked by
 * test/docs.test.ts.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../src/diagnostics/types.js';
import type { Plan } from '../src/model/types.js';
import { quarterRange } from '../src/model/calendar.js';
import { loadPlan, loadProgress } from '../src/validate/index.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const examplesDir = join(root, 'examples');

const PLANS = [
  'qingxi/plan.yaml',
  'qingxi/plan-official.yaml',
  'county/songling/plan.yaml',
  'county/baisha/plan.yaml',
  'county/liuhe/plan.yaml',
];

/**
 * Progress file -> ids of the measures past their deadline and not done on the report date, in
 * file order. Designed on purpose: qingxi slips mid-year, songling never slips, baisha lags all
 * year, liuhe slips once in each of the last two quarters.
 */
const EXPECTED_OVERDUE: Record<string, string[]> = {
  'qingxi/progress/2025Q1.yaml': [],
  'qingxi/progress/2025Q2.yaml': ['M2', 'M5'],
  'qingxi/progress/2025Q3.yaml': ['M9'],
  'qingxi/progress/2025Q4.yaml': ['M6'],
  'county/songling/progress/2025Q1.yaml': [],
  'county/songling/progress/2025Q2.yaml': [],
  'county/songling/progress/2025Q3.yaml': [],
  'county/songling/progress/2025Q4.yaml': [],
  'county/baisha/progress/2025Q1.yaml': ['M1'],
  'county/baisha/progress/2025Q2.yaml': ['M2', 'M6'],
  'county/baisha/progress/2025Q3.yaml': ['M2', 'M3', 'M6'],
  'county/baisha/progress/2025Q4.yaml': ['M3', 'M4'],
  'county/liuhe/progress/2025Q1.yaml': [],
  'county/liuhe/progress/2025Q2.yaml': [],
  'county/liuhe/progress/2025Q3.yaml': ['M5'],
  'county/liuhe/progress/2025Q4.yaml': ['M6'],
};
const PROGRESS = Object.keys(EXPECTED_OVERDUE);
/** County settings for the roll-ups (kind: county). */
const COUNTY = ['county/county.yaml'];

/** The catalogue code of "measure is overdue" (src/diagnostics/messages/validate.ts). */
const OVERDUE = 'FG2208';

const posix = (p: string): string => p.split(sep).join('/');
const example = (rel: string): string => join(examplesDir, rel);
const plain = (ds: readonly Diagnostic[]) =>
  ds.map((d) => `${d.code} ${d.line}:${d.column} ${d.message}`);

const daysBetween = (from: string, to: string): number =>
  (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000;

/** Loads each file once for all the tests that look at it. */
function memo<T>(load: (rel: string) => Promise<T>): (rel: string) => Promise<T> {
  const cache = new Map<string, Promise<T>>();
  return (rel) => {
    let hit = cache.get(rel);
    if (!hit) cache.set(rel, (hit = load(rel)));
    return hit;
  };
}
const planOf = memo((rel) => loadPlan(example(rel), { lang: 'en' }));
const progressOf = memo((rel) => loadProgress(example(rel), { lang: 'en' }));

async function validPlan(rel: string): Promise<Plan> {
  const { plan, result } = await planOf(rel);
  expect(plain(result.diagnostics)).toEqual([]);
  if (!plan) throw new Error(`${rel} did not load`);
  return plan;
}

describe('shipped examples', () => {
  it('are exactly the registered plan and progress files', () => {
    const found = readdirSync(examplesDir, { recursive: true, encoding: 'utf8' })
      .filter((name) => /\.ya?ml$/.test(name))
      .map(posix)
      .sort();
    expect(found).toEqual([...PLANS, ...PROGRESS, ...COUNTY].sort());
  });

  it.each([...PLANS, ...PROGRESS, ...COUNTY])(
    '%s starts with a schema line that resolves',
    (rel) => {
      const firstLine = readFileSync(example(rel), 'utf8').split('\n')[0] ?? '';
      const match = /^# yaml-language-server: \$schema=(\S+)$/.exec(firstLine);
      expect(match, firstLine).not.toBeNull();
      const target = resolve(dirname(example(rel)), match?.[1] ?? '');
      const kind = PLANS.includes(rel) ? 'plan' : COUNTY.includes(rel) ? 'county' : 'progress';
      expect(posix(relative(root, target))).toBe(`schemas/${kind}.schema.json`);
    },
  );

  describe.each(PLANS)('%s', (rel) => {
    it('validates with no errors and no warnings', async () => {
      await validPlan(rel);
    });

    it('is a full plan: every section, 6+ measures, 4+ indicators, the task table', async () => {
      const plan = await validPlan(rel);
      for (const key of [
        'doc_number',
        'region',
        'background',
        'requirements',
        'organization',
        'schedule',
        'safeguards',
        'outcomes',
        'assessment',
      ] as const) {
        expect(plan[key], key).toBeTruthy();
      }
      expect(plan.doc_number).toMatch(/^.政发〔2025〕\d+号$/);
      expect(plan.period).toEqual({ start: '2025-01-01', end: '2025-12-31' });
      expect(plan.organization?.leading_group?.leader).toBeTruthy();
      expect(plan.organization?.office).toBeTruthy();
      expect(plan.safeguards?.map((s) => s.title)).toEqual([
        '组织保障',
        '经费保障',
        '人员保障',
        '督导考核',
      ]);
      expect(plan.schedule?.map((p) => p.phase)).toEqual([
        '动员部署阶段',
        '组织实施阶段',
        '自评与迎检阶段',
        '巩固提升阶段',
      ]);
      expect(plan.measures.length).toBeGreaterThanOrEqual(6);
      expect(plan.goals.flatMap((g) => g.indicators ?? []).length).toBeGreaterThanOrEqual(4);
      expect(plan.attachments).toEqual([{ title: '重点任务分工表', table: 'measures' }]);
    });

    it('gives every measure 2+ actions and tracks every indicator through some measure', async () => {
      const plan = await validPlan(rel);
      for (const m of plan.measures) expect(m.actions?.length ?? 0, m.id).toBeGreaterThanOrEqual(2);
      const tracked = new Set(plan.measures.flatMap((m) => m.indicators ?? []));
      const untracked = plan.goals
        .flatMap((g) => g.indicators ?? [])
        .filter((i) => !tracked.has(i.id));
      expect(untracked.map((i) => i.id)).toEqual([]);
    });
  });

  describe.each(PROGRESS)('%s', (rel) => {
    it('has no errors, and warnings exactly for the designed overdue measures', async () => {
      const { progress, result } = await progressOf(rel);
      const errors = result.diagnostics.filter((d) => d.severity === 'error');
      expect(plain(errors)).toEqual([]);
      const warnings = result.diagnostics.filter((d) => d.severity === 'warning');
      expect(plain(warnings.filter((w) => w.code !== OVERDUE))).toEqual([]);
      // An overdue warning points into the measure it is about.
      const overdue = warnings.map((w) => {
        const index = /^\/measures\/(\d+)(\/|$)/.exec(w.pointer ?? '')?.[1];
        return index === undefined ? `? ${w.pointer}` : progress?.measures[Number(index)]?.id;
      });
      expect(overdue).toEqual(EXPECTED_OVERDUE[rel]);
    });

    it('reports on the plan of its town, a few days after the quarter closes', async () => {
      const { progress, planFile } = await progressOf(rel);
      expect(planFile && posix(relative(examplesDir, planFile))).toBe(
        posix(join(dirname(dirname(rel)), 'plan.yaml')),
      );
      expect(rel.endsWith(`/${progress?.quarter}.yaml`)).toBe(true);
      const quarter = quarterRange(progress?.quarter ?? '');
      expect(quarter).toBeDefined();
      const days = daysBetween(quarter?.end ?? '', progress?.date ?? '');
      expect(days, progress?.date).toBeGreaterThan(0);
      expect(days, progress?.date).toBeLessThanOrEqual(20);
    });

    it('reports every plan measure once, in plan order, with numbers for work done', async () => {
      const { progress, plan } = await progressOf(rel);
      expect(progress?.measures.map((m) => m.id)).toEqual(plan?.measures.map((m) => m.id));
      for (const m of progress?.measures ?? []) {
        expect(m.status === 'not_started', `${m.id}: not_started <-> 0%`).toBe(m.percent === 0);
        if (m.status !== 'not_started') expect(m.done?.join('') ?? '', m.id).toMatch(/\d/);
      }
      expect(progress?.summary).toBeTruthy();
      expect(progress?.problems?.length ?? 0).toBeGreaterThan(0);
      expect(progress?.next_steps?.length ?? 0).toBeGreaterThan(0);
    });
  });

  it.each(PLANS)('%s: percentages never fall from one quarter to the next', async (planRel) => {
    const quarters = PROGRESS.filter((rel) => rel.startsWith(`${dirname(planRel)}/progress/`));
    expect(quarters).toHaveLength(4);
    const seen = new Map<string, number>();
    for (const rel of quarters) {
      const { progress } = await progressOf(rel);
      for (const m of progress?.measures ?? []) {
        expect(m.percent, `${rel} ${m.id}`).toBeGreaterThanOrEqual(seen.get(m.id) ?? 0);
        seen.set(m.id, m.percent);
      }
    }
  });
});
