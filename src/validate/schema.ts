import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { ErrorObject, ValidateFunction } from 'ajv';
import type { Lang } from '../diagnostics/types.js';
import { typeNames } from '../diagnostics/messages/validate.js';
import { pointerOf, pointerSegments, showInvisible, suspiciousCharHint } from '../parse/index.js';
import { keyAlias, valueAliases } from './aliases.js';
import { dateExample, dateFix } from './dates.js';
import { listFix, sentenceColonFix } from './hints.js';
import { readablePath, type Issue } from './issue.js';
import { compileValidator, type FileKind, type SchemaName } from './schema-compile.js';
import { closest } from './suggest.js';

export { type FileKind } from './schema-compile.js';

/** Where `npm run build` writes the standalone validators (scripts/build-schemas.js). */
export const generatedValidatorPath = (kind: SchemaName): string =>
  fileURLToPath(new URL(`./generated/${kind}.cjs`, import.meta.url));

const require = createRequire(import.meta.url);
const validators: Partial<Record<SchemaName, ValidateFunction>> = {};
const origins: Partial<Record<SchemaName, 'generated' | 'runtime'>> = {};

/**
 * The validator of one kind, loaded on first use: the standalone module generated at build time
 * (a plain function, nothing to compile), or, running from TypeScript sources where there is
 * none, compiled here with the same options.
 */
export function validatorFor(kind: SchemaName): ValidateFunction {
  let validate = validators[kind];
  if (validate) return validate;
  const generated = generatedValidatorPath(kind);
  if (existsSync(generated)) {
    validate = require(generated) as ValidateFunction;
    origins[kind] = 'generated';
  } else {
    validate = compileValidator(kind);
    origins[kind] = 'runtime';
  }
  validators[kind] = validate;
  return validate;
}

/** How the validator of `kind` was obtained in this process (tests check the built package). */
export function validatorOrigin(kind: SchemaName): 'generated' | 'runtime' {
  validatorFor(kind);
  return origins[kind] as 'generated' | 'runtime';
}

interface SchemaNode {
  title?: string;
  properties?: Record<string, SchemaNode>;
}

/**
 * Validates `value` against the schema of `kind`; problems come back as issues. `validate` is for
 * tests that hold a generated validator next to the runtime one.
 */
export function schemaIssues(
  kind: FileKind,
  value: unknown,
  lang: Lang,
  validate: ValidateFunction = validatorFor(kind),
): Issue[] {
  if (validate(value)) return [];
  return mapErrors(validate.errors ?? [], value, lang, kind);
}

const HAN = /\p{Script=Han}/u;

/** The keys to suggest for an unknown key: their Chinese names when it is written in Chinese. */
function candidateKeys(key: string, allowed: readonly string[], kind: FileKind): string[] {
  if (!HAN.test(key)) return [...allowed];
  return allowed.map((k) => keyAlias(kind, k) ?? k);
}

/** Unknown keys per file that get a "did you mean"; each costs a distance to every allowed key. */
const MAX_SUGGESTIONS = 1000;

// One list per schema node: a mapping with 100,000 unknown keys has as many errors on one node.
const allowedCache = new WeakMap<object, string[]>();

/** The keys the schema node of an `additionalProperties` error allows. */
function allowedKeys(error: ErrorObject): string[] {
  const node = error.parentSchema as SchemaNode | undefined;
  if (!node) return [];
  let keys = allowedCache.get(node);
  if (!keys) allowedCache.set(node, (keys = Object.keys(node.properties ?? {})));
  return keys;
}

/** JSON type name of a parsed YAML value (`array` and `null` apart from `object`). */
export const typeOf = (value: unknown): string =>
  value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value;

function valueAt(root: unknown, pointer: string): unknown {
  let node = root;
  for (const segment of pointerSegments(pointer)) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[segment];
  }
  return node;
}

export const typeName = (type: string, lang: Lang): string => typeNames[type]?.[lang] ?? type;

/**
 * ajv errors -> issues: one per node and keyword, the `oneOf` of progress files as one message,
 * a typo'd key and the required key it was meant to be as one "did you mean" diagnostic.
 */
