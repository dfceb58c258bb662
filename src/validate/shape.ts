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
export const objects = (v: unknown): [Obj, number][] =>
  list(v).flatMap((item, i): [Obj, number][] => (isObj(item) ? [[item, i]] : []));
