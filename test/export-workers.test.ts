/**
 * The export worker pool in its compiled form: these tests import dist/ (built by `npm test`), so
 * the worker file really runs in worker threads. From the TypeScript sources the pool renders in
 * the test's own thread and none of this would be exercised.
 */
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = process.cwd();
const fixtures = path.join(root, 'test/fixtures/report');
const work = mkdtempSync(path.join(tmpdir(), 'fangan-export-workers-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

type ExportModule = typeof import('../src/export/index.js');
let compiled: ExportModule;
beforeAll(async () => {
  const entry = path.join(root, 'dist/export/index.js');
  // No silent skip: the whole point is the compiled worker; `npm test` builds before vitest.
  compiled = (await import(pathToFileURL(entry).href).catch(() => {
    throw new Error(`${entry} is missing: run \`npm run build\` first`);
  })) as ExportModule;
});

/** Towns a, b, c (one county) with one 2025Q1 progress file each; `big` gets a huge one. */
function makeTowns(dir: string, big: string): string[] {
  const plan = readFileSync(path.join(fixtures, 'plan.yaml'), 'utf8');
  const progress = readFileSync(path.join(fixtures, 'progress-q1.yaml'), 'utf8');
  return ['a', 'b', 'c'].map((t) => {
    const town = path.join(dir, t);
    mkdirSync(town, { recursive: true });
    writeFileSync(path.join(town, 'plan.yaml'), plan.replaceAll('试验镇', `试验${t}镇`));
    let text = progress.replaceAll('试验镇', `试验${t}镇`);
    if (t === big) {
      // ~1.9 MB of completed-work lines: far more than a 16 MB worker heap can render.
      const line = Array.from({ length: 40 }, (_, i) => `举办健康讲座第${i}场，受众210人次`).join(
        '、',
      );
      const items = Array.from({ length: 1000 }, (_, i) => `      - "${line}${i}"`).join('\n');
      text = text.replace('    done: [举办健康讲座3场，受众210人次]', `    done:\n${items}`);
    }
    const file = path.join(town, 'q1.yaml');
    writeFileSync(file, text);
    return file;
  });
}

describe('export worker pool (compiled, in worker threads)', () => {
  it('a worker out of memory fails its town only: FG6100, the rest, roll-up, index, manifest', async () => {
    const dir = path.join(work, 'oom');
    const files = makeTowns(path.join(dir, 'towns'), 'b');
    const outDir = path.join(dir, 'out');
    const summary = await compiled.exportReports({
      files,
      outDir,
      cwd: dir,
      formats: ['md'],
      threads: 1,
      workerHeapMb: 16,
      force: false,
      lang: 'en',
      version: 'test',
    });
    expect(summary.counts).toEqual({ written: 2, skipped: 0, failed: 1 });
    expect(summary.reports.map((r) => [r.source, r.status])).toEqual([
      ['towns/a/q1.yaml', 'written'],
      ['towns/b/q1.yaml', 'failed'],
      ['towns/c/q1.yaml', 'written'],
    ]);
    const [failed, ...more] = summary.failures;
    expect(more).toEqual([]);
    expect(failed?.file).toBe('towns/b/q1.yaml');
    expect(failed?.diagnostics.map((d) => d.code)).toEqual(['FG6100']);
    expect(failed?.diagnostics[0]?.message).toContain('ran out of memory (limit 16 MB)');
    // The towns behind the crashed one went to a fresh worker and were written.
    const out = readdirSync(outDir).sort();
    expect(out).toContain('2025Q1-试验a镇-季度工作汇报.md');
    expect(out).toContain('2025Q1-试验c镇-季度工作汇报.md');
    expect(out).not.toContain('2025Q1-试验b镇-季度工作汇报.md');
    expect(out).toEqual(
      expect.arrayContaining(['index.json', 'index.md', '.fangan-manifest.json']),
    );
    expect(summary.rollups.map((r) => [r.status, r.towns])).toEqual([
      ['written', ['试验a镇', '试验c镇']],
    ]);
    const index = JSON.parse(readFileSync(path.join(outDir, 'index.json'), 'utf8')) as {
      reports: { source: string; status: string; diagnostics: { code: string }[] }[];
    };
    expect(index.reports.map((r) => [r.source, r.status, r.diagnostics[0]?.code])).toEqual([
      ['towns/a/q1.yaml', 'written', 'FG2208'],
      ['towns/b/q1.yaml', 'failed', 'FG6100'],
      ['towns/c/q1.yaml', 'written', 'FG2208'],
    ]);
  });

  it('renders the same reports in two worker threads as in one', async () => {
    const dir = path.join(work, 'two');
    const files = makeTowns(path.join(dir, 'towns'), '');
    const outputs: string[][] = [];
    for (const threads of [1, 2]) {
      const outDir = path.join(dir, `out${threads}`);
      const summary = await compiled.exportReports({
        files,
        outDir,
        cwd: dir,
        formats: ['docx', 'md'],
        threads,
        force: false,
        lang: 'zh-CN',
        version: 'test',
      });
      expect(summary.counts).toEqual({ written: 3, skipped: 0, failed: 0 });
      outputs.push(
        readdirSync(outDir)
          .filter((f) => !f.startsWith('.'))
          .sort()
          .map((f) => `${f} ${readFileSync(path.join(outDir, f)).toString('base64')}`),
      );
    }
    expect(outputs[1]).toEqual(outputs[0]);
  });
});
