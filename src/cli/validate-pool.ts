import { existsSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { InputFile } from './files.js';
import { checkOne, loadCore, type CheckOptions, type Outcome } from './validate-one.js';
import type { BatchMessage, ReplyMessage } from './validate-worker.js';

/**
 * Give each worker at least this many files. A worker loads the core, compiles the schemas and
 * warms up its own JIT (~0.4 s of CPU, about as much as checking 100 files cold), so fewer files
 * are checked sooner in one thread.
 */
export const MIN_FILES_PER_WORKER = 100;
/** Files checked at once on one thread: overlaps file reads with parsing. */
const IN_FLIGHT = 8;

export interface PoolOptions extends CheckOptions {
  /** Threads to use; 1 checks in this thread. */
  jobs: number;
}

/**
 * Threads to use when `--jobs` is not given: the CPUs that are idle right now. Every worker loads
 * and compiles the validation core itself (a fixed cost of several hundred ms of CPU), which
 * pays off only on a CPU nobody else is using; on a busy machine one thread finishes first.
 */
export function defaultJobs(): number {
  const cpus = availableParallelism();
  const busy = Math.floor(loadavg()[0] ?? 0);
  return Math.max(1, Math.min(cpus, cpus - busy));
}

const workerUrl = new URL('./validate-worker.js', import.meta.url);

/**
 * Checks `files` and returns outcomes in input order. Many files are spread over worker threads
 * (each loads the core once and keeps its own caches); few files, or `jobs` 1, run in this
 * thread. Running from TypeScript sources (tests) there is no compiled worker, so it stays here.
 */
export async function checkFiles(
  files: readonly InputFile[],
  options: PoolOptions,
): Promise<Outcome[]> {
  const workers = Math.min(options.jobs, Math.ceil(files.length / MIN_FILES_PER_WORKER));
  if (workers > 1 && existsSync(fileURLToPath(workerUrl))) {
    return checkInWorkers(files, options, workers);
  }
  return checkHere(files, options);
}

async function checkHere(files: readonly InputFile[], options: CheckOptions): Promise<Outcome[]> {
  const core = await loadCore();
  const outcomes = new Array<Outcome>(files.length);
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < files.length) {
      const index = next++;
      outcomes[index] = await checkOne(core, files[index] as InputFile, options);
    }
  };
  await Promise.all(Array.from({ length: Math.min(IN_FLIGHT, files.length) }, lane));
  return outcomes;
}

function checkInWorkers(
  files: readonly InputFile[],
  options: PoolOptions,
  count: number,
): Promise<Outcome[]> {
  const { jobs: _jobs, ...checkOptions } = options;
  // Small batches balance the load; two in flight per worker keep it busy between messages.
  const batchSize = Math.max(4, Math.min(64, Math.ceil(files.length / (count * 8))));
  const outcomes = new Array<Outcome>(files.length);
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
    const send = (worker: Worker): void => {
      if (next >= files.length) return;
      const batch: BatchMessage['batch'] = [];
      for (; batch.length < batchSize && next < files.length; next++) {
        batch.push({ index: next, file: files[next] as InputFile });
      }
      worker.postMessage({ batch } satisfies BatchMessage);
    };

    for (let i = 0; i < count; i++) {
      const worker = new Worker(workerUrl, { workerData: checkOptions });
      pool.push(worker);
      worker.on('message', (reply: ReplyMessage) => {
        if ('bug' in reply) return finish(new Error(reply.bug));
        for (const { index, outcome } of reply.outcomes) outcomes[index] = outcome;
        done += reply.outcomes.length;
        if (done === files.length) return finish();
        send(worker);
      });
      worker.on('error', (err) => finish(err));
      worker.on('exit', (code) => {
        if (!settled) finish(new Error(`validate worker exited early with code ${code}`));
      });
      send(worker);
      send(worker);
    }
  });
}
