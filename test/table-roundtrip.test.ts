/**
 * The Excel round trip as an official would do it: export the qingxi plan's workbook, type the
 * first quarter's progress (examples/qingxi/progress/2025Q1.yaml) into the form cells the way
 * people type (Chinese status words with stray spaces, `20%`, 七十五, dates as text), import it,
 * and check the progress file validates and says what the example says.
 */
import { spawnSync } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from '../src/cli/main.js';
import { chineseNumeral } from '../src/model/chinese.js';
import type { Progress } from '../src/model/types.js';
import { STATUS_LABELS } from '../src/table/layout.js';
import { loadPlan, loadProgress } from '../src/validate/index.js';
import { captureIO } from './helpers/io.js';

const repo = process.cwd();
const work = mkdtempSync(path.join(tmpdir(), 'fangan-xlsx-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const planPath = path.join(work, 'plan.yaml');
const book = path.join(work, 'plan.xlsx');
const SHEET = '2025年第一季度进展';

let example: Progress;

async function fangan(...argv: string[]) {
  const io = captureIO({ cwd: work });
  const code = await run(argv, io);
  return { code, out: io.out(), err: io.err() };
}

beforeAll(async () => {
  copyFileSync(path.join(repo, 'examples/qingxi/plan.yaml'), planPath);
  const loaded = await loadProgress(path.join(repo, 'examples/qingxi/progress/2025Q1.yaml'));
  expect(loaded.result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  example = loaded.progress!;
  const r = await fangan('export-table', 'plan.yaml', '--to', 'xlsx');
  expect(r.err).toBe('');
  expect(r.code).toBe(0);
}, 60_000);

/** Row of each id in the form (column B), read from the exported file. */
async function openForm(file = book) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const sheet = wb.getWorksheet(SHEET)!;
  const rows = new Map<string, number>();
  sheet.eachRow((row, r) => {
    const id = row.getCell(2).value;
    if (r > 4 && typeof id === 'string') rows.set(id, r);
  });
  const tail = new Map<string, number>();
  sheet.eachRow((row, r) => {
    const label = row.getCell(1).value;
    if (typeof label === 'string') tail.set(label, r);
  });
  return { wb, sheet, rows, tail };
}

/** Types the example's first quarter into the form, as a person would, and saves it as `name`. */
async function fillForm(name: string, edit?: (f: Awaited<ReturnType<typeof openForm>>) => void) {
  const form = await openForm();
  const { sheet, rows, tail } = form;
  sheet.getCell('B2').value = example.reporter;
  sheet.getCell('E2').value = example.date.replace(/-0?/g, '/'); // 2025/4/8, as typed
  if (example.addressee) sheet.getCell('I2').value = example.addressee;
  example.measures.forEach((m, i) => {
    const r = rows.get(m.id)!;
    // Every third status with spaces around it, as pasted from a chat message.
    sheet.getCell(`F${r}`).value =
      i % 3 === 0 ? ` ${STATUS_LABELS[m.status]} ` : STATUS_LABELS[m.status];
    // Percent as a number, as '20%' text, as Chinese numerals, and as Excel stores a typed 20%.
    const percent = sheet.getCell(`G${r}`);
    if (i % 4 === 0) percent.value = m.percent;
    else if (i % 4 === 1) percent.value = `${m.percent}%`;
    else if (i % 4 === 2) percent.value = chineseNumber(m.percent);
    else {
      percent.value = m.percent / 100;
      // A style of its own: exceljs shares style objects between cells read from one style id.
      percent.style = { ...percent.style, numFmt: '0%' };
    }
    if (m.done) sheet.getCell(`H${r}`).value = m.done.map((d, n) => `${n + 1}. ${d}`).join('\n');
    if (m.problems) sheet.getCell(`I${r}`).value = m.problems.join('\n');
    if (m.next) sheet.getCell(`J${r}`).value = m.next.join('\n');
  });
  for (const x of example.indicators ?? []) {
    const r = rows.get(x.id)!;
    sheet.getCell(`N${r}`).value = x.actual;
    if (x.note) sheet.getCell(`O${r}`).value = x.note;
  }
  if (example.summary) sheet.getCell(`B${tail.get('总体情况')}`).value = example.summary;
  sheet.getCell(`B${tail.get('存在问题')}`).value = (example.problems ?? []).join('\n');
  sheet.getCell(`B${tail.get('下一步工作计划')}`).value = (example.next_steps ?? []).join('\n');
  edit?.(form);
  const file = path.join(work, name);
  await form.wb.xlsx.writeFile(file);
  return file;
}

const unescapeXml = (s: string): string =>
  s
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');

/** 20 -> 二十, 100 -> 一百, 5 -> 五 (what someone types in Chinese). */
function chineseNumber(n: number): string {
  if (n === 100) return '一百';
  if (n < 10) return chineseNumeral(n);
  const tens = Math.floor(n / 10);
  return `${tens === 1 ? '' : chineseNumeral(tens)}十${n % 10 === 0 ? '' : chineseNumeral(n % 10)}`;
}

describe('export-table', () => {
  it('writes the task table, the indicators and one form per quarter, with a hidden plan link', async () => {
    const zip = await JSZip.loadAsync(readFileSync(book));
    const workbook = await zip.file('xl/workbook.xml')!.async('string');
    const names = [...workbook.matchAll(/<sheet [^>]*name="([^"]+)"/g)].map((m) => m[1]);
    expect(names).toEqual([
      '任务分工表',
      '指标',
      '2025年第一季度进展',
      '2025年第二季度进展',
      '2025年第三季度进展',
      '2025年第四季度进展',
      'fangan',
    ]);
    expect(workbook).toMatch(/<sheet [^>]*name="fangan"[^>]*state="hidden"/);
    // Print titles: the header row repeats on every printed page.
    expect(unescapeXml(workbook)).toContain(`'${SHEET}'!$4:$4`);

    const { sheet, rows } = await openForm();
    const { plan } = await loadPlan(planPath);
    const measures = plan!.measures;
    const indicators = plan!.goals.flatMap((g) => g.indicators ?? []);
    expect([...rows.keys()]).toEqual([
      ...measures.map((m) => m.id),
      ...indicators.map((x) => x.id),
    ]);
    expect(sheet.getCell(`C${rows.get(measures[0]!.id)}`).value).toBe(measures[0]!.title);
    expect(sheet.getCell(`D${rows.get(measures[0]!.id)}`).value).toBe(
      plan!.units.find((u) => u.id === measures[0]!.lead)!.name,
    );
    expect(sheet.getCell('G2').value).toBe('2025Q1');
  });

  it('defines the drop-down, the 0–100 check, frozen header, protection and A4 landscape in the sheet XML', async () => {
    const zip = await JSZip.loadAsync(readFileSync(book));
    const xml = await zip.file('xl/worksheets/sheet3.xml')!.async('string');
    const { rows } = await openForm();
    const r = rows.get('M1')!;
    const last = rows.get('M12')!;
    const checks = [
      ...xml.matchAll(
        /<dataValidation type="(\w+)"[^>]*sqref="([^"]+)"[^>]*>\s*<formula1>([^<]*)<\/formula1>(?:\s*<formula2>([^<]*)<\/formula2>)?/g,
      ),
    ].map((m) => ({ type: m[1], sqref: m[2], formula1: unescapeXml(m[3] ?? ''), formula2: m[4] }));
    // One range per column, no overlaps: the status list and the 0–100 whole number over all measures.
    expect(checks).toContainEqual({
      type: 'list',
      sqref: `F${r}:F${last}`,
      formula1: '"未启动,推进中,已完成,滞后,已取消"',
      formula2: undefined,
    });
    expect(checks).toContainEqual({
      type: 'whole',
      sqref: `G${r}:G${last}`,
      formula1: '0',
      formula2: '100',
    });
    expect(checks.filter((c) => c.sqref?.startsWith('F'))).toHaveLength(1);
    expect(checks.find((c) => c.type === 'decimal')?.sqref).toBe(
      `N${rows.get('literacy')}:N${rows.get('family_doctor')}`,
    );
    expect(xml).toMatch(/<pane [^>]*ySplit="4"[^>]*state="frozen"/);
    expect(xml).toMatch(/<sheetProtection [^>]*sheet="1"/);
    expect(xml).toMatch(/<pageSetup [^>]*paperSize="9"[^>]*orientation="landscape"/);
    // Fill-in cells are unlocked, plan cells are not.
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(book);
    const sheet = wb.getWorksheet(SHEET)!;
    expect(sheet.getCell(`F${r}`).protection?.locked).toBe(false);
    expect(sheet.getCell(`C${r}`).protection?.locked).not.toBe(false);
  });

  it('gives the same bytes every time, with the zip entries dated on the plan date', async () => {
    const again = await fangan('export-table', 'plan.yaml', '-o', 'again.xlsx');
    expect(again.code).toBe(0);
    const a = readFileSync(book);
    const b = readFileSync(path.join(work, 'again.xlsx'));
    expect(b.equals(a)).toBe(true);
    const zip = await JSZip.loadAsync(a);
    const dates = new Set(Object.values(zip.files).map((f) => f.date.toISOString().slice(0, 10)));
    expect([...dates]).toEqual(['2025-01-15']);
  });

  it('writes nothing for a plan with errors', async () => {
    const broken = path.join(work, 'broken.yaml');
    writeFileSync(broken, readFileSync(planPath, 'utf8').replace('lead: wjb', 'lead: nobody'));
    const r = await fangan('export-table', broken);
    expect(r.code).toBe(1);
    expect(r.err).toContain('FG6401');
    expect(existsSync(path.join(work, 'broken.xlsx'))).toBe(false);
  });

  it('does not overwrite a workbook (it may be a filled form) without --force', async () => {
    const before = readFileSync(book);
    const r = await fangan('export-table', 'plan.yaml');
    expect(r.code).toBe(2);
    expect(r.err).toContain('FG6402');
    expect(readFileSync(book).equals(before)).toBe(true);
    expect((await fangan('export-table', 'plan.yaml', '--to', 'csv')).err).toContain('FG6400');
  });
});

