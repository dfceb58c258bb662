import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { prepareRenderOne, type Job, type JobReply, type JobSettings } from './render-one.js';
import type { WorkerMessage, WorkerReply } from './worker.js';

const workerUrl = new URL('./worker.js', import.meta.url);

/** Jobs queued on one worker at a time: one rendering, one waiting, so it never idles. */
const PER_WORKER = 2;

export interface PoolOptions {
  settings: JobSettings;
  /** Worker threads to use (at most one per job). */
  threads: number;
  /**
   * Called for every reply, in completion order; resolves once the reply is dealt with (its files
   * written). Rendering pauses while `maxBacklog` replies are unresolved, so finished reports
   * never pile up in memory when writing is slower than rendering.
   */
  onReply(reply: JobReply): Promise<void>;
  maxBacklog: number;
}

/** A lane renders one job at a time: a worker thread, or this thread without compiled JS. */
interface Lane {
  send(job: Job): void;
  close(): Promise<void>;
}

/**
 * Renders `jobs` over worker threads (compiled `worker.js` next to this file) and hands each reply
 * to `onReply`. From TypeScript sources (tests) there is no worker.js: one lane in this thread.
 */
export async function renderAll(jobs: readonly Job[], options: PoolOptions): Promise<void> {
  if (jobs.length === 0) return;
  const useWorkers = existsSync(fileURLToPath(workerUrl));
  const laneCount = useWorkers ? Math.max(1, Math.min(options.threads, jobs.length)) : 1;
  const renderHere = useWorkers ? undefined : await prepareRenderOne(options.settings);

  return new Promise<void>((resolve, reject) => {
    const lanes: Lane[] = [];
    const inFlight: number[] = [];
    let next = 0;
    let resolvedCount = 0;
    let backlog = 0;
    let settled = false;

    const finish = (err?: Error): void => {
      if (settled) return;
      settled = true;
      void Promise.all(lanes.map((l) => l.close())).then(() => (err ? reject(err) : resolve()));
    };
    const pump = (): void => {
      for (let i = 0; i < lanes.length; i++) {
        while (
          next < jobs.length &&
          (inFlight[i] ?? 0) < PER_WORKER &&
          backlog < options.maxBacklog
        ) {
          inFlight[i] = (inFlight[i] ?? 0) + 1;
          lanes[i]?.send(jobs[next++] as Job);
        }
      }
    };
    const handle = (lane: number, reply: JobReply): void => {
      inFlight[lane] = (inFlight[lane] ?? 1) - 1;
      backlog++;
      options.onReply(reply).then(
        () => {
          backlog--;
          if (++resolvedCount === jobs.length) return finish();
          pump();
        },
        (err: Error) => finish(err),
      );
      pump();
    };

    for (let i = 0; i < laneCount; i++) {
      if (renderHere) {
        let chain = Promise.resolve();
        lanes.push({
          send: (job) => {
            chain = chain
              .then(async () => handle(i, await renderHere(job)))
              .catch((err: Error) => finish(err));
          },
          close: () => chain,
        });
      } else {
        // Capped heaps keep the process flat: without a cap V8 lets each thread's heap grow with
        // garbage (777 MB RSS at 5,000 reports); one report needs far less than this.
        const worker = new Worker(workerUrl, {
          workerData: options.settings,
          resourceLimits: { maxYoungGenerationSizeMb: 8, maxOldGenerationSizeMb: 128 },
        });
        worker.on('message', (msg: WorkerReply) => {
          if ('bug' in msg) return finish(new Error(msg.bug));
          handle(i, msg.reply);
        });
        worker.on('error', (err) => finish(err));
        worker.on('exit', (code) => {
          if (!settled) finish(new Error(`export worker exited early with code ${code}`));
        });
        lanes.push({
          send: (job) => worker.postMessage({ job } satisfies WorkerMessage),
          close: () => worker.terminate().then(() => undefined),
        });
      }
      inFlight.push(0);
    }
    pump();
  });
}
