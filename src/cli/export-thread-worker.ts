/**
 * The export thread (see export-thread.ts): runs `exportReports` with the options it was given
 * and sends the events, the problems (one chunk at a time, each acknowledged before the next)
 * and the summary back to the command line.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { FileResult } from '../diagnostics/types.js';
import { exportReports } from '../export/index.js';
import type { ExportEvent, ReportRecord } from '../export/index.js';
import {
  exportFiles,
  type ControlMessage,
  type ThreadMessage,
  type ThreadOptions,
} from './export-thread.js';
import { processLockOwner, UsageError } from './io.js';

const port = parentPort;
if (!port) throw new Error('export-thread-worker must run in a worker thread');
const { lockAsProcess, withProblems, paths, ...options } = workerData as ThreadOptions;
const send = (message: ThreadMessage): void => port.postMessage(message);

const controller = new AbortController();
const acks = new Map<number, () => void>();
port.on('message', (message: ControlMessage) => {
  if (message.type === 'abort') controller.abort();
  else acks.get(message.id)?.();
});

let chunks = 0;
/**
 * Events go over in batches, and a report's only with what a progress display shows (its status,
 * town, and for a failed one the first problem): 20,000 messages, each a full record, kept the
 * command line's thread allocating enough that V8 grew its young generation to 32 MB.
 */
let events: ExportEvent[] = [];
let timer: ReturnType<typeof setTimeout> | undefined;
const flushEvents = (): void => {
  if (timer) clearTimeout(timer);
  timer = undefined;
  if (events.length === 0) return;
  send({ type: 'events', events });
  events = [];
};
const EVENT_BATCH = 256;
const EVENT_WAIT_MS = 100;
const progressOnly = (r: ReportRecord): ReportRecord => {
  const record: ReportRecord = {
    source: r.source,
    status: r.status,
    outputs: [],
    diagnostics: r.status === 'failed' ? r.diagnostics.slice(0, 1) : [],
  };
  if (r.town) record.town = r.town;
  if (r.quarter) record.quarter = r.quarter;
  return record;
};

try {
  const files = await exportFiles({ ...options, paths });
  const summary = await exportReports({
    ...options,
    files,
    signal: controller.signal,
    ...(lockAsProcess ? { lock: processLockOwner } : {}),
    onEvent: (event) => {
      events.push(
        event.type === 'report' ? { type: 'report', record: progressOnly(event.record) } : event,
      );
      if (event.type === 'start' || events.length >= EVENT_BATCH) flushEvents();
      else timer ??= setTimeout(flushEvents, EVENT_WAIT_MS);
    },
    ...(withProblems
      ? {
          onProblems: async (results: FileResult[], last: boolean) => {
            const id = chunks++;
            flushEvents();
            await new Promise<void>((resolve) => {
              acks.set(id, resolve);
              send({ type: 'problems', id, results, last });
            });
            acks.delete(id);
          },
        }
      : {}),
  });
  flushEvents();
  // Without its report list (index.json has every report; the command line reads the counts):
  // 20,000 items arriving while this thread's heap is still there made the export's peak.
  send({ type: 'done', summary: { ...summary, reports: [] } });
} catch (err) {
  flushEvents();
  const message = err instanceof Error ? err.message : String(err);
  send({ type: 'failed', message, usage: err instanceof UsageError });
}
