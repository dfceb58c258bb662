import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { Plan, Progress } from '../src/model/types.js';
import { buildReportView, buildRollupView } from '../src/report/index.js';
import { createReportRenderer } from '../src/report/render.js';

const has = (cmd: string): boolean => spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0;
const ready = has('soffice') && has('pdftotext') && has('pdfinfo');
const reason = ready ? '' : ' (skipped: soffice/pdftotext/pdfinfo not installed)';
if (!ready) console.warn(`report LibreOffice test${reason}`);

const load = <T>(file: string): T => parse(readFileSync(file, 'utf8')) as T;
const work = mkdtempSync(path.join(tmpdir(), 'fangan-soffice-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const report = path.join(work, 'report.docx');
const rollup = path.join(work, 'rollup.docx');

beforeAll(async () => {
  if (!ready) return;
  const renderer = await createReportRenderer({ formats: ['docx'], lang: 'zh-CN' });
  writeFileSync(report, (await renderer.report(qingxi)).docx as Uint8Array);
  writeFileSync(rollup, (await renderer.rollup(buildRollupView(towns))).docx as Uint8Array);
  // One LibreOffice run for both files: its start-up is most of the time.
  const profile = `file://${path.join(work, 'lo-profile')}`;
  spawnSync(
    'soffice',
    [
      `-env:UserInstallation=${profile}`,
      '--headless',
      '--convert-to',
      'pdf',
      '--outdir',
      work,
      report,
      rollup,
    ],
    { timeout: 170_000 },
  );
}, 180_000);

/** soffice exits 0 even when it fails, so the PDF itself is checked. */
function readPdf(docx: string): { pages: number; text: string } {
  const pdf = docx.replace(/\.docx$/, '.pdf');
  expect(existsSync(pdf)).toBe(true);
  const info = spawnSync('pdfinfo', [pdf], { encoding: 'utf8' }).stdout;
  const pages = Number(/Pages:\s+(\d+)/.exec(info)?.[1] ?? 0);
  // pdftotext breaks lines and spaces digits from Chinese: compare without white space.
  const text = spawnSync('pdftotext', [pdf, '-'], { encoding: 'utf8' }).stdout.replace(/\s+/g, '');
  return { pages, text };
}

const qingxi = buildReportView(
  load<Progress>('examples/qingxi/progress/2025Q1.yaml'),
  load<Plan>('examples/qingxi/plan.yaml'),
);
const towns = ['songling', 'liuhe', 'baisha'].map((t) =>
  buildReportView(
    load<Progress>(`examples/county/${t}/progress/2025Q2.yaml`),
    load<Plan>(`examples/county/${t}/plan.yaml`),
  ),
);

describe(`report and roll-up open in LibreOffice${reason}`, () => {
  it.skipIf(!ready)('the report converts to PDF with pages and the chart', () => {
    const { pages, text } = readPdf(report);
    expect(pages).toBeGreaterThan(2);
    expect(text).toContain('工作汇报');
    expect(text).toContain('各牵头单位任务平均完成比例'); // chart title
    expect(text).toContain('重点任务进展情况表');
  });

  it.skipIf(!ready)('the roll-up converts to PDF with the town chart', () => {
    const { pages, text } = readPdf(rollup);
    expect(pages).toBeGreaterThan(0);
    expect(text).toContain('汇总报告');
    expect(text).toContain('各乡镇任务平均完成比例');
    for (const v of towns) expect(text).toContain(v.town);
  });
});
