/**
 * The 公文 elements of examples/qingxi/plan-official.yaml through the whole pipeline, without
 * LibreOffice: the view (版头, 版记, notice, custom sections, heading renames), the Markdown (the
 * order of the issuing notice around the plan, heading levels that never skip) and the Word XML
 * (red masthead and line, the 版记 rows and the section it sits in).
 */
import { readFileSync } from 'node:fs';
import JSZip from 'jszip';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { buildPlanView } from '../src/model/plan-view.js';
import type { Plan } from '../src/model/types.js';
import { renderPlan } from '../src/render/index.js';

const load = (file: string): Plan => parse(readFileSync(file, 'utf8')) as Plan;
const official = (): Plan => load('examples/qingxi/plan-official.yaml');

let markdown = '';
let documentXml = '';
let rels = '';
beforeAll(async () => {
  const result = await renderPlan(official(), { to: ['docx'] });
  expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  markdown = result.markdown ?? '';
  const zip = await JSZip.loadAsync(result.files[0]?.data as Uint8Array);
  documentXml = (await zip.file('word/document.xml')?.async('string')) ?? '';
  rels = (await zip.file('word/_rels/document.xml.rels')?.async('string')) ?? '';
});

describe('the view of the 公文 elements', () => {
  it('puts 份号, 密级, 紧急程度, masthead, 发文字号 and 签发人 into the 版头', () => {
    const view = buildPlanView(official());
    expect(view.head).toEqual({
      copyNumber: '000012',
      secrecy: '内部★1年',
      urgency: '加急',
      masthead: '青溪镇人民政府文件',
      docNumber: '青政发〔2025〕3号',
      signer: '签发人：李明',
    });
    // the number moved into the 版头: no subtitle under the title any more
    expect(view.docNumber).toBeNull();
  });

  it('keeps the 发文字号 under the title when there is no masthead, and no 版头 at all', () => {
    const { masthead, signer, copy_number, secrecy, urgency, ...plain } = official();
    expect([masthead, signer, copy_number, secrecy, urgency].every(Boolean)).toBe(true);
    const view = buildPlanView(plain as Plan);
    expect(view.head).toBeNull();
    expect(view.docNumber).toBe('青政发〔2025〕3号');
  });

  it('writes the 版记 lines: 抄送 list ending in 。, 印发机关 and 印发日期', () => {
    expect(buildPlanView(official()).colophon).toEqual({
      copyTo: '抄送：县卫生健康局，县爱卫办，县疾控中心。',
      printedBy: '青溪镇党政办公室',
      printedOn: '2025年1月16日印发',
    });
    const { copy_to, printed_by, printed_on, ...none } = official();
    expect([copy_to, printed_by, printed_on].every(Boolean)).toBe(true);
    expect(buildPlanView(none as Plan).colophon).toBeNull();
  });

  it('numbers custom sections where they stand and uses the renamed headings', () => {
    const view = buildPlanView(official());
    expect(view.sections.background?.heading).toBe('一、指导思想和工作背景');
    expect(view.extra.organization.map((s) => s.heading)).toEqual(['四、实施策略']);
    expect(view.extra.organization[0]?.items.map((i) => i.marker)).toEqual(['（一）', '（二）']);
    expect(view.sections.measures?.heading).toBe('五、重点工作及措施');
    expect(view.extra.end.map((s) => s.heading)).toEqual(['十、工作要求']);
  });

  it('writes a single attachment 附件：名称 without 1., several with numbers', () => {
    const one = buildPlanView(official());
    expect(one.attachmentNote).toEqual(['\u3000\u3000附件：重点任务分工表']);
    expect(one.attachments.map((a) => a.label)).toEqual(['附件']);
    const two = buildPlanView({
      ...official(),
      attachments: [
        { title: '重点任务分工表', table: 'measures' },
        { title: '联系人名单', text: '王芳，0000-1234567。' },
      ],
    });
    expect(two.attachmentNote).toEqual([
      '\u3000\u3000附件：1.重点任务分工表',
      '\u3000\u3000\u3000\u3000\u30002.联系人名单',
    ]);
    expect(two.attachments.map((a) => a.label)).toEqual(['附件1', '附件2']);
  });
});

