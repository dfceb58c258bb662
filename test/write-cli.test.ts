// Issue 10, "Write and export" through the command line: unusable output folders, special files
// under --force, empty -o, /proc paths, init refusing answers that make an invalid plan,
// unreadable sub-folders in validate, roll-up collisions and a failing state write in export.
import { spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from '../src/cli/main.js';
import { discoverFiles } from '../src/cli/files.js';
import { captureIO } from './helpers/io.js';

const root = process.cwd();
const plan = path.join(root, 'examples/qingxi/plan.yaml');
const reportFixtures = path.join(root, 'test/fixtures/report');
const fresh = (): string => mkdtempSync(path.join(tmpdir(), 'fangan-wcli-'));

/** A FIFO at `file`, or undefined where mkfifo is not available. */
function fifo(file: string): string | undefined {
  const res = spawnSync('mkfifo', [file]);
  return res.status === 0 ? file : undefined;
}
const hasMkfifo = spawnSync('mkfifo', ['--version']).status === 0;
if (!hasMkfifo) console.warn('FIFO tests skipped: mkfifo not found');

describe('--force never replaces FIFOs, devices or folders', () => {
  it.skipIf(!hasMkfifo)('init --force onto a FIFO: FG7200, exit 2, the FIFO stays', async () => {
    const dir = fresh();
    const target = fifo(path.join(dir, 'plan.yaml')) as string;
    const io = captureIO({ cwd: dir });
    const code = await run(['init', '--yes', '--town', '青溪镇', '--force', target], io);
    expect(code).toBe(2);
    expect(io.err()).toContain('FG7200');
    expect(lstatSync(target).isFIFO()).toBe(true);
  });

  it.skipIf(!hasMkfifo)('progress new --force onto a FIFO: FG7200, exit 2', async () => {
    const dir = fresh();
    const target = fifo(path.join(dir, 'q1.yaml')) as string;
    const io = captureIO({ cwd: dir });
    const code = await run(
      ['progress', 'new', plan, '--quarter', '2025Q1', '-o', target, '--force'],
      io,
    );
    expect(code).toBe(2);
    expect(io.err()).toContain('FG7200');
    expect(lstatSync(target).isFIFO()).toBe(true);
  });

  it('init --force onto a folder: FG7200, exit 2', async () => {
    const dir = fresh();
    mkdirSync(path.join(dir, 'plan.yaml'));
    const io = captureIO({ cwd: dir });
    const code = await run(['init', '--yes', '--town', '青溪镇', '--force', 'plan.yaml'], io);
    expect(code).toBe(2);
    expect(io.err()).toContain('FG7200');
  });

  it.skipIf(!hasMkfifo)(
    'templates eject --force with a FIFO in the way: FG4004, nothing written',
    async () => {
      const dir = fresh();
      const target = fifo(path.join(dir, 'plan.md.hbs')) as string;
      const io = captureIO({ cwd: dir });
      const code = await run(['templates', 'eject', dir, '--force'], io);
      expect(code).not.toBe(0);
      expect(io.err()).toContain('FG4004');
      expect(lstatSync(target).isFIFO()).toBe(true);
      expect(readdirSync(dir)).toEqual(['plan.md.hbs']);
    },
  );
});

describe('unusable output folders', () => {
  it.each([
    [['render', plan, '-o', '']],
    [['report', path.join(reportFixtures, 'progress-q1.yaml'), '-o', '']],
    [['export', path.join(reportFixtures, 'progress-q1.yaml'), '-o', '']],
    [['progress', 'new', plan, '--quarter', '2025Q1', '-o', '']],
    [['init', '--yes', '--town', '青溪镇', '']],
  ])('%j is a usage error (FG9100), nothing written', async (argv) => {
    const dir = fresh();
    const io = captureIO({ cwd: dir });
    expect(await run(argv, io)).toBe(2);
    expect(io.err()).toContain('FG9100');
    expect(readdirSync(dir)).toEqual([]);
  });

  it('render -o <a file> fails before the plan is even read (exit 2, FG4005)', async () => {
    const dir = fresh();
    writeFileSync(path.join(dir, 'out'), 'a file');
    // An invalid plan: with the folder checked first, its errors never show.
    writeFileSync(path.join(dir, 'bad.yaml'), 'kind: plan\ntitle: 1\n');
    const io = captureIO({ cwd: dir });
    const code = await run(['render', 'bad.yaml', '-o', 'out'], io);
    expect(code).toBe(2);
    expect(io.err()).toContain('FG4005');
    expect(io.err()).not.toMatch(/FG2\d{3}/);
    expect(readFileSync(path.join(dir, 'out'), 'utf8')).toBe('a file');
  });

  it('report -o <a file> fails with exit 2 before rendering', async () => {
    const dir = fresh();
    writeFileSync(path.join(dir, 'out'), 'a file');
    const io = captureIO({ cwd: dir });
    const code = await run(
      ['report', path.join(reportFixtures, 'progress-q1.yaml'), '-o', 'out'],
      io,
    );
    expect(code).toBe(2);
    expect(io.out() + io.err()).toContain('FG4005');
  });

  it('export -o <a file> fails with exit 2 and renders nothing', async () => {
    const dir = fresh();
    writeFileSync(path.join(dir, 'out'), 'a file');
    const io = captureIO({ cwd: dir });
    const code = await run(['export', path.join(root, 'examples/county'), '-o', 'out'], io);
    expect(code).toBe(2);
    expect(io.err()).toContain('FG4005');
    expect(io.out()).not.toContain('已生成');
  });

  const hasProc = existsSync('/proc/self');
  it.skipIf(!hasProc)('-o /proc/self/x does not hang: exit 2 with a diagnostic', async () => {
    const io = captureIO();
    const code = await Promise.race([
      run(['render', plan, '-o', '/proc/self/x'], io),
      new Promise<string>((r) => setTimeout(() => r('hung'), 15_000)),
    ]);
    expect(code).toBe(2);
    expect(io.err()).toMatch(/FG41(04|11)/);
    expect(io.err()).not.toContain('internal error');
  });
});

describe('init validates what it writes', () => {
  it('a 500-character town: exit 2, FG7201 with the validator’s reasons, nothing written', async () => {
    const dir = fresh();
    const io = captureIO({ cwd: dir });
    const town = `${'青'.repeat(499)}镇`;
    const code = await run(['init', '--yes', '--town', town, '--year', '2026'], io);
    expect(code).toBe(2);
    expect(io.err()).toContain('FG7201');
    expect(io.err()).toMatch(/\/title: .*FG2017/);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('300 units: exit 2, FG7201, nothing written', async () => {
    const dir = fresh();
    const io = captureIO({ cwd: dir, env: { LANG: 'en_US.UTF-8' } });
    const units = Array.from({ length: 300 }, (_, i) => `单位${i}`).join(',');
    const code = await run(['init', '--yes', '--town', '青溪镇', '--units', units], io);
    expect(code).toBe(2);
    expect(io.err()).toContain('would not validate');
    expect(io.err()).toMatch(/\/units: .*FG2018/);
    expect(readdirSync(dir)).toEqual([]);
  });
});

describe('validate with an unreadable sub-folder', () => {
  const tree = (): string => {
    const dir = fresh();
    cpSync(plan, path.join(dir, 'a/plan.yaml'), { recursive: true });
    cpSync(plan, path.join(dir, 'locked/plan.yaml'), { recursive: true });
    cpSync(plan, path.join(dir, 'z/plan.yaml'), { recursive: true });
    return dir;
  };

  it('collects the folder (through an injected EACCES) and still finds the others', async () => {
    const dir = tree();
    const { readdir } = await import('node:fs/promises');
    const failing = ((p: string, o: never) =>
      p.endsWith(`${path.sep}locked`)
        ? Promise.reject(Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' }))
        : readdir(p, o)) as unknown as typeof readdir;
    const unreadable: { display: string; reason: string }[] = [];
    const found = await discoverFiles(['.'], dir, 'en', { unreadable, readdir: failing });
    expect(found.map((f) => ('display' in f ? f.display : '-'))).toEqual([
      'a/plan.yaml',
      'z/plan.yaml',
    ]);
    expect(unreadable).toEqual([{ display: 'locked', reason: 'EACCES' }]);
  });

  const isRoot = process.getuid?.() === 0;
  if (isRoot) console.warn('chmod 000 validate test skipped: root reads unreadable folders');
  it.skipIf(isRoot || process.platform === 'win32')(
    'the CLI reports it (FG9003, exit 2) and validates the rest',
    async () => {
      const dir = tree();
      const { chmodSync } = await import('node:fs');
      chmodSync(path.join(dir, 'locked'), 0o000);
      try {
        const io = captureIO({ cwd: dir });
        const code = await run(['validate', '.', '--format', 'json'], io);
        expect(code).toBe(2);
        expect(io.err()).toMatch(/FG9003 .*locked.*EACCES/);
        expect(io.out()).not.toContain('internal error');
      } finally {
        chmodSync(path.join(dir, 'locked'), 0o755);
      }
    },
  );
});

/** Two towns whose counties sanitise to one roll-up name. */
function collidingCounties(dir: string, counties: [string, string]): void {
  const planText = readFileSync(path.join(reportFixtures, 'plan.yaml'), 'utf8');
  const progress = readFileSync(path.join(reportFixtures, 'progress-q1.yaml'), 'utf8');
  counties.forEach((county, i) => {
    const town = path.join(dir, `town${i}`);
    mkdirSync(path.join(town, 'progress'), { recursive: true });
    const text = planText
      .replace(/试验镇/g, `试验${i}镇`)
      .replace(/^region: .*$/m, `region: '${county}试验${i}镇'`);
    writeFileSync(path.join(town, 'plan.yaml'), text);
    writeFileSync(
      path.join(town, 'progress', '2025Q1.yaml'),
      progress.replace('plan: plan.yaml', 'plan: ../plan.yaml'),
    );
  });
}

describe('export: outputs of one batch that land on one file', () => {
  it.each([[['云:川县', '云：川县']], [['AB县', 'ab县']]])(
    '%j: both roll-ups fail with FG4106, neither is claimed written',
    async (counties) => {
      const dir = fresh();
      collidingCounties(path.join(dir, 'in'), counties as [string, string]);
      const io = captureIO({ cwd: dir });
      const code = await run(['export', 'in', '-o', 'out', '--to', 'md'], io);
      expect(code).toBe(1);
      const index = JSON.parse(readFileSync(path.join(dir, 'out/index.json'), 'utf8')) as {
        rollups: { status: string; outputs: string[]; diagnostics: { code: string }[] }[];
        reports: { status: string }[];
      };
      expect(index.reports.map((r) => r.status)).toEqual(['written', 'written']);
      expect(index.rollups.map((r) => r.status)).toEqual(['failed', 'failed']);
      expect(index.rollups.every((r) => r.outputs.length === 0)).toBe(true);
      expect(index.rollups.map((r) => r.diagnostics[0]?.code)).toEqual(['FG4106', 'FG4106']);
      expect(readdirSync(path.join(dir, 'out')).filter((f) => f.includes('汇总报告'))).toEqual([]);
    },
  );
});

describe('export: the state file cannot be written', () => {
  it('the reports, roll-up and index are still written; a warning says so (FG6102)', async () => {
    const dir = fresh();
    const out = path.join(dir, 'out');
    // Something in the way of .fangan-export.json: the rename fails as a full disk would.
    mkdirSync(path.join(out, '.fangan-export.json'), { recursive: true });
    const io = captureIO({ cwd: dir });
    const code = await run(['export', path.join(root, 'examples/county'), '-o', out], io);
    expect(io.err()).toContain('FG6102');
    expect(io.out() + io.err()).not.toContain('internal error');
    expect(code).toBe(0);
    expect(existsSync(path.join(out, 'index.json'))).toBe(true);
    expect(readdirSync(out).some((f) => f.endsWith('汇总报告.docx'))).toBe(true);
  });
});
