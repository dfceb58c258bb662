import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Diagnostic, FileResult } from '../src/diagnostics/types.js';
import type { FormatOptions } from '../src/cli/formatters/index.js';
import { formatJson } from '../src/cli/formatters/json.js';
import { codeFrame, displayWidth, formatStylish } from '../src/cli/formatters/stylish.js';
import {
  escapeData,
  escapeProperty,
  formatGithub,
  MAX_ANNOTATIONS,
} from '../src/cli/formatters/github.js';
import { formatSarif } from '../src/cli/formatters/sarif.js';
import { formatJunit } from '../src/cli/formatters/junit.js';
import { parseXml } from './helpers/xml.js';
import { Chalk } from 'chalk';

const cwd = '/work/repo';
const options = (over: Partial<FormatOptions> = {}): FormatOptions => ({
  lang: 'zh-CN',
  color: false,
  cwd,
  strict: false,
  version: '1.2.3',
  ...over,
});

const diag = (over: Partial<Diagnostic> = {}): Diagnostic => ({
  code: 'FG2001',
  severity: 'error',
  message: '缺少必填字段“title”',
  file: 'plans/青溪镇.yaml',
  line: 2,
  column: 3,
  ...over,
});

const source = 'kind: plan\n  titel: 青溪镇工作方案\nissuer: 青溪镇人民政府\n';
const results: FileResult[] = [
  {
    file: 'plans/青溪镇.yaml',
    kind: 'plan',
    source,
    diagnostics: [
      diag({ endLine: 2, endColumn: 8, hint: '你是不是想写 title？' }),
      diag({
        code: 'FG2101',
        severity: 'warning',
        message: '目标 G2 没有对应的措施',
        line: 3,
        column: 9,
      }),
    ],
  },
  { file: 'plans/ok.yaml', kind: 'plan', diagnostics: [] },
];

describe('json formatter', () => {
  it('is an array of {file, kind, diagnostics} without the source text', () => {
    const parsed = JSON.parse(formatJson(results, options())) as unknown[];
    expect(parsed).toEqual([
      { file: 'plans/青溪镇.yaml', kind: 'plan', diagnostics: results[0]?.diagnostics },
      { file: 'plans/ok.yaml', kind: 'plan', diagnostics: [] },
    ]);
  });

  it('writes kind null when the kind is unknown', () => {
    const parsed = JSON.parse(formatJson([{ file: 'x.yaml', diagnostics: [] }], options()));
    expect(parsed[0].kind).toBeNull();
  });
});

describe('stylish formatter', () => {
  it('prints file:line:col, severity, message, code, a code frame, the hint and a summary', () => {
    const out = formatStylish(results, options());
    expect(out).toBe(
      [
        'plans/青溪镇.yaml:2:3  错误  缺少必填字段“title”  FG2001',
        '  1 │ kind: plan',
        '> 2 │   titel: 青溪镇工作方案',
        '    │   ^^^^^',
        '  提示：你是不是想写 title？',
        '',
        'plans/青溪镇.yaml:3:9  警告  目标 G2 没有对应的措施  FG2101',
        '  2 │   titel: 青溪镇工作方案',
        '> 3 │ issuer: 青溪镇人民政府',
        // 青 is one wide character: two carets.
        '    │         ^^',
        '',
        '✖ 2 个问题（1 个错误，1 个警告），共 2 个文件',
        '',
      ].join('\n'),
    );
  });

  it('speaks English with --lang en', () => {
    const out = formatStylish(
      [
        {
          file: 'a.yaml',
          diagnostics: [diag({ file: 'a.yaml', message: 'Missing "title"', hint: 'add it' })],
        },
      ],
      options({ lang: 'en' }),
    );
    expect(out).toContain('a.yaml:2:3  error  Missing "title"  FG2001');
    expect(out).toContain('hint: add it');
    expect(out).toContain('✖ 1 problem (1 error, 0 warnings) in 1 file');
  });

  it('says so when every file is clean', () => {
    const clean: FileResult[] = [
      { file: 'a.yaml', diagnostics: [] },
      { file: 'b.yaml', diagnostics: [] },
    ];
    expect(formatStylish(clean, options())).toBe('✔ 共 2 个文件，没有发现问题\n');
    expect(formatStylish(clean, options({ lang: 'en' }))).toBe('✔ 2 files checked, no problems\n');
  });

  it('colours only when asked', () => {
    expect(formatStylish(results, options())).not.toContain('\x1b[');
    expect(formatStylish(results, options({ color: true }))).toContain('\x1b[31m错误');
  });

  it('puts the caret under the column even after wide Chinese characters', () => {
    const lines = ['名称：青溪镇'];
    const frame = codeFrame(lines, diag({ line: 1, column: 3 }), new Chalk({ level: 0 }));
    // "名称" is two characters, four terminal columns wide.
    expect(frame[1]).toBe('    │ ' + ' '.repeat(4) + '^^');
    expect(displayWidth('名称：a')).toBe(7);
  });

  it('cuts very long lines around the column', () => {
    const long = 'background: ' + '健康'.repeat(100) + 'X' + '促进'.repeat(100);
    const column = long.indexOf('X') + 1;
    const frame = codeFrame([long], diag({ line: 1, column }), new Chalk({ level: 0 }));
    const [shown = '', carets = ''] = frame;
    expect(shown.startsWith('> 1 │ …')).toBe(true);
    expect(shown.endsWith('…')).toBe(true);
    expect(shown.length).toBeLessThan(100);
    // The caret sits exactly under the X.
    const before = shown.slice(0, shown.indexOf('X'));
    expect(carets.indexOf('^')).toBe(displayWidth(before));
  });

  it('never passes terminal control characters from the file through', () => {
    const evil: FileResult = {
      file: 'a.yaml',
      source: 'title: "\x1b[2J"\n',
      diagnostics: [diag({ file: 'a.yaml', line: 1, column: 8, message: 'bad \x1b[31m value' })],
    };
    const out = formatStylish([evil], options());
    expect(out).not.toContain('\x1b');
    expect(out).toContain('\\x1b[2J');
  });

  it('skips the frame when there is no source or the line is out of range', () => {
    const out = formatStylish(
      [{ file: 'a.yaml', source: 'a: 1\n', diagnostics: [diag({ file: 'a.yaml', line: 40 })] }],
      options(),
    );
    expect(out).not.toContain('│');
  });
});

