/**
 * Where the commands write without -o, the one output flag `-o, --out` (the old `--output`
 * still works, hidden), and the split of the streams: problems on stderr, results on stdout
 * (with --format json exactly one JSON document).
 */
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { run } from '../src/cli/main.js';
import { captureIO } from './helpers/io.js';

const root = process.cwd();
const work = mkdtempSync(path.join(tmpdir(), 'fangan-cli-out-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

let n = 0;
/** A fresh folder holding a copy of examples/qingxi as `青溪 镇/` (a space in the path). */
function townCopy(): { cwd: string; town: string } {
  const cwd = path.join(work, `case${++n}`);
  const town = path.join(cwd, '青溪 镇');
  cpSync(path.join(root, 'examples/qingxi'), town, { recursive: true });
  return { cwd, town };
}
const files = (dir: string): string[] =>
  existsSync(dir)
    ? readdirSync(dir)
        .filter((f) => !f.startsWith('.'))
        .sort()
    : [];

describe('without -o', () => {
  it('render writes into out/ next to the plan and names each file it wrote', async () => {
    const { cwd, town } = townCopy();
    const io = captureIO({ cwd });
    expect(await run(['render', '青溪 镇/plan.yaml', '--to', 'md'], io), io.err()).toBe(0);
    expect(files(path.join(town, 'out'))).toEqual(['青溪镇创建健康促进镇工作方案.md']);
    expect(io.out()).toBe('已生成 青溪 镇/out/青溪镇创建健康促进镇工作方案.md\n');
    // --check looks at the same default folder.
    const check = captureIO({ cwd });
    expect(await run(['render', '青溪 镇/plan.yaml', '--to', 'md', '--check'], check)).toBe(0);
  });

  it('render refuses to overwrite a file in out/ that fangan did not write', async () => {
    const { cwd, town } = townCopy();
    mkdirSync(path.join(town, 'out'));
    writeFileSync(path.join(town, 'out/青溪镇创建健康促进镇工作方案.md'), '我自己写的\n');
    const io = captureIO({ cwd });
    expect(await run(['render', '青溪 镇/plan.yaml', '--to', 'md'], io)).toBe(1);
    expect(io.err()).toContain('FG4002');
    expect(io.out()).toBe('');
  });

  it('report writes into out/ next to the plan its progress file names', async () => {
    const { town } = townCopy();
    const io = captureIO({ cwd: path.join(town, 'progress') });
    expect(await run(['report', '2025Q2.yaml', '--to', 'md'], io), io.err()).toBe(0);
    expect(files(path.join(town, 'out'))).toEqual(['2025Q2-青溪镇-季度工作汇报.md']);
    expect(files(path.join(town, 'progress'))).not.toContain('out');
    expect(io.out()).toBe('已生成 ../out/2025Q2-青溪镇-季度工作汇报.md\n');
  });

  it('annual writes into out/ next to the plan', async () => {
    const { cwd, town } = townCopy();
    const io = captureIO({ cwd });
    expect(await run(['annual', '青溪 镇/plan.yaml', '--to', 'md'], io), io.err()).toBe(0);
    expect(files(path.join(town, 'out'))).toEqual(['2025-青溪镇-年度工作总结.md']);
    expect(files(cwd)).toEqual(['青溪 镇']);
  });

  it('export writes into out/ in the current folder', async () => {
    const cwd = path.join(work, `case${++n}`);
    cpSync(path.join(root, 'examples/county'), path.join(cwd, 'towns'), { recursive: true });
    const io = captureIO({ cwd });
    const code = await run(['export', 'towns', '--quarter', '2025Q1', '--to', 'md'], io);
    expect(code, io.err()).toBe(0);
    expect(files(path.join(cwd, 'out'))).toContain('index.md');
    expect(io.out()).toContain('out/index.md');
  });
});

describe('-o, --out and the hidden --output', () => {
  it.each([['-o'], ['--out'], ['--output']])('%s names the folder', async (flag) => {
    const { cwd } = townCopy();
    const io = captureIO({ cwd });
    const args = ['render', '青溪 镇/plan.yaml', '--to', 'md', flag, 'docs'];
    expect(await run(args, io), io.err()).toBe(0);
    expect(files(path.join(cwd, 'docs'))).toEqual(['青溪镇创建健康促进镇工作方案.md']);
  });

  it.each([['--out'], ['--output']])(
    'report, annual, export and progress new take %s',
    async (flag) => {
      const { cwd } = townCopy();
      const io = captureIO({ cwd });
      const ok = async (args: string[]) => expect(await run(args, io), io.err()).toBe(0);
      await ok(['report', '青溪 镇/progress/2025Q1.yaml', '--to', 'md', flag, 'a']);
      await ok(['annual', '青溪 镇/plan.yaml', '--to', 'md', flag, 'b']);
      await ok(['export', '青溪 镇', '--quarter', '2025Q1', '--to', 'md', flag, 'c']);
      await ok(['progress', 'new', '青溪 镇/plan.yaml', '--quarter', '2025Q3', flag, 'd/q.yaml']);
      expect(files(path.join(cwd, 'a'))).toEqual(['2025Q1-青溪镇-季度工作汇报.md']);
      expect(files(path.join(cwd, 'b'))).toEqual(['2025-青溪镇-年度工作总结.md']);
      expect(files(path.join(cwd, 'c'))).toContain('index.json');
      expect(files(path.join(cwd, 'd'))).toEqual(['q.yaml']);
    },
  );

  it('the help shows -o, --out on every command that writes, and never --output', async () => {
    for (const command of [
      ['render'],
      ['report'],
      ['annual'],
      ['export'],
      ['init'],
      ['progress', 'new'],
      ['progress', 'import'],
      ['export-table'],
    ]) {
      const io = captureIO();
      expect(await run([...command, '--help'], io)).toBe(0);
      expect(io.out(), command.join(' ')).toContain('-o, --out <path>');
      expect(io.out(), command.join(' ')).not.toContain('--output');
    }
  });

  it('an empty -o is a usage error', async () => {
    const io = captureIO({ cwd: townCopy().cwd });
    expect(await run(['render', '青溪 镇/plan.yaml', '-o', ''], io)).toBe(2);
    expect(io.err()).toContain('FG9100');
  });
});

describe('stdout carries results, stderr carries problems', () => {
  const fixtures = path.join(root, 'test/fixtures/report');

  it('report --format json: stdout is one JSON object listing the files', async () => {
    const { cwd } = townCopy();
    const io = captureIO({ cwd });
    const code = await run(
      ['report', '青溪 镇/progress/2025Q1.yaml', '--to', 'md', '--format', 'json'],
      io,
    );
    expect(code).toBe(0);
    const result = JSON.parse(io.out()) as { ok: boolean; written: string[] };
    expect(result).toMatchObject({
      ok: true,
      written: ['青溪 镇/out/2025Q1-青溪镇-季度工作汇报.md'],
    });
  });

  it('a failing report: JSON verdict on stdout, the diagnostics (as JSON) on stderr', async () => {
    const io = captureIO({ cwd: work });
    const bad = path.join(fixtures, 'contradict/unknown-measure.yaml');
    const code = await run(['report', bad, '-o', 'never', '--format', 'json'], io);
    expect(code).toBe(1);
    expect(JSON.parse(io.out())).toMatchObject({ ok: false, written: [] });
    const problems = JSON.parse(io.err()) as { diagnostics: { code: string; line: number }[] }[];
    expect(problems[0]?.diagnostics.some((d) => /^FG\d{4}$/.test(d.code) && d.line > 0)).toBe(true);
    expect(existsSync(path.join(work, 'never'))).toBe(false);
  });

  it('a failing stylish report prints its diagnostics on stderr and nothing on stdout', async () => {
    const io = captureIO({ cwd: work });
    const bad = path.join(fixtures, 'contradict/percent-not-done.yaml');
    expect(await run(['report', bad, '-o', 'never2'], io)).toBe(1);
    expect(io.out()).toBe('');
    expect(io.err()).toMatch(/percent-not-done\.yaml:\d+:\d+ {2}错误/);
  });

  it('annual --format json: stdout is JSON, warnings go to stderr', async () => {
    const { cwd } = townCopy();
    const io = captureIO({ cwd });
    const code = await run(['annual', '青溪 镇/plan.yaml', '--to', 'md', '-f', 'json'], io);
    expect(code).toBe(0);
    expect(JSON.parse(io.out())).toMatchObject({
      ok: true,
      written: ['青溪 镇/out/2025-青溪镇-年度工作总结.md'],
    });
  });

  it('export: per-town problems on stderr; --format json prints the index and nothing else', async () => {
    const cwd = path.join(work, `case${++n}`);
    cpSync(path.join(root, 'examples/county'), path.join(cwd, 'towns'), { recursive: true });
    // Break one town's Q1 file: its problem must not land on stdout.
    writeFileSync(
      path.join(cwd, 'towns/baisha/progress/2025Q1.yaml'),
      'kind: progress\nplan: ../plan.yaml\nquarter: 2025Q1\nmeasures: 3\n',
    );
    const stylish = captureIO({ cwd });
    expect(await run(['export', 'towns', '--quarter', '2025Q1', '--to', 'md'], stylish)).toBe(1);
    expect(stylish.err()).toMatch(/baisha\/progress\/2025Q1\.yaml:\d+:\d+/);
    expect(stylish.out()).not.toMatch(/baisha\/progress\/2025Q1\.yaml:\d+:\d+/);
    const json = captureIO({ cwd });
    expect(
      await run(
        ['export', 'towns', '--quarter', '2025Q1', '--to', 'md', '-f', 'json', '-o', 'j'],
        json,
      ),
    ).toBe(1);
    const index = JSON.parse(json.out()) as { counts: { failed: number } };
    expect(index.counts.failed).toBe(1);
  });

  it('fmt without --write prints only the converted file on stdout', async () => {
    const { cwd } = townCopy();
    const io = captureIO({ cwd });
    expect(await run(['fmt', '青溪 镇/plan.yaml', '--keys', 'zh'], io)).toBe(0);
    expect(io.out()).toMatch(/^标题: /m);
    expect(io.err()).toBe('');
    const bad = captureIO({ cwd });
    writeFileSync(path.join(cwd, 'bad.yaml'), 'kind: plan\ntitle: "x\n');
    expect(await run(['fmt', 'bad.yaml', '--keys', 'zh'], bad)).toBe(1);
    expect(bad.out()).toBe('');
    expect(bad.err()).toMatch(/bad\.yaml:\d+:\d+/);
  });
});

describe('fmt --check', () => {
  it('lists the files not yet in the asked key style on stdout and exits 1; 0 when all are', async () => {
    const { cwd } = townCopy();
    const io = captureIO({ cwd });
    const files = ['青溪 镇/plan.yaml', '青溪 镇/progress/2025Q1.yaml'];
    expect(await run(['fmt', ...files, '--keys', 'zh', '--check'], io)).toBe(1);
    expect(io.out()).toMatch(
      /^需改写 青溪 镇\/plan\.yaml（\d+ 处）\n需改写 青溪 镇\/progress\/2025Q1\.yaml（\d+ 处）\n$/,
    );
    expect(io.err()).toBe('');
    const en = captureIO({ cwd });
    expect(await run(['fmt', ...files, '--keys', 'en', '--check'], en)).toBe(0);
    expect(en.out()).toBe('');
    // Nothing was rewritten.
    const again = captureIO({ cwd });
    expect(await run(['fmt', files[0]!, '--keys', 'zh', '--check'], again)).toBe(1);
  });
});

describe('templates eject', () => {
  it('prints a render command that works as printed, quoting a folder with a space', async () => {
    const { cwd } = townCopy();
    const io = captureIO({ cwd });
    expect(await run(['templates', 'eject', 'my templates'], io)).toBe(0);
    const line = io
      .out()
      .split('\n')
      .find((l) => l.includes('fangan render'))!;
    expect(line.trim()).toBe(
      'fangan render plan.yaml --template "my templates" --profile "my templates/profiles/gbt9704.json"',
    );
    const argv = ['render', '青溪 镇/plan.yaml', '--to', 'md', '--template', 'my templates'];
    const rendered = captureIO({ cwd });
    expect(await run([...argv, '--profile', 'my templates/profiles/gbt9704.json'], rendered)).toBe(
      0,
    );
  });
});
