import { describe, expect, it } from 'vitest';
import { parseMarkdown } from '../src/markdown/index.js';

describe('parseMarkdown', () => {
  it('parses GFM tables with alignment and positions', () => {
    const root = parseMarkdown('| 序号 | 任务 |\n| :-: | --- |\n| 1 | 宣传 |\n');
    const [table] = root.children;
    expect(table?.type).toBe('table');
    if (table?.type !== 'table') return;
    expect(table.align).toEqual(['center', null]);
    expect(table.children).toHaveLength(2);
    expect(table.position?.start).toMatchObject({ line: 1, column: 1 });
  });

  it('keeps fangan: comments as html nodes and escaped syntax as text', () => {
    const root = parseMarkdown('<!-- fangan:table widths=1,2 -->\n\n\\# 不是标题\n');
    expect(root.children.map((n) => n.type)).toEqual(['html', 'paragraph']);
    expect(root.children[0]).toMatchObject({ value: '<!-- fangan:table widths=1,2 -->' });
    expect(root.children[1]).toMatchObject({ children: [{ type: 'text', value: '# 不是标题' }] });
  });

  it('keeps fenced code with its language', () => {
    const root = parseMarkdown('```mermaid\nxychart-beta\n```\n');
    expect(root.children[0]).toMatchObject({
      type: 'code',
      lang: 'mermaid',
      value: 'xychart-beta',
    });
  });
});