describe('github formatter', () => {
  it('escapes data and property values as the workflow-command format requires', () => {
    expect(escapeData('50%\r\nnext')).toBe('50%25%0D%0Anext');
    expect(escapeProperty('a:b,c%\n')).toBe('a%3Ab%2Cc%25%0A');
  });

  it('writes one annotation per problem, hints on a second line, then a summary', () => {
    const lines = formatGithub(results, options()).split('\n');
    expect(lines[0]).toBe(
      '::error file=plans/青溪镇.yaml,line=2,col=3,endLine=2,endColumn=8,title=FG2001::缺少必填字段“title”%0A提示：你是不是想写 title？',
    );
    expect(lines[1]).toBe(
      '::warning file=plans/青溪镇.yaml,line=3,col=9,title=FG2101::目标 G2 没有对应的措施',
    );
    expect(lines[2]).toBe('✖ 2 个问题（1 个错误，1 个警告），共 2 个文件');
  });

  it('escapes file names with commas and colons and makes absolute paths relative', () => {
    const out = formatGithub(
      [
        {
          file: `${cwd}/a,b:c.yaml`,
          diagnostics: [diag({ file: `${cwd}/a,b:c.yaml`, message: 'x:y,z' })],
        },
      ],
      options(),
    );
    expect(out.split('\n')[0]).toBe('::error file=a%2Cb%3Ac.yaml,line=2,col=3,title=FG2001::x:y,z');
  });

  it(`caps annotations at ${MAX_ANNOTATIONS} and lists the rest as plain text`, () => {
    const many = Array.from({ length: MAX_ANNOTATIONS + 7 }, (_, i) => diag({ line: i + 1 }));
    const lines = formatGithub([{ file: 'a.yaml', diagnostics: many }], options({ lang: 'en' }))
      .trimEnd()
      .split('\n');
    expect(lines.filter((l) => l.startsWith('::error'))).toHaveLength(MAX_ANNOTATIONS);
    expect(lines.filter((l) => l.startsWith('plans/青溪镇.yaml:'))).toHaveLength(7);
    expect(lines).toContain(
      `7 more problems exceed the limit of ${MAX_ANNOTATIONS} annotations and are listed as text above`,
    );
  });

  it('escapes the paths of the plain lines past the cap like the annotations', () => {
    const evil = 'x\n::error file=evil.yaml::injected%0A,y:z.yaml';
    const many = Array.from({ length: MAX_ANNOTATIONS + 2 }, (_, i) =>
      diag({ file: evil, line: i + 1, message: 'm\n::warning::also' }),
    );
    const out = formatGithub([{ file: evil, diagnostics: many }], options({ lang: 'en' }));
    const lines = out.trimEnd().split('\n');
    // Only the capped annotations are workflow commands; nothing else starts one.
    expect(lines.filter((l) => l.startsWith('::'))).toHaveLength(MAX_ANNOTATIONS);
    const plain = lines.slice(MAX_ANNOTATIONS, MAX_ANNOTATIONS + 2);
    expect(plain[0]).toBe(
      `${escapeProperty(evil)}:${MAX_ANNOTATIONS + 1}:3: error FG2001 m ::warning::also`,
    );
    expect(plain[0]).toMatch(/^x%0A%3A%3Aerror file=evil\.yaml%3A%3Ainjected%250A%2Cy%3Az\.yaml:/);
  });
});

