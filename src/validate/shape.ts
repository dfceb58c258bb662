/**
 * Defensive readers for data that may not have passed the schema: the semantic rules run even
 * when the schema found problems, so every rule reports what it can and skips what is malformed.
 */
export type Obj = Record<string, unknown>;

export const isObj = (v: unknown): v is Obj =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
export const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
export const text = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
export const num = (v: unknown): number | undefined =>
  typeof v === 'number' && Number.isFinite(v) ? v : undefined;

/** `[item, index]` pairs of the objects in a list. */
export function objects(v: unknown): [Obj, number][] {
  const out: [Obj, number][] = [];
  if (!Array.isArray(v)) return out;
  for (let i = 0; i < v.length; i++) {
    const item: unknown = v[i];
    if (isObj(item)) out.push([item, i]);
  }
  return out;
}
