/**
 * Quarter-on-quarter (环比): the report command finds the town's earlier quarters next to the
 * progress file (the layout of `fangan progress new`), the pure view compares with them, and the
 * template states the changes. Also: a task finished earlier never reads 本季度暂无新的进展, a
 * cancelled task keeps its reason, indicator notes are printed.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { Plan, Progress } from '../src/model/types.js';
import { buildReportView, findHistory } from '../src/report/index.js';
import { loadProgress } from '../src/validate/index.js';
import { run } from '../src/cli/main.js';
import { captureIO } from './helpers/io.js';

const root = process.cwd();
const qingxi = path.join(root, 'examples/qingxi');
const load = <T>(file: string): T => parse(readFileSync(file, 'utf8')) as T;
const plan = load<Plan>(path.join(qingxi, 'plan.yaml'));
const quarter = (q: number): Progress =>
  load<Progress>(path.join(qingxi, `progress/2025Q${q}.yaml`));

const work = mkdtempSync(path.join(tmpdir(), 'fangan-history-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('buildReportView with earlier quarters', () => {
  const q3 = buildReportView(quarter(3), plan, { history: [quarter(1), quarter(2)] });
  const byId = Object.fromEntries(q3.measures.map((m) => [m.id, m]));

  it('compares each measure with the previous quarter', () => {
    expect(byId.M8).toMatchObject({
      previousPercent: 50,
      previousPercentText: '50%',
      percent: 75,
      percentChange: 'up',
    });
    expect(q3.previous).toMatchObject({
      quarter: '2025Q2',
      label: '第二季度',
      averageChange: 'up',
    });
    // Q2 had M1 and M3 done; Q3 adds M2, M4, M5.
    expect(q3.previous?.newlyDone).toBe(3);
  });

  it('says when a done task was finished: this quarter, or the first earlier quarter', () => {
    expect(byId.M1).toMatchObject({ completion: 'earlier', doneInLabel: '第一季度' });
    expect(byId.M3).toMatchObject({ completion: 'earlier', doneInLabel: '第二季度' });
    expect(byId.M2).toMatchObject({ completion: 'this_quarter', doneInLabel: '' });
    expect(byId.M6?.completion).toBe('');
  });

  it('takes history in any order, ignores later quarters and needs an unbroken run', () => {
    const shuffled = buildReportView(quarter(3), plan, {
      history: [quarter(4), quarter(2), quarter(1)],
    });
    expect(shuffled.measures).toEqual(q3.measures);
    // Q1 alone for a Q3 report: no previous quarter, so nothing to compare and no date to give.
    const gap = buildReportView(quarter(3), plan, { history: [quarter(1)] });
    expect(gap.previous).toBeUndefined();
    expect(gap.measures.find((m) => m.id === 'M1')).toMatchObject({
      completion: 'unknown',
      percentChange: '',
    });
    // The plan's first quarter needs no history to know a done task was done in it.
    const q1 = buildReportView(quarter(1), plan);
    expect(q1.measures.find((m) => m.id === 'M1')?.completion).toBe('this_quarter');
  });

  it('keeps the reason of a task cancelled in an earlier quarter', () => {
    const q2 = quarter(2);
    const m6 = q2.measures.find((m) => m.id === 'M6');
    Object.assign(m6 ?? {}, {
      status: 'cancelled',
      percent: 0,
      done: [],
      problems: ['试点企业停产转产，县卫生健康局同意不再创建。'],
    });
    const q3c = quarter(3);
    Object.assign(q3c.measures.find((m) => m.id === 'M6') ?? {}, {
      status: 'cancelled',
      percent: 0,
      done: [],
      problems: [],
      next: [],
    });
    const view = buildReportView(q3c, plan, { history: [q2, quarter(1)] });
    expect(view.measures.find((m) => m.id === 'M6')?.cancelReason).toEqual([
      '试点企业停产转产，县卫生健康局同意不再创建',
    ]);
    expect(view.cancelled.map((m) => m.id)).toEqual(['M6']);
  });
});

describe('findHistory', () => {
  const loader = { lang: 'en' as const, load: (f: string) => loadProgress(f, { lang: 'en' }) };

  it('walks back from the file through the quarters laid out next to it', async () => {
    const file = path.join(qingxi, 'progress/2025Q3.yaml');
    const found = await findHistory(file, quarter(3), plan, {
      ...loader,
      planFile: path.join(qingxi, 'plan.yaml'),
    });
    expect(found.history.map((p) => p.quarter)).toEqual(['2025Q2', '2025Q1']);
    expect(found.diagnostics).toEqual([]);
    const first = await findHistory(
      path.join(qingxi, 'progress/2025Q1.yaml'),
      quarter(1),
      plan,
      loader,
    );
    expect(first.history).toEqual([]);
  });

  it('stops with a warning at a broken file or one for another quarter', async () => {
    const dir = path.join(work, 'broken');
    cpSync(qingxi, dir, { recursive: true });
    const q2 = path.join(dir, 'progress/2025Q2.yaml');
    writeFileSync(q2, readFileSync(q2, 'utf8').replace('reporter: ', 'reportr: '));
    const file = path.join(dir, 'progress/2025Q3.yaml');
    const broken = await findHistory(file, quarter(3), plan, loader);
    expect(broken.history).toEqual([]);
    expect(broken.diagnostics.map((d) => [d.code, d.severity, d.file])).toEqual([
      ['FG6200', 'warning', q2],
    ]);
    writeFileSync(q2, readFileSync(path.join(dir, 'progress/2025Q1.yaml'), 'utf8'));
    const misfiled = await findHistory(file, quarter(3), plan, loader);
    expect(misfiled.diagnostics.map((d) => d.code)).toEqual(['FG6201']);
  });
});

describe('fangan report states the changes', () => {
  const report = async (rel: string, out: string) => {
    const io = captureIO();
    const code = await run(['report', rel, '-o', out, '--to', 'md'], io);
    expect(io.err()).not.toMatch(/:\d+:\d+ {2}错误/); // warnings (on stderr) only
    expect(code).toBe(0);
    const name = `${path.basename(rel, '.yaml')}-青溪镇-季度工作汇报.md`;
    return { md: readFileSync(path.join(out, name), 'utf8'), out: io.out() };
  };

  it('Q3 reads the Q2 file next to it: 完成比例由…提高到…, 已于第一季度完成, the overall change', async () => {
    const { md } = await report('examples/qingxi/progress/2025Q3.yaml', path.join(work, 'q3'));
    expect(md).toContain('完成比例由50%提高到75%');
    expect(md).toContain('该项任务已于第一季度完成。');
    expect(md).toMatch(/全部任务平均完成比例为85\.8%，较第二季度提高26\.2个百分点/);
    expect(md).not.toContain('本季度暂无新的进展');
    // Indicators: the change in the table and the notes under it.
    expect(md).toContain(
      '| 全年举办健康教育讲座 | 16场→40场 | 29场 | 29场 | 新增10场 | 72.5% | 绿：进度正常 |',
    );
    expect(md).toContain('数据说明：全年举办健康教育讲座，1—9月累计场次；');
  });

  it('Q1 reads the lecture count as on track and literacy as 年度监测', async () => {
    const { md } = await report('examples/qingxi/progress/2025Q1.yaml', path.join(work, 'q1'));
    expect(md).toMatch(
      /^\| 全年举办健康教育讲座 \|[^\n]*\| 9场 \| — \| 22\.5% \| 绿：进度正常 \|$/m,
    );
    expect(md).toMatch(/^\| 居民健康素养水平 \|[^\n]*\| 年度监测，本季度不适用 \|$/m);
    expect(md).not.toMatch(/^\| 居民健康素养水平 \|[^\n]*未报送/m);
    expect(md).not.toMatch(/较第.季度|提高到/);
  });

  it('warns and still writes the report when the previous quarter is broken', async () => {
    const dir = path.join(work, 'cli-broken');
    cpSync(qingxi, dir, { recursive: true });
    const q2 = path.join(dir, 'progress/2025Q2.yaml');
    writeFileSync(q2, readFileSync(q2, 'utf8').replace('reporter: ', 'reportr: '));
    const io = captureIO({ cwd: dir });
    const code = await run(['report', 'progress/2025Q3.yaml', '-o', 'out', '--to', 'md'], io);
    expect(code).toBe(0);
    expect(io.err()).toContain('FG6200');
    const md = readFileSync(path.join(dir, 'out/2025Q3-青溪镇-季度工作汇报.md'), 'utf8');
    expect(md).not.toContain('提高到');
    expect(md).toContain('该项任务已完成。');
  });
});
