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
const detailOf = (err: unknown): string =>
  `${errnoCode(err) ?? 'error'}: ${(err as Error)?.message ?? String(err)}`;

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
  const lang = options.lang ?? 'zh-CN';
  const diagnostics: Diagnostic[] = [];
  const at = (file: string) => ({ file, line: 1, column: 1 });
  const report = (code: string, file: string, params: Params, hint?: string): WriteResult => {
    diagnostics.push(
      makeDiagnostic(code, lang, at(file), params, hint ? { code: hint } : undefined),
    );
    return { written: [], diagnostics };
  };

  for (const f of files) {
    if (!isSafeFileName(f.name) || f.name === MANIFEST_NAME) {
      throw new Error(
        `writeOutputs: unsafe output name ${JSON.stringify(f.name)}; use safeFileName`,
      );
    }
  }

  // The folder itself: refuse a symbolic link, create it when missing.
  try {
    const kind = await kindOf(dir);
    if (kind === 'symlink') return report('FG4011', dir, { name: dir });
    if (kind === 'missing') await mkdir(dir, { recursive: true });
    else if (kind !== 'dir') return report('FG4005', dir, { name: dir, detail: 'ENOTDIR' });
  } catch (err) {
    return report('FG4005', dir, { name: dir, detail: detailOf(err) });
  }

  let manifest: Manifest;
  try {
    const read = await readManifest(dir);
    manifest = read.manifest;
    if (read.damaged) {
      diagnostics.push(makeDiagnostic('FG4007', lang, at(join(dir, MANIFEST_NAME))));
    }
  } catch (err) {
    return report('FG4006', join(dir, MANIFEST_NAME), {
      name: MANIFEST_NAME,
      detail: detailOf(err),
    });
  }

  // Check everything before writing anything.
  let refused = false;
  for (const f of files) {
    const path = join(dir, f.name);
    try {
      const kind = await kindOf(path);
      if (kind === 'missing') continue;
      if (kind === 'symlink') {
        report('FG4003', path, { name: f.name });
        refused = true;
        continue;
      }
      if (kind !== 'file') {
        report('FG4004', path, { name: f.name });
        refused = true;
        continue;
      }
      if (options.force) continue;
      const existing = await readFile(path);
      const recorded = manifest.files[f.name]?.sha256;
      if (recorded === sha256(existing) || sameBytes(existing, f.data)) continue;
      report(recorded === undefined ? 'FG4002' : 'FG4001', path, { name: f.name }, 'FG4090');
      refused = true;
    } catch (err) {
      report('FG4006', path, { name: f.name, detail: detailOf(err) });
      refused = true;
    }
  }
  if (refused) return { written: [], diagnostics };

  const written: string[] = [];
  try {
    for (const f of files) {
      await atomicWriteFile(dir, f.name, f.data, { syncFolder: false });
      written.push(join(dir, f.name));
      const entry: Manifest['files'][string] = { sha256: sha256(f.data) };
      const inputs = options.inputs?.[f.name];
      if (inputs) entry.inputs = inputs;
      manifest.files[f.name] = entry;
    }
  } catch (err) {
    const failed = files[written.length];
    report('FG4006', join(dir, failed?.name ?? ''), {
      name: failed?.name ?? dir,
      detail: detailOf(err),
    });
  }
  // Record what was written even after a failure, so those files stay ours.
  try {
    if (written.length) {
      await atomicWriteFile(dir, MANIFEST_NAME, serializeManifest(manifest), { syncFolder: false });
    }
    await syncDir(dir);
  } catch (err) {
    report('FG4006', join(dir, MANIFEST_NAME), { name: MANIFEST_NAME, detail: detailOf(err) });
  }
  return { written, diagnostics };
}
