import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ManifestStore, readLayout, readManifestStore } from '../src/write/manifest-store.js';
import { MANIFEST_NAME, readManifest, sha256, type ManifestEntry } from '../src/write/manifest.js';
import { OutputWriter, writeOutputs } from '../src/write/write-outputs.js';
import { nodeFs } from '../src/write/fs.js';
import { testLockOwner } from './helpers/lock.js';

const tempDir = () => mkdtempSync(join(tmpdir(), 'fangan-store-'));

/** The serializer OutputWriter used before the compact store: the reference for its bytes. */
function oldSerializer(files: Record<string, ManifestEntry>): string {
  const names = Object.keys(files)
    .filter((n) => files[n])
    .sort();
  if (names.length === 0) return '{\n  "version": 1,\n  "files": {}\n}\n';
  let text = '{\n  "version": 1,\n  "files": {\n';
  names.forEach((name, i) => {
    const entry = JSON.stringify(files[name], null, 2).replace(/\n/g, '\n    ');
    text += `    ${JSON.stringify(name)}: ${entry}${i < names.length - 1 ? ',' : ''}\n`;
  });
  return `${text}  }\n}\n`;
}

const hex = (i: number): string => sha256(`file ${i}`);

/** Entries of every kind the manifest can hold: plain, with inputs, odd hashes, odd names. */
function awkwardFiles(): Record<string, ManifestEntry> {
  const files = Object.create(null) as Record<string, ManifestEntry>;
  const names = [
    '__proto__',
    'constructor',
    'hasOwnProperty',
    '引号"与\\反斜杠.md',
    'tab\there\nnewline\u0001ctl.md',
    'lone \ud800 surrogate.md',
    '表情😀.docx',
    '',
    ' ',
    '"',
    '": {',
    '2025Q1-青溪镇-季度工作汇报.docx',
  ];
  names.forEach((name, i) => (files[name] = { sha256: hex(i) }));
  files['with-inputs.md'] = { sha256: hex(100), inputs: { 'a/p.yaml': hex(101), '"q"': 'x' } };
  files['empty-inputs.md'] = { sha256: hex(102), inputs: {} };
  files['upper.md'] = { sha256: hex(103).toUpperCase() };
  files['short.md'] = { sha256: 'abc' };
  files['extra-key.md'] = { sha256: hex(104), note: '手工添加' } as ManifestEntry;
  return files;
}

async function layoutOf(text: string): Promise<ManifestStore | undefined> {
  const path = join(tempDir(), MANIFEST_NAME);
  writeFileSync(path, text);
  const handle = await open(path, 'r');
  try {
    return await readLayout(handle);
  } finally {
    await handle.close();
  }
}

async function storeOf(text: string): Promise<ManifestStore | undefined> {
  const path = join(tempDir(), MANIFEST_NAME);
  writeFileSync(path, text);
  return readManifestStore(path, nodeFs);
}

/** A manifest of `count` entries in our layout, names of varying byte length so lines straddle chunks. */
function bigFiles(count: number): Record<string, ManifestEntry> {
  const files = Object.create(null) as Record<string, ManifestEntry>;
  for (let i = 0; i < count; i++) {
    const name = `2025Q${(i % 4) + 1}-青溪${i}镇${'办'.repeat(i % 13)}-季度工作汇报${i % 11 === 0 ? '"\\' : ''}.docx`;
    files[name] =
      i % 97 === 0
        ? { sha256: hex(i), inputs: { [`t${i}/plan.yaml`]: hex(-i) } }
        : { sha256: hex(i) };
  }
  return files;
}