describe('progress import', () => {
  it('turns a form filled by hand into a progress file that validates and matches the example', async () => {
    const filled = await fillForm('filled.xlsx');
    const r = await fangan('progress', 'import', filled, '-o', 'progress/2025Q1.yaml');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const out = path.join(work, 'progress/2025Q1.yaml');
    const { progress, result } = await loadProgress(out);
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(progress!.plan).toBe('../plan.yaml');
    expect(progress!.quarter).toBe('2025Q1');
    expect(progress!.reporter).toBe(example.reporter);
    expect(progress!.addressee).toBe(example.addressee);
    expect(progress!.date).toBe(example.date);
    expect(progress!.summary).toBe(example.summary);
    expect(progress!.problems).toEqual(example.problems);
    expect(progress!.next_steps).toEqual(example.next_steps);
    const pick = (p: Progress) =>
      p.measures.map(({ id, status, percent, done, problems, next }) => ({
        id,
        status,
        percent,
        done,
        problems,
        next,
      }));
    expect(pick(progress!)).toEqual(pick(example));
    const byId = (list: Progress['indicators']) =>
      [...(list ?? [])].sort((a, b) => a.id.localeCompare(b.id));
    expect(byId(progress!.indicators)).toEqual(byId(example.indicators));
  }, 30_000);

  it('finds the filled sheet by itself and writes Chinese keys with --keys zh', async () => {
    const r = await fangan('progress', 'import', 'filled.xlsx', '--keys', 'zh', '-o', '-');
    expect(r.code).toBe(0);
    expect(r.out).toContain('报送单位: 青溪镇卫生健康办');
    expect(r.out).toMatch(/状态: 推进中/);
    const zhFile = path.join(work, 'progress/zh.yaml');
    expect(
      (await fangan('progress', 'import', 'filled.xlsx', '--keys', 'zh', '-o', zhFile)).code,
    ).toBe(0);
    const { result } = await loadProgress(zhFile);
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  }, 30_000);

  it('points at the cell of each bad value and writes nothing', async () => {
    let at: Record<string, number> = {};
    const bad = await fillForm('bad.xlsx', ({ sheet, rows }) => {
      at = Object.fromEntries(rows);
      sheet.getCell(`F${rows.get('M2')}`).value = '进行ing';
      sheet.getCell(`G${rows.get('M3')}`).value = '大概一半';
      sheet.getCell(`G${rows.get('M4')}`).value = 120;
      sheet.getCell(`F${rows.get('M5')}`).value = null;
      sheet.getCell(`B${rows.get('M6')}`).value = 'M66';
      sheet.getCell(`N${rows.get('lectures')}`).value = '约九场左右';
      sheet.getCell('E2').value = '四月八号';
    });
    const out = path.join(work, 'progress/bad.yaml');
    const r = await fangan('progress', 'import', bad, '-o', out);
    expect(r.code).toBe(1);
    expect(existsSync(out)).toBe(false);
    const expected = [
      `bad.xlsx:${SHEET}!E2  错误  报送日期“四月八号”不是有效的日期  FG6514`,
      `bad.xlsx:${SHEET}!F${at.M2}  错误  状态“进行ing”无法识别  FG6511`,
      `bad.xlsx:${SHEET}!G${at.M3}  错误  完成比例“大概一半”不是数字  FG6512`,
      `bad.xlsx:${SHEET}!G${at.M4}  错误  完成比例“120”超出 0 到 100 的范围  FG6513`,
      `bad.xlsx:${SHEET}!F${at.M5}  错误  “状态”没有填写  FG6510`,
      `bad.xlsx:${SHEET}!B${at.M6}  错误  工作方案中没有编号为“M66”的重点工作  FG6515`,
      `bad.xlsx:${SHEET}!N${at.lectures}  错误  当前值“约九场左右”不是数字  FG6518`,
    ];
    for (const line of expected) expect(r.err).toContain(line);
    expect(r.err).toContain('提示：是不是“M6”？');
    expect(r.err).toContain('提示：可选：未启动、推进中、已完成、滞后、已取消');
    expect(r.err).toContain('FG6521');
  }, 30_000);

  it('reads a date Excel stored as a serial number and places rule problems at their cells', async () => {
    let row = 0;
    const file = await fillForm('serial.xlsx', ({ sheet, rows }) => {
      row = rows.get('M2')!;
      sheet.getCell('E2').value = 45755; // 2025-04-08 with the date format lost
      sheet.getCell('E2').style = { ...sheet.getCell('E2').style, numFmt: 'General' };
      sheet.getCell(`G${row}`).value = 100; // but the status says 推进中
    });
    const r = await fangan('progress', 'import', file, '-o', '-');
    expect(r.code).toBe(1);
    expect(r.err).toMatch(new RegExp(`serial\\.xlsx:${SHEET}!F${row}  错误  .*FG2206`));
    expect(r.err).not.toContain('FG6514');

    const fixed = await fillForm('serial-ok.xlsx', ({ sheet, rows }) => {
      sheet.getCell(`N${rows.get('smoking')}`).value = '—'; // 本季度不监测
      sheet.getCell('E2').value = 45755;
      sheet.getCell('E2').style = { ...sheet.getCell('E2').style, numFmt: 'General' };
    });
    const ok = await fangan('progress', 'import', fixed, '-o', '-');
    expect(ok.code).toBe(0);
    expect(ok.out).toMatch(/^date: 2025-04-08$/m);
    expect(ok.out).not.toContain('id: smoking');

    // Old Mac workbooks count days from 1904: the same day is 1462 less.
    const mac = await fillForm('serial-1904.xlsx', ({ wb, sheet }) => {
      wb.properties.date1904 = true;
      sheet.getCell('E2').value = 45755 - 1462;
      sheet.getCell('E2').style = { ...sheet.getCell('E2').style, numFmt: 'General' };
    });
    const fromMac = await fangan('progress', 'import', mac, '-o', '-');
    expect(fromMac.code).toBe(0);
    expect(fromMac.out).toMatch(/^date: 2025-04-08$/m);
  }, 30_000);

  it('asks which sheet when several are filled, and finds the plan or asks for --plan', async () => {
    const two = await fillForm('two.xlsx', ({ wb }) => {
      wb.getWorksheet('2025年第二季度进展')!.getCell('F5').value = '推进中';
    });
    const r = await fangan('progress', 'import', two, '-o', '-');
    expect(r.code).toBe(2);
    expect(r.err).toContain('FG6502');
    expect((await fangan('progress', 'import', two, '--sheet', SHEET, '-o', '-')).code).toBe(0);
    expect(
      (await fangan('progress', 'import', two, '--quarter', '2025Q3', '-o', '-')).err,
    ).toContain('FG6510');

    // Moved away from its plan: the hidden link no longer resolves.
    const elsewhere = mkdtempSync(path.join(work, 'mail-'));
    copyFileSync(path.join(work, 'filled.xlsx'), path.join(elsewhere, 'filled.xlsx'));
    const lost = await fangan('progress', 'import', path.join(elsewhere, 'filled.xlsx'), '-o', '-');
    expect(lost.code).toBe(2);
    expect(lost.err).toContain('FG6507');
    const found = await fangan(
      'progress',
      'import',
      path.join(elsewhere, 'filled.xlsx'),
      '--plan',
      planPath,
      '-o',
      '-',
    );
    expect(found.code).toBe(0);
  }, 60_000);

  it('does not overwrite an existing progress file without --force', async () => {
    const out = path.join(work, 'progress/2025Q1.yaml');
    const before = readFileSync(out, 'utf8');
    const r = await fangan('progress', 'import', 'filled.xlsx');
    expect(r.code).toBe(2);
    expect(r.err).toContain('FG7020');
    expect(readFileSync(out, 'utf8')).toBe(before);
    expect((await fangan('progress', 'import', 'filled.xlsx', '--force')).code).toBe(0);
  }, 30_000);

  it('refuses a file that is not a workbook', async () => {
    const r = await fangan('progress', 'import', planPath, '-o', '-');
    expect(r.code).toBe(1);
    expect(r.err).toContain('FG6500');
  });
});

