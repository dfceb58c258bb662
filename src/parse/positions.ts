import type { Document, Node, Pair, ParsedNode, YAMLMap } from 'yaml';
import { yamlLib } from './yaml-lib.js';

/** 1-based start and end of a node; columns count UTF-16 units, like editors do. */
export interface Span {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

/** Offsets -> line:column, with the line starts computed once, on first use. */
export class LineIndex {
  private starts: number[] | undefined;
  constructor(private readonly text: string) {}

  private lineStarts(): number[] {
    if (!this.starts) {
      const starts = [0];
      for (let i = this.text.indexOf('\n'); i >= 0; i = this.text.indexOf('\n', i + 1)) {
        starts.push(i + 1);
      }
      this.starts = starts;
    }
    return this.starts;
  }

  position(offset: number): { line: number; column: number } {
    const starts = this.lineStarts();
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((starts[mid] as number) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - (starts[lo] as number) + 1 };
  }

  /** Text of the 1-based `line`, without its newline. */
  lineText(line: number): string {
    const starts = this.lineStarts();
    const start = starts[line - 1] ?? this.text.length;
    const next = starts[line];
    return this.text.slice(start, next === undefined ? this.text.length : next - 1);
  }

  span(start: number, end: number): Span {
    const a = this.position(start);
    const b = this.position(Math.max(start, end));
    return { line: a.line, column: a.column, endLine: b.line, endColumn: b.column };
  }
}

/** The string a mapping key stands for (keys are read as strings, `stringKeys`). */
export const keyString = (key: unknown): string | undefined =>
  yamlLib().isScalar(key) && key.value !== null && typeof key.value !== 'object'
    ? String(key.value)
    : undefined;

/** `/measures/0/lead` -> ['measures', '0', 'lead'] (RFC 6901 unescaping). */
export const pointerSegments = (pointer: string): string[] =>
  pointer === ''
    ? []
    : pointer
        .slice(1)
        .split('/')
        .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));

/** `/` and the RFC 6901 escape of one segment (`a/b` -> `/a~1b`); most segments need none. */
export const pointerStep = (segment: string | number): string => {
  const s = String(segment);
  return s.includes('~') || s.includes('/')
    ? '/' + s.replace(/~/g, '~0').replace(/\//g, '~1')
    : '/' + s;
};

export const pointerOf = (segments: readonly (string | number)[]): string => {
  let out = '';
  for (const segment of segments) out += pointerStep(segment);
  return out;
};

/** Mappings this long get a key index, so many lookups in one mapping stay linear overall. */
const INDEXED_FROM = 32;
const keyIndexes = new WeakMap<YAMLMap<unknown, unknown>, Map<string, Pair<unknown, unknown>>>();

/** The first pair of `map` whose key is `key`. */
function pairOf(map: YAMLMap<unknown, unknown>, key: string): Pair<unknown, unknown> | undefined {
  if (map.items.length < INDEXED_FROM) return map.items.find((p) => keyString(p.key) === key);
  let index = keyIndexes.get(map);
  if (!index) {
    index = new Map();
    for (const pair of map.items) {
      const k = keyString(pair.key);
      if (k !== undefined && !index.has(k)) index.set(k, pair);
    }
    keyIndexes.set(map, index);
  }
  return index.get(key);
}

/** The node at `pointer` and, when its parent is a mapping, its key node. First key wins. */
export function findNode(
  doc: Document.Parsed,
  pointer: string,
): { value: Node | null; key?: Node } | undefined {
  const { isMap, isSeq } = yamlLib();
  let node: unknown = doc.contents;
  let key: Node | undefined;
  for (const segment of pointerSegments(pointer)) {
    if (isMap(node)) {
      const pair = pairOf(node as YAMLMap<unknown, unknown>, segment);
      if (!pair) return undefined;
      key = pair.key as Node;
      node = pair.value;
    } else if (isSeq(node)) {
      node = node.items[Number(segment)];
      key = undefined;
      if (node === undefined) return undefined;
    } else return undefined;
  }
  return key
    ? { value: (node ?? null) as Node | null, key }
    : { value: (node ?? null) as Node | null };
}

/** Span of a node; a collection is cut to its first line so code frames stay short. */
export function nodeSpan(
  index: LineIndex,
  text: string,
  node: ParsedNode | Node,
): Span | undefined {
  const range = node.range;
  if (!range) return undefined;
  const [start, valueEnd] = range;
  if (yamlLib().isScalar(node)) return index.span(start, valueEnd);
  const lineEnd = text.indexOf('\n', start);
  return index.span(start, Math.min(valueEnd, lineEnd < 0 ? text.length : lineEnd));
}
