/**
 * The manifest of an output folder as an `OutputWriter` keeps it: an export writes 40,000 files,
 * and 40,000 entry objects with a 64-character hex string each cost some 150 bytes a file of live
 * heap. Here a plain entry (only a sha256) is 32 raw bytes in one growable buffer, found through a
 * `StringTable` from the file name to its slot (a small integer, so no object per entry). The rare entries
 * with more in them (`inputs`) stay objects.
 *
 * `readManifestStore` reads `.fangan-manifest.json` a chunk at a time, entry by entry, when the
 * file has exactly the layout `pieces` writes; anything else (a hand-edited or damaged file) goes
 * through `JSON.parse` as a whole, which gives the final word.
 */
import { constants } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import type { ManifestEntry } from './manifest.js';
import type { WriteFs } from './fs.js';
import { StringTable } from './string-table.js';

const HASH_BYTES = 32;
/** Slots per page of hashes: 64 KB pages, so a big manifest never copies or over-allocates much. */
const PAGE_SLOTS = 2048;
const HEX64 = /^[0-9a-f]{64}$/;

/** Entries per piece of `pieces`. */
const ENTRIES_PER_PIECE = 2000;

/** An entry that is nothing but a sha256 in the lowercase hex we write: kept as raw bytes. */
const isPlain = (entry: ManifestEntry): boolean =>
  HEX64.test(entry.sha256) && Object.keys(entry).length === 1;

export class ManifestStore {
  /** File name -> slot in `pages` (plain entries) or the entry itself (the others). */
  private readonly entries = new StringTable<number | ManifestEntry>();
  private readonly pages: Buffer[] = [];
  private slots = 0;

  get size(): number {
    return this.entries.size;
  }

  has(name: string): boolean {
    return this.entries.has(name);
  }

  /** The recorded sha256 (hex) of `name`. */
  sha256Of(name: string): string | undefined {
    const at = this.entries.get(name);
    if (typeof at !== 'number') return at?.sha256;
    return this.hex(at);
  }

  /** The entry of `name`, as an object (made afresh for a plain entry). */
  get(name: string): ManifestEntry | undefined {
    const at = this.entries.get(name);
    if (typeof at !== 'number') return at;
    return { sha256: this.hex(at) };
  }

  /**
   * Records `entry` for `name`. The map keeps the string it is given (not a copy): the writer's
   * names are the caller's strings, so a file written again drops the name read from disk.
   */
  set(name: string, entry: ManifestEntry): void {
    const before = this.entries.get(name);
    // The table keeps `name` itself from now on, not an equal string read from disk.
    if (!isPlain(entry)) {
      this.entries.set(name, entry);
      return;
    }
    const at = typeof before === 'number' ? before : this.newSlot();
    this.slotBytes(at).write(entry.sha256, 'hex');
    this.entries.set(name, at);
  }

  delete(name: string): void {
    // The slot of a deleted plain entry is not reused: deletions are rare (updateManifest only).
    this.entries.delete(name);
  }

  /** A new slot, its 32 bytes for the caller to fill. */
  newSlot(): number {
    if (this.slots === this.pages.length * PAGE_SLOTS) {
      this.pages.push(Buffer.alloc(PAGE_SLOTS * HASH_BYTES));
    }
    return this.slots++;
  }

  /** The 32 bytes of `slot`, for the streamed reader to decode a hash straight into. */
  slotBytes(slot: number): Buffer {
    const start = (slot % PAGE_SLOTS) * HASH_BYTES;
    return (this.pages[Math.floor(slot / PAGE_SLOTS)] as Buffer).subarray(
      start,
      start + HASH_BYTES,
    );
  }

  private hex(slot: number): string {
    const start = (slot % PAGE_SLOTS) * HASH_BYTES;
    const page = this.pages[Math.floor(slot / PAGE_SLOTS)] as Buffer;
    return page.toString('hex', start, start + HASH_BYTES);
  }

  /** Files `name` under a slot `newSlot` gave and the reader filled. */
  setSlot(name: string, slot: number): void {
    this.entries.set(name, slot);
  }

