import { beforeAll, describe, expect, it } from 'vitest';
import {
  defaultProfile,
  pageLayout,
  type Block,
  type DocModel,
  type ParagraphBlock,
  type StyleProfile,
  type TableBlock,
} from '../src/docx/index.js';
import { markdownToModel } from '../src/docx/from-markdown.js';
import { planMarkdown } from './fixtures/docx/helpers.js';

let profile: StyleProfile;
let model: DocModel;
beforeAll(async () => {
  profile = await defaultProfile();
  model = markdownToModel(planMarkdown, profile);
});

const paragraphs = (blocks: Block[]): ParagraphBlock[] =>
  blocks.filter((b): b is ParagraphBlock => b.type === 'paragraph');
const text = (p: ParagraphBlock): string =>
  p.inlines.map((i) => (i.type === 'text' ? i.text : '\n')).join('');
const find = (m: DocModel, start: string): ParagraphBlock => {
  const hit = paragraphs(m.blocks).find((p) => text(p).startsWith(start));
  if (!hit) throw new Error(`no paragraph starting with ${start}`);
  return hit;
};

describe('page layout from the gbt9704 profile', () => {
  it('derives the GB/T 9704 numbers: A4, 37/35/28/26 mm, 579-twip lines, 28 characters', () => {
    const layout = pageLayout(profile);
    expect(layout).toMatchObject({
      widthTwips: 11906,
      heightTwips: 16838,
      margin: { top: 2098, bottom: 1984, left: 1587, right: 1474 },
      textWidthTwips: 8845,
      linePitch: 579,
      charSpace: -842,
      charSpacingTwips: -5,
    });
    // 28 characters of 16 pt minus 0.25 pt fit the text block, 29 do not
    expect(28 * (320 + layout.charSpacingTwips)).toBeLessThanOrEqual(layout.textWidthTwips);
    expect(29 * (320 + layout.charSpacingTwips)).toBeGreaterThan(layout.textWidthTwips);
  });
});

