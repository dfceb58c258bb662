import { lstat, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { run } from '../src/cli/main.js';
import { setPrompterFactory } from '../src/cli/prompts.js';
import type { Choice, Prompter } from '../src/init/wizard.js';
import { captureIO, type CapturedIO } from './helpers/io.js';
import { defaultGoalIds, measuresForGoals } from '../src/init/draft.js';
import {
  builtinStarter,
  parsePlan,
  planInvariantProblems,
  validatePlanText,
} from './init-helpers.js';

let dir: string;
let restore: () => void = () => undefined;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'fangan-init-'));
});
afterEach(async () => {
  restore();
  await rm(dir, { recursive: true, force: true });
});

/** A terminal session as far as canPrompt is concerned. */
const ttyIO = (env: Record<string, string> = {}): CapturedIO => {
  const io = captureIO({ cwd: dir, env });
  io.stdin.isTTY = true;
  io.stdout.isTTY = true;
  return io;
};

/** A prompter that fails the test if anything asks a question. */
const noQuestions = () =>
  setPrompterFactory(() => {
    throw new Error('prompted although prompting is not allowed');
  });

type Step = string | string[] | boolean | ((q: { message: string }) => never);

/**
 * Scripted answers in order. An answer that the prompt's own validation rejects is recorded in
 * `rejected` and the next scripted answer is tried, as a user retyping would.
 */
function scripted(steps: Step[]) {
  const asked: string[] = [];
  const rejected: string[] = [];
  const next = (message: string): Step => {
    asked.push(message);
    if (steps.length === 0) throw new Error(`no scripted answer for: ${message}`);
    const step = steps.shift()!;
    if (typeof step === 'function') return step({ message });
    return step;
  };
  const prompter: Prompter = {
    async input(q) {
      for (;;) {
        const raw = next(q.message) as string;
        const value = raw === '' ? (q.default ?? '') : raw;
        const verdict = q.validate?.(value) ?? true;
        if (verdict === true) return value;
        rejected.push(verdict);
      }
    },
    async select<T extends string>(q: { message: string; choices: Choice<T>[]; default?: T }) {
      const raw = next(q.message) as string;
      const value = (raw === '' ? q.default : raw) as T;
      expect(q.choices.map((c) => c.value)).toContain(value);
      return value;
    },
    async checkbox<T extends string>(q: {
      message: string;
      choices: Choice<T>[];
      validate?: (v: readonly T[]) => true | string;
    }) {
      for (;;) {
        const raw = next(q.message);
        const value = (
          raw === '' ? q.choices.filter((c) => c.checked).map((c) => c.value) : raw
        ) as T[];
        const verdict = q.validate?.(value) ?? true;
        if (verdict === true) return value;
        rejected.push(verdict);
      }
    },
    async confirm(q) {
      const raw = next(q.message);
      return raw === '' ? (q.default ?? false) : (raw as boolean);
    },
  };
  restore = setPrompterFactory(() => prompter);
  return { asked, rejected };
}

const exists = (path: string) =>
  lstat(path).then(
    () => true,
    () => false,
  );

