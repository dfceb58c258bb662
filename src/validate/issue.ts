import type { Params } from '../diagnostics/catalog.js';
import { formatMessage } from '../diagnostics/catalog.js';
import { makeDiagnostic } from '../diagnostics/make.js';
import type { Diagnostic, Lang } from '../diagnostics/types.js';
import { pointerSegments, type ParsedYaml } from '../parse/index.js';

/**
 * A problem found by the schema or a rule, addressed by JSON pointer. Positions are looked up only
 * when issues exist, so a valid file never pays for them.
 */
export interface Issue {
  code: string;
  pointer: string;
  /** Point at the key instead of the value (unknown keys). */
  part?: 'value' | 'key';
  params?: Params;
  /** Params to fill with the line number of another node, e.g. the first of two duplicate ids. */
  lineOf?: Record<string, string>;
  hints?: { code: string; params?: Params }[];
  /** Add the "add quotes" hint with the scalar's original text. */
  quoteHint?: boolean;
}

/** `/measures/2/lead` -> `measures[2].lead`, the way users read their own file. */
export function readablePath(pointer: string): string {
  let out = '';
  for (const segment of pointerSegments(pointer)) {
    out += /^\d+$/.test(segment) ? `[${segment}]` : out === '' ? segment : `.${segment}`;
  }
  return out;
}

export const parentPointer = (pointer: string): string =>
  pointer.slice(0, pointer.lastIndexOf('/'));

/** Turns issues into positioned, localised diagnostics, sorted by position. */
export function resolveIssues(
  issues: readonly Issue[],
  parsed: ParsedYaml,
  file: string,
  lang: Lang,
): Diagnostic[] {
  const out = issues.map((issue) => {
    let span = parsed.locate(issue.pointer, issue.part);
    // A node that does not exist (a missing value) is reported at its nearest existing parent.
    for (let p = issue.pointer; !span && p !== '';) {
      p = parentPointer(p);
      span = parsed.locate(p);
    }
    const at = span ?? { line: 1, column: 1 };
    const params: Params = { ...issue.params };
    for (const [name, pointer] of Object.entries(issue.lineOf ?? {})) {
      params[name] = parsed.locate(pointer, 'key')?.line ?? parsed.locate(pointer)?.line ?? '?';
    }
    const d = makeDiagnostic(issue.code, lang, { file, ...at, pointer: issue.pointer }, params);
    const hints = (issue.hints ?? []).map((h) => formatMessage(h.code, lang, h.params ?? {}));
    if (issue.quoteHint) {
      const source = parsed.scalarSource(issue.pointer);
      if (source !== undefined) {
        const last = pointerSegments(issue.pointer).pop() ?? '';
        const quoted = `"${source.replace(/"/g, '\\"')}"`;
        hints.unshift(
          formatMessage('FG2902', lang, {
            quoted: /^\d+$/.test(last) ? quoted : `${last}: ${quoted}`,
          }),
        );
      }
    }
    if (hints.length > 0) d.hint = hints.join(' ');
    return d;
  });
  return out.sort((a, b) => a.line - b.line || a.column - b.column);
}
