/**
 * `fangan fmt --keys zh|en`: rewrites a plan or progress file between English and Chinese keys
 * (and enum values: `in_progress` <-> `推进中`), guided by the schema and `schemas/aliases.json`.
 * The yaml Document gives the source range of every key and value; only those ranges are
 * replaced, so comments, blank lines, quoting, flow or block style and order stay byte for byte.
 */
import type { Node, Scalar, YAMLMap } from 'yaml';
import { makeDiagnostic } from '../diagnostics/make.js';
import { hasErrors, type Diagnostic, type Lang } from '../diagnostics/types.js';
import { fullParse, parseYaml } from '../parse/index.js';
import { yamlLib } from '../parse/yaml-lib.js';
import { kindOf, shapeOf, type Shape } from './aliases.js';
import { FILE_KINDS, type FileKind } from './schema-compile.js';
import { isObj } from './shape.js';

export type KeyStyle = 'zh' | 'en';

export interface KeysResult {
  /** The rewritten text; undefined when the file cannot be rewritten (see diagnostics). */
  text?: string;
  kind?: FileKind;
  /** Keys and values replaced. */
  changes: number;
  diagnostics: Diagnostic[];
}

interface Edit {
  start: number;
  end: number;
  text: string;
}

/** `$schema=../schemas/plan.schema.json` <-> `plan.zh.schema.json` in the editor comment line. */
function schemaCommentEdits(text: string, to: KeyStyle): Edit[] {
  const edits: Edit[] = [];
  const re = /^#\s*yaml-language-server:\s*\$schema=\S*?\b(plan|progress)(\.zh)?\.schema\.json/gm;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const kind = m[1] as string;
    const has = m[2] !== undefined;
    if (has === (to === 'zh')) continue;
    const start = m.index + m[0].length - `${kind}${m[2] ?? ''}.schema.json`.length;
    edits.push({
      start,
      end: m.index + m[0].length,
      text: `${kind}${to === 'zh' ? '.zh' : ''}.schema.json`,
    });
  }
  return edits;
}

/**
 * Rewrites the keys of a plan or progress file to `to`. Files with syntax errors, or whose kind
 * cannot be told, are not rewritten; other problems (unknown keys, bad values) are left for
 * `fangan validate` and the keys fangan knows are still rewritten.
 */
export function convertKeys(
  text: string,
  to: KeyStyle,
  options: { file: string; lang?: Lang },
): KeysResult {
  const lang = options.lang ?? 'zh-CN';
  const parsed = parseYaml(text, { file: options.file, lang });
  if (!parsed.ok || hasErrors(parsed.diagnostics))
    return { changes: 0, diagnostics: parsed.diagnostics };
  const value = parsed.value;
  const kind = isObj(value) ? kindOf(value).kind : undefined;
  if (typeof kind !== 'string' || !(FILE_KINDS as readonly string[]).includes(kind)) {
    const d = makeDiagnostic('FG2001', lang, { file: options.file, line: 1, column: 1 });
    return { changes: 0, diagnostics: [...parsed.diagnostics, d] };
  }
  const doc = fullParse(text).doc;
  if (!doc) return { changes: 0, diagnostics: parsed.diagnostics };

  const edits: Edit[] = [];
  const replace = (node: Node | null | undefined, replacement: string): void => {
    const range = node?.range;
    if (range) edits.push({ start: range[0], end: range[1], text: replacement });
  };
  const walk = (node: unknown, shape: Shape | undefined): void => {
    if (shape === undefined) return;
    if (isScalarNode(node)) {
      const v = node.value;
      if (typeof v !== 'string') return;
      const english = shape.valueEn.get(v) ?? (shape.valueZh.has(v) ? v : undefined);
      if (english === undefined) return;
      const target = to === 'zh' ? (shape.valueZh.get(english) ?? english) : english;
      if (target !== v) replace(node, target);
      return;
    }
    if (isMapNode(node)) {
      for (const pair of node.items) {
        const key = pair.key as Node | null;
        const k = isScalarNode(key) && typeof key.value === 'string' ? key.value : undefined;
        if (k === undefined) continue;
        const english = shape.props.has(k) ? k : shape.keyEn.get(k);
        if (english === undefined) continue;
        const target = to === 'zh' ? (shape.keyZh.get(english) ?? english) : english;
        if (target !== k) replace(key, target);
        walk(pair.value, shape.props.get(english));
      }
      return;
    }
    if (yamlLib().isSeq(node) && shape.items)
      for (const item of node.items) walk(item, shape.items);
  };
  walk(doc.contents, shapeOf(kind as FileKind));
  edits.push(...schemaCommentEdits(text, to));

  edits.sort((a, b) => b.start - a.start);
  let out = text;
  for (const edit of edits) out = out.slice(0, edit.start) + edit.text + out.slice(edit.end);
  return {
    text: out,
    kind: kind as FileKind,
    changes: edits.length,
    diagnostics: parsed.diagnostics,
  };
}

const isScalarNode = (node: unknown): node is Scalar => yamlLib().isScalar(node);
const isMapNode = (node: unknown): node is YAMLMap => yamlLib().isMap(node);
