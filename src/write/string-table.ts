/**
 * A string-keyed table for the writer's batches of 40,000 names: the names and values sit in two
 * arrays, found through a hash table in a typed array (open addressing, at most half full). An
 * entry costs some 30 bytes where a Map entry cost 45, and the table never doubles inside the
 * JS heap. Names are kept as the caller gives them (no copies); `keyOf` says what a name is found
 * by: the name itself, or e.g. its collision key.
 */

/**
 * A copy of `text` as one flat string. Strings built by `+`, template literals and `path.join`
 * are chains of small string objects (one more per step); a batch keeps tens of thousands of
 * paths and names until it ends, each then costing one object instead of several.
 */
export const flatString = (text: string): string => {
  const copy = Buffer.from(text, 'utf8').toString('utf8');
  // A lone surrogate (possible in a Windows file name) does not survive UTF-8: keep the original.
  return copy === text ? copy : text;
};

/** A 30-bit FNV-1a hash of a key (where it goes in the table). */
const keyHash = (key: string): number => {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
  return h >>> 2;
};

export class StringTable<V> {
  /** Slot -> 1 + index in `names`; 0 is an empty slot. */
  private slots = new Uint32Array(1024);
  /** Every name put, `undefined` once deleted (its slot stays, so probing goes past it). */
  private names: (string | undefined)[] = [];
  /** Values by index in `names`; never made for a table of names only (`add`). */
  private values: (V | undefined)[] | undefined;
  private live = 0;

  constructor(private readonly keyOf: (name: string) => string = (name) => name) {}

  get size(): number {
    return this.live;
  }

  /** The slot of the entry whose key is `key`, or the empty slot where it would go. */
  private find(key: string): number {
    const mask = this.slots.length - 1;
    for (let i = keyHash(key) & mask; ; i = (i + 1) & mask) {
      const at = this.slots[i] as number;
      if (at === 0) return i;
      const name = this.names[at - 1];
      if (name !== undefined && this.keyOf(name) === key) return i;
    }
  }

  /** Index in `names` of the entry for `key`, or -1. */
  private indexOf(key: string): number {
    return (this.slots[this.find(key)] as number) - 1;
  }

  has(key: string): boolean {
    return this.indexOf(key) >= 0;
  }

  /** The name stored for `key`. */
  name(key: string): string | undefined {
    const at = this.indexOf(key);
    return at < 0 ? undefined : this.names[at];
  }

  get(key: string): V | undefined {
    const at = this.indexOf(key);
    return at < 0 ? undefined : this.values?.[at];
  }

  /** Stores `value` for `name`'s key; the entry keeps `name` (this string) from now on. */
  set(name: string, value: V): void {
    this.put(name, value);
  }

  /** Stores `name` without a value (a table used as a set of names holds no values at all). */
  add(name: string): void {
    this.put(name, undefined);
  }

  private put(name: string, value: V | undefined): void {
    const slot = this.find(this.keyOf(name));
    const found = this.slots[slot] as number;
    const at = found === 0 ? this.names.length : found - 1;
    this.names[at] = name;
    if (value !== undefined || this.values) (this.values ??= [])[at] = value;
    if (found !== 0) return;
    this.slots[slot] = at + 1;
    this.live++;
    if (this.names.length * 2 > this.slots.length) this.rehash();
  }

  delete(key: string): void {
    const at = this.indexOf(key);
    if (at < 0) return;
    this.names[at] = undefined;
    if (this.values) this.values[at] = undefined;
    this.live--;
  }

  /** The live entries, in the order they were first put (a name added without one: undefined). */
  *entries(): Generator<[string, V]> {
    for (let i = 0; i < this.names.length; i++) {
      const name = this.names[i];
      if (name !== undefined) yield [name, this.values?.[i] as V];
    }
  }

  /** A table with room to grow and only the live entries (deleted ones are dropped here). */
  private rehash(): void {
    const live = [...this.entries()];
    let size = this.slots.length;
    while (live.length * 4 > size) size *= 2;
    this.slots = new Uint32Array(size);
    this.names = [];
    this.values = undefined;
    this.live = 0;
    for (const [name, value] of live) this.put(name, value);
  }
}
