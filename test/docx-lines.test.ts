/**
 * Where a paragraph's lines break on the 28-character grid (an estimate the model builder uses),
 * and what it is for: only the last two lines of text go with the signature to a new page.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import {
  defaultProfile,
  type Block,
  type ParagraphBlock,
  type StyleProfile,
} from '../src/docx/index.js';
import { markdownToModel } from '../src/docx/from-markdown.js';
import { cutBefore, lineStarts } from '../src/docx/lines.js';

/** `n` Chinese characters. */
const han = (n: number): string => '健康促进工作推进有力'.repeat(Math.ceil(n / 10)).slice(0, n);

describe('lineStarts', () => {
  it('fills 26 cells after the first-line indent, then 28 a line', () => {
    const text = han(88);
    expect(lineStarts(text, 26, 28)).toEqual([0, 26, 54, 82]);
  });

  it('counts Latin letters and digits half a cell and keeps a number whole', () => {
    // 24 characters, then 2025 (2 cells) fills the first line exactly; 12345678 would not fit.
    expect(lineStarts(`${han(24)}2025${han(30)}`, 26, 28)[1]).toBe(28);
    expect(lineStarts(`${han(24)}12345678${han(30)}`, 26, 28)[1]).toBe(24);
  });

  it('hangs a closing mark at the end of a full line and moves an opening one down', () => {
    expect(lineStarts(`${han(26)}，${han(30)}`, 26, 28)[1]).toBe(27);
    expect(lineStarts(`${han(25)}《${han(30)}》`, 26, 28)[1]).toBe(25);
  });

  it('cuts a character earlier, never before a closing mark or inside a number', () => {
    expect(cutBefore(han(30), 12)).toBe(11);
    expect(cutBefore(`${han(11)}，${han(30)}`, 12)).toBe(10);
    expect(cutBefore(`${han(8)}2025${han(30)}`, 12)).toBe(8);
  });
});

describe('the text before the signature', () => {
  let profile: StyleProfile;
  beforeAll(async () => {
    profile = await defaultProfile();
  });
  const paragraphs = (blocks: Block[]): ParagraphBlock[] =>
    blocks.filter((b): b is ParagraphBlock => b.type === 'paragraph');
  const plain = (p: ParagraphBlock): string =>
    p.inlines.map((i) => (i.type === 'text' ? i.text : '\n')).join('');
  const model = (last: string) =>
    paragraphs(
      markdownToModel(
        `# 方案\n\n${last}\n\n<!-- fangan:signature -->\n某镇人民政府\n\n2025年1月15日\n`,
        profile,
      ).blocks,
    );

  it('sends only the last two lines of a long paragraph over with the signature', () => {
    const text = han(110); // 26 + 28 + 28 + 28 = 4 lines
    const blocks = model(text);
    const issuer = blocks.findIndex((b) => plain(b) === '某镇人民政府');
    const head = blocks[issuer - 2] as ParagraphBlock;
    const tail = blocks[issuer - 1] as ParagraphBlock;
    expect(plain(head) + plain(tail)).toBe(text);
    expect(head).toMatchObject({ role: 'body', align: 'distribute' });
    expect(head.keepNext).toBeUndefined();
    expect(tail).toMatchObject({ role: 'noindent', keepNext: true });
    // lines 3 and 4 start at 54 and 82; the cut is one character before line 3
    expect(plain(tail)).toBe(text.slice(53));
  });

  it('keeps the date with the 附注 under it', () => {
    const blocks = paragraphs(
      markdownToModel(
        '# 方案\n\n正文。\n\n<!-- fangan:signature -->\n某镇人民政府\n\n2025年1月15日\n\n' +
          '<!-- fangan:note -->\n（联系人：王芳）\n',
        profile,
      ).blocks,
    );
    const date = blocks.find((b) => plain(b) === '2025年1月15日');
    expect(date?.keepNext).toBe(true);
    const alone = model('正文。').find((b) => plain(b) === '2025年1月15日');
    expect(alone?.keepNext).toBeUndefined();
  });

  it('keeps a paragraph of two lines whole with the signature', () => {
    const text = han(44); // two lines
    const blocks = model(text);
    const body = blocks.find((b) => plain(b) === text);
    expect(body).toMatchObject({ role: 'body', keepNext: true });
    expect(body?.align).toBeUndefined();
  });
});
