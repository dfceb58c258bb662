import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { isIsoDate as isCalendarDate } from '../src/model/calendar.js';
import type { Diagnostic, Lang } from '../src/diagnostics/types.js';
import type { Plan } from '../src/model/types.js';
import {
  loadPlan,
  loadProgress,
  validateFile,
  validateText,
  type PlanCache,
} from '../src/validate/index.js';

const fixtures = new URL('./fixtures/validate/', import.meta.url);
const plan = readFileSync(new URL('plan.yaml', fixtures), 'utf8');
const progress = readFileSync(new URL('progress-2025q1.yaml', fixtures), 'utf8');

function edit(from: string, to: string, text = plan): string {
  expect(text.split(from), from).toHaveLength(2);
  return text.replace(from, to);
}

const check = (text: string, lang: Lang = 'zh-CN', planObject?: Plan): Diagnostic[] =>
  validateText(
    text,
    planObject ? { file: 'f.yaml', lang, plan: planObject } : { file: 'f.yaml', lang },
  ).diagnostics;
const brief = (ds: Diagnostic[]) => ds.map((d) => `${d.code}@${d.line}:${d.column}`);

describe('calendar dates', () => {
  it('accepts exactly the days the Gregorian calendar has', () => {
    const pad = (n: number, width: number) => String(n).padStart(width, '0');
    fc.assert(
      fc.property(
        fc.integer({ min: 1000, max: 9999 }),
        fc.integer({ min: 0, max: 13 }),
        fc.integer({ min: 0, max: 32 }),
        (year, month, day) => {
          const date = new Date(Date.UTC(year, month - 1, day));
          const real =
            date.getUTCFullYear() === year &&
            date.getUTCMonth() === month - 1 &&
            date.getUTCDate() === day;
          expect(isCalendarDate(`${year}-${pad(month, 2)}-${pad(day, 2)}`)).toBe(real);
        },
      ),
      { numRuns: 2000 },
    );
    for (const leap of ['2024-02-29', '2000-02-29', '2025-12-31'])
      expect(isCalendarDate(leap), leap).toBe(true);
    for (const bad of ['2025-02-29', '1900-02-29', '2025-04-31', '2025-13-01', '2025-1-01'])
      expect(isCalendarDate(bad), bad).toBe(false);
  });
});

