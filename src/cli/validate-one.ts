import path from 'node:path';
import type { FileResult, Lang } from '../diagnostics/types.js';
import type { InputFile } from './files.js';

/** The slice of the validation core (`src/validate/`) the CLI uses. */
export interface ValidateCore {
  validateFile(path: string, options?: { lang?: Lang; encoding?: string }): Promise<FileResult>;
  validateSource(
    text: string | Uint8Array,
    options: { file: string; dir: string; lang?: Lang; encoding?: string },
  ): Promise<FileResult>;
}

export const loadCore = async (): Promise<ValidateCore> => import('../validate/index.js');

export interface CheckOptions {
  lang: Lang;
  encoding?: string;
  /** Keep `source` on results with problems (stylish draws code frames from it). */
  keepSource: boolean;
}

/** A file we could not read at all (permissions, vanished): the run ends with exit 2. */
export interface IoFailure {
  file: string;
  reason: string;
}

export type Outcome = { result: FileResult } | { failure: IoFailure };

/**
 * Checks one file. The core reads by absolute path (the CLI's cwd may differ from the process's);
 * results are relabelled with the path the user typed. Errors from the file system become an
 * `IoFailure`; anything else is a bug and propagates.
 */
export async function checkOne(
  core: ValidateCore,
  file: InputFile,
  options: CheckOptions,
): Promise<Outcome> {
  let result: FileResult;
  try {
    result = await core.validateFile(file.absolute, coreOptions(options));
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    if (e && typeof e.code === 'string' && typeof e.syscall === 'string') {
      return { failure: { file: file.display, reason: e.code } };
    }
    throw err;
  }
  return { result: relabel(result, file, options.keepSource) };
}

/**
 * Checks standard input's contents, labelled `file` (`--stdin-filename`). A progress file's
 * `plan:` is resolved like on disk: against the folder of `file` relative to `cwd`, which is `cwd`
 * itself for the default label `<stdin>`.
 */
export async function checkInput(
  core: ValidateCore,
  bytes: Uint8Array,
  file: string,
  cwd: string,
  options: CheckOptions,
): Promise<Outcome> {
  const dir = path.dirname(path.resolve(cwd, file));
  const result = await core.validateSource(bytes, { file, dir, ...coreOptions(options) });
  if (!options.keepSource || result.diagnostics.length === 0) delete result.source;
  return { result };
}

export const coreOptions = (options: { lang: Lang; encoding?: string }) =>
  options.encoding === undefined
    ? { lang: options.lang }
    : { lang: options.lang, encoding: options.encoding };

function relabel(result: FileResult, file: InputFile, keepSource: boolean): FileResult {
  const out: FileResult = {
    ...result,
    file: file.display,
    diagnostics: result.diagnostics.map((d) =>
      d.file === file.absolute ? { ...d, file: file.display } : d,
    ),
  };
  // Sources are only needed for code frames; not copying them keeps worker messages small.
  if (!keepSource || out.diagnostics.length === 0) delete out.source;
  return out;
}
