/**
 * The user docs must not drift from the code:
 * - every YAML block in docs/format.md marked `<!-- example: plan -->` or `<!-- example: progress -->`
 *   is a complete file that validates with no errors and no warnings (progress examples against the
 *   first plan example, as if it were their `plan:`), and every top-level field of the plan and
 *   progress schemas is named there;
 * - every key of schemas/profile.schema.json is described in docs/word-layout.md with the default of
 *   templates/profiles/gbt9704.json on its row, and every profile key that page names exists in the
 *   schema;
 * - every `fangan:` layout directive the Word writer handles is listed in render.md and
 *   internals.md, and they list no other;
 * - every FG code any page of docs/ names is in the message catalogue.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { catalog } from '../src/diagnostics/catalog.js';
import type { Diagnostic } from '../src/diagnostics/types.js';
import type { Plan } from '../src/model/types.js';
import { loadPlan, validateText } from '../src/validate/index.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const docsDir = join(root, 'docs');
const read = (name: string): string => readFileSync(join(docsDir, name), 'utf8');

interface Example {
  kind: string;
  text: string;
  /** 1-based line of the block's first YAML line in docs/format.md. */
  line: number;
}

/** The marked examples of a page, in page order. */
function markedExamples(page: string): Example[] {
  const out: Example[] = [];
  for (const m of page.matchAll(/<!-- example: (\w+) -->\n```yaml\n([\s\S]*?)```/g)) {
    const before = page.slice(0, (m.index ?? 0) + m[0].indexOf('```yaml') + '```yaml\n'.length);
    out.push({ kind: m[1] ?? '', text: m[2] ?? '', line: before.split('\n').length });
  }
  return out;
}

/** Diagnostics as `format.md:<line of the page> CODE message`, so a failure points at the doc. */
const located = (diagnostics: readonly Diagnostic[], example: Example): string[] =>
  diagnostics.map((d) => `format.md:${example.line + d.line - 1} ${d.code} ${d.message}`);

describe('docs/format.md examples', () => {
  const page = read('format.md');
  const examples = markedExamples(page);
  const scratch = mkdtempSync(join(tmpdir(), 'fangan-docs-'));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it('marks full plan and progress examples, and every marker sits on a yaml block', () => {
    expect(examples.filter((e) => e.kind === 'plan').length).toBeGreaterThanOrEqual(2);
    expect(examples.filter((e) => e.kind === 'progress').length).toBeGreaterThanOrEqual(2);
    const markers = [...page.matchAll(/^<!-- example: (\w+) -->$/gm)].length;
    expect(markers, 'a marker not followed directly by a ```yaml block').toBe(examples.length);
    expect(new Set(examples.map((e) => e.kind))).toEqual(new Set(['plan', 'progress']));
  });

  it.each(markedExamples(page).map((e, i) => [i + 1, e.kind, e] as const))(
    'example %i (%s) validates with no problems',
    async (_n, kind, example) => {
      let plan: Plan | undefined;
      if (kind === 'progress') {
        const first = examples.find((e) => e.kind === 'plan');
        const file = join(scratch, 'plan.yaml');
        writeFileSync(file, first?.text ?? '');
        const loaded = await loadPlan(file, { lang: 'en' });
        expect(loaded.result.diagnostics).toEqual([]);
        plan = loaded.plan;
        expect(plan).toBeDefined();
      }
      const result = validateText(example.text, {
        file: 'example.yaml',
        lang: 'en',
        ...(plan ? { plan } : {}),
      });
      expect(result.kind).toBe(kind);
      expect(located(result.diagnostics, example)).toEqual([]);
    },
  );

  it('names every top-level field of the plan and progress schemas', () => {
    for (const kind of ['plan', 'progress']) {
      const schema = JSON.parse(
        readFileSync(join(root, 'schemas', `${kind}.schema.json`), 'utf8'),
      ) as { properties: Record<string, unknown> };
      const missing = Object.keys(schema.properties).filter((key) => !page.includes(`\`${key}\``));
      expect(missing, kind).toEqual([]);
    }
  });

  it('the check catches a broken example (a misspelt key)', () => {
    const example = examples.find((e) => e.kind === 'plan');
    const broken = (example?.text ?? '').replace(/^issuer:/m, 'isuer:');
    expect(broken).not.toBe(example?.text);
    const codes = validateText(broken, { file: 'example.yaml', lang: 'en' }).diagnostics.map(
      (d) => d.code,
    );
    expect(codes).toContain('FG2011');
  });
});

// ---- profile keys ----------------------------------------------------------------------

interface SchemaNode {
  $ref?: string;
  type?: string;
  properties?: Record<string, SchemaNode>;
  definitions?: Record<string, SchemaNode>;
}

/** Dotted paths of every key of the profile schema (objects and leaves), `$ref`s followed. */
function profileKeys(): { objects: string[]; leaves: string[] } {
  const schema = JSON.parse(
    readFileSync(join(root, 'schemas', 'profile.schema.json'), 'utf8'),
  ) as SchemaNode;
  const resolveRef = (node: SchemaNode): SchemaNode =>
    node.$ref ? (schema.definitions?.[node.$ref.split('/').pop() ?? ''] ?? node) : node;
  const objects: string[] = [];
  const leaves: string[] = [];
  const walk = (node: SchemaNode, path: string): void => {
    const target = resolveRef(node);
    if (target.properties && path !== '') objects.push(path);
    if (!target.properties) {
      leaves.push(path);
      return;
    }
    for (const [key, child] of Object.entries(target.properties))
      walk(child, path === '' ? key : `${path}.${key}`);
  };
  walk(schema, '');
  return { objects, leaves };
}