/** `一、` `（一）` `1.` `（1）`: the level of the marker a heading or paragraph starts with. */
function markerLevel(text: string): { level: number; number: string } | undefined {
  const patterns: [number, RegExp][] = [
    [1, /^([一二三四五六七八九十]+)、/],
    [2, /^（([一二三四五六七八九十]+)）/],
    [3, /^(\d+)\./],
    [4, /^（(\d+)）/],
  ];
  for (const [level, pattern] of patterns) {
    const found = pattern.exec(text);
    if (found) return { level, number: found[1] as string };
  }
  return undefined;
}

const CHINESE_NUMBERS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
const numberValue = (n: string): number =>
  /^\d+$/.test(n)
    ? Number(n)
    : n.length === 1
      ? CHINESE_NUMBERS.indexOf(n) + 1
      : n.startsWith('十')
        ? 10 + CHINESE_NUMBERS.indexOf(n[1] as string) + 1
        : (CHINESE_NUMBERS.indexOf(n[0] as string) + 1) * 10 +
          (n.length > 2 ? CHINESE_NUMBERS.indexOf(n[2] as string) + 1 : 0);

/**
 * Walks the numbered headings and paragraphs of a plan's Markdown (the plan itself, after the
 * notice): a level is never entered without its parent, and numbers count 1, 2, 3 within it.
 */