describe('fangan init without a terminal', () => {
  it('drafts from flags and defaults, and prints the next steps', async () => {
    restore = noQuestions();
    const io = captureIO({ cwd: dir });
    const code = await run(
      ['init', '--town', '青山镇', '--year', '2025', '--county', '绿水县'],
      io,
    );
    expect(io.err()).toBe('');
    expect(code).toBe(0);
    const text = await readFile(join(dir, 'plan.yaml'), 'utf8');
    expect(text).toMatch(/^# yaml-language-server: \$schema=.*schemas\/plan\.schema\.json\n/);
    const plan = parsePlan(text);
    expect(plan.region).toBe('绿水县青山镇');
    expect(plan.period).toEqual({ start: '2025-01-01', end: '2025-12-31' });
    expect(planInvariantProblems(plan)).toEqual([]);
    expect(validatePlanText(text)).toEqual([]);
    expect(io.out()).toContain('fangan validate plan.yaml');
    expect(io.out()).toContain('fangan progress new plan.yaml --quarter 2025Q1');
    // Atomic write leaves no temporary file behind.
    expect(await readdir(dir)).toEqual(['plan.yaml']);
  });

  it.each([
    ['no terminal', {}, false],
    ['CI set on a terminal', { CI: 'true' }, true],
  ])(
    'never prompts with %s: a missing --town is a usage error naming the flag',
    async (_, env, tty) => {
      restore = noQuestions();
      const io = tty ? ttyIO(env) : captureIO({ cwd: dir, env });
      expect(await run(['init', 'x.yaml', '--year', '2025'], io)).toBe(2);
      expect(io.err()).toContain('--town');
      expect(io.err()).toContain('FG7101');
      expect(await exists(join(dir, 'x.yaml'))).toBe(false);
    },
  );

  it('refuses to overwrite an existing file without --force and leaves it unchanged', async () => {
    const target = join(dir, 'plan.yaml');
    await writeFile(target, 'hand-edited: true\n');
    const io = captureIO({ cwd: dir });
    expect(await run(['init', '--town', '青山镇', '--year', '2025'], io)).toBe(2);
    expect(io.err()).toMatch(/已存在.*--force.*FG7020/);
    expect(await readFile(target, 'utf8')).toBe('hand-edited: true\n');

    const forced = captureIO({ cwd: dir });
    expect(await run(['init', '--town', '青山镇', '--year', '2025', '--force'], forced)).toBe(0);
    expect(parsePlan(await readFile(target, 'utf8')).kind).toBe('plan');
  });

  it('refuses to write through a symbolic link even with --force', async () => {
    await writeFile(join(dir, 'real.yaml'), 'x: 1\n');
    await symlink(join(dir, 'real.yaml'), join(dir, 'plan.yaml'));
    const io = captureIO({ cwd: dir });
    expect(await run(['init', '--town', '青山镇', '--force'], io)).toBe(2);
    expect(io.err()).toContain('FG7021');
    expect(await readFile(join(dir, 'real.yaml'), 'utf8')).toBe('x: 1\n');
  });

  it('takes units, goals and measures from flags, with other units by name', async () => {
    const io = captureIO({ cwd: dir });
    const code = await run(
      [
        'init',
        'sub/dir/plan.yaml',
        '--town',
        '白石乡',
        '--period',
        '2025-03-01..2026-02-28',
        '--units',
        'dzb,wsy,jyb,镇交通站,lz=林业站',
        '--goals',
        'G2,G3',
        '--measures',
        'M3,M4,M8',
        '--doc-number',
        '白政发〔2025〕2号',
        '--yes',
      ],
      io,
    );
    expect(io.err()).toBe('');
    expect(code).toBe(0);
    const text = await readFile(join(dir, 'sub/dir/plan.yaml'), 'utf8');
    expect(text.split('\n')[0]).toMatch(/\$schema=(\.\.\/)+.*schemas\/plan\.schema\.json$/);
    const plan = parsePlan(text);
    expect(plan.units).toEqual([
      { id: 'dzb', name: '乡党政办' },
      { id: 'wsy', name: '乡卫生院' },
      { id: 'jyb', name: '乡教育办' },
      { id: 'lz', name: '林业站' },
      { id: 'u1', name: '镇交通站' },
    ]);
    expect(plan.measures.map((m) => m.id)).toEqual(['M3', 'M4', 'M8']);
    expect(plan.doc_number).toBe('白政发〔2025〕2号');
    expect(plan.schedule?.at(-1)?.end).toBe('2026-02-28');
    expect(planInvariantProblems(plan)).toEqual([]);
    expect(validatePlanText(text)).toEqual([]);
  });

  it.each([
    [['--units', 'dzb,wxy'], /wxy.*wsy.*FG7102/],
    [['--goals', 'G1,G7'], /G7.*FG7102/],
    [['--year', '25'], /--year.*FG7103/],
    [['--period', '2025-01-01..2025-02-30'], /2025-02-30.*FG7104/],
    [['--goals', 'G1,G2', '--measures', 'M1'], /G2.*M8.*FG7106/],
  ])('rejects %j with a usage error', async (flags, pattern) => {
    const io = captureIO({ cwd: dir });
    expect(await run(['init', '--town', '青山镇', '--year', '2025', ...flags], io)).toBe(2);
    expect(io.err()).toMatch(pattern);
    expect(io.err()).not.toMatch(/at .*\.ts:\d+/); // no stack trace
    expect(await exists(join(dir, 'plan.yaml'))).toBe(false);
  });

  it('speaks English with --lang en', async () => {
    const io = captureIO({ cwd: dir });
    expect(await run(['init', '--lang', 'en'], io)).toBe(2);
    expect(io.err()).toContain('missing --town');
    const ok = captureIO({ cwd: dir });
    expect(await run(['init', '--lang', 'en', '--town', '青山镇', '--year', '2025'], ok)).toBe(0);
    expect(ok.out()).toContain('Next steps');
  });
});

describe('fangan init --starter', () => {
  const county = `kind: starter
name: 县级素材
title: '{town}健康促进工作方案'
units:
  - { id: dzb, name: '{place}党政办' }
  - { id: wsy, name: '{place}卫生院' }
goals:
  - id: G1
    text: 群众健康素养提升
    indicators:
      - { id: lit, name: 居民健康素养水平, unit: '%', baseline: 22, target: 26, direction: increase }
measures:
  - { id: M1, title: 健康讲座进村, lead: wsy, support: [dzb], deadline_month: 9, goals: [G1], indicators: [lit] }
`;

  it('drafts from a county starter file', async () => {
    await writeFile(join(dir, 'county.yaml'), county);
    const io = captureIO({ cwd: dir });
    expect(
      await run(['init', '--starter', 'county.yaml', '--town', '青山镇', '--year', '2026'], io),
    ).toBe(0);
    const text = await readFile(join(dir, 'plan.yaml'), 'utf8');
    expect(text).toContain('素材：县级素材');
    const plan = parsePlan(text);
    expect(plan.title).toBe('青山镇健康促进工作方案');
    expect(plan.measures).toEqual([
      expect.objectContaining({ id: 'M1', lead: 'wsy', support: ['dzb'], deadline: '2026-09-30' }),
    ]);
    expect(validatePlanText(text)).toEqual([]);
  });

  it('reports a bad starter with file:line:col and exits 1 without drafting', async () => {
    await writeFile(join(dir, 'county.yaml'), county.replace('lead: wsy', 'lead: wxy'));
    const io = captureIO({ cwd: dir });
    expect(await run(['init', '--starter', 'county.yaml', '--town', '青山镇'], io)).toBe(1);
    expect(io.err()).toContain('county.yaml');
    expect(io.err()).toMatch(/13:\d+/);
    expect(io.err()).toContain('FG7008');
    expect(await exists(join(dir, 'plan.yaml'))).toBe(false);
  });

  it('reports a missing starter file and exits 1', async () => {
    const io = captureIO({ cwd: dir });
    expect(await run(['init', '--starter', 'nope.yaml', '--town', '青山镇'], io)).toBe(1);
    expect(io.err()).toContain('FG7012');
  });
});

describe('fangan init wizard (scripted through the prompt wrapper)', () => {
  it('asks in Chinese, re-asks after a bad answer, and writes what was chosen', async () => {
    const { asked, rejected } = scripted([
      '', // town: empty is rejected …
      '青山镇', // … then answered
      '绿水县',
      '', // issuer: default 青山镇人民政府
      '2025-01-01',
      '2025-13-01', // rejected: not a date
      '2024-12-31', // rejected: before the start
      '2025-12-31',
      '2025-01-20',
      '青政发〔2025〕3号',
      ['dzb', 'wsy', 'jyb', 'cun'],
      '镇交通站、镇林业站',
      ['G2', 'G4'],
      ['literacy', 'lectures', 'adult_smoking'],
      true, // enter values now
      '27.5', // literacy baseline
      '20', // rejected: target below the baseline for an increase
      '31',
      '', // lectures baseline default
      '', // lectures target default
      '', // adult_smoking baseline default
      '', // adult_smoking target default
      ['M8'], // rejected: G4 is not served
      ['M8', 'M15'],
      true, // review each measure
      'u1', // M8 lead
      '2025-09-30',
      '', // M15 lead default (wsy)
      '2026-01-31', // rejected: after the period
      '2025-11-30',
      '', // summary: write
    ]);
    const io = ttyIO();
    const code = await run(['init'], io);
    expect(io.err()).toBe('');
    expect(code).toBe(0);
    expect(asked[0]).toBe('乡镇名称（如：青山镇）');
    expect(rejected).toEqual([
      '乡镇名称（如：青山镇） 不能为空',
      '结束日期 应为 YYYY-MM-DD 格式的有效日期，收到 2025-13-01',
      '实施周期结束日期 2024-12-31 早于开始日期 2025-01-01',
      '指标 literacy 的目标值 20 与方向 increase、基线 27.5 不一致',
      '目标 G4 没有任何重点工作支撑，请至少选择其中一项：M5,M13,M14,M15,M16',
      '重点工作 M15 的完成时限 2026-01-31 不在实施周期 2025-01-01 至 2025-12-31 内',
    ]);
    const text = await readFile(join(dir, 'plan.yaml'), 'utf8');
    const plan = parsePlan(text);
    expect(plan).toMatchObject({
      issuer: '青山镇人民政府',
      region: '绿水县青山镇',
      date: '2025-01-20',
      doc_number: '青政发〔2025〕3号',
    });
    expect(plan.units.map((u) => u.name)).toEqual([
      '镇党政办',
      '镇卫生院',
      '镇教育办',
      '各村（社区）',
      '镇交通站',
      '镇林业站',
    ]);
    expect(plan.measures).toEqual([
      expect.objectContaining({
        id: 'M8',
        lead: 'u1',
        support: ['wsy', 'cun', 'jyb'],
        deadline: '2025-09-30',
      }),
      expect.objectContaining({
        id: 'M15',
        lead: 'wsy',
        support: ['dzb', 'jyb'],
        deadline: '2025-11-30',
      }),
    ]);
    expect(
      plan.goals.flatMap((g) => g.indicators ?? []).map((i) => [i.id, i.baseline, i.target]),
    ).toEqual([
      ['literacy', 27.5, 31],
      ['lectures', 6, 12],
      ['adult_smoking', 25, 23],
    ]);
    expect(planInvariantProblems(plan)).toEqual([]);
    expect(validatePlanText(text)).toEqual([]);
  });

  it('uses flags as defaults and skips per-measure questions when declined', async () => {
    const { asked } = scripted([...Array<string>(13).fill(''), false, '']);
    const io = ttyIO();
    expect(await run(['init', '--town', '东风镇', '--year', '2027', '--goals', 'G1'], io)).toBe(0);
    const plan = parsePlan(await readFile(join(dir, 'plan.yaml'), 'utf8'));
    expect(plan.title).toBe('东风镇创建健康促进乡镇工作方案');
    expect(plan.period).toEqual({ start: '2027-01-01', end: '2027-12-31' });
    expect(plan.goals.map((g) => g.id)).toEqual(['G1']);
    expect(plan.measures.map((m) => m.id)).toEqual(['M1', 'M2']);
    expect(asked).toHaveLength(15);
    expect(asked.at(-1)).toMatch(
      /^请核对以下内容，确认后写入 plan\.yaml：\n {2}乡镇名称：东风镇\n/,
    );
  });

  it('the summary lets one answer be changed; later answers it invalidates are asked again', async () => {
    const starter = await builtinStarter();
    const measures = measuresForGoals(starter, defaultGoalIds(starter)).length;
    const { asked, rejected } = scripted([
      '青山镇',
      '',
      '',
      '', // period start 2025-01-01
      '', // period end 2025-12-31
      '2025-12-20', // 成文日期
      '青政发[2025]3号', // square brackets: offered the 〔〕 form
      true, // convert
      '',
      '',
      '',
      '',
      false, // no values now
      '',
      true, // review each measure
      ...Array<string>(2 * measures).fill(''),
      'period', // summary: change the period
      '2026-01-01',
      '2026-06-30',
      '2025-12-20', // rejected: 成文日期 now outside the period
      '2026-01-10',
      ...Array<string>(2 * measures).fill(''), // every deadline was outside: asked again
      'town', // change the town: the default issuer follows it
      '白石乡',
      '', // summary: write
    ]);
    const io = ttyIO();
    expect(await run(['init', '--year', '2025'], io), asked.join('\n')).toBe(0);
    expect(asked).toContain(
      '发文字号“青政发[2025]3号”的年份应用六角括号〔〕括起，应为“青政发〔2025〕3号”。改为“青政发〔2025〕3号”吗？',
    );
    expect(rejected).toEqual(['成文日期 2025-12-20 不在实施周期 2026-01-01 至 2026-06-30 内']);
    const plan = parsePlan(await readFile(join(dir, 'plan.yaml'), 'utf8'));
    expect(plan).toMatchObject({
      issuer: '白石乡人民政府',
      date: '2026-01-10',
      doc_number: '青政发〔2025〕3号',
      period: { start: '2026-01-01', end: '2026-06-30' },
    });
    expect(plan.units[0]?.name).toBe('乡党政办');
    expect(planInvariantProblems(plan)).toEqual([]);
    expect(validatePlanText(await readFile(join(dir, 'plan.yaml'), 'utf8'))).toEqual([]);
  });

  it('refuses a 发文字号 that cannot be fixed, and a leading zero is offered without it', async () => {
    const { rejected, asked } = scripted([
      '青山镇',
      '',
      '',
      '',
      '',
      '',
      '3号', // not a document number
      '青政发〔25〕3号', // two-digit year
      '青政发〔2025〕03号', // leading zero: offered
      false, // keep it? no: asked again
      '青政发〔2025〕4号',
      '',
      '',
      '',
      '',
      false,
      '',
      false,
      'discard',
    ]);
    const io = ttyIO();
    expect(await run(['init', '--year', '2025'], io)).toBe(2);
    expect(rejected).toEqual([
      '“3号”不是发文字号的写法，应为“机关代字〔年份〕序号号”，如 青政发〔2025〕3号',
      '发文字号“青政发〔25〕3号”的年份应写全 4 位，如〔2025〕',
    ]);
    expect(asked.filter((q) => q.startsWith('发文字号（'))).toHaveLength(4);
    expect(io.err()).toContain('FG7236');
    expect(await exists(join(dir, 'plan.yaml'))).toBe(false);
  });

  it('asks in English with --lang en', async () => {
    const { asked } = scripted([
      () => {
        const e = new Error('User force closed the prompt');
        e.name = 'ExitPromptError';
        throw e;
      },
    ]);
    const io = ttyIO();
    expect(await run(['init', '--lang', 'en'], io)).toBe(2);
    expect(asked).toEqual(['Town name (e.g. 青山镇)']);
    expect(io.err()).toContain('cancelled; nothing was written');
    expect(await exists(join(dir, 'plan.yaml'))).toBe(false);
  });

  it('does not ask with --yes, even on a terminal', async () => {
    restore = noQuestions();
    const io = ttyIO();
    expect(await run(['init', '-y', '--town', '青山镇', '--year', '2025'], io)).toBe(0);
  });
});
