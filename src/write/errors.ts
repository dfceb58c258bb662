/**
 * I/O errors of the write stage as diagnostics: the common errnos get their own code and a plain
 * sentence (disk full, read-only, no permission, …), anything else FG4110 with the system's text.
 * These are all exit-2 problems (`isIoProblem`), unlike refusals such as a hand-edited file.
 */
import type { Diagnostic, Lang } from '../diagnostics/types.js';
import { makeDiagnostic } from '../diagnostics/make.js';
import { errnoCode } from './fs.js';

const BY_ERRNO: Record<string, string> = {
  ENOSPC: 'FG4101',
  EDQUOT: 'FG4101',
  EFBIG: 'FG4101',
  EROFS: 'FG4102',
  EACCES: 'FG4103',
  EPERM: 'FG4103',
  ENOTDIR: 'FG4104',
  EISDIR: 'FG4105',
};

/** `ENOSPC: no space left on device, open 'x'`, never `ENOSPC: ENOSPC: …`. */
export function errorDetail(err: unknown): string {
  const code = errnoCode(err);
  const message = err instanceof Error ? err.message : String(err);
  if (!code || message.startsWith(code)) return message;
  return `${code}: ${message}`;
}

/** The diagnostic for an I/O error while writing `name` (shown at `file`). */
export function ioDiagnostic(err: unknown, file: string, name: string, lang: Lang): Diagnostic {
  const at = { file, line: 1, column: 1 };
  const code = BY_ERRNO[errnoCode(err) ?? ''];
  if (code) return makeDiagnostic(code, lang, at, { name });
  return makeDiagnostic('FG4110', lang, at, { name, detail: errorDetail(err) });
}

/** Codes that mean the output could not be written at all (exit 2), not refused (exit 1). */
const IO_CODES = new Set([
  'FG4005',
  'FG4006',
  'FG4100',
  'FG4101',
  'FG4102',
  'FG4103',
  'FG4104',
  'FG4105',
  'FG4108',
  'FG4110',
  'FG4111',
]);

export const isIoProblem = (d: Pick<Diagnostic, 'code' | 'severity'>): boolean =>
  d.severity === 'error' && IO_CODES.has(d.code);
