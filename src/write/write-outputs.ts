/**
 * Writing one run's output files into a folder, safely:
 * - a call writes all its files or none: every file is staged into a temporary file in the
 *   target folder and fsynced, the names and hashes are appended to the manifest's journal, and
 *   only then are the files renamed into place; a failure before the renames removes the
 *   temporary files, a failed rename puts back what the earlier renames replaced;
 * - a symbolic link as the folder or as a target is refused, never followed; so is anything that
 *   is not a regular file (a folder, a FIFO, a device);
 * - a file that was edited by hand (its bytes differ from what the manifest says we wrote) or
 *   that we never wrote is not overwritten without `force`;
 * - the folder is locked (`.fangan-lock`) while a writer is open, stale temporary files of an
 *   interrupted run are removed, and two outputs of one writer that would land on one file
 *   (names equal after case folding) are refused instead of overwriting each other.
 * Problems are diagnostics (FG4xxx); only bugs (an unsafe name from the caller) throw.
 */
import { join } from 'node:path';
import type { Diagnostic, Lang } from '../diagnostics/types.js';
import { makeDiagnostic } from '../diagnostics/make.js';
import type { Params } from '../diagnostics/catalog.js';
import {
  atomicWriteFile,
  hashFile,
  hashPieces,
  isPieces,
  makeDirs,
  removeStaleTemps,
  stage,
  syncDir,
  tempNameFor,
  type FileData,
} from './atomic.js';
import { ioDiagnostic, errorDetail } from './errors.js';
import { isSafeFileName } from './file-name.js';
import { StringTable } from './string-table.js';
import { errnoCode, nodeFs, type WriteFs } from './fs.js';
import { JournalWriter, JOURNAL_NAME, type JournalLine } from './journal.js';
import { acquireLock, LOCK_NAME, type LockOwner } from './lock.js';
import { readStore, sha256, MANIFEST_NAME, type ManifestEntry } from './manifest.js';
import type { ManifestStore } from './manifest-store.js';

export interface OutputFile {
  /** A file name (one segment) made with `safeFileName`. */
  name: string;
  data: Uint8Array | string;
}

/** What `OutputWriter.write` takes: an output file, or a big one given in pieces (`Pieces`). */
export interface BatchFile {
  name: string;
  data: FileData;
}

export interface WriteOptions {
  /** Overwrite files that were edited by hand or not written by fangan (never symbolic links). */
  force?: boolean;
  lang?: Lang;
  /** Extra manifest data per file name, e.g. input hashes kept by the batch exporter. */
  inputs?: Record<string, Record<string, string>>;
  /** Who takes the folder's lock; the CLI passes its pid so a dead owner's lock is taken over. */
  lock?: LockOwner;
  /** Once aborted (SIGINT), calls that have not begun renaming write nothing (FG4108). */
  signal?: AbortSignal;
  /** File-system calls (tests inject errors here). */
  fs?: WriteFs;
}

export interface WriteResult {
  /** Paths of the files written, in the order given. */
  written: string[];
  diagnostics: Diagnostic[];
}

/** Names reserved for fangan's own bookkeeping in an output folder. */
const RESERVED_NAMES = new Set([MANIFEST_NAME, JOURNAL_NAME, LOCK_NAME]);

/** The key two names collide on: the same on case-insensitive, normalising file systems. */
export const collisionKey = (name: string): string => name.normalize('NFC').toLowerCase();

type Kind = 'missing' | 'file' | 'symlink' | 'dir' | 'other';

/** Is `path` there, and what is it? Never follows a symbolic link. */
async function kindOf(fs: WriteFs, path: string): Promise<Kind> {
  try {
    const st = await fs.lstat(path);
    if (st.isSymbolicLink()) return 'symlink';
    if (st.isFile()) return 'file';
    return st.isDirectory() ? 'dir' : 'other';
  } catch (err) {
    if (errnoCode(err) === 'ENOENT') return 'missing';
    throw err;
  }
}

/** Same bytes? Compares Uint8Array and string data without caring which form each is in. */
export const sameBytes = (a: Uint8Array, b: Uint8Array | string): boolean =>
  Buffer.from(a).equals(typeof b === 'string' ? Buffer.from(b, 'utf8') : b);

/**
 * Checks every file, then writes them all (or none) into `dir`, creating the folder if needed,
 * and records their hashes in the folder's manifest.
 */
