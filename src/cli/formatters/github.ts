import type { Diagnostic } from '../../diagnostics/types.js';
import { countProblems, summaryText, type Formatter } from './index.js';
import { messageWithHint, relativePath } from './paths.js';

/**
 * GitHub Actions only shows a limited number of annotations per step, and a flood of them hides
 * the summary; past this many the rest are printed as plain log lines.
 */
export const MAX_ANNOTATIONS = 50;

/** Workflow-command message text: `%`, CR and LF are encoded. */
export const escapeData = (s: string): string =>
  s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');

/** Workflow-command property values: as data, plus `:` and `,` which separate properties. */
export const escapeProperty = (s: string): string =>
  escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

/**
 * `::error file=…,line=…,col=…,title=FG2001::message` per problem (GitHub Actions workflow
 * commands), so problems show up on the pull request's changed lines.
 */
export const formatGithub: Formatter = (results, options) => {
  const out: string[] = [];
  let shown = 0;
  const overflow: string[] = [];
  for (const result of results) {
    for (const d of result.diagnostics) {
      const file = relativePath(d.file, options.cwd);
      const message = messageWithHint(d, options.lang);
      if (shown < MAX_ANNOTATIONS) {
        out.push(annotation(d, file, message));
        shown++;
      } else {
        // The path escaped as in an annotation's file= property, so no folder name can break the
        // line or start a workflow command of its own (`::error …`).
        overflow.push(
          `${escapeProperty(file)}:${d.line}:${d.column}: ${d.severity} ${d.code} ${oneLine(d.message)}`,
        );
      }
    }
  }
  if (overflow.length > 0) {
    out.push(...overflow);
    out.push(
      options.lang === 'zh-CN'
        ? `另有 ${overflow.length} 个问题超过了 ${MAX_ANNOTATIONS} 条注释的上限，已按文本列在上面`
        : `${overflow.length} more problems exceed the limit of ${MAX_ANNOTATIONS} annotations and are listed as text above`,
    );
  }
  out.push(summaryText(countProblems(results), options.lang));
  return out.join('\n') + '\n';
};

function annotation(d: Diagnostic, file: string, message: string): string {
  const props = [`file=${escapeProperty(file)}`, `line=${d.line}`, `col=${d.column}`];
  if (d.endLine !== undefined) props.push(`endLine=${d.endLine}`);
  if (d.endColumn !== undefined && (d.endLine === undefined || d.endLine === d.line)) {
    props.push(`endColumn=${d.endColumn}`);
  }
  props.push(`title=${escapeProperty(d.code)}`);
  return `::${d.severity} ${props.join(',')}::${escapeData(message)}`;
}

/** A plain log line must not start a workflow command or break the line. */
const oneLine = (s: string): string => s.replace(/[\r\n]+/g, ' ');
