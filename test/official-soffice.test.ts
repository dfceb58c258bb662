/**
 * The 公文 example (examples/qingxi/plan-official.yaml) as LibreOffice lays it out: page order,
 * 版头 and 版记, custom-section numbering, the signature date offset and the title's line breaks,
 * measured with pdftotext -bbox. Skips with the reason when soffice or poppler is missing.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from '../src/cli/main.js';
import { captureIO } from './helpers/io.js';

const has = (cmd: string): boolean => spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0;
const ready = has('soffice') && has('pdftotext') && has('pdfinfo');
const reason = ready ? '' : ' (skipped: soffice/pdftotext/pdfinfo not installed)';
if (!ready) console.warn(`official-document LibreOffice test${reason}`);

const work = mkdtempSync(path.join(tmpdir(), 'fangan-official-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
let pdf = '';
let pages = 0;

interface Word {
  text: string;
  xMin: number;
  xMax: number;
  yMin: number;
}
const words = (page: number): Word[] => {
  const xml = spawnSync('pdftotext', ['-f', `${page}`, '-l', `${page}`, '-bbox', pdf, '-'], {
    encoding: 'utf8',
  }).stdout;
  return [
    ...xml.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)"[^>]*>([^<]*)</g),
  ].map((m) => ({ xMin: Number(m[1]), yMin: Number(m[2]), xMax: Number(m[3]), text: m[4] ?? '' }));
};
const text = (page: number): string =>
  words(page)
    .map((w) => w.text)
    .join('');
const find = (page: number, start: string): Word => {
  const word = words(page).find((w) => w.text.startsWith(start));
  expect(word, `“${start}” on page ${page}`).toBeDefined();
  return word as Word;
};

beforeAll(async () => {
  if (!ready) return;
  const io = captureIO({ env: { PATH: process.env.PATH ?? '' } });
  const code = await run(
    ['render', 'examples/qingxi/plan-official.yaml', '-o', work, '--to', 'pdf'],
    io,
  );
  expect(code, io.err()).toBe(0);
  pdf = path.join(work, readdirSync(work).find((n) => n.endsWith('.pdf')) ?? '');
  const info = spawnSync('pdfinfo', [pdf], { encoding: 'utf8' }).stdout;
  pages = Number(/Pages:\s+(\d+)/.exec(info)?.[1] ?? 0);
}, 180_000);

describe.skipIf(!ready)(`the official example in LibreOffice${reason}`, () => {
  it('page 1: 版头 (份号, 密级, 紧急程度, masthead, 发文字号 left of 签发人), then the notice', () => {
    const first = text(1);
    const order = [
      '000012',
      '内部',
      '加急',
      '青溪镇人民政府文件',
      '青政发',
      '签发人',
      '关于印发',
      '各村',
    ];
    const at = order.map((s) => first.indexOf(s));
    expect(
      at.every((i) => i >= 0),
      first,
    ).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
    expect(find(1, '青政发').xMax).toBeLessThan(find(1, '签发人').xMin);
  });

  it('the notice comes before the plan, which follows as its attachment', () => {
    const all = Array.from({ length: pages }, (_, i) => text(i + 1));
    const notice = all.findIndex((t) => t.includes('印发给你们'));
    const attachment = all.findIndex((t, i) => i > notice && t.startsWith('附件'));
    expect(notice).toBeGreaterThanOrEqual(0);
    expect(attachment).toBeGreaterThan(notice);
    expect(all[attachment]).toContain('一、');
  });

  it('numbers the custom section in the outline (四、实施策略 after 三、组织领导)', () => {
    const all = Array.from({ length: pages }, (_, i) => text(i + 1)).join('');
    const three = all.indexOf('三、组织领导');
    const four = all.indexOf('四、实施策略');
    const five = all.indexOf('五、重点工作及措施');
    expect(three).toBeGreaterThan(0);
    expect(four).toBeGreaterThan(three);
    expect(five).toBeGreaterThan(four);
  });

  it('ends with the 版记 on the last page, without a page number', () => {
    // GB/T 9704 7.4 wants that page even; LibreOffice puts it on page 15 today (issue 8 note).
    const last = text(pages);
    expect(last).toContain('抄送');
    expect(last).toContain('印发');
    expect(last).not.toMatch(/—\d+—/);
  });

  it('sets the date two characters right of where the issuer starts (7.3.5)', () => {
    const page = Array.from({ length: pages }, (_, i) => i + 1).find((p) =>
      text(p).includes('印发给你们'),
    ) as number;
    const issuer = find(page, '青溪镇人民政府');
    const year = find(page, '2025');
    // 3号 = 16 pt a character.
    expect(year.xMin - issuer.xMin).toBeGreaterThan(28);
    expect(year.xMin - issuer.xMin).toBeLessThan(36);
  });

  it('breaks the long title between words into centred lines', () => {
    const lines = words(1).filter((w) => /关于印发|的通知/.test(w.text));
    expect(lines).toHaveLength(2);
    // The text block runs from 28 mm to 210 − 26 mm: its centre is at 300.5 pt.
    for (const line of lines) expect(Math.abs((line.xMin + line.xMax) / 2 - 300.5)).toBeLessThan(4);
    expect(lines[0]!.text.endsWith('《')).toBe(false);
  });
});
