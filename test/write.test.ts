import { spawn } from 'node:child_process';
import {
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  isSafeFileName,
  safeFileName,
  safeFileNames,
  MAX_NAME_BYTES,
} from '../src/write/file-name.js';
import { writeOutputs } from '../src/write/write-outputs.js';
import { testLockOwner } from './helpers/lock.js';
import { MANIFEST_NAME, readManifest, sha256, updateManifest } from '../src/write/manifest.js';

const tempDir = () => mkdtempSync(join(tmpdir(), 'fangan-write-'));

describe('bad input 21: safeFileName', () => {
  it.each([
    ['../../x', 'x'],
    ['财政局/预算科.docx', '财政局-预算科.docx'],
    ['CON', '_CON'],
    ['con.docx', '_con.docx'],
    ['报告:x.md', '报告：x.md'],
    ['..', '未命名'],
    ['.', '未命名'],
    ['a\u0000b\u0007c\u200bd', 'abcd'],
    ['方案. . ', '方案'],
    ['  方案  .docx', '方案.docx'],
    ['-rf', 'rf'],
  ])('%j -> %j', (input, expected) => {
    expect(safeFileName(input)).toBe(expected);
  });

  it('caps long Chinese names by bytes, keeping the extension and whole characters', () => {
    const name = safeFileName(`${'健'.repeat(100)}.docx`);
    expect(Buffer.byteLength(name)).toBeLessThanOrEqual(MAX_NAME_BYTES);
    expect(name).toMatch(/^健+\.docx$/);
  });

  it('makes names unique ignoring case, before the extension', () => {
    const taken = new Set<string>();
    expect(safeFileName('Report.md', taken)).toBe('Report.md');
    expect(safeFileName('report.md', taken)).toBe('report-2.md');
    expect(safeFileName('REPORT.MD', taken)).toBe('REPORT-3.md');
  });

  it('always gives one safe segment inside the folder, unique per folder', () => {
    const folder = resolve('/out/folder');
    fc.assert(
      fc.property(
        fc.array(fc.string({ unit: 'binary', maxLength: 120 }), { maxLength: 8 }),
        (names) => {
          const taken = new Set<string>();
          const results = names.map((n) => safeFileName(n, taken));
          return (
            results.every(
              (r) =>
                isSafeFileName(r) &&
                r !== '.' &&
                r !== '..' &&
                dirname(resolve(folder, r)) === folder &&
                basename(resolve(folder, r)) === r &&
                Buffer.byteLength(r) <= MAX_NAME_BYTES,
            ) && new Set(results.map((r) => r.toLowerCase())).size === results.length
          );
        },
      ),
      { numRuns: 1000 },
    );
  });
});

