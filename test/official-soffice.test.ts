/**
 * The 公文 example (examples/qingxi/plan-official.yaml) as LibreOffice lays it out: page order,
 * 版头 and 版记, the even 版记 page and the blank page before it, custom-section numbering, the
 * signature date offset, the title's line breaks, the red masthead and line (pixels of page 1),
 * and a variant with a landscape attachment, measured with pdftotext -bbox, pdfinfo and
 * pdftoppm. Skips with the reason when soffice or poppler is missing.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { inflateSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from '../src/cli/main.js';
import { captureIO } from './helpers/io.js';

const has = (cmd: string): boolean => spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0;
const ready = has('soffice') && has('pdftotext') && has('pdfinfo') && has('pdftoppm');
const reason = ready ? '' : ' (skipped: soffice/pdftotext/pdfinfo/pdftoppm not installed)';
if (!ready) console.warn(`official-document LibreOffice test${reason}`);

const work = mkdtempSync(path.join(tmpdir(), 'fangan-official-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
let pdf = '';
let pages = 0;
/** The example with its task table on a landscape page and a second attachment after it. */
let landscapePdf = '';

interface Word {
  text: string;
  xMin: number;
  xMax: number;
  yMin: number;
  yMax: number;
}
const words = (page: number, file = pdf): Word[] => {
  const xml = spawnSync('pdftotext', ['-f', `${page}`, '-l', `${page}`, '-bbox', file, '-'], {
    encoding: 'utf8',
  }).stdout;
  return [
    ...xml.matchAll(
      /<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</g,
    ),
  ].map((m) => ({
    xMin: Number(m[1]),
    yMin: Number(m[2]),
    xMax: Number(m[3]),
    yMax: Number(m[4]),
    text: m[5] ?? '',
  }));
};
const text = (page: number, file = pdf): string =>
  words(page, file)
    .map((w) => w.text)
    .join('');
const find = (page: number, start: string): Word => {
  const word = words(page).find((w) => w.text.startsWith(start));
  expect(word, `“${start}” on page ${page}`).toBeDefined();
  return word as Word;
};
const pageCount = (file: string): number =>
  Number(/Pages:\s+(\d+)/.exec(spawnSync('pdfinfo', [file], { encoding: 'utf8' }).stdout)?.[1]);
/** `— 12 —` as pdftotext gives it: dashes and digits, with or without spaces. */
const PAGE_NUMBER = /—\s*(\d+)\s*—/;
const pageNumber = (page: number, file = pdf): number | undefined => {
  const found = PAGE_NUMBER.exec(text(page, file));
  return found ? Number(found[1]) : undefined;
};

/** Renders a plan file to PDF in its own folder; returns the PDF's path. */
async function renderPdf(plan: string, out: string): Promise<string> {
  const io = captureIO({ env: { PATH: process.env.PATH ?? '' } });
  const code = await run(['render', plan, '-o', out, '--to', 'pdf'], io);
  expect(code, io.err()).toBe(0);
  return path.join(out, readdirSync(out).find((n) => n.endsWith('.pdf')) ?? '');
}

beforeAll(async () => {
  if (!ready) return;
  pdf = await renderPdf('examples/qingxi/plan-official.yaml', path.join(work, 'official'));
  pages = pageCount(pdf);
  const source = readFileSync('examples/qingxi/plan-official.yaml', 'utf8');
  const table = '  - { title: 重点任务分工表, table: measures }';
  expect(source).toContain(table);
  const variant = source.replace(
    table,
    '  - { title: 重点任务分工表, table: measures, landscape: true }\n' +
      '  - { title: 创建工作联系人名单, text: 镇卫生健康办王芳，电话0000-1234567。 }',
  );
  mkdirSync(path.join(work, 'variant'));
  const file = path.join(work, 'variant', 'plan-landscape.yaml');
  writeFileSync(file, variant);
  landscapePdf = await renderPdf(file, path.join(work, 'landscape'));
}, 240_000);