  /** File names in sorted order (UTF-16 code units, as `Array.prototype.sort`). */
  names(): string[] {
    return [...this.entries.entries()].map(([name]) => name).sort();
  }

  static fromFiles(files: Record<string, ManifestEntry | undefined>): ManifestStore {
    const store = new ManifestStore();
    for (const name of Object.keys(files)) {
      const entry = files[name];
      if (entry) store.set(name, entry);
    }
    return store;
  }

  /** The entries as a null-prototype record (a file called `__proto__` is just a key). */
  toFiles(): Record<string, ManifestEntry> {
    const files = Object.create(null) as Record<string, ManifestEntry>;
    for (const [name] of this.entries.entries()) files[name] = this.get(name) as ManifestEntry;
    return files;
  }

  /**
   * The manifest's text a few thousand entries at a time: the bytes of
   * `JSON.stringify({ version: 1, files }, null, 2)` with the names sorted, and a final newline.
   */
  *pieces(): Generator<string> {
    const names = this.names();
    if (names.length === 0) {
      yield '{\n  "version": 1,\n  "files": {}\n}\n';
      return;
    }
    yield '{\n  "version": 1,\n  "files": {\n';
    for (let from = 0; from < names.length; from += ENTRIES_PER_PIECE) {
      let piece = '';
      const to = Math.min(from + ENTRIES_PER_PIECE, names.length);
      for (let i = from; i < to; i++) {
        const name = names[i] as string;
        const at = this.entries.get(name) as number | ManifestEntry;
        // At depth 2, as JSON.stringify(…, null, 2) indents it.
        const entry =
          typeof at === 'number'
            ? `{\n      "sha256": "${this.hex(at)}"\n    }`
            : JSON.stringify(at, null, 2).replace(/\n/g, '\n    ');
        piece += `    ${JSON.stringify(name)}: ${entry}${i < names.length - 1 ? ',' : ''}\n`;
      }
      yield piece;
    }
    yield '  }\n}\n';
  }
}

const isEntry = (v: unknown): v is ManifestEntry =>
  typeof v === 'object' &&
  v !== null &&
  typeof (v as ManifestEntry).sha256 === 'string' &&
  ((v as ManifestEntry).inputs === undefined ||
    (typeof (v as ManifestEntry).inputs === 'object' && (v as ManifestEntry).inputs !== null));

/** The store of a manifest's JSON text; `undefined` when it is not a manifest (damaged). */
export function storeFromJson(text: string): ManifestStore | undefined {
  try {
    const data = JSON.parse(text) as { version?: unknown; files?: unknown };
    if (data.version !== 1 || typeof data.files !== 'object' || data.files === null) {
      return undefined;
    }
    const store = new ManifestStore();
    for (const [name, entry] of Object.entries(data.files)) {
      if (!isEntry(entry)) return undefined;
      store.set(name, entry);
    }
    return store;
  } catch {
    return undefined;
  }
}

const line = (text: string): Buffer => Buffer.from(text, 'latin1');
const OPEN = line('{');
const VERSION = line('  "version": 1,');
const FILES = line('  "files": {');
const NO_FILES = line('  "files": {}');
const FILES_END = line('  }');
const CLOSE = line('}');
const ENTRY_END = line('    }');
const ENTRY_END_COMMA = line('    },');
const ENTRY_START_TAIL = line('": {');
const SHA_HEAD = line('      "sha256": "');
const SHA_LINE_LENGTH = SHA_HEAD.length + 64 + 1;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/** Value of one lowercase hex digit, or -1. */
const nibble = (c: number): number => {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  if (c >= 0x61 && c <= 0x66) return c - 0x61 + 10;
  return -1;
};

const same = (bytes: Buffer, expected: Buffer): boolean =>
  bytes.length === expected.length && bytes.equals(expected);

type State =
  | 'open'
  | 'version'
  | 'files'
  | 'entry'
  | 'first-field'
  | 'after-hash'
  | 'object'
  | 'files-end'
  | 'close'
  | 'done';

