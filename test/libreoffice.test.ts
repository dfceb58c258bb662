import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultProfile, fontconfigXml, markdownToDocx } from '../src/docx/index.js';
import { META, planMarkdown } from './fixtures/docx/helpers.js';

/**
 * Real-reader tests: LibreOffice turns our .docx into PDF, poppler reads the PDF back. They show
 * that a real word processor sees the GB/T 9704 layout (22 lines of 28 characters, footers,
 * attachments on new pages, the chart), not only that our XML says so.
 */
const has = (command: string, args: string[]): boolean =>
  spawnSync(command, args, { stdio: 'ignore' }).status === 0;
const hasSoffice = has('soffice', ['--version']);
const hasPoppler = has('pdfinfo', ['-v']) && has('pdftotext', ['-v']) && has('pdftoppm', ['-v']);
const missing = [
  !hasSoffice && 'soffice (libreoffice-writer-nogui)',
  !hasPoppler && 'poppler-utils',
]
  .filter(Boolean)
  .join(', ');
if (missing) console.warn(`libreoffice tests skipped: ${missing} not installed`);

const BODY_SENTENCE = '各责任单位要按照职责分工细化工作措施明确时间节点确保各项任务落到实处';
/**
 * 27 paragraphs of 4 lines each (26 characters after the indent, 28, 28, then a short last line):
 * pages of nothing but body text.
 */
const bodyMarkdown = Array.from(
  { length: 27 },
  (_, i) =>
    `${BODY_SENTENCE.repeat(3).slice(0, 26 + 28 + 28)}第${'一二三四五六七八九'[i % 9]}段末行。`,
).join('\n\n');

const nastyMarkdown = 'A\\&B \\<C> \u0001E\u000bF\ufffeG\ud800H 结束。';

let dir = '';
const pdf = (name: string): string => join(dir, `${name}.pdf`);

function pdfPages(name: string): number {
  const info = spawnSync('pdfinfo', [pdf(name)], { encoding: 'utf8' }).stdout;
  return Number(/^Pages:\s+(\d+)/m.exec(info)?.[1] ?? 0);
}

function pageText(name: string, page: number): string {
  return spawnSync(
    'pdftotext',
    ['-layout', '-f', String(page), '-l', String(page), pdf(name), '-'],
    { encoding: 'utf8' },
  ).stdout;
}

interface Line {
  y: number;
  x: number;
  text: string;
}

/** Text lines of one page from `pdftotext -bbox`: words grouped by their baseline. */
function pageLines(name: string, page: number): Line[] {
  const html = spawnSync(
    'pdftotext',
    ['-bbox', '-f', String(page), '-l', String(page), pdf(name), '-'],
    { encoding: 'utf8' },
  ).stdout;
  const lines = new Map<number, Line>();
  for (const m of html.matchAll(
    /<word xMin="([\d.]+)" yMin="[\d.]+" xMax="[\d.]+" yMax="([\d.]+)">([^<]*)<\/word>/g,
  )) {
    const y = Math.round(Number(m[2]));
    const line = lines.get(y) ?? { y, x: Number(m[1]), text: '' };
    line.x = Math.min(line.x, Number(m[1]));
    line.text += m[3];
    lines.set(y, line);
  }
  return [...lines.values()].sort((a, b) => a.y - b.y);
}

/** Share of pixels of a page (rendered at 30 dpi) close to the given colour. */
function colourShare(name: string, page: number, rgb: [number, number, number]): number {
  const base = join(dir, `${name}-p${page}`);
  spawnSync('pdftoppm', [
    '-r',
    '30',
    '-f',
    String(page),
    '-l',
    String(page),
    '-singlefile',
    pdf(name),
    base,
  ]);
  const ppm = readFileSync(`${base}.ppm`);
  // P6 header: magic, width, height, maxval, each followed by whitespace
  const header = /^P6\s+(\d+)\s+(\d+)\s+255\s/.exec(ppm.subarray(0, 40).toString('latin1'));
  if (!header) throw new Error('unexpected ppm header');
  const pixels = ppm.subarray(header[0].length);
  let hits = 0;
  for (let i = 0; i + 2 < pixels.length; i += 3) {
    const close =
      Math.abs((pixels[i] ?? 0) - rgb[0]) +
      Math.abs((pixels[i + 1] ?? 0) - rgb[1]) +
      Math.abs((pixels[i + 2] ?? 0) - rgb[2]);
    if (close < 60) hits++;
  }
  return hits / (pixels.length / 3);
}

