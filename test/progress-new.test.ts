import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseDocument } from 'yaml';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { run } from '../src/cli/main.js';
import { defaultReportDate, scaffoldProgress } from '../src/init/progress.js';
import { parseQuarter, previousQuarter, quarterOverlaps } from '../src/model/calendar.js';
import type { Plan } from '../src/model/types.js';
import { captureIO } from './helpers/io.js';
import { parsePlan, parseProgress, validateProgressText } from './init-helpers.js';

let dir: string;
let plan: Plan;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'fangan-progress-'));
  const io = captureIO({ cwd: dir });
  expect(await run(['init', '--town', '青山镇', '--year', '2025', '--goals', 'G2,G3'], io)).toBe(0);
  plan = parsePlan(await readFile(join(dir, 'plan.yaml'), 'utf8'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/**
 * What the validator must say about a freshly scaffolded file: no errors, and an overdue warning
 * (FG2208) exactly for the measures past their deadline on the report date and not yet done.
 */
function expectValidScaffold(text: string) {
  const progress = parseProgress(text);
  const overdue = plan.measures
    .filter((m) => {
      const status = progress.measures.find((p) => p.id === m.id)?.status;
      return m.deadline < progress.date && status !== 'done' && status !== 'cancelled';
    })
    .map((m) => m.id);
  const diagnostics = validateProgressText(text, plan);
  expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  expect(diagnostics.map((d) => d.code)).toEqual(overdue.map(() => 'FG2208'));
  for (const [i, id] of overdue.entries()) expect(diagnostics[i]?.message).toContain(`“${id}”`);
  return overdue;
}

const progressNew = async (...args: string[]) => {
  const io = captureIO({ cwd: dir });
  const code = await run(['progress', 'new', ...args], io);
  return { code, out: io.out(), err: io.err() };
};

describe('quarters', () => {
  it('parses, steps back across a year and checks overlap with the period', () => {
    expect(parseQuarter('2025q2')).toEqual({
      year: 2025,
      q: 2,
      key: '2025Q2',
      start: '2025-04-01',
      end: '2025-06-30',
    });
    expect(parseQuarter('2025Q5')).toBeUndefined();
    expect(parseQuarter('Q2 2025')).toBeUndefined();
    expect(previousQuarter(parseQuarter('2026Q1')!).key).toBe('2025Q4');
    expect(defaultReportDate(parseQuarter('2025Q4')!)).toBe('2026-01-05');
    const period = { start: '2025-03-01', end: '2026-02-28' };
    expect(quarterOverlaps(parseQuarter('2025Q1')!, period)).toBe(true);
    expect(quarterOverlaps(parseQuarter('2026Q2')!, period)).toBe(false);
  });
});

describe('fangan progress new', () => {
  it('scaffolds every quarter of the plan, each valid, carrying the previous one over', async () => {
    for (const q of ['2025Q1', '2025Q2', '2025Q3', '2025Q4']) {
      const { code, out, err } = await progressNew('plan.yaml', '--quarter', q);
      expect(err).toBe('');
      expect(code).toBe(0);
      expect(out).toContain(`progress/${q}.yaml`);
      const text = await readFile(join(dir, 'progress', `${q}.yaml`), 'utf8');
      expect(text.split('\n')[0]).toMatch(
        /^# yaml-language-server: \$schema=.*progress\.schema\.json$/,
      );
      const progress = parseProgress(text);
      expect(progress).toMatchObject({
        kind: 'progress',
        plan: '../plan.yaml',
        quarter: q,
        reporter: '青山镇人民政府',
        date: defaultReportDate(parseQuarter(q)!),
      });
      expect(progress.measures.map((m) => m.id)).toEqual(plan.measures.map((m) => m.id));
      expect(progress.measures.every((m) => m.status === 'not_started' && m.percent === 0)).toBe(
        true,
      );
      const indicators = plan.goals.flatMap((g) => g.indicators ?? []);
      expect(progress.indicators).toEqual(
        indicators.map((i) => ({ id: i.id, actual: i.baseline })),
      );
      const overdue = expectValidScaffold(text);
      if (q === '2025Q1') expect(overdue).toEqual([]);
      if (q !== '2025Q1') expect(out).toMatch(/沿用 2025Q\d/);
    }
  });

  it('carries status, percent, actuals and last quarter’s plans over from the previous file', async () => {
    expect((await progressNew('plan.yaml', '--quarter', '2025Q1')).code).toBe(0);
    const q1Path = join(dir, 'progress', '2025Q1.yaml');
    // Fill in Q1 the way a user would: edit the document, keep the comments.
    const q1 = parseDocument(await readFile(q1Path, 'utf8'));
    q1.setIn(['measures', 0, 'status'], 'done');
    q1.setIn(['measures', 0, 'percent'], 100);
    q1.setIn(['measures', 0, 'done'], ['举办健康讲座3场，覆盖群众420人次']);
    q1.setIn(['measures', 1, 'status'], 'in_progress');
    q1.setIn(['measures', 1, 'percent'], 40);
    q1.setIn(['measures', 1, 'next'], ['完成全镇中小学健康教育课排课']);
    q1.setIn(['indicators', 0, 'actual'], 29.1);
    await writeFile(q1Path, q1.toString());

    const { code, out } = await progressNew('plan.yaml', '--quarter', '2025Q2');
    expect(code).toBe(0);
    expect(out).toContain(`沿用 2025Q1：${plan.measures.length} 项工作`);
    const text = await readFile(join(dir, 'progress', '2025Q2.yaml'), 'utf8');
    const q2 = parseProgress(text);
    expect(q2.measures[0]).toEqual({
      id: plan.measures[0]!.id,
      status: 'done',
      percent: 100,
      done: [],
      problems: [],
      next: [],
    });
    expect(q2.measures[1]).toMatchObject({ status: 'in_progress', percent: 40, done: [] });
    expect(q2.indicators?.[0]?.actual).toBe(29.1);
    expect(text).toContain('# 上季度计划：完成全镇中小学健康教育课排课');
    expectValidScaffold(text);
  });

  it('ignores a broken previous file with a warning', async () => {
    await mkdir(join(dir, 'progress'));
    await writeFile(join(dir, 'progress', '2025Q2.yaml'), 'kind: progress\nmeasures: [\n');
    const { code, err } = await progressNew('plan.yaml', '--quarter', '2025Q3');
    expect(code).toBe(0);
    expect(err).toContain('FG7030');
    const q3 = parseProgress(await readFile(join(dir, 'progress', '2025Q3.yaml'), 'utf8'));
    expect(q3.measures.every((m) => m.status === 'not_started')).toBe(true);
  });

  it('writes where -o says, with the plan path relative to it, and honours --reporter / --date', async () => {
    const { code } = await progressNew(
      'plan.yaml',
      '-q',
      '2025Q3',
      '-o',
      'reports/wsy/2025Q3.yaml',
      '--reporter',
      '青山镇卫生院',
      '--date',
      '2025-10-08',
    );
    expect(code).toBe(0);
    const text = await readFile(join(dir, 'reports/wsy/2025Q3.yaml'), 'utf8');
    expect(parseProgress(text)).toMatchObject({
      plan: '../../plan.yaml',
      reporter: '青山镇卫生院',
      date: '2025-10-08',
    });
    expect(expectValidScaffold(text).length).toBeGreaterThan(0);
  });

  it('refuses to overwrite without --force and leaves the file unchanged', async () => {
    expect((await progressNew('plan.yaml', '--quarter', '2025Q1')).code).toBe(0);
    const path = join(dir, 'progress', '2025Q1.yaml');
    await writeFile(path, '# filled in by hand\n');
    const refused = await progressNew('plan.yaml', '--quarter', '2025Q1');
    expect(refused.code).toBe(2);
    expect(refused.err).toContain('FG7020');
    expect(await readFile(path, 'utf8')).toBe('# filled in by hand\n');
    expect((await progressNew('plan.yaml', '--quarter', '2025Q1', '--force')).code).toBe(0);
    expect(await readFile(path, 'utf8')).toContain('kind: progress');
  });

  it.each([
    [['--quarter', '2026Q1'], /2026Q1.*2025-01-01.*2025-12-31.*FG7111/],
    [['--quarter', '2025-06'], /2025-06.*FG7110/],
    [['--quarter', '2025Q1', '--date', '2025-04-31'], /2025-04-31.*FG7104/],
    [[], /--quarter/],
  ])('rejects %j with exit 2', async (flags, pattern) => {
    const { code, err } = await progressNew('plan.yaml', ...flags);
    expect(code).toBe(2);
    expect(err).toMatch(pattern);
  });

  it('refuses a plan with errors (exit 1) and a missing plan (exit 2)', async () => {
    await writeFile(join(dir, 'bad.yaml'), 'kind: plan\ntitle: [\n');
    const bad = await progressNew('bad.yaml', '--quarter', '2025Q1');
    expect(bad.code).toBe(1);
    expect(bad.err).toContain('FG7112');
    const missing = await progressNew('none.yaml', '--quarter', '2025Q1');
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('ENOENT');
  });
});

describe('scaffoldProgress', () => {
  it('leaves an indicator without baseline out, as a commented line to fill in', () => {
    const noBaseline: Plan = {
      ...plan,
      goals: [
        {
          id: 'G2',
          text: '目标',
          indicators: [{ id: 'lit', name: '素养', unit: '%', target: 30, direction: 'increase' }],
        },
      ],
    };
    const text = scaffoldProgress(noBaseline, {
      quarter: parseQuarter('2025Q1')!,
      planRef: '../plan.yaml',
    });
    expect(parseProgress(text).indicators).toEqual([]);
    expect(text).toContain('# - { id: lit, actual: 0 }');
  });
});
