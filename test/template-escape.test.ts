import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Nodes, Root } from 'mdast';
import { parseMarkdown } from '../src/markdown/index.js';
import { escapeMarkdown, singleLine, splitParagraphs } from '../src/template/escape.js';

/** What a reader sees: the text of a node, `<br>` inside a cell read as a line break. */
function textOf(node: Nodes): string {
  if (node.type === 'html') return /^<br\s*\/?>$/i.test(node.value) ? '\n' : node.value;
  if ('value' in node) return node.value;
  if ('children' in node) return (node.children as Nodes[]).map(textOf).join('');
  return '';
}

const blocks = (md: string): Root['children'] => parseMarkdown(md).children;

// Text built from the characters Markdown cares about, mixed with Chinese and white space.
const tricky = fc
  .array(
    fc.oneof(
      fc.constantFrom(
        '*',
        '_',
        '#',
        '|',
        '<',
        '>',
        '[',
        ']',
        '(',
        ')',
        '`',
        '~',
        '\\',
        '&',
        ';',
        '!',
        '-',
        '+',
        '=',
        '.',
        '1.',
        '2)',
        ':',
        '"',
        "'",
        '$',
        '^',
        '{',
        '}',
        'amp;',
        '#60;',
        'http://x.y',
        'www.a.b',
        '<script>',
        '---',
        '***',
        '```',
        '    ',
        '\t',
        ' ',
        '\n',
        '\n\n',
        '中',
        '文',
        '健康',
        'a',
        'Z',
        '0',
        '9',
        '、',
        '。',
        '（',
        '）',
      ),
      fc.string({ maxLength: 3 }),
    ),
    { minLength: 1, maxLength: 24 },
  )
  .map((parts) => parts.join(''));

describe('escapeMarkdown', () => {
  it.each([
    ['*健康*', '\\*健康\\*'],
    ['# 标题', '\\# 标题'],
    ['a|b', 'a\\|b'],
    ['<script>alert(1)</script>', '&lt;script&gt;alert(1)&lt;/script&gt;'],
    ['[x](javascript:alert(1))', '\\[x\\](javascript:alert(1))'],
    ['1. 第一', '1\\. 第一'],
    ['- 列表', '\\- 列表'],
    ['> 引用', '&gt; 引用'],
    ['`代码`', '\\`代码\\`'],
    ['&amp;', '\\&amp;'],
    ['A & B', 'A & B'],
  ])('inline %j -> %j', (input, expected) => {
    expect(escapeMarkdown(input, 'inline')).toBe(expected);
  });

  it('turns line breaks inside a table cell into <br>', () => {
    expect(escapeMarkdown('第一行\n第二行|x', 'cell')).toBe('第一行<br>第二行\\|x');
  });

  it('keeps paragraphs apart in block context and joins wrapped lines', () => {
    expect(escapeMarkdown('第一段\n接着写\n\n# 第二段', 'block')).toBe(
      '第一段接着写\n\n\\# 第二段',
    );
  });

  it('inline text reads back literally as one paragraph', () => {
    fc.assert(
      fc.property(tricky, (text) => {
        const expected = singleLine(text);
        fc.pre(expected !== '');
        const parsed = blocks(escapeMarkdown(text, 'inline'));
        return (
          parsed.length === 1 && parsed[0]?.type === 'paragraph' && textOf(parsed[0]) === expected
        );
      }),
      { numRuns: 400 },
    );
  });

  it('inline text stays literal after a heading marker and inside a sentence', () => {
    fc.assert(
      fc.property(tricky, (text) => {
        const expected = singleLine(text);
        fc.pre(expected !== '');
        const heading = blocks(`## 一、${escapeMarkdown(text, 'inline')}`);
        const sentence = blocks(`牵头单位：${escapeMarkdown(text, 'inline')}。`);
        return (
          heading.length === 1 &&
          heading[0]?.type === 'heading' &&
          textOf(heading[0]) === `一、${expected}` &&
          sentence.length === 1 &&
          textOf(sentence[0] as Nodes) === `牵头单位：${expected}。`
        );
      }),
      { numRuns: 300 },
    );
  });

  it('block text reads back as the same paragraphs', () => {
    fc.assert(
      fc.property(tricky, (text) => {
        const expected = splitParagraphs(text);
        const parsed = blocks(escapeMarkdown(text, 'block'));
        return (
          parsed.length === expected.length &&
          parsed.every((node, i) => node.type === 'paragraph' && textOf(node) === expected[i])
        );
      }),
      { numRuns: 400 },
    );
  });

  it('cell text stays inside its cell and reads back line by line', () => {
    fc.assert(
      fc.property(tricky, tricky, (a, b) => {
        const md = `| A | B |\n| --- | --- |\n| ${escapeMarkdown(a, 'cell')} | ${escapeMarkdown(b, 'cell')} |\n`;
        const [table] = blocks(md);
        if (table?.type !== 'table') return false;
        const row = table.children[1];
        const lines = (s: string) =>
          s
            .split('\n')
            .map((l) => l.replace(/^[ \t]+|[ \t]+$/g, ''))
            .filter((l) => l !== '')
            .join('\n');
        return (
          table.children.length === 2 &&
          row?.children.length === 2 &&
          textOf(row.children[0] as Nodes) === lines(a) &&
          textOf(row.children[1] as Nodes) === lines(b)
        );
      }),
      { numRuns: 400 },
    );
  });
});
