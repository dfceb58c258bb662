/**
 * Worker thread for `fangan validate` on many files: loads the validation core once, then checks
 * the batches of files the main thread sends and posts the outcomes back, tagged with their
 * input index so the main thread can keep input order.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { InputFile } from './files.js';
import { checkOne, loadCore, type CheckOptions, type Outcome } from './validate-one.js';

export interface BatchMessage {
  batch: { index: number; file: InputFile }[];
}

export type ReplyMessage =
  { ready: true } | { outcomes: { index: number; outcome: Outcome }[] } | { bug: string };

const port = parentPort;
if (!port) throw new Error('validate-worker must run in a worker thread');
const options = workerData as CheckOptions;
const core = await loadCore();
// Work is sent only from now on: until this worker can check files, the main thread checks them.
port.postMessage({ ready: true } satisfies ReplyMessage);

port.on('message', (message: BatchMessage) => {
  checkBatch(message.batch).then(
    (outcomes) => port.postMessage({ outcomes } satisfies ReplyMessage),
    (err: unknown) =>
      port.postMessage({
        bug: err instanceof Error ? (err.stack ?? err.message) : String(err),
      } satisfies ReplyMessage),
  );
});

/**
 * One file at a time: this thread has a core to itself, and files checked side by side would only
 * keep more parse trees alive at once (more garbage collection) and crowd the shared I/O pool.
 */
async function checkBatch(batch: BatchMessage['batch']) {
  const outcomes: { index: number; outcome: Outcome }[] = [];
  for (const { index, file } of batch) {
    outcomes.push({ index, outcome: await checkOne(core, file, options) });
  }
  return outcomes;
}