describe('the compact manifest store', () => {
  it('writes the bytes of the old serializer, for every kind of entry and name', () => {
    const files = awkwardFiles();
    const text = [...ManifestStore.fromFiles(files).pieces()].join('');
    expect(text).toBe(oldSerializer(files));
    const sorted = Object.create(null) as Record<string, ManifestEntry>;
    for (const k of Object.keys(files).sort()) sorted[k] = files[k] as ManifestEntry;
    expect(text).toBe(`${JSON.stringify({ version: 1, files: sorted }, null, 2)}\n`);
    expect([...new ManifestStore().pieces()].join('')).toBe(oldSerializer({}));
  });

  it('gives back each entry as it was set, and the last set wins', () => {
    const files = awkwardFiles();
    const store = ManifestStore.fromFiles(files);
    for (const name of Object.keys(files)) {
      expect(store.get(name), name).toEqual(files[name]);
      expect(store.sha256Of(name)).toBe(files[name]?.sha256);
    }
    expect(store.get('toString')).toBeUndefined();
    expect(store.sha256Of('toString')).toBeUndefined();
    // A plain entry replaced by one with inputs, and back; the slot is reused.
    store.set('__proto__', { sha256: hex(7), inputs: { a: 'b' } });
    expect(store.get('__proto__')).toEqual({ sha256: hex(7), inputs: { a: 'b' } });
    store.set('__proto__', { sha256: hex(8) });
    store.set('__proto__', { sha256: hex(9) });
    expect(store.get('__proto__')).toEqual({ sha256: hex(9) });
    store.delete('__proto__');
    expect(store.has('__proto__')).toBe(false);
    expect(store.size).toBe(Object.keys(files).length - 1);
  });

  it('reads its own layout entry by entry, to what JSON.parse gives', async () => {
    const files = awkwardFiles();
    const text = oldSerializer(files);
    const streamed = await layoutOf(text);
    expect(streamed, 'our layout is streamed').toBeDefined();
    const parsed = (JSON.parse(text) as { files: Record<string, ManifestEntry> }).files;
    expect(streamed?.toFiles()).toEqual({ ...parsed });
    expect(Object.keys(streamed?.toFiles() ?? {}).sort()).toEqual(Object.keys(parsed).sort());
    expect([...(streamed as ManifestStore).pieces()].join('')).toBe(text);
    for (const empty of [{}, Object.create(null) as Record<string, ManifestEntry>]) {
      expect((await layoutOf(oldSerializer(empty)))?.size).toBe(0);
    }
  });

  it('streams a manifest of 50,000 entries (lines cut by chunk ends) to what JSON.parse gives', async () => {
    const files = bigFiles(50_000);
    const text = oldSerializer(files);
    expect(Buffer.byteLength(text)).toBeGreaterThan(20 * 64 * 1024);
    const streamed = await layoutOf(text);
    expect(streamed?.size).toBe(50_000);
    const parsed = (JSON.parse(text) as { files: Record<string, ManifestEntry> }).files;
    const got = (streamed as ManifestStore).toFiles();
    for (const name of Object.keys(parsed)) expect(got[name], name).toEqual(parsed[name]);
    expect([...(streamed as ManifestStore).pieces()].join('')).toBe(text);
  });

  it('leaves any other layout to JSON.parse: re-indented, minified, no final newline, CRLF', async () => {
    const files = awkwardFiles();
    const expected = { ...(JSON.parse(oldSerializer(files)) as { files: object }).files };
    const variants = [
      `${JSON.stringify({ version: 1, files }, null, 4)}\n`,
      JSON.stringify({ files, version: 1 }),
      oldSerializer(files).slice(0, -1),
      oldSerializer(files).replace(/\n/g, '\r\n'),
      `${oldSerializer(files)}\n`,
    ];
    for (const text of variants) {
      expect(await layoutOf(text), text.slice(0, 30)).toBeUndefined();
      expect((await storeOf(text))?.toFiles(), text.slice(0, 30)).toEqual(expected);
    }
  });

  it('reads a big minified manifest (one long line) through JSON.parse', async () => {
    const files = bigFiles(3000);
    const text = JSON.stringify({ version: 1, files });
    expect(text.length).toBeGreaterThan(64 * 1024);
    expect(await layoutOf(text)).toBeUndefined();
    expect((await storeOf(text))?.toFiles()).toEqual({ ...files });
  });

  it('calls a damaged manifest damaged, however close to our layout it looks', async () => {
    const text = oldSerializer(bigFiles(300));
    const lines = text.split('\n');
    const damaged = [
      text.slice(0, Math.floor(text.length / 2)),
      `${text}x\n`,
      // A trailing comma after the last entry.
      lines.map((l, i) => (i === lines.length - 4 ? `${l},` : l)).join('\n'),
      // A missing comma between two entries.
      text.replace(/\},\n/, '}\n'),
      text.replace(/("sha256": ")[0-9a-f]{64}"\n/, '$1""\n'),
      text.replace(/("sha256": )"[0-9a-f]{64}"\n/, (_, head: string) => `${head}42\n`),
      text.replace('"version": 1', '"version": 2'),
      text.replace(/: \{\n {6}"sha256"/, ': {\n      "sha256": 1,\n      "x"'),
      '',
      '{not json',
    ];
    for (const bad of damaged) expect(await storeOf(bad), bad.slice(-60)).toBeUndefined();
    // Not a hex hash, but a string: a manifest all the same, as JSON.parse reads it.
    const odd = text.replace(/("sha256": ")[0-9a-f]{64}/, '$1 not hex ');
    expect((await storeOf(odd))?.toFiles()).toEqual({
      ...(JSON.parse(odd) as { files: object }).files,
    });
  });
});

describe('OutputWriter with the compact store', () => {
  it('records every file, and a re-opened folder knows each one (round trip)', async () => {
    const dir = tempDir();
    const files = Array.from({ length: 3000 }, (_, i) => ({
      name: i === 0 ? '__proto__' : `2025Q1-青溪${i}镇-季度工作汇报.md`,
      data: `report ${i}\n`,
    }));
    const writer = new OutputWriter(dir, { concurrency: 4, lock: testLockOwner });
    const results = await Promise.all(
      Array.from({ length: 30 }, (_, k) => writer.write(files.slice(k * 100, (k + 1) * 100))),
    );
    expect(results.flatMap((r) => r.diagnostics)).toEqual([]);
    expect(await writer.close()).toEqual([]);

    const text = readFileSync(join(dir, MANIFEST_NAME), 'utf8');
    const entries = Object.create(null) as Record<string, ManifestEntry>;
    for (const f of files) entries[f.name] = { sha256: sha256(f.data) };
    expect(text).toBe(oldSerializer(entries));
    const { manifest, damaged } = await readManifest(dir);
    expect(damaged).toBe(false);
    for (const f of files) expect(manifest.files[f.name]?.sha256, f.name).toBe(sha256(f.data));

    // Re-opened: files we wrote are ours (no FG4001/FG4002); a hand edit is still caught.
    writeFileSync(join(dir, files[5]?.name as string), 'edited by hand');
    const again = new OutputWriter(dir, { lock: testLockOwner });
    const rewritten = await again.write(files.slice(0, 5).map((f) => ({ ...f, data: 'v2' })));
    expect(rewritten.diagnostics).toEqual([]);
    const refused = await again.write([{ name: files[5]?.name as string, data: 'v2' }]);
    expect(refused.diagnostics.map((d) => d.code)).toEqual(['FG4001']);
    expect(await again.close()).toEqual([]);
    const after = (await readManifest(dir)).manifest.files;
    expect(after['__proto__']?.sha256).toBe(sha256('v2'));
    expect(after[files[5]?.name as string]?.sha256).toBe(sha256(files[5]?.data as string));
    expect(after[files[6]?.name as string]?.sha256).toBe(sha256(files[6]?.data as string));
  });

  it('keeps entries with inputs and hand-edited layouts, and rewrites them in our layout', async () => {
    const dir = tempDir();
    await writeOutputs(dir, [{ name: 'r.md', data: 'r' }], {
      inputs: { 'r.md': { 'p.yaml': 'abc' } },
      lock: testLockOwner,
    });
    const path = join(dir, MANIFEST_NAME);
    // Re-indented by hand: read through JSON.parse, still ours.
    writeFileSync(path, JSON.stringify(JSON.parse(readFileSync(path, 'utf8')), null, '\t'));
    const result = await writeOutputs(dir, [{ name: 's.md', data: 's' }], { lock: testLockOwner });
    expect(result.diagnostics).toEqual([]);
    expect(readFileSync(path, 'utf8')).toBe(
      oldSerializer({
        'r.md': { sha256: sha256('r'), inputs: { 'p.yaml': 'abc' } },
        's.md': { sha256: sha256('s') },
      }),
    );
  });

  it('warns FG4007 for a FIFO in place of the manifest, without waiting for a writer', async () => {
    const dir = tempDir();
    await writeOutputs(dir, [{ name: 'a.md', data: 'v1' }], { lock: testLockOwner });
    const path = join(dir, MANIFEST_NAME);
    unlinkSync(path);
    const made = spawnSync('mkfifo', [path]);
    if (made.status !== 0) {
      console.warn('FIFO manifest test skipped: mkfifo is not available here');
      return;
    }
    const result = await writeOutputs(dir, [{ name: 'a.md', data: 'v2' }], {
      lock: testLockOwner,
    });
    expect(result.diagnostics.map((d) => d.code)).toEqual(['FG4007', 'FG4002']);
  });

  it('warns FG4007 for a damaged manifest or a symbolic link in its place', async () => {
    for (const spoil of ['truncate', 'symlink'] as const) {
      const dir = tempDir();
      await writeOutputs(dir, [{ name: 'a.md', data: 'v1' }], { lock: testLockOwner });
      const path = join(dir, MANIFEST_NAME);
      if (spoil === 'truncate') writeFileSync(path, readFileSync(path, 'utf8').slice(0, -8));
      else {
        const elsewhere = join(tempDir(), 'm.json');
        writeFileSync(elsewhere, readFileSync(path));
        unlinkSync(path);
        symlinkSync(elsewhere, path);
      }
      const result = await writeOutputs(dir, [{ name: 'a.md', data: 'v2' }], {
        lock: testLockOwner,
      });
      expect(
        result.diagnostics.map((d) => d.code),
        spoil,
      ).toEqual(['FG4007', 'FG4002']);
      expect(readFileSync(join(dir, 'a.md'), 'utf8')).toBe('v1');
    }
  });
});
