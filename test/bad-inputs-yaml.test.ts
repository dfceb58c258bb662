/**
 * Bad inputs 1–16 of the shared design (bad-inputs.md, "YAML and encoding"): each gives a
 * diagnostic with a stable code at the right line and column, in Chinese and in English.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Diagnostic } from '../src/diagnostics/types.js';
import { validateFile, validateText } from '../src/validate/index.js';

const fixtureUrl = new URL('./fixtures/validate/plan.yaml', import.meta.url);
const plan = readFileSync(fixtureUrl, 'utf8');
const HAN = /[\u4e00-\u9fff]/;

/** Replaces one exact, unique piece of the valid fixture. */
function edit(from: string, to: string, text = plan): string {
  expect(text.split(from)).toHaveLength(2);
  return text.replace(from, to);
}

/**
 * Checks that `input` gives `code` at line:column in both languages (zh-CN text is Chinese, en text
 * is not) and returns the two diagnostics.
 */
function expectDiagnostic(
  input: string | Uint8Array,
  code: string,
  line: number,
  column: number,
): { zh: Diagnostic; en: Diagnostic; all: Diagnostic[] } {
  const zhResult = validateText(input, { file: 'plan.yaml' });
  const enResult = validateText(input, { file: 'plan.yaml', lang: 'en' });
  const zh = zhResult.diagnostics.find((d) => d.code === code);
  const en = enResult.diagnostics.find((d) => d.code === code);
  expect(zh, JSON.stringify(zhResult.diagnostics, null, 1)).toBeDefined();
  expect(en).toBeDefined();
  expect(zh).toMatchObject({ file: 'plan.yaml', line, column });
  expect(en).toMatchObject({ file: 'plan.yaml', line, column });
  expect(zh?.message).toMatch(HAN);
  expect(en?.message).toMatch(/^[A-Za-z%]/);
  expect(en?.message).not.toBe(zh?.message);
  return { zh: zh as Diagnostic, en: en as Diagnostic, all: zhResult.diagnostics };
}

const codes = (input: string | Uint8Array) =>
  validateText(input, { file: 'plan.yaml' }).diagnostics.map((d) => d.code);