const has = (cmd: string): boolean => spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0;

describe('a form re-saved by LibreOffice (as WPS and Excel users do)', () => {
  // soffice without the Calc module cannot open spreadsheets: probe with a real conversion.
  const profile = path.join(work, 'lo-profile');
  const convert = (file: string, outdir: string) =>
    spawnSync(
      'soffice',
      [
        `-env:UserInstallation=file://${profile}`,
        '--headless',
        '--convert-to',
        'xlsx',
        '--outdir',
        outdir,
        file,
      ],
      { encoding: 'utf8', timeout: 120_000, env: { ...process.env, HOME: work } },
    );
  let reason = has('soffice') ? '' : 'soffice not installed';
  const resaved = path.join(work, 'resaved');
  beforeAll(async () => {
    if (reason) return;
    const file = await fillForm('for-lo.xlsx');
    const r = convert(file, resaved);
    if (!existsSync(path.join(resaved, 'for-lo.xlsx')))
      reason = `LibreOffice could not convert xlsx (Calc missing?): ${r.stderr.trim().split('\n').pop()}`;
  }, 180_000);

  it('still imports to the same progress', async ({ skip }) => {
    if (reason) {
      console.warn(`table-roundtrip LibreOffice test skipped: ${reason}`);
      skip(reason);
    }
    // Really LibreOffice's file, not a copy of ours.
    const app = await (
      await JSZip.loadAsync(readFileSync(path.join(resaved, 'for-lo.xlsx')))
    )
      .file('docProps/app.xml')!
      .async('string');
    expect(app).toMatch(/LibreOffice/);
    const direct = await fangan('progress', 'import', 'for-lo.xlsx', '-o', '-');
    const viaLo = await fangan(
      'progress',
      'import',
      path.join(resaved, 'for-lo.xlsx'),
      '--plan',
      planPath,
      '-o',
      '-',
    );
    expect(viaLo.err).toBe('');
    expect(viaLo.code).toBe(0);
    const body = (s: string) =>
      s
        .split('\n')
        .filter((l) => !l.startsWith('#'))
        .join('\n');
    expect(body(viaLo.out)).toBe(body(direct.out));
  }, 60_000);
});
