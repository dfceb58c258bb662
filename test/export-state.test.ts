/**
 * The export state (.fangan-export.json) is streamed on a re-run: read a chunk at a time, one
 * report at a time, never parsed whole. These tests hold the streaming reader to what
 * `JSON.parse` of the whole file would give, on states big enough to span many chunks and with
 * strings full of JSON's own characters, and check that a damaged state still means "rebuild
 * everything", and that an export writes and reads back the same bytes.
 */
import { execFileSync } from 'node:child_process';
import {
  cpSync,
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
import {
  readState,
  readStateReports,
  serializeState,
  STATE_NAME,
  type ExportState,
  type ReportState,
} from '../src/export/state.js';
import { exportReports } from '../src/export/index.js';
import type { RollupEntry } from '../src/report/rollup.js';

const root = process.cwd();
const work = mkdtempSync(path.join(tmpdir(), 'fangan-export-state-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
let folders = 0;
const fresh = (): string => {
  const dir = path.join(work, `d${++folders}`);
  mkdirSync(dir, { recursive: true });
  return dir;
};

const SETTINGS = 'a'.repeat(64);

/** A state of `count` reports whose text is awkward for a byte scanner. */
function bigState(count: number): ExportState {
  const reports: Record<string, ReportState> = {};
  for (let i = 0; i < count; i++) {
    const source = `towns/青溪${i}镇/progress/"2025Q1" {x}, [y]\\.yaml`;
    const entry = {
      town: `青溪${i}镇`,
      periodKey: '2025Q1',
      note: `说明：“引号”\\"、{花括号}、[方括号]，逗号,冒号: ${'数据'.repeat(i % 50)}\u0000\u2028`,
      // One report longer than a whole read chunk.
      long: i === 7 ? '长文本{"},'.repeat(20000) : '',
      nested: { list: [{ a: '}' }, { b: '{' }, [']', '[']], empty: {}, none: [] },
    } as unknown as RollupEntry;
    reports[source] = {
      hash: String(i).padStart(64, '0'),
      outputs: [`${i}.docx`, `${i}.md`],
      entry,
    };
  }
  return {
    version: 1,
    settings: SETTINGS,
    reports,
    rollups: { '2025Q1 云川县': { hash: 'b'.repeat(64), outputs: ['r.docx'] } },
  };
}

const writeRaw = (dir: string, text: string): void =>
  writeFileSync(path.join(dir, STATE_NAME), text);

describe('readStateReports (streamed .fangan-export.json)', () => {
  it('gives exactly what JSON.parse of the whole file gives, across many chunks', async () => {
    const dir = fresh();
    const state = bigState(600);
    const text = serializeState(state);
    expect(Buffer.byteLength(text)).toBeGreaterThan(4 * 65536); // members cross chunk ends
    writeRaw(dir, text);
    const read = await readState(dir, SETTINGS);
    const whole = JSON.parse(text) as ExportState;
    expect(Object.keys(read.reports)).toEqual(Object.keys(whole.reports));
    expect(read.reports).toEqual(whole.reports);
    expect({ ...read.rollups }).toEqual(whole.rollups);
    // Written again, the same bytes.
    expect(serializeState(read)).toBe(text);
  });

  it('hands each report to keep and collects only what keep returns', async () => {
    const dir = fresh();
    writeRaw(dir, serializeState(bigState(30)));
    const seen: string[] = [];
    const read = await readStateReports(dir, SETTINGS, async (source, report) => {
      seen.push(source);
      await new Promise((r) => setImmediate(r));
      return Number(report.hash) % 3 === 0 ? report.outputs[0] : undefined;
    });
    expect(seen).toHaveLength(30);
    expect(read.reports).toEqual(
      Array.from({ length: 30 }, (_, i) => i)
        .filter((i) => i % 3 === 0)
        .map((i) => `${i}.docx`)
        .sort(),
    );
  });

  it('reads an empty state and one without reports', async () => {
    const dir = fresh();
    writeRaw(dir, serializeState({ ...bigState(0) }));
    expect(Object.keys((await readState(dir, SETTINGS)).reports)).toEqual([]);
    expect(Object.keys((await readState(dir, SETTINGS)).rollups)).toEqual(['2025Q1 云川县']);
    writeRaw(dir, JSON.stringify({ version: 1, settings: SETTINGS, rollups: {} }));
    expect(await readStateReports(dir, SETTINGS, () => 1)).toEqual({ rollups: {}, reports: [] });
  });

  it('keeps nothing from a state of other settings, another version, or no state', async () => {
    const dir = fresh();
    const text = serializeState(bigState(20));
    writeRaw(dir, text);
    const none = { rollups: {}, reports: [] };
    expect(await readStateReports(dir, 'c'.repeat(64), () => 1)).toEqual(none);
    writeRaw(dir, text.replace('"version":1', '"version":2'));
    expect(await readStateReports(dir, SETTINGS, () => 1)).toEqual(none);
    rmSync(path.join(dir, STATE_NAME));
    expect(await readStateReports(dir, SETTINGS, () => 1)).toEqual(none);
  });

  it('keeps nothing from a damaged state, wherever it is cut or spoilt', async () => {
    const dir = fresh();
    const text = serializeState(bigState(40));
    const bytes = Buffer.from(text);
    const none = { rollups: {}, reports: [] };
    // Cut anywhere (a crash mid-write by hand, a full disk): not a single report is kept, even
    // those complete before the cut.
    for (const at of [1, 20, 100, bytes.length >> 1, bytes.length - 3, bytes.length - 2]) {
      writeFileSync(path.join(dir, STATE_NAME), bytes.subarray(0, at));
      expect(await readStateReports(dir, SETTINGS, () => 1), `cut at ${at}`).toEqual(none);
    }
    for (const spoilt of [
      text.replace('},"towns/青溪7镇', '} "towns/青溪7镇'), // a missing comma
      text.replace('"outputs":["3.docx"', '"outputs":"3.docx"'), // wrong shape
      `${text.trimEnd()}{}\n`, // something after the end
      `[${text.trimEnd()}]\n`,
      'null\n',
      '',
    ]) {
      writeRaw(dir, spoilt);
      expect(await readStateReports(dir, SETTINGS, () => 1)).toEqual(none);
    }
  });

  it('a FIFO or a folder in place of the state is no state, and never blocks', async () => {
    const dir = fresh();
    mkdirSync(path.join(dir, STATE_NAME));
    expect(await readStateReports(dir, SETTINGS, () => 1)).toEqual({ rollups: {}, reports: [] });
    rmSync(path.join(dir, STATE_NAME), { recursive: true });
    try {
      execFileSync('mkfifo', [path.join(dir, STATE_NAME)]);
    } catch {
      console.warn('FIFO case skipped: mkfifo is not available here');
      return;
    }
    expect(await readStateReports(dir, SETTINGS, () => 1)).toEqual({ rollups: {}, reports: [] });
  });
});

describe('export: state and index written piece by piece', () => {
  const fixtures = path.join(root, 'test/fixtures/report');
  /** Six towns in two counties, each with a 2025Q1 progress file. */
  function towns(dir: string): string[] {
    const plan = readFileSync(path.join(fixtures, 'plan.yaml'), 'utf8');
    const progress = readFileSync(path.join(fixtures, 'progress-q1.yaml'), 'utf8');
    return Array.from({ length: 6 }, (_, i) => {
      const town = path.join(dir, `t${i}`);
      mkdirSync(town, { recursive: true });
      const named = plan.replaceAll('试验镇', `试验${i}镇`);
      writeFileSync(
        path.join(town, 'plan.yaml'),
        i < 3 ? named : named.replace(/^region: .*$/m, 'region: 望山县'),
      );
      const file = path.join(town, 'q1.yaml');
      writeFileSync(file, progress.replaceAll('试验镇', `试验${i}镇`));
      return file;
    });
  }
  const exportTo = (files: string[], cwd: string, outDir: string) =>
    exportReports({
      files,
      outDir,
      cwd,
      formats: ['md'],
      threads: 1,
      force: false,
      lang: 'zh-CN',
      version: '0.0.0-test',
    });

  it('writes the bytes JSON.stringify would, reads them back, and a re-run keeps them', async () => {
    const dir = fresh();
    const files = towns(path.join(dir, 'towns'));
    const out = path.join(dir, 'out');
    const first = await exportTo(files, dir, out);
    expect(first.counts).toEqual({ written: 6, skipped: 0, failed: 0 });
    const state = readFileSync(path.join(out, STATE_NAME), 'utf8');
    const parsed = JSON.parse(state) as ExportState;
    expect(Object.keys(parsed.reports)).toHaveLength(6);
    // The state pieces are the bytes of serializeState (sorted keys, no spaces)…
    expect(serializeState(parsed)).toBe(state);
    // …and the index pieces those of JSON.stringify(…, null, 2).
    const index = readFileSync(path.join(out, 'index.json'), 'utf8');
    expect(`${JSON.stringify(JSON.parse(index), null, 2)}\n`).toBe(index);
    expect((JSON.parse(index) as { reports: unknown[] }).reports).toHaveLength(6);

    // The re-run reads the streamed state: nothing changed, everything kept, same state bytes.
    const second = await exportTo(files, dir, out);
    expect(second.counts).toEqual({ written: 0, skipped: 6, failed: 0 });
    expect(second.rollups.map((r) => r.status)).toEqual(['skipped', 'skipped']);
    expect(readFileSync(path.join(out, STATE_NAME), 'utf8')).toBe(state);
    const again = JSON.parse(readFileSync(path.join(out, 'index.json'), 'utf8')) as {
      reports: { status: string; figures: unknown }[];
    };
    const before = JSON.parse(index) as typeof again;
    expect(again.reports.map((r) => r.status)).toEqual(Array(6).fill('skipped'));
    // The kept figures are the ones of the first run, read back from the old state.
    expect(again.reports.map((r) => r.figures)).toEqual(before.reports.map((r) => r.figures));
  });

  it('a damaged state rebuilds everything; a copied folder with its state keeps everything', async () => {
    const dir = fresh();
    const files = towns(path.join(dir, 'towns'));
    const out = path.join(dir, 'out');
    await exportTo(files, dir, out);
    const statePath = path.join(out, STATE_NAME);
    const good = readFileSync(statePath);
    writeFileSync(statePath, good.subarray(0, good.length - 40));
    expect((await exportTo(files, dir, out)).counts).toEqual({
      written: 6,
      skipped: 0,
      failed: 0,
    });
    expect(readFileSync(statePath)).toEqual(good);
    // One edited input: that report alone is rebuilt, its figures taken anew.
    writeFileSync(files[2] as string, `${readFileSync(files[2] as string, 'utf8')}\n# 修改\n`);
    expect((await exportTo(files, dir, out)).counts).toEqual({
      written: 1,
      skipped: 5,
      failed: 0,
    });
    const copy = path.join(dir, 'copy');
    cpSync(out, copy, { recursive: true });
    expect(readdirSync(copy)).toContain(STATE_NAME);
    expect((await exportTo(files, dir, copy)).counts.skipped).toBe(6);
  });
});

describe('the manifest in pieces', () => {
  it('has the bytes of JSON.stringify(…, null, 2) with sorted names, however many entries', async () => {
    const { manifestPieces, serializeManifest } = await import('../src/write/manifest.js');
    const reference = (files: Record<string, object>): string => {
      const sorted: Record<string, object> = {};
      for (const k of Object.keys(files).sort()) sorted[k] = files[k] as object;
      return `${JSON.stringify({ version: 1, files: sorted }, null, 2)}\n`;
    };
    for (const count of [0, 1, 2, 1999, 2000, 2001, 4500]) {
      const files = Object.create(null) as Record<
        string,
        { sha256: string; inputs?: Record<string, string> }
      >;
      for (let i = count - 1; i >= 0; i--) {
        files[`2025Q1-青溪${i}镇-"季度"\\汇报.md`] =
          i % 7 === 0
            ? { sha256: String(i).padStart(64, 'f'), inputs: { 'a/b.yaml': 'c'.repeat(64) } }
            : { sha256: String(i).padStart(64, '0') };
      }
      const manifest = { version: 1 as const, files };
      const pieces = [...manifestPieces(manifest)];
      expect(pieces.join(''), `${count} entries`).toBe(reference(files));
      expect(serializeManifest(manifest)).toBe(reference(files));
      // Never one piece for a big manifest.
      if (count > 2000) expect(pieces.length).toBeGreaterThan(3);
    }
  });
});