export async function writeOutputs(
  dir: string,
  files: readonly OutputFile[],
  options: WriteOptions = {},
): Promise<WriteResult> {
  const writer = new OutputWriter(dir, options);
  const result = await writer.write(files);
  const closing = await writer.close();
  return { written: result.written, diagnostics: [...result.diagnostics, ...closing] };
}

export interface OutputWriterOptions extends WriteOptions {
  /**
   * Calls written at the same time (default 1). Each file is fsynced before it replaces the old
   * one, which takes milliseconds; overlapping calls keeps the disk busy instead of waiting.
   */
  concurrency?: number;
}

interface Opened {
  /** The folder's manifest, compact: 40,000 entries are never 40,000 objects. */
  manifest?: ManifestStore;
  problems: Diagnostic[];
  journal?: JournalWriter;
  /** A journal of an earlier, interrupted run was merged: the manifest is due a rewrite. */
  replayed?: boolean;
  release?: () => Promise<void>;
  created?: boolean;
}

/**
 * Many `writeOutputs` calls into one folder, for batches: the folder is checked, locked and its
 * manifest read once (`ready`, or the first `write`); each `write` checks and writes its files
 * all-or-nothing; every file is recorded in the journal before it is renamed into place; `close`
 * folds the journal into the manifest and releases the lock.
 */
export class OutputWriter {
  private readonly lang: Lang;
  private readonly fs: WriteFs;
  private readonly concurrency: number;
  private opened: Promise<Opened> | undefined;
  private warned = false;
  private active = 0;
  private readonly waiting: (() => void)[] = [];
  private readonly inFlight = new Set<Promise<unknown>>();
  /** Every name this writer is writing or has written, by collision key. */
  private readonly names = new StringTable<never>(collisionKey);
  private changed = 0;
  private closed: Promise<Diagnostic[]> | undefined;

  constructor(
    private readonly dir: string,
    private readonly options: OutputWriterOptions = {},
  ) {
    this.lang = options.lang ?? 'zh-CN';
    this.fs = options.fs ?? nodeFs;
    this.concurrency = Math.max(1, options.concurrency ?? 1);
  }

  /**
   * Opens the folder (creating it, taking its lock, removing stale temporary files, reading the
   * manifest) and returns its problems: an error means nothing can be written there, so callers
   * check this before rendering anything.
   */
  async ready(): Promise<Diagnostic[]> {
    this.opened ??= this.open();
    return (await this.opened).problems;
  }

  /** Checks `files`, then writes all of them or none; see `writeOutputs`. */
  write(files: readonly BatchFile[]): Promise<WriteResult> {
    for (const f of files) {
      if (!isSafeFileName(f.name) || RESERVED_NAMES.has(f.name)) {
        throw new Error(
          `writeOutputs: unsafe output name ${JSON.stringify(f.name)}; use safeFileName`,
        );
      }
    }
    if (this.closed) throw new Error('OutputWriter: write after close');
    // Two outputs of one batch on one file: refuse the later one before anything is written.
    const collisions: Diagnostic[] = [];
    const keys: string[] = [];
    for (const f of files) {
      const key = collisionKey(f.name);
      const other = this.names.name(key) ?? (keys.includes(key) ? f.name : undefined);
      if (other !== undefined) {
        collisions.push(this.diagnostic('FG4106', join(this.dir, f.name), { name: f.name, other }));
      }
      keys.push(key);
    }
    if (collisions.length > 0) return Promise.resolve({ written: [], diagnostics: collisions });
    for (const f of files) this.names.add(f.name);

    const run = this.inSlot(() => this.writeNow(files)).then((result) => {
      if (result.written.length === 0) for (const key of keys) this.names.delete(key);
      return result;
    });
    this.inFlight.add(run);
    void run.finally(() => this.inFlight.delete(run)).catch(() => undefined);
    return run;
  }

  /** Waits for the writes under way, folds the journal into the manifest, releases the lock. */
  close(): Promise<Diagnostic[]> {
    this.closed ??= this.closeNow();
    return this.closed;
  }

