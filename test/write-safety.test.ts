// Issue 10, "Write and export": all-or-nothing calls, the write-ahead journal, the folder lock,
// stale temporary files and collisions inside one batch.
import { spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeOutputs, OutputWriter } from '../src/write/write-outputs.js';
import { MANIFEST_NAME, readManifest, sha256 } from '../src/write/manifest.js';
import { JOURNAL_NAME, JournalWriter, readJournal } from '../src/write/journal.js';
import { LOCK_NAME } from '../src/write/lock.js';
import { nodeFs, type WriteFs } from '../src/write/fs.js';
import { testLockOwner } from './helpers/lock.js';

const tempDir = () => mkdtempSync(join(tmpdir(), 'fangan-wsafe-'));
const errno = (code: string): NodeJS.ErrnoException =>
  Object.assign(new Error(`${code}: injected`), { code });

/** Everything in `dir`, with the bytes of each file: a snapshot to compare before and after. */
const snapshot = (dir: string): Record<string, string> =>
  Object.fromEntries(
    readdirSync(dir)
      .sort()
      .map((n) => [
        n,
        statSync(join(dir, n)).isDirectory() ? '<folder>' : readFileSync(join(dir, n), 'latin1'),
      ]),
  );

/** A seam that fails the `nth` (1-based) call of `op` whose path matches `test`. */
function failing(op: 'open' | 'rename', nth: number, code: string, test = /./): WriteFs {
  let seen = 0;
  const fs: WriteFs = { ...nodeFs };
  const original = nodeFs[op] as (...args: unknown[]) => Promise<unknown>;
  (fs as unknown as Record<string, unknown>)[op] = (...args: unknown[]) => {
    if (test.test(String(args[0])) && ++seen === nth) return Promise.reject(errno(code));
    return original(...args);
  };
  return fs;
}

async function firstRun(dir: string): Promise<Record<string, string>> {
  const first = await writeOutputs(dir, [
    { name: 'a.docx', data: 'old docx' },
    { name: 'a.md', data: 'old md' },
  ]);
  expect(first.diagnostics).toEqual([]);
  return snapshot(dir);
}

describe('a call writes all its files or none', () => {
  it('disk full while staging the second file: neither file nor the manifest changes', async () => {
    const dir = tempDir();
    const before = await firstRun(dir);
    // The second temporary file cannot be created: the disk is full.
    const fs = failing('open', 2, 'ENOSPC', /\.fangan-[0-9a-f]+\.tmp$/);
    const result = await writeOutputs(
      dir,
      [
        { name: 'a.docx', data: 'new docx' },
        { name: 'a.md', data: 'new md' },
      ],
      { fs },
    );
    expect(result.written).toEqual([]);
    expect(result.diagnostics.map((d) => d.code)).toEqual(['FG4101']);
    expect(result.diagnostics[0]?.message).toBe('写入“a.md”失败：磁盘空间不足');
    // Same files, same bytes, no temporary file, no journal, no lock left.
    expect(snapshot(dir)).toEqual(before);
  });

  it('a failing rename puts back what the earlier renames replaced', async () => {
    const dir = tempDir();
    const before = await firstRun(dir);
    const fs = failing('rename', 2, 'EIO', /\.tmp$/);
    const result = await writeOutputs(
      dir,
      [
        { name: 'a.docx', data: 'new docx' },
        { name: 'a.md', data: 'new md' },
        { name: 'b.md', data: 'brand new' },
      ],
      { fs },
    );
    expect(result.written).toEqual([]);
    expect(result.diagnostics.map((d) => d.code)).toEqual(['FG4110']);
    expect(result.diagnostics[0]?.message).toBe('写入“a.md”失败：EIO: injected');
    expect(snapshot(dir)).toEqual(before);
  });

  it('a directory in the way of the second file: nothing is written', async () => {
    const dir = tempDir();
    const before = await firstRun(dir);
    mkdirSync(join(dir, 'c.md'));
    const result = await writeOutputs(dir, [
      { name: 'c.docx', data: 'x' },
      { name: 'c.md', data: 'x' },
    ]);
    expect(result.diagnostics.map((d) => d.code)).toEqual(['FG4004']);
    expect(existsSync(join(dir, 'c.docx'))).toBe(false);
    expect(snapshot(dir)).toEqual({ ...before, 'c.md': '<folder>' });
  });
});

