/**
 * One progress file -> its report (Markdown and/or Word bytes) and the roll-up slice of its view.
 * Runs inside an export worker, or in the main thread when there is no compiled worker (tests
 * running from TypeScript sources). Bad data becomes the file's diagnostics, never an exception.
 */
import path from 'node:path';
import type { Diagnostic, FileResult, Lang } from '../diagnostics/types.js';
import { hasErrors } from '../diagnostics/types.js';
import { makeDiagnostic } from '../diagnostics/make.js';
import type { Plan, Progress } from '../model/types.js';
import { buildReportView } from '../report/view.js';
import { findHistory } from '../report/history.js';
import { toRollupEntry, type RollupEntry } from '../report/rollup.js';
import { createReportRenderer, renderFailure, type RenderSettings } from '../report/render.js';

export interface JobSettings extends RenderSettings {
  /** Folder paths in views and indexes are shown relative to. */
  cwd: string;
  asOf?: string;
}

export interface Job {
  index: number;
  /** Absolute path of the progress file. */
  file: string;
  display: string;
}

export type JobReply =
  | {
      index: number;
      ok: true;
      entry: RollupEntry;
      warnings: Diagnostic[];
      markdown?: string;
      docx?: Uint8Array;
    }
  | { index: number; ok: false; result: FileResult };

/** The slice of the validation core (src/validate/) the exporter uses. */
export interface LoadCore {
  loadProgress(
    file: string,
    options?: { lang?: Lang; planCache?: Map<string, Promise<unknown>> },
  ): Promise<{ progress?: Progress; plan?: Plan; planFile?: string; result: FileResult }>;
}

/**
 * The loader caches plans; for a batch of thousands of towns an unbounded cache would grow with
 * the batch. Jobs arrive in path order, so a town's quarters come together: a few recent plans
 * are all that is worth keeping.
 */
export class RecentPlans<V> extends Map<string, V> {
  static readonly LIMIT = 8;
  override set(key: string, value: V): this {
    if (!this.has(key) && this.size >= RecentPlans.LIMIT) {
      const oldest = this.keys().next();
      if (!oldest.done) this.delete(oldest.value);
    }
    return super.set(key, value);
  }
}

export type RenderOne = (job: Job) => Promise<JobReply>;

const relative = (cwd: string, file: string): string =>
  path.relative(cwd, file).split(path.sep).join('/') || path.basename(file);

/** Loads the validation core and the renderer once; returns the per-file function. */
export async function prepareRenderOne(settings: JobSettings): Promise<RenderOne> {
  const core: LoadCore = await import('../validate/index.js');
  const renderer = await createReportRenderer(settings);
  const { lang } = settings;
  const planCache = new RecentPlans<Promise<unknown>>();
  // A town's quarters arrive together: each report reads the earlier ones for its 环比 figures.
  const progressCache = new RecentPlans<ReturnType<LoadCore['loadProgress']>>();
  const load = (file: string): ReturnType<LoadCore['loadProgress']> => {
    let hit = progressCache.get(file);
    if (!hit) progressCache.set(file, (hit = core.loadProgress(file, { lang, planCache })));
    return hit;
  };

  return async (job) => {
    const relabel = (d: Diagnostic): Diagnostic =>
      path.isAbsolute(d.file) ? { ...d, file: relative(settings.cwd, d.file) } : d;
    let loaded: Awaited<ReturnType<LoadCore['loadProgress']>>;
    try {
      loaded = await load(job.file);
    } catch (err) {
      const e = err as NodeJS.ErrnoException;
      if (typeof e?.code !== 'string') throw err;
      // Node's message already starts with the code ("ENOENT: no such file …").
      const reason = e.message.startsWith(`${e.code}:`) ? e.message : `${e.code}: ${e.message}`;
      const at = { file: job.display, line: 1, column: 1 };
      return {
        index: job.index,
        ok: false,
        result: {
          file: job.display,
          diagnostics: [makeDiagnostic('FG6002', lang, at, { reason })],
        },
      };
    }
    const { progress, plan, planFile, result } = loaded;
    const diagnostics = result.diagnostics.map(relabel);
    if ((!progress || !plan) && !hasErrors(diagnostics)) {
      // A valid file of another kind (a plan that says kind: progress nowhere near the top).
      const at = { file: job.display, line: 1, column: 1 };
      diagnostics.unshift(makeDiagnostic('FG6001', lang, at, { kind: result.kind ?? 'unknown' }));
    }
    if (!progress || !plan || hasErrors(diagnostics)) {
      const failed: FileResult = { ...result, file: job.display, diagnostics };
      return { index: job.index, ok: false, result: failed };
    }
    try {
      const options: Parameters<typeof buildReportView>[2] = { progressFile: job.display };
      if (planFile) options.planFile = relative(settings.cwd, planFile);
      if (settings.asOf) options.asOf = settings.asOf;
      const earlier = await findHistory(job.file, progress, plan, {
        lang,
        load,
        display: (f) => relative(settings.cwd, f),
        ...(planFile ? { planFile } : {}),
      });
      options.history = earlier.history;
      diagnostics.push(...earlier.diagnostics);
      const view = buildReportView(progress, plan, options);
      const rendered = await renderer.report(view);
      const reply: JobReply = {
        index: job.index,
        ok: true,
        entry: toRollupEntry(view),
        warnings: diagnostics,
      };
      if (settings.formats.includes('md')) reply.markdown = rendered.markdown;
      if (rendered.docx) reply.docx = rendered.docx;
      return reply;
    } catch (err) {
      return {
        index: job.index,
        ok: false,
        result: { file: job.display, diagnostics: renderFailure(err, job.display, lang) },
      };
    }
  };
}
