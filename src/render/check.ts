/**
 * `render --check`: are the files in the output folder what rendering would write now? Used in
 * CI to catch a plan edited without regenerating its documents. Reads only; writes nothing.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Diagnostic, Lang } from '../diagnostics/types.js';
import { makeDiagnostic } from '../diagnostics/make.js';
import { sameBytes, type OutputFile } from '../write/write-outputs.js';

/** One diagnostic per file that is missing (FG4009) or differs (FG4008) from `files`. */
export async function findStaleOutputs(
  dir: string,
  files: readonly OutputFile[],
  lang: Lang = 'zh-CN',
): Promise<Diagnostic[]> {
  const diagnostics: Diagnostic[] = [];
  for (const f of files) {
    const path = join(dir, f.name);
    const at = { file: path, line: 1, column: 1 };
    let existing: Buffer;
    try {
      existing = await readFile(path);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT' && code !== 'ENOTDIR' && code !== 'EISDIR') throw err;
      diagnostics.push(makeDiagnostic('FG4009', lang, at, { name: f.name }, { code: 'FG4091' }));
      continue;
    }
    if (!sameBytes(existing, f.data)) {
      diagnostics.push(makeDiagnostic('FG4008', lang, at, { name: f.name }, { code: 'FG4091' }));
    }
  }
  return diagnostics;
}
