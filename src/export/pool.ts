import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { makeDiagnostic } from '../diagnostics/make.js';
import { prepareRenderOne, type Job, type JobReply, type JobSettings } from './render-one.js';
import type { WorkerMessage, WorkerReply } from './worker.js';

const workerUrl = new URL('./worker.js', import.meta.url);

/** Jobs queued on one worker at a time: one rendering, one waiting, so it never idles. */
const PER_WORKER = 2;

/**
 * Capped heaps keep the process flat: without a cap V8 lets each thread's heap grow with garbage
 * (777 MB RSS at 5,000 reports); one report needs far less than this.
 */
export const DEFAULT_WORKER_HEAP_MB = 128;

/**
 * Young generation of each worker thread. A report's garbage dies young and is small, so a 4 MB
 * nursery collects it for the same CPU time as 8 MB and keeps about 5 MB less resident for the
 * whole export. (2 MB saves 3 MB more but scavenges four times as often.)
 */
export const WORKER_YOUNG_MB = 4;

/** A worker that dies this many times in a row with no job to blame is a bug, not bad data. */
const MAX_IDLE_DEATHS = 3;

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
  /** Old-generation heap cap of each worker thread in MB (default `DEFAULT_WORKER_HEAP_MB`). */
  heapMb?: number;
}

/**
 * The jobs of a batch, made as they are sent (`at`), so 20,000 of them are never held at once; an
 * array of jobs is one (`Array.prototype.at`).
 */
export interface JobList {
  readonly length: number;
  at(index: number): Job | undefined;
}

/** A lane renders one job at a time: a worker thread, or this thread without compiled JS. */
interface Lane {
  /** Jobs sent and not answered yet, oldest (the one rendering) first. */
  queue: Job[];
  send(job: Job): void;
  close(): Promise<void>;
}

/**
 * Renders `jobs` over worker threads (compiled `worker.js` next to this file) and hands each reply
 * to `onReply`. From TypeScript sources (tests) there is no worker.js: one lane in this thread.
 *
 * A worker that runs out of memory or crashes costs only the file it was rendering: that file
 * gets a failed reply (FG6100 / FG6101), the jobs queued behind it go to a fresh worker, and the
 * batch goes on. Only a failing `onReply` (a bug of the caller) rejects.
 */
export async function renderAll(jobs: JobList, options: PoolOptions): Promise<void> {
  if (jobs.length === 0) return;
  const useWorkers = existsSync(fileURLToPath(workerUrl));
  const laneCount = useWorkers ? Math.max(1, Math.min(options.threads, jobs.length)) : 1;
  const renderHere = useWorkers ? undefined : await prepareRenderOne(options.settings);
  const heapMb = options.heapMb ?? DEFAULT_WORKER_HEAP_MB;
  const { lang } = options.settings;

  const failed = (job: Job, code: 'FG6100' | 'FG6101', reason: string): JobReply => {
    const at = { file: job.display, line: 1, column: 1 };
    const params = code === 'FG6100' ? { limit: heapMb } : { reason };
    return {
      index: job.index,
      ok: false,
      result: { file: job.display, diagnostics: [makeDiagnostic(code, lang, at, params)] },
    };
  };

  return new Promise<void>((resolve, reject) => {
    const lanes: Lane[] = [];
    /** Jobs taken back from a dead worker, sent again before the rest. */
    const retry: Job[] = [];
    let next = 0;
    let resolvedCount = 0;
    let backlog = 0;
    let settled = false;
    let idleDeaths = 0;

    const finish = (err?: Error): void => {
      if (settled) return;
      settled = true;
      void Promise.all(lanes.map((l) => l.close())).then(() => (err ? reject(err) : resolve()));
    };
    const take = (): Job | undefined =>
      retry.shift() ?? (next < jobs.length ? jobs.at(next++) : undefined);
    const pump = (): void => {
      if (settled) return;
      for (const lane of lanes) {
        while (lane.queue.length < PER_WORKER && backlog < options.maxBacklog) {
          const job = take();
          if (!job) return;
          lane.queue.push(job);
          lane.send(job);
        }
      }
    };
    const handle = (reply: JobReply): void => {
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

    const hereLane = (render: NonNullable<typeof renderHere>): Lane => {
      let chain = Promise.resolve();
      const lane: Lane = {
        queue: [],
        send: (job) => {
          chain = chain.then(async () => {
            let reply: JobReply;
            try {
              reply = await render(job);
            } catch (err) {
              reply = failed(job, 'FG6101', err instanceof Error ? err.message : String(err));
            }
            lane.queue.shift();
            handle(reply);
          });
        },
        close: () => chain,
      };
      return lane;
    };

    const workerLane = (slot: number): Lane => {
      const worker = new Worker(workerUrl, {
        workerData: options.settings,
        resourceLimits: {
          maxYoungGenerationSizeMb: WORKER_YOUNG_MB,
          maxOldGenerationSizeMb: heapMb,
        },
      });
      let dead = false;
      const lane: Lane = {
        queue: [],
        send: (job) => worker.postMessage({ job } satisfies WorkerMessage),
        close: () => {
          dead = true;
          return worker.terminate().then(() => undefined);
        },
      };
      /** The worker is gone: blame the job it was rendering, hand the others to a new worker. */
      const died = (code: 'FG6100' | 'FG6101', reason: string): void => {
        if (dead || settled) return;
        dead = true;
        const [current, ...waiting] = lane.queue;
        lane.queue = [];
        retry.unshift(...waiting);
        if (!current && ++idleDeaths >= MAX_IDLE_DEATHS) {
          return finish(new Error(`export workers keep stopping: ${reason}`));
        }
        lanes[slot] = workerLane(slot);
        if (current) handle(failed(current, code, reason));
        else pump();
      };
      worker.on('message', (msg: WorkerReply) => {
        if ('bug' in msg) return finish(new Error(msg.bug));
        idleDeaths = 0;
        const job = lane.queue.shift();
        if (!job) return finish(new Error('export worker replied to a job it was not given'));
        handle('crash' in msg ? failed(job, 'FG6101', msg.crash) : msg.reply);
      });
      worker.on('error', (err: NodeJS.ErrnoException) => {
        if (err.code === 'ERR_WORKER_OUT_OF_MEMORY') died('FG6100', err.message);
        else died('FG6101', err.message);
      });
      worker.on('exit', (code) => died('FG6101', `exit code ${code}`));
      return lane;
    };

    for (let i = 0; i < laneCount; i++) {
      lanes.push(renderHere ? hereLane(renderHere) : workerLane(i));
    }
    pump();
  });
}
