import type { Formatter } from './index.js';

/**
 * Machine-readable results: an array of `{ file, kind, diagnostics }` in input order. The source
 * text is left out (it is the user's own file); `kind` is null when the file kind is unknown.
 */
export const formatJson: Formatter = (results) =>
  JSON.stringify(
    results.map((r) => ({ file: r.file, kind: r.kind ?? null, diagnostics: r.diagnostics })),
    null,
    2,
  ) + '\n';
