/**
 * A string-keyed table for the writer's batches of 40,000 names: the names and values sit in two
 * arrays, found through a hash table in a typed array (open addressing, at most half full). An
 * entry costs some 30 bytes where a Map entry cost 45, and the table never doubles inside the
 * JS heap. Names are kept as the caller gives them (no copies); `keyOf` says what a name is found
 * by: the name itself, or e.g. its collision key.
 */

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
  private values: (V | undefined)[] = [];
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
    return at < 0 ? undefined : this.values[at];
  }

  /** Stores `value` for `name`'s key; the entry keeps `name` (this string) from now on. */
  set(name: string, value: V): void {
    const slot = this.find(this.keyOf(name));
    const at = this.slots[slot] as number;
    if (at !== 0) {
      this.names[at - 1] = name;
      this.values[at - 1] = value;
      return;
    }
    this.names.push(name);
    this.values.push(value);
    this.slots[slot] = this.names.length;
    this.live++;
    if (this.names.length * 2 > this.slots.length) this.rehash();
  }

  delete(key: string): void {
    const at = this.indexOf(key);
    if (at < 0) return;
    this.names[at] = undefined;
    this.values[at] = undefined;
    this.live--;
  }

  /** The live entries, in the order they were first put. */
  *entries(): Generator<[string, V]> {
    for (let i = 0; i < this.names.length; i++) {
      const name = this.names[i];
      if (name !== undefined) yield [name, this.values[i] as V];
    }
  }

  /** A table with room to grow and only the live entries (deleted ones are dropped here). */
  private rehash(): void {
    const live = [...this.entries()];
    let size = this.slots.length;
    while (live.length * 4 > size) size *= 2;
    this.slots = new Uint32Array(size);
    this.names = [];
    this.values = [];
    this.live = 0;
    for (const [name, value] of live) this.set(name, value);
  }
}