describe('sarif formatter', () => {
  it('is SARIF 2.1.0 with one rule per code, regions and relative URIs', () => {
    const log = JSON.parse(
      formatSarif(
        [
          ...results,
          {
            file: `${cwd}/sub dir/镇.yaml`,
            diagnostics: [diag({ file: `${cwd}/sub dir/镇.yaml`, line: 7, column: 1 })],
          },
        ],
        options(),
      ),
    );
    expect(log.version).toBe('2.1.0');
    const run = log.runs[0];
    expect(run.tool.driver.name).toBe('fangan');
    expect(run.tool.driver.version).toBe('1.2.3');
    expect(run.tool.driver.rules.map((r: { id: string }) => r.id)).toEqual(['FG2001', 'FG2101']);
    expect(run.originalUriBaseIds['%SRCROOT%'].uri).toBe('file:///work/repo/');
    expect(run.results).toHaveLength(3);
    const [first, second, third] = run.results;
    expect(first).toMatchObject({
      ruleId: 'FG2001',
      ruleIndex: 0,
      level: 'error',
      message: { text: '缺少必填字段“title”\n提示：你是不是想写 title？' },
      locations: [
        {
          physicalLocation: {
            artifactLocation: {
              uri: 'plans/%E9%9D%92%E6%BA%AA%E9%95%87.yaml',
              uriBaseId: '%SRCROOT%',
            },
            region: { startLine: 2, startColumn: 3, endLine: 2, endColumn: 8 },
          },
        },
      ],
    });
    expect(second).toMatchObject({ ruleId: 'FG2101', ruleIndex: 1, level: 'warning' });
    expect(second.locations[0].physicalLocation.region).toEqual({ startLine: 3, startColumn: 9 });
    expect(third.ruleIndex).toBe(0);
    expect(third.locations[0].physicalLocation.artifactLocation.uri).toBe(
      'sub%20dir/%E9%95%87.yaml',
    );
  });

  it('describes rules from the message catalogue', () => {
    const log = JSON.parse(
      formatSarif(
        [{ file: 'a.yaml', diagnostics: [diag({ code: 'FG9001', file: 'a.yaml' })] }],
        options(),
      ),
    );
    expect(log.runs[0].tool.driver.rules[0].shortDescription.text).toBe('找不到路径：…');
  });
});

describe('junit formatter', () => {
  it('is well-formed XML with a suite per file and a failure per error', () => {
    const xml = formatJunit(results, options());
    const { root, error } = parseXml(xml);
    expect(error).toBeUndefined();
    expect(root?.name).toBe('testsuites');
    expect(root?.attributes).toMatchObject({ tests: '3', failures: '1' });
    const [bad, ok] = root?.children ?? [];
    expect(bad?.attributes).toMatchObject({ name: 'plans/青溪镇.yaml', tests: '2', failures: '1' });
    const failure = bad?.children[0]?.children[0];
    expect(failure?.name).toBe('failure');
    expect(failure?.attributes).toMatchObject({ type: 'FG2001', message: '缺少必填字段“title”' });
    expect(failure?.text).toBe(
      'plans/青溪镇.yaml:2:3 错误 缺少必填字段“title” (FG2001)\n提示：你是不是想写 title？',
    );
    expect(bad?.children[1]?.children[0]?.name).toBe('system-out');
    expect(ok?.attributes).toMatchObject({ name: 'plans/ok.yaml', tests: '1', failures: '0' });
    expect(ok?.children[0]?.children).toEqual([]);
  });

  it('counts warnings as failures with --strict', () => {
    const { root } = parseXml(formatJunit(results, options({ strict: true })));
    expect(root?.attributes.failures).toBe('2');
    expect(root?.children[0]?.children[1]?.children[0]?.name).toBe('failure');
  });

  it('stays well-formed whatever the messages and file names contain', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), fc.string({ unit: 'binary' }), (message, file) => {
        const xml = formatJunit(
          [{ file, diagnostics: [diag({ file, message, hint: message })] }],
          options(),
        );
        const { root, error } = parseXml(xml);
        expect(error).toBeUndefined();
        const failure = root?.children[0]?.children[0]?.children[0];
        // Text survives except for characters XML cannot carry at all.
        const carried = message.replace(
          /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu,
          '\uFFFD',
        );
        expect(failure?.attributes.message).toBe(carried);
      }),
      { numRuns: 300 },
    );
  });
});
