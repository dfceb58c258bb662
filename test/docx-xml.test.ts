import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  defaultProfile,
  fontconfigXml,
  profileFromText,
  type StyleProfile,
} from '../src/docx/index.js';
import {
  documentText,
  part,
  planMarkdown,
  renderParts,
  xmlProblem,
} from './fixtures/docx/helpers.js';

let profile: StyleProfile;
let parts: Map<string, string>;
let documentXml: string;
beforeAll(async () => {
  profile = await defaultProfile();
  ({ parts } = await renderParts(planMarkdown, profile));
  documentXml = part(parts, 'word/document.xml');
});

describe('package parts', () => {
  it('writes the parts Word needs, all well-formed, charts registered in rels and content types', () => {
    expect([...parts.keys()]).toEqual([
      '[Content_Types].xml',
      '_rels/.rels',
      'docProps/core.xml',
      'docProps/app.xml',
      'word/document.xml',
      'word/_rels/document.xml.rels',
      'word/styles.xml',
      'word/settings.xml',
      'word/fontTable.xml',
      'word/footer1.xml',
      'word/footer2.xml',
      'word/charts/chart1.xml',
    ]);
    for (const [name, xml] of parts) expect(xmlProblem(xml), name).toBeUndefined();
    expect(part(parts, '[Content_Types].xml')).toContain(
      '<Override PartName="/word/charts/chart1.xml" ContentType="application/vnd.openxmlformats-officedocument.drawingml.chart+xml"/>',
    );
    expect(part(parts, 'word/_rels/document.xml.rels')).toContain(
      'Id="rId6" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/chart" Target="charts/chart1.xml"',
    );
    expect(documentXml).toContain('<c:chart r:id="rId6"/>');
  });
});

describe('GB/T 9704 page setup', () => {
  it('sets A4, the margins, the footer distance and a 22-line grid of 579 twips', () => {
    expect(documentXml).toContain('<w:pgSz w:w="11906" w:h="16838"/>');
    expect(documentXml).toMatch(
      /<w:pgMar w:top="2098" w:right="1474" w:bottom="1984" w:left="1587" [^>]*w:footer="1307"/,
    );
    expect(documentXml).toContain('<w:docGrid w:type="lines" w:linePitch="579"/>');
    expect(documentXml).toContain('<w:footerReference w:type="default" r:id="rId4"/>');
    expect(documentXml).toContain('<w:footerReference w:type="even" r:id="rId5"/>');
  });

  it("writes Word's character grid (charSpace -842) with grid linesAndChars", async () => {
    const grid = await profileFromText('{"page": {"grid": "linesAndChars"}}', 'p.json');
    const { parts: p } = await renderParts('正文', grid);
    expect(part(p, 'word/document.xml')).toContain(
      '<w:docGrid w:type="linesAndChars" w:linePitch="579" w:charSpace="-842"/>',
    );
    expect(part(p, 'word/styles.xml')).not.toContain('<w:spacing w:val=');
  });

  it('turns on odd/even footers with — PAGE — in 4号 宋体, odd right and even left, one character in', () => {
    expect(part(parts, 'word/settings.xml')).toContain('<w:evenAndOddHeaders/>');
    const odd = part(parts, 'word/footer1.xml');
    const even = part(parts, 'word/footer2.xml');
    expect(odd).toContain('<w:ind w:right="280" w:rightChars="100"/><w:jc w:val="right"/>');
    expect(even).toContain('<w:ind w:left="280" w:leftChars="100"/><w:jc w:val="left"/>');
    for (const footer of [odd, even]) {
      expect(documentText(footer)).toBe('— 1 —');
      expect(footer).toContain('<w:instrText xml:space="preserve"> PAGE </w:instrText>');
    }
    const styles = part(parts, 'word/styles.xml');
    const footerStyle =
      /<w:style w:type="paragraph" w:styleId="Footer">.*?<\/w:style>/.exec(styles)?.[0] ?? '';
    expect(footerStyle).toContain('w:ascii="宋体" w:hAnsi="宋体" w:eastAsia="宋体" w:cs="宋体"');
    expect(footerStyle).toContain('<w:sz w:val="28"/>');
  });
});

