/**
 * exceljs is big; only export-table and progress import may load it. A child process runs the
 * built CLI in-process and reports which exceljs modules Node's CommonJS cache holds afterwards.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const repo = process.cwd();
const built = existsSync(path.join(repo, 'dist/cli/commands/table-run.js'));
if (!built) console.warn('table-lazy: dist/ not built, skipping (run `npm run build`)');
const work = mkdtempSync(path.join(tmpdir(), 'fangan-lazy-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Runs the given CLI argument lists one after another, then counts loaded exceljs modules. */
function loadedAfter(...runs: string[][]): { count: number; codes: number[] } {
  const script = `
    import { createRequire } from 'node:module';
    import { Readable } from 'node:stream';
    const { run } = await import(${JSON.stringify(pathToFileURL(path.join(repo, 'dist/cli/main.js')).href)});
    const sink = { write: () => true };
    const io = { stdout: sink, stderr: sink, stdin: Readable.from([]), env: {}, cwd: ${JSON.stringify(work)} };
    const codes = [];
    for (const argv of ${JSON.stringify(runs)}) codes.push(await run(argv, io));
    const cache = Object.keys(createRequire(import.meta.url).cache);
    console.log(JSON.stringify({ count: cache.filter((k) => k.includes('/node_modules/exceljs/')).length, codes }));
  `;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
    encoding: 'utf8',
    cwd: repo,
  });
  expect(r.stderr).toBe('');
  return JSON.parse(r.stdout.trim().split('\n').pop() ?? '{}') as {
    count: number;
    codes: number[];
  };
}

describe.skipIf(!built)('exceljs is loaded lazily', () => {
  const plan = path.join(repo, 'examples/qingxi/plan.yaml');

  it('not by --version, --help or validate', () => {
    const r = loadedAfter(['--version'], ['validate', plan], ['progress', 'import', '--help']);
    expect(r.codes).toEqual([0, 0, 0]);
    expect(r.count).toBe(0);
  });

  it('but by export-table (so the check above can see it)', () => {
    const r = loadedAfter(['export-table', plan, '-o', path.join(work, 'plan.xlsx')]);
    expect(r.codes).toEqual([0]);
    expect(r.count).toBeGreaterThan(0);
  });
});