describe('the manifest journal', () => {
  it('files renamed before the manifest could be saved stay ours (no FG4002 next time)', async () => {
    const dir = tempDir();
    await firstRun(dir);
    // Disk full exactly when the manifest is rewritten at the end.
    const fs = failing('rename', 1, 'ENOSPC', new RegExp(`${MANIFEST_NAME}\\.fangan-`));
    const result = await writeOutputs(
      dir,
      [
        { name: 'a.md', data: 'v2' },
        { name: 'new.md', data: 'fresh' },
      ],
      { fs },
    );
    expect(result.written).toHaveLength(2);
    expect(result.diagnostics.map((d) => [d.code, d.severity])).toEqual([['FG4107', 'warning']]);
    expect(existsSync(join(dir, JOURNAL_NAME))).toBe(true);
    expect(JSON.parse(readFileSync(join(dir, MANIFEST_NAME), 'utf8')).files['new.md']).toBe(
      undefined,
    );
    // The next run reads the journal: both files are recognised and replaced without --force.
    const next = await writeOutputs(dir, [
      { name: 'a.md', data: 'v3' },
      { name: 'new.md', data: 'fresh 2' },
    ]);
    expect(next.diagnostics).toEqual([]);
    expect(readFileSync(join(dir, 'new.md'), 'utf8')).toBe('fresh 2');
    // …and folds it into the manifest.
    expect(existsSync(join(dir, JOURNAL_NAME))).toBe(false);
    const { manifest } = await readManifest(dir);
    expect(manifest.files['new.md']?.sha256).toBe(sha256('fresh 2'));
  });

  it('keeps the recorded hash that matches the disk, so a write that never renamed is harmless', async () => {
    const dir = tempDir();
    await firstRun(dir);
    // A run recorded a.md = "never renamed" and died before the rename.
    const journal = new JournalWriter(dir);
    await journal.append([{ name: 'a.md', sha256: sha256('never renamed') }]);
    await journal.close();
    const { manifest } = await readManifest(dir);
    expect(manifest.files['a.md']?.sha256).toBe(sha256('old md'));
    // A hand edit is still a hand edit.
    writeFileSync(join(dir, 'a.md'), 'edited by hand');
    const refused = await writeOutputs(dir, [{ name: 'a.md', data: 'v2' }]);
    expect(refused.diagnostics.map((d) => d.code)).toEqual(['FG4001']);
  });

  it('ignores a torn last line and cuts it before the next append', async () => {
    const dir = tempDir();
    const good = JSON.stringify({ name: 'x.md', sha256: sha256('x') });
    writeFileSync(join(dir, JOURNAL_NAME), `${good}\n{"name":"y.md","sha2`);
    expect(await readJournal(dir)).toEqual([{ name: 'x.md', sha256: sha256('x') }]);
    const journal = new JournalWriter(dir);
    await journal.append([{ name: 'z.md', sha256: sha256('z') }]);
    await journal.close();
    expect((await readJournal(dir)).map((l) => l.name)).toEqual(['x.md', 'z.md']);
  });
});

