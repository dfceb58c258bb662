import path from 'node:path';
import type { Diagnostic, Lang } from '../../diagnostics/types.js';

/** A path with the platform separator replaced by `/`. */
export const toPosix = (p: string): string => (path.sep === '/' ? p : p.split(path.sep).join('/'));

/**
 * A diagnostic's file as a posix path relative to `cwd` (what CI annotations and SARIF expect).
 * Pseudo-files such as `<stdin>` and paths already relative are kept as they are.
 */
export function relativePath(file: string, cwd: string): string {
  if (!path.isAbsolute(file)) return toPosix(file);
  const rel = path.relative(cwd, file);
  return toPosix(rel === '' ? path.basename(file) : rel);
}

const hintLabel: Record<Lang, string> = { 'zh-CN': '提示：', en: 'Hint: ' };

/** A diagnostic's message with its hint, if any, on a second line after a "Hint:" label. */
export const messageWithHint = (d: Diagnostic, lang: Lang): string =>
  d.hint ? `${d.message}\n${hintLabel[lang]}${d.hint}` : d.message;