describe('styles', () => {
  const styleOf = (styles: string, id: string): string =>
    new RegExp(`<w:style w:type="paragraph"[^>]* w:styleId="${id}">.*?</w:style>`).exec(
      styles,
    )?.[0] ?? '';

  it('sets all four font slots with the eastAsia hint and never uses theme fonts', () => {
    const styles = part(parts, 'word/styles.xml');
    expect(styles).not.toMatch(/Theme|w:asciiTheme|w:eastAsiaTheme/);
    expect(styles).toContain(
      '<w:rPrDefault><w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:eastAsia="仿宋_GB2312" w:cs="Times New Roman" w:hint="eastAsia"/>',
    );
    const fonts: [string, string, number][] = [
      ['Normal', '仿宋_GB2312', 32],
      ['Title', '方正小标宋简体', 44],
      ['Heading1', '黑体', 32],
      ['Heading2', '楷体_GB2312', 32],
      ['Heading3', '仿宋_GB2312', 32],
      ['Heading4', '仿宋_GB2312', 32],
      ['AttachmentLabel', '黑体', 32],
      ['TableText', '仿宋_GB2312', 24],
      ['TableHeader', '黑体', 24],
    ];
    for (const [id, font, halfPoints] of fonts) {
      const style = styleOf(styles, id);
      expect(style, id).toContain(
        `w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:eastAsia="${font}" w:cs="Times New Roman" w:hint="eastAsia"`,
      );
      expect(style, id).toContain(`<w:sz w:val="${halfPoints}"/><w:szCs w:val="${halfPoints}"/>`);
    }
    // every run keeps shared punctuation (“” — …) in the Chinese font
    const runs = documentXml.match(/<w:r>/g)?.length ?? 0;
    expect(documentXml.match(/<w:r><w:rPr><w:rFonts w:hint="eastAsia"\/>/g)?.length ?? 0).toBe(
      runs - 1 /* chart run */,
    );
  });

  it('uses fixed 28.95 pt lines and a two-character first-line indent for body text', () => {
    const styles = part(parts, 'word/styles.xml');
    const normal = styleOf(styles, 'Normal');
    expect(normal).toContain('w:line="579" w:lineRule="exact"');
    expect(normal).toContain('<w:ind w:firstLineChars="200" w:firstLine="640"/>');
    expect(normal).toContain('<w:jc w:val="both"/>');
    // 28 characters a line on the line grid: 0.25 pt tighter than 16 pt
    expect(normal).toContain('<w:spacing w:val="-5"/>');
    const title = styleOf(styles, 'Title');
    expect(title).toContain('<w:snapToGrid w:val="0"/>');
    expect(title).toContain('<w:jc w:val="center"/>');
    expect(title).toContain('w:after="579" w:line="579" w:lineRule="exact"');
    expect(styleOf(styles, 'Heading1')).toContain('<w:outlineLvl w:val="0"/>');
    expect(styleOf(styles, 'Heading4')).toContain('<w:outlineLvl w:val="3"/>');
    // widow control off so a page keeps its 22 lines
    expect(styles).toContain('<w:pPrDefault><w:pPr><w:widowControl w:val="0"/>');
  });

  it('uses single spacing, no grid and a smaller font inside tables', () => {
    const styles = part(parts, 'word/styles.xml');
    const table = styleOf(styles, 'TableText');
    expect(table).toContain('<w:snapToGrid w:val="0"/>');
    expect(table).toContain('w:line="240" w:lineRule="auto"');
    expect(table).toContain('<w:ind w:firstLineChars="0" w:firstLine="0"/>');
  });

  it('lists every font in fontTable with its fallback as altName, panose and charset', () => {
    const fonts = part(parts, 'word/fontTable.xml');
    expect(fonts).toContain(
      '<w:font w:name="仿宋_GB2312"><w:altName w:val="仿宋"/><w:panose1 w:val="02010609030101010101"/><w:charset w:val="86"/>',
    );
    expect(fonts).toContain('<w:font w:name="楷体_GB2312"><w:altName w:val="楷体"/>');
    expect(fonts).toContain('<w:font w:name="黑体"><w:altName w:val="SimHei"/>');
    expect(fonts).toContain('<w:font w:name="方正小标宋简体"><w:altName w:val="方正小标宋_GBK"/>');
    expect(fonts).toContain(
      '<w:font w:name="Times New Roman"><w:altName w:val="Liberation Serif"/><w:panose1 w:val="02020603050405020304"/><w:charset w:val="00"/>',
    );
  });

  it('turns the fallbacks into fontconfig aliases for Linux readers', () => {
    const conf = fontconfigXml(profile);
    expect(conf).toContain(
      '<alias binding="same"><family>仿宋_GB2312</family><prefer><family>仿宋</family><family>FangSong</family><family>Noto Serif CJK SC</family></prefer></alias>',
    );
    // Digits and Latin letters: Times New Roman's metric twin where Windows fonts are missing.
    expect(conf).toContain(
      '<alias binding="same"><family>Times New Roman</family><prefer><family>Liberation Serif</family><family>Tinos</family></prefer></alias>',
    );
    expect(xmlProblem(conf.replace(/^<!DOCTYPE[^>]*>/m, ''))).toBeUndefined();
  });
});