describe('Markdown dialect -> document model', () => {
  it('maps headings to title and the four heading levels without adding numbering', () => {
    expect(find(model, '某某镇创建健康促进镇工作方案').role).toBe('title');
    expect(find(model, '一、指导思想').role).toBe('heading1');
    expect(find(model, '（一）总体目标').role).toBe('heading2');
    expect(find(model, '1.健康素养').role).toBe('heading3');
    expect(find(model, '（1）公共场所').role).toBe('heading4');
    expect(find(model, '为深入推进').role).toBe('body');
  });

  it('applies subtitle and noindent to the next paragraph only', () => {
    expect(find(model, '某政办发〔2025〕3号').role).toBe('subtitle');
    expect(find(model, '附件：1.重点任务分工表').role).toBe('noindent');
    expect(find(model, '加强组织领导').role).toBe('body');
  });

  it('places the signature per GB/T 9704 7.3.5: a longer date keeps two characters, issuer moves left', () => {
    const issuer = find(model, '某某镇人民政府');
    const date = find(model, '2025年1月15日');
    expect(issuer).toMatchObject({ role: 'signature', blankLinesBefore: 1 });
    // issuer 7 cells, date 6.5 cells (digits are half width): date 2 from the right,
    // issuer's first character 2 left of the date's: 2 + 6.5 + 2 - 7 = 3.5
    expect(date.rightIndentChars).toBe(2);
    expect(issuer.rightIndentChars).toBe(3.5);
  });

  it('keeps the issuer two characters in when the date is shorter', () => {
    const m = markdownToModel(
      '<!-- fangan:signature -->\n\n某某县卫生健康局办公室\n\n2025年1月5日\n',
      profile,
    );
    const [issuer, date] = paragraphs(m.blocks);
    expect(issuer?.rightIndentChars).toBe(2);
    // date starts 2 characters right of the issuer's start: 2 + 11 - 2 - 6 = 5
    expect(date?.rightIndentChars).toBe(5);
  });

  it('reads issuer and date from one paragraph with a hard break too', () => {
    const m = markdownToModel(
      '<!-- fangan:signature -->\n某某镇人民政府<br>\n2025年1月15日\n',
      profile,
    );
    expect(paragraphs(m.blocks).map(text)).toEqual(['某某镇人民政府', '2025年1月15日']);
  });

  it('keeps the text before a signature with it, but not a table before it', () => {
    const m = markdownToModel(
      '## 四、下一步工作\n\n第一段。\n\n最后一段。\n\n<!-- fangan:signature -->\n2025年7月14日\n',
      profile,
    );
    expect(paragraphs(m.blocks).map((p) => [text(p), p.keepNext ?? false])).toEqual([
      ['四、下一步工作', false], // headings keep with next through their style
      ['第一段。', false],
      ['最后一段。', true],
      ['2025年7月14日', false], // a date alone: nothing to keep it with
    ]);
    const afterTable = markdownToModel(
      '| a |\n| - |\n| 1 |\n\n<!-- fangan:signature -->\n某某镇人民政府\n\n2025年1月5日\n',
      profile,
    );
    expect(paragraphs(afterTable.blocks).map((p) => p.keepNext ?? false)).toEqual([true, false]);
  });

  it('starts each attachment on a new page with 附件N, then its title', () => {
    const label = find(model, '附件1');
    expect(label).toMatchObject({ role: 'attachmentLabel', pageBreakBefore: true });
    const next = model.blocks[model.blocks.indexOf(label) + 1] as ParagraphBlock;
    expect(next.role).toBe('title');
    expect(text(next)).toBe('重点任务分工表');
    expect(find(model, '附件2').pageBreakBefore).toBe(true);
  });

  it('honours fangan:pagebreak on the next block', () => {
    const m = markdownToModel('前文\n\n<!-- fangan:pagebreak -->\n\n后文\n', profile);
    expect(paragraphs(m.blocks).map((p) => p.pageBreakBefore ?? false)).toEqual([false, true]);
  });

  it('turns the task table into a table with the requested relative widths over the text width', () => {
    const table = model.blocks.find((b): b is TableBlock => b.type === 'table');
    expect(table).toBeDefined();
    if (!table) return;
    expect(
      table.header.map((c) => c.map((i) => (i.type === 'text' ? i.text : '')).join('')),
    ).toEqual(['序号', '重点任务', '牵头单位', '配合单位', '完成时限']);
    expect(table.rows).toHaveLength(17);
    expect(table.align).toEqual(['center', 'left', 'center', 'center', 'center']);
    const total = table.columnWidths.reduce((a, b) => a + b, 0);
    expect(total).toBe(pageLayout(profile).textWidthTwips);
    expect(table.columnWidths.map((w) => Math.round((w / total) * 100))).toEqual([
      6, 38, 17, 17, 22,
    ]);
  });

  it('computes column widths from content when the template gives none', () => {
    const md = [
      '| 序号 | 重点任务 | 完成时限 |',
      '| --- | --- | --- |',
      '| 1 | 每季度举办一次面向居民的健康知识讲座，并在各村（社区）同步开展宣传活动 | 2025年12月31日 |',
      '| 2 | 建设健康步道 | 2025年9月30日 |',
    ].join('\n');
    const [table] = markdownToModel(md, profile).blocks as TableBlock[];
    const [num = 0, task = 0, date = 0] = table?.columnWidths ?? [];
    expect(num + task + date).toBe(8845);
    expect(num).toBeLessThan(date);
    expect(date).toBeLessThan(task);
    // the date column is wide enough for 2025年12月31日 (6.5 cells of 12 pt = 1560 twips)
    expect(date).toBeGreaterThan(1560);
  });

  it('ignores a widths comment whose column count does not match the table', () => {
    const md = '<!-- fangan:table widths=1,1 -->\n| a | b | c |\n| - | - | - |\n| 1 | 2 | 3 |\n';
    const [table] = markdownToModel(md, profile).blocks as TableBlock[];
    expect(table?.columnWidths).toHaveLength(3);
  });

  it('turns <br> inside a table cell into a line break', () => {
    const md = '| 任务 |\n| --- |\n| 第一行<br>第二行 |\n';
    const [table] = markdownToModel(md, profile).blocks as TableBlock[];
    expect(table?.rows[0]?.[0]).toEqual([
      { type: 'text', text: '第一行' },
      { type: 'break' },
      { type: 'text', text: '第二行' },
    ]);
  });

  it('turns a mermaid xychart-beta block into a chart and other code into literal text', () => {
    const chart = model.blocks.find((b) => b.type === 'chart');
    expect(chart).toMatchObject({
      type: 'chart',
      chart: {
        title: '一季度各单位任务完成率',
        categories: ['镇卫生院', '镇党政办', '镇教育办', '镇妇联', '镇文化站'],
        yLabel: '完成率（%）',
        yMin: 0,
        yMax: 100,
        series: [{ kind: 'bar', values: [82.5, 64, 90, 45, 70] }],
      },
    });
    const m = markdownToModel(
      '```\n  a * b\n# not a heading\n```\n\n```mermaid\ngraph TD\n```\n',
      profile,
    );
    expect(paragraphs(m.blocks).map((p) => [p.role, text(p)])).toEqual([
      ['code', '  a * b\n# not a heading'],
      ['code', 'graph TD'],
    ]);
  });

  it('keeps escaped Markdown syntax literal and joins soft-wrapped Chinese lines without spaces', () => {
    const m = markdownToModel(
      '1\\. 不是列表 \\*星号\\* \\# 井号 \\| 竖线 &lt;script&gt;\n\n中文软\n换行 and\nLatin\n',
      profile,
    );
    expect(paragraphs(m.blocks).map(text)).toEqual([
      '1. 不是列表 *星号* # 井号 | 竖线 <script>',
      '中文软换行 and Latin',
    ]);
  });

  it('keeps words of links, emphasis and strong (bold) and numbers list items', () => {
    const m = markdownToModel(
      '见[通知](https://example.org)，*重点*和**要求**。\n\n1. 甲\n2. 乙\n',
      profile,
    );
    const [first, a, b] = paragraphs(m.blocks);
    expect(first?.inlines).toEqual([
      { type: 'text', text: '见通知，重点和' },
      { type: 'text', text: '要求', bold: true },
      { type: 'text', text: '。' },
    ]);
    expect([a, b].map((p) => (p ? text(p) : ''))).toEqual(['1.甲', '2.乙']);
  });
});