describe('the folder lock and stale temporary files', () => {
  it('a second writer into a locked folder fails with FG4100 and writes nothing', async () => {
    const dir = tempDir();
    const first = new OutputWriter(dir, { lock: testLockOwner });
    expect(await first.ready()).toEqual([]);
    const second = await writeOutputs(dir, [{ name: 'x.md', data: 'x' }], {
      lock: testLockOwner,
      lang: 'en',
    });
    expect(second.diagnostics.map((d) => d.code)).toEqual(['FG4100']);
    expect(second.diagnostics[0]?.message).toContain(`pid ${process.pid}`);
    expect(existsSync(join(dir, 'x.md'))).toBe(false);
    await first.close();
    expect(existsSync(join(dir, LOCK_NAME))).toBe(false);
    expect((await writeOutputs(dir, [{ name: 'x.md', data: 'x' }])).diagnostics).toEqual([]);
  });

  it('takes over the lock of a process that is gone', async () => {
    const dir = tempDir();
    const gone = spawnSync(process.execPath, ['-e', 'console.log(process.pid)'], {
      encoding: 'utf8',
    });
    const pid = Number(gone.stdout.trim());
    const { hostname } = await import('node:os');
    writeFileSync(join(dir, LOCK_NAME), `${JSON.stringify({ pid, host: hostname() })}\n`);
    const result = await writeOutputs(dir, [{ name: 'x.md', data: 'x' }], { lock: testLockOwner });
    expect(result.diagnostics).toEqual([]);
    expect(existsSync(join(dir, LOCK_NAME))).toBe(false);
  });

  it('removes temporary files an interrupted run left behind', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, '.a.md.fangan-0123456789ab.tmp'), 'half');
    writeFileSync(join(dir, '.fangan-manifest.json.fangan-ba9876543210.tmp'), '{');
    writeFileSync(join(dir, '.keep.tmp'), 'not ours');
    const result = await writeOutputs(dir, [{ name: 'a.md', data: 'x' }]);
    expect(result.diagnostics).toEqual([]);
    expect(readdirSync(dir).sort()).toEqual([MANIFEST_NAME, '.keep.tmp', 'a.md'].sort());
  });

  it('an output folder that is a file fails at once, before any write', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'out'), 'a file');
    const writer = new OutputWriter(join(dir, 'out'));
    expect((await writer.ready()).map((d) => d.code)).toEqual(['FG4005']);
    await writer.close();
  });

  it('a folder it created and wrote nothing into is removed again', async () => {
    const dir = join(tempDir(), 'new');
    const writer = new OutputWriter(dir);
    expect(await writer.ready()).toEqual([]);
    await writer.close();
    expect(existsSync(dir)).toBe(false);
  });
});

describe('collisions inside one batch', () => {
  it('refuses a second output whose name differs only in case, keeping the first', async () => {
    const dir = tempDir();
    const writer = new OutputWriter(dir, { lang: 'en' });
    const first = await writer.write([{ name: 'AB县.md', data: 'first' }]);
    const second = await writer.write([{ name: 'ab县.md', data: 'second' }]);
    await writer.close();
    expect(first.diagnostics).toEqual([]);
    expect(second.written).toEqual([]);
    expect(second.diagnostics.map((d) => d.code)).toEqual(['FG4106']);
    expect(second.diagnostics[0]?.message).toContain('"ab县.md" and "AB县.md"');
    expect(readFileSync(join(dir, 'AB县.md'), 'utf8')).toBe('first');
    expect(existsSync(join(dir, 'ab县.md'))).toBe(false);
  });

  it('compares NFC-normalised names', async () => {
    const dir = tempDir();
    const writer = new OutputWriter(dir);
    await writer.write([{ name: 'Café.md', data: '1' }]);
    // The decomposed spelling is normalised by safeFileName; here it must still collide.
    const second = await writer.write([{ name: 'cafe\u0301.md'.normalize('NFC'), data: '2' }]);
    await writer.close();
    expect(second.diagnostics.map((d) => d.code)).toEqual(['FG4106']);
  });

  it('keeps every name of a large batch (the table grows), and a failed call frees its names', async () => {
    const dir = tempDir();
    // The third rename fails: that call writes nothing and its names are free again.
    const writer = new OutputWriter(dir, { fs: failing('rename', 3, 'EIO') });
    const names = Array.from({ length: 3000 }, (_, i) => `${i}镇-Q${i % 4}.md`);
    const results = [];
    for (let i = 0; i < names.length; i += 2) {
      const pair = names.slice(i, i + 2).map((name) => ({ name, data: name }));
      results.push(await writer.write(pair));
    }
    expect(results[1]?.written).toEqual([]);
    // Every name written clashes with its lower-case spelling; the freed ones do not.
    const again = await writer.write([{ name: '2镇-q2.md', data: 'again' }]);
    expect(again.diagnostics).toEqual([]);
    for (const name of ['0镇-q0.md', '1500镇-q0.md', '2999镇-q3.md']) {
      const clash = await writer.write([{ name, data: 'x' }]);
      expect(
        clash.diagnostics.map((d) => d.code),
        name,
      ).toEqual(['FG4106']);
    }
    await writer.close();
    expect(readFileSync(join(dir, '2998镇-Q2.md'), 'utf8')).toBe('2998镇-Q2.md');
    expect(readFileSync(join(dir, '2镇-q2.md'), 'utf8')).toBe('again');
  });
});