describe('document body', () => {
  it('writes the title, headings and paragraphs with their styles', () => {
    expect(documentXml).toContain(
      '<w:p><w:pPr><w:pStyle w:val="Title"/></w:pPr><w:r><w:rPr><w:rFonts w:hint="eastAsia"/></w:rPr><w:t xml:space="preserve">某某镇创建健康促进镇工作方案</w:t></w:r></w:p>',
    );
    expect(documentXml).toContain(
      '<w:pStyle w:val="Heading2"/></w:pPr><w:r><w:rPr><w:rFonts w:hint="eastAsia"/></w:rPr><w:t xml:space="preserve">（一）总体目标',
    );
    expect(documentXml).toContain(
      '<w:pPr><w:pStyle w:val="AttachmentLabel"/><w:pageBreakBefore/></w:pPr>',
    );
  });

  it('right-aligns the issuer, starts the date two characters right of it, one blank line above', () => {
    expect(documentXml).toContain(
      '<w:pStyle w:val="Signature"/><w:keepNext/><w:spacing w:before="579"/><w:ind w:right="1120" w:rightChars="350"/>',
    );
    // text width 8845 - 3.5 x 320 (right indent) - 7 x 315 (issuer) + 2 x 320 (shift) = 6160
    expect(documentXml).toContain(
      '<w:pStyle w:val="Signature"/><w:ind w:left="6160" w:leftChars="0" w:right="-640" w:rightChars="0" w:firstLine="0" w:firstLineChars="0"/><w:jc w:val="left"/>',
    );
  });

  it('keeps the attachment note and the last two lines of text with the signature', () => {
    // Paragraph styles in document order, with keep-with-next marked: the issuer must never be
    // stranded alone on a page, and only the end of the last paragraph goes with it (LibreOffice
    // moves a kept paragraph as a whole).
    const styles = [
      ...documentXml.matchAll(
        /<w:pStyle w:val="(\w+)"\/>(<w:keepNext\/>)?.*?(<w:jc w:val="distribute"\/>)?<\/w:pPr>/g,
      ),
    ].map((m) => `${m[1]}${m[2] ? '+keep' : ''}${m[3] ? '+distribute' : ''}`);
    const issuer = styles.indexOf('Signature+keep');
    expect(styles.slice(issuer - 3, issuer + 2)).toEqual([
      'Normal+distribute',
      'NoIndent+keep',
      'NoIndent+keep',
      'Signature+keep',
      'Signature',
    ]);
    // Ordinary body paragraphs do not keep with the next one.
    expect(styles.filter((s) => s.startsWith('Normal+keep'))).toHaveLength(0);
  });

  it('writes tables with an explicit grid, cell widths, a repeated header row and rows kept whole', () => {
    const table = /<w:tbl>.*?<\/w:tbl>/.exec(documentXml)?.[0] ?? '';
    const grid = [...table.matchAll(/<w:gridCol w:w="(\d+)"\/>/g)].map((m) => Number(m[1]));
    expect(grid).toHaveLength(5);
    expect(grid.reduce((a, b) => a + b, 0)).toBe(8845);
    expect(table).toContain('<w:tblW w:w="8845" w:type="dxa"/>');
    expect(table).toContain('<w:tblLayout w:type="fixed"/>');
    expect(table).toMatch(/<w:tblBorders><w:top w:val="single" w:sz="4"/);
    const rows = table.match(/<w:tr>/g)?.length ?? 0;
    expect(rows).toBe(18);
    expect(table.match(/<w:cantSplit\/>/g)).toHaveLength(18);
    expect(table.match(/<w:tblHeader\/>/g)).toHaveLength(1);
    expect(table).toContain(`<w:tcW w:w="${grid[1]}" w:type="dxa"/>`);
    expect(table.match(/<w:pStyle w:val="TableHeader"\/>/g)).toHaveLength(5);
  });

  it('writes a native bar chart with cached categories and values', () => {
    const chart = part(parts, 'word/charts/chart1.xml');
    expect(chart).toContain('<c:barChart><c:barDir val="col"/><c:grouping val="clustered"/>');
    expect(chart).toContain('<c:pt idx="0"><c:v>镇卫生院</c:v></c:pt>');
    expect(chart).toContain('<c:pt idx="0"><c:v>82.5</c:v></c:pt>');
    expect(chart).toContain('<c:max val="100"/><c:min val="0"/>');
    expect(chart).toContain('<a:t>一季度各单位任务完成率</a:t>');
    expect(chart).toContain('<a:t>完成率（%）</a:t>');
    expect(documentXml).toMatch(/<wp:inline [^>]*><wp:extent cx="5400000" cy="3060000"\/>/);
  });

  it('writes a line series as a line chart on the same axes', async () => {
    const md =
      '```mermaid\nxychart-beta\n  x-axis [一, 二]\n  bar [1, 2]\n  line "目标" [3, 4]\n```\n';
    const { parts: p } = await renderParts(md, profile);
    const chart = part(p, 'word/charts/chart1.xml');
    expect(chart).toContain('<c:lineChart>');
    expect(chart).toContain('<c:v>目标</c:v>');
    expect(chart).toContain('<c:legend>');
  });

  it('writes tabs as w:tab and hard breaks as w:br', async () => {
    const { parts: p } = await renderParts('```\na\tb\nc\n```\n', profile);
    expect(part(p, 'word/document.xml')).toContain(
      '<w:t xml:space="preserve">a</w:t><w:tab/><w:t xml:space="preserve">b</w:t></w:r><w:r><w:br/></w:r>',
    );
  });
});

