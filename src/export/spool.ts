/**
 * A scratch file for one export: what each report contributes to index.json, index.md, the export
 * state and the printed problems is appended here as soon as the report is done, and read back in
 * path order at the end. So the main thread keeps a few numbers per report instead of its views,
 * figures and diagnostics, and memory stays flat however large the batch is.
 */
import { mkdtemp, open, rm, type FileHandle } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Where one record's parts are: its byte offset, then the byte length of each part. */
export type SpoolRef = readonly number[];

/** Appended bytes not on disk yet beyond which `room()` waits: a burst never piles up in memory. */
const MAX_QUEUED = 4 << 20;

export class Spool {
  private size = 0;
  /** Bytes handed to `add` whose write has not finished. */
  private queued = 0;
  private pending: Promise<void> = Promise.resolve();
  private failure: unknown;

  private constructor(
    private readonly dir: string,
    private readonly handle: FileHandle,
  ) {}

  static async open(): Promise<Spool> {
    const dir = await mkdtemp(join(tmpdir(), 'fangan-export-'));
    try {
      return new Spool(dir, await open(join(dir, 'spool'), 'w+', 0o600));
    } catch (err) {
      await rm(dir, { recursive: true, force: true });
      throw err;
    }
  }

  /** Appends the parts (written in the background, in order); returns where they will be. */
  add(parts: readonly string[]): SpoolRef {
    const buffers = parts.map((p) => Buffer.from(p, 'utf8'));
    const ref = [this.size, ...buffers.map((b) => b.length)];
    const data = buffers.length === 1 ? (buffers[0] as Buffer) : Buffer.concat(buffers);
    const at = this.size;
    this.size += data.length;
    this.queued += data.length;
    this.pending = this.pending.then(async () => {
      try {
        if (this.failure !== undefined) return;
        let done = 0;
        while (done < data.length) {
          const { bytesWritten } = await this.handle.write(
            data,
            done,
            data.length - done,
            at + done,
          );
          done += bytesWritten;
        }
      } catch (err) {
        this.failure = err;
      } finally {
        this.queued -= data.length;
      }
    });
    return ref;
  }

  /**
   * Waits while too much is queued: a caller that adds in a loop (the kept reports of a re-run,
   * 20,000 of them without a pause) awaits this, so the queue never holds the whole batch.
   */
  async room(): Promise<void> {
    if (this.queued > MAX_QUEUED) await this.flushed();
  }

  /** Byte length of part `i` of a record. */
  static length(ref: SpoolRef, i: number): number {
    return ref[i + 1] ?? 0;
  }

  /** Part `i` of a record, copied into `into` at `offset` (or a new buffer). */
  async readInto(ref: SpoolRef, i: number, into?: Buffer, offset = 0): Promise<Buffer> {
    await this.flushed();
    let start = ref[0] ?? 0;
    for (let k = 0; k < i; k++) start += ref[k + 1] ?? 0;
    const length = Spool.length(ref, i);
    const target = into ?? Buffer.allocUnsafe(length);
    let done = 0;
    while (done < length) {
      const { bytesRead } = await this.handle.read(
        target,
        offset + done,
        length - done,
        start + done,
      );
      if (bytesRead === 0) throw new Error('export spool: unexpected end of file');
      done += bytesRead;
    }
    return into ? target : target.subarray(0, length);
  }

  /**
   * Part `i` of each record, read with one call when the records lie next to each other (as the
   * records of one loop do): thousands of small reads would each wait for the disk.
   */
  async readMany(refs: readonly SpoolRef[], i: number): Promise<string[]> {
    const starts = refs.map((ref) => {
      let start = ref[0] ?? 0;
      for (let k = 0; k < i; k++) start += ref[k + 1] ?? 0;
      return start;
    });
    const first = Math.min(...starts);
    const end = Math.max(...refs.map((ref, n) => (starts[n] as number) + Spool.length(ref, i)));
    const wanted = refs.reduce((sum, ref) => sum + Spool.length(ref, i), 0);
    if (refs.length === 0 || end - first > 2 * wanted + 4096) {
      return Promise.all(refs.map((ref) => this.read(ref, i)));
    }
    const span = await this.readInto([first, end - first], 0);
    return refs.map((ref, n) => {
      const at = (starts[n] as number) - first;
      return span.toString('utf8', at, at + Spool.length(ref, i));
    });
  }

  async read(ref: SpoolRef, i: number): Promise<string> {
    return (await this.readInto(ref, i)).toString('utf8');
  }

  /** Waits for the appends so far; throws the first write error. */
  async flushed(): Promise<void> {
    await this.pending;
    if (this.failure !== undefined) throw this.failure;
  }

  async close(): Promise<void> {
    await this.pending;
    await this.handle.close().catch(() => undefined);
    await rm(this.dir, { recursive: true, force: true });
  }
}
