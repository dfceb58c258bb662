/**
 * The fast path of parsing. The `yaml` package keeps a full syntax tree with positions and costs
 * about 1.4 ms for a 150-line plan — seven times js-yaml — which would make `fangan validate`
 * on a thousand files slower than plain ajv-cli. Plan files use a small, regular corner of YAML
 * (block mappings and sequences, one-line flow collections, quoted scalars, literal `|` blocks), so
 * this reader handles exactly that corner, line by line, and gives up (`undefined`) on anything
 * else: anchors, tags, directives, multi-line plain or quoted scalars, `>` folding, odd indentation,
 * reserved keys, tabs, control characters. The caller then parses with `yaml`. Whenever this
 * reader returns a value, it is exactly what `yaml` (YAML 1.2 core schema, string keys) would
 * return; a differential property test holds it to that. A failing file it reads needs no `yaml`
 * either: asked to, it records every node's offsets as `yaml` would give them (duplicate keys,
 * reported like full.ts does, make it record), so diagnostics get the same line:col
 * (test/parse-positions.test.ts).
 */
import { RESERVED_KEYS } from './chars.js';
import type { Problem } from './full.js';

const BAIL = Symbol('bail');
const bail = (): never => {
  throw BAIL;
};
/** A duplicate key met while not recording: read again, recording, to report it with offsets. */
const RECORD = Symbol('record');

/**
 * Where a node is in the text: the offsets `yaml` gives the same node (its `range`), cut the way
 * `nodeSpan` in positions.ts cuts them (a block collection to its first line), so positions of
 * diagnostics are the same whichever reader produced the value.
 */
export interface FastNode {
  start: number;
  end: number;
  /** The key's offsets when the node is a mapping value. */
  keyStart?: number;
  keyEnd?: number;
  /** A scalar's text before type resolution, like `yaml`'s `Scalar.source` (`010000`). */
  source?: string;
  /** A mapping's values by key (the first of duplicate keys), or a sequence's items. */
  children?: Map<string, FastNode> | FastNode[];
}

const MAX_DEPTH = 64;
const MAX_KEY_LENGTH = 1000;
/** Characters the fast path leaves to `yaml`: controls, tabs, CR, BOM, Unicode line separators. */
// eslint-disable-next-line no-control-regex
const UNUSUAL = /[\u0000-\u0009\u000b-\u001f\u007f\u0085\u2028\u2029\ufeff]/;

// The YAML 1.2 core schema's implicit scalars, tested in the order and resolved the way `yaml`
// (yaml/dist/schema/core) does; written out here so the fast path does not load that package.
const NULL = /^(?:~|[Nn]ull|NULL)?$/;
const BOOL = /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/;
const INT_OCT = /^0o[0-7]+$/;
const INT = /^[-+]?[0-9]+$/;
const INT_HEX = /^0x[0-9a-fA-F]+$/;
const FLOAT_NAN = /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/;
const FLOAT_EXP = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/;
const FLOAT = /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/;

/** Resolves a plain scalar with the YAML 1.2 core schema (null, bool, int, float, else string). */
function resolvePlain(text: string): unknown {
  const first = text.charCodeAt(0);
  // Only ASCII digits, signs, dots and a few letters can start a non-string core scalar.
  if (first > 0x7f) return text;
  if (NULL.test(text)) return null;
  if (BOOL.test(text)) return first === 0x74 || first === 0x54; // t or T
  if (INT_OCT.test(text)) return parseInt(text.substring(2), 8);
  if (INT.test(text)) return parseInt(text, 10);
  if (INT_HEX.test(text)) return parseInt(text.substring(2), 16);
  // `.inf`, `.nan` and `1e400` are refused by the full parser (FG1203) with a position.
  if (FLOAT_NAN.test(text)) return bail();
  if (FLOAT_EXP.test(text) || FLOAT.test(text)) {
    const value = parseFloat(text);
    return Number.isFinite(value) ? value : bail();
  }
  return text;
}

interface Line {
  indent: number;
  /** Text after the indentation. */
  content: string;
  /** Only spaces, or nothing. */
  blank: boolean;
}

const trimEndSpaces = (s: string): string => {
  let end = s.length;
  while (end > 0 && s.charCodeAt(end - 1) === 0x20) end--;
  return end === s.length ? s : s.slice(0, end);
};

