import { spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import JSZip from 'jszip';
import { run } from '../src/cli/main.js';
import { captureIO } from './helpers/io.js';

const root = process.cwd();
const fixtures = path.join(root, 'test/fixtures/report');
const work = mkdtempSync(path.join(tmpdir(), 'fangan-export-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const fresh = (name: string): string => {
  const dir = path.join(work, name);
  mkdirSync(dir, { recursive: true });
  return dir;
};
const list = (dir: string): string[] =>
  existsSync(dir)
    ? readdirSync(dir)
        .filter((f) => !f.startsWith('.'))
        .sort()
    : [];
const readIndex = (dir: string) =>
  JSON.parse(readFileSync(path.join(dir, 'index.json'), 'utf8')) as {
    counts: Record<'written' | 'skipped' | 'failed', number>;
    reports: {
      source: string;
      status: string;
      town: string;
      outputs: string[];
      diagnostics: { code: string; line: number }[];
    }[];
    rollups: {
      quarter: string;
      county: string | null;
      status: string;
      towns: string[];
      outputs: string[];
    }[];
  };

describe('fangan report', () => {
  it('writes the quarterly report as .docx and .md', async () => {
    const out = fresh('report-ok');
    const io = captureIO();
    const code = await run(['report', path.join(fixtures, 'progress-q1.yaml'), '-o', out], io);
    // Warnings (the overdue M2) go to stderr; no errors.
    expect(io.err()).not.toMatch(/:\d+:\d+ {2}错误/);
    expect(io.out()).toContain('已生成');
    expect(code).toBe(0);
    expect(list(out)).toEqual(['2025Q1-试验镇-季度工作汇报.docx', '2025Q1-试验镇-季度工作汇报.md']);
    const md = readFileSync(path.join(out, '2025Q1-试验镇-季度工作汇报.md'), 'utf8');
    expect(md).toMatch(/^# 试验镇2025年第一季度创建健康促进镇工作汇报$/m);
    // M2 (deadline 2025-03-31, 50%) is overdue on 2025-04-05; M1 is done.
    expect(md).toContain(
      '| 2 | 开展健康教育讲座 | 镇卫生院 | 2025年3月底前 | 推进中 | 50% | **逾期** |',
    );
    expect(md).toContain(
      '| 1 | 成立创建工作领导小组 | 镇党政办 | 2025年2月底前 | 已完成 | 100% | 否 |',
    );
    // smoking: 28 -> 23.5 against 24 (decrease) is met; literacy (24-20)/(30-20) = 40%, and
    // ahead of the 22.5% due at the end of Q1 on the straight path from 20% to 30%.
    expect(md).toContain('| 成人吸烟率 | 28%→24% | 27% | 23.5% | — | 已达标 | 已达标 |');
    expect(md).toContain('| 居民健康素养水平 | 20%→30% | 22.5% | 24% | — | 40% | 绿：进度正常 |');
    expect(md).toContain('```mermaid\nxychart-beta');
    const zip = await JSZip.loadAsync(
      readFileSync(path.join(out, '2025Q1-试验镇-季度工作汇报.docx')),
    );
    const xml = (await zip.file('word/document.xml')?.async('string')) ?? '';
    expect(xml).toContain('<c:chart');
    expect(xml).toContain('逾期');
  });

  it('only --to md writes only Markdown', async () => {
    const out = fresh('report-md');
    const code = await run(
      ['report', path.join(fixtures, 'progress-q1.yaml'), '-o', out, '--to', 'md'],
      captureIO(),
    );
    expect(code).toBe(0);
    expect(list(out)).toEqual(['2025Q1-试验镇-季度工作汇报.md']);
  });

  it.each(['unknown-measure', 'percent-not-done', 'quarter-outside'])(
    'a progress file that contradicts its plan (%s) gives diagnostics and no output',
    async (name) => {
      const out = fresh(`contradict-${name}`);
      const io = captureIO();
      const code = await run(
        ['report', path.join(fixtures, 'contradict', `${name}.yaml`), '-o', out],
        io,
      );
      expect(code).toBe(1);
      expect(io.err()).toMatch(new RegExp(`${name}\\.yaml:\\d+:\\d+`));
      expect(io.err()).toMatch(/FG\d{4}/);
      expect(io.err()).not.toMatch(/at .+\.js:\d+/); // no stack trace
      expect(io.out()).toBe(''); // diagnostics on stderr, nothing written
      expect(list(out)).toEqual([]);
    },
  );

  it('a plan given as progress is a diagnostic, not a silent exit', async () => {
    const out = fresh('report-plan');
    const io = captureIO();
    const code = await run(['report', path.join(fixtures, 'plan.yaml'), '-o', out], io);
    expect(code).toBe(1);
    expect(io.err()).toContain('FG6001');
    expect(list(out)).toEqual([]);
  });

  it('rejects a bad --to as a usage error', async () => {
    const io = captureIO();
    const code = await run(
      ['report', path.join(fixtures, 'progress-q1.yaml'), '-o', fresh('x'), '--to', 'rtf'],
      io,
    );
    expect(code).toBe(2);
    expect(io.err()).toContain('FG6022');
  });
});

describe('fangan export of examples/county', () => {
  const out = fresh('county');
  const towns = readdirSync(path.join(root, 'examples/county')).filter((d) =>
    existsSync(path.join(root, 'examples/county', d, 'plan.yaml')),
  );

  it('writes every town report, a roll-up per county and quarter and the index', async () => {
    const io = captureIO();
    const code = await run(['export', 'examples/county', '-o', out, '--jobs', '2'], io);
    expect(io.err()).not.toMatch(/internal error|内部错误/);
    expect(code).toBe(0);
    const index = readIndex(out);
    expect(index.counts).toEqual({ written: towns.length * 4, skipped: 0, failed: 0 });
    const files = list(out);
    for (const q of ['2025Q1', '2025Q2', '2025Q3', '2025Q4']) {
      expect(files).toContain(`${q}-云川县-汇总报告.docx`);
      expect(files).toContain(`${q}-云川县-汇总报告.md`);
      expect(
        files.filter((f) => f.startsWith(`${q}-`) && f.endsWith('-季度工作汇报.docx')),
      ).toHaveLength(towns.length);
    }
    expect(files).toContain('index.md');
    expect(index.rollups.map((r) => r.towns.length)).toEqual([
      towns.length,
      towns.length,
      towns.length,
      towns.length,
    ]);
    expect(index.rollups.map((r) => r.county)).toEqual(['云川县', '云川县', '云川县', '云川县']);
    const rollup = readFileSync(path.join(out, '2025Q1-云川县-汇总报告.md'), 'utf8');
    expect(rollup).toMatch(/^# 云川县2025年第一季度创建健康促进镇工作汇总报告$/m);
    expect(rollup).toContain('title "各乡镇任务平均完成比例"');
    expect(rollup).toContain(`| 合计 | ${towns.length}个乡镇 |`);
    expect(readFileSync(path.join(out, 'index.md'), 'utf8')).toContain(
      `](${encodeURI('2025Q1-云川县-汇总报告.docx')})`,
    );
  });

  it('skips unchanged inputs on a re-run, and --force rebuilds', async () => {
    expect(await run(['export', 'examples/county', '-o', out], captureIO())).toBe(0);
    expect(readIndex(out).counts).toEqual({ written: 0, skipped: towns.length * 4, failed: 0 });
    expect(readIndex(out).rollups.every((r) => r.status === 'skipped')).toBe(true);

    // A changed input is rebuilt, the rest stay skipped.
    const copy = fresh('county-copy');
    cpSync(path.join(root, 'examples/county'), copy, { recursive: true });
    const copyOut = fresh('county-copy-out');
    expect(
      await run(['export', copy, '-o', copyOut, '--quarter', '2025Q2'], captureIO({ cwd: copy })),
    ).toBe(0);
    const first = path.join(copy, towns[0] as string, 'progress/2025Q2.yaml');
    writeFileSync(
      first,
      readFileSync(first, 'utf8').replace(/^summary:.*$/m, 'summary: 改过的概述。'),
    );
    expect(
      await run(['export', copy, '-o', copyOut, '--quarter', '2025Q2'], captureIO({ cwd: copy })),
    ).toBe(0);
    const index = readIndex(copyOut);
    expect(index.counts).toEqual({ written: 1, skipped: towns.length - 1, failed: 0 });
    expect(index.rollups).toEqual([
      expect.objectContaining({ quarter: '2025Q2', status: 'written' }),
    ]);

    expect(await run(['export', 'examples/county', '-o', out, '--force'], captureIO())).toBe(0);
    expect(readIndex(out).counts).toEqual({ written: towns.length * 4, skipped: 0, failed: 0 });
  });

  it('--quarter keeps one quarter; a quarter with no files is a usage error', async () => {
    const q = fresh('county-q3');
    expect(
      await run(
        ['export', 'examples/county', '-o', q, '--quarter', '2025q3', '--to', 'md'],
        captureIO(),
      ),
    ).toBe(0);
    expect(
      list(q)
        .filter((f) => f.endsWith('.md') && f !== 'index.md')
        .every((f) => f.startsWith('2025Q3-')),
    ).toBe(true);
    const io = captureIO();
    expect(
      await run(['export', 'examples/county', '-o', fresh('none'), '--quarter', '2024Q1'], io),
    ).toBe(2);
    expect(io.err()).toContain('FG6023');
    const bad = captureIO();
    expect(
      await run(['export', 'examples/county', '-o', fresh('none2'), '--quarter', 'Q1'], bad),
    ).toBe(2);
    expect(bad.err()).toContain('FG6021');
  });
});

/** 100 towns, each with its own plan and one progress file; number `broken` is damaged. */
function makeBatch(dir: string, count: number, broken: number): void {
  const plan = readFileSync(path.join(fixtures, 'plan.yaml'), 'utf8');
  const progress = readFileSync(path.join(fixtures, 'progress-q1.yaml'), 'utf8');
  for (let i = 1; i <= count; i++) {
    const town = path.join(dir, `town${String(i).padStart(3, '0')}`);
    mkdirSync(path.join(town, 'progress'), { recursive: true });
    writeFileSync(path.join(town, 'plan.yaml'), plan.replace(/试验镇/g, `试验${i}镇`));
    let text = progress.replace('plan: plan.yaml', 'plan: ../plan.yaml');
    if (i === broken) text = text.replace('status: done', 'status: finished');
    writeFileSync(path.join(town, 'progress', '2025Q1.yaml'), text);
  }
}

describe('bad input 26: one bad file in a batch of 100', () => {
  const batch = fresh('batch');
  makeBatch(batch, 100, 42);

  it('writes the other 99, reports the bad one, exits 1 (in-process)', async () => {
    const out = fresh('batch-out');
    const io = captureIO();
    const code = await run(['export', batch, '-o', out, '--to', 'md'], io);
    expect(code).toBe(1);
    const index = readIndex(out);
    expect(index.counts).toEqual({ written: 99, skipped: 0, failed: 1 });
    const failed = index.reports.find((r) => r.status === 'failed');
    expect(failed?.source).toMatch(/town042\/progress\/2025Q1\.yaml$/);
    expect(failed?.diagnostics[0]?.line).toBeGreaterThan(1);
    expect(list(out).filter((f) => f.endsWith('季度工作汇报.md'))).toHaveLength(99);
    expect(list(out)).toContain('2025Q1-样本县-汇总报告.md');
    expect(io.err()).toMatch(/town042\/progress\/2025Q1\.yaml:\d+:\d+/);
    expect(io.out()).toContain('失败 1 份');
  });

  const bin = path.join(root, 'bin/fangan.js');
  const built = existsSync(path.join(root, 'dist/export/worker.js'));
  if (!built) console.warn('export worker-thread test skipped: dist/ not built (npm run build)');
  it.skipIf(!built)('does the same through the built bin with worker threads (--jobs 2)', () => {
    const out = fresh('batch-bin');
    const res = spawnSync(
      process.execPath,
      [bin, 'export', batch, '-o', out, '--jobs', '2', '--stats'],
      {
        encoding: 'utf8',
        env: { ...process.env, NO_COLOR: '1', CI: '1' },
      },
    );
    expect(res.status).toBe(1);
    const index = readIndex(out);
    expect(index.counts).toEqual({ written: 99, skipped: 0, failed: 1 });
    expect(list(out).filter((f) => f.endsWith('季度工作汇报.docx'))).toHaveLength(99);
    expect(res.stderr).toMatch(/"maxRssMB":\d+/);
    expect(res.stderr).toContain('100/100'); // plain progress lines without a TTY
  });
});

describe('roll-ups per county', () => {
  it('makes one roll-up per county and quarter; towns without a county share one', async () => {
    const dir = fresh('counties');
    makeBatch(dir, 5, 0);
    // towns 1-2 stay in 样本县, 3-4 move to 北山区, 5 names no county at all
    for (const [i, region] of [
      [3, '北山区试验3镇'],
      [4, '北山区试验4镇'],
      [5, '试验5镇'],
    ] as const) {
      const file = path.join(dir, `town00${i}`, 'plan.yaml');
      writeFileSync(file, readFileSync(file, 'utf8').replace(/^region: .*$/m, `region: ${region}`));
    }
    const out = fresh('counties-out');
    expect(await run(['export', dir, '-o', out, '--to', 'md'], captureIO())).toBe(0);
    const index = readIndex(out);
    expect(index.rollups.map((r) => [r.county, r.towns.length, r.outputs])).toEqual([
      [null, 1, ['2025Q1-汇总报告.md']],
      ['北山区', 2, ['2025Q1-北山区-汇总报告.md']],
      ['样本县', 2, ['2025Q1-样本县-汇总报告.md']],
    ]);
    const north = readFileSync(path.join(out, '2025Q1-北山区-汇总报告.md'), 'utf8');
    expect(north).toMatch(/^# 北山区2025年第一季度.*工作汇总报告$/m);
    expect(north).toContain('| 合计 | 2个乡镇 |');
    expect(north).not.toContain('试验1镇');
    const md = readFileSync(path.join(out, 'index.md'), 'utf8');
    expect(md).toContain('| 2025Q1 | 北山区 | 2 | 已生成 |');
    expect(md).toContain('| 2025Q1 | — | 1 | 已生成 |');

    // A re-run keeps all three, keyed by county in the export state.
    expect(await run(['export', dir, '-o', out, '--to', 'md'], captureIO())).toBe(0);
    expect(readIndex(out).rollups.map((r) => r.status)).toEqual(['skipped', 'skipped', 'skipped']);
  });
});
