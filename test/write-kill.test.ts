// Issue 10: the built bin on a big export, killed (SIGKILL), interrupted (SIGINT) or racing a
// second export into the same folder. The next run must accept fangan's own files (no FG4002),
// leave no temporary file or lock behind, and the manifest must list every file it wrote.
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = process.cwd();
const bin = path.join(root, 'bin/fangan.js');
const built = existsSync(path.join(root, 'dist/export/worker.js'));
if (!built) console.warn('kill/interrupt tests skipped: dist/ not built (npm run build)');

const fixtures = path.join(root, 'test/fixtures/report');
const TOWNS = 100;

function makeBatch(dir: string, count: number): void {
  const plan = readFileSync(path.join(fixtures, 'plan.yaml'), 'utf8');
  const progress = readFileSync(path.join(fixtures, 'progress-q1.yaml'), 'utf8');
  for (let i = 1; i <= count; i++) {
    const town = path.join(dir, `town${String(i).padStart(3, '0')}`);
    mkdirSync(path.join(town, 'progress'), { recursive: true });
    writeFileSync(path.join(town, 'plan.yaml'), plan.replace(/试验镇/g, `试验${i}镇`));
    writeFileSync(
      path.join(town, 'progress', '2025Q1.yaml'),
      progress.replace('plan: plan.yaml', 'plan: ../plan.yaml'),
    );
  }
}

interface Ran {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

function start(args: string[]): { child: ChildProcess; done: Promise<Ran> } {
  const child = spawn(process.execPath, [bin, ...args], {
    env: { ...process.env, NO_COLOR: '1', CI: '1' },
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  const done = new Promise<Ran>((resolve) =>
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr })),
  );
  return { child, done };
}

const reportsIn = (out: string): number =>
  existsSync(out) ? readdirSync(out).filter((f) => f.endsWith('季度工作汇报.docx')).length : 0;

/** Waits until `count` reports are in `out` (or the child ended). */
async function waitForReports(out: string, count: number, child: ChildProcess): Promise<boolean> {
  while (child.exitCode === null && child.signalCode === null) {
    if (reportsIn(out) >= count) return true;
    await new Promise((r) => setTimeout(r, 5));
  }
  return false;
}

/** No temporary file, no lock, no journal; every output in the manifest with its real hash. */
function expectClean(out: string): void {
  const names = readdirSync(out);
  expect(names.filter((n) => /\.fangan-[0-9a-f]{12}\.tmp$/.test(n))).toEqual([]);
  expect(names).not.toContain('.fangan-lock');
  expect(names).not.toContain('.fangan-manifest.journal');
  const manifest = JSON.parse(readFileSync(path.join(out, '.fangan-manifest.json'), 'utf8')) as {
    files: Record<string, { sha256: string }>;
  };
  for (const name of names.filter((n) => !n.startsWith('.'))) {
    const hash = createHash('sha256')
      .update(readFileSync(path.join(out, name)))
      .digest('hex');
    expect(manifest.files[name]?.sha256, name).toBe(hash);
  }
}

describe.skipIf(!built)('export killed or interrupted mid-way, then run again', () => {
  const batch = mkdtempSync(path.join(tmpdir(), 'fangan-kill-in-'));
  makeBatch(batch, TOWNS);
  const exportArgs = (out: string) => ['export', batch, '-o', out, '--jobs', '1'];

  it('kill -9: the re-run takes over the lock and accepts every file (no FG4002)', async () => {
    const out = path.join(mkdtempSync(path.join(tmpdir(), 'fangan-kill-')), 'out');
    const first = start(exportArgs(out));
    const midway = await waitForReports(out, 10, first.child);
    first.child.kill('SIGKILL');
    const killed = await first.done;
    expect(midway).toBe(true);
    expect(killed.signal).toBe('SIGKILL');
    expect(reportsIn(out)).toBeLessThan(TOWNS);
    // The dead run left its lock (and perhaps a temporary file and the journal) behind.
    expect(existsSync(path.join(out, '.fangan-lock'))).toBe(true);

    const again = await start(exportArgs(out)).done;
    expect(again.stdout + again.stderr).not.toContain('FG4002');
    expect(again.stdout + again.stderr).not.toContain('FG4100');
    expect(again.code).toBe(0);
    expect(reportsIn(out)).toBe(TOWNS);
    expectClean(out);
  }, 120_000);

  it('SIGINT: exits 130 after cleaning up; what it wrote is recorded', async () => {
    const out = path.join(mkdtempSync(path.join(tmpdir(), 'fangan-int-')), 'out');
    const first = start(exportArgs(out));
    expect(await waitForReports(out, 10, first.child)).toBe(true);
    first.child.kill('SIGINT');
    const interrupted = await first.done;
    expect(interrupted.code).toBe(130);
    expect(interrupted.stderr).toContain('FG9101');
    expect(interrupted.stderr).not.toContain('internal error');
    expect(reportsIn(out)).toBeLessThan(TOWNS);
    expectClean(out);

    const again = await start(exportArgs(out)).done;
    expect(again.stdout + again.stderr).not.toContain('FG4002');
    expect(again.code).toBe(0);
    expectClean(out);
  }, 120_000);

  it('SIGTERM: exits 143', async () => {
    const out = path.join(mkdtempSync(path.join(tmpdir(), 'fangan-term-')), 'out');
    const first = start(exportArgs(out));
    expect(await waitForReports(out, 5, first.child)).toBe(true);
    first.child.kill('SIGTERM');
    const stopped = await first.done;
    expect(stopped.code).toBe(143);
    expectClean(out);
  }, 120_000);

  it('two exports into one folder: the second fails with FG4100, no entry is lost', async () => {
    const out = path.join(mkdtempSync(path.join(tmpdir(), 'fangan-two-')), 'out');
    const a = start(exportArgs(out));
    await waitForReports(out, 1, a.child);
    const b = await start(exportArgs(out)).done;
    const first = await a.done;
    expect(first.code).toBe(0);
    if (b.code !== 0) {
      // It overlapped (the usual case): refused at once, nothing rendered or written by it.
      expect(b.code).toBe(2);
      expect(b.stderr).toContain('FG4100');
    }
    expect(reportsIn(out)).toBe(TOWNS);
    expectClean(out);
  }, 120_000);
});
