/**
 * `.fangan-manifest.json` in an output folder records the sha256 of every file fangan wrote
 * there. A file whose bytes no longer match was edited by hand and must not be overwritten
 * silently. The batch exporter also keeps the hashes of the inputs of each output (`inputs`), so
 * it can skip outputs whose inputs did not change.
 */
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { atomicWriteFile } from './atomic.js';
import { isSafeFileName } from './file-name.js';
import { errnoCode, nodeFs, type WriteFs } from './fs.js';
import { JournalWriter, readJournal, type JournalLine } from './journal.js';
import { ManifestStore, readManifestStore } from './manifest-store.js';

export const MANIFEST_NAME = '.fangan-manifest.json';

export interface ManifestEntry {
  /** sha256 (hex) of the bytes fangan wrote. */
  sha256: string;
  /** Optional: hashes of the inputs the file was made from, keyed by input path. */
  inputs?: Record<string, string>;
}

export interface Manifest {
  version: 1;
  files: Record<string, ManifestEntry>;
}

export const sha256 = (data: Uint8Array | string): string =>
  createHash('sha256').update(data).digest('hex');

/**
 * Reads the manifest of `dir`, with the lines of its journal (see journal.ts) merged in. A
 * missing manifest is an empty one; a damaged one (bad JSON, wrong shape, a symbolic link) is
 * reported as `damaged` and treated as empty, so every existing file counts as hand-made and is
 * protected. `journal` says whether a journal was found (then the manifest is due a rewrite).
 */
export async function readManifest(
  dir: string,
  fs: WriteFs = nodeFs,
): Promise<{ manifest: Manifest; damaged: boolean; journal: boolean }> {
  const { store, ...read } = await readStore(dir, fs);
  return { manifest: { version: 1, files: store.toFiles() }, ...read };
}

/** `readManifest` into a compact store, as `OutputWriter` keeps it (see manifest-store.ts). */
export async function readStore(
  dir: string,
  fs: WriteFs = nodeFs,
): Promise<{ store: ManifestStore; damaged: boolean; journal: boolean }> {
  const read = await readManifestFile(dir, fs);
  const lines = await readJournal(dir, fs);
  if (lines.length > 0) await resolveEntries(dir, read.store, lines, fs);
  return { ...read, journal: lines.length > 0 };
}

/**
 * Merges journal lines into `store`. A file can have several recorded hashes (the manifest's
 * and journal lines of later writes, some of which may never have reached their rename): the
 * last one matching the bytes on disk wins; if none matches, the file was edited by hand and the
 * newest record stays (FG4001). A file that is not there keeps only its manifest entry.
 */
async function resolveEntries(
  dir: string,
  store: ManifestStore,
  lines: readonly JournalLine[],
  fs: WriteFs,
): Promise<void> {
  const byName = new Map<string, JournalLine[]>();
  for (const line of lines) {
    // Only names a writer could have used: a doctored line never makes us read `../x`.
    if (!isSafeFileName(line.name) || line.name === MANIFEST_NAME) continue;
    const list = byName.get(line.name);
    if (list) list.push(line);
    else byName.set(line.name, [line]);
  }
  for (const [name, list] of byName) {
    const before = store.get(name);
    const candidates: ManifestEntry[] = [
      ...(before ? [before] : []),
      ...list.map(({ sha256, inputs }) => (inputs ? { sha256, inputs } : { sha256 })),
    ];
    let bytes: Buffer | undefined;
    try {
      const st = await fs.lstat(join(dir, name));
      if (st.isFile()) bytes = await fs.readFile(join(dir, name));
    } catch (err) {
      if (errnoCode(err) !== 'ENOENT') throw err;
    }
    if (bytes === undefined) continue;
    const actual = sha256(bytes);
    const match = candidates.filter((c) => c.sha256 === actual).pop();
    const chosen = match ?? candidates[candidates.length - 1];
    if (chosen) store.set(name, chosen);
  }
}

async function readManifestFile(
  dir: string,
  fs: WriteFs,
): Promise<{ store: ManifestStore; damaged: boolean }> {
  try {
    const store = await readManifestStore(join(dir, MANIFEST_NAME), fs);
    return store ? { store, damaged: false } : { store: new ManifestStore(), damaged: true };
  } catch (err) {
    if (errnoCode(err) === 'ENOENT') return { store: new ManifestStore(), damaged: false };
    throw err;
  }
}

/** Serialises with sorted keys, so the manifest itself is deterministic. */
export function serializeManifest(manifest: Manifest): string {
  return [...manifestPieces(manifest)].join('');
}

/**
 * The manifest's text a few thousand entries at a time: the bytes of
 * `JSON.stringify({ version: 1, files }, null, 2)` with the names sorted, and a final newline.
 */
export function manifestPieces(manifest: Manifest): Generator<string> {
  return ManifestStore.fromFiles(manifest.files).pieces();
}

/**
 * Merges `entries` into the manifest of `dir` (journal included) and writes it atomically, then
 * drops the journal. An entry given as `null` is removed. Callers should hold the folder's lock
 * (lock.ts) or otherwise make sure nobody else writes there meanwhile.
 */
export async function updateManifest(
  dir: string,
  entries: Record<string, ManifestEntry | null>,
  fs: WriteFs = nodeFs,
): Promise<Manifest> {
  const { store } = await readStore(dir, fs);
  for (const [name, entry] of Object.entries(entries)) {
    if (entry === null) store.delete(name);
    else store.set(name, entry);
  }
  await atomicWriteFile(dir, MANIFEST_NAME, { pieces: () => store.pieces() }, { fs });
  await new JournalWriter(dir, fs).remove();
  return { version: 1, files: store.toFiles() };
}
