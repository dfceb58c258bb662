/**
 * `.fangan-manifest.journal`: an append-only, write-ahead record next to the manifest. Before a
 * file is renamed into place, a line with its name and sha256 is appended and fsynced; the
 * manifest itself is rewritten only when a writer closes. So after kill -9, a power cut, a full
 * disk or a crashed worker, every file fangan renamed into place is still recognised as its own
 * on the next run (never FG4002). Lines of a write that never reached its rename are harmless:
 * `resolveEntries` keeps, per file, the recorded hash that matches the bytes on disk.
 *
 * Appends of concurrent writes are grouped into one write + fsync (group commit). A torn last
 * line (a crash mid-append) is ignored on reading and cut off before the next append.
 */
import { constants } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { writeAll } from './atomic.js';
import { errnoCode, nodeFs, type WriteFs } from './fs.js';

export const JOURNAL_NAME = '.fangan-manifest.journal';

export interface JournalLine {
  name: string;
  sha256: string;
  inputs?: Record<string, string>;
}

const isLine = (v: unknown): v is JournalLine =>
  typeof v === 'object' &&
  v !== null &&
  typeof (v as JournalLine).name === 'string' &&
  typeof (v as JournalLine).sha256 === 'string' &&
  ((v as JournalLine).inputs === undefined ||
    (typeof (v as JournalLine).inputs === 'object' && (v as JournalLine).inputs !== null));

/** The complete lines of the journal of `dir` (none when there is none); a symlink counts as none. */
export async function readJournal(dir: string, fs: WriteFs = nodeFs): Promise<JournalLine[]> {
  const path = join(dir, JOURNAL_NAME);
  let text: string;
  try {
    if (!(await fs.lstat(path)).isFile()) return [];
    text = await fs.readFile(path, 'utf8');
  } catch (err) {
    if (errnoCode(err) === 'ENOENT') return [];
    throw err;
  }
  const lines: JournalLine[] = [];
  const end = text.lastIndexOf('\n');
  for (const raw of text.slice(0, end + 1).split('\n')) {
    if (raw === '') continue;
    try {
      const parsed: unknown = JSON.parse(raw);
      if (isLine(parsed)) lines.push(parsed);
    } catch {
      // A damaged line records nothing; the files it named are then treated as hand-made.
    }
  }
  return lines;
}

// O_NOFOLLOW: a symbolic link planted under the journal's name is never appended through.
const APPEND_FLAGS =
  constants.O_WRONLY | constants.O_APPEND | constants.O_CREAT | (constants.O_NOFOLLOW ?? 0);

interface Waiting {
  text: string;
  resolve(): void;
  reject(err: unknown): void;
}

/** Appends lines to the journal of one folder; `append` resolves once the lines are on disk. */
export class JournalWriter {
  private handle: FileHandle | undefined;
  /** Bytes known to end with a complete line; a failed append is cut back to this. */
  private size = 0;
  private queue: Waiting[] = [];
  private flushing: Promise<void> | undefined;
  private used = false;

  constructor(
    private readonly dir: string,
    private readonly fs: WriteFs = nodeFs,
  ) {}

  /** Whether anything was appended by this writer. */
  get touched(): boolean {
    return this.used;
  }

  append(lines: readonly JournalLine[]): Promise<void> {
    if (lines.length === 0) return Promise.resolve();
    const text = lines.map((l) => `${JSON.stringify(l)}\n`).join('');
    return new Promise<void>((resolve, reject) => {
      this.queue.push({ text, resolve, reject });
      this.kick();
    });
  }

  private kick(): void {
    if (this.flushing) return;
    this.flushing = this.flush().finally(() => {
      this.flushing = undefined;
      if (this.queue.length > 0) this.kick();
    });
  }

  private async flush(): Promise<void> {
    const batch = this.queue.splice(0);
    try {
      if (!this.handle) {
        this.handle = await this.fs.open(join(this.dir, JOURNAL_NAME), APPEND_FLAGS, 0o644);
        const { size } = await this.handle.stat();
        this.size = size;
        if (size > 0) {
          // Cut a torn line left by a crash, so the next line starts on its own.
          const text = (await this.fs.readFile(join(this.dir, JOURNAL_NAME))).subarray(0, size);
          if (text[text.length - 1] !== 0x0a) {
            this.size = text.lastIndexOf(0x0a) + 1;
            await this.handle.truncate(this.size);
          }
        }
      }
      const bytes = Buffer.from(batch.map((w) => w.text).join(''), 'utf8');
      this.used = true;
      await writeAll(this.handle, bytes);
      await this.handle.sync();
      this.size += bytes.length;
      for (const w of batch) w.resolve();
    } catch (err) {
      await this.handle?.truncate(this.size).catch(() => undefined);
      for (const w of batch) w.reject(err);
    }
  }

  /** Waits for pending appends and closes the file. */
  async close(): Promise<void> {
    while (this.flushing) await this.flushing;
    await this.handle?.close().catch(() => undefined);
    this.handle = undefined;
  }

  /** Closes and deletes the journal (after its lines went into the manifest). */
  async remove(): Promise<void> {
    await this.close();
    await this.fs.unlink(join(this.dir, JOURNAL_NAME)).catch((err: unknown) => {
      if (errnoCode(err) !== 'ENOENT') throw err;
    });
  }
}
