/**
 * `fangan templates eject <dir>`: copies the built-in templates, their partials and the GB/T 9704
 * style profile into a folder the user owns, keeping the layout (`plan.md.hbs`,
 * `partials/…`, `profiles/gbt9704.json`) that `--template <dir>` and `--profile` read back.
 * Existing files are not overwritten without `force`; symbolic links never are, and a linked
 * sub-folder (`partials/`, `profiles/`) is refused rather than written through.
 */
import { lstat, readdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Diagnostic, Lang } from '../diagnostics/types.js';
import { makeDiagnostic } from '../diagnostics/make.js';
import { atomicWriteFile, makeDirs } from '../write/atomic.js';
import { ioDiagnostic } from '../write/errors.js';
import { builtinTemplateDir, PARTIALS_DIR, TEMPLATE_EXT } from './engine.js';

export const EJECTED_PROFILE = join('profiles', 'gbt9704.json');

/** Paths (relative to the templates folder) of everything `eject` copies. */
export async function ejectableFiles(): Promise<string[]> {
  const templates = (name: string) => name.endsWith(TEMPLATE_EXT);
  const top = (await readdir(builtinTemplateDir)).filter(templates).sort();
  const partials = (await readdir(join(builtinTemplateDir, PARTIALS_DIR)))
    .filter(templates)
    .sort()
    .map((n) => join(PARTIALS_DIR, n));
  return [...top, ...partials, EJECTED_PROFILE];
}

const kindOf = async (path: string): Promise<'missing' | 'symlink' | 'present' | 'other'> => {
  try {
    const st = await lstat(path);
    // A folder, FIFO or device under a template's name is never replaced, not even with force.
    return st.isSymbolicLink() ? 'symlink' : st.isFile() ? 'present' : 'other';
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return 'missing';
    throw err;
  }
};

export async function ejectTemplates(
  dir: string,
  options: { force?: boolean; lang?: Lang } = {},
): Promise<{ written: string[]; diagnostics: Diagnostic[] }> {
  const lang = options.lang ?? 'zh-CN';
  const diagnostics: Diagnostic[] = [];
  const at = (file: string) => ({ file, line: 1, column: 1 });
  const files = await ejectableFiles();

  if ((await kindOf(dir)) === 'symlink') {
    diagnostics.push(makeDiagnostic('FG4011', lang, at(dir), { name: dir }));
    return { written: [], diagnostics };
  }
  // A linked sub-folder (`partials -> /etc`) would take the copies somewhere else.
  const folders = [...new Set(files.map((rel) => dirname(rel)).filter((d) => d !== '.'))];
  for (const folder of folders) {
    const path = join(dir, folder);
    if ((await kindOf(path)) === 'symlink')
      diagnostics.push(makeDiagnostic('FG4011', lang, at(path), { name: path }));
  }
  if (diagnostics.length) return { written: [], diagnostics };
  // Check everything first: either the whole set is copied or nothing is.
  for (const rel of files) {
    const target = join(dir, rel);
    const kind = await kindOf(target);
    if (kind === 'symlink')
      diagnostics.push(makeDiagnostic('FG4003', lang, at(target), { name: rel }));
    else if (kind === 'other')
      diagnostics.push(makeDiagnostic('FG4004', lang, at(target), { name: rel }));
    else if (kind === 'present' && !options.force) {
      diagnostics.push(
        makeDiagnostic('FG4010', lang, at(target), { name: rel }, { code: 'FG4092' }),
      );
    }
  }
  if (diagnostics.length) return { written: [], diagnostics };

  const written: string[] = [];
  for (const rel of files) {
    const target = join(dir, rel);
    try {
      await makeDirs(dirname(target));
      await atomicWriteFile(
        dirname(target),
        rel.split(/[\\/]/).pop() ?? rel,
        await readFile(join(builtinTemplateDir, rel)),
      );
    } catch (err) {
      diagnostics.push(ioDiagnostic(err, target, rel, lang));
      break;
    }
    written.push(target);
  }
  return { written, diagnostics };
}
