import { formatMessage, severityOf, type Params } from './catalog.js';
import type { Diagnostic, Lang } from './types.js';

/** Where a diagnostic points: the position fields of a Diagnostic. */
export type Location = Pick<
  Diagnostic,
  'file' | 'line' | 'column' | 'endLine' | 'endColumn' | 'pointer'
>;

/** Builds a localised diagnostic from a catalogue code. `hintCode` names another catalogue entry. */
export function makeDiagnostic(
  code: string,
  lang: Lang,
  at: Location,
  params: Params = {},
  hint?: { code: string; params?: Params },
): Diagnostic {
  const d: Diagnostic = {
    code,
    severity: severityOf(code),
    message: formatMessage(code, lang, params),
    file: at.file,
    line: at.line,
    column: at.column,
  };
  if (at.endLine !== undefined) d.endLine = at.endLine;
  if (at.endColumn !== undefined) d.endColumn = at.endColumn;
  if (at.pointer !== undefined) d.pointer = at.pointer;
  if (hint) d.hint = formatMessage(hint.code, lang, hint.params ?? {});
  return d;
}