function mapErrors(
  errors: readonly ErrorObject[],
  root: unknown,
  lang: Lang,
  kind: FileKind,
): Issue[] {
  const issues: Issue[] = [];
  const seen = new Set<string>();
  const once = (key: string): boolean => !seen.has(key) && (seen.add(key), true);

  // Unknown keys first: a close one to a missing required key replaces that required error.
  const replacedRequired = new Set<string>();
  const unknownKeys: { error: ErrorObject; key: string; suggestion?: string }[] = [];
  for (const error of errors) {
    if (error.keyword !== 'additionalProperties') continue;
    const key = String(error.params.additionalProperty);
    const allowed = allowedKeys(error);
    const candidates = candidateKeys(key, allowed, kind);
    // Past that many unknown keys the file is not of this kind at all: stop guessing typos.
    const suggestion = unknownKeys.length < MAX_SUGGESTIONS ? closest(key, candidates) : undefined;
    const entry: { error: ErrorObject; key: string; suggestion?: string } = { error, key };
    if (suggestion !== undefined) {
      entry.suggestion = suggestion;
      const english = allowed[candidates.indexOf(suggestion)] ?? suggestion;
      replacedRequired.add(`${error.instancePath}/${english}`);
    }
    unknownKeys.push(entry);
  }

  for (const { error, key, suggestion } of unknownKeys) {
    const allowed = candidateKeys(key, allowedKeys(error), kind);
    const hints: Issue['hints'] = [];
    if (suggestion !== undefined) hints.push({ code: 'FG2901', params: { suggestion } });
    const chars = suspiciousCharHint(key);
    if (chars) hints.push(chars);
    if (suggestion === undefined)
      hints.push({ code: 'FG2905', params: { keys: allowed.join(', ') } });
    issues.push({
      code: 'FG2011',
      pointer: `${error.instancePath}${pointerOf([key])}`,
      part: 'key',
      params: { key: showInvisible(key) },
      hints,
    });
  }

  const oneOfFailed = errors.find((e) => e.keyword === 'oneOf' && e.instancePath === '');
  if (oneOfFailed) {
    const both = Array.isArray(oneOfFailed.params.passingSchemas);
    issues.push({ code: both ? 'FG2024' : 'FG2023', pointer: both ? '/period' : '' });
  }

  for (const error of errors) {
    if (error.keyword === 'additionalProperties' || error.schemaPath.startsWith('#/oneOf'))
      continue;
    const pointer = error.instancePath;
    if (error.keyword === 'required') {
      const missing = String(error.params.missingProperty);
      if (replacedRequired.has(`${pointer}/${missing}`)) continue;
      if (!once(`${pointer}/${missing}:required`)) continue;
      issues.push(requiredIssue(error, pointer, missing, root));
      continue;
    }
    if (!once(`${pointer}:${error.keyword}`)) continue;
    issues.push(valueIssue(error, pointer, root, lang));
  }
  return issues;
}

function requiredIssue(error: ErrorObject, pointer: string, missing: string, root: unknown): Issue {
  // Every measure needs a lead unit and a deadline: name the measure.
  if (/^\/measures\/\d+$/.test(pointer) && (missing === 'lead' || missing === 'deadline')) {
    const id = valueAt(root, `${pointer}/id`);
    return {
      code: missing === 'lead' ? 'FG2114' : 'FG2115',
      pointer,
      params: { id: typeof id === 'string' ? id : readablePath(pointer) },
    };
  }
  const title = (error.parentSchema as SchemaNode | undefined)?.properties?.[missing]?.title;
  return { code: 'FG2010', pointer, params: { key: missing, title: title ?? missing } };
}

