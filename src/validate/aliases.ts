/**
 * Chinese keys and values. `schemas/aliases.json` gives every key of the plan and progress schemas
 * a Chinese name (`title` -> `标题`) and every enum value one or more Chinese words (`in_progress`
 * -> `推进中`). After parsing and before schema validation, `normalise` rewrites a file's keys and
 * enum values to English, guided by the schema, so everything after it (schema, rules, templates)
 * sees one spelling; `toSource` maps a pointer of the normalised value back to the spelling the
 * file used, so line:column still point at the user's text.
 */
import { readFileSync } from 'node:fs';
import { pointerOf, pointerSegments, pointerStep } from '../parse/index.js';
import type { Issue } from './issue.js';
import { schemaUrl, type FileKind } from './schema-compile.js';
import { isObj, type Obj } from './shape.js';

export interface AliasTable {
  keys: { common: Record<string, string> } & Partial<Record<FileKind, Record<string, string>>>;
  values: Record<string, string[]>;
}

/** The alias table shipped in the package's `schemas/` folder (same path from src/ and dist/). */
export const aliasTableUrl = new URL('../../schemas/aliases.json', import.meta.url);

let table: AliasTable | undefined;
export function aliasTable(): AliasTable {
  table ??= JSON.parse(readFileSync(aliasTableUrl, 'utf8')) as AliasTable;
  return table;
}

/** The Chinese name of `key` in a file of `kind`, or undefined when the table has none. */
export function keyAlias(kind: FileKind, key: string): string | undefined {
  const keys = aliasTable().keys;
  const own = keys[kind];
  return (
    (own && Object.hasOwn(own, key) ? own[key] : undefined) ??
    (Object.hasOwn(keys.common, key) ? keys.common[key] : undefined)
  );
}

/** The Chinese words accepted for an English enum value (the first is the preferred one). */
export const valueAliases = (value: string): readonly string[] => {
  const values = aliasTable().values;
  return Object.hasOwn(values, value) ? (values[value] ?? []) : [];
};

/** What the alias step knows about one place in the schema. */
export interface Shape {
  /** English key -> shape of its value (object schemas). */
  props: Map<string, Shape>;
  /** English key -> Chinese key, and back. */
  keyZh: Map<string, string>;
  keyEn: Map<string, string>;
  /** Shape of the array items. */
  items?: Shape;
  /** Enum values: English -> preferred Chinese word; any Chinese word -> English. */
  valueZh: Map<string, string>;
  valueEn: Map<string, string>;
}

interface SchemaNode {
  $ref?: string;
  properties?: Record<string, SchemaNode>;
  items?: SchemaNode;
  enum?: unknown[];
  const?: unknown;
  oneOf?: SchemaNode[];
  anyOf?: SchemaNode[];
  allOf?: SchemaNode[];
}

const schemas: Partial<Record<FileKind, SchemaNode>> = {};
export function schemaOf(kind: FileKind): SchemaNode {
  return (schemas[kind] ??= JSON.parse(readFileSync(schemaUrl(kind), 'utf8')) as SchemaNode);
}

const shapes: Partial<Record<FileKind, Shape>> = {};

