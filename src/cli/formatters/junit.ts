import type { Diagnostic, FileResult, Lang } from '../../diagnostics/types.js';
import type { Formatter, FormatOptions } from './index.js';
import { relativePath } from './paths.js';

/**
 * JUnit XML for CI test reports, in the shape of Jenkins' junit-10 schema (which GitLab, GitHub
 * test reporters and most other readers accept too): a <testsuite> per file; a clean file is one
 * passing <testcase>, otherwise one <testcase> per problem. Errors are <failure>s; warnings are
 * failures only with `--strict` (matching the exit code), otherwise passing cases that carry the
 * text in <system-out>. The schema has no place for a file or line on a test case, so the
 * position goes into the case's <system-out> (`file:line:column`).
 */
export const formatJunit: Formatter = (results, options) => {
  let tests = 0;
  let failures = 0;
  const suites = results.map((result) => {
    const suite = testsuite(result, options);
    tests += suite.tests;
    failures += suite.failures;
    return suite.xml;
  });
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    `<testsuites name="fangan validate" tests="${tests}" failures="${failures}" errors="0">\n` +
    suites.join('') +
    '</testsuites>\n'
  );
};

const words: Record<Lang, { error: string; warning: string; hint: string }> = {
  'zh-CN': { error: '错误', warning: '警告', hint: '提示：' },
  en: { error: 'error', warning: 'warning', hint: 'Hint: ' },
};

function testsuite(
  result: FileResult,
  options: FormatOptions,
): { xml: string; tests: number; failures: number } {
  const file = attr(relativePath(result.file, options.cwd));
  if (result.diagnostics.length === 0) {
    return {
      xml:
        `  <testsuite name="${file}" tests="1" failures="0" errors="0" skipped="0">\n` +
        `    <testcase classname="${file}" name="${file}"/>\n` +
        '  </testsuite>\n',
      tests: 1,
      failures: 0,
    };
  }
  let failures = 0;
  const cases = result.diagnostics.map((d) => {
    const fails = d.severity === 'error' || options.strict;
    if (fails) failures++;
    const name = attr(`${d.line}:${d.column} ${d.code}`);
    const body = text(details(d, options));
    const where = text(`${relativePath(d.file, options.cwd)}:${d.line}:${d.column}`);
    const inner = fails
      ? `<failure type="${attr(d.code)}" message="${attr(d.message)}">${body}</failure><system-out>${where}</system-out>`
      : `<system-out>${body}</system-out>`;
    return `    <testcase classname="${file}" name="${name}">${inner}</testcase>\n`;
  });
  return {
    xml:
      `  <testsuite name="${file}" tests="${cases.length}" failures="${failures}" errors="0" skipped="0">\n` +
      cases.join('') +
      '  </testsuite>\n',
    tests: cases.length,
    failures,
  };
}

function details(d: Diagnostic, options: FormatOptions): string {
  const w = words[options.lang];
  const where = `${relativePath(d.file, options.cwd)}:${d.line}:${d.column}`;
  const line = `${where} ${d.severity === 'error' ? w.error : w.warning} ${d.message} (${d.code})`;
  return d.hint ? `${line}\n${w.hint}${d.hint}` : line;
}

/**
 * Characters XML 1.0 cannot hold at all (most C0 controls, U+FFFE/U+FFFF, lone surrogates)
 * become U+FFFD, so a stray byte in a plan never makes the report unreadable.
 */
const NOT_XML_CHAR = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

export const text = (s: string): string =>
  s
    .replace(NOT_XML_CHAR, '\uFFFD')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');

/** Attribute values also escape quotes and keep line breaks and tabs (which XML would normalise). */
export const attr = (s: string): string =>
  text(s)
    .replace(/"/g, '&quot;')
    .replace(/\n/g, '&#10;')
    .replace(/\r/g, '&#13;')
    .replace(/\t/g, '&#9;');