describe('validateText on plans', () => {
  it('accepts the realistic fixture plan and reports its kind and source', () => {
    const result = validateText(plan, { file: 'plan.yaml' });
    expect(result).toMatchObject({ file: 'plan.yaml', kind: 'plan', diagnostics: [] });
    expect(result.source).toBe(plan);
  });

  it('a typo, an unknown unit and a late deadline give exactly those three diagnostics', () => {
    let text = edit('    title: 建设健康促进场所', '    titel: 建设健康促进场所');
    text = edit('    lead: hbz', '    lead: hbzz', text);
    text = edit('    deadline: 2025-11-30', '    deadline: 2026-01-15', text);
    for (const lang of ['zh-CN', 'en'] as const) {
      const ds = check(text, lang);
      expect(brief(ds)).toEqual(['FG2011@92:5', 'FG2102@108:11', 'FG2107@110:15']);
      const [typo, unit, late] = ds as [Diagnostic, Diagnostic, Diagnostic];
      expect(typo).toMatchObject({
        severity: 'error',
        pointer: '/measures/2/titel',
        endColumn: 10,
      });
      expect(unit.pointer).toBe('/measures/3/lead');
      expect(late.pointer).toBe('/measures/3/deadline');
      if (lang === 'en') {
        expect(typo.hint).toBe('Did you mean "title"?');
        expect(unit.hint).toBe('Did you mean "hbz"?');
        expect(late.message).toContain('2026-01-15');
      } else {
        expect(typo.hint).toBe('是否应为“title”？');
        expect(unit.hint).toBe('是否应为“hbz”？');
        expect(late.message).toContain('不在实施周期（2025-01-01 至 2025-12-31）内');
      }
    }
  });

  it('names allowed keys when an unknown key is not close to any', () => {
    const [d] = check(edit('region: 临河县青石镇', 'region: 临河县青石镇\nchairman: 某某'), 'en');
    expect(d).toMatchObject({ code: 'FG2011', line: 8, column: 1 });
    expect(d?.hint).toContain('Fields allowed here: kind, title, issuer');
  });

  it('reports a missing field at the mapping that lacks it, with its Chinese title', () => {
    const ds = check(edit('issuer: 青石镇人民政府\n', ''));
    expect(brief(ds)).toEqual(['FG2010@2:1']);
    expect(ds[0]?.message).toBe('缺少必填字段 issuer（制定单位）');
  });

  it('every measure needs a lead unit and a deadline', () => {
    const text = edit(
      '    lead: dzb\n    support: [wsy, 村委会]\n    deadline: 2025-03-31\n',
      '    support: [wsy, 村委会]\n',
    );
    const ds = check(text, 'en');
    expect(brief(ds)).toEqual(['FG2114@69:5', 'FG2115@69:5']);
    expect(ds[0]?.message).toBe('The measure "M1" has no lead unit (lead)');
  });

  it('reports duplicate ids in units, goals, indicators and measures with the first line', () => {
    let text = edit('{ id: fl, name: 镇妇联 }', '{ id: dzb, name: 镇妇联 }');
    text = edit('  - id: G3\n', '  - id: G2\n', text);
    text = edit('      - id: lectures', '      - id: literacy', text);
    text = edit('  - id: M4', '  - id: M3', text);
    // Renaming also leaves the old ids unresolved elsewhere; only the duplicates matter here.
    const ds = check(text, 'en').filter((d) => d.code === 'FG2101');
    expect(brief(ds)).toEqual(['FG2101@13:11', 'FG2101@38:13', 'FG2101@60:9', 'FG2101@103:9']);
    expect(ds[0]?.message).toBe('Duplicate id "dzb" in units (first used on line 10)');
    expect(ds[2]?.message).toContain('first used on line 44');
  });

  it('checks references to units, goals and indicators', () => {
    let text = edit('support: [jyb, fl, 村委会]', 'support: [jyb, 妇联, 村委会]');
    text = edit('    goals: [G3]', '    goals: [G4]', text);
    text = edit(
      'indicators: [smoke_free, smoking_rate]',
      'indicators: [smoke_free, smoking]',
      text,
    );
    const ds = check(text, 'en');
    expect(brief(ds)).toEqual(['FG2113@60:9', 'FG2102@87:20', 'FG2104@102:30', 'FG2103@111:13']);
    expect(ds.find((d) => d.code === 'FG2104')?.hint).toBe('Did you mean "smoking_rate"?');
    expect(ds.find((d) => d.code === 'FG2113')).toMatchObject({ severity: 'warning' });
  });

  it('names a full-width comma that glued two unit ids together', () => {
    const [d] = check(edit('support: [wsy, 村委会]', 'support: [wsy，村委会]'), 'en');
    expect(d).toMatchObject({ code: 'FG2015', line: 77, column: 15 });
    expect(d?.hint).toContain('U+FF0C');
  });

  it('checks the period, phases and their order', () => {
    expect(
      brief(
        check(
          edit(
            'period: { start: 2025-01-01, end: 2025-12-31 }',
            'period: { start: 2026-01-01, end: 2025-12-31 }',
          ),
        ),
      ),
    ).toEqual(['FG2106@8:18']);
    let text = edit(
      '    start: 2025-04-01\n    end: 2025-09-30',
      '    start: 2024-12-01\n    end: 2025-09-30',
    );
    expect(brief(check(text))).toEqual(['FG2108@117:5', 'FG2109@118:12']);
    text = edit(
      '    start: 2025-12-01\n    end: 2025-12-31',
      '    start: 2025-12-01\n    end: 2025-11-30',
    );
    expect(brief(check(text))).toEqual(['FG2106@126:12']);
    expect(
      brief(check(edit('end: 2025-11-30\n    tasks: [对照', 'end: 2025-11-31\n    tasks: [对照'))),
    ).toEqual(['FG2105@123:10']);
  });

  it('checks that targets agree with direction and baseline, and percentages', () => {
    expect(brief(check(edit('        target: 28\n', '        target: 20\n')))).toEqual([
      'FG2110@35:17',
    ]);
    const down = check(
      edit(
        '        baseline: 27.5\n        target: 25\n',
        '        baseline: 27.5\n        target: 30\n',
      ),
      'en',
    );
    expect(brief(down)).toEqual(['FG2111@58:17']);
    expect(down[0]?.message).toBe(
      'The indicator "smoking_rate" should decrease, but its target 30 is above the baseline 27.5',
    );
    const same = check(edit('        target: 28\n', '        target: 21.4\n'));
    expect(same).toMatchObject([{ code: 'FG2112', severity: 'warning' }]);
    expect(brief(check(edit('        target: 100\n', '        target: 120\n')))).toEqual([
      'FG2022@51:17',
    ]);
  });

  it('explains enum, pattern, length and uniqueness problems', () => {
    const direction = check(
      edit('        direction: decrease', '        direction: decrase'),
      'en',
    );
    expect(direction).toMatchObject([
      { code: 'FG2013', line: 59, column: 20, hint: 'Did you mean "decrease"?' },
    ]);
    expect(
      brief(check(edit('{ id: dzb,', '{ id: d zb,'))).filter((c) => c.startsWith('FG2015')),
    ).toEqual(['FG2015@10:11']);
    expect(
      brief(check(edit('title: 青石镇创建健康促进镇工作方案', `title: ${'长'.repeat(201)}`))),
    ).toEqual(['FG2017@3:8']);
    expect(brief(check(edit('support: [wsy, 村委会]', 'support: [wsy, wsy]')))).toEqual([
      'FG2025@77:14',
    ]);
    expect(
      brief(
        check(
          edit(
            '  - { title: 重点任务分工表, table: measures }',
            '  - { title: 重点任务分工表, table: measure }',
          ),
        ),
      ),
    ).toEqual(['FG2013@142:30']);
  });

  it('detects the kind and suggests one when it is missing or misspelt', () => {
    const missing = check(edit('kind: plan\n', ''), 'en');
    expect(missing).toMatchObject([{ code: 'FG2001', line: 2, column: 1 }]);
    expect(missing[0]?.hint).toContain('kind: plan');
    expect(check('plan: ../plan.yaml\nreporter: x\n', 'en')[0]?.hint).toContain('kind: progress');
    expect(check(edit('kind: progress', 'kind: progres', progress), 'en')).toMatchObject([
      { code: 'FG2002', line: 2, column: 7, hint: 'Did you mean "progress"?' },
    ]);
    expect(check('[a, b]\n')).toMatchObject([{ code: 'FG2003', line: 1, column: 1 }]);
  });
});

