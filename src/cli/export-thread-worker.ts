/**
 * The export thread (see export-thread.ts): runs `exportReports` with the options it was given
 * and sends the events, the problems (one chunk at a time, each acknowledged before the next)
 * and the summary back to the command line.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { FileResult } from '../diagnostics/types.js';
import { exportReports } from '../export/index.js';
import type { ReportRecord } from '../export/index.js';
import type { ControlMessage, ThreadMessage, ThreadOptions } from './export-thread.js';
import { processLockOwner } from './io.js';

const port = parentPort;
if (!port) throw new Error('export-thread-worker must run in a worker thread');
const { lockAsProcess, withProblems, ...options } = workerData as ThreadOptions;
const send = (message: ThreadMessage): void => port.postMessage(message);

const controller = new AbortController();
const acks = new Map<number, () => void>();
port.on('message', (message: ControlMessage) => {
  if (message.type === 'abort') controller.abort();
  else acks.get(message.id)?.();
});

let chunks = 0;
try {
  const summary = await exportReports({
    ...options,
    signal: controller.signal,
    ...(lockAsProcess ? { lock: processLockOwner } : {}),
    onEvent: (event) => {
      if (event.type === 'report') {
        // The figures are for index.json; the command line only shows the status.
        const { figures: _figures, ...record }: ReportRecord = event.record;
        send({ type: 'event', event: { type: 'report', record } });
      } else send({ type: 'event', event });
    },
    ...(withProblems
      ? {
          onProblems: async (results: FileResult[], last: boolean) => {
            const id = chunks++;
            await new Promise<void>((resolve) => {
              acks.set(id, resolve);
              send({ type: 'problems', id, results, last });
            });
            acks.delete(id);
          },
        }
      : {}),
  });
  send({ type: 'done', summary });
} catch (err) {
  send({ type: 'failed', message: err instanceof Error ? err.message : String(err) });
}