/**
 * Reads the lines of a manifest in our own layout, one at a time, into a store. `line` returns
 * false as soon as a line is not what `ManifestStore.pieces` would have written there; the caller
 * then falls back to `JSON.parse`. Every accepted file is valid JSON whose parse gives the same
 * entries (names and hashes decoded straight from the bytes, without an object per entry).
 */
class LayoutReader {
  readonly store = new ManifestStore();
  private state: State = 'open';
  private name = '';
  private slot = -1;
  /** The lines of an entry with more than a hash (`inputs`), parsed whole at its end. */
  private body: string[] = [];

  get complete(): boolean {
    return this.state === 'done';
  }

  line(bytes: Buffer): boolean {
    switch (this.state) {
      case 'open':
        return this.expect(bytes, OPEN, 'version');
      case 'version':
        return this.expect(bytes, VERSION, 'files');
      case 'files':
        if (same(bytes, NO_FILES)) {
          this.state = 'close';
          return true;
        }
        return this.expect(bytes, FILES, 'entry');
      case 'entry':
        return this.entryStart(bytes);
      case 'first-field':
        if (this.plainHash(bytes)) {
          this.state = 'after-hash';
          return true;
        }
        this.body = ['{', bytes.toString('utf8')];
        this.state = 'object';
        return true;
      case 'after-hash':
        return this.entryEnd(bytes, () => this.store.setSlot(this.name, this.slot));
      case 'object':
        if (same(bytes, ENTRY_END) || same(bytes, ENTRY_END_COMMA)) {
          return this.entryEnd(bytes, () => {
            this.body.push('}');
            const entry: unknown = JSON.parse(this.body.join('\n'));
            this.body = [];
            if (!isEntry(entry)) return false;
            this.store.set(this.name, entry);
            return true;
          });
        }
        this.body.push(bytes.toString('utf8'));
        return true;
      case 'files-end':
        return this.expect(bytes, FILES_END, 'close');
      case 'close':
        return this.expect(bytes, CLOSE, 'done');
      case 'done':
        return false;
    }
  }

  private expect(bytes: Buffer, expected: Buffer, next: State): boolean {
    if (!same(bytes, expected)) return false;
    this.state = next;
    return true;
  }

  /** `    "<name>": {`: the name is a JSON string, decoded from the bytes when it has no escapes. */
  private entryStart(bytes: Buffer): boolean {
    const end = bytes.length - ENTRY_START_TAIL.length;
    if (end < 5 || bytes[0] !== 0x20 || bytes[1] !== 0x20 || bytes[2] !== 0x20) return false;
    if (bytes[3] !== 0x20 || bytes[4] !== QUOTE) return false;
    if (!bytes.subarray(end).equals(ENTRY_START_TAIL)) return false;
    // The literal is bytes[4 .. end]: its closing quote is the first byte of the tail.
    let plain = true;
    for (let i = 5; i < end; i++) {
      const c = bytes[i] as number;
      if (c < 0x20) return false;
      if (c === QUOTE || c === BACKSLASH) plain = false;
    }
    if (plain) {
      this.name = bytes.toString('utf8', 5, end);
    } else {
      try {
        const name: unknown = JSON.parse(bytes.toString('utf8', 4, end + 1));
        if (typeof name !== 'string') return false;
        this.name = name;
      } catch {
        return false;
      }
    }
    this.state = 'first-field';
    return true;
  }

  /** `      "sha256": "<64 lowercase hex>"`, decoded into a new slot of the store. */
  private plainHash(bytes: Buffer): boolean {
    if (bytes.length !== SHA_LINE_LENGTH || bytes[SHA_LINE_LENGTH - 1] !== QUOTE) return false;
    if (!bytes.subarray(0, SHA_HEAD.length).equals(SHA_HEAD)) return false;
    for (let i = SHA_HEAD.length; i < SHA_LINE_LENGTH - 1; i++) {
      if (nibble(bytes[i] as number) < 0) return false;
    }
    const slot = this.store.newSlot();
    const out = this.store.slotBytes(slot);
    for (let i = 0; i < HASH_BYTES; i++) {
      const at = SHA_HEAD.length + 2 * i;
      out[i] = (nibble(bytes[at] as number) << 4) | nibble(bytes[at + 1] as number);
    }
    this.slot = slot;
    return true;
  }