describe('docs/word-layout.md describes every style profile key', () => {
  const page = read('word-layout.md');
  const lines = page.split('\n');
  const { objects, leaves } = profileKeys();
  const ticked = (name: string): string => `\`${name}\``;

  it('finds the keys of the schema', () => {
    expect(objects).toContain('styles.colophon');
    expect(leaves).toContain('styles.colophon.placement');
    expect(leaves).toContain('fonts.fallbacks');
    expect(leaves.length).toBeGreaterThan(100);
  });

  it('names every object of the profile', () => {
    const missing = objects.filter((path) => !page.includes(ticked(path)));
    expect(missing).toEqual([]);
  });

  // Parts of the page between headings and bold lead-ins (`**段落样式**`): a table of keys shared by
  // several styles describes them for every style its part names.
  const parts = page.split(/\n(?=#|\*\*)/);

  it('describes every key: `a.b.c` itself, or `c` with `a.b` on one line or in one part', () => {
    const described = (path: string): boolean => {
      if (page.includes(ticked(path))) return true;
      const cut = path.lastIndexOf('.');
      if (cut < 0) return false;
      const parent = ticked(path.slice(0, cut));
      const key = ticked(path.slice(cut + 1));
      const both = (text: string): boolean => text.includes(parent) && text.includes(key);
      return lines.some(both) || parts.some(both);
    };
    expect(leaves.filter((path) => !described(path))).toEqual([]);
  });

  it('gives the built-in default of every key on its row', () => {
    const builtin = JSON.parse(
      readFileSync(join(root, 'templates', 'profiles', 'gbt9704.json'), 'utf8'),
    ) as Record<string, unknown>;
    const defaults: [string, string][] = [];
    const flatten = (node: unknown, path: string): void => {
      if (typeof node === 'object' && node !== null && !Array.isArray(node)) {
        // fonts.fallbacks is a table of font names; its rows list them in prose.
        if (path === 'fonts.fallbacks') return;
        for (const [key, value] of Object.entries(node))
          flatten(value, path === '' ? key : `${path}.${key}`);
      } else if (path !== 'description') defaults.push([path, String(node)]);
    };
    flatten(builtin, '');
    expect(defaults.length).toBeGreaterThan(80);
    const wrong = defaults.filter(([path, value]) => {
      const own = lines.filter((line) => line.includes(ticked(path)));
      const parent = ticked(path.slice(0, path.lastIndexOf('.')));
      const rows = own.length > 0 ? own : lines.filter((line) => line.includes(parent));
      return !rows.some((line) => line.includes(value));
    });
    expect(wrong).toEqual([]);
  });

  it('names no profile key that the schema does not have', () => {
    const known = new Set([...objects, ...leaves]);
    const named = [...page.matchAll(/`((?:page|fonts|styles)\.[A-Za-z0-9.]+)`/g)].map(
      (m) => m[1] ?? '',
    );
    expect(named.length).toBeGreaterThan(20);
    // `fonts.fallbacks.<font name>` is a map: its keys are font names, not schema keys.
    expect(named.filter((name) => !known.has(name))).toEqual([]);
  });
});

// ---- the Markdown dialect ----------------------------------------------------------------

describe('docs/render.md and docs/internals.md list the fangan: directives of the Word writer', () => {
  const source = readFileSync(join(root, 'src', 'docx', 'build.ts'), 'utf8');
  const start = source.indexOf('private html(');
  const end = source.indexOf('private takeRole(', start);
  const handled = [...source.slice(start, end).matchAll(/case '([a-z-]+)':/g)].map((m) => m[1]);

  it('finds the directives in src/docx/build.ts', () => {
    expect(start).toBeGreaterThan(0);
    expect(handled).toContain('masthead');
    expect(handled).toContain('colophon');
  });

  it.each(['render.md', 'internals.md'])('%s names every directive and no other', (name) => {
    const page = read(name);
    expect(handled.filter((d) => !page.includes(`fangan:${d}`))).toEqual([]);
    const named = new Set([...page.matchAll(/fangan:([a-z-]+)/g)].map((m) => m[1]));
    expect([...named].filter((d) => !handled.includes(d))).toEqual([]);
  });
});

// ---- message codes ---------------------------------------------------------------------

describe('docs name only codes of the catalogue', () => {
  const pages = readdirSync(docsDir).filter((name) => name.endsWith('.md'));

  it.each(pages)('%s', (name) => {
    const codes = [...new Set(read(name).match(/FG\d{4}/g) ?? [])];
    expect(codes.filter((code) => !(code in catalog))).toEqual([]);
  });

  it('reads the pages this slice documents', () => {
    for (const name of ['format.md', 'render.md', 'word-layout.md', 'internals.md', 'report.md'])
      expect(pages).toContain(name);
  });
});
