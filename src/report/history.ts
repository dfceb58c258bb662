/**
 * Finding a town's earlier quarters for the 环比 sentences of its report. The files are looked
 * for where `fangan progress new` puts them: `<YYYYQn>.yaml` in the folder of this quarter's
 * file, walking back one quarter at a time while the files exist and the plan period lasts.
 * This is the I/O half; `buildReportView` (pure) takes the loaded files as `history`.
 */
import { lstat } from 'node:fs/promises';
import path from 'node:path';
import { makeDiagnostic } from '../diagnostics/make.js';
import { hasErrors, type Diagnostic, type FileResult, type Lang } from '../diagnostics/types.js';
import { parseQuarter, previousQuarter } from '../model/calendar.js';
import type { Plan, Progress } from '../model/types.js';

export interface LoadedProgress {
  progress?: Progress;
  plan?: Plan;
  planFile?: string;
  result: FileResult;
}

export interface HistoryOptions {
  /** Absolute path of the plan this quarter reports on; earlier files must name the same one. */
  planFile?: string;
  lang: Lang;
  /** Loads and validates one progress file (the caller may cache). */
  load: (file: string) => Promise<LoadedProgress>;
  /** How a path is shown in diagnostics. */
  display?: (file: string) => string;
}

export interface History {
  /** Earlier quarters, newest first. */
  history: Progress[];
  /** The files read, for fingerprints and messages. */
  files: string[];
  /** FG6200 / FG6201 warnings about earlier files that could not be used. */
  diagnostics: Diagnostic[];
}

const isFile = (file: string): Promise<boolean> =>
  lstat(file).then(
    (s) => s.isFile(),
    () => false,
  );

/**
 * Earlier quarters of the town whose progress file is `file` (absolute). A file with errors, or
 * one that reports on another plan or quarter, ends the walk with a warning: the report then
 * compares with nothing older than what was read.
 */
export async function findHistory(
  file: string,
  progress: Progress,
  plan: Plan,
  options: HistoryOptions,
): Promise<History> {
  const found: History = { history: [], files: [], diagnostics: [] };
  const current = progress.quarter ? parseQuarter(progress.quarter) : undefined;
  if (!current) return found;
  const display = options.display ?? ((f: string) => f);
  const ext = path.extname(file) || '.yaml';
  let q = previousQuarter(current);
  while (q.end >= plan.period.start && found.history.length < 40) {
    const candidate = path.join(path.dirname(file), `${q.key}${ext}`);
    if (!(await isFile(candidate))) break;
    const loaded = await options.load(candidate);
    const at = { file: display(candidate), line: 1, column: 1 };
    if (!loaded.progress || hasErrors(loaded.result.diagnostics)) {
      found.diagnostics.push(
        makeDiagnostic('FG6200', options.lang, at, { file: display(candidate) }),
      );
      break;
    }
    const samePlan =
      options.planFile === undefined ||
      loaded.planFile === undefined ||
      path.resolve(loaded.planFile) === path.resolve(options.planFile);
    if (!samePlan || loaded.progress.quarter !== q.key) {
      found.diagnostics.push(
        makeDiagnostic('FG6201', options.lang, at, {
          file: display(candidate),
          quarter: q.key,
        }),
      );
      break;
    }
    found.history.push(loaded.progress);
    found.files.push(candidate);
    q = previousQuarter(q);
  }
  return found;
}