const skipSpaces = (s: string, i: number): number => {
  while (s.charCodeAt(i) === 0x20) i++;
  return i;
};

/** Nothing but spaces and an optional comment from `i` on. */
const restIsEmpty = (s: string, i: number): boolean => {
  const j = skipSpaces(s, i);
  return j === s.length || (s[j] === '#' && (j > i || j === 0 || s[j - 1] === ' '));
};

/** Index of the `:` that ends an implicit key (followed by a space or the line end), or -1. */
function keyColon(content: string): number {
  let i = content.indexOf(':');
  while (i >= 0) {
    if (i + 1 === content.length || content.charCodeAt(i + 1) === 0x20) return i;
    i = content.indexOf(':', i + 1);
  }
  return -1;
}

/** First characters that make a plain scalar or key something else in YAML. */
const INDICATORS = new Set([...'-?:,[]{}#&*!|>\'"%@`']);

/** Start of a plain value or key that this reader accepts (`-5` yes, `- x` no). */
function plainStartOk(s: string): boolean {
  const c = s[0];
  if (c === undefined) return false;
  if (!INDICATORS.has(c)) return true;
  return c === '-' && s.length > 1 && s[1] !== ' ';
}

/**
 * The same inside `[ ]` / `{ }`, where a `-` must also not be followed by a flow indicator: in
 * `[镇长, -]` the `-` starts no plain scalar, and `yaml` reports an error.
 */
function flowPlainStartOk(s: string): boolean {
  if (!plainStartOk(s)) return false;
  const next = s[1];
  return !(
    s[0] === '-' &&
    (next === ',' || next === ']' || next === '}' || next === '[' || next === '{')
  );
}

/**
 * A line at column 0 starting with `---` or `...` followed by a space or the line end is a document
 * marker in YAML, whatever follows it (`--- "kind: plan"`, `... b: 2`), never a key or a value.
 */
const isDocumentMarker = (content: string): boolean =>
  (content.startsWith('---') || content.startsWith('...')) &&
  (content.length === 3 || content[3] === ' ');

/**
 * The key of a block mapping entry (`key: …`, `key:`, `"key": …`) and the text after its colon;
 * undefined when the line is not an entry this reader handles.
 */
function splitKey(content: string): { key: string; keyEnd: number; rest: string } | undefined {
  let key: string;
  let colon: number;
  const q = content[0];
  if (q === '"' || q === "'") {
    let parsed: [string, number];
    try {
      parsed = quoted(content, 0);
    } catch {
      return undefined;
    }
    [key, colon] = parsed;
    if (content[colon] !== ':' || (colon + 1 < content.length && content[colon + 1] !== ' ')) {
      return undefined;
    }
  } else {
    if (!plainStartOk(content)) return undefined;
    colon = keyColon(content);
    if (colon <= 0) return undefined;
    key = trimEndSpaces(content.slice(0, colon));
    if (key.includes(' #')) return undefined;
  }
  if (key.length === 0 || key.length > MAX_KEY_LENGTH || RESERVED_KEYS.has(key)) return undefined;
  if (key === '<<' && q !== '"' && q !== "'") return undefined; // a merge key: refused by full.ts
  const quotedKey = q === '"' || q === "'";
  return { key, keyEnd: quotedKey ? colon : key.length, rest: content.slice(colon + 1) };
}

class FastReader {
  private pos = 0;
  private readonly lines: Line[];
  /** Offset of the end of each line (its `\n`, or the end of the text); only when recording. */
  private readonly lineEnds: number[] = [];
  /** The node of the value read last (recording only): its parent files it under its key. */
  private last: FastNode = { start: 0, end: 0 };
  /** Inside the value of a duplicate key: `yaml` never converts it, so nothing in it is reported. */
  private ignoring = 0;
  readonly problems: Problem[] = [];

  constructor(
    text: string,
    private readonly record: boolean,
  ) {
    let offset = 0;
    this.lines = text.split('\n').map((raw) => {
      let indent = 0;
      while (raw.charCodeAt(indent) === 0x20) indent++;
      const content = raw.slice(indent);
      if (record) {
        offset += raw.length;
        this.lineEnds.push(offset);
        offset++;
      }
      return { indent, content, blank: content.length === 0 };
    });
  }

