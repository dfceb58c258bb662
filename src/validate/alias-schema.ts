/**
 * The editor schemas with Chinese keys: `schemas/<kind>.zh.schema.json`, generated from the
 * English schema and `schemas/aliases.json` (scripts/generate.js writes them, a test keeps
 * the committed files in sync). Every property is offered in both spellings, enum values also in
 * Chinese; a required key may be given in either spelling, never in both. fangan itself validates
 * against the English schema after normalising (src/validate/aliases.ts); these files are for
 * completion and hover text in editors.
 */
import { keyAlias, schemaOf, valueAliases } from './aliases.js';
import type { FileKind } from './schema-compile.js';
import { isObj, type Obj } from './shape.js';

/** File name of the Chinese-key schema of `kind`, next to `<kind>.schema.json`. */
export const aliasSchemaName = (kind: FileKind): string => `${kind}.zh.schema.json`;

/** `required: [a]` -> a must be there in one of its spellings. */
function requiredEither(kind: FileKind, keys: readonly string[]): Obj[] {
  return keys.map((key) => {
    const zh = keyAlias(kind, key);
    return zh === undefined
      ? { required: [key] }
      : { anyOf: [{ required: [key] }, { required: [zh] }] };
  });
}

function transform(kind: FileKind, node: unknown): unknown {
  if (Array.isArray(node)) return node.map((item) => transform(kind, item));
  if (!isObj(node)) return node;
  const out: Obj = {};
  const either: Obj[] = [];
  for (const [key, value] of Object.entries(node)) {
    if (key === 'properties' && isObj(value)) {
      const properties: Obj = {};
      const dependencies: Obj = {};
      for (const [name, child] of Object.entries(value)) {
        const copy = transform(kind, child);
        properties[name] = copy;
        const zh = keyAlias(kind, name);
        if (zh !== undefined) {
          properties[zh] =
            isObj(copy) && typeof copy.description === 'string'
              ? { ...copy, description: `${copy.description}（英文字段名 ${name}）` }
              : copy;
          dependencies[name] = { not: { required: [zh] } };
        }
      }
      out.properties = properties;
      if (Object.keys(dependencies).length > 0) out.dependencies = dependencies;
    } else if (key === 'required' && Array.isArray(value)) {
      either.push(...requiredEither(kind, value as string[]));
    } else if (key === 'enum' && Array.isArray(value)) {
      out.enum = [
        ...value,
        ...value.flatMap((v) => (typeof v === 'string' ? valueAliases(v) : [])),
      ];
    } else if (key === 'const' && typeof value === 'string' && valueAliases(value).length > 0) {
      out.enum = [value, ...valueAliases(value)];
    } else if (key === 'properties' || key === 'definitions' || key === 'items') {
      out[key] = isObj(value)
        ? key === 'items'
          ? transform(kind, value)
          : Object.fromEntries(Object.entries(value).map(([k, v]) => [k, transform(kind, v)]))
        : value;
    } else if (key === 'oneOf' || key === 'anyOf' || key === 'allOf') {
      out[key] = transform(kind, value);
    } else if (key === '$id' && typeof value === 'string') {
      out.$id = value.replace(/\.schema\.json$/, '.zh.schema.json');
    } else {
      out[key] = value;
    }
  }
  if (either.length > 0) {
    const allOf = Array.isArray(out.allOf) ? (out.allOf as unknown[]) : [];
    out.allOf = [...allOf, ...either];
  }
  return out;
}

/** The Chinese-key editor schema of `kind`. */
export function aliasSchema(kind: FileKind): Obj {
  return transform(kind, schemaOf(kind)) as Obj;
}

/** The file contents of the Chinese-key editor schema of `kind` (stable, ends with a newline). */
export const aliasSchemaSource = (kind: FileKind): string =>
  `${JSON.stringify(aliasSchema(kind), null, 2)}\n`;