describe('bad inputs: YAML and encoding', () => {
  it('the fixture itself is valid', () => {
    expect(validateText(plan, { file: 'plan.yaml' }).diagnostics).toEqual([]);
  });

  it('1. an alias bomb is refused without expanding it', () => {
    const lines = ['kind: plan', 'lol0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]'];
    for (let i = 1; i <= 12; i++)
      lines.push(
        `lol${i}: &l${i} [${Array(10)
          .fill(`*l${i - 1}`)
          .join(', ')}]`,
      );
    const before = process.memoryUsage().heapUsed;
    const { zh, all } = expectDiagnostic(lines.join('\n'), 'FG1105', 2, 7);
    expect(zh.message).toContain('&l0');
    expect(all).toHaveLength(1);
    // 10^12 expanded strings would need terabytes; a few MB of noise is all we allow.
    expect(process.memoryUsage().heapUsed - before).toBeLessThan(64 * 1024 * 1024);
  });

  it('2. 5,000 nested [ are refused without a stack overflow', () => {
    const { all } = expectDiagnostic(`kind: plan\ntitle: ${'['.repeat(5000)}\n`, 'FG1108', 2, 108);
    expect(all).toHaveLength(1);
  });

  it('3. a duplicate key is reported at the second key', () => {
    const { zh, en } = expectDiagnostic(
      edit('region: 临河县青石镇\n', 'region: 临河县青石镇\ntitle: 重复\n'),
      'FG1102',
      8,
      1,
    );
    expect(zh.message).toContain('第 3 行');
    expect(en.message).toContain('line 3');
  });

  it('4. %YAML 1.1 is read as YAML 1.2 core: NO stays text, 0755 a number, << refused', () => {
    const text = `%YAML 1.1\n---\n${edit('region: 临河县青石镇', 'region: NO')}<<: { title: x }\n`;
    const result = validateText(text, { file: 'plan.yaml' });
    expect(result.diagnostics.map((d) => d.code)).toEqual(['FG1110', 'FG1202']);
    expectDiagnostic(text, 'FG1110', 1, 1);
    const { zh } = expectDiagnostic(text, 'FG1202', 145, 1);
    expect(zh.message).toContain('<<');
    expect(codes(edit('region: 临河县青石镇', 'region: NO'))).toEqual([]);
    expect(codes(edit('doc_number: 青政发〔2025〕7号', 'doc_number: 0755'))).toEqual(['FG2012']);
  });

  it('5. numbers where text is expected: "must be text, add quotes"', () => {
    const zip = expectDiagnostic(
      edit('doc_number: 青政发〔2025〕7号', 'doc_number: 010000'),
      'FG2012',
      5,
      13,
    );
    expect(zip.zh.hint).toContain('doc_number: "010000"');
    expect(zip.en.message).toContain('must be text');
    expect(zip.en.hint).toContain('add quotes');

    const longId = expectDiagnostic(
      edit('{ id: dzb,', '{ id: 123456789012345678,'),
      'FG2012',
      10,
      11,
    );
    expect(longId.zh.hint).toContain('id: "123456789012345678"');

    const version = expectDiagnostic(
      edit('title: 青石镇创建健康促进镇工作方案', 'title: 1.0'),
      'FG2012',
      3,
      8,
    );
    expect(version.en.hint).toContain('title: "1.0"');
  });

  it('6. custom tags are rejected', () => {
    expectDiagnostic(
      edit('title: 青石镇创建健康促进镇工作方案', 'title: !!js/function "x"'),
      'FG1106',
      3,
      8,
    );
    const { zh } = expectDiagnostic(
      edit('region: 临河县青石镇', 'region: !foo 临河县青石镇'),
      'FG1106',
      7,
      9,
    );
    expect(zh.message).toContain('!foo');
  });

  it('7. __proto__ and constructor keys are rejected, nothing is polluted', () => {
    const text = edit(
      'region: 临河县青石镇\n',
      'region: 临河县青石镇\n__proto__: { polluted: yes }\nconstructor: 1\n',
    );
    expectDiagnostic(text, 'FG1107', 8, 1);
    expect(codes(text)).toEqual(['FG1107', 'FG1107']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('8. several documents are rejected at the second one', () => {
    const { all } = expectDiagnostic(`${plan}---\nkind: plan\n`, 'FG1104', 143, 1);
    expect(all.map((d) => d.code)).toEqual(['FG1104']);
  });

  describe('9. size cap', () => {
    const dir = mkdtempSync(join(tmpdir(), 'fangan-bad-'));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it('a file over 5 MB is refused before parsing', async () => {
      const file = join(dir, 'huge.yaml');
      writeFileSync(file, 'kind: plan\n' + '# padding\n'.repeat(530_000));
      const result = await validateFile(file, { lang: 'en' });
      expect(result.diagnostics).toMatchObject([{ code: 'FG1001', line: 1, column: 1, file }]);
      expect(result.source).toBeUndefined();
      expectDiagnostic(new Uint8Array(5 * 1024 * 1024 + 1), 'FG1001', 1, 1);
    });
  });

  it('10. tab indentation is a clear error', () => {
    expectDiagnostic(
      edit('  leading_group:\n    leader:', '  leading_group:\n\tleader:'),
      'FG1103',
      64,
      1,
    );
  });

  it('11. a full-width colon or full-width / no-break space indentation is named', () => {
    const colon = expectDiagnostic(
      edit('region: 临河县青石镇', 'region：临河县青石镇'),
      'FG1114',
      7,
      1,
    );
    const top = expectDiagnostic('kind: plan\ntitle：某某\n', 'FG1113', 2, 1);
    expect(top.en.hint).toContain('U+FF1A');
    expect(colon.zh.hint).toContain('U+FF1A');
    expect(colon.en.hint).toContain('U+FF1A');

    const ideographic = expectDiagnostic(edit('\nregion: ', '\n\u3000region: '), 'FG2011', 7, 1);
    expect(ideographic.zh.hint).toContain('U+3000');
    expect(ideographic.en.hint).toContain('"region"');

    const nbsp = expectDiagnostic(edit('\nregion: ', '\n\u00a0region: '), 'FG2011', 7, 1);
    expect(nbsp.en.hint).toContain('U+00A0');
  });

  it('12. a zero-width character or BOM inside a key is shown escaped', () => {
    const zw = expectDiagnostic(edit('\nregion: ', '\nregion\u200b: '), 'FG2011', 7, 1);
    expect(zw.zh.message).toContain('region\\u200b');
    expect(zw.en.hint).toContain('Did you mean "region"');
    const bom = expectDiagnostic(edit('\nissuer: ', '\nissuer\ufeff: '), 'FG2011', 4, 1);
    expect(bom.en.message).toContain('issuer\\ufeff');
    expect(codes(edit('\nissuer: ', '\nissuer\ufeff: '))).toEqual(['FG2011']);
  });

  it('13. GB18030 (four-byte characters too), UTF-8 with BOM and UTF-16LE with BOM are decoded', () => {
    const gb = readFileSync(new URL('./fixtures/validate/plan-gb18030.yaml', import.meta.url));
    const fromGb = validateText(gb, { file: 'plan.yaml' });
    expect(fromGb.diagnostics).toEqual([]);
    expect(fromGb.source).toContain('临河县青石镇𠮷家村');
    expect(validateText(gb, { file: 'plan.yaml', encoding: 'gbk' }).source).toContain('𠮷');

    const bom8 = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(plan, 'utf8')]);
    expect(validateText(bom8, { file: 'plan.yaml' }).diagnostics).toEqual([]);
    const bom16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(plan, 'utf16le')]);
    expect(validateText(bom16, { file: 'plan.yaml' }).diagnostics).toEqual([]);
  });

  it('14. a truncated multi-byte sequence names the byte offset', () => {
    const bytes = Buffer.from(plan, 'utf8');
    const at = bytes.indexOf(Buffer.from('青石镇人民政府'));
    const damaged = Buffer.concat([bytes.subarray(0, at + 1), bytes.subarray(at + 3)]); // 青 loses two bytes
    const { zh, en } = expectDiagnostic(damaged, 'FG1003', 4, 9);
    expect(zh.message).toContain(`第 ${at} 字节`);
    expect(en.message).toContain(`byte offset ${at}`);
  });

  it('15. CRLF and CR-only files read normally and keep positions', () => {
    const broken = edit('lead: hbz', 'lead: hbzz');
    const lf = expectDiagnostic(broken, 'FG2102', 108, 11);
    for (const eol of ['\r\n', '\r']) {
      expect(validateText(plan.replace(/\n/g, eol), { file: 'plan.yaml' }).diagnostics).toEqual([]);
      const other = expectDiagnostic(broken.replace(/\n/g, eol), 'FG2102', 108, 11);
      expect(other.zh.endColumn).toBe(lf.zh.endColumn);
    }
  });

  it('16. impossible dates and other date forms say what form is expected', () => {
    const feb30 = expectDiagnostic(edit('date: 2025-02-10', 'date: 2025-02-30'), 'FG2105', 6, 7);
    expect(feb30.en.hint).toContain('YYYY-MM-DD');
    const slashes = expectDiagnostic(edit('date: 2025-02-10', 'date: 2025/3/1'), 'FG2014', 6, 7);
    expect(slashes.zh.hint).toContain('2025-03-01');
    expect(slashes.en.message).toContain('YYYY-MM-DD');
    const chinese = expectDiagnostic(
      edit('date: 2025-02-10', 'date: 2025年3月1日'),
      'FG2014',
      6,
      7,
    );
    expect(chinese.zh.hint).toContain('2025-03-01');
  });
});
