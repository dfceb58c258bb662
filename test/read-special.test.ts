/**
 * Special files named as a plan, as a progress file's `plan:`, or fed on standard input: refused
 * with a diagnostic, never a hang. The spawned-bin tests run with a timeout so that a regression
 * (an open() waiting for a FIFO writer) fails the test instead of hanging the suite.
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateFile } from '../src/validate/index.js';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = path.join(repo, 'bin/fangan.js');
const built = existsSync(path.join(repo, 'dist/cli/main.js'));
const progressExample = path.join(repo, 'examples/qingxi/progress/2025Q1.yaml');

const dir = mkdtempSync(path.join(tmpdir(), 'fangan-special-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let haveFifo = false;
const fifo = path.join(dir, 'pipe.yaml');
/** A copy of the Q1 example progress file whose `plan:` is `target`. */
const progressNaming = (name: string, target: string): string => {
  const file = path.join(dir, name);
  const text = readFileSync(progressExample, 'utf8').replace(/^plan: .*$/m, `plan: ${target}`);
  writeFileSync(file, text);
  return file;
};

beforeAll(() => {
  try {
    execFileSync('mkfifo', [fifo]);
    haveFifo = true;
  } catch {
    haveFifo = false; // no mkfifo (Windows): the FIFO tests skip
  }
  mkdirSync(path.join(dir, 'folder.yaml'));
});

describe('validateFile on special files', () => {
  it('refuses a FIFO as a plan with FG1200', async (ctx) => {
    if (!haveFifo) ctx.skip();
    const r = await validateFile(fifo, { lang: 'en' });
    expect(r.diagnostics).toMatchObject([{ code: 'FG1200', line: 1, column: 1 }]);
  });

  it('refuses a FIFO as the plan: target with FG2210 on plan:', async (ctx) => {
    if (!haveFifo) ctx.skip();
    const r = await validateFile(progressNaming('fifo-progress.yaml', 'pipe.yaml'), {
      lang: 'en',
    });
    const planDiag = r.diagnostics.find((d) => d.pointer === '/plan');
    expect(planDiag).toMatchObject({ code: 'FG2210', line: 4 });
    expect(planDiag?.message).toContain('FIFO');
  });

  it('refuses a folder and /dev/zero as the plan: target', async () => {
    const folder = await validateFile(progressNaming('dir-progress.yaml', 'folder.yaml'), {
      lang: 'en',
    });
    expect(folder.diagnostics.find((d) => d.pointer === '/plan')).toMatchObject({
      code: 'FG2210',
    });
    if (!existsSync('/dev/zero')) return;
    const zero = await validateFile(progressNaming('zero-progress.yaml', '/dev/zero'), {
      lang: 'en',
    });
    const d = zero.diagnostics.find((x) => x.pointer === '/plan');
    expect(d).toMatchObject({ code: 'FG2210' });
    expect(d?.message).toContain('character device');
  });
});

if (!built) console.warn('read-special: dist/ not built, skipping the spawned-bin tests');

describe.skipIf(!built)('the built bin on special files', () => {
  const run = (args: string[], input?: string | Buffer) =>
    spawnSync(process.execPath, [bin, ...args], {
      cwd: dir,
      env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '' },
      encoding: 'utf8',
      timeout: 20_000,
      maxBuffer: 16 * 1024 * 1024,
      ...(input === undefined ? {} : { input }),
    });

  it('validate: a progress file whose plan: is a FIFO finishes with exit 1', (ctx) => {
    if (!haveFifo) ctx.skip();
    progressNaming('cli-fifo.yaml', 'pipe.yaml');
    const r = run(['validate', '--lang', 'en', 'cli-fifo.yaml']);
    expect(r.signal).toBeNull(); // not killed by the timeout
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('FG2210');
  });

  it('render: a FIFO as the plan finishes with exit 1 and FG1200', (ctx) => {
    if (!haveFifo) ctx.skip();
    const r = run(['render', '--lang', 'en', 'pipe.yaml', '-o', 'out']);
    expect(r.signal).toBeNull();
    expect(r.status).toBe(1);
    expect(r.stdout + r.stderr).toContain('FG1200');
    expect(existsSync(path.join(dir, 'out', 'pipe.docx'))).toBe(false);
  });

  it('validate -: standard input over the size limit is FG1201, exit 1', () => {
    const big = Buffer.alloc(6 * 1024 * 1024, 0x61);
    const r = run(['validate', '-f', 'json', '--lang', 'en', '-'], big);
    expect(r.status).toBe(1);
    const [result] = JSON.parse(r.stdout) as { diagnostics: { code: string }[] }[];
    expect(result?.diagnostics.map((d) => d.code)).toEqual(['FG1201']);
  });

  it('validate -: an endless producer on standard input is cut off, the command ends', async () => {
    const child = spawn(process.execPath, [bin, 'validate', '-f', 'json', '-'], {
      cwd: dir,
      env: { ...process.env, NO_COLOR: '1' },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString('utf8')));
    const chunk = Buffer.alloc(64 * 1024, 0x61);
    let writing = true;
    child.stdin.on('error', () => (writing = false)); // EPIPE once fangan stops reading
    const pump = () => {
      while (writing && child.stdin.write(chunk));
      if (writing) child.stdin.once('drain', pump);
    };
    pump();
    const killer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    const [code, signal] = await new Promise<[number | null, string | null]>((resolve) =>
      child.on('exit', (c, s) => resolve([c, s])),
    );
    clearTimeout(killer);
    writing = false;
    child.stdin.destroy();
    expect(signal).toBeNull();
    expect(code).toBe(1);
    expect(out).toContain('FG1201');
  }, 40_000);
});
