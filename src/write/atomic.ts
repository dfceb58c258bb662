/**
 * Atomic replacement of one file: write a temporary file in the same folder, fsync it, rename it
 * over the target, fsync the folder. A crash at any point leaves either the old file or the new
 * one, never a mix; at worst a stray `.*.fangan-*.tmp` file stays behind.
 */
import { randomBytes } from 'node:crypto';
import { open, rename, unlink } from 'node:fs/promises';
import { join } from 'node:path';

const CHUNK = 1 << 20;

/** The temporary name used while writing `name`; it starts with a dot so it stays out of sight. */
export const tempNameFor = (name: string): string =>
  `.${name}.fangan-${randomBytes(6).toString('hex')}.tmp`;

/** fsync a folder so a rename inside it survives a power cut; not every platform allows it. */
export async function syncDir(dir: string): Promise<void> {
  let handle;
  try {
    handle = await open(dir, 'r');
    await handle.sync();
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code !== 'EISDIR' && code !== 'EINVAL' && code !== 'EPERM' && code !== 'EBADF') throw err;
  } finally {
    await handle?.close();
  }
}

/** Writes `data` to `dir/name` atomically (see the module comment). Throws on I/O errors. */
export async function atomicWriteFile(
  dir: string,
  name: string,
  data: Uint8Array | string,
  options: { syncFolder?: boolean } = {},
): Promise<void> {
  const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  const temp = join(dir, tempNameFor(name));
  // 'wx': never follow or reuse an existing path, even a symbolic link planted under the temp name.
  const handle = await open(temp, 'wx', 0o644);
  try {
    for (let offset = 0; offset < bytes.length; offset += CHUNK) {
      const chunk = bytes.subarray(offset, Math.min(offset + CHUNK, bytes.length));
      let done = 0;
      while (done < chunk.length) {
        const { bytesWritten } = await handle.write(chunk, done, chunk.length - done);
        done += bytesWritten;
      }
    }
    await handle.sync();
    await handle.close();
    // rename() replaces the directory entry itself; a symbolic link at the target is replaced,
    // never followed (writeOutputs refuses those earlier anyway).
    await rename(temp, join(dir, name));
  } catch (err) {
    await handle.close().catch(() => undefined);
    await unlink(temp).catch(() => undefined);
    throw err;
  }
  if (options.syncFolder !== false) await syncDir(dir);
}
