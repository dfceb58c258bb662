import { statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { hasErrors, type FileResult, type Lang } from '../diagnostics/types.js';
import type { County, Plan, Progress } from '../model/types.js';
import { readSource, type ReadOptions } from '../read/index.js';
import { complete, isPrepared, prepare } from './check.js';
import type { Issue } from './issue.js';
import { planIssues } from './rules-plan.js';
import { progressIssues } from './rules-progress.js';
import { countyIssues } from './rules-county.js';

export interface LoadOptions {
  lang?: Lang;
  encoding?: string;
  maxBytes?: number;
  /** Plans already read in this run, by absolute path; defaults to one cache per process/worker. */
  planCache?: PlanCache;
}

/** What a progress file needs to know about the plan it names. */
interface PlanLoad {
  plan?: Plan;
  errors: number;
  kind?: string;
  /** errno code when the file could not be read, or why it was refused (a FIFO, too large). */
  io?: string;
  /** Stat of the file when it was read: a changed file is read again. */
  stamp?: string;
}

export type PlanCache = Map<string, Promise<PlanLoad>>;
const defaultCache: PlanCache = new Map();

interface Checked {
  result: FileResult;
  value?: unknown;
}

const readOptions = (options: LoadOptions, lang: Lang): ReadOptions & { lang: Lang } => {
  const read: ReadOptions & { lang: Lang } = { lang };
  if (options.encoding !== undefined) read.encoding = options.encoding;
  if (options.maxBytes !== undefined) read.maxBytes = options.maxBytes;
  return read;
};

/**
 * Reads and checks one file; a progress file is also checked against its plan. File-system
 * errors on `path` itself propagate (the CLI reports them as I/O failures, exit 2).
 */
async function checkFile(
  path: string,
  options: LoadOptions,
  followPlan = true,
): Promise<Checked & { planLoad?: PlanLoad; planFile?: string }> {
  const read = readOptions(options, options.lang ?? 'zh-CN');
  const source = await readSource(path, read);
  if (!source.ok) return { result: { file: path, diagnostics: source.diagnostics } };
  return checkText(source.text, path, dirname(path), options, followPlan);
}

/** Checks contents already in memory; a progress file's `plan:` is resolved against `dir`. */
async function checkText(
  input: string | Uint8Array,
  file: string,
  dir: string,
  options: LoadOptions,
  followPlan: boolean,
): Promise<Checked & { planLoad?: PlanLoad; planFile?: string }> {
  const p = prepare(input, file, readOptions(options, options.lang ?? 'zh-CN'));
  if (!isPrepared(p)) return { result: p };
  if (p.kind === 'plan') return { result: complete(p, planIssues(p.value)), value: p.value };
  if (p.kind === 'county') return { result: complete(p, countyIssues(p.value)), value: p.value };

  const planField = p.value.plan;
  if (!followPlan || typeof planField !== 'string' || planField.length === 0) {
    return { result: complete(p, progressIssues(p.value)), value: p.value };
  }
  const planFile = resolve(dir, planField);
  const planLoad = await loadPlanCached(planFile, options);
  const issues = planProblems(planLoad, planField);
  const usable = issues.length === 0 ? planLoad.plan : undefined;
  return {
    result: complete(p, [...issues, ...progressIssues(p.value, usable)]),
    value: p.value,
    planLoad,
    planFile,
  };
}

/** One diagnostic on the progress file's `plan:` for a plan that cannot be used. */
function planProblems(load: PlanLoad, path: string): Issue[] {
  const at = '/plan';
  if (load.io === 'ENOENT' || load.io === 'ENOTDIR')
    return [{ code: 'FG2201', pointer: at, params: { path } }];
  if (load.io) return [{ code: 'FG2210', pointer: at, params: { path, reason: load.io } }];
  if (load.kind !== undefined && load.kind !== 'plan') {
    return [{ code: 'FG2203', pointer: at, params: { path, kind: load.kind } }];
  }
  if (load.errors > 0 || !load.plan) {
    return [{ code: 'FG2202', pointer: at, params: { path, count: Math.max(1, load.errors) } }];
  }
  return [];
}

function stampOf(path: string): string | undefined {
  try {
    const s = statSync(path);
    return `${s.mtimeMs}:${s.size}`;
  } catch {
    return undefined;
  }
}

/** A plan read once per run (per cache), re-read only when its size or time stamp changed. */
async function loadPlanCached(planFile: string, options: LoadOptions): Promise<PlanLoad> {
  const cache = options.planCache ?? defaultCache;
  const key = `${planFile}\0${options.encoding ?? ''}`;
  const stamp = stampOf(planFile);
  const cached = cache.get(key);
  if (cached) {
    const load = await cached;
    if (load.stamp === stamp && stamp !== undefined) return load;
  }
  const pending = readPlan(planFile, options, stamp);
  cache.set(key, pending);
  return pending;
}

/** Read-stage refusals of a whole file (see src/read/file.ts): the plan was never read. */
const UNREADABLE: ReadonlySet<string> = new Set(['FG1001', 'FG1200', 'FG1201']);

async function readPlan(
  planFile: string,
  options: LoadOptions,
  stamp: string | undefined,
): Promise<PlanLoad> {
  let checked: Checked;
  try {
    // Only the error count matters here; a progress file named as a plan is not followed further.
    checked = await checkFile(planFile, options, false);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (typeof code === 'string') return { errors: 0, io: code };
    throw err;
  }
  const { result } = checked;
  // Not a plan at all (a folder, a FIFO, a device, over the size limit): say so on `plan:`.
  const refused = result.diagnostics.find((d) => UNREADABLE.has(d.code));
  if (refused) return { errors: 1, io: refused.message };
  const errors = result.diagnostics.filter((d) => d.severity === 'error').length;
  const load: PlanLoad = { errors };
  if (stamp !== undefined) load.stamp = stamp;
  if (result.kind !== undefined) load.kind = result.kind;
  if (result.kind === 'plan' && errors === 0) load.plan = checked.value as Plan;
  return load;
}

/** Validates one plan or progress file on disk. */
export async function validateFile(path: string, options: LoadOptions = {}): Promise<FileResult> {
  return (await checkFile(path, options)).result;
}

/**
 * Validates a file's contents held in memory (standard input) the way `validateFile` validates a
 * file on disk: a progress file is checked against the plan its `plan:` names, resolved against
 * `dir` (for standard input: the folder of `--stdin-filename`, else the working directory).
 */
export async function validateSource(
  input: string | Uint8Array,
  options: LoadOptions & { file: string; dir: string },
): Promise<FileResult> {
  return (await checkText(input, options.file, options.dir, options, true)).result;
}

/** Reads a work plan; `plan` only when the file is a plan without errors. */
export async function loadPlan(
  path: string,
  options: LoadOptions = {},
): Promise<{ plan?: Plan; result: FileResult }> {
  const { result, value } = await checkFile(path, options);
  return result.kind === 'plan' && !hasErrors(result.diagnostics)
    ? { plan: value as Plan, result }
    : { result };
}

/**
 * Reads a progress file and the plan it names. `progress` only when the file has no errors
 * (which includes a usable plan); `plan` whenever the plan itself is valid.
 */
export async function loadProgress(
  path: string,
  options: LoadOptions = {},
): Promise<{ progress?: Progress; plan?: Plan; planFile?: string; result: FileResult }> {
  const { result, value, planLoad, planFile } = await checkFile(path, options);
  const out: { progress?: Progress; plan?: Plan; planFile?: string; result: FileResult } = {
    result,
  };
  if (planFile !== undefined) out.planFile = planFile;
  if (planLoad?.plan) out.plan = planLoad.plan;
  if (result.kind === 'progress' && !hasErrors(result.diagnostics))
    out.progress = value as Progress;
  return out;
}

/** Reads county settings (county.yaml); `county` only when the file is one, without errors. */
export async function loadCounty(
  path: string,
  options: LoadOptions = {},
): Promise<{ county?: County; result: FileResult }> {
  const { result, value } = await checkFile(path, options);
  return result.kind === 'county' && !hasErrors(result.diagnostics)
    ? { county: value as County, result }
    : { result };
}