describe('writeOutputs', () => {
  it('writes the files and records their hashes', async () => {
    const dir = join(tempDir(), 'new', 'out');
    const result = await writeOutputs(dir, [
      { name: 'a.md', data: '# 方案\n' },
      { name: 'b.docx', data: new Uint8Array([1, 2, 3]) },
    ]);
    expect(result.diagnostics).toEqual([]);
    expect(result.written).toEqual([join(dir, 'a.md'), join(dir, 'b.docx')]);
    expect(readFileSync(join(dir, 'a.md'), 'utf8')).toBe('# 方案\n');
    const { manifest } = await readManifest(dir);
    expect(manifest.files['a.md']?.sha256).toBe(sha256('# 方案\n'));
    expect(readdirSync(dir).sort()).toEqual([MANIFEST_NAME, 'a.md', 'b.docx']);
  });

  it('overwrites its own unchanged files on the next run', async () => {
    const dir = tempDir();
    await writeOutputs(dir, [{ name: 'a.md', data: 'v1' }]);
    const second = await writeOutputs(dir, [{ name: 'a.md', data: 'v2' }]);
    expect(second.diagnostics).toEqual([]);
    expect(readFileSync(join(dir, 'a.md'), 'utf8')).toBe('v2');
  });

  it('bad input 22: a hand-edited file stops the whole write unless forced', async () => {
    const dir = tempDir();
    await writeOutputs(dir, [
      { name: 'a.md', data: 'v1' },
      { name: 'b.md', data: 'v1' },
    ]);
    writeFileSync(join(dir, 'b.md'), 'v1 plus my edits');
    const refused = await writeOutputs(
      dir,
      [
        { name: 'a.md', data: 'v2' },
        { name: 'b.md', data: 'v2' },
      ],
      { lang: 'en' },
    );
    expect(refused.written).toEqual([]);
    expect(refused.diagnostics).toMatchObject([
      { code: 'FG4001', severity: 'error', file: join(dir, 'b.md'), line: 1, column: 1 },
    ]);
    expect(refused.diagnostics[0]?.hint).toMatch(/--force/);
    // Nothing of that call was written, not even the untouched file.
    expect(readFileSync(join(dir, 'a.md'), 'utf8')).toBe('v1');
    expect(readFileSync(join(dir, 'b.md'), 'utf8')).toBe('v1 plus my edits');

    const forced = await writeOutputs(dir, [{ name: 'b.md', data: 'v2' }], { force: true });
    expect(forced.diagnostics).toEqual([]);
    expect(readFileSync(join(dir, 'b.md'), 'utf8')).toBe('v2');
  });

  it('does not overwrite a file it never wrote', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'a.md'), 'somebody else');
    const result = await writeOutputs(dir, [{ name: 'a.md', data: 'ours' }]);
    expect(result.diagnostics.map((d) => d.code)).toEqual(['FG4002']);
    expect(readFileSync(join(dir, 'a.md'), 'utf8')).toBe('somebody else');
  });

  it('treats a damaged manifest as empty and warns', async () => {
    const dir = tempDir();
    await writeOutputs(dir, [{ name: 'a.md', data: 'v1' }]);
    writeFileSync(join(dir, MANIFEST_NAME), '{not json');
    const result = await writeOutputs(dir, [{ name: 'a.md', data: 'v2' }]);
    expect(result.diagnostics.map((d) => [d.code, d.severity])).toEqual([
      ['FG4007', 'warning'],
      ['FG4002', 'error'],
    ]);
  });

  it('bad input 23: refuses a symbolic link as target, even with --force', async () => {
    const dir = tempDir();
    const victim = join(tempDir(), 'victim.txt');
    writeFileSync(victim, 'precious');
    symlinkSync(victim, join(dir, 'a.md'));
    const result = await writeOutputs(dir, [{ name: 'a.md', data: 'x' }], { force: true });
    expect(result.diagnostics.map((d) => d.code)).toEqual(['FG4003']);
    expect(readFileSync(victim, 'utf8')).toBe('precious');
    expect(lstatSync(join(dir, 'a.md')).isSymbolicLink()).toBe(true);
  });

  it('bad input 23: refuses a symbolic link as the output folder', async () => {
    const real = tempDir();
    const link = join(tempDir(), 'out');
    symlinkSync(real, link);
    const result = await writeOutputs(link, [{ name: 'a.md', data: 'x' }]);
    expect(result.diagnostics.map((d) => d.code)).toEqual(['FG4011']);
    expect(readdirSync(real)).toEqual([]);
  });

  it('refuses a folder where a file should go', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'a.md'));
    const result = await writeOutputs(dir, [{ name: 'a.md', data: 'x' }]);
    expect(result.diagnostics.map((d) => d.code)).toEqual(['FG4004']);
  });

  it('rejects unsafe names as a programming error', async () => {
    await expect(writeOutputs(tempDir(), [{ name: '../x', data: '' }])).rejects.toThrow(
      /safeFileName/,
    );
  });

  it('keeps input hashes for the batch exporter', async () => {
    const dir = tempDir();
    await writeOutputs(dir, [{ name: 'r.md', data: 'r' }], {
      inputs: { 'r.md': { 'p.yaml': 'abc' } },
    });
    await updateManifest(dir, { 'x.md': { sha256: 'def' } });
    const { manifest } = await readManifest(dir);
    expect(manifest.files['r.md']).toEqual({ sha256: sha256('r'), inputs: { 'p.yaml': 'abc' } });
    expect(manifest.files['x.md']).toEqual({ sha256: 'def' });
  });
});

