/**
 * Atomic replacement of files: write a temporary file in the same folder, fsync it, rename it
 * over the target, fsync the folder. A crash at any point leaves either the old file or the new
 * one, never a mix; at worst a stray `.<name>.fangan-<hex>.tmp` file stays behind, which the next
 * locked write into that folder removes (`removeStaleTemps`).
 */
import { createHash, randomBytes } from 'node:crypto';
import type { FileHandle } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { errnoCode, nodeFs, type WriteFs } from './fs.js';

const CHUNK = 1 << 20;

/** The temporary name used while writing `name`; it starts with a dot so it stays out of sight. */
export const tempNameFor = (name: string): string =>
  `.${name}.fangan-${randomBytes(6).toString('hex')}.tmp`;

/** True for a name `tempNameFor` makes. */
export const isTempName = (name: string): boolean => /^\..+\.fangan-[0-9a-f]{12}\.tmp$/s.test(name);

/** fsync a folder so a rename inside it survives a power cut; not every platform allows it. */
export async function syncDir(dir: string, fs: WriteFs = nodeFs): Promise<void> {
  let handle: FileHandle | undefined;
  try {
    handle = await fs.open(dir, 'r');
    await handle.sync();
  } catch (err) {
    const code = errnoCode(err);
    if (code !== 'EISDIR' && code !== 'EINVAL' && code !== 'EPERM' && code !== 'EBADF') throw err;
  } finally {
    await handle?.close();
  }
}

/** Writes all of `bytes` through `handle` (a write may be short). */
export async function writeAll(handle: FileHandle, bytes: Uint8Array): Promise<void> {
  for (let offset = 0; offset < bytes.length; offset += CHUNK) {
    const chunk = bytes.subarray(offset, Math.min(offset + CHUNK, bytes.length));
    let done = 0;
    while (done < chunk.length) {
      const { bytesWritten } = await handle.write(chunk, done, chunk.length - done);
      done += bytesWritten;
    }
  }
}

const toBytes = (data: Uint8Array | string): Uint8Array =>
  typeof data === 'string' ? Buffer.from(data, 'utf8') : data;

/**
 * A file's bytes made a piece at a time (an export's index of 20,000 reports, a big manifest), so
 * they are never held whole; `pieces` may be called more than once and gives the same bytes. A
 * piece is only valid until the next one is asked for (the maker may reuse its buffer).
 */
export interface Pieces {
  pieces: () => AsyncIterable<Uint8Array | string> | Iterable<Uint8Array | string>;
}

export type FileData = Uint8Array | string | Pieces;

export const isPieces = (data: FileData): data is Pieces =>
  typeof data === 'object' && !(data instanceof Uint8Array);

/** sha256 (hex) of data given in pieces, made one piece at a time. */
export async function hashPieces(data: Pieces): Promise<string> {
  const hash = createHash('sha256');
  for await (const piece of data.pieces()) hash.update(piece);
  return hash.digest('hex');
}

/** sha256 (hex) of a file, read a chunk at a time. */
export async function hashFile(path: string, fs: WriteFs = nodeFs): Promise<string> {
  const hash = createHash('sha256');
  const handle = await fs.open(path, 'r');
  try {
    const chunk = Buffer.allocUnsafe(CHUNK);
    for (;;) {
      const { bytesRead } = await handle.read(chunk, 0, CHUNK, null);
      if (bytesRead === 0) break;
      hash.update(chunk.subarray(0, bytesRead));
    }
  } finally {
    await handle.close();
  }
  return hash.digest('hex');
}

/**
 * Writes `data` into a new temporary file next to `dir/name` and fsyncs it; returns the temporary
 * path, and for data in pieces the sha256 of what was written. On any error the temporary file is
 * removed and the error thrown.
 */
export async function stage(
  dir: string,
  name: string,
  data: FileData,
  fs: WriteFs = nodeFs,
): Promise<{ temp: string; sha256?: string }> {
  const temp = join(dir, tempNameFor(name));
  // 'wx': never follow or reuse an existing path, even a symbolic link planted under the temp name.
  const handle = await fs.open(temp, 'wx', 0o644);
  let digest: string | undefined;
  try {
    if (isPieces(data)) {
      const hash = createHash('sha256');
      for await (const piece of data.pieces()) {
        const bytes = toBytes(piece);
        hash.update(bytes);
        await writeAll(handle, bytes);
      }
      digest = hash.digest('hex');
    } else await writeAll(handle, toBytes(data));
    await handle.sync();
    await handle.close();
  } catch (err) {
    await handle.close().catch(() => undefined);
    await fs.unlink(temp).catch(() => undefined);
    throw err;
  }
  return digest === undefined ? { temp } : { temp, sha256: digest };
}

/** `stage` for callers that only need the temporary path. */
export async function stageFile(
  dir: string,
  name: string,
  data: FileData,
  fs: WriteFs = nodeFs,
): Promise<string> {
  return (await stage(dir, name, data, fs)).temp;
}

/** Writes `data` to `dir/name` atomically (see the module comment). Throws on I/O errors. */
export async function atomicWriteFile(
  dir: string,
  name: string,
  data: FileData,
  options: { syncFolder?: boolean; fs?: WriteFs } = {},
): Promise<void> {
  const fs = options.fs ?? nodeFs;
  const temp = await stageFile(dir, name, data, fs);
  try {
    // rename() replaces the directory entry itself; a symbolic link at the target is replaced,
    // never followed (writeOutputs refuses those earlier anyway).
    await fs.rename(temp, join(dir, name));
  } catch (err) {
    await fs.unlink(temp).catch(() => undefined);
    throw err;
  }
  if (options.syncFolder !== false) await syncDir(dir, fs);
}

/** Removes leftover temporary files of interrupted writes from `dir`; returns how many. */
export async function removeStaleTemps(dir: string, fs: WriteFs = nodeFs): Promise<number> {
  let removed = 0;
  for (const name of await fs.readdir(dir)) {
    if (!isTempName(name)) continue;
    // Whatever cannot be removed (a folder under such a name) is left alone.
    if (
      await fs.unlink(join(dir, name)).then(
        () => true,
        () => false,
      )
    )
      removed++;
  }
  return removed;
}

/**
 * `mkdir -p` one level at a time. Node's own `{ recursive: true }` spins forever where a parent
 * exists but refuses children with ENOENT (`/proc/self/x`); here that is an error like any other.
 * Returns whether `dir` was created.
 */
export async function makeDirs(dir: string, fs: WriteFs = nodeFs): Promise<boolean> {
  const missing: string[] = [];
  for (let d = dir; ; d = dirname(d)) {
    try {
      // Parents may be symbolic links (/tmp on macOS); the folder itself was checked already.
      const st = await fs.stat(d);
      if (!st.isDirectory()) {
        throw Object.assign(new Error(`ENOTDIR: not a directory, mkdir '${dir}'`), {
          code: 'ENOTDIR',
          path: d,
        });
      }
      break;
    } catch (err) {
      if (errnoCode(err) !== 'ENOENT' || dirname(d) === d) throw err;
      missing.push(d);
    }
  }
  for (const d of missing.reverse()) {
    try {
      await fs.mkdir(d);
    } catch (err) {
      if (errnoCode(err) !== 'EEXIST') throw err;
    }
  }
  return missing.length > 0;
}
