/**
 * Reading a template folder safely. A `--template` folder is untrusted: a symbolic link such as
 * `partials/signature.md.hbs -> /etc/shadow` would otherwise copy the target into the document.
 * So every entry is checked with `lstat` (no symbolic links, only regular files), the resolved
 * path must lie inside the folder (`realpath`), the file is opened with `O_NOFOLLOW` where the
 * platform has it and `O_NONBLOCK` (a FIFO never blocks the open), the open descriptor is checked
 * again with `fstat`, and files above the size cap are refused before a byte is read. The bytes
 * then go through the read stage (BOM, strict UTF-8, GB18030, CRLF -> LF).
 */
import {
  closeSync,
  constants,
  fstatSync,
  lstatSync,
  openSync,
  readSync,
  realpathSync,
} from 'node:fs';
import type { Stats } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { isAbsolute, relative, sep } from 'node:path';
import { makeDiagnostic } from '../diagnostics/make.js';
import type { Diagnostic, Lang } from '../diagnostics/types.js';
import { sourceFromBytes } from '../read/source.js';

/** Largest template file read (bytes); real templates are a few kilobytes. */
export const MAX_TEMPLATE_BYTES = 1024 * 1024;

// O_NOFOLLOW is missing on Windows; there `lstat` and `realpath` alone keep links out.
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0);

export type TemplateFileResult =
  { ok: true; source: string } | { ok: false; diagnostics: Diagnostic[] };

const at = (file: string) => ({ file, line: 1, column: 1 });

/** What an lstat/fstat result is, in words for the message. */
function kindOf(stats: Stats, lang: Lang): string {
  const zh = lang === 'zh-CN';
  if (stats.isDirectory()) return zh ? '文件夹' : 'a folder';
  if (stats.isFIFO()) return zh ? '命名管道' : 'a FIFO';
  if (stats.isSocket()) return zh ? '套接字' : 'a socket';
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return zh ? '设备文件' : 'a device';
  return zh ? '特殊文件' : 'a special file';
}

/** Is `path` (already resolved) the folder `root` itself or inside it? */
export function isInside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel));
}

/**
 * Checks one path below a template folder without following links: FG3101 for a symbolic link,
 * FG3102 when it resolves outside `root`, FG3104 when it is not of the expected kind. `root` is
 * the folder's real path. Returns undefined when the path is fine.
 */
export function checkEntry(
  path: string,
  root: string,
  expect: 'file' | 'folder',
  lang: Lang,
): Diagnostic | undefined {
  const stats = lstatSync(path);
  if (stats.isSymbolicLink()) return makeDiagnostic('FG3101', lang, at(path), { name: path });
  const real = realpathSync(path);
  if (!isInside(root, real)) {
    return makeDiagnostic('FG3102', lang, at(path), { name: path, target: real });
  }
  const fits = expect === 'file' ? stats.isFile() : stats.isDirectory();
  if (!fits) {
    return makeDiagnostic('FG3104', lang, at(path), { name: path, kind: kindOf(stats, lang) });
  }
  return undefined;
}

/**
 * Reads one template file below the folder whose real path is `root`: refuses links, files
 * outside the folder, special files and files above `maxBytes`; decodes like plan files.
 * File-system errors other than these propagate as the original `ErrnoException`.
 */
export function readTemplateFile(
  path: string,
  root: string,
  lang: Lang,
  maxBytes: number = MAX_TEMPLATE_BYTES,
): TemplateFileResult {
  const refused = checkEntry(path, root, 'file', lang);
  if (refused) return { ok: false, diagnostics: [refused] };
  let fd: number;
  try {
    fd = openSync(path, OPEN_FLAGS);
  } catch (err) {
    // ELOOP: the entry was swapped for a link between the check and the open.
    if ((err as NodeJS.ErrnoException).code === 'ELOOP') {
      return { ok: false, diagnostics: [makeDiagnostic('FG3101', lang, at(path), { name: path })] };
    }
    throw err;
  }
  try {
    const stats = fstatSync(fd);
    if (!stats.isFile()) {
      const d = makeDiagnostic('FG3104', lang, at(path), { name: path, kind: kindOf(stats, lang) });
      return { ok: false, diagnostics: [d] };
    }
    if (stats.size > maxBytes) {
      const d = makeDiagnostic('FG3103', lang, at(path), { size: stats.size, limit: maxBytes });
      return { ok: false, diagnostics: [d] };
    }
    // Read at most one byte more than the cap: a file growing after fstat is still refused.
    const buffer = Buffer.alloc(Math.min(stats.size, maxBytes) + 1);
    let length = 0;
    for (;;) {
      const n = readSync(fd, buffer, length, buffer.length - length, null);
      if (n === 0) break;
      length += n;
      if (length === buffer.length) break;
    }
    if (length > maxBytes) {
      const d = makeDiagnostic('FG3103', lang, at(path), { size: length, limit: maxBytes });
      return { ok: false, diagnostics: [d] };
    }
    const read = sourceFromBytes(buffer.subarray(0, length), path, { lang, maxBytes });
    return read.ok ? { ok: true, source: read.text } : read;
  } finally {
    closeSync(fd);
  }
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