describe.skipIf(!hasSoffice || !hasPoppler)(
  `LibreOffice reads the .docx${missing ? ` (skipped: ${missing} missing)` : ''}`,
  () => {
    beforeAll(async () => {
      dir = mkdtempSync(join(tmpdir(), 'fangan-lo-'));
      const profile = await defaultProfile();
      const docs: [string, string][] = [
        ['plan', planMarkdown],
        ['body', bodyMarkdown],
        ['nasty', nastyMarkdown],
      ];
      for (const [name, md] of docs)
        writeFileSync(join(dir, `${name}.docx`), await markdownToDocx(md, { profile, meta: META }));
      // The profile's fallbacks as fontconfig aliases, so GB font names find the installed CJK fonts.
      writeFileSync(join(dir, 'fonts.conf'), fontconfigXml(profile));
      const result = spawnSync(
        'soffice',
        [
          `-env:UserInstallation=file://${join(dir, 'lo-profile')}`,
          '--headless',
          '--convert-to',
          'pdf',
          '--outdir',
          dir,
          ...docs.map(([name]) => join(dir, `${name}.docx`)),
        ],
        {
          encoding: 'utf8',
          timeout: 180_000,
          env: { ...process.env, FONTCONFIG_FILE: join(dir, 'fonts.conf') },
        },
      );
      // soffice exits 0 even when it cannot read a file: the PDFs themselves are the evidence.
      for (const [name] of docs) {
        if (!existsSync(pdf(name)))
          throw new Error(`soffice wrote no ${name}.pdf: ${result.stderr}`);
      }
    }, 200_000);

    afterAll(() => {
      if (dir) rmSync(dir, { recursive: true, force: true });
    });

    it('opens the plan: title on page 1, page numbers — n — on every page', () => {
      const pages = pdfPages('plan');
      expect(pages).toBeGreaterThanOrEqual(6);
      expect(pageText('plan', 1)).toContain('某某镇创建健康促进镇工作方案');
      for (let page = 1; page <= pages; page++) {
        expect(pageText('plan', page).replace(/\s+/g, '')).toContain(`—${page}—`);
      }
    });

    it('puts page numbers right on odd pages and left on even pages', () => {
      const numberLine = (page: number): Line | undefined =>
        pageLines('plan', page).find((l) => /^—\d+—$/.test(l.text));
      const odd = numberLine(1);
      const even = numberLine(2);
      expect(odd && even).toBeTruthy();
      // A4 is 595 pt wide; the text block runs from 79.4 pt to 521.6 pt
      expect(odd?.x ?? 0).toBeGreaterThan(400);
      expect(even?.x ?? 999).toBeLessThan(150);
    });

    it('holds 22 lines of 28 characters on a page of body text', () => {
      const lines = pageLines('body', 2).filter((l) => !/^—\d+—$/.test(l.text));
      expect(lines).toHaveLength(22);
      const pitches = lines.slice(1).map((l, i) => l.y - (lines[i]?.y ?? 0));
      for (const pitch of pitches) expect(Math.abs(pitch - 28.95)).toBeLessThan(1.01);
      // full lines hold 28 characters; a paragraph's first line 26 after the two-character indent
      const left = Math.min(...lines.map((l) => l.x));
      const full = lines.filter((l) => !l.text.includes('末行'));
      expect(full.length).toBeGreaterThan(14);
      for (const line of full) expect([...line.text]).toHaveLength(line.x > left + 10 ? 26 : 28);
      expect(pdfPages('body')).toBe(5);
    });

    it('starts each attachment on a new page with 附件N first', () => {
      const pages = pdfPages('plan');
      const starts = Array.from({ length: pages }, (_, i) => pageLines('plan', i + 1)[0]?.text);
      expect(starts.filter((t) => t === '附件1')).toHaveLength(1);
      expect(starts[pages - 1]).toBe('附件2');
      const attachmentPage = starts.indexOf('附件1') + 1;
      expect(pageText('plan', attachmentPage)).toContain('重点任务分工表');
      // the header row is repeated on the table's second page
      expect(pageText('plan', attachmentPage + 1)).toMatch(
        /重点任务\s+牵头单位\s+配合单位\s+完成时限/,
      );
    });

    it('draws the chart: its title and labels as text, its bars in the profile colour', () => {
      const last = pdfPages('plan');
      const text = pageText('plan', last).replace(/\s+/g, '');
      expect(text).toContain('一季度各单位任务完成率');
      expect(text).toContain('镇卫生院');
      expect(text).toContain('82.5');
      expect(colourShare('plan', last, [0x44, 0x72, 0xc4])).toBeGreaterThan(0.005);
      expect(colourShare('plan', 1, [0x44, 0x72, 0xc4])).toBe(0);
    });

    it('shows text with & and < and without characters XML cannot carry', () => {
      expect(pdfPages('nasty')).toBe(1);
      expect(pageText('nasty', 1)).toContain('A&B <C> EFGH 结束。');
    });
  },
);