/** The alias shape of a file of `kind`, built once from its schema and the alias table. */
export function shapeOf(kind: FileKind): Shape {
  const cached = shapes[kind];
  if (cached) return cached;
  const root = schemaOf(kind);
  const memo = new Map<SchemaNode, Shape>();
  const resolve = (node: SchemaNode): SchemaNode => {
    let n = node;
    for (let guard = 0; n.$ref !== undefined && guard < 20; guard++) {
      let target: unknown = root;
      for (const segment of pointerSegments(n.$ref.replace(/^#/, ''))) {
        target = isObj(target) ? target[segment] : undefined;
      }
      if (!isObj(target)) break;
      n = target as SchemaNode;
    }
    return n;
  };
  const build = (node: SchemaNode): Shape => {
    const schema = resolve(node);
    const known = memo.get(schema);
    if (known) return known;
    const shape: Shape = {
      props: new Map(),
      keyZh: new Map(),
      keyEn: new Map(),
      valueZh: new Map(),
      valueEn: new Map(),
    };
    memo.set(schema, shape);
    const branches = [
      schema,
      ...(schema.oneOf ?? []),
      ...(schema.anyOf ?? []),
      ...(schema.allOf ?? []),
    ];
    for (const branch of branches) {
      const b = resolve(branch);
      for (const [key, child] of Object.entries(b.properties ?? {})) {
        if (shape.props.has(key)) continue;
        shape.props.set(key, build(child));
        const zh = keyAlias(kind, key);
        if (zh !== undefined) {
          shape.keyZh.set(key, zh);
          shape.keyEn.set(zh, key);
        }
      }
      if (b.items && !shape.items) shape.items = build(b.items);
      const values = [...(b.enum ?? []), ...(b.const === undefined ? [] : [b.const])];
      for (const value of values) {
        if (typeof value !== 'string') continue;
        const words = valueAliases(value);
        if (words[0] !== undefined) shape.valueZh.set(value, words[0]);
        for (const word of words) shape.valueEn.set(word, value);
      }
    }
    return shape;
  };
  const shape = build(root);
  shapes[kind] = shape;
  return shape;
}

/** Chinese words for the file kinds, as the `kind` value: `工作方案` -> `plan`. */
export function kindOf(value: Obj): { kind: unknown; key: string } {
  if (Object.hasOwn(value, 'kind')) return { kind: value.kind, key: 'kind' };
  const zh = aliasTable().keys.common.kind;
  if (zh !== undefined && Object.hasOwn(value, zh)) {
    const raw = value[zh];
    const english =
      typeof raw === 'string'
        ? (['plan', 'progress'] as const).find((k) => valueAliases(k).includes(raw))
        : undefined;
    return { kind: english ?? raw, key: zh };
  }
  return { kind: undefined, key: 'kind' };
}

export interface Normalised {
  /** The value with English keys and enum values; the input itself when nothing was renamed. */
  value: Obj;
  /** Whether any key was written in Chinese. */
  chineseKeys: boolean;
  /** Pointer into `value` -> pointer into the parsed file (its own spelling of each key). */
  toSource(pointer: string): string;
  /** A key given twice, once in each spelling. */
  issues: Issue[];
}

/** What one `normalise` call collects while it walks the value. */
interface NormaliseState {
  /** Normalised pointer of a mapping -> its English keys that the file spelled otherwise. */
  renames: Map<string, Map<string, string>>;
  issues: Issue[];
}

// Module level, not a closure per call: V8 drops a per-call closure's optimised code at every
// full GC and the render worker compiled it again all run long.
function normaliseNode(
  state: NormaliseState,
  node: unknown,
  shape: Shape | undefined,
  norm: string,
  src: string,
): unknown {
  if (shape === undefined) return node;
  if (typeof node === 'string') return shape.valueEn.get(node) ?? node;
  if (Array.isArray(node)) return normaliseList(state, node, shape, norm, src);
  if (!isObj(node)) return node;
  return normaliseMapping(state, node, shape, norm, src);
}

function normaliseList(
  state: NormaliseState,
  node: unknown[],
  shape: Shape,
  norm: string,
  src: string,
): unknown[] {
  const items = shape.items;
  if (!items) return node;
  let out: unknown[] | undefined;
  for (let i = 0; i < node.length; i++) {
    const item = node[i];
    const deeper = item !== null && typeof item === 'object';
    const next = normaliseNode(
      state,
      item,
      items,
      deeper ? `${norm}/${i}` : '',
      deeper ? `${src}/${i}` : '',
    );
    if (next !== item) (out ??= node.slice())[i] = next;
  }
  return out ?? node;
}

/** Whether a mapping spells a key in Chinese (a key that is an alias, not a property). */
function hasAliasedKey(entries: [string, unknown][], shape: Shape): boolean {
  for (const [key] of entries) {
    if (!shape.props.has(key) && shape.keyEn.has(key)) return true;
  }
  return false;
}

function normaliseMapping(
  state: NormaliseState,
  node: Obj,
  shape: Shape,
  norm: string,
  src: string,
): Obj {
  let out: Obj | undefined;
  let renamed: Map<string, string> | undefined;
  const entries = Object.entries(node);
  // Two spellings of one key need a Chinese one among them; most mappings have none.
  const firstSpelling = hasAliasedKey(entries, shape) ? new Map<string, string>() : undefined;
  for (let index = 0; index < entries.length; index++) {
    const [key, child] = entries[index] as [string, unknown];
    const english = shape.props.has(key) ? key : (shape.keyEn.get(key) ?? key);
    const seen = firstSpelling?.get(english);
    if (seen !== undefined) {
      // `title` and `标题` in one mapping: the second is a duplicate of the first.
      state.issues.push({
        code: 'FG2401',
        pointer: norm + pointerOf([english]),
        sourcePointer: src + pointerOf([key]),
        part: 'key',
        params: { key, first: seen },
        lineOf: { firstLine: norm + pointerOf([english]) },
      });
      out ??= Object.fromEntries(entries.slice(0, index));
      continue;
    }
    firstSpelling?.set(english, key);
    if (english !== key) (renamed ??= new Map()).set(english, key);
    // Pointers are needed below a mapping or list only; most values are scalars.
    let next: unknown;
    if (child !== null && typeof child === 'object') {
      const step = pointerStep(english);
      const srcStep = english === key ? step : pointerStep(key);
      next = normaliseNode(state, child, shape.props.get(english), norm + step, src + srcStep);
    } else next = normaliseNode(state, child, shape.props.get(english), '', '');
    if (out === undefined && (english !== key || next !== child)) {
      // Everything before this entry kept its key and value.
      out = Object.fromEntries(entries.slice(0, index));
    }
    if (out !== undefined) out[english] = next;
  }
  if (renamed) state.renames.set(norm, renamed);
  return out ?? node;
}

/**
 * Rewrites Chinese keys and enum values of a parsed file to English, guided by the schema of
 * `kind`. Keys that are not aliases of a property at their place stay as they are (the schema
 * reports them as unknown). Pure: the input is not modified.
 */
export function normalise(kind: FileKind, value: Obj): Normalised {
  const renames = new Map<string, Map<string, string>>();
  const issues: Issue[] = [];
  const result = normaliseNode({ renames, issues }, value, shapeOf(kind), '', '') as Obj;
  const toSource = (pointer: string): string => {
    if (renames.size === 0) return pointer;
    let norm = '';
    const src: string[] = [];
    for (const segment of pointerSegments(pointer)) {
      src.push(renames.get(norm)?.get(segment) ?? segment);
      norm += pointerOf([segment]);
    }
    return pointerOf(src);
  };
  return { value: result, chineseKeys: renames.size > 0, toSource, issues };
}
