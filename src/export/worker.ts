/**
 * Export worker thread: loads the validation core, templates and style profile once, then
 * renders the progress files the main thread sends, one reply per file. Word bytes are
 * transferred, not copied, and the main thread writes them straight away.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { prepareRenderOne, type Job, type JobSettings } from './render-one.js';

export type WorkerMessage = { job: Job };
/**
 * One reply per job, in the order the jobs came: the report, or `crash` when rendering threw (a
 * bug: bad data is a failed reply, not an exception). `bug`: the worker could not start at all.
 */
export type WorkerReply =
  { reply: import('./render-one.js').JobReply } | { crash: string } | { bug: string };

const port = parentPort;
if (!port) throw new Error('export worker must run in a worker thread');

let renderOne: Awaited<ReturnType<typeof prepareRenderOne>> | undefined;
let setupError: string | undefined;
try {
  renderOne = await prepareRenderOne(workerData as JobSettings);
} catch (err) {
  setupError = err instanceof Error ? (err.stack ?? err.message) : String(err);
}

// Jobs are handled strictly one after another: one report's buffers alive at a time.
let chain = Promise.resolve();
port.on('message', (message: WorkerMessage) => {
  chain = chain.then(async () => {
    if (!renderOne)
      return port.postMessage({ bug: setupError ?? 'worker setup failed' } satisfies WorkerReply);
    try {
      const reply = await renderOne(message.job);
      const transfer: ArrayBuffer[] = [];
      if (reply.ok && reply.docx) {
        // Only a buffer the bytes own alone can be moved; a view into a shared pool is copied.
        const own =
          reply.docx.byteOffset === 0 && reply.docx.byteLength === reply.docx.buffer.byteLength
            ? reply.docx
            : reply.docx.slice();
        reply.docx = own;
        transfer.push(own.buffer as ArrayBuffer);
      }
      port.postMessage({ reply } satisfies WorkerReply, transfer);
    } catch (err) {
      port.postMessage({
        crash: err instanceof Error ? err.message : String(err),
      } satisfies WorkerReply);
    }
  });
});
