import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from '../src/cli/main.js';
import { checkOne, type ValidateCore } from '../src/cli/validate-one.js';
import { defaultJobs, MIN_FILES_PER_THREAD, threadsFor } from '../src/cli/validate-pool.js';
import { availableParallelism } from 'node:os';
import { captureIO } from './helpers/io.js';
import { parseXml } from './helpers/xml.js';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const fixtures = path.join(repo, 'test/fixtures/cli');

/** Runs `fangan <args>` in-process with the fixtures folder as cwd. */
async function fangan(
  args: string[],
  options: { env?: Record<string, string>; stdin?: string } = {},
) {
  const io = captureIO({ cwd: fixtures, ...options });
  const code = await run(args, io);
  return { code, out: io.out(), err: io.err() };
}

/** An ANSI escape sequence (CSI). */
const ANSI = new RegExp(`${String.fromCharCode(27)}\\[`);

describe('fangan validate: files and exit codes', () => {
  it('passes a folder of valid plans (recursing into sub-folders) with exit 0', async () => {
    const r = await fangan(['validate', 'plans']);
    expect(r.err).toBe('');
    expect(r.out).toBe('✔ 共 2 个文件，没有发现问题\n');
    expect(r.code).toBe(0);
  });

  it('reports errors with file:line:col, a code frame and a summary, exit 1', async () => {
    const r = await fangan(['validate', 'bad/typo.yaml', 'plans/valid.yaml']);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/^bad\/typo\.yaml:3:1 {2}错误 {2}.*titel.* {2}FG2\d{3}$/m);
    expect(r.out).toMatch(/^> 3 │ titel: 石桥镇创建健康促进镇工作方案$/m);
    expect(r.out).toMatch(/^bad\/typo\.yaml:27:11 {2}错误 {2}.*wsyy.* {2}FG2\d{3}$/m);
    expect(r.out).toMatch(/^✖ \d+ 个问题（\d+ 个错误，0 个警告），共 2 个文件$/m);
    expect(r.out).not.toContain('plans/valid.yaml');
  });

  it('speaks English with --lang en and with an English locale', async () => {
    const flag = await fangan(['validate', '--lang', 'en', 'bad/typo.yaml']);
    expect(flag.out).toMatch(/^bad\/typo\.yaml:3:1 {2}error {2}/m);
    expect(flag.out).toMatch(/^✖ \d+ problems \(\d+ errors, 0 warnings\) in 1 file$/m);
    const env = await fangan(['validate', 'bad/typo.yaml'], { env: { LANG: 'en_US.UTF-8' } });
    expect(env.out).toBe(flag.out);
  });

  it('lets warnings pass, fails them with --strict or --max-warnings, hides them with --quiet', async () => {
    const plain = await fangan(['validate', 'warn/unserved-goal.yaml']);
    expect(plain.code).toBe(0);
    expect(plain.out).toMatch(/^warn\/unserved-goal\.yaml:20:\d+ {2}警告 {2}.*G2/m);

    expect((await fangan(['validate', '--strict', 'warn/unserved-goal.yaml'])).code).toBe(1);

    const quiet = await fangan(['validate', '--quiet', 'warn/unserved-goal.yaml']);
    expect(quiet.code).toBe(0);
    expect(quiet.out).toBe('✔ 共 1 个文件，没有发现问题\n');

    const max = await fangan(['validate', '--max-warnings', '0', 'warn/unserved-goal.yaml']);
    expect(max.code).toBe(1);
    expect(max.err).toMatch(/FG9006 警告有 1 个，超过了 --max-warnings 允许的 0 个/);
    expect(
      (await fangan(['validate', '--max-warnings', '1', 'warn/unserved-goal.yaml'])).code,
    ).toBe(0);
  });

  it('expands quoted globs', async () => {
    const r = await fangan(['validate', '--format', 'json', 'plans/**/*.{yaml,yml}']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out).map((f: { file: string }) => f.file)).toEqual([
      'plans/sub/another.yml',
      'plans/valid.yaml',
    ]);
  });

  it('reads standard input for "-", named <stdin> or by --stdin-filename', async () => {
    const text = await readFile(path.join(fixtures, 'bad/typo.yaml'), 'utf8');
    const r = await fangan(['validate', '-'], { stdin: text });
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/^<stdin>:3:1 {2}错误 {2}/m);
    const named = await fangan(
      ['validate', '--stdin-filename', 'plans/新方案.yaml', 'plans/valid.yaml', '-'],
      {
        stdin: text,
      },
    );
    expect(named.out).toMatch(/^plans\/新方案\.yaml:3:1 {2}错误 {2}/m);
    expect(named.out).toMatch(/共 2 个文件/);
  });

  it('checks a progress file on standard input against its plan, relative to cwd or --stdin-filename', async () => {
    const progress = await readFile(
      path.join(repo, 'test/fixtures/validate/progress-2025q1.yaml'),
      'utf8',
    );
    expect(progress.split('\nplan: plan.yaml\n')).toHaveLength(2);
    const diagnostics = async (text: string, extra: string[] = []) => {
      const r = await fangan(['validate', '-f', 'json', ...extra, '-'], { stdin: text });
      const [result] = JSON.parse(r.out) as { file: string; diagnostics: { code: string }[] }[];
      return { code: r.code, file: result?.file, codes: result?.diagnostics.map((d) => d.code) };
    };
    // cwd is test/fixtures/cli: the plan is one folder over.
    const fromCwd = progress.replace('\nplan: plan.yaml\n', '\nplan: ../validate/plan.yaml\n');
    expect(await diagnostics(fromCwd)).toEqual({ code: 0, file: '<stdin>', codes: [] });
    // A measure the plan does not have is only caught by checking against the plan.
    const unknownMeasure = fromCwd.replace('  - id: M2\n', '  - id: M99\n');
    expect((await diagnostics(unknownMeasure)).codes).toEqual(['FG2204']);
    // Relative to the folder of --stdin-filename, like the file would be on disk.
    expect(await diagnostics(progress, ['--stdin-filename', '../validate/2025q1.yaml'])).toEqual({
      code: 0,
      file: '../validate/2025q1.yaml',
      codes: [],
    });
    expect((await diagnostics(progress)).codes).toEqual(['FG2201']);
  });

  it('exits 2 with a clear message for missing paths, empty globs and bad options', async () => {
    const missing = await fangan(['validate', 'no-such-plan.yaml']);
    expect(missing).toMatchObject({ code: 2, out: '' });
    expect(missing.err).toBe('fangan: FG9001 找不到路径：no-such-plan.yaml\n');

    const glob = await fangan(['validate', '--lang', 'en', 'plans/*.json']);
    expect(glob.code).toBe(2);
    expect(glob.err).toBe('fangan: FG9002 No YAML files matched: plans/*.json\n');

    const format = await fangan(['validate', '--format', 'xml', 'plans']);
    expect(format.code).toBe(2);
    expect(format.err).toMatch(/FG9004 .*xml.*stylish, json, github, sarif, junit/);

    const jobs = await fangan(['validate', '--jobs', '0', 'plans']);
    expect(jobs.code).toBe(2);
    expect(jobs.err).toMatch(/FG9005 --jobs/);

    expect((await fangan(['validate'])).code).toBe(2);
  });

  it('turns a file-system error while reading into exit 2 (FG9003), not a crash', async () => {
    const core: ValidateCore = {
      validateFile: () =>
        Promise.reject(
          Object.assign(new Error('EACCES: permission denied'), {
            code: 'EACCES',
            syscall: 'open',
          }),
        ),
      validateSource: () => Promise.resolve({ file: '', diagnostics: [] }),
    };
    const outcome = await checkOne(
      core,
      { display: 'a.yaml', absolute: '/x/a.yaml' },
      {
        lang: 'zh-CN',
        keepSource: false,
      },
    );
    expect(outcome).toEqual({ failure: { file: 'a.yaml', reason: 'EACCES' } });
    const bug: ValidateCore = { ...core, validateFile: () => Promise.reject(new TypeError('bug')) };
    await expect(
      checkOne(
        bug,
        { display: 'a.yaml', absolute: '/x/a.yaml' },
        { lang: 'zh-CN', keepSource: false },
      ),
    ).rejects.toThrow(TypeError);
  });
});