  /** `    }` (last entry) or `    },` (more follow). */
  private entryEnd(bytes: Buffer, commit: () => boolean | void): boolean {
    const more = same(bytes, ENTRY_END_COMMA);
    if (!more && !same(bytes, ENTRY_END)) return false;
    try {
      if (commit() === false) return false;
    } catch {
      return false;
    }
    this.state = more ? 'entry' : 'files-end';
    return true;
  }
}

const CHUNK = 64 * 1024;

/**
 * Reads the manifest open as `handle` a chunk at a time. Returns the store, or `undefined` when
 * the file is not exactly in our layout (the caller then reads it whole).
 */
export async function readLayout(handle: FileHandle): Promise<ManifestStore | undefined> {
  const reader = new LayoutReader();
  /** The start of a line cut by the end of the previous chunk. */
  let carry = Buffer.alloc(0);
  for (;;) {
    const chunk = Buffer.allocUnsafe(CHUNK);
    const { bytesRead } = await handle.read(chunk, 0, CHUNK, null);
    if (bytesRead === 0) break;
    const bytes = carry.length > 0 ? Buffer.concat([carry, chunk.subarray(0, bytesRead)]) : chunk;
    const length = carry.length + bytesRead;
    let start = 0;
    for (;;) {
      const nl = bytes.indexOf(0x0a, start);
      if (nl < 0 || nl >= length) break;
      if (!reader.line(bytes.subarray(start, nl))) return undefined;
      start = nl + 1;
    }
    // Our lines are short (a name is at most 255 bytes): a longer one is some other layout, such
    // as minified JSON, which JSON.parse reads better than a carry grown chunk by chunk.
    if (length - start > CHUNK) return undefined;
    // Copied, so the chunk it came from can go.
    carry = Buffer.from(bytes.subarray(start, length));
  }
  return reader.complete && carry.length === 0 ? reader.store : undefined;
}

/** The whole file from its first byte (`FileHandle.readFile` would go on from where reading stopped). */
async function readWhole(handle: FileHandle): Promise<string> {
  const chunks: Buffer[] = [];
  for (let position = 0; ;) {
    const chunk = Buffer.allocUnsafe(CHUNK);
    const { bytesRead } = await handle.read(chunk, 0, CHUNK, position);
    if (bytesRead === 0) break;
    chunks.push(chunk.subarray(0, bytesRead));
    position += bytesRead;
  }
  return Buffer.concat(chunks).toString('utf8');
}

// O_NOFOLLOW: a symbolic link planted under the manifest's name is never read through.
const READ_FLAGS = constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0);

/**
 * Reads the manifest at `path` into a store: streamed when it is in our layout, else parsed whole.
 * `undefined` means damaged (not a manifest, a symbolic link, not a regular file). A missing file
 * (ENOENT) and other I/O errors are thrown, as is EISDIR for a folder under the manifest's name.
 */
export async function readManifestStore(
  path: string,
  fs: WriteFs,
): Promise<ManifestStore | undefined> {
  if ((await fs.lstat(path)).isSymbolicLink()) return undefined;
  let handle: FileHandle;
  try {
    handle = await fs.open(path, READ_FLAGS);
  } catch (err) {
    // ELOOP: it became a symbolic link since the lstat.
    if ((err as NodeJS.ErrnoException).code === 'ELOOP') return undefined;
    throw err;
  }
  try {
    const st = await handle.stat();
    // A folder fails the read below with EISDIR; a FIFO or a device is no manifest of ours.
    if (!st.isFile() && !st.isDirectory()) return undefined;
    const streamed = await readLayout(handle);
    if (streamed) return streamed;
    // Not our layout (edited by hand, or damaged): small or broken, so read and parse it whole.
    return storeFromJson(await readWhole(handle));
  } finally {
    await handle.close();
  }
}
