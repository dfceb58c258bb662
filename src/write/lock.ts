/**
 * `.fangan-lock`: one writer per output folder at a time, across processes. The lock file is
 * created exclusively and names its owner (`{"pid":…,"host":…}`); a second writer finds it and
 * fails with FG4100 instead of racing for the manifest. A lock whose owner is gone (same host,
 * the pid no longer runs: kill -9, a crash) is taken over. Whether a pid runs is asked through
 * `LockOwner.isAlive`, which the command line supplies (the library never touches `process`).
 */
import { hostname } from 'node:os';
import { join } from 'node:path';
import { errnoCode, nodeFs, type WriteFs } from './fs.js';

export const LOCK_NAME = '.fangan-lock';

export interface LockOwner {
  pid: number;
  /** Does a process with this pid run on this host? */
  isAlive(pid: number): boolean;
}

/** Without an owner (library use) a lock is still taken, but never judged stale. */
export const unknownOwner: LockOwner = { pid: 0, isAlive: () => true };

export type LockResult = { release(): Promise<void> } | { heldBy: number | undefined };

/** Folders locked by this process: a second writer in the same process is refused too. */
const heldHere = new Set<string>();

/** A lock file younger than this without readable content is being written, not abandoned. */
const FRESH_MS = 10_000;

async function readOwner(
  path: string,
  fs: WriteFs,
): Promise<{ pid?: number; host?: string; age: number } | undefined> {
  try {
    const st = await fs.lstat(path);
    const age = Date.now() - st.mtimeMs;
    if (!st.isFile()) return { age };
    const data = JSON.parse(await fs.readFile(path, 'utf8')) as { pid?: unknown; host?: unknown };
    return {
      age,
      ...(typeof data.pid === 'number' ? { pid: data.pid } : {}),
      ...(typeof data.host === 'string' ? { host: data.host } : {}),
    };
  } catch (err) {
    if (errnoCode(err) === 'ENOENT') return undefined;
    return { age: Infinity };
  }
}

/** Takes the lock of `dir`, or says who holds it. I/O errors other than "already there" throw. */
export async function acquireLock(
  dir: string,
  owner: LockOwner = unknownOwner,
  fs: WriteFs = nodeFs,
): Promise<LockResult> {
  const path = join(dir, LOCK_NAME);
  const key = path;
  if (heldHere.has(key)) return { heldBy: owner.pid || undefined };
  const host = hostname();
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const handle = await fs.open(path, 'wx', 0o644);
      try {
        await handle.writeFile(`${JSON.stringify({ pid: owner.pid, host })}\n`);
      } finally {
        await handle.close();
      }
      heldHere.add(key);
      let released = false;
      return {
        release: async () => {
          if (released) return;
          released = true;
          heldHere.delete(key);
          await fs.unlink(path).catch(() => undefined);
        },
      };
    } catch (err) {
      if (errnoCode(err) !== 'EEXIST') throw err;
    }
    const found = await readOwner(path, fs);
    if (!found) continue; // released meanwhile: try again
    const stale =
      found.pid === undefined
        ? found.age > FRESH_MS
        : found.host === host &&
          // Our own pid but not held here: left by an earlier process that had the same pid.
          (found.pid === owner.pid ? owner.pid !== 0 : !owner.isAlive(found.pid));
    if (!stale) return { heldBy: found.pid };
    await fs.unlink(path).catch(() => undefined);
  }
  const found = await readOwner(path, fs);
  return { heldBy: found?.pid };
}
