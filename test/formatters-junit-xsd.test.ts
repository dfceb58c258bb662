/**
 * `--format junit` against the Jenkins junit-10 report schema. The rules are checked twice: by a
 * small walker over the element tree (always), and by xmllint against test/fixtures/junit/
 * junit-10.xsd, a schema written from the same rules (when xmllint is installed; .ci/run
 * installs libxml2-utils).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Diagnostic, FileResult } from '../src/diagnostics/types.js';
import { formatJunit } from '../src/cli/formatters/junit.js';
import type { FormatOptions } from '../src/cli/formatters/index.js';
import { parseXml, type XmlElement } from './helpers/xml.js';

/** junit-10: each element's children in order (name, most occurrences) and its attributes. */
const RULES: Record<
  string,
  { children: [string, number][]; required: string[]; optional: string[]; text: boolean }
> = {
  testsuites: {
    children: [['testsuite', Infinity]],
    required: [],
    optional: ['name', 'time', 'tests', 'failures', 'disabled', 'errors'],
    text: false,
  },
  testsuite: {
    children: [
      ['properties', 1],
      ['testcase', Infinity],
      ['system-out', 1],
      ['system-err', 1],
    ],
    required: ['name', 'tests'],
    optional: [
      'failures',
      'errors',
      'time',
      'disabled',
      'skipped',
      'timestamp',
      'hostname',
      'id',
      'package',
    ],
    text: false,
  },
  properties: { children: [['property', Infinity]], required: [], optional: [], text: false },
  property: { children: [], required: ['name', 'value'], optional: [], text: false },
  testcase: {
    children: [
      ['skipped', 1],
      ['error', Infinity],
      ['failure', Infinity],
      ['system-out', Infinity],
      ['system-err', Infinity],
    ],
    required: ['name'],
    optional: ['assertions', 'time', 'classname', 'status'],
    text: false,
  },
  failure: { children: [], required: [], optional: ['type', 'message'], text: true },
  error: { children: [], required: [], optional: ['type', 'message'], text: true },
  skipped: { children: [], required: [], optional: ['message'], text: true },
  'system-out': { children: [], required: [], optional: [], text: true },
  'system-err': { children: [], required: [], optional: [], text: true },
};

/** The first way `el` breaks the rules, or undefined. */
function violation(el: XmlElement, where = el.name): string | undefined {
  const rule = RULES[el.name];
  if (!rule) return `${where}: element <${el.name}> is not in junit-10`;
  for (const a of Object.keys(el.attributes)) {
    if (!rule.required.includes(a) && !rule.optional.includes(a)) {
      return `${where}: attribute ${a} is not allowed on <${el.name}>`;
    }
  }
  for (const a of rule.required) {
    if (!(a in el.attributes)) return `${where}: <${el.name}> needs attribute ${a}`;
  }
  if (!rule.text && el.text.trim() !== '') return `${where}: <${el.name}> holds no text`;
  // The children must follow the sequence: each name in its turn, at most its count.
  let step = 0;
  let seen = 0;
  for (const child of el.children) {
    while (step < rule.children.length && rule.children[step]?.[0] !== child.name) {
      step++;
      seen = 0;
    }
    const slot = rule.children[step];
    if (!slot) return `${where}: <${child.name}> is not allowed here in <${el.name}>`;
    if (++seen > slot[1]) return `${where}: too many <${child.name}> in <${el.name}>`;
    const inner = violation(child, `${where}/${child.name}`);
    if (inner) return inner;
  }
  return undefined;
}

const options = (over: Partial<FormatOptions> = {}): FormatOptions => ({
  lang: 'zh-CN',
  color: false,
  cwd: '/work/repo',
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
const results: FileResult[] = [
  {
    file: 'plans/青溪镇.yaml',
    diagnostics: [
      diag({ hint: '你是不是想写 title？' }),
      diag({ code: 'FG2101', severity: 'warning', message: '目标 <G2> & "x"', line: 9 }),
    ],
  },
  { file: 'plans/ok.yaml', diagnostics: [] },
  {
    file: '/work/repo/a dir/<b>&"c".yaml',
    diagnostics: [diag({ file: '/work/repo/a dir/<b>&"c".yaml', message: 'line\nbreak\u0001' })],
  },
];
const outputs = [formatJunit(results, options()), formatJunit(results, options({ strict: true }))];

const work = mkdtempSync(path.join(tmpdir(), 'fangan-junit-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const xsd = path.join(process.cwd(), 'test/fixtures/junit/junit-10.xsd');
const xmllint = spawnSync('xmllint', ['--version']).status === 0;
if (!xmllint) {
  console.warn(
    'junit XSD validation skipped: xmllint not installed (apt-get install libxml2-utils)',
  );
}

describe('junit output against the junit-10 schema', () => {
  it('follows the schema rules: elements, order, counts and attributes', () => {
    for (const xml of outputs) {
      const { root, error } = parseXml(xml);
      expect(error).toBeUndefined();
      expect(root?.name).toBe('testsuites');
      expect(violation(root as XmlElement)).toBeUndefined();
    }
  });

  it('keeps the position of each problem in the case output', () => {
    const { root } = parseXml(outputs[0] as string);
    const failing = root?.children[0]?.children[0];
    expect(failing?.children.map((c) => c.name)).toEqual(['failure', 'system-out']);
    expect(failing?.children[1]?.text).toBe('plans/青溪镇.yaml:2:3');
    const warning = root?.children[0]?.children[1];
    expect(warning?.children.map((c) => c.name)).toEqual(['system-out']);
    expect(warning?.children[0]?.text).toMatch(/^plans\/青溪镇\.yaml:9:3 警告/);
  });

  it('the walker catches what the schema forbids', () => {
    const bad = parseXml(
      '<testsuites><testsuite name="a" tests="1"><testcase name="x" file="a" line="3"/></testsuite></testsuites>',
    );
    expect(violation(bad.root as XmlElement)).toMatch(/attribute file is not allowed/);
    const order = parseXml(
      '<testsuites><testsuite name="a" tests="1"><testcase name="x"><system-out/><failure/></testcase></testsuite></testsuites>',
    );
    expect(violation(order.root as XmlElement)).toMatch(/<failure> is not allowed here/);
  });

  it.skipIf(!xmllint)('validates with xmllint against the vendored junit-10.xsd', () => {
    outputs.forEach((xml, i) => {
      const file = path.join(work, `report-${i}.xml`);
      writeFileSync(file, xml);
      const res = spawnSync('xmllint', ['--noout', '--schema', xsd, file], { encoding: 'utf8' });
      expect(res.stderr).toContain('validates');
      expect(res.status).toBe(0);
    });
    // And the schema is strict enough to refuse the old shape (file/line on <testcase>).
    const old = path.join(work, 'old.xml');
    writeFileSync(
      old,
      '<testsuites><testsuite name="a" tests="1"><testcase classname="a" name="a" file="a" line="1"/></testsuite></testsuites>',
    );
    const res = spawnSync('xmllint', ['--noout', '--schema', xsd, old], { encoding: 'utf8' });
    expect(res.status).not.toBe(0);
  });
});
