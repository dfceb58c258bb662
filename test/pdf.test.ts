import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { defaultProfile } from '../src/docx/index.js';
import { addPdfOutputs, convertDocxToPdf, findSoffice } from '../src/pdf/index.js';
import { renderPlan } from '../src/render/index.js';
import { loadPlan } from '../src/validate/index.js';
import { run } from '../src/cli/main.js';
import { captureIO } from './helpers/io.js';

const has = (cmd: string): boolean => spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0;
const soffice = has('soffice') && has('pdfinfo') && has('pdftotext');
const reason = soffice ? '' : ' (skipped: soffice/pdfinfo/pdftotext not installed)';
if (!soffice) console.warn(`PDF conversion tests${reason}`);

const work = mkdtempSync(path.join(tmpdir(), 'fangan-pdf-test-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const env = (extra: Record<string, string> = {}) => ({ PATH: process.env.PATH ?? '', ...extra });

async function qingxiDocx(): Promise<Uint8Array> {
  const { plan } = await loadPlan('examples/qingxi/plan.yaml');
  const result = await renderPlan(plan!, { to: ['docx'] });
  return result.files[0]!.data as Uint8Array;
}

const pdfInfo = (file: string) => spawnSync('pdfinfo', [file], { encoding: 'utf8' }).stdout;

describe('PDF through LibreOffice: without soffice', () => {
  it('names the missing program (FG5301) and converts nothing', async () => {
    const profile = await defaultProfile();
    const result = await convertDocxToPdf([{ name: 'a.pdf', docx: new Uint8Array([1, 2, 3]) }], {
      profile,
      env: env({ FANGAN_SOFFICE: path.join(work, 'no-such-soffice') }),
    });
    expect(result.files).toEqual([]);
    expect(result.diagnostics.map((d) => d.code)).toEqual(['FG5301']);
    expect(result.diagnostics[0]!.message).toContain('no-such-soffice');
    expect(result.diagnostics[0]!.message).toContain('libreoffice-writer-nogui');
  });

  it('finds nothing on an empty PATH unless FANGAN_SOFFICE points at a program', async () => {
    const fake = path.join(work, 'fake-soffice');
    writeFileSync(fake, '#!/bin/sh\nexit 0\n');
    chmodSync(fake, 0o755);
    expect(await findSoffice({ PATH: path.join(work, 'empty'), FANGAN_SOFFICE: fake })).toBe(fake);
    const dir = mkdtempSync(path.join(work, 'bin-'));
    writeFileSync(path.join(dir, 'soffice'), '#!/bin/sh\nexit 0\n');
    chmodSync(path.join(dir, 'soffice'), 0o755);
    expect(await findSoffice({ PATH: dir })).toBe(path.join(dir, 'soffice'));
  });

  it('render --to pdf exits 2 with FG5301 and writes nothing', async () => {
    const out = path.join(work, 'missing');
    const io = captureIO({ env: { FANGAN_SOFFICE: path.join(work, 'nope'), PATH: '' } });
    const code = await run(
      ['render', 'examples/qingxi/plan.yaml', '-o', out, '--to', 'docx,pdf'],
      io,
    );
    expect(code).toBe(2);
    expect(io.err()).toContain('FG5301');
    expect(existsSync(out) ? readdirSync(out) : []).toEqual([]);
  });

  it('a soffice that writes no PDF gives FG5302 per document', async () => {
    const fake = path.join(work, 'silent-soffice');
    writeFileSync(fake, '#!/bin/sh\necho "Error: source file could not be loaded" >&2\nexit 0\n');
    chmodSync(fake, 0o755);
    const result = await convertDocxToPdf(
      [
        { name: 'a.pdf', docx: new Uint8Array([1]) },
        { name: 'b.pdf', docx: new Uint8Array([2]) },
      ],
      { profile: await defaultProfile(), env: env({ FANGAN_SOFFICE: fake }) },
    );
    expect(result.files).toEqual([]);
    expect(result.diagnostics.map((d) => [d.code, d.file])).toEqual([
      ['FG5302', 'a.pdf'],
      ['FG5302', 'b.pdf'],
    ]);
    expect(result.diagnostics[0]!.message).toContain('could not be loaded');
  });
});

describe.skipIf(!soffice)(`PDF through LibreOffice${reason}`, () => {
  it('converts a batch in ONE soffice process, a broken document failing alone', async () => {
    // A wrapper that logs every start, then runs the real soffice.
    const real = spawnSync('sh', ['-c', 'command -v soffice'], { encoding: 'utf8' }).stdout.trim();
    const log = path.join(work, 'starts.log');
    const wrapper = path.join(work, 'logging-soffice');
    writeFileSync(wrapper, `#!/bin/sh\necho start >> "${log}"\nexec "${real}" "$@"\n`);
    chmodSync(wrapper, 0o755);
    const docx = await qingxiDocx();
    const result = await addPdfOutputs(
      [
        { name: '甲.docx', data: docx },
        { name: '甲.md', data: '# 甲' },
        { name: '乙.docx', data: docx },
        { name: '坏.docx', data: new TextEncoder().encode('not a zip') },
      ],
      { profile: await defaultProfile(), env: env({ FANGAN_SOFFICE: wrapper }), keepDocx: false },
    );
    expect(readFileSync(log, 'utf8').trim().split('\n')).toEqual(['start']);
    expect(result.files.map((f) => f.name)).toEqual(['甲.md', '甲.pdf', '乙.pdf']);
    expect(result.diagnostics.map((d) => [d.code, d.file])).toEqual([['FG5302', '坏.pdf']]);
    const pdf = path.join(work, 'a.pdf');
    writeFileSync(pdf, result.files[1]!.data);
    expect(Number(/Pages:\s+(\d+)/.exec(pdfInfo(pdf))?.[1])).toBeGreaterThan(5);
  }, 180_000);

  it('render --to pdf writes the PDF (A4, Chinese text in CJK fonts) and only what was asked', async () => {
    const out = path.join(work, 'render');
    const io = captureIO({ env: { PATH: process.env.PATH ?? '' } });
    const code = await run(
      ['render', 'examples/qingxi/plan.yaml', '-o', out, '--to', 'md,pdf'],
      io,
    );
    expect(io.err()).toBe('');
    expect(code).toBe(0);
    const names = readdirSync(out)
      .filter((n) => !n.startsWith('.'))
      .sort();
    expect(names).toEqual(['青溪镇创建健康促进镇工作方案.md', '青溪镇创建健康促进镇工作方案.pdf']);
    const pdf = path.join(out, '青溪镇创建健康促进镇工作方案.pdf');
    const info = pdfInfo(pdf);
    expect(info).toMatch(/Page size:.*\(A4\)/);
    const text = spawnSync('pdftotext', ['-f', '1', '-l', '1', pdf, '-'], {
      encoding: 'utf8',
    }).stdout;
    expect(text.replace(/\s+/g, '')).toContain('青溪镇创建健康促进镇工作方案');
    const fonts = spawnSync('pdffonts', [pdf], { encoding: 'utf8' }).stdout;
    expect(fonts).toMatch(/CJK|UKai|UMing/);
    // The manifest knows the PDF, so a re-run overwrites it without --force.
    const manifest = readFileSync(path.join(out, '.fangan-manifest.json'), 'utf8');
    expect(manifest).toContain('青溪镇创建健康促进镇工作方案.pdf');
    const again = captureIO({ env: { PATH: process.env.PATH ?? '' } });
    expect(
      await run(['render', 'examples/qingxi/plan.yaml', '-o', out, '--to', 'md,pdf'], again),
    ).toBe(0);
  }, 180_000);

  it('report --to docx,pdf writes both', async () => {
    const out = path.join(work, 'report');
    const io = captureIO({ env: { PATH: process.env.PATH ?? '' } });
    const code = await run(
      ['report', 'examples/qingxi/progress/2025Q2.yaml', '-o', out, '--to', 'docx,pdf'],
      io,
    );
    expect(code).toBe(0);
    const names = readdirSync(out)
      .filter((n) => !n.startsWith('.'))
      .sort();
    expect(names).toEqual(['2025Q2-青溪镇-季度工作汇报.docx', '2025Q2-青溪镇-季度工作汇报.pdf']);
    const text = spawnSync('pdftotext', [path.join(out, names[1]!), '-'], {
      encoding: 'utf8',
    }).stdout;
    expect(text.replace(/\s+/g, '')).toContain('第二季度');
  }, 180_000);

  it('export --to pdf: every report and roll-up as PDF, one LibreOffice start per batch', async () => {
    const real = spawnSync('sh', ['-c', 'command -v soffice'], { encoding: 'utf8' }).stdout.trim();
    const log = path.join(work, 'export-starts.log');
    const wrapper = path.join(work, 'export-soffice');
    writeFileSync(wrapper, `#!/bin/sh\necho start >> "${log}"\nexec "${real}" "$@"\n`);
    chmodSync(wrapper, 0o755);
    const out = path.join(work, 'export');
    const io = captureIO({ env: { PATH: process.env.PATH ?? '', FANGAN_SOFFICE: wrapper } });
    const code = await run(
      ['export', 'examples/county', '-o', out, '--to', 'md,pdf', '--jobs', '1'],
      io,
    );
    expect(code).toBe(0);
    const names = readdirSync(out).filter((n) => !n.startsWith('.'));
    const pdfs = names.filter((n) => n.endsWith('.pdf'));
    // 3 towns x 4 quarters, and one county roll-up per quarter; no .docx was asked for.
    expect(pdfs.filter((n) => n.includes('季度工作汇报'))).toHaveLength(12);
    expect(pdfs.filter((n) => n.includes('汇总报告'))).toHaveLength(4);
    expect(names.filter((n) => n.endsWith('.docx'))).toEqual([]);
    expect(names.filter((n) => n.endsWith('.md') && n !== 'index.md')).toHaveLength(16);
    // The reports fit one batch and the roll-ups another: two starts, not sixteen.
    expect(readFileSync(log, 'utf8').trim().split('\n')).toEqual(['start', 'start']);
    const text = spawnSync('pdftotext', [path.join(out, '2025Q3-云川县-汇总报告.pdf'), '-'], {
      encoding: 'utf8',
    }).stdout.replace(/\s+/g, '');
    expect(text).toContain('白沙镇');
  }, 300_000);
});

describe('export --to pdf without soffice', () => {
  it('exits 2 with FG5301 before rendering, writing nothing', async () => {
    const out = path.join(work, 'export-missing');
    const io = captureIO({ env: { PATH: '', FANGAN_SOFFICE: path.join(work, 'nope') } });
    const code = await run(['export', 'examples/county', '-o', out, '--to', 'pdf'], io);
    expect(code).toBe(2);
    expect(io.err()).toContain('FG5301');
    expect(existsSync(out)).toBe(false);
  });
});