/** Pixels of a page rendered by pdftoppm: a minimal PNG reader (8-bit RGB, zlib from node). */
function pagePixels(file: string, page: number, dpi: number) {
  const png = spawnSync(
    'pdftoppm',
    ['-f', `${page}`, '-l', `${page}`, '-r', `${dpi}`, '-png', '-singlefile', file],
    { maxBuffer: 64 * 1024 * 1024 },
  ).stdout as Buffer;
  expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
  let at = 8;
  let width = 0;
  let height = 0;
  const data: Buffer[] = [];
  while (at < png.length) {
    const length = png.readUInt32BE(at);
    const type = png.subarray(at + 4, at + 8).toString('latin1');
    const body = png.subarray(at + 8, at + 8 + length);
    if (type === 'IHDR') {
      width = body.readUInt32BE(0);
      height = body.readUInt32BE(4);
      expect([body[8], body[9]], 'bit depth 8, colour type RGB').toEqual([8, 2]);
    } else if (type === 'IDAT') data.push(body);
    at += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(data));
  const stride = width * 3;
  const pixels = Buffer.alloc(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    for (let x = 0; x < stride; x++) {
      const value = raw[y * (stride + 1) + 1 + x] ?? 0;
      const left = x >= 3 ? (pixels[y * stride + x - 3] ?? 0) : 0;
      const up = y > 0 ? (pixels[(y - 1) * stride + x] ?? 0) : 0;
      const corner = x >= 3 && y > 0 ? (pixels[(y - 1) * stride + x - 3] ?? 0) : 0;
      let predicted = 0;
      if (filter === 1) predicted = left;
      else if (filter === 2) predicted = up;
      else if (filter === 3) predicted = (left + up) >> 1;
      else if (filter === 4) {
        const p = left + up - corner;
        const [a, b, c] = [Math.abs(p - left), Math.abs(p - up), Math.abs(p - corner)];
        predicted = a <= b && a <= c ? left : b <= c ? up : corner;
      }
      pixels[y * stride + x] = (value + predicted) & 0xff;
    }
  }
  /** Clearly red pixels in rows [top, bottom) (page points), and the widest red run of a row. */
  const red = (topPt: number, bottomPt: number) => {
    let count = 0;
    let widestRun = 0;
    const from = Math.max(0, Math.floor((topPt * dpi) / 72));
    const to = Math.min(height, Math.ceil((bottomPt * dpi) / 72));
    for (let y = from; y < to; y++) {
      let run = 0;
      for (let x = 0; x < width; x++) {
        const i = y * stride + x * 3;
        const isRed =
          (pixels[i] ?? 0) > 180 && (pixels[i + 1] ?? 255) < 110 && (pixels[i + 2] ?? 255) < 110;
        if (isRed) count++;
        run = isRed ? run + 1 : 0;
        widestRun = Math.max(widestRun, run);
      }
    }
    return { count, widestRunPt: (widestRun * 72) / dpi };
  };
  return { red };
}

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

  it('ends with the 版记 on an even last page; it and the blank page before it carry no number', () => {
    // GB/T 9704 7.4, 7.5: the 版记 is on the last page, an even one (封四). This example's text
    // ends on an even page, so a blank page comes between; neither it nor the 版记 page is
    // numbered, and every page before them is, in order.
    expect(pages % 2).toBe(0);
    const last = text(pages);
    expect(last).toContain('抄送');
    expect(last).toContain('印发');
    expect(pageNumber(pages)).toBeUndefined();
    expect(text(pages - 1)).toBe('');
    for (let page = 1; page <= pages - 2; page++)
      expect(pageNumber(page), `page ${page}`).toBe(page);
  });

  it('gives no blank page when the text ends on an odd page (the landscape variant)', () => {
    const count = pageCount(landscapePdf);
    expect(count % 2).toBe(0);
    expect(text(count, landscapePdf)).toContain('抄送');
    expect(pageNumber(count, landscapePdf)).toBeUndefined();
    // the page before the 版记 is the last page of text, numbered
    expect(text(count - 1, landscapePdf)).toContain('创建工作联系人名单');
    expect(pageNumber(count - 1, landscapePdf)).toBe(count - 1);
  });

  it('starts the notice body on page 1; only its last lines go over with the signature', () => {
    const first = text(1);
    expect(first).toContain('现将《青溪镇创建健康促进镇工作方案》');
    // The issuer follows on the next page together with the end of the body, never alone.
    const second = text(2);
    const issuer = second.indexOf('青溪镇人民政府');
    expect(issuer).toBeGreaterThan(second.indexOf('报镇卫生健康办。'));
    expect(second.indexOf('报镇卫生健康办。')).toBeGreaterThan(0);
  });

  it('prints the masthead and the separator line in red, the title below in black', () => {
    const masthead = find(1, '青溪镇人民政府文件');
    const number = find(1, '青政发');
    const title = find(1, '关于印发');
    const { red } = pagePixels(pdf, 1, 50);
    // 9 characters of 小初 (36 pt): a good share of their strokes are red pixels.
    expect(red(masthead.yMin, masthead.yMax).count).toBeGreaterThan(400);
    // The line 4 mm under the 发文字号: one red run nearly as wide as the text block (156 mm).
    const line = red(number.yMax, title.yMin);
    expect(line.widestRunPt).toBeGreaterThan(0.95 * ((156 * 72) / 25.4));
    expect(red(title.yMin, title.yMax).count).toBe(0);
  });

  it('lays the landscape attachment on a landscape page, page numbers running on around it', () => {
    const count = pageCount(landscapePdf);
    const info = spawnSync('pdfinfo', ['-f', '1', '-l', `${count}`, landscapePdf], {
      encoding: 'utf8',
    }).stdout;
    const sizes = [...info.matchAll(/Page\s+(\d+) size:\s+([\d.]+) x ([\d.]+)/g)].map((m) => ({
      page: Number(m[1]),
      landscape: Number(m[2]) > Number(m[3]),
    }));
    expect(sizes).toHaveLength(count);
    const wide = sizes.filter((s) => s.landscape).map((s) => s.page);
    expect(wide.length).toBeGreaterThan(0);
    const table = wide[0] as number;
    expect(text(table, landscapePdf)).toContain('重点任务分工表');
    // The landscape page's text runs along the long side: a line of the table wider than A4 is.
    const widest = Math.max(...words(table, landscapePdf).map((w) => w.xMax));
    expect(widest).toBeGreaterThan(600);
    for (const page of [table - 1, ...wide, wide[wide.length - 1]! + 1])
      expect(pageNumber(page, landscapePdf), `page ${page}`).toBe(page);
  });

  it('sets the date two characters right of where the issuer starts (7.3.5)', () => {
    // The notice's signature: the issuer alone on its line, the date under it.
    const page = Array.from({ length: pages }, (_, i) => i + 1).find((p) =>
      text(p).includes('青溪镇人民政府2025年1月15日'),
    ) as number;
    expect(page).toBeDefined();
    const issuer = words(page).find((w) => w.text === '青溪镇人民政府') as Word;
    expect(issuer).toBeDefined();
    const year = words(page).find((w) => w.text === '2025' && w.yMin > issuer.yMin) as Word;
    expect(year).toBeDefined();
    // 3号 = 16 pt a character.
    expect(year.xMin - issuer.xMin).toBeGreaterThan(28);
    expect(year.xMin - issuer.xMin).toBeLessThan(36);
  });

  it('sets digits in Liberation Serif (Times New Roman metrics), not DejaVu Serif', () => {
    const fonts = spawnSync('pdffonts', [pdf], { encoding: 'utf8' }).stdout;
    const liberation = spawnSync('fc-list', ['Liberation Serif'], { encoding: 'utf8' }).stdout;
    if (liberation.trim() === '') {
      console.warn('digit font check skipped: Liberation Serif not installed (fonts-liberation)');
      return;
    }
    expect(fonts).toMatch(/LiberationSerif/);
    expect(fonts).not.toMatch(/DejaVuSerif/);
  });

  it('breaks the long title between words into centred lines', () => {
    const lines = words(1).filter((w) => /关于印发|的通知/.test(w.text));
    expect(lines).toHaveLength(2);
    // The text block runs from 28 mm to 210 − 26 mm: its centre is at 300.5 pt.
    for (const line of lines) expect(Math.abs((line.xMin + line.xMax) / 2 - 300.5)).toBeLessThan(4);
    expect(lines[0]!.text.endsWith('《')).toBe(false);
    // 健康促进镇 stays on one line: 《…健康促进镇 / 工作方案》的通知
    expect(lines.map((l) => l.text)).toEqual([
      '关于印发《青溪镇创建健康促进镇',
      '工作方案》的通知',
    ]);
  });
});
