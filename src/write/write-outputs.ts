/**
 * Writing one run's output files into a folder, safely:
 * - every file is replaced atomically (see atomic.ts);
 * - a symbolic link as the folder or as a target is refused, never followed;
 * - a file that was edited by hand (its bytes differ from what `.fangan-manifest.json` says we
 *   wrote) or that we never wrote is not overwritten without `force`;
 * - all checks run first: if any file is refused, nothing of the call is written.
 * Problems are diagnostics (FG4xxx); only bugs (an unsafe name from the caller) throw.
 */
import { lstat, mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Diagnostic, Lang } from '../diagnostics/types.js';
import { makeDiagnostic } from '../diagnostics/make.js';
import type { Params } from '../diagnostics/catalog.js';
import { atomicWriteFile, syncDir } from './atomic.js';
import { isSafeFileName } from './file-name.js';
import {
  readManifest,
  serializeManifest,
  sha256,
  MANIFEST_NAME,
  type Manifest,
} from './manifest.js';

export interface OutputFile {
  /** A file name (one segment) made with `safeFileName`. */
  name: string;
  data: Uint8Array | string;
}

export interface WriteOptions {
  /** Overwrite files that were edited by hand or not written by fangan (never symbolic links). */
  force?: boolean;
  lang?: Lang;
  /** Extra manifest data per file name, e.g. input hashes kept by the batch exporter. */
  inputs?: Record<string, Record<string, string>>;
}

export interface WriteResult {
  /** Paths of the files written, in the order given. */
  written: string[];
  diagnostics: Diagnostic[];
}

const errnoCode = (err: unknown): string | undefined => (err as NodeJS.ErrnoException)?.code;
const detailOf = (err: unknown): string => {
  const code = errnoCode(err) ?? 'error';
  const message = (err as Error)?.message ?? String(err);
  // Node's message already starts with the code ("ENOSPC: no space left on device, write").
  return message.startsWith(`${code}:`) ? message : `${code}: ${message}`;
};

