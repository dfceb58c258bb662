/**
 * What export, report and validate say when something goes wrong: each message must be true for
 * the situation (issue 10, "Wording"), and paths in index.md are the user's text, escaped.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { run } from '../src/cli/main.js';
import { exportReports } from '../src/export/index.js';
import { captureIO } from './helpers/io.js';

const root = process.cwd();
const fixtures = path.join(root, 'test/fixtures/report');
const work = mkdtempSync(path.join(tmpdir(), 'fangan-export-wording-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Towns (folder name -> town name), each with a 2025Q1 progress file, under a fresh folder. */
function makeTowns(name: string, towns: Record<string, string>): string {
  const dir = path.join(work, name);
  const plan = readFileSync(path.join(fixtures, 'plan.yaml'), 'utf8');
  const progress = readFileSync(path.join(fixtures, 'progress-q1.yaml'), 'utf8');
  for (const [folder, town] of Object.entries(towns)) {
    mkdirSync(path.join(dir, folder), { recursive: true });
    writeFileSync(path.join(dir, folder, 'plan.yaml'), plan.replaceAll('试验镇', town));
    writeFileSync(path.join(dir, folder, 'q1.yaml'), progress.replaceAll('试验镇', town));
  }
  return dir;
}
const readIndex = (out: string) =>
  JSON.parse(readFileSync(path.join(out, 'index.json'), 'utf8')) as {
    reports: { source: string; status: string; diagnostics: { code: string; message: string }[] }[];
    rollups: { status: string; diagnostics: { code: string }[] }[];
  };

describe('export wording', () => {
  it('a refused file fails its town only, and says the rest of the export was written', async () => {
    const dir = makeTowns('refused', { a: '甲镇', b: '乙镇' });
    const out = path.join(dir, 'out');
    mkdirSync(out);
    writeFileSync(path.join(out, '2025Q1-乙镇-季度工作汇报.md'), '自己写的\n');
    const io = captureIO({ cwd: dir, env: { LANG: 'en_US.UTF-8' } });
    const code = await run(['export', '.', '-o', 'out', '--to', 'md', '--lang', 'en'], io);
    expect(code).toBe(1);
    const failed = readIndex(out).reports.find((r) => r.status === 'failed');
    expect(failed?.source).toBe('b/q1.yaml');
    const refusal = failed?.diagnostics.find((d) => d.code.startsWith('FG4'));
    expect(refusal?.code).toBe('FG4201');
    expect(refusal?.message).toBe(
      '"2025Q1-乙镇-季度工作汇报.md" was not written by fangan; not overwritten, so this item was not written (the rest of the export was)',
    );
    expect(io.out()).not.toContain('nothing was written');
    expect(readFileSync(path.join(out, '2025Q1-甲镇-季度工作汇报.md'), 'utf8')).toContain('甲镇');
  });

  it('FG6003 names the progress file that already has the name', async () => {
    const dir = makeTowns('twice', { a: '丙镇', b: '丙镇' });
    const out = path.join(dir, 'out');
    const io = captureIO({ cwd: dir });
    await run(['export', '.', '-o', 'out', '--to', 'md', '--lang', 'en'], io);
    const second = readIndex(out).reports.find((r) => r.source === 'b/q1.yaml');
    const clash = second?.diagnostics.find((d) => d.code === 'FG6003');
    expect(clash?.message).toBe(
      '丙镇 already has a progress file for 2025年第一季度 (a/q1.yaml); this report is written as 2025Q1-丙镇-季度工作汇报-2.md',
    );
    expect(io.out()).not.toContain('()');
  });

  it('a file that vanished says ENOENT once', async () => {
    const dir = makeTowns('vanished', { a: '丁镇', b: '戊镇' });
    const gone = path.join(dir, 'b/q1.yaml');
    const summary = await exportReports({
      files: [path.join(dir, 'a/q1.yaml'), gone],
      outDir: path.join(dir, 'out'),
      cwd: dir,
      formats: ['md'],
      threads: 1,
      force: false,
      lang: 'en',
      version: 'test',
      // Found by the scan, then gone before it is rendered.
      onEvent: (e) => (e.type === 'start' ? unlinkSync(gone) : undefined),
    });
    const message = summary.failures[0]?.diagnostics[0]?.message ?? '';
    expect(message).toMatch(/^Could not produce the report: ENOENT: no such file/);
    expect(message).not.toContain('ENOENT: ENOENT');
  });

  it('a failed roll-up makes the summary ✖ and the exit code 1', async () => {
    const dir = makeTowns('rollup', { a: '己镇' });
    const out = path.join(dir, 'out');
    mkdirSync(out);
    writeFileSync(path.join(out, '2025Q1-样本县-汇总报告.md'), '别人的文件\n');
    const io = captureIO({ cwd: dir });
    const code = await run(['export', '.', '-o', 'out', '--to', 'md'], io);
    expect(code).toBe(1);
    expect(readIndex(out).rollups.map((r) => [r.status, r.diagnostics[0]?.code])).toEqual([
      ['failed', 'FG4201'],
    ]);
    const last = io.out().trimEnd().split('\n').at(-1) ?? '';
    expect(last).toMatch(/^✖ 已生成 1 份汇报/);
    expect(last).toContain('汇总报告 0 份，失败 1 份');
  });

  it('index.md escapes folder names of failed files (no raw HTML)', async () => {
    const dir = path.join(work, 'html');
    const evil = '<img src=x onerror=alert(1)>';
    mkdirSync(path.join(dir, evil), { recursive: true });
    writeFileSync(
      path.join(dir, evil, 'p.yaml'),
      'kind: progress\nplan: nope.yaml\nquarter: 2025Q1\n',
    );
    const out = path.join(dir, 'out');
    await run(['export', '.', '-o', 'out', '--to', 'md'], captureIO({ cwd: dir }));
    const md = readFileSync(path.join(out, 'index.md'), 'utf8');
    expect(md).toContain('### &lt;img src=x onerror=alert(1)&gt;/p.yaml');
    expect(md).toContain('- &lt;img src=x onerror=alert(1)&gt;/p.yaml:2:7 FG2201');
    expect(md).not.toMatch(/<img/);
  });
});

describe('read and write wording', () => {
  it('a manifest that cannot be read is a read error, not a write error', async () => {
    const out = path.join(work, 'manifest-dir');
    mkdirSync(path.join(out, '.fangan-manifest.json'), { recursive: true });
    const io = captureIO();
    const code = await run(
      ['report', path.join(fixtures, 'progress-q1.yaml'), '-o', out, '--lang', 'en'],
      io,
    );
    expect(code).not.toBe(0);
    expect(io.err()).toContain('FG4202');
    expect(io.err()).toMatch(/Reading "\.fangan-manifest\.json" failed: EISDIR/);
    expect(io.err()).not.toMatch(/Writing "\.fangan-manifest\.json"/);
    expect(io.err()).not.toContain('EISDIR: EISDIR');
  });
});
