/**
 * The package as users get it: the `exports` subpaths documented in docs/api.md, their examples
 * run through the package name, and `npm pack` installed into an empty folder where
 * `npx fangan` and the same examples must work. Needs a build (`npm test` builds first).
 *
 * The install is offline: the empty folder gets a lockfile made from this repository's (the
 * runtime dependencies only, plus the tarball), so `npm ci --offline` takes every package from the
 * npm cache that `npm ci` filled. Only when a package is missing from the cache does it fall back
 * to the registry (--prefer-offline).
 */
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = process.cwd();
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
  name: string;
  version: string;
  exports: Record<string, string | { types: string; import: string }>;
  dependencies: Record<string, string>;
  bin: Record<string, string>;
  engines: Record<string, string>;
  license: string;
};
const apiDoc = readFileSync(path.join(root, 'docs/api.md'), 'utf8');
const work = mkdtempSync(path.join(tmpdir(), 'fangan-package-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Temporary files of the examples and of npm go here, so nothing is left behind in /tmp. */
const childTmp = path.join(work, 'tmp');
mkdirSync(childTmp);

/** The environment of a child npm/node: without the npm_* settings of the `npm test` around us. */
const childEnv = (): NodeJS.ProcessEnv => {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    const name = key.toLowerCase();
    if (!name.startsWith('npm_') || name === 'npm_config_cache') env[key] = value;
  }
  env.TMPDIR = childTmp;
  return env;
};

const sh = (cmd: string, args: string[], cwd: string): SpawnSyncReturns<string> =>
  spawnSync(cmd, args, { cwd, encoding: 'utf8', env: childEnv(), timeout: 240_000 });

/** What went wrong, for the assertion message. */
const why = (r: SpawnSyncReturns<string>): string =>
  `exit ${r.status}${r.error ? ` (${r.error.message})` : ''}\n${r.stdout}\n${r.stderr}`;

/** The ```js blocks of docs/api.md, each with the subpaths it imports. */
const examples = [...apiDoc.matchAll(/```js\n([\s\S]*?)```/g)].map((m) => {
  const code = m[1] ?? '';
  const specifiers = [...code.matchAll(/(?:from |require\()'(fangan[^']*)'/g)].map((s) => s[1]);
  return { code, specifiers };
});

const runExamples = (cwd: string): void => {
  for (const { code, specifiers } of examples) {
    const r = sh(process.execPath, ['--input-type=module', '-e', code], cwd);
    expect(r.status, `example importing ${specifiers.join(', ')}: ${why(r)}`).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout.trim().length).toBeGreaterThan(0);
  }
};

/** Subpath as imported: "." -> "fangan", "./docx" -> "fangan/docx". */
const specifierOf = (key: string): string =>
  key === '.' ? pkg.name : `${pkg.name}/${key.slice(2)}`;
const codeEntries = Object.entries(pkg.exports).filter(
  (e): e is [string, { types: string; import: string }] => typeof e[1] === 'object',
);

describe('public API (package.json exports, docs/api.md)', () => {
  it('every code subpath has its built entry file and type declarations', () => {
    expect(codeEntries.map(([key]) => key)).toEqual(['.', './validate', './docx', './report']);
    for (const [, target] of codeEntries) {
      expect(existsSync(path.join(root, target.import)), target.import).toBe(true);
      expect(existsSync(path.join(root, target.types)), target.types).toBe(true);
    }
  });

  it('docs/api.md has a section and a runnable example for every subpath', () => {
    const imported = new Set(examples.flatMap((e) => e.specifiers));
    for (const key of Object.keys(pkg.exports)) {
      const specifier = specifierOf(key).replace('*.json', '');
      if (key !== './package.json') expect(apiDoc, key).toContain(`## \`${specifierOf(key)}\``);
      expect(
        [...imported].some((s) => s === specifier || s?.startsWith(specifier)),
        `no example imports ${specifier}`,
      ).toBe(true);
    }
  });

  it('every function and class a subpath exports is named in docs/api.md', async () => {
    for (const [key] of codeEntries) {
      const names = Object.keys(await import(specifierOf(key)));
      expect(names.length, key).toBeGreaterThan(0);
      const missing = names.filter((name) => !apiDoc.includes(`\`${name}\``));
      expect(missing, `${specifierOf(key)} exports undocumented names`).toEqual([]);
    }
  });

  it('internal helpers are no longer exported from the package root', async () => {
    const core = await import(pkg.name);
    for (const internal of [
      'parseMarkdown',
      'createTemplateEngine',
      'safeFileName',
      'chineseNumeral',
    ])
      expect(core, internal).not.toHaveProperty(internal);
  });

  it('the examples run through the package name (self-reference inside the repository)', () => {
    // examples/ lies inside the package, so `import 'fangan/…'` resolves through `exports`.
    runExamples(path.join(root, 'examples'));
  }, 180_000);
});

describe('npm pack, installed into an empty folder', () => {
  let files: string[] = [];
  let app = '';

  beforeAll(() => {
    // --ignore-scripts: `prepare` would rebuild dist/ under the other tests' feet; the build ran.
    const packed = sh(
      'npm',
      ['pack', '--ignore-scripts', '--json', '--pack-destination', work],
      root,
    );
    expect(packed.status, why(packed)).toBe(0);
    const [info] = JSON.parse(packed.stdout) as { filename: string; files: { path: string }[] }[];
    files = info!.files.map((f) => f.path);
    const tarball = `file:${path.join(work, info!.filename)}`;

    app = path.join(work, 'app');
    mkdirSync(app);
    const lock = JSON.parse(readFileSync(path.join(root, 'package-lock.json'), 'utf8')) as {
      packages: Record<string, { dev?: boolean }>;
    };
    const runtime = Object.fromEntries(
      Object.entries(lock.packages).filter(([where, entry]) => where !== '' && !entry.dev),
    );
    const manifest = { name: 'app', private: true, dependencies: { [pkg.name]: tarball } };
    writeFileSync(path.join(app, 'package.json'), JSON.stringify(manifest));
    writeFileSync(
      path.join(app, 'package-lock.json'),
      JSON.stringify({
        name: 'app',
        lockfileVersion: 3,
        requires: true,
        packages: {
          '': { name: 'app', dependencies: manifest.dependencies },
          ...runtime,
          [`node_modules/${pkg.name}`]: {
            version: pkg.version,
            resolved: tarball,
            license: pkg.license,
            dependencies: pkg.dependencies,
            bin: pkg.bin,
            engines: pkg.engines,
          },
        },
      }),
    );
    let installed = sh('npm', ['ci', '--offline', '--no-audit', '--no-fund'], app);
    if (installed.status !== 0 && /ENOTCACHED/.test(installed.stderr)) {
      console.warn('npm cache incomplete: installing the tarball with --prefer-offline');
      installed = sh('npm', ['ci', '--prefer-offline', '--no-audit', '--no-fund'], app);
    }
    expect(installed.status, why(installed)).toBe(0);
    cpSync(path.join(root, 'examples/qingxi'), path.join(app, 'qingxi'), { recursive: true });
  }, 300_000);

  it('ships the built code, schemas, templates, docs and licence, and no tests or sources', () => {
    for (const needed of [
      'package.json',
      'README.md',
      'LICENSE',
      'CHANGELOG.md',
      'bin/fangan.js',
      'dist/index.js',
      'dist/index.d.ts',
      'dist/cli/main.js',
      'dist/api/validate.js',
      'dist/api/docx.d.ts',
      'dist/api/report.js',
      'schemas/plan.schema.json',
      'schemas/plan.zh.schema.json',
      'templates/plan.md.hbs',
      'docs/api.md',
      'docs/codes.md',
    ])
      expect(files, needed).toContain(needed);
    const top = new Set(files.map((f) => f.split('/')[0]));
    for (const forbidden of ['test', 'bench', '.ci', 'src', 'scripts', 'node_modules', 'examples'])
      expect(top, forbidden).not.toContain(forbidden);
    expect(files.filter((f) => /\.test\.|tsbuildinfo|\.tmp$/.test(f))).toEqual([]);
  });

  it('installs without building: no TypeScript compiler in the installed tree', () => {
    expect(existsSync(path.join(app, 'node_modules', pkg.name, 'dist/index.js'))).toBe(true);
    expect(existsSync(path.join(app, 'node_modules/typescript'))).toBe(false);
  });

  it('npx fangan --version and npx fangan validate work from the installed package', () => {
    // --no: never download a package of that name from the registry instead.
    const version = sh('npx', ['--no', '--', 'fangan', '--version'], app);
    expect(version.status, why(version)).toBe(0);
    expect(version.stdout.trim()).toBe(pkg.version);

    const valid = sh('npx', ['--no', '--', 'fangan', 'validate', 'qingxi/plan.yaml'], app);
    expect(valid.status, why(valid)).toBe(0);

    writeFileSync(path.join(app, 'bad.yaml'), 'kind: plan\ntitle: 某镇工作方案\n');
    const bad = sh('npx', ['--no', '--', 'fangan', 'validate', 'bad.yaml', '--lang', 'en'], app);
    expect(bad.status, why(bad)).toBe(1);
    expect(bad.stdout + bad.stderr).toMatch(/bad\.yaml:\d+:\d+/);
    expect(bad.stdout + bad.stderr).toContain('FG2010');
  }, 180_000);

  it('the docs/api.md examples run against the installed package', () => {
    runExamples(app);
  }, 180_000);
});