/** Is `path` there, and what is it? Never follows a symbolic link. */
async function kindOf(path: string): Promise<'missing' | 'file' | 'symlink' | 'dir' | 'other'> {
  try {
    const st = await lstat(path);
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

/**
 * Manifest saves while a long batch runs: files written since the last save count as ours on the
 * next run only once they are recorded (or if their bytes come out the same again).
 */
const SAVE_EVERY = 1000;

export interface OutputWriterOptions extends WriteOptions {
  /**
   * Calls written at the same time (default 1). Each file is fsynced before it replaces the old
   * one, which takes milliseconds; overlapping calls keeps the disk busy instead of waiting.
   * Calls must then not share file names.
   */
  concurrency?: number;
}

/**
 * Many `writeOutputs` calls into one folder, for batches: the folder is checked and the manifest
 * read once, each `write` checks and writes its files all-or-nothing exactly like
 * `writeOutputs`, and the manifest is saved (atomically) every thousand files and on `close`,
 * instead of being re-read and rewritten per call.
 */
export class OutputWriter {
  private readonly lang: Lang;
  private readonly concurrency: number;
  private opened: Promise<{ manifest?: Manifest; problems: Diagnostic[] }> | undefined;
  private warned = false;
  private active = 0;
  private readonly waiting: (() => void)[] = [];
  private readonly inFlight = new Set<Promise<unknown>>();
  private saving: Promise<Diagnostic[]> | undefined;
  private unsaved = 0;

  constructor(
    private readonly dir: string,
    private readonly options: OutputWriterOptions = {},
  ) {
    this.lang = options.lang ?? 'zh-CN';
    this.concurrency = Math.max(1, options.concurrency ?? 1);
  }

  /** Checks `files`, then writes all of them or none; see `writeOutputs`. */
  write(files: readonly OutputFile[]): Promise<WriteResult> {
    for (const f of files) {
      if (!isSafeFileName(f.name) || f.name === MANIFEST_NAME) {
        throw new Error(
          `writeOutputs: unsafe output name ${JSON.stringify(f.name)}; use safeFileName`,
        );
      }
    }
    const run = this.inSlot(() => this.writeNow(files));
    this.inFlight.add(run);
    void run.finally(() => this.inFlight.delete(run)).catch(() => undefined);
    return run;
  }

  /** Waits for the writes under way, saves the manifest if needed and syncs the folder. */
  async close(): Promise<Diagnostic[]> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
    const earlier = (await this.saving) ?? [];
    const opened = await this.opened;
    return opened?.manifest ? [...earlier, ...(await this.save(opened.manifest))] : earlier;
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

  /** The folder itself (refuse a symbolic link, create it when missing) and its manifest. */
  private async open(): Promise<{ manifest?: Manifest; problems: Diagnostic[] }> {
    const { dir } = this;
    const refuse = (code: string, file: string, params: Params) => ({
      problems: [this.diagnostic(code, file, params)],
    });
    try {
      const kind = await kindOf(dir);
      if (kind === 'symlink') return refuse('FG4011', dir, { name: dir });
      if (kind === 'missing') await mkdir(dir, { recursive: true });
      else if (kind !== 'dir') return refuse('FG4005', dir, { name: dir, detail: 'ENOTDIR' });
    } catch (err) {
      return refuse('FG4005', dir, { name: dir, detail: detailOf(err) });
    }
    try {
      const read = await readManifest(dir);
      const problems = read.damaged
        ? [this.diagnostic('FG4007', join(dir, MANIFEST_NAME), {})]
        : [];
      return { manifest: read.manifest, problems };
    } catch (err) {
      return refuse('FG4202', join(dir, MANIFEST_NAME), {
        name: MANIFEST_NAME,
        detail: detailOf(err),
      });
    }
  }

  private async writeNow(files: readonly OutputFile[]): Promise<WriteResult> {
    const { dir, options } = this;
    this.opened ??= this.open();
    const { manifest, problems } = await this.opened;
    // Folder problems come back from every call; a damaged-manifest warning from the first only.
    const diagnostics: Diagnostic[] = !manifest || !this.warned ? [...problems] : [];
    this.warned = true;
    if (!manifest) return { written: [], diagnostics };

    // Check everything before writing anything.
    let refused = false;
    for (const f of files) {
      const path = join(dir, f.name);
      try {
        const kind = await kindOf(path);
        if (kind === 'missing') continue;
        if (kind !== 'file') {
          const code = kind === 'symlink' ? 'FG4003' : 'FG4004';
          diagnostics.push(this.diagnostic(code, path, { name: f.name }));
          refused = true;
          continue;
        }
        if (options.force) continue;
        const existing = await readFile(path);
        const recorded = manifest.files[f.name]?.sha256;
        if (recorded === sha256(existing) || sameBytes(existing, f.data)) continue;
        const code = recorded === undefined ? 'FG4002' : 'FG4001';
        diagnostics.push(this.diagnostic(code, path, { name: f.name }, 'FG4090'));
        refused = true;
      } catch (err) {
        diagnostics.push(this.diagnostic('FG4006', path, { name: f.name, detail: detailOf(err) }));
        refused = true;
      }
    }
    if (refused) return { written: [], diagnostics };

    const written: string[] = [];
    let failed = false;
    try {
      for (const f of files) {
        await atomicWriteFile(dir, f.name, f.data, { syncFolder: false });
        written.push(join(dir, f.name));
        const entry: Manifest['files'][string] = { sha256: sha256(f.data) };
        const inputs = options.inputs?.[f.name];
        if (inputs) entry.inputs = inputs;
        manifest.files[f.name] = entry;
        this.unsaved++;
      }
    } catch (err) {
      failed = true;
      const name = files[written.length]?.name;
      diagnostics.push(
        this.diagnostic('FG4006', join(dir, name ?? ''), {
          name: name ?? dir,
          detail: detailOf(err),
        }),
      );
    }
    // After a failure, record at once what was written, so those files stay ours.
    if ((failed || this.unsaved >= SAVE_EVERY) && !this.saving) {
      this.saving = this.save(manifest).finally(() => (this.saving = undefined));
      diagnostics.push(...(await this.saving));
    }
    return { written, diagnostics };
  }

  /** Writes the manifest (atomically) if it changed, then syncs the folder. */
  private async save(manifest: Manifest): Promise<Diagnostic[]> {
    const { dir } = this;
    const count = this.unsaved;
    this.unsaved = 0;
    try {
      if (count > 0) {
        await atomicWriteFile(dir, MANIFEST_NAME, serializeManifest(manifest), {
          syncFolder: false,
        });
      }
      await syncDir(dir);
      return [];
    } catch (err) {
      this.unsaved += count;
      return [
        this.diagnostic('FG4006', join(dir, MANIFEST_NAME), {
          name: MANIFEST_NAME,
          detail: detailOf(err),
        }),
      ];
    }
  }
}
