/**
 * The checks on the 公文 elements, the issuing notice and custom chapters (FG2300-FG2307, see
 * docs/codes.md): each one fires on the case it describes, at the field it names, and stays
 * quiet on the correct variant.
 */
import { describe, expect, it } from 'vitest';
import { validateText } from '../src/validate/index.js';

const BASE = `kind: plan
title: 某镇创建健康促进镇工作方案
issuer: 某镇人民政府
date: 2025-01-15
period: { start: 2025-01-01, end: 2025-12-31 }
units:
  - { id: wjb, name: 镇卫生健康办 }
goals:
  - { id: G1, text: 居民健康素养明显提升 }
measures:
  - { id: M1, title: 开展健康教育, lead: wjb, goals: [G1], deadline: 2025-12-31 }
`;

/** Codes of FG23xx found in the base plan plus `extra` lines, with where they point. */
function official(extra: string): { code: string; line: number; message: string }[] {
  const { diagnostics } = validateText(BASE + extra, { file: 'plan.yaml', lang: 'zh-CN' });
  const others = diagnostics.filter((d) => !d.code.startsWith('FG23'));
  expect(others.map((d) => `${d.code} ${d.message}`)).toEqual([]);
  return diagnostics.map((d) => ({ code: d.code, line: d.line, message: d.message }));
}
const codes = (extra: string): string[] => official(extra).map((d) => d.code);
/** Line of `text` in the base plan plus `extra` (1-based). */
const lineOf = (extra: string, text: string): number =>
  (BASE + extra).split('\n').findIndex((l) => l.includes(text)) + 1;

describe('公文 element checks', () => {
  it('accepts the base plan without any of them', () => {
    expect(codes('')).toEqual([]);
  });

  it('FG2300: a signer without a masthead is never printed', () => {
    const extra = 'doc_number: 某政发〔2025〕1号\nsigner: 张三\n';
    const found = official(extra);
    expect(found.map((d) => d.code)).toEqual(['FG2300']);
    expect(found[0]?.line).toBe(lineOf(extra, 'signer:'));
    expect(codes(`${extra}masthead: 某镇人民政府文件\n`)).toEqual([]);
  });

  it('FG2301: a signer needs the document number it shares a line with', () => {
    const extra = 'masthead: 某镇人民政府文件\nsigner: 张三\n';
    expect(codes(extra)).toEqual(['FG2301']);
    expect(codes(`${extra}doc_number: 某政发〔2025〕1号\n`)).toEqual([]);
  });

  it('FG2302: a classified document carries a copy number', () => {
    expect(codes('secrecy: 秘密★1年\n')).toEqual(['FG2302']);
    expect(codes("secrecy: 秘密★1年\ncopy_number: '000001'\n")).toEqual([]);
  });

  it('FG2303: urgency is 特急 or 加急', () => {
    const found = official('urgency: 紧急\n');
    expect(found.map((d) => d.code)).toEqual(['FG2303']);
    expect(found[0]?.message).toContain('“紧急”');
    expect(codes('urgency: 特急\n')).toEqual([]);
    expect(codes('urgency: 加急\n')).toEqual([]);
  });

  it('FG2304: printing comes after the document date, the same day allowed', () => {
    const found = official('printed_on: 2025-01-14\n');
    expect(found.map((d) => d.code)).toEqual(['FG2304']);
    expect(found[0]?.message).toContain('2025-01-14');
    expect(codes('printed_on: 2025-01-15\n')).toEqual([]);
    expect(codes('printed_on: 2025-01-16\n')).toEqual([]);
  });

  it('FG2305: renaming a chapter the plan does not have', () => {
    // The base plan has measures but no background.
    const extra = 'headings:\n  background: 指导思想\n  measures: 主要任务\n';
    const found = official(extra);
    expect(found.map((d) => d.code)).toEqual(['FG2305']);
    expect(found[0]?.line).toBe(lineOf(extra, 'background: 指导思想'));
    expect(codes(`${extra}background: 为提高群众健康素养，制定本方案。\n`)).toEqual([]);
  });

  it('FG2306: a custom section with neither paragraphs nor items', () => {
    expect(codes('sections:\n  - { title: 工作要求 }\n')).toEqual(['FG2306']);
    expect(codes('sections:\n  - { title: 工作要求, paragraphs: [按期完成各项任务。] }\n')).toEqual(
      [],
    );
    expect(
      codes('sections:\n  - title: 实施策略\n    items: [{ title: 抓试点, text: 先行创建。 }]\n'),
    ).toEqual([]);
  });

  it('FG2307: two custom sections with the same title, pointing at the second', () => {
    const extra =
      'sections:\n' +
      '  - { title: 工作要求, paragraphs: [按期完成。] }\n' +
      '  - { title: 工作要求, after: measures, paragraphs: [按时报送。] }\n';
    const found = official(extra);
    expect(found.map((d) => d.code)).toEqual(['FG2307']);
    expect(found[0]?.line).toBe(lineOf(extra, 'after: measures'));
    expect(found[0]?.message).toContain('第 1 个');
  });
});