  /** Offset of `suffix`, which is the end of the current line (every slice this reader takes is). */
  private at(suffix: string): number {
    return (this.lineEnds[this.pos] as number) - suffix.length;
  }

  /** The value, and its node tree when recording. */
  read(): { value: unknown; node: FastNode } {
    this.skipBlank();
    const first = this.lines[this.pos];
    if (!first) return bail(); // empty document: let `yaml` decide
    if (first.indent === 0 && /^---( +(#.*)?)?$/.test(first.content)) {
      this.pos++;
      this.skipBlank();
    }
    // Any other marker (a second document, `...`, content after `---`) is left to `yaml`.
    for (let p = this.pos; p < this.lines.length; p++) {
      const line = this.lines[p] as Line;
      if (line.indent === 0 && isDocumentMarker(line.content)) bail();
    }
    const top = this.lines[this.pos];
    if (!top) return bail();
    const value = this.node(top.indent, 0);
    const node = this.last;
    this.skipBlank();
    if (this.pos < this.lines.length) bail();
    return { value, node };
  }

  /** Skips empty lines and comment lines (outside block scalars). */
  private skipBlank(): void {
    for (;;) {
      const line = this.lines[this.pos];
      if (!line || !(line.blank || line.content[0] === '#')) return;
      this.pos++;
    }
  }

  private isSeqLine(line: Line): boolean {
    return line.content === '-' || line.content.startsWith('- ');
  }

  /** A block node starting on the current line, indented `indent`. */
  private node(indent: number, depth: number): unknown {
    if (depth > MAX_DEPTH) bail();
    const line = this.lines[this.pos] as Line;
    if (this.isSeqLine(line)) return this.sequence(indent, depth, line.content);
    if (splitKey(line.content)) return this.mapping(indent, line.content, depth);
    return bail();
  }

  /** A block mapping whose entries sit at column `indent`; `first` is the current line's entry. */
  private mapping(indent: number, first: string, depth: number): Record<string, unknown> {
    const map: Record<string, unknown> = {};
    const record = this.record;
    const children = record ? new Map<string, FastNode>() : undefined;
    // `yaml` gives a block collection the range from its first key on; nodeSpan cuts it there.
    const start = record ? this.at(first) : 0;
    const end = record ? (this.lineEnds[this.pos] as number) : 0;
    let content = first;
    for (;;) {
      const entry = splitKey(content) ?? bail();
      const keyStart = record ? this.at(content) : 0;
      const duplicate = Object.hasOwn(map, entry.key);
      if (duplicate) {
        if (!record) throw RECORD;
        // The first value wins, as in full.ts; the second is read only to go past it.
        const firstKey = children?.get(entry.key)?.keyStart ?? keyStart;
        if (this.ignoring === 0) {
          this.problems.push({
            code: 'FG1102',
            start: keyStart,
            end: keyStart + entry.keyEnd,
            params: { key: entry.key },
            firstAt: firstKey,
          });
        }
        this.ignoring++;
        this.valueAfterIndicator(entry.rest, indent, depth, true);
        this.ignoring--;
      } else {
        map[entry.key] = this.valueAfterIndicator(entry.rest, indent, depth, true);
        if (children) {
          this.last.keyStart = keyStart;
          this.last.keyEnd = keyStart + entry.keyEnd;
          children.set(entry.key, this.last);
        }
      }

      this.skipBlank();
      const next = this.lines[this.pos];
      if (!next || next.indent < indent) break;
      if (next.indent > indent || this.isSeqLine(next)) bail();
      content = next.content;
    }
    if (children) this.last = { start, end, children };
    return map;
  }

  /** A block sequence at column `indent`; `first` is the current line's item (from its dash). */
  private sequence(indent: number, depth: number, first: string): unknown[] {
    if (depth > MAX_DEPTH) bail();
    const items: unknown[] = [];
    const children: FastNode[] | undefined = this.record ? [] : undefined;
    const start = this.record ? this.at(first) : 0;
    const end = this.record ? (this.lineEnds[this.pos] as number) : 0;
    let content = first;
    for (;;) {
      const after = content.slice(1);
      const gap = skipSpaces(after, 0);
      const text = after.slice(gap);
      if (text.startsWith('- ') || text === '-') {
        items.push(this.sequence(indent + 1 + gap, depth + 1, text)); // `- - a`
      } else if (text !== '' && text[0] !== '#' && splitKey(text)) {
        items.push(this.mapping(indent + 1 + gap, text, depth + 1));
      } else {
        items.push(this.valueAfterIndicator(after, indent, depth, false));
      }
      children?.push(this.last);
      this.skipBlank();
      const next = this.lines[this.pos];
      if (!next || next.indent < indent) break;
      if (next.indent > indent) bail();
      if (!this.isSeqLine(next)) break; // the parent mapping goes on at this indent
      content = next.content;
    }
    if (children) this.last = { start, end, children };
    return items;
  }

  /**
   * The value after `key:` or `-` on the current line (`rest` starts after the indicator), then
   * any block node below it. `indent` is the column of the key or dash.
   */
  private valueAfterIndicator(
    rest: string,
    indent: number,
    depth: number,
    inMapping: boolean,
  ): unknown {
    if (restIsEmpty(rest, 0)) {
      if (rest.length > 0 && rest[0] !== ' ') bail();
      // `yaml` puts an empty value after the indicator and its spaces (at a comment, if any).
      const empty = this.record ? this.at(rest) + skipSpaces(rest, 0) : 0;
      this.pos++;
      this.skipBlank();
      const next = this.lines[this.pos];
      if (next && next.indent > indent) return this.node(next.indent, depth + 1);
      // `key:` followed by a sequence at the key's own indentation.
      if (next && inMapping && next.indent === indent && this.isSeqLine(next)) {
        return this.sequence(indent, depth + 1, next.content);
      }
      if (this.record) this.last = { start: empty, end: empty, source: '' };
      return null;
    }
    const start = skipSpaces(rest, 0);
    if (start === 0) bail();
    const value = this.inlineValue(rest.slice(start), indent);
    this.skipBlank();
    const next = this.lines[this.pos];
    // A deeper line after a complete value is a multi-line scalar or an indentation error.
    if (next && next.indent > indent) bail();
    return value;
  }

  /** A value written on the current line; consumes the line (and a literal block's lines). */
  private inlineValue(text: string, indent: number): unknown {
    const c = text[0] as string;
    const start = this.record ? this.at(text) : 0;
    if (c === '|') return this.literalBlock(text, indent, start);
    if (c === '[' || c === '{') {
      const flow = new FlowReader(text, this.record ? start : -1);
      const value = flow.collection(0);
      if (!restIsEmpty(text, flow.i)) bail();
      if (flow.last) this.last = flow.last;
      this.pos++;
      return value;
    }
    if (c === '"' || c === "'") {
      const [value, end] = quoted(text, 0);
      if (!restIsEmpty(text, end)) bail();
      if (this.record) this.last = { start, end: start + end, source: value };
      this.pos++;
      return value;
    }
    if (!plainStartOk(text)) bail();
    const hash = text.indexOf(' #');
    const plain = trimEndSpaces(hash >= 0 ? text.slice(0, hash) : text);
    if (keyColon(plain) >= 0) bail(); // `a: b: c` is an error in YAML
    if (this.record) this.last = { start, end: start + plain.length, source: plain };
    this.pos++;
    return resolvePlain(plain);
  }

  /**
   * `|` or `|-` literal block scalar whose content is indented more than `indent`; `start` is the
   * offset of the `|` (recording).
   */
  private literalBlock(header: string, indent: number, start: number): string {
    const m = /^\|(-?)( +#.*)? *$/.exec(header);
    if (!m) return bail(); // `|+`, indentation indicators, `>` folding: leave to yaml
    const strip = m[1] === '-';
    this.pos++;
    let blockIndent = -1;
    for (let p = this.pos; p < this.lines.length; p++) {
      const line = this.lines[p] as Line;
      if (!line.blank) {
        blockIndent = line.indent;
        break;
      }
    }
    if (blockIndent <= indent) return bail(); // empty block scalar
    const body: string[] = [];
    let trailingEmpty = 0;
    // `yaml`'s range of a block scalar ends after the newline of its last non-empty line.
    let end = start;
    for (;;) {
      const line = this.lines[this.pos];
      if (!line) break;
      if (line.blank) {
        if (line.indent > blockIndent) bail(); // spaces beyond the indentation are content
        body.push('');
        trailingEmpty++;
        this.pos++;
        continue;
      }
      if (line.indent < blockIndent) {
        if (line.indent > indent) bail();
        break;
      }
      body.push(' '.repeat(line.indent - blockIndent) + line.content);
      trailingEmpty = 0;
      if (this.record) end = (this.lineEnds[this.pos] as number) + 1;
      this.pos++;
    }
    const text = body.slice(0, body.length - trailingEmpty).join('\n');
    const value = strip ? text : text + '\n';
    if (this.record) {
      const textEnd = this.lineEnds[this.lineEnds.length - 1] as number;
      this.last = { start, end: Math.min(end, textEnd), source: value };
    }
    return value;
  }
}

/** One-line flow collections: `[a, b]`, `{ id: x, name: y }`, nested a few levels. */
class FlowReader {
  i = 0;
  /** The node of the item read last, when recording (`base` >= 0). */
  last: FastNode | undefined;
  /** `base`: offset of `s` in the text when recording positions, else -1. */
  constructor(
    private readonly s: string,
    private readonly base: number,
  ) {}

  collection(depth: number): unknown {
    if (depth > 8) bail();
    const record = this.base >= 0;
    const startAt = this.i;
    const open = this.s[this.i];
    this.i++;
    if (open === '[') {
      const items: unknown[] = [];
      const children: FastNode[] | undefined = record ? [] : undefined;
      if (this.closes(']')) return this.done(items, startAt, children);
      for (;;) {
        items.push(this.item(depth));
        if (children) children.push(this.last as FastNode);
        if (this.closes(']')) return this.done(items, startAt, children);
        this.comma();
      }
    }
    const map: Record<string, unknown> = {};
    const children = record ? new Map<string, FastNode>() : undefined;
    if (this.closes('}')) return this.done(map, startAt, children);
    for (;;) {
      const keyStart = skipSpaces(this.s, this.i);
      const key = this.key();
      if (Object.hasOwn(map, key)) bail();
      this.i = skipSpaces(this.s, this.i);
      if (this.s[this.i] === ',' || this.s[this.i] === '}') {
        map[key] = null;
        if (record) this.last = { start: this.base + this.i, end: this.base + this.i, source: '' };
      } else {
        map[key] = this.item(depth);
      }
      if (children && this.last) {
        this.last.keyStart = this.base + keyStart;
        this.last.keyEnd = this.base + keyStart + key.length;
        children.set(key, this.last);
      }
      if (this.closes('}')) return this.done(map, startAt, children);
      this.comma();
    }
  }

  /** Records the collection that started at `startAt` and has just closed. */
  private done<T>(value: T, startAt: number, children: FastNode['children']): T {
    if (children) this.last = { start: this.base + startAt, end: this.base + this.i, children };
    return value;
  }

  private closes(close: string): boolean {
    this.i = skipSpaces(this.s, this.i);
    if (this.s[this.i] !== close) return false;
    this.i++;
    return true;
  }

  private comma(): void {
    this.i = skipSpaces(this.s, this.i);
    if (this.s[this.i] !== ',') bail();
    this.i = skipSpaces(this.s, this.i + 1);
    const c = this.s[this.i];
    if (c === ']' || c === '}' || c === ',') bail(); // trailing or doubled comma
  }

  private key(): string {
    this.i = skipSpaces(this.s, this.i);
    const start = this.i;
    const c = this.s[start];
    if (c === undefined || !flowPlainStartOk(this.s.slice(start, start + 2))) bail();
    const colon = this.s.indexOf(': ', start);
    if (colon < 0) bail();
    const key = trimEndSpaces(this.s.slice(start, colon));
    if (/[,[\]{}#:"']/.test(key) || RESERVED_KEYS.has(key) || key.length === 0) bail();
    if (key === '<<') bail(); // a merge key: refused by full.ts
    this.i = colon + 2;
    return key;
  }

  private item(depth: number): unknown {
    this.i = skipSpaces(this.s, this.i);
    const c = this.s[this.i];
    if (c === '[' || c === '{') return this.collection(depth + 1);
    const start = this.i;
    if (c === '"' || c === "'") {
      const [value, end] = quoted(this.s, this.i);
      this.i = end;
      if (this.base >= 0)
        this.last = { start: this.base + start, end: this.base + end, source: value };
      return value;
    }
    if (!flowPlainStartOk(this.s.slice(start, start + 2))) bail();
    let end = start;
    for (; end < this.s.length; end++) {
      const ch = this.s[end];
      if (ch === ',' || ch === ']' || ch === '}') break;
      // `:` may start an implicit pair and ` #` a comment; both are left to yaml.
      if (ch === ':' || ch === '[' || ch === '{' || (ch === '#' && this.s[end - 1] === ' ')) bail();
    }
    if (end === this.s.length) bail(); // the collection does not close on this line
    this.i = end;
    const plain = trimEndSpaces(this.s.slice(start, end));
    if (plain.length === 0) bail();
    if (this.base >= 0) {
      this.last = {
        start: this.base + start,
        end: this.base + start + plain.length,
        source: plain,
      };
    }
    return resolvePlain(plain);
  }
}

const ESCAPES: Record<string, string> = {
  '\\': '\\',
  '"': '"',
  '/': '/',
  n: '\n',
  t: '\t',
  r: '\r',
};

/** A quoted scalar that closes on the same line; returns the value and the index after it. */
function quoted(s: string, start: number): [string, number] {
  const q = s[start];
  let out = '';
  let i = start + 1;
  for (;;) {
    const c = s[i];
    if (c === undefined) return bail(); // multi-line quoted scalar
    if (q === "'") {
      if (c === "'") {
        if (s[i + 1] === "'") {
          out += "'";
          i += 2;
          continue;
        }
        return [out, i + 1];
      }
    } else if (c === '"') {
      return [out, i + 1];
    } else if (c === '\\') {
      const e = s[i + 1] ?? '';
      const simple = ESCAPES[e];
      if (simple !== undefined) {
        out += simple;
        i += 2;
        continue;
      }
      const hex = e === 'u' ? /^[0-9a-fA-F]{4}/.exec(s.slice(i + 2, i + 6)) : null;
      if (!hex) return bail();
      const code = parseInt(hex[0], 16);
      if (code >= 0xd800 && code <= 0xdfff) bail();
      out += String.fromCharCode(code);
      i += 6;
      continue;
    }
    out += c;
    i++;
  }
}

/**
 * Parses the common subset of YAML that plan files use. Returns `undefined` whenever the text
 * needs the full parser (anything unusual, and every error). With `duplicates`, a duplicate key
 * is reported (FG1102, first value wins, as full.ts does) instead of giving up; `problems` then
 * lists them. With `positions`, `node` holds every node's offsets; it is also there when a
 * duplicate made the reader record them anyway.
 */
export function fastParse(
  text: string,
  options: { duplicates?: boolean; positions?: boolean } = {},
): { value: unknown; problems: Problem[]; node?: FastNode } | undefined {
  if (UNUSUAL.test(text)) return undefined;
  const attempt = (record: boolean) => {
    const reader = new FastReader(text, record);
    const { value, node } = reader.read();
    if (reader.problems.length > 0 && options.duplicates !== true) throw BAIL;
    return record
      ? { value, problems: reader.problems, node }
      : { value, problems: reader.problems };
  };
  try {
    try {
      return attempt(options.positions === true);
    } catch (e) {
      // Duplicates are rare: only then is the text read again, recording offsets to report them.
      if (e !== RECORD || options.duplicates !== true) throw e;
      return attempt(true);
    }
  } catch (e) {
    if (e === BAIL || e === RECORD) return undefined;
    throw e;
  }
}

/** The node at a JSON pointer in a tree from `fastParse(…, { positions: true })`. */
export function fastNodeAt(root: FastNode, segments: readonly string[]): FastNode | undefined {
  let node: FastNode | undefined = root;
  for (const segment of segments) {
    const children: FastNode['children'] = node?.children;
    if (children === undefined) return undefined;
    node = Array.isArray(children) ? children[Number(segment)] : children.get(segment);
    if (node === undefined) return undefined;
  }
  return node;
}
