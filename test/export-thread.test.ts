/**
 * `fangan export` runs the export in a thread of its own (src/cli/export-thread.ts). These tests
 * import dist/ (built by `npm test`): from the TypeScript sources there is no compiled thread and
 * the export would simply run in the test's thread.
 */
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FileResult } from '../src/diagnostics/types.js';
import type { ExportEvent, ExportOptions } from '../src/export/index.js';
import type { PathExportOptions } from '../src/cli/export-thread.js';

const root = process.cwd();
const fixtures = path.join(root, 'test/fixtures/report');
const work = mkdtempSync(path.join(tmpdir(), 'fangan-export-thread-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

type ThreadModule = typeof import('../src/cli/export-thread.js');
type ExportModule = typeof import('../src/export/index.js');
let thread: ThreadModule;
let direct: ExportModule;
let cliIo: typeof import('../src/cli/io.js');
beforeAll(async () => {
  const load = async <T>(rel: string): Promise<T> => {
    const entry = path.join(root, rel);
    // No silent skip: the point is the compiled thread; `npm test` builds before vitest.
    return (await import(pathToFileURL(entry).href).catch(() => {
      throw new Error(`${entry} is missing: run \`npm run build\` first`);
    })) as T;
  };
  thread = await load<ThreadModule>('dist/cli/export-thread.js');
  direct = await load<ExportModule>('dist/export/index.js');
  cliIo = await load<typeof import('../src/cli/io.js')>('dist/cli/io.js');
});

/** Towns a–d with a 2025Q1 progress file each; town c's file is broken. */
function makeTowns(dir: string): string[] {
  const plan = readFileSync(path.join(fixtures, 'plan.yaml'), 'utf8');
  const progress = readFileSync(path.join(fixtures, 'progress-q1.yaml'), 'utf8');
  return ['a', 'b', 'c', 'd'].map((t) => {
    const town = path.join(dir, t);
    mkdirSync(town, { recursive: true });
    writeFileSync(path.join(town, 'plan.yaml'), plan.replaceAll('试验镇', `试验${t}镇`));
    const text = progress.replaceAll('试验镇', `试验${t}镇`);
    const file = path.join(town, 'q1.yaml');
    writeFileSync(file, t === 'c' ? text.replace('quarter:', 'quarter: [') : text);
    return file;
  });
}

const options = (dir: string, outDir: string, files: string[]): ExportOptions => ({
  files,
  outDir,
  cwd: dir,
  formats: ['docx', 'md'],
  threads: 1,
  force: false,
  lang: 'zh-CN',
  version: '0.0.0-test',
});

/** The same options for the thread, which finds the files itself: the folder as on the command line. */
const threadOptions = (dir: string, outDir: string, files: string[]): PathExportOptions => {
  const { files: _files, ...rest } = options(dir, outDir, files);
  return { ...rest, paths: ['towns'] };
};

const folderBytes = (dir: string): Record<string, string> =>
  Object.fromEntries(
    readdirSync(dir)
      .filter((n) => n !== '.fangan-lock')
      .sort()
      .map((n) => [n, readFileSync(path.join(dir, n)).toString('base64')]),
  );

describe('export in its own thread (compiled)', () => {
  it('gives the summary (less its report list), events, problems and files of an export here', async () => {
    const dir = path.join(work, 'same');
    const files = makeTowns(path.join(dir, 'towns'));
    const runWith = async (how: 'thread' | 'direct') => {
      const outDir = path.join(dir, `out-${how}`);
      const events: ExportEvent[] = [];
      const problems: { results: FileResult[]; last: boolean }[] = [];
      const callbacks: Pick<ExportOptions, 'onEvent' | 'onProblems'> = {
        onEvent: (e) => events.push(e),
        onProblems: async (results, last) => {
          // A slow printer: the thread must wait for each chunk.
          await new Promise((r) => setTimeout(r, 20));
          problems.push({ results, last });
        },
      };
      const summary =
        how === 'thread'
          ? await thread.exportInThread({ ...threadOptions(dir, outDir, files), ...callbacks })
          : await direct.exportReports({ ...options(dir, outDir, files), ...callbacks });
      return { summary, events, problems, bytes: folderBytes(outDir) };
    };
    const inThread = await runWith('thread');
    const here = await runWith('direct');
    // The same summary, but for the report list, which stays in the thread (index.json has it).
    expect(inThread.summary).toEqual({ ...here.summary, reports: [] });
    expect(here.summary.reports).toHaveLength(4);
    expect(inThread.summary.counts).toEqual({ written: 3, skipped: 0, failed: 1 });
    expect(inThread.problems).toEqual(here.problems);
    expect(inThread.problems.at(-1)?.last).toBe(true);
    expect(inThread.problems.flatMap((p) => p.results.map((r) => r.file))).toContain(
      'towns/c/q1.yaml',
    );
    // The events carry what a progress display shows: status, town, a failed file's first problem.
    const shown = (events: ExportEvent[]) =>
      events
        .map((e) =>
          e.type === 'report'
            ? [
                e.record.source,
                e.record.status,
                e.record.town,
                e.record.status === 'failed' ? e.record.diagnostics[0]?.code : undefined,
              ]
            : [e.type, e.total],
        )
        // (In completion order, which differs from run to run.)
        .sort((a, b) => String(a).localeCompare(String(b)));
    expect(shown(inThread.events)).toEqual(shown(here.events));
    expect(inThread.events.some((e) => e.type === 'report' && e.record.figures)).toBe(false);
    expect(shown(inThread.events).filter((e) => e[1] === 'failed')).toEqual([
      ['towns/c/q1.yaml', 'failed', '试验c镇', 'FG1112'],
    ]);
    // Byte for byte the same folder (index, state, manifest, reports, roll-up).
    expect(Object.keys(inThread.bytes).length).toBeGreaterThan(8);
    expect(inThread.bytes).toEqual(here.bytes);
  });

  it('an abort stops the thread: the export rejects and leaves no lock behind', async () => {
    const dir = path.join(work, 'abort');
    const files = makeTowns(path.join(dir, 'towns'));
    const outDir = path.join(dir, 'out');
    const controller = new AbortController();
    const run = thread.exportInThread({
      ...threadOptions(dir, outDir, files),
      signal: controller.signal,
      onEvent: (e) => {
        if (e.type === 'start') controller.abort();
      },
    });
    await expect(run).rejects.toThrow('export interrupted');
    expect(existsSync(path.join(outDir, '.fangan-lock'))).toBe(false);
    // The next run takes the folder and writes everything.
    const summary = await thread.exportInThread(threadOptions(dir, outDir, files));
    expect(summary.counts.written).toBe(3);
  });

  it('a thread out of memory rejects with ExportOutOfMemory (FG6103 on the command line)', async () => {
    const dir = path.join(work, 'oom');
    const files = makeTowns(path.join(dir, 'towns'));
    // 4 MB of old generation cannot even load the export's modules.
    const run = thread.exportInThread(threadOptions(dir, path.join(dir, 'out'), files), 4);
    await expect(run).rejects.toBeInstanceOf(thread.ExportOutOfMemory);
    await expect(run).rejects.toThrow('out of memory (4 MB)');
  });

  it('a path that is not there is a usage error from the thread, as from the command line', async () => {
    const dir = path.join(work, 'usage');
    makeTowns(path.join(dir, 'towns'));
    const run = thread.exportInThread({
      ...threadOptions(dir, path.join(dir, 'out'), []),
      paths: ['towns', 'no-such-folder'],
    });
    await expect(run).rejects.toBeInstanceOf(cliIo.UsageError);
    await expect(run).rejects.toThrow(/^FG9001 .*no-such-folder/);
    expect(existsSync(path.join(dir, 'out'))).toBe(false);
  });
});
