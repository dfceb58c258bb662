import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ValidateFunction } from 'ajv';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import {
  compileValidator,
  standaloneSource,
  type FileKind,
} from '../src/validate/schema-compile.js';
import { schemaIssues } from '../src/validate/schema.js';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const fixture = (name: string): Record<string, unknown> =>
  parse(readFileSync(path.join(repo, 'test/fixtures/validate', name), 'utf8')) as Record<
    string,
    unknown
  >;
const bases: Record<FileKind, Record<string, unknown>> = {
  plan: fixture('plan.yaml'),
  progress: fixture('progress-2025q1.yaml'),
  county: fixture('county.yaml'),
};

/** Runs a generated CommonJS module the way `require` would, resolving from the package root. */
function loadGenerated(source: string): ValidateFunction {
  const module = { exports: {} as unknown };
  const requireFromRepo = createRequire(path.join(repo, 'package.json'));
  new Function('module', 'exports', 'require', source)(module, module.exports, requireFromRepo);
  return module.exports as ValidateFunction;
}

/**
 * Broken variants of a valid document, one change each at every mapping and list: a key
 * removed, an unknown key added, a value of the wrong type, a string that is too long or does not
 * match its pattern.
 */
function variants(base: Record<string, unknown>): unknown[] {
  const out: unknown[] = [];
  const paths: (string | number)[][] = [];
  const walk = (node: unknown, at: (string | number)[]): void => {
    if (node === null || typeof node !== 'object') return;
    paths.push(at);
    const entries = Array.isArray(node)
      ? node.map((v, i) => [i, v] as const)
      : Object.entries(node);
    for (const [k, v] of entries) walk(v, [...at, k]);
  };
  walk(base, []);
  const at = (doc: unknown, p: (string | number)[]): Record<string | number, unknown> =>
    p.reduce<unknown>((n, k) => (n as Record<string | number, unknown>)[k], doc) as Record<
      string | number,
      unknown
    >;
  for (const p of paths) {
    const keys = Object.keys(at(base, p));
    const mutate = (change: (node: Record<string | number, unknown>) => void): void => {
      const doc = structuredClone(base);
      change(at(doc, p));
      out.push(doc);
    };
    mutate((n) => (Array.isArray(n) ? n.push(42) : (n.titel = 'x')));
    for (const key of keys.slice(0, 3)) {
      mutate((n) => delete n[key]);
      mutate((n) => (n[key] = typeof n[key] === 'string' ? 7 : 'x'.repeat(600)));
      mutate((n) => (n[key] = typeof n[key] === 'string' ? `${String(n[key])} ~/` : null));
    }
  }
  return out;
}

describe('schema validators generated at build time (ajv standalone)', () => {
  for (const kind of ['plan', 'progress'] as const) {
    it(`${kind}: the generated module reports exactly what the runtime-compiled schema reports`, () => {
      const generated = loadGenerated(standaloneSource(kind));
      const runtime = compileValidator(kind);
      expect(schemaIssues(kind, bases[kind], 'en', generated)).toEqual([]);
      const docs = variants(bases[kind]);
      let broken = 0;
      for (const doc of docs) {
        for (const lang of ['en', 'zh-CN'] as const) {
          const expected = schemaIssues(kind, doc, lang, runtime);
          expect(schemaIssues(kind, doc, lang, generated)).toEqual(expected);
          if (expected.length > 0) broken++;
        }
      }
      // The comparison means something only if most variants are really invalid.
      expect(broken).toBeGreaterThan(docs.length);
    });
  }

  it('names allowed keys and field titles from the parent schema inside $ref definitions', () => {
    // `#/definitions/measure` and `indicator` hold refs themselves, so ajv does not inline them.
    const plan = structuredClone(bases.plan) as {
      measures: Record<string, unknown>[];
      goals: { indicators: Record<string, unknown>[] }[];
    };
    const measure = plan.measures[0] as Record<string, unknown>;
    measure.titel = measure.title;
    delete measure.title;
    delete (plan.goals[0]?.indicators[0] as Record<string, unknown>).name;
    const generated = loadGenerated(standaloneSource('plan'));
    const issues = schemaIssues('plan', plan, 'en', generated);
    expect(issues.map((i) => `${i.code} ${i.pointer}`)).toEqual([
      'FG2011 /measures/0/titel',
      'FG2010 /goals/0/indicators/0',
    ]);
    const [typo, missing] = issues;
    expect(typo?.hints).toContainEqual({ code: 'FG2901', params: { suggestion: 'title' } });
    expect(missing?.params).toEqual({ key: 'name', title: '指标名称' });
  });
});

const built = existsSync(path.join(repo, 'dist/validate/generated/plan.cjs'));
if (!built) {
  console.warn(
    'validate-generated: dist/ not built, skipping the built-package checks (npm run build)',
  );
}

describe.skipIf(!built)('the built package', () => {
  it('ships generated validators that match the current schemas (rebuild after editing schemas/)', () => {
    for (const kind of ['plan', 'progress'] as const) {
      const shipped = readFileSync(path.join(repo, `dist/validate/generated/${kind}.cjs`), 'utf8');
      expect(shipped, `dist/validate/generated/${kind}.cjs is stale: npm run build`).toBe(
        standaloneSource(kind),
      );
    }
  });

  it('validates with the generated module, never loading the ajv compiler or the yaml package', () => {
    const script = `
      const core = await import(${JSON.stringify(path.join(repo, 'dist/validate/index.js'))});
      const schema = await import(${JSON.stringify(path.join(repo, 'dist/validate/schema.js'))});
      const result = await core.validateFile(${JSON.stringify(path.join(repo, 'test/fixtures/validate/plan.yaml'))});
      const { createRequire } = await import('node:module');
      const loaded = Object.keys(createRequire(import.meta.url).cache);
      console.log(JSON.stringify({
        diagnostics: result.diagnostics.length,
        origin: schema.validatorOrigin('plan'),
        ajvCompiler: loaded.some((f) => /ajv[\\\\/]dist[\\\\/](core|compile)/.test(f)),
        yaml: loaded.some((f) => /node_modules[\\\\/]yaml[\\\\/]/.test(f)),
        progressLoaded: loaded.some((f) => f.endsWith('progress.cjs')),
      }));`;
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
      encoding: 'utf8',
    });
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout)).toEqual({
      diagnostics: 0,
      origin: 'generated',
      ajvCompiler: false,
      yaml: false,
      progressLoaded: false,
    });
  });
});