describe('text that XML cannot carry (bad-inputs 20)', () => {
  it('escapes & and <, drops U+0001, U+000B, U+FFFE and lone surrogates, and keeps the rest', async () => {
    const nasty = 'A&B <C> "D" \u0001E\u000bF\ufffeG\ud800H\udc00I 😀 “引号”——……';
    const md = `${nasty.replace(/[<&*]/g, '\\$&')}\n\n| 列 |\n| --- |\n| ${nasty.replace(/[<&|]/g, '\\$&')} |\n`;
    const { parts: p } = await renderParts(md, profile, {
      title: nasty,
      date: new Date('2025-01-15T00:00:00Z'),
    });
    for (const [name, xml] of p) expect(xmlProblem(xml), name).toBeUndefined();
    const expected = 'A&B <C> "D" EFGHI 😀 “引号”——……';
    expect(documentText(part(p, 'word/document.xml'))).toBe(`${expected}列${expected}`);
    expect(part(p, 'docProps/core.xml')).toContain(
      '<dc:title>A&amp;B &lt;C&gt; &quot;D&quot; EFGHI 😀 “引号”——……</dc:title>',
    );
  });

  it('keeps any text well-formed (property)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: 'binary', maxLength: 40 }), async (s) => {
        const md = `<!-- fangan:signature -->\n\n${'`'.repeat(3)}\n${s.replace(/`/g, "'")}\n${'`'.repeat(3)}\n`;
        const { parts: p } = await renderParts(md, profile, { title: s, date: new Date(0) });
        for (const xml of p.values()) if (xmlProblem(xml) !== undefined) return false;
        return true;
      }),
      { numRuns: 60 },
    );
  });
});

describe('deterministic bytes', () => {
  it('gives byte-identical output for the same input and meta', async () => {
    const a = await renderParts(planMarkdown, profile);
    const b = await renderParts(planMarkdown, profile);
    expect(Buffer.from(a.bytes).equals(Buffer.from(b.bytes))).toBe(true);
  });

  it('takes dcterms:created/modified from meta.date', async () => {
    const a = await renderParts('正文', profile, {
      title: 't',
      date: new Date('2025-01-15T08:00:00.123Z'),
    });
    const b = await renderParts('正文', profile, {
      title: 't',
      date: new Date('2025-04-05T00:00:00Z'),
    });
    expect(part(a.parts, 'docProps/core.xml')).toContain(
      '<dcterms:created xsi:type="dcterms:W3CDTF">2025-01-15T08:00:00Z</dcterms:created>',
    );
    expect(part(a.parts, 'docProps/core.xml')).toContain(
      '<dcterms:modified xsi:type="dcterms:W3CDTF">2025-01-15T08:00:00Z</dcterms:modified>',
    );
    expect(part(b.parts, 'docProps/core.xml')).toContain(
      '<dcterms:created xsi:type="dcterms:W3CDTF">2025-04-05T00:00:00Z</dcterms:created>',
    );
    expect(Buffer.from(a.bytes).equals(Buffer.from(b.bytes))).toBe(false);
    expect(part(a.parts, 'word/document.xml')).toBe(part(b.parts, 'word/document.xml'));
  });
});
