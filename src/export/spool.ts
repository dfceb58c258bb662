/**
 * A scratch file for one export: what each report contributes to index.json, index.md, the export
 * state and the printed problems is appended here as soon as the report is done, and read back in
 * path order at the end. So the main thread keeps a few numbers per report instead of its views,
 * figures and diagnostics, and memory stays flat however large the batch is.
 */
import { mkdtemp, open, rm, type FileHandle } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A record: its number in the spool. Where its parts are (byte offset, byte length of each part)
 * is kept in the spool's typed arrays, not in a JS array per record: 20,000 of those cost some
 * 2 MB of heap.
 */
export type SpoolRef = number;

/** A growable typed array (doubling), for the spool's per-record numbers. */
class Numbers<T extends Float64Array | Uint32Array> {
  size = 0;
  constructor(
    public data: T,
    private readonly make: (length: number) => T,
  ) {}

  push(value: number): void {
    if (this.size === this.data.length) {
      const bigger = this.make(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.size++] = value;
  }
}

/** Appended bytes not on disk yet beyond which `room()` waits: a burst never piles up in memory. */
const MAX_QUEUED = 4 << 20;
/**
 * Records are copied into buffers of this size, written when full and then reused; reads go
 * through reused buffers too. A new buffer per record (20,000 of them, and as many reads) left
 * some 50 MB of dead buffers between two GCs, and the C heap they came from stayed that big.
 */
const BLOCK = 1 << 20;

export class Spool {
  private size = 0;
  /** Bytes handed to `add` whose write has not finished. */
  private queued = 0;
  private pending: Promise<void> = Promise.resolve();
  private failure: unknown;
  /** The block records are being copied into, from file offset `blockAt`. */
  private block: Buffer | undefined;
  private blockUsed = 0;
  private blockAt = 0;
  /** Blocks whose write finished, and read buffers not in use. */
  private readonly freeBlocks: Buffer[] = [];
  private readonly freeScratch: Buffer[] = [];
  /** Per record: its byte offset in the file, and where its part lengths start in `lengths`. */
  private readonly starts = new Numbers(new Float64Array(1024), (n) => new Float64Array(n));
  private readonly firstPart = new Numbers(new Uint32Array(1024), (n) => new Uint32Array(n));
  private readonly lengths = new Numbers(new Uint32Array(4096), (n) => new Uint32Array(n));

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
    const ref = this.starts.size;
    this.starts.push(this.size);
    this.firstPart.push(this.lengths.size);
    let total = 0;
    for (const p of parts) {
      const length = Buffer.byteLength(p, 'utf8');
      this.lengths.push(length);
      total += length;
    }
    if (total > BLOCK) {
      // A record bigger than a block (never seen in practice) is written on its own.
      this.handOff();
      this.writeOut(Buffer.from(parts.join(''), 'utf8'), this.size, false);
      this.size += total;
      return ref;
    }
    if (this.block && this.blockUsed + total > BLOCK) this.handOff();
    if (!this.block) {
      this.block = this.freeBlocks.pop() ?? Buffer.allocUnsafeSlow(BLOCK);
      this.blockUsed = 0;
      this.blockAt = this.size;
    }
    for (const p of parts) this.blockUsed += this.block.write(p, this.blockUsed, 'utf8');
    this.size += total;
    this.queued += total;
    return ref;
  }

  /** The block being filled goes to be written; the next record starts a new one. */
  private handOff(): void {
    const block = this.block;
    if (!block) return;
    this.block = undefined;
    if (this.blockUsed === 0) {
      this.freeBlocks.push(block);
      return;
    }
    // Its bytes were counted in `queued` as they were added.
    this.queued -= this.blockUsed;
    this.writeOut(block.subarray(0, this.blockUsed), this.blockAt, true, block);
  }

  private writeOut(data: Buffer, at: number, reuse: boolean, block?: Buffer): void {
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
        if (reuse && block) this.freeBlocks.push(block);
      }
    });
  }

  /** A read buffer of at least `length` bytes, for the time of `use`. */
  private async withScratch<T>(length: number, use: (buffer: Buffer) => Promise<T>): Promise<T> {
    const at = this.freeScratch.findIndex((b) => b.length >= length);
    const buffer =
      at >= 0
        ? (this.freeScratch.splice(at, 1)[0] as Buffer)
        : Buffer.allocUnsafeSlow(Math.max(length, 1 << 16));
    try {
      return await use(buffer);
    } finally {
      // A few buffers at most (as many as reads at once); the biggest are kept.
      this.freeScratch.push(buffer);
      if (this.freeScratch.length > 8) {
        this.freeScratch.sort((a, b) => b.length - a.length).length = 8;
      }
    }
  }

  /**
   * Waits while too much is queued: a caller that adds in a loop (the kept reports of a re-run,
   * 20,000 of them without a pause) awaits this, so the queue never holds the whole batch.
   */
  async room(): Promise<void> {
    if (this.queued > MAX_QUEUED) await this.flushed();
  }

  /** Number of parts of a record. */
  private parts(ref: SpoolRef): number {
    const end = ref + 1 < this.firstPart.size ? this.firstPart.data[ref + 1] : this.lengths.size;
    return (end as number) - (this.firstPart.data[ref] as number);
  }

  /** Byte length of part `i` of a record (0 for a part it does not have). */
  length(ref: SpoolRef, i: number): number {
    if (i >= this.parts(ref)) return 0;
    return this.lengths.data[(this.firstPart.data[ref] as number) + i] as number;
  }

  /** Byte offset of part `i` of a record in the spool file. */
  private offset(ref: SpoolRef, i: number): number {
    let start = this.starts.data[ref] as number;
    for (let k = 0; k < i; k++) start += this.length(ref, k);
    return start;
  }

  /** Part `i` of a record, copied into `into` at `offset` (or a new buffer). */
  async readInto(ref: SpoolRef, i: number, into?: Buffer, offset = 0): Promise<Buffer> {
    await this.flushed();
    return this.readSpan(this.offset(ref, i), this.length(ref, i), into, offset);
  }

  /** `length` bytes from file offset `start`, into `into` at `offset` (or a new buffer). */
  private async readSpan(
    start: number,
    length: number,
    into?: Buffer,
    offset = 0,
  ): Promise<Buffer> {
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
    const starts = refs.map((ref) => this.offset(ref, i));
    const first = Math.min(...starts);
    const end = Math.max(...refs.map((ref, n) => (starts[n] as number) + this.length(ref, i)));
    const wanted = refs.reduce((sum, ref) => sum + this.length(ref, i), 0);
    if (refs.length === 0 || end - first > 2 * wanted + 4096) {
      return Promise.all(refs.map((ref) => this.read(ref, i)));
    }
    return this.withScratch(end - first, async (scratch) => {
      await this.flushed();
      const span = await this.readSpan(first, end - first, scratch);
      return refs.map((ref, n) => {
        const at = (starts[n] as number) - first;
        return span.toString('utf8', at, at + this.length(ref, i));
      });
    });
  }

  async read(ref: SpoolRef, i: number): Promise<string> {
    const length = this.length(ref, i);
    return this.withScratch(length, async (scratch) =>
      (await this.readInto(ref, i, scratch)).toString('utf8', 0, length),
    );
  }

  /** Waits for the appends so far (the block being filled is written now); throws the first write error. */
  async flushed(): Promise<void> {
    this.handOff();
    await this.pending;
    if (this.failure !== undefined) throw this.failure;
  }

  async close(): Promise<void> {
    await this.pending;
    await this.handle.close().catch(() => undefined);
    await rm(this.dir, { recursive: true, force: true });
  }
}