describe('headings renames', () => {
  const withHeadings = (yaml: string) =>
    edit('title: 青石镇创建健康促进镇工作方案\n', `title: 青石镇创建健康促进镇工作方案\n${yaml}`);

  it('an unknown chapter key is the schema error alone, not also "chapter not in the plan"', () => {
    const codes = check(withHeadings('headings:\n  preface: 前言\n')).map((d) => d.code);
    expect(codes).toContain('FG2011');
    expect(codes).not.toContain('FG2305');
  });

  it('renaming a known chapter the plan leaves out warns FG2305 at the key', () => {
    const assessment = /^assessment: .*\n/m;
    expect(plan).toMatch(assessment);
    const ds = check(withHeadings('headings:\n  assessment: 考核评估\n').replace(assessment, ''));
    expect(brief(ds.filter((d) => d.code === 'FG2305'))).toEqual(['FG2305@5:15']);
    expect(ds.some((d) => d.code === 'FG2011')).toBe(false);
    const kept = check(withHeadings('headings:\n  assessment: 考核评估\n'));
    expect(kept.some((d) => d.code === 'FG2305')).toBe(false);
  });
});

describe('validateText on progress files', () => {
  const planObject = (() => {
    const dir = mkdtempSync(join(tmpdir(), 'fangan-plan-'));
    const file = join(dir, 'plan.yaml');
    writeFileSync(file, plan);
    return file;
  })();
  let planValue: Plan;
  beforeEach(async () => {
    const loaded = await loadPlan(planObject);
    planValue = loaded.plan as Plan;
    expect(planValue.title).toBe('青石镇创建健康促进镇工作方案');
  });

  it('accepts the fixture progress file against its plan', () => {
    expect(check(progress, 'zh-CN', planValue)).toEqual([]);
    expect(validateText(progress, { file: 'p.yaml' }).kind).toBe('progress');
  });

  it('needs quarter or period, not both', () => {
    expect(brief(check(edit('quarter: 2025Q1\n', '', progress)))).toEqual(['FG2023@2:1']);
    const both = edit(
      'quarter: 2025Q1\n',
      'quarter: 2025Q1\nperiod: { start: 2025-01-01, end: 2025-03-31 }\n',
      progress,
    );
    expect(brief(check(both))).toEqual(['FG2024@5:9']);
    expect(brief(check(edit('quarter: 2025Q1', 'quarter: 2025-Q1', progress)))).toEqual([
      'FG2016@4:10',
    ]);
  });

  it('ties percent 100 to status done', () => {
    expect(
      brief(
        check(
          edit('    status: done\n    percent: 100', '    status: done\n    percent: 90', progress),
        ),
      ),
    ).toEqual(['FG2207@11:14']);
    expect(
      brief(
        check(
          edit(
            '    status: in_progress\n    percent: 30',
            '    status: in_progress\n    percent: 100',
            progress,
          ),
        ),
      ),
    ).toEqual(['FG2206@16:13']);
    expect(brief(check(edit('    percent: 20', '    percent: 120', progress)))).toEqual([
      'FG2022@25:14',
    ]);
  });

  it('checks measure and indicator ids against the plan, with suggestions', () => {
    let text = edit('  - id: M3', '  - id: M33', progress);
    text = edit('{ id: lectures, actual: 7', '{ id: lecture, actual: 7', text);
    const ds = check(text, 'en', planValue);
    expect(brief(ds)).toEqual(['FG2204@23:9', 'FG2205@28:11']);
    expect(ds[0]?.hint).toBe('Did you mean "M3"?');
    expect(ds[1]?.hint).toBe('Did you mean "lectures"?');
    expect(
      brief(check(edit('actual: 22.1', 'actual: 122.1', progress), 'zh-CN', planValue)),
    ).toEqual(['FG2022@29:29']);
  });

  it('warns about overdue work and checks the quarter against the plan period', () => {
    const overdue = check(
      edit('    status: done\n    percent: 100', '    status: delayed\n    percent: 80', progress),
      'en',
      planValue,
    );
    expect(overdue).toMatchObject([{ code: 'FG2208', severity: 'warning', line: 10, column: 13 }]);
    expect(overdue[0]?.message).toContain(
      'deadline 2025-03-31 is before the report date 2025-04-03',
    );
    const cancelled = edit(
      '    status: done\n    percent: 100',
      '    status: cancelled\n    percent: 0',
      progress,
    );
    expect(check(cancelled, 'en', planValue)).toEqual([]);
    expect(
      brief(check(edit('quarter: 2025Q1', 'quarter: 2026Q1', progress), 'en', planValue)),
    ).toEqual(['FG2209@4:10']);
  });
});

