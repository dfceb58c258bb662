import { existsSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { InputFile } from './files.js';
import {
  checkOne,
  loadCore,
  type CheckOptions,
  type Outcome,
  type ValidateCore,
} from './validate-one.js';
import type { BatchMessage, ReplyMessage } from './validate-worker.js';

/**
 * A thread is only worth adding for at least this many files. A worker thread costs ~100 ms to
 * boot and load the core, then checks its first files with a cold JIT and compiles the hot code
 * again for itself (several hundred ms of CPU in background threads). Measured on 2 CPUs with other
 * work running: 320 files took 410 ms in one thread and 520 ms in two; at 1,000 files the two
 * were even.
 */
export const MIN_FILES_PER_THREAD = 400;
/** Files the main thread checks between two looks at its workers' messages (~0.5 ms a file). */
const MAIN_SLICE = 8;

export interface PoolOptions extends CheckOptions {
  /** Threads to use, this one included; 1 checks everything in this thread. */
  jobs: number;
}

/**
 * Threads to use when `--jobs` is not given: the CPUs that are idle right now. On a busy machine
 * the extra threads would only wait for a CPU while still paying their start-up, so one thread
 * finishes first.
 */
export function defaultJobs(): number {
  const cpus = availableParallelism();
  const busy = Math.floor(loadavg()[0] ?? 0);
  return Math.max(1, Math.min(cpus, cpus - busy));
}

const workerUrl = new URL('./validate-worker.js', import.meta.url);

/** Threads worth using for `fileCount` files with at most `jobs` threads (this one included). */
export const threadsFor = (fileCount: number, jobs: number): number =>
  Math.max(1, Math.min(jobs, Math.floor(fileCount / MIN_FILES_PER_THREAD)));

/**
 * Checks `files` and returns outcomes in input order. Many files are shared between this thread
 * and `threads - 1` worker threads, all taking from one queue; few files, or `jobs` 1, run here
 * only. Running from TypeScript sources (tests) there is no compiled worker, so all run here.
 */
export async function checkFiles(
  files: readonly InputFile[],
  options: PoolOptions,
): Promise<Outcome[]> {
  const threads = threadsFor(files.length, options.jobs);
  const { jobs: _jobs, ...checkOptions } = options;
  if (threads > 1 && existsSync(fileURLToPath(workerUrl))) {
    return checkShared(files, checkOptions, threads - 1);
  }
  const core = await loadCore();
  const outcomes: Outcome[] = [];
  for (const file of files) outcomes.push(await checkOne(core, file, checkOptions));
  return outcomes;
}

/** Lets pending worker messages in between two slices of this thread's own work. */
const yieldToEvents = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * This thread and `workerCount` workers take files from one queue: this thread a few at a time
 * between looks at the workers' messages, each worker in batches from the moment it is ready (two
 * in flight, so it never waits for this thread). A worker that is slow to start, on a busy
 * machine, simply gets fewer files, and this thread takes back what a slow worker still holds at
 * the end, so the run never takes much longer than in one thread.
 */
function checkShared(
  files: readonly InputFile[],
  options: CheckOptions,
  workerCount: number,
): Promise<Outcome[]> {
  const outcomes = new Array<Outcome>(files.length);
  const threads = workerCount + 1;
  let next = 0;
  let done = 0;
  const pool: Worker[] = [];

  return new Promise<Outcome[]>((resolve, reject) => {
    let settled = false;
    const finish = (err?: Error): void => {
      if (settled) return;
      settled = true;
      void Promise.all(pool.map((w) => w.terminate())).then(() =>
        err ? reject(err) : resolve(outcomes),
      );
    };
    const record = (index: number, outcome: Outcome): void => {
      if (outcomes[index] !== undefined) return; // checked twice (see the main lane): same result
      outcomes[index] = outcome;
      if (++done === files.length) finish();
    };
    const send = (worker: Worker): void => {
      const left = files.length - next;
      if (left <= 0) return;
      const size = Math.max(4, Math.min(32, Math.ceil(left / (threads * 4))));
      const batch: BatchMessage['batch'] = [];
      for (; batch.length < size && next < files.length; next++) {
        batch.push({ index: next, file: files[next] as InputFile });
      }
      worker.postMessage({ batch } satisfies BatchMessage);
    };

    for (let i = 0; i < workerCount; i++) {
      const worker = new Worker(workerUrl, { workerData: options });
      pool.push(worker);
      worker.on('message', (reply: ReplyMessage) => {
        if ('bug' in reply) return finish(new Error(reply.bug));
        send(worker);
        if ('ready' in reply) return send(worker);
        for (const { index, outcome } of reply.outcomes) record(index, outcome);
      });
      worker.on('error', (err) => finish(err));
      worker.on('exit', (code) => {
        if (!settled) finish(new Error(`validate worker exited early with code ${code}`));
      });
    }

    const mainLane = async (core: ValidateCore): Promise<void> => {
      while (next < files.length && !settled) {
        const end = Math.min(files.length, next + MAIN_SLICE);
        const start = next;
        next = end;
        for (let index = start; index < end; index++) {
          record(index, await checkOne(core, files[index] as InputFile, options));
        }
        await yieldToEvents();
      }
      // The queue is empty but workers still hold batches. On a busy machine a worker can lag far
      // behind, so this thread checks their files too, from the last one back (a worker works from
      // the front of its batches); whichever result comes first is kept.
      let checked = 0;
      for (let index = files.length - 1; index >= 0 && !settled; index--) {
        if (outcomes[index] !== undefined) continue;
        record(index, await checkOne(core, files[index] as InputFile, options));
        if (++checked % MAIN_SLICE === 0) await yieldToEvents();
      }
    };
    loadCore()
      .then(mainLane)
      .catch((err: unknown) => finish(err instanceof Error ? err : new Error(String(err))));
  });
}
