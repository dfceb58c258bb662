import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from '../src/cli/main.js';
import { validateText } from '../src/validate/index.js';
import { captureIO } from './helpers/io.js';

const plan = readFileSync(
  new URL('./fixtures/validate/keys/en/plan.yaml', import.meta.url),
  'utf8',
);
const zhPlan = readFileSync(
  new URL('./fixtures/validate/keys/zh/plan.yaml', import.meta.url),
  'utf8',
);

/** `plan` with `from` replaced (which must occur), validated. */
function check(from: string, to: string, base = plan) {
  expect(base).toContain(from);
  const text = base.replace(from, to);
  const diagnostics = validateText(text, { file: 'plan.yaml' }).diagnostics;
  const lineOf = (needle: string): number =>
    text.split('\n').findIndex((l) => l.includes(needle)) + 1;
  return { diagnostics, lineOf };
}

describe('typographic quotes used as YAML quotes', () => {
  it('“…” around a value is an error with the fix, at the quote', () => {
    const { diagnostics, lineOf } = check(
      'title: 白石镇创建健康促进镇工作方案',
      'title: “白石镇创建健康促进镇工作方案”',
    );
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({
      code: 'FG2402',
      severity: 'error',
      pointer: '/title',
      line: lineOf('title: “'),
      column: 8,
      hint: "改成：title: '白石镇创建健康促进镇工作方案'",
    });
  });

  it('‘…’ and “%” inside a flow mapping and a list item are caught too', () => {
    const unit = check("unit: '%', baseline: 21.5", 'unit: “%”, baseline: 21.5');
    expect(unit.diagnostics.map((d) => [d.code, d.pointer, d.hint])).toEqual([
      ['FG2402', '/goals/0/indicators/0/unit', "改成：unit: '%'"],
    ]);
    const item = check('  - 群众健康意识明显增强。', '  - ‘群众健康意识明显增强。’');
    expect(item.diagnostics.map((d) => [d.code, d.pointer, d.hint])).toEqual([
      ['FG2402', '/outcomes/0', "改成：'群众健康意识明显增强。'"],
    ]);
  });

  it('the fix names the key the way the file writes it, and escapes single quotes', () => {
    const { diagnostics } = check(
      '标题: 白石镇创建健康促进镇工作方案',
      "标题: “白石镇'健康'方案”",
      zhPlan,
    );
    expect(diagnostics.map((d) => d.hint)).toEqual(["改成：标题: '白石镇''健康''方案'"]);
  });

  it('quotes that are part of the text are left alone', () => {
    expect(check('title: 白石镇', 'title: “健康中国”行动和“三减三健”在白石镇').diagnostics).toEqual(
      [],
    );
    expect(check('title: 白石镇', 'title: 开展“健康村”创建，白石镇').diagnostics).toEqual([]);
  });

  it('fangan validate exits 1 on such a file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fangan-hints-'));
    writeFileSync(join(dir, 'plan.yaml'), plan.replace("unit: '%'", 'unit: “%”'));
    const io = captureIO({ cwd: dir });
    expect(await run(['validate', 'plan.yaml'], io)).toBe(1);
    expect(io.out() + io.err()).toContain('FG2402');
  });
});

describe('a unit name where its id belongs', () => {
  it('lead: 镇卫生院 gets the exact id', () => {
    const { diagnostics, lineOf } = check('    lead: wsy', '    lead: 镇卫生院');
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({
      code: 'FG2102',
      line: lineOf('lead: 镇卫生院'),
      hint: '“镇卫生院”是单位名称，这里要写它在 units 中的编号：wsy',
    });
  });

  it('a name in support gets its id, an unknown id still gets the closest id', () => {
    const support = check('support: [cwh]', 'support: [各村（社区）委员会]');
    // The name also breaks the id pattern (FG2015); the reference error carries the fix.
    const reference = support.diagnostics.find((d) => d.code === 'FG2102');
    expect(reference?.hint).toBe(
      '“各村（社区）委员会”是单位名称，这里要写它在 units 中的编号：cwh',
    );
    const typo = check('    lead: wsy', '    lead: wsyy');
    expect(typo.diagnostics.map((d) => d.hint)).toEqual(['是否应为“wsy”？']);
  });
});

describe('an ASCII colon inside a Chinese sentence', () => {
  it('a syntax error it causes gets the line with a full-width colon', () => {
    const { diagnostics } = check('title: 白石镇创建', 'title: 白石镇: 创建');
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]?.code).toMatch(/^FG11/);
    expect(diagnostics[0]?.hint).toContain('全角“：”');
    expect(diagnostics[0]?.hint).toContain('title: 白石镇：创建健康促进镇工作方案');
  });

  it('a sentence read as a mapping in a list of text gets the sentence with a full-width colon', () => {
    const { diagnostics } = check('  - 坚持政府主导', '  - 基本原则: 坚持政府主导');
    expect(diagnostics.map((d) => [d.code, d.pointer])).toEqual([['FG2012', '/requirements/0']]);
    expect(diagnostics[0]?.hint).toContain('基本原则：坚持政府主导');
  });

  it('an ordinary key: value line is not taken for a sentence', () => {
    // A parse error elsewhere on an English line gets no colon hint.
    const { diagnostics } = check('title: 白石镇创建', 'title: [白石镇创建');
    expect(diagnostics.some((d) => (d.hint ?? '').includes('全角“：”'))).toBe(false);
  });
});

describe('the full-width comma hint', () => {
  const commaHint = '方括号列表中的各项要用半角逗号';

  it('is not given for a sentence on a line that failed to parse', () => {
    const { diagnostics } = check('title: 白石镇创建', 'title: 白石镇，创建: 健康');
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]?.hint ?? '').not.toContain(commaHint);
  });

  it('is not given for a sentence where a list was expected', () => {
    const { diagnostics } = check(
      'requirements:\n  - 坚持政府主导、部门协作、全民参与。',
      'requirements: 坚持政府主导，部门协作，全民参与。',
    );
    expect(diagnostics.map((d) => d.code)).toEqual(['FG2012']);
    expect(diagnostics[0]?.hint ?? '').not.toContain(commaHint);
  });

  it('gives the exact list for ids separated by full-width commas, and stays inside [ ]', () => {
    const list = check('support: [cwh]', 'support: cwh，zxx');
    expect(list.diagnostics.map((d) => [d.code, d.hint])).toEqual([['FG2012', '改成：[cwh, zxx]']]);
    const bracket = check('goals: [G1]\n    indicators', 'goals: [G1，G2]\n    indicators');
    expect(bracket.diagnostics[0]?.hint).toContain(commaHint);
  });
});

describe('dates written another way', () => {
  for (const [written, iso] of [
    ['2025/3/1', '2025-03-01'],
    ['2025年3月1日', '2025-03-01'],
    ['2025.12.31', '2025-12-31'],
    ['2025-3-1', '2025-03-01'],
  ] as const) {
    it(`${written} -> ${iso}`, () => {
      const { diagnostics } = check('date: 2025-02-10', `date: ${written}`);
      expect(diagnostics.map((d) => [d.code, d.hint])).toEqual([['FG2014', `改成：${iso}`]]);
    });
  }

  it('a day that does not exist gets the form, not a made-up date', () => {
    const { diagnostics } = check('date: 2025-02-10', 'date: 2025/2/30');
    expect(diagnostics[0]?.code).toBe('FG2014');
    expect(diagnostics[0]?.hint).not.toContain('改成');
    expect(diagnostics[0]?.hint).toContain('YYYY-MM-DD');
  });
});
