/**
 * Roll-up completeness (issue 9, 4) and heads (issue 8, 5): towns whose plan exists but whose
 * progress file for the quarter is missing or failed are listed as 未报送 / 报送有误 and counted
 * (应报 N 个乡镇，实报 M 个); late reports are flagged against county.yaml `due`; the county
 * settings and --issuer / --addressee give the roll-up its addressee and signature.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { run } from '../src/cli/main.js';
import { createScanner } from '../src/export/scan.js';
import type { Plan, Progress } from '../src/model/types.js';
import { buildReportView } from '../src/report/view.js';
import { buildRollupView, toRollupEntry } from '../src/report/rollup.js';
import { captureIO } from './helpers/io.js';

const root = process.cwd();
const work = mkdtempSync(path.join(tmpdir(), 'fangan-complete-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
let n = 0;
/** A private copy of examples/county (three towns and county.yaml). */
const copyCounty = (): string => {
  const dir = path.join(work, `county${++n}`);
  cpSync(path.join(root, 'examples/county'), dir, { recursive: true });
  return dir;
};
const read = (file: string): string => readFileSync(file, 'utf8');
const load = <T>(rel: string): T => parse(read(path.join(root, rel))) as T;
const entry = (town: string, quarter: string) =>
  toRollupEntry(
    buildReportView(
      load<Progress>(`examples/county/${town}/progress/${quarter}.yaml`),
      load<Plan>(`examples/county/${town}/plan.yaml`),
    ),
  );

describe('buildRollupView completeness', () => {
  const q2 = ['songling', 'baisha'].map((t) => entry(t, '2025Q2'));

  it('counts expected and reported towns and lists the missing and failed ones', () => {
    const view = buildRollupView(q2, {
      absent: [
        { town: '柳河镇' },
        { town: '东岭乡', source: 'dl/2025Q2.yaml', reason: 'dl/2025Q2.yaml 第7行：…（FG2014）' },
      ],
    });
    expect(view.submission).toMatchObject({
      expected: 4,
      reported: 2,
      missing: 1,
      invalid: 1,
      late: 0,
      missingTowns: '柳河镇',
      invalidTowns: '东岭乡',
    });
    expect(view.submission.exceptions.map((e) => [e.town, e.statusZh])).toEqual([
      ['柳河镇', '未报送'],
      ['东岭乡', '报送有误'],
    ]);
    expect(view.nextSteps[0]?.text).toContain('督促柳河镇、东岭乡');
  });

  it('flags reports after the due date, and a report on the due date is on time', () => {
    // songling reported on 2025-07-04, baisha on 2025-07-14
    const onTheDay = buildRollupView(q2, { due: '2025-07-14' });
    expect(onTheDay.submission.late).toBe(0);
    const dayBefore = buildRollupView(q2, { due: '2025-07-13' });
    expect(dayBefore.submission).toMatchObject({ late: 1, lateTowns: '白沙镇' });
    expect(dayBefore.submission.exceptions[0]).toMatchObject({
      town: '白沙镇',
      statusZh: '逾期报送',
      dateZh: '2025年7月14日',
      daysLate: 1,
    });
    const early = buildRollupView(q2, { due: '2025-07-01' });
    expect(early.submission.exceptions.map((e) => [e.town, e.daysLate])).toEqual([
      ['白沙镇', 13],
      ['松岭镇', 3],
    ]);
  });

  it('ends the addressee in one full-width colon and labels a roll-up nobody reported to', () => {
    const view = buildRollupView([], {
      period: '2025Q3',
      county: '云川县',
      addressee: ' 县爱卫办: ',
      absent: [{ town: '柳河镇' }],
    });
    expect(view.addressee).toBe('县爱卫办：');
    expect(view.periodLabel).toBe('2025年第三季度');
    expect(view.nextQuarterLabel).toBe('2025年第四季度');
    expect(view.submission).toMatchObject({ expected: 1, reported: 0, missing: 1 });
  });
});

describe('scan: plans as the roll-ups see them', () => {
  it.each([
    ['flow', 'period: { start: 2025-01-01, end: 2025-12-31 }'],
    ['block', 'period:\n  start: 2025-01-01\n  end: 2025-12-31'],
    [
      'quoted in a flow with a comment',
      'period: {start: \'2025-01-01\', end: "2025-12-31"} # 全年',
    ],
    ['anything else, through the YAML parser', 'period:\n  end: 2025-12-31\n  start: 2025-01-01'],
  ])('reads the period of a plan written %s', async (_name, period) => {
    const dir = mkdtempSync(path.join(work, 'scan-'));
    const file = path.join(dir, 'plan.yaml');
    writeFileSync(
      file,
      `kind: plan\ntitle: 方案\nissuer: 青溪镇人民政府\nregion: 云川县青溪镇\n${period}\n`,
    );
    const c = await createScanner(dir)(file);
    expect(c).toMatchObject({ isProgress: false, kind: 'plan' });
    expect(c.plan).toEqual({
      file,
      town: '青溪镇',
      county: '云川县',
      period: { start: '2025-01-01', end: '2025-12-31' },
    });
  });
});

