/**
 * Reading a template folder safely. A `--template` folder is untrusted: a symbolic link such as
 * `partials/signature.md.hbs -> /etc/shadow` would otherwise copy the target into the document.
 * So every entry is checked with `lstat` (no symbolic links, FG3101) and its real path must lie
 * inside the folder (FG3102); the file is then read with the read stage's safe reader
 * (`O_NOFOLLOW` where the platform has it, FIFOs, devices and folders refused by `fstat` with
 * FG1200, a size cap with FG1001/FG1201) and decoded like plan files (BOM, strict UTF-8, GB18030,
 * CRLF -> LF).
 */
import { lstatSync, realpathSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { isAbsolute, relative, sep } from 'node:path';
import { makeDiagnostic } from '../diagnostics/make.js';
import type { Diagnostic, Lang } from '../diagnostics/types.js';
import { readRegularFileSync } from '../read/file.js';
import { sourceFromBytes } from '../read/source.js';

/** Largest template file read (bytes); real templates are a few kilobytes. */
export const MAX_TEMPLATE_BYTES = 1024 * 1024;

export type TemplateFileResult =
  { ok: true; source: string } | { ok: false; diagnostics: Diagnostic[] };

const at = (file: string) => ({ file, line: 1, column: 1 });

/** Is `path` (already resolved) the folder `root` itself or inside it? */
export function isInside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel));
}

/**
 * Checks one path below a template folder without following links: FG3101 for a symbolic link,
 * FG3102 when it resolves outside `root` (the folder's real path). Undefined when it is fine.
 */
export function checkEntry(path: string, root: string, lang: Lang): Diagnostic | undefined {
  if (lstatSync(path).isSymbolicLink()) {
    return makeDiagnostic('FG3101', lang, at(path), { name: path });
  }
  const real = realpathSync(path);
  if (!isInside(root, real)) {
    return makeDiagnostic('FG3102', lang, at(path), { name: path, target: real });
  }
  return undefined;
}

/**
 * Reads one template file below the folder whose real path is `root`: refuses links and files
 * outside the folder, then reads through the read stage (special files, size cap, decoding).
 * File-system errors such as EACCES propagate as the original `ErrnoException`.
 */
export function readTemplateFile(
  path: string,
  root: string,
  lang: Lang,
  maxBytes: number = MAX_TEMPLATE_BYTES,
): TemplateFileResult {
  const refused = checkEntry(path, root, lang);
  if (refused) return { ok: false, diagnostics: [refused] };
  const read = readRegularFileSync(path, { maxBytes, lang, noFollow: true });
  if (!read.ok) return read;
  const decoded = sourceFromBytes(read.bytes, path, { lang, maxBytes });
  return decoded.ok ? { ok: true, source: decoded.text } : decoded;
}

/** `*.md.hbs` names in a folder, sorted; an absent folder has none. */
export async function templateNames(dir: string, ext: string): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
  return names.filter((n) => n.endsWith(ext)).sort();
}