function valueIssue(error: ErrorObject, pointer: string, root: unknown, lang: Lang): Issue {
  const field = readablePath(pointer) || 'kind';
  const value = valueAt(root, pointer);
  const shown = typeof value === 'string' ? showInvisible(value) : String(value);
  const p = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'type': {
      const expected = String(p.type);
      const actual = typeOf(value);
      const issue: Issue = {
        code: 'FG2012',
        pointer,
        params: { field, expected: typeName(expected, lang), actual: typeName(actual, lang) },
      };
      // `邮编: 010000`, `版本: 1.0`, `是否: yes`… were meant as text.
      if (expected === 'string' && (actual === 'number' || actual === 'boolean')) {
        issue.quoteHint = true;
      }
      // `- 指导思想: 把…`: an ASCII colon and a space made the sentence a mapping.
      const sentence = expected === 'string' ? sentenceColonFix(value) : undefined;
      if (sentence !== undefined) {
        issue.hints = [{ code: 'FG2453', params: { fix: sentence } }];
        return issue;
      }
      // `support: wsy，jyb`: the exact list to write.
      const items = expected === 'array' && typeof value === 'string' ? listFix(value) : undefined;
      if (items !== undefined) {
        issue.hints = [{ code: 'FG2451', params: { fix: items } }];
        return issue;
      }
      const chars = typeof value === 'string' ? suspiciousCharHint(value) : undefined;
      // A full-width colon or comma is ordinary punctuation in a sentence; it explains the error
      // only where a mapping (colon) was expected.
      if (chars && !(chars.code === 'FG1905' || (chars.code === 'FG1901' && expected !== 'object')))
        issue.hints = [chars];
      return issue;
    }
    case 'enum': {
      const allowed = (p.allowedValues as unknown[]).map(String);
      // `进展中` is closer to `进行中` than to any English value.
      const candidates =
        typeof value === 'string' && HAN.test(value)
          ? allowed.flatMap((v) => valueAliases(v))
          : allowed;
      const suggestion = typeof value === 'string' ? closest(value, candidates) : undefined;
      return {
        code: 'FG2013',
        pointer,
        params: {
          field,
          value: shown,
          allowed: (candidates === allowed
            ? allowed
            : allowed.map((v) => valueAliases(v)[0] ?? v)
          ).join(lang === 'en' ? ', ' : '、'),
        },
        hints: suggestion === undefined ? [] : [{ code: 'FG2901', params: { suggestion } }],
      };
    }
    case 'pattern': {
      if (error.schemaPath.startsWith('#/definitions/date/')) {
        return {
          code: 'FG2014',
          pointer,
          params: { field, value: shown },
          hints: [
            dateFix(value) === undefined
              ? { code: 'FG2903', params: { example: dateExample(value) } }
              : { code: 'FG2451', params: { fix: dateFix(value) } },
          ],
        };
      }
      if (error.schemaPath.startsWith('#/definitions/id/')) {
        const chars = typeof value === 'string' ? suspiciousCharHint(value) : undefined;
        return {
          code: 'FG2015',
          pointer,
          params: { field, value: shown },
          hints: chars ? [chars] : [],
        };
      }
      if (pointer === '/quarter')
        return { code: 'FG2016', pointer, params: { field, value: shown } };
      break;
    }
    case 'maxLength':
      return {
        code: 'FG2017',
        pointer,
        params: {
          field,
          length: typeof value === 'string' ? value.length : '?',
          limit: String(p.limit),
        },
      };
    case 'maxItems':
      return {
        code: 'FG2018',
        pointer,
        params: { field, count: Array.isArray(value) ? value.length : '?', limit: String(p.limit) },
      };
    case 'minLength':
    case 'minItems':
      return { code: 'FG2019', pointer, params: { field } };
    case 'minimum':
    case 'maximum':
      if (pointer.endsWith('/percent'))
        return { code: 'FG2022', pointer, params: { field, value: shown } };
      return {
        code: error.keyword === 'minimum' ? 'FG2020' : 'FG2021',
        pointer,
        params: { field, value: shown, limit: String(p.limit) },
      };
    case 'uniqueItems':
      return {
        code: 'FG2025',
        pointer,
        params: { field, first: Number(p.j) + 1, second: Number(p.i) + 1 },
      };
    default:
      break;
  }
  return { code: 'FG2029', pointer, params: { field, detail: error.message ?? error.keyword } };
}