describe('fangan export: who has not reported', () => {
  it('lists a town whose file for the quarter was removed as 未报送 and counts it', async () => {
    const dir = copyCounty();
    unlinkSync(path.join(dir, 'liuhe/progress/2025Q2.yaml'));
    const out = path.join(dir, 'out');
    const io = captureIO();
    const code = await run(['export', dir, '-o', out, '--quarter', '2025Q2', '--to', 'md'], io);
    expect(code).toBe(0);
    const md = read(path.join(out, '2025Q2-云川县-汇总报告.md'));
    expect(md).toContain('应报3个乡镇，实报2个；未报送1个：柳河镇');
    expect(md).toContain('| 柳河镇 | 未报送 | — | 截至汇总时未收到进展文件 |');
    // county.yaml next to the towns: addressee under the title, deadline, signature
    expect(md).toMatch(/^# .*\n\n<!-- fangan:noindent -->\n云川县爱国卫生运动委员会办公室：\n/);
    expect(md).toContain('报送截止日期为2025年7月10日，逾期报送1个：白沙镇');
    expect(md).toContain('| 白沙镇 | 逾期报送 | 2025年7月14日 | 晚于截止日期4天 |');
    expect(md).toMatch(/<!-- fangan:signature -->\n云川县卫生健康局\n\n2025年7月14日\n$/);
    const index = JSON.parse(read(path.join(out, 'index.json'))) as {
      rollups: { towns: string[]; absent: string[] }[];
    };
    expect(index.rollups[0]?.absent).toEqual(['柳河镇']);
  });

  it('lists a file that failed validation as 报送有误 with the reason, and exits 1', async () => {
    const dir = copyCounty();
    const file = path.join(dir, 'songling/progress/2025Q1.yaml');
    writeFileSync(file, read(file).replace(/^date: .*$/m, 'date: 2025-4-3'));
    const out = path.join(dir, 'out');
    const code = await run(
      ['export', '.', '-o', out, '--quarter', '2025Q1', '--to', 'md'],
      captureIO({ cwd: dir }),
    );
    expect(code).toBe(1);
    const md = read(path.join(out, '2025Q1-云川县-汇总报告.md'));
    expect(md).toContain('应报3个乡镇，实报2个；报送有误1个：松岭镇，未计入实报');
    expect(md).toMatch(
      /\| 松岭镇 \| 报送有误 \| — \| songling\/progress\/2025Q1\.yaml 第\d+行：.*（FG2014） \|/,
    );
  });

  it('finds county.yaml above the towns when only progress folders are given; flags override it', async () => {
    const dir = copyCounty();
    const out = path.join(dir, 'out');
    const args = [
      'export',
      'songling/progress',
      'baisha/progress',
      '-o',
      out,
      '--quarter',
      '2025Q1',
    ];
    const io = captureIO({ cwd: dir });
    expect(await run([...args, '--to', 'md'], io)).toBe(0);
    // liuhe's plan was not seen at all: only the two towns are expected
    const md = read(path.join(out, '2025Q1-云川县-汇总报告.md'));
    expect(md).toContain('应报2个乡镇，实报2个。报送截止日期为2025年4月10日');
    expect(md).toContain('\n云川县卫生健康局\n');

    const flags = [
      '--issuer',
      '云川县创建健康促进县工作领导小组办公室',
      '--addressee',
      '县卫生健康局',
    ];
    expect(await run([...args, '--to', 'md', ...flags], captureIO({ cwd: dir }))).toBe(0);
    const again = read(path.join(out, '2025Q1-云川县-汇总报告.md'));
    expect(again).toContain('\n县卫生健康局：\n');
    expect(again).toContain('\n云川县创建健康促进县工作领导小组办公室\n');
    expect(await run([...args, '--issuer', ' '], captureIO({ cwd: dir }))).toBe(2);
  });

  it('reports a broken county.yaml with its position, writes the roll-ups without it, exits 1', async () => {
    const dir = copyCounty();
    writeFileSync(
      path.join(dir, 'county.yaml'),
      'kind: county\nname: 云川县\nissuer: 县卫健局\ndue:\n  2025Q1: 2025-04-31\n',
    );
    const out = path.join(dir, 'out');
    const io = captureIO({ cwd: dir });
    expect(await run(['export', '.', '-o', out, '--quarter', '2025Q1', '--to', 'md'], io)).toBe(1);
    expect(io.err()).toMatch(/county\.yaml:5:11 .*FG2105/);
    const md = read(path.join(out, '2025Q1-云川县-汇总报告.md'));
    expect(md).not.toContain('县卫健局');
    expect(md).toContain('应报3个乡镇，实报3个。');
  });
});

describe('town report head', () => {
  it('prints the progress addressee under the title, flush left, with a full-width colon', async () => {
    const { createReportRenderer } = await import('../src/report/render.js');
    const renderer = await createReportRenderer({ formats: ['md'], lang: 'zh-CN' });
    const progress = load<Progress>('examples/qingxi/progress/2025Q1.yaml');
    const plan = load<Plan>('examples/qingxi/plan.yaml');
    expect(progress.addressee).toBe('云川县卫生健康局');
    const { markdown } = await renderer.report(buildReportView(progress, plan));
    expect(markdown).toMatch(/^# .+\n\n<!-- fangan:noindent -->\n云川县卫生健康局：\n\n\S/);
    const without = { ...progress };
    delete without.addressee;
    const plain = (await renderer.report(buildReportView(without, plan))).markdown;
    expect(plain).not.toContain('云川县卫生健康局：');
    expect(plain).toMatch(/^# .+\n\n[^<]/);
  });
});