  private async closeNow(): Promise<Diagnostic[]> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
    const opened = await this.opened;
    if (!opened) return [];
    const problems: Diagnostic[] = [];
    try {
      if (opened.manifest && opened.journal && (this.changed > 0 || opened.replayed)) {
        try {
          const manifest = opened.manifest;
          // In pieces: 40,000 entries are never one string.
          await atomicWriteFile(
            this.dir,
            MANIFEST_NAME,
            { pieces: () => manifest.pieces() },
            {
              syncFolder: false,
              fs: this.fs,
            },
          );
          await opened.journal.remove();
        } catch (err) {
          // The journal still lists every file written: nothing is lost, the next run merges it.
          await opened.journal.close();
          problems.push(
            this.diagnostic('FG4107', join(this.dir, MANIFEST_NAME), {
              detail: errorDetail(err),
            }),
          );
        }
      } else {
        // Nothing renamed and nothing replayed: the manifest is current, any lines are of
        // calls that were rolled back.
        await opened.journal?.remove().catch(() => undefined);
      }
      if (opened.manifest) await syncDir(this.dir, this.fs).catch(() => undefined);
    } finally {
      await opened.release?.();
      if (opened.created && this.changed === 0) {
        // Nothing was written into the folder we made: leave no empty folder behind.
        await this.fs.rmdir(this.dir).catch(() => undefined);
      }
    }
    return problems;
  }

  private async inSlot<T>(job: () => Promise<T>): Promise<T> {
    while (this.active >= this.concurrency) await new Promise<void>((r) => this.waiting.push(r));
    this.active++;
    try {
      return await job();
    } finally {
      this.active--;
      this.waiting.shift()?.();
    }
  }

  private diagnostic(code: string, file: string, params: Params, hint?: string): Diagnostic {
    const at = { file, line: 1, column: 1 };
    return makeDiagnostic(code, this.lang, at, params, hint ? { code: hint } : undefined);
  }

  /** The folder itself (refuse a symbolic link, create it when missing), its lock and manifest. */
  private async open(): Promise<Opened> {
    const { dir, fs } = this;
    const refuse = (problem: Diagnostic): Opened => ({ problems: [problem] });
    let created = false;
    try {
      const kind = await kindOf(fs, dir);
      if (kind === 'symlink') return refuse(this.diagnostic('FG4011', dir, { name: dir }));
      if (kind === 'missing') created = await makeDirs(dir, fs);
      else if (kind !== 'dir') {
        return refuse(this.diagnostic('FG4005', dir, { name: dir, detail: 'ENOTDIR' }));
      }
    } catch (err) {
      if (errnoCode(err) === 'ENOENT') {
        // A parent that takes no new folders (/proc/self): say so rather than "not found".
        return refuse(this.diagnostic('FG4111', dir, { name: dir, reason: errorDetail(err) }));
      }
      return refuse(ioDiagnostic(err, dir, dir, this.lang));
    }
    let lock;
    try {
      lock = await acquireLock(dir, this.options.lock, fs);
    } catch (err) {
      return refuse(ioDiagnostic(err, dir, dir, this.lang));
    }
    if (!('release' in lock)) {
      return refuse(this.diagnostic('FG4100', dir, { name: dir, pid: lock.heldBy ?? '?' }));
    }
    const release = lock.release;
    try {
      await removeStaleTemps(dir, fs);
      const read = await readStore(dir, fs);
      const problems = read.damaged
        ? [this.diagnostic('FG4007', join(dir, MANIFEST_NAME), {})]
        : [];
      return {
        manifest: read.store,
        problems,
        journal: new JournalWriter(dir, fs),
        replayed: read.journal,
        release,
        created,
      };
    } catch (err) {
      await release();
      return refuse(
        this.diagnostic('FG4202', join(dir, MANIFEST_NAME), {
          name: MANIFEST_NAME,
          detail: errorDetail(err),
        }),
      );
    }
  }

  private interrupted(name: string): Diagnostic {
    return this.diagnostic('FG4108', join(this.dir, name), { name });
  }

  private async writeNow(files: readonly BatchFile[]): Promise<WriteResult> {
    const { dir, options, fs } = this;
    this.opened ??= this.open();
    const { manifest, problems, journal } = await this.opened;
    // Folder problems come back from every call; a damaged-manifest warning from the first only.
    const diagnostics: Diagnostic[] = !manifest || !this.warned ? [...problems] : [];
    this.warned = true;
    if (!manifest || !journal) return { written: [], diagnostics };
    const aborted = (): boolean => options.signal?.aborted === true;
    if (aborted()) return { written: [], diagnostics: files.map((f) => this.interrupted(f.name)) };

    // Check everything before writing anything.
    let refused = false;
    const existed: boolean[] = [];
    for (const f of files) {
      const path = join(dir, f.name);
      try {
        const kind = await kindOf(fs, path);
        existed.push(kind === 'file');
        if (kind === 'missing') continue;
        if (kind !== 'file') {
          const code = kind === 'symlink' ? 'FG4003' : 'FG4004';
          diagnostics.push(this.diagnostic(code, path, { name: f.name }));
          refused = true;
          continue;
        }
        if (options.force) continue;
        const recorded = manifest.sha256Of(f.name);
        if (isPieces(f.data)) {
          // A big file is compared by hashes, each side read a piece at a time.
          const actual = await hashFile(path, fs);
          if (recorded === actual || actual === (await hashPieces(f.data))) continue;
        } else {
          const existing = await fs.readFile(path);
          if (recorded === sha256(existing) || sameBytes(existing, f.data)) continue;
        }
        const code = recorded === undefined ? 'FG4002' : 'FG4001';
        diagnostics.push(this.diagnostic(code, path, { name: f.name }, 'FG4090'));
        refused = true;
      } catch (err) {
        diagnostics.push(ioDiagnostic(err, path, f.name, this.lang));
        refused = true;
      }
    }
    if (refused) return { written: [], diagnostics };

    // Stage every file; a failure (disk full) removes what was staged and writes nothing.
    const staged: string[] = [];
    /** sha256 of each file; for data in pieces, of what `stage` wrote. */
    const hashes: string[] = [];
    const dropStaged = async (): Promise<void> => {
      await Promise.all(staged.map((t) => fs.unlink(t).catch(() => undefined)));
    };
    for (const f of files) {
      try {
        const { temp, sha256: digest } = await stage(dir, f.name, f.data, fs);
        staged.push(temp);
        hashes.push(digest ?? sha256(f.data as Uint8Array | string));
      } catch (err) {
        await dropStaged();
        diagnostics.push(ioDiagnostic(err, join(dir, f.name), f.name, this.lang));
        return { written: [], diagnostics };
      }
    }
    if (aborted()) {
      await dropStaged();
      return { written: [], diagnostics: files.map((f) => this.interrupted(f.name)) };
    }

    // Write-ahead: the hashes are on disk before any file is renamed into place.
    const entries: ManifestEntry[] = files.map((f, i) => {
      const entry: ManifestEntry = { sha256: hashes[i] as string };
      const inputs = options.inputs?.[f.name];
      if (inputs) entry.inputs = inputs;
      return entry;
    });
    try {
      await journal.append(
        files.map((f, i): JournalLine => ({ name: f.name, ...(entries[i] as ManifestEntry) })),
      );
    } catch (err) {
      await dropStaged();
      const path = join(dir, JOURNAL_NAME);
      diagnostics.push(ioDiagnostic(err, path, JOURNAL_NAME, this.lang));
      return { written: [], diagnostics };
    }

    // Keep the old files (hard links) until every rename went through, to put them back.
    const backups: (string | undefined)[] = [];
    for (const [i, f] of files.entries()) {
      let backup: string | undefined;
      if (existed[i]) {
        backup = join(dir, tempNameFor(f.name));
        await fs.link(join(dir, f.name), backup).catch(() => (backup = undefined));
      }
      backups.push(backup);
    }
    let renamed = 0;
    try {
      for (const [i, f] of files.entries()) {
        await fs.rename(staged[i] as string, join(dir, f.name));
        renamed++;
      }
    } catch (err) {
      for (let i = 0; i < renamed; i++) {
        const target = join(dir, (files[i] as BatchFile).name);
        const backup = backups[i];
        if (backup) await fs.rename(backup, target).catch(() => undefined);
        else if (!existed[i]) await fs.unlink(target).catch(() => undefined);
      }
      await Promise.all(staged.slice(renamed).map((t) => fs.unlink(t).catch(() => undefined)));
      await Promise.all(backups.map((b) => (b ? fs.unlink(b).catch(() => undefined) : undefined)));
      const name = (files[renamed] as BatchFile).name;
      diagnostics.push(ioDiagnostic(err, join(dir, name), name, this.lang));
      return { written: [], diagnostics };
    }
    await Promise.all(backups.map((b) => (b ? fs.unlink(b).catch(() => undefined) : undefined)));
    files.forEach((f, i) => manifest.set(f.name, entries[i] as ManifestEntry));
    this.changed += files.length;
    return { written: files.map((f) => join(dir, f.name)), diagnostics };
  }
}