describe('bad input 24: a crash mid-write leaves the old file intact', () => {
  it('SIGKILL while a big file is being written', async () => {
    const dir = tempDir();
    const target = join(dir, 'big.docx');
    const old = 'the old, complete document\n';
    await writeOutputs(dir, [{ name: 'big.docx', data: old }]);
    // A child process writes 256 MiB; we kill it as soon as its temporary file appears.
    let killedMidWrite = false;
    for (let attempt = 0; attempt < 3 && !killedMidWrite; attempt++) {
      killedMidWrite = await killDuringWrite(dir, 'big.docx', 256 << 20);
    }
    expect(killedMidWrite).toBe(true);
    expect(readFileSync(target, 'utf8')).toBe(old);
    expect(readdirSync(dir).some((n) => n.startsWith('.big.docx.fangan-'))).toBe(true);
    // The next run takes over the dead writer's lock, removes its temporary file and still
    // recognises the file as ours and replaces it.
    const next = await writeOutputs(dir, [{ name: 'big.docx', data: 'new' }], {
      lock: testLockOwner,
    });
    expect(next.diagnostics).toEqual([]);
    expect(readFileSync(target, 'utf8')).toBe('new');
    expect(readdirSync(dir).filter((n) => n.startsWith('.big.docx.fangan-'))).toEqual([]);
    expect(readdirSync(dir).sort()).toEqual(['.fangan-manifest.json', 'big.docx']);
  });
});

/**
 * Runs the real writer (TypeScript source, through vite-node) in a child process and SIGKILLs it
 * once its temporary file exists. True when the kill landed mid-write (the temp file is left).
 */
async function killDuringWrite(dir: string, name: string, size: number): Promise<boolean> {
  const child = spawn(
    process.execPath,
    [
      new URL('../node_modules/vite-node/vite-node.mjs', import.meta.url).pathname,
      new URL('./fixtures/render/write-big.ts', import.meta.url).pathname,
      dir,
      name,
      String(size),
    ],
    { stdio: 'ignore' },
  );
  const exited = new Promise((r) => child.on('exit', r));
  const tempExists = () => readdirSync(dir).some((n) => n.startsWith(`.${name}.fangan-`));
  let sawTemp = false;
  while (child.exitCode === null && child.signalCode === null) {
    if (tempExists()) {
      sawTemp = true;
      child.kill('SIGKILL');
      break;
    }
    await new Promise((r) => setTimeout(r, 1));
  }
  await exited;
  return sawTemp && tempExists();
}

describe('safeFileNames: one document in several formats', () => {
  it('gives every format the same stem, even when a long name must be cut', () => {
    const stem = `2025Q1-${'很长的乡镇名称'.repeat(10)}-季度工作汇报`;
    const [docx, md] = safeFileNames(stem, ['docx', 'md']);
    expect(docx?.endsWith('.docx') && md?.endsWith('.md')).toBe(true);
    expect(docx?.slice(0, -'.docx'.length)).toBe(md?.slice(0, -'.md'.length));
    expect(Buffer.byteLength(docx ?? '')).toBeLessThanOrEqual(MAX_NAME_BYTES);
    expect([docx, md].every((n) => isSafeFileName(n ?? ''))).toBe(true);
  });

  it('moves all formats to -2 together when any of them is taken', () => {
    const taken = new Set(['报告.md']);
    expect(safeFileNames('报告', ['docx', 'md'], taken)).toEqual(['报告-2.docx', '报告-2.md']);
    expect(taken.has('报告-2.docx') && taken.has('报告-2.md')).toBe(true);
  });
});
