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
  /**
   * Where the node is in the file as written, when `pointer` (into the value with Chinese keys
   * normalised to English, src/validate/aliases.ts) does not lead there: the second spelling of
   * a key given twice, a `kind` that could not be normalised.
   */
  sourcePointer?: string;
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
  toSource: (pointer: string) => string = (pointer) => pointer,
): Diagnostic[] {
  const out = issues.map((issue) => {
    const sourcePointer = issue.sourcePointer ?? toSource(issue.pointer);
    let span = parsed.locate(sourcePointer, issue.part);
    // A node that does not exist (a missing value) is reported at its nearest existing parent.
    for (let p = sourcePointer; !span && p !== '';) {
      p = parentPointer(p);
      span = parsed.locate(p);
    }
    const at = span ?? { line: 1, column: 1 };
    const params: Params = { ...issue.params };
    for (const [name, pointer] of Object.entries(issue.lineOf ?? {})) {
      const p = toSource(pointer);
      params[name] = parsed.locate(p, 'key')?.line ?? parsed.locate(p)?.line ?? '?';
    }
    const d = makeDiagnostic(issue.code, lang, { file, ...at, pointer: issue.pointer }, params);
    const hints = (issue.hints ?? []).map((h) => formatMessage(h.code, lang, h.params ?? {}));
    if (issue.quoteHint) {
      const source = parsed.scalarSource(sourcePointer);
      if (source !== undefined) {
        const last = pointerSegments(sourcePointer).pop() ?? '';
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