describe('validateFile, loadPlan, loadProgress', () => {
  const dir = mkdtempSync(join(tmpdir(), 'fangan-validate-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const planFile = join(dir, 'plan.yaml');
  const progressFile = join(dir, 'progress.yaml');
  beforeEach(() => {
    writeFileSync(planFile, plan);
    copyFileSync(new URL('progress-2025q1.yaml', fixtures), progressFile);
  });

  it('validates a progress file against the plan it names', async () => {
    const result = await validateFile(progressFile);
    expect(result).toMatchObject({ kind: 'progress', diagnostics: [], file: progressFile });
    const loaded = await loadProgress(progressFile);
    expect(loaded.planFile).toBe(planFile);
    expect(loaded.plan?.measures).toHaveLength(4);
    expect(loaded.progress?.measures[0]?.id).toBe('M1');
  });

  it('reports an unusable plan once, at plan:', async () => {
    writeFileSync(progressFile, edit('plan: plan.yaml', 'plan: missing.yaml', progress));
    expect(brief((await validateFile(progressFile)).diagnostics)).toEqual(['FG2201@3:7']);

    writeFileSync(progressFile, progress);
    writeFileSync(planFile, edit('lead: hbz', 'lead: nobody'));
    const ds = (await validateFile(progressFile, { lang: 'en' })).diagnostics;
    expect(brief(ds)).toEqual(['FG2202@3:7']);
    expect(ds[0]?.message).toContain('has 1 error(s)');
    const loaded = await loadProgress(progressFile);
    expect(loaded.progress).toBeUndefined();
    expect(loaded.plan).toBeUndefined();

    writeFileSync(planFile, progress.replace('plan: plan.yaml', 'plan: other.yaml'));
    expect(brief((await validateFile(progressFile)).diagnostics)).toEqual(['FG2203@3:7']);
  });

  it('reads each plan once per cache and again when it changes', async () => {
    const cache: PlanCache = new Map();
    await validateFile(progressFile, { planCache: cache });
    const first = await cache.values().next().value;
    await validateFile(progressFile, { planCache: cache });
    expect(await cache.values().next().value).toBe(first);
    writeFileSync(planFile, plan + '\n# edited\n');
    await validateFile(progressFile, { planCache: cache });
    expect(await cache.values().next().value).not.toBe(first);
  });

  it('loadPlan returns the plan only when it has no errors', async () => {
    expect((await loadPlan(planFile)).plan?.units).toHaveLength(7);
    writeFileSync(planFile, edit('date: 2025-02-10', 'date: 2025-02-30'));
    const loaded = await loadPlan(planFile, { lang: 'en' });
    expect(loaded.plan).toBeUndefined();
    expect(brief(loaded.result.diagnostics)).toEqual(['FG2105@6:7']);
  });

  it('lets a missing file fail as an I/O error', async () => {
    await expect(validateFile(join(dir, 'nope.yaml'))).rejects.toMatchObject({ code: 'ENOENT' });
  });
});