function outlineProblems(md: string): string[] {
  const problems: string[] = [];
  const counters = [0, 0, 0, 0, 0];
  let open = 0;
  for (const raw of md.split('\n')) {
    if (raw.startsWith('# ')) {
      counters.fill(0);
      open = 0;
      continue;
    }
    const text = raw.replace(/^#{2,6} /, '');
    const marker = markerLevel(text);
    if (!marker) continue;
    if (marker.level > open + 1) problems.push(`level ${marker.level} under ${open}: ${text}`);
    const expected = (counters[marker.level] ?? 0) + 1;
    if (numberValue(marker.number) !== expected)
      problems.push(`expected number ${expected}: ${text}`);
    counters[marker.level] = expected;
    for (let deeper = marker.level + 1; deeper < counters.length; deeper++) counters[deeper] = 0;
    open = marker.level;
  }
  return problems;
}

describe('the Markdown of the official example', () => {
  it('wraps the plan in the notice: 版头, title, addressees, text, 附件 note, signature, note, then the plan', () => {
    const order = [
      '<!-- fangan:copynumber -->',
      '<!-- fangan:masthead -->',
      '<!-- fangan:docnumber -->',
      '<!-- fangan:signer -->',
      '<!-- fangan:redline -->',
      '# 关于印发《青溪镇创建健康促进镇工作方案》的通知',
      '各村（社区），镇直各单位：',
      '现将《青溪镇创建健康促进镇工作方案》印发给你们',
      '\u3000\u3000附件：青溪镇创建健康促进镇工作方案',
      '<!-- fangan:signature -->\n青溪镇人民政府\n\n2025年1月15日',
      '<!-- fangan:note -->\n（联系人：王芳，电话：0000-1234567）',
      '<!-- fangan:attachment -->',
      '# 青溪镇创建健康促进镇工作方案',
      '## 一、指导思想和工作背景',
      '<!-- fangan:colophon -->\n抄送：县卫生健康局，县爱卫办，县疾控中心。',
    ];
    const at = order.map((s) => markdown.indexOf(s));
    expect(at.filter((i) => i < 0).length, JSON.stringify(order.filter((_, i) => at[i]! < 0))).toBe(
      0,
    );
    expect([...at].sort((a, b) => a - b)).toEqual(at);
    // the plan, now an attachment, has no signature of its own: one issuer line only
    expect(markdown.match(/<!-- fangan:signature -->/g)).toHaveLength(1);
  });

  it('never skips a heading level and counts each level from 1', () => {
    expect(outlineProblems(markdown)).toEqual([]);
    // A plan whose goals stand right under the chapter heading numbers them （一）, not 1.
    const { requirements, ...goalsOnly } = official();
    expect(requirements).toBeDefined();
    const view = buildPlanView(goalsOnly as Plan);
    expect(view.sections.aims?.goalsHeading).toBeNull();
    expect(view.sections.aims?.goals[0]?.marker).toBe('（一）');
  });

  it('has the outline checker catch a skipped level and a gap', () => {
    expect(outlineProblems('# 方案\n\n## 一、甲\n\n1.乙\n')).toHaveLength(1);
    expect(outlineProblems('# 方案\n\n## 一、甲\n\n## 三、乙\n')).toHaveLength(1);
    expect(outlineProblems('# 方案\n\n## 一、甲\n\n### （一）乙\n\n1.丙\n\n（1）丁\n')).toEqual([]);
  });
});

describe('the Word XML of the official example', () => {
  it('colours the masthead runs and the separator line FF0000, and nothing else red', () => {
    const masthead = /<w:p><w:pPr><w:pStyle w:val="Masthead"\/>.*?<\/w:p>/.exec(documentXml)?.[0];
    expect(masthead).toContain('<w:color w:val="FF0000"/>');
    expect(masthead).toContain('青溪镇人民政府文件');
    const number = /<w:p><w:pPr><w:pStyle w:val="DocNumber"\/>.*?<\/w:p>/.exec(documentXml)?.[0];
    expect(number).toMatch(
      /<w:pBdr><w:bottom w:val="single" w:sz="\d+" w:space="\d+" w:color="FF0000"\/>/,
    );
    // the line spans the text block: no indent on its paragraph, tab stops place the text
    expect(number).not.toContain('<w:ind');
    expect(number).toContain(
      '<w:tab w:val="left" w:pos="320"/><w:tab w:val="right" w:pos="8525"/>',
    );
    expect(documentXml.match(/FF0000/g)).toHaveLength(2);
  });

  it('writes the 版记 as one table at the end, 抄送 first, 印发机关 left and 印发日期 right', () => {
    const tables = [...documentXml.matchAll(/<w:tbl>.*?<\/w:tbl>/g)].map((m) => m[0]);
    const colophon = tables[tables.length - 1] ?? '';
    const rows = [...colophon.matchAll(/<w:tr>.*?<\/w:tr>/g)].map((m) =>
      [...m[0].matchAll(/<w:t xml:space="preserve">([^<]*)<\/w:t>|<w:tab\/>/g)]
        .map((t) => t[1] ?? '\t')
        .join(''),
    );
    expect(rows).toEqual([
      '抄送：县卫生健康局，县爱卫办，县疾控中心。',
      '青溪镇党政办公室\t2025年1月16日印发',
    ]);
    expect(documentXml.indexOf(colophon)).toBeGreaterThan(documentXml.indexOf('完成时限'));
  });

  it('puts the 版记 in a last section that starts on an even page with footers without numbers', () => {
    const sections = [...documentXml.matchAll(/<w:sectPr>.*?<\/w:sectPr>/g)].map((m) => m[0]);
    expect(sections).toHaveLength(2);
    const [text, colophon] = sections as [string, string];
    expect(text).not.toContain('<w:type ');
    expect(text).toContain('<w:pgNumType w:start="1"/>');
    expect(colophon).toContain('<w:type w:val="evenPage"/>');
    const blank = /<w:footerReference w:type="default" r:id="(rId\d+)"\/>/.exec(colophon)?.[1];
    expect(colophon).toContain(`<w:footerReference w:type="even" r:id="${blank}"/>`);
    expect(text).not.toContain(`"${blank}"`);
    expect(rels).toMatch(new RegExp(`Id="${blank}" Type="[^"]*/footer" Target="footer3.xml"`));
    // the body-level sectPr is the last thing in the body
    expect(documentXml.endsWith(`${colophon}</w:body></w:document>`)).toBe(true);
  });
});