describe('fangan validate: threads', () => {
  it('defaults to the idle CPUs, at least one', () => {
    const jobs = defaultJobs();
    expect(Number.isInteger(jobs)).toBe(true);
    expect(jobs).toBeGreaterThanOrEqual(1);
    expect(jobs).toBeLessThanOrEqual(availableParallelism());
  });

  it('adds a thread only for every MIN_FILES_PER_THREAD files, up to --jobs', () => {
    expect(threadsFor(0, 4)).toBe(1);
    expect(threadsFor(2 * MIN_FILES_PER_THREAD - 1, 4)).toBe(1);
    expect(threadsFor(2 * MIN_FILES_PER_THREAD, 4)).toBe(2);
    expect(threadsFor(100 * MIN_FILES_PER_THREAD, 4)).toBe(4);
    expect(threadsFor(100 * MIN_FILES_PER_THREAD, 1)).toBe(1);
  });
});

describe('fangan validate: output formats', () => {
  it('json: an array of {file, kind, diagnostics}', async () => {
    const r = await fangan(['validate', '-f', 'json', 'bad/typo.yaml', 'plans/valid.yaml']);
    expect(r.code).toBe(1);
    const parsed = JSON.parse(r.out);
    expect(parsed).toHaveLength(2);
    expect(parsed[0]).toMatchObject({ file: 'bad/typo.yaml', kind: 'plan' });
    expect(parsed[0].diagnostics[0]).toMatchObject({
      file: 'bad/typo.yaml',
      line: 3,
      column: 1,
      severity: 'error',
    });
    expect(parsed[0]).not.toHaveProperty('source');
    expect(parsed[1]).toEqual({ file: 'plans/valid.yaml', kind: 'plan', diagnostics: [] });
  });

  it('sarif: version 2.1.0 with the right regions', async () => {
    const r = await fangan(['validate', '--format', 'sarif', 'bad/typo.yaml']);
    const log = JSON.parse(r.out);
    expect(log.version).toBe('2.1.0');
    const result = log.runs[0].results[0];
    expect(result.locations[0].physicalLocation.artifactLocation.uri).toBe('bad/typo.yaml');
    expect(result.locations[0].physicalLocation.region).toMatchObject({
      startLine: 3,
      startColumn: 1,
    });
    const ruleIds = log.runs[0].tool.driver.rules.map((x: { id: string }) => x.id);
    expect(ruleIds).toContain(result.ruleId);
    expect(log.runs[0].tool.driver.version).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('junit: well-formed XML', async () => {
    const r = await fangan(['validate', '--format', 'junit', 'bad/typo.yaml', 'plans/valid.yaml']);
    const { root, error } = parseXml(r.out);
    expect(error).toBeUndefined();
    expect(root?.children.map((s) => s.attributes.name)).toEqual([
      'bad/typo.yaml',
      'plans/valid.yaml',
    ]);
    expect(Number(root?.attributes.failures)).toBeGreaterThanOrEqual(2);
  });

  it('github: workflow commands', async () => {
    const r = await fangan(['validate', '--format', 'github', 'bad/typo.yaml']);
    expect(r.out).toMatch(/^::error file=bad\/typo\.yaml,line=3,col=1,(.*,)?title=FG2\d{3}::/m);
    expect(r.code).toBe(1);
  });

  it('colours stylish output only when allowed (NO_COLOR, FORCE_COLOR, TTY)', async () => {
    expect((await fangan(['validate', 'bad/typo.yaml'])).out).not.toMatch(ANSI);
    const forced = await fangan(['validate', 'bad/typo.yaml'], {
      env: { NO_COLOR: '', FORCE_COLOR: '1' },
    });
    expect(forced.out).toMatch(ANSI);
    const both = await fangan(['validate', 'bad/typo.yaml'], {
      env: { NO_COLOR: '1', FORCE_COLOR: '1' },
    });
    expect(both.out).not.toMatch(ANSI);
    const json = await fangan(['validate', '-f', 'json', 'bad/typo.yaml'], {
      env: { NO_COLOR: '', FORCE_COLOR: '1' },
    });
    expect(json.out).not.toMatch(ANSI);
  });
});

const bin = path.join(repo, 'bin/fangan.js');
const MANY = 2 * MIN_FILES_PER_THREAD;
const built = existsSync(path.join(repo, 'dist/cli/validate-worker.js'));
if (!built)
  console.warn(
    'cli-validate: dist/ not built, skipping the spawned-bin tests (run `npm run build`)',
  );

describe.skipIf(!built)('fangan validate: the built bin', () => {
  let many: string;
  let withProblems = 0;
  const spawnFangan = (args: string[], input?: string) =>
    spawnSync(process.execPath, [bin, ...args], {
      cwd: fixtures,
      env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '' },
      encoding: 'utf8',
      ...(input === undefined ? {} : { input }),
    });

  beforeAll(async () => {
    // Enough files for two threads (this one and a worker); every 9th one is bad.
    many = await mkdtemp(path.join(tmpdir(), 'fangan-validate-many-'));
    for (let i = 0; i < MANY; i++) {
      const dir = path.join(many, `town-${Math.floor(i / 10)}`);
      await mkdir(dir, { recursive: true });
      const source =
        i % 9 === 0
          ? 'bad/typo.yaml'
          : i % 7 === 0
            ? 'warn/unserved-goal.yaml'
            : 'plans/valid.yaml';
      if (source !== 'plans/valid.yaml') withProblems++;
      await copyFile(
        path.join(fixtures, source),
        path.join(dir, `plan-${String(i).padStart(3, '0')}.yaml`),
      );
    }
    await writeFile(path.join(many, 'README.md'), '# not a plan\n');
  });
  afterAll(async () => {
    await rm(many, { recursive: true, force: true });
  });

  it('exits 0 / 1 / 2 and prints no colour with NO_COLOR', () => {
    const ok = spawnFangan(['validate', 'plans']);
    expect(ok.status).toBe(0);
    expect(ok.stdout).toBe('✔ 共 2 个文件，没有发现问题\n');
    const bad = spawnFangan(['validate', 'bad']);
    expect(bad.status).toBe(1);
    expect(bad.stdout).not.toMatch(ANSI);
    const missing = spawnFangan(['validate', 'nope']);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/^fangan: FG9001 /);
    expect(missing.stderr).not.toMatch(/\n\s+at /);
  });

  it('stops quietly with its own exit code when the reader closes the pipe (| head)', async () => {
    const child = spawn(process.execPath, [bin, 'validate', '-f', 'json', many], {
      cwd: fixtures,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    // The reader is gone before fangan writes a byte: every write meets EPIPE.
    child.stdout.destroy();
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(stderr).toBe('');
    expect(code).toBe(1);
  });

  it('reads a real pipe on standard input', () => {
    const r = spawnFangan(['validate', '-f', 'json', '-'], 'kind: plan\ntitel: x\n');
    expect(r.status).toBe(1);
    expect(JSON.parse(r.stdout)[0].file).toBe('<stdin>');
  });

  it('gives the same output in input order whether files are checked in 1 or several threads', () => {
    const one = spawnFangan(['validate', '--jobs', '1', '-f', 'json', many]);
    const three = spawnFangan(['validate', '--jobs', '3', '-f', 'json', many]);
    expect(one.status).toBe(1);
    expect(three.status).toBe(1);
    expect(three.stdout).toBe(one.stdout);
    const files = JSON.parse(three.stdout) as { file: string; diagnostics: unknown[] }[];
    expect(files).toHaveLength(MANY);
    expect(files.map((f) => f.file)).toEqual([...files.map((f) => f.file)].sort());
    expect(files.filter((f) => f.diagnostics.length > 0)).toHaveLength(withProblems);
    // Proof that the threads were used: Node writes one CPU profile per thread (this + a worker).
    const profiles = path.join(many, '.profiles');
    const profiled = spawnSync(
      process.execPath,
      ['--cpu-prof', `--cpu-prof-dir=${profiles}`, bin, 'validate', '--jobs', '3', many],
      { encoding: 'utf8' },
    );
    expect(profiled.status).toBe(1);
    expect(readdirSync(profiles)).toHaveLength(2);
    const stylish = spawnFangan(['validate', '--jobs', '2', many]);
    expect(stylish.stdout).toContain('> 3 │ titel:');
  });
});
