/**
 * `.fangan-manifest.json` in an output folder records the sha256 of every file fangan wrote
 * there. A file whose bytes no longer match was edited by hand and must not be overwritten
 * silently. The batch exporter also keeps the hashes of the inputs of each output (`inputs`), so
 * it can skip outputs whose inputs did not change.
 */
import { createHash } from 'node:crypto';
import { lstat, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { atomicWriteFile } from './atomic.js';

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

export const emptyManifest = (): Manifest => ({ version: 1, files: {} });

export const sha256 = (data: Uint8Array | string): string =>
  createHash('sha256').update(data).digest('hex');

const isEntry = (v: unknown): v is ManifestEntry =>
  typeof v === 'object' &&
  v !== null &&
  typeof (v as ManifestEntry).sha256 === 'string' &&
  ((v as ManifestEntry).inputs === undefined ||
    (typeof (v as ManifestEntry).inputs === 'object' && (v as ManifestEntry).inputs !== null));

/**
 * Reads the manifest of `dir`. A missing manifest is an empty one; a damaged one (bad JSON, wrong
 * shape, a symbolic link) is reported as `damaged` and treated as empty, so every existing file
 * counts as hand-made and is protected.
 */
export async function readManifest(dir: string): Promise<{ manifest: Manifest; damaged: boolean }> {
  const path = join(dir, MANIFEST_NAME);
  let text: string;
  try {
    if ((await lstat(path)).isSymbolicLink()) return { manifest: emptyManifest(), damaged: true };
    text = await readFile(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') {
      return { manifest: emptyManifest(), damaged: false };
    }
    throw err;
  }
  try {
    const data = JSON.parse(text) as { version?: unknown; files?: unknown };
    if (data.version !== 1 || typeof data.files !== 'object' || data.files === null) {
      return { manifest: emptyManifest(), damaged: true };
    }
    // A null-prototype record, so a file called `__proto__` is just a key.
    const files: Record<string, ManifestEntry> = Object.create(null) as Record<
      string,
      ManifestEntry
    >;
    for (const [name, entry] of Object.entries(data.files)) {
      if (!isEntry(entry)) return { manifest: emptyManifest(), damaged: true };
      files[name] = entry;
    }
    return { manifest: { version: 1, files }, damaged: false };
  } catch {
    return { manifest: emptyManifest(), damaged: true };
  }
}

/** Serialises with sorted keys, so the manifest itself is deterministic. */
export function serializeManifest(manifest: Manifest): string {
  const files = Object.create(null) as Record<string, ManifestEntry>;
  for (const name of Object.keys(manifest.files).sort()) {
    const entry = manifest.files[name];
    if (entry) files[name] = entry;
  }
  return `${JSON.stringify({ version: 1, files }, null, 2)}\n`;
}

/**
 * Merges `entries` into the manifest of `dir` and writes it atomically. An entry given as `null`
 * is removed. Callers in one process should not run two updates of one folder at the same time.
 */
export async function updateManifest(
  dir: string,
  entries: Record<string, ManifestEntry | null>,
): Promise<Manifest> {
  const { manifest } = await readManifest(dir);
  for (const [name, entry] of Object.entries(entries)) {
    if (entry === null) delete manifest.files[name];
    else manifest.files[name] = entry;
  }
  await atomicWriteFile(dir, MANIFEST_NAME, serializeManifest(manifest));
  return manifest;
}
