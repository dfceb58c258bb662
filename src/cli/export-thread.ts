/**
 * `fangan export` runs `exportReports` in a thread of its own, whose young generation is bounded.
 * In the main thread V8 keeps growing the young generation over a long run (each report's reply
 * and files live across a few collections while they are written), to 32 MB by some 5,000 reports
 * where 1,000 needed 16: a cost that grew with the batch. The render workers are bounded the same
 * way (export/pool.ts). The command line keeps its progress bar and output: the events it gets
 * carry what a progress display shows (a report's status and town, a failed one's first problem),
 * not the figures or warnings, and the summary comes back without its report list (index.json has
 * it). The thread also finds the files: walking 25,000 of them left the command line's thread
 * 18 MB of heap, given back only once it was idle. Running from TypeScript sources (tests) there
 * is no compiled thread, so all of it runs here.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { Worker } from 'node:worker_threads';
import type { FileResult } from '../diagnostics/types.js';
import type { ExportEvent, ExportOptions, ExportSummary } from '../export/index.js';
import { UsageError } from './io.js';

/**
 * Young generation of the export thread in MB. Measured with 1,000 and 5,000 reports (--jobs 1,
 * peak RSS of the process): the default grew to 32 MB; 12 MB kept it flat at no cost in time.
 */
export const EXPORT_YOUNG_MB = 12;

/**
 * Old generation of the export thread in MB: a bound makes V8 collect early. Without one it lets
 * the heap grow to up to 4x the live data between two full collections; with a bound of 384 MB the
 * factor is at most 1.35 (V8 heap-controller: 1.3 at 256 MB, rising to 4 at 2 GB). The export keeps
 * some 1.2 KB of a report until it ends, so 384 MB is room for 300,000 reports, the four quarters
 * of every township in China twice over (beyond: FG6103, export in parts). Measured at 20,000
 * reports (peak RSS, first run / re-run): no bound 190 / 288 MB, 1 GB 171–175 / 162, 512 MB 168 / 141.
 */
export const EXPORT_OLD_MB = 384;

/**
 * Threads started from now on compile optimised code on their own thread rather than on V8's
 * background threads. A render worker throws away the optimised code of any closure made per call
 * at every full collection (V8 holds it weakly) and compiles it again; the hot ones are module-level
 * functions now (report/view.ts, docx/, validate/), but the rest still comes back all run long, and
 * compiled in the background those jobs kept V8's helper threads' C heaps (glibc arenas) well above
 * the worker's own, a peak that grew with the length of the run. Measured (--jobs 1, 2 CPUs, peak
 * RSS): 1,000 reports 123–140 MB before, 118–127 after; 5,000 145–154 / 135–136; 20,000 157 / 148.
 * It costs time, as the worker now waits for its compiles: 5,000 reports 53–58 s / 58–63 s, 20,000
 * 182 / 191 s. Process-wide, so set by the command line, never by the library.
 */
const compileOnOwnThread = (): void => setFlagsFromString('--no-concurrent-recompilation');

/** What `exportInThread` takes: the export's options with the command-line paths to search. */
export type PathExportOptions = Omit<ExportOptions, 'files'> & {
  /** Files, folders and globs as on the command line (see `discoverFiles`). */
  paths: readonly string[];
};

/** What the thread is given: the options without callbacks, signal or lock owner. */
export type ThreadOptions = Omit<
  PathExportOptions,
  'onEvent' | 'onProblems' | 'signal' | 'lock'
> & {
  /** Take the folder lock as this process (pid), as the command line does. */
  lockAsProcess: boolean;
  /** Send the problems back (the command line prints them). */
  withProblems: boolean;
};

/** Thread -> command line. */
export type ThreadMessage =
  | { type: 'events'; events: ExportEvent[] }
  | { type: 'problems'; id: number; results: FileResult[]; last: boolean }
  | { type: 'done'; summary: ExportSummary }
  | { type: 'failed'; message: string; usage: boolean };

/** Command line -> thread. */
export type ControlMessage = { type: 'abort' } | { type: 'ack'; id: number };

/** The export thread ran out of memory (FG6103). */
export class ExportOutOfMemory extends Error {
  constructor(readonly limitMb: number) {
    super(`the export ran out of memory (${limitMb} MB)`);
  }
}

const threadUrl = new URL('./export-thread-worker.js', import.meta.url);

/** The files of `paths` as the export takes them (see `discoverPaths`). */
export async function exportFiles(options: PathExportOptions): Promise<string[]> {
  const { discoverPaths } = await import('./files.js');
  return discoverPaths(options.paths, options.cwd, options.lang);
}

/** `oldGenerationMb` is for tests. */
export async function exportInThread(
  options: PathExportOptions,
  oldGenerationMb = EXPORT_OLD_MB,
): Promise<ExportSummary> {
  if (!existsSync(fileURLToPath(threadUrl))) {
    const { exportReports } = await import('../export/index.js');
    const { paths: _paths, ...rest } = options;
    return exportReports({ ...rest, files: await exportFiles(options) });
  }
  const { onEvent, onProblems, signal, lock, ...rest } = options;
  const workerData: ThreadOptions = {
    ...rest,
    lockAsProcess: lock !== undefined,
    withProblems: onProblems !== undefined,
  };
  compileOnOwnThread();
  const worker = new Worker(threadUrl, {
    workerData,
    resourceLimits: {
      maxYoungGenerationSizeMb: EXPORT_YOUNG_MB,
      maxOldGenerationSizeMb: oldGenerationMb,
    },
  });
  const abort = (): void => worker.postMessage({ type: 'abort' } satisfies ControlMessage);
  if (signal?.aborted) abort();
  signal?.addEventListener('abort', abort, { once: true });
  try {
    return await new Promise<ExportSummary>((resolve, reject) => {
      let settled = false;
      const settle = (done: () => void): void => {
        if (settled) return;
        settled = true;
        done();
      };
      worker.on('message', (message: ThreadMessage) => {
        switch (message.type) {
          case 'events':
            for (const event of message.events) onEvent?.(event);
            return;
          case 'problems':
            // The thread waits for each chunk to be printed: they never pile up here.
            void Promise.resolve(onProblems?.(message.results, message.last)).then(
              () => worker.postMessage({ type: 'ack', id: message.id } satisfies ControlMessage),
              (err: unknown) => settle(() => reject(err)),
            );
            return;
          case 'done':
            settle(() => resolve(message.summary));
            return;
          case 'failed':
            settle(() =>
              reject(message.usage ? new UsageError(message.message) : new Error(message.message)),
            );
        }
      });
      worker.on('error', (err: NodeJS.ErrnoException) => {
        const out = err.code === 'ERR_WORKER_OUT_OF_MEMORY';
        settle(() => reject(out ? new ExportOutOfMemory(oldGenerationMb) : err));
      });
      worker.on('exit', (code) =>
        settle(() => reject(new Error(`the export thread stopped (exit code ${code})`))),
      );
    });
  } finally {
    signal?.removeEventListener('abort', abort);
    await worker.terminate();
  }
}
