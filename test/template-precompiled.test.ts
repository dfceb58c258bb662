import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Handlebars from 'handlebars';
import { describe, expect, it, vi } from 'vitest';
import { loadPlan } from '../src/validate/index.js';
import { renderPlan } from '../src/render/index.js';

// The build compiles the built-in templates to dist/template/precompiled.cjs (npm test builds
// first). The built engine must use it for every built-in template and give exactly the bytes the
// run-time compiler gives (the tests import src/, which has no precompiled module).
const root = fileURLToPath(new URL('..', import.meta.url));
const templatesDir = join(root, 'templates');
const builtins = [
  ...readdirSync(templatesDir)
    .filter((f) => f.endsWith('.md.hbs'))
    .map((f) => join(templatesDir, f)),
  ...readdirSync(join(templatesDir, 'partials'))
    .filter((f) => f.endsWith('.md.hbs'))
    .map((f) => join(templatesDir, 'partials', f)),
];

describe('precompiled built-in templates', () => {
  const list = createRequire(import.meta.url)(join(root, 'dist/template/precompiled.cjs')) as {
    source: string;
    spec: unknown;
  }[];

  it('has one entry for the exact text of every built-in template', () => {
    const sources = new Set(list.map((e) => e.source));
    expect(list.length).toBe(builtins.length);
    for (const file of builtins) expect(sources.has(readFileSync(file, 'utf8')), file).toBe(true);
  });

  it('renders the official example plan byte for byte as the run-time compiler does', async () => {
    const dist = (await import(join(root, 'dist/render/index.js'))) as {
      renderPlan: typeof renderPlan;
    };
    const distLoad = (await import(join(root, 'dist/validate/index.js'))) as {
      loadPlan: typeof loadPlan;
    };
    const file = join(root, 'examples/qingxi/plan-official.yaml');
    const fromSrc = await loadPlan(file);
    const fromDist = await distLoad.loadPlan(file);
    if (!fromSrc.plan || !fromDist.plan) throw new Error('example plan does not load');
    // Count run-time compiles: every engine instance comes from Handlebars.create().
    let compiles = 0;
    const create = Handlebars.create.bind(Handlebars);
    const spy = vi.spyOn(Handlebars, 'create').mockImplementation(() => {
      const hb = create();
      const compile = hb.compile.bind(hb);
      hb.compile = ((...args: Parameters<typeof compile>) => {
        compiles++;
        return compile(...args);
      }) as typeof hb.compile;
      return hb;
    });
    for (const notice of [false, true]) {
      compiles = 0;
      const a = await renderPlan(fromSrc.plan, { to: ['docx', 'md'], notice });
      expect(compiles, 'src/ compiles at run time').toBeGreaterThan(0);
      compiles = 0;
      const b = await dist.renderPlan(fromDist.plan, { to: ['docx', 'md'], notice });
      expect(compiles, 'dist/ uses the precompiled templates').toBe(0);
      expect(a.diagnostics).toEqual([]);
      expect(b.diagnostics).toEqual([]);
      expect(b.files[1]?.data).toBe(a.files[1]?.data);
      expect(
        Buffer.from(b.files[0]?.data as Uint8Array).equals(
          Buffer.from(a.files[0]?.data as Uint8Array),
        ),
      ).toBe(true);
    }
    spy.mockRestore();
  });
});
