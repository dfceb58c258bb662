#!/usr/bin/env node
// Benchmark: `fangan validate` on 1,000 generated plan files against ajv-cli 5 validating the same
// files with the same JSON Schema, measured in the same run; plus CLI start-up against `node -e 0`.
// Plain JS over dist/ (run `npm run build` first, or use `npm run bench`). Prints a table; never fails
// on timings, only when a tool does not run or the files are not valid for both tools.
//
//   node bench/validate.js [--files 1000] [--runs 5]
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generatePlan } from './lib/plans.js';
import { median } from './lib/interleave.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 && process.argv[i + 1] ? Number(process.argv[i + 1]) : fallback;
};
const FILES = arg('files', 1000);
const RUNS = arg('runs', 5);
const planDir = path.join(root, 'bench/tmp/plans');
const schema = path.join(root, 'schemas/plan.schema.json');
const fanganBin = path.join(root, 'bin/fangan.js');
const ajvBin = path.join(root, 'node_modules/ajv-cli/dist/index.js');

function fail(message) {
  console.error(`bench/validate: ${message}`);
  process.exit(1);
}

if (!existsSync(path.join(root, 'dist/cli/main.js')))
  fail('dist/ is missing: run `npm run build` first');
if (!existsSync(schema)) fail(`${path.relative(root, schema)} is missing`);
if (!existsSync(ajvBin)) fail('ajv-cli is not installed (devDependency)');

// 1. The files: regenerated when the count differs (generation is deterministic).
const existing = existsSync(planDir) ? readdirSync(planDir).filter((f) => f.endsWith('.yaml')) : [];
if (existing.length !== FILES) {
  rmSync(planDir, { recursive: true, force: true });
  mkdirSync(planDir, { recursive: true });
  for (let i = 0; i < FILES; i++) {
    const { name, text } = generatePlan(i);
    writeFileSync(path.join(planDir, name), text);
  }
}
// The same plans with every tenth one broken (a misspelt key): failing files need positions.
const invalidDir = path.join(root, 'bench/tmp/plans-invalid');
rmSync(invalidDir, { recursive: true, force: true });
mkdirSync(invalidDir, { recursive: true });
for (const f of readdirSync(planDir)) {
  let text = readFileSync(path.join(planDir, f), 'utf8');
  if (Number(f.match(/\d+/)?.[0] ?? 0) % 10 === 3) text = text.replace(/^title:/m, 'titel:');
  writeFileSync(path.join(invalidDir, f), text);
}
const bytes = readdirSync(planDir).reduce(
  (n, f) => n + readFileSync(path.join(planDir, f)).length,
  0,
);

// 2. The same schema for ajv-cli: its draft from `$schema`, and the other schema files it may $ref.
const schemaJson = JSON.parse(readFileSync(schema, 'utf8'));
const spec = /2020-12/.test(schemaJson.$schema ?? '')
  ? 'draft2020'
  : /2019-09/.test(schemaJson.$schema ?? '')
    ? 'draft2019'
    : 'draft7';
const refs = readdirSync(path.dirname(schema))
  .filter((f) => f.endsWith('.json') && f !== path.basename(schema))
  .filter((f) => JSON.stringify(schemaJson).includes(f))
  .flatMap((f) => ['-r', path.join('schemas', f)]);

const commands = {
  fangan: ['node', [fanganBin, 'validate', 'bench/tmp/plans']],
  fanganOneThread: ['node', [fanganBin, 'validate', '--jobs', '1', 'bench/tmp/plans']],
  fanganAllCpus: [
    'node',
    [fanganBin, 'validate', '--jobs', String(availableParallelism()), 'bench/tmp/plans'],
  ],
  // ajv-cli run directly with node (not through npx) so neither side pays a launcher.
  ajv: [
    'node',
    [
      ajvBin,
      'validate',
      `--spec=${spec}`,
      '--all-errors',
      '--strict=false',
      '-s',
      'schemas/plan.schema.json',
      ...refs,
      '-d',
      'bench/tmp/plans/*.yaml',
    ],
  ],
  fanganInvalid: ['node', [fanganBin, 'validate', 'bench/tmp/plans-invalid']],
  ajvInvalid: [
    'node',
    [
      ajvBin,
      'validate',
      `--spec=${spec}`,
      '--all-errors',
      '--strict=false',
      '-s',
      'schemas/plan.schema.json',
      ...refs,
      '-d',
      'bench/tmp/plans-invalid/*.yaml',
    ],
  ],
  version: ['node', [fanganBin, '--version']],
  node: ['node', ['-e', '0']],
};

const env = { ...process.env, NO_COLOR: '1' };
const loadAtStart = (loadavg()[0] ?? 0).toFixed(2);
const once = (name) => {
  const [cmd, args] = commands[name];
  const start = process.hrtime.bigint();
  const r = spawnSync(cmd, args, { cwd: root, env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  return { ms, status: r.status, stdout: r.stdout, stderr: r.stderr };
};

// 3. Both tools must accept every file, or the comparison means nothing: fangan must report every
// file as a plan without a single diagnostic (not even a warning), ajv-cli every file as valid.
const check = spawnSync('node', [fanganBin, 'validate', '-f', 'json', 'bench/tmp/plans'], {
  cwd: root,
  env,
  encoding: 'utf8',
  maxBuffer: 64 * 1024 * 1024,
});
if (check.status !== 0)
  fail(
    `fangan validate did not pass the generated files:\n${check.stdout}${check.stderr}`.slice(
      0,
      4000,
    ),
  );
const checked = JSON.parse(check.stdout);
const clean = checked.filter((r) => r.kind === 'plan' && r.diagnostics.length === 0).length;
if (checked.length !== FILES || clean !== FILES)
  fail(`fangan checked ${checked.length} files, ${clean} clean plans; expected ${FILES}`);
const peer = once('ajv');
if (peer.status !== 0)
  fail(`ajv-cli did not pass the generated files:\n${peer.stdout}${peer.stderr}`.slice(0, 4000));
const peerValid = ((peer.stdout + peer.stderr).match(/ valid$/gm) ?? []).length;
if (peerValid !== FILES) fail(`ajv-cli reported ${peerValid} valid files, expected ${FILES}`);

// 4. Best of N, the two sides interleaved so machine noise hits both alike.
// Interleaved runs (a, b, b, a, …) and their medians: load from elsewhere hits both sides alike.
const best = (a, b, runs) => {
  const times = { [a]: [], [b]: [] };
  for (let i = 0; i < runs; i++) {
    for (const name of i % 2 === 0 ? [a, b] : [b, a]) times[name].push(once(name).ms);
  }
  return { [a]: median(times[a]), [b]: median(times[b]) };
};
const v = best('fangan', 'ajv', RUNS);
const v1 = best('fanganOneThread', 'ajv', RUNS);
const vn = best('fanganAllCpus', 'ajv', RUNS);
const bad = best('fanganInvalid', 'ajvInvalid', RUNS);
const s = best('version', 'node', RUNS * 2);

const fmt = (ms) => `${ms.toFixed(0)} ms`.padStart(9);
const row = (label, ours, theirs, peerName) =>
  `${label.padEnd(40)}${fmt(ours)}${fmt(theirs)}${`${(ours / theirs).toFixed(2)}x`.padStart(9)}  ${peerName}`;
const load = loadavg()
  .map((x) => x.toFixed(2))
  .join(' ');
console.log(
  `validate: ${FILES} plan files (${(bytes / 1024 / 1024).toFixed(1)} MB), median of ${RUNS} interleaved runs, ${availableParallelism()} CPUs, load average ${load} (at start ${loadAtStart}), Node ${process.version}`,
);
console.log(
  `${'benchmark'.padEnd(40)}${'fangan'.padStart(9)}${'peer'.padStart(9)}${'ratio'.padStart(9)}  peer`,
);
console.log(
  row(`validate ${FILES} plans (default jobs)`, v.fangan, v.ajv, `ajv-cli 5 (${spec}, js-yaml)`),
);
const cpus = availableParallelism();
console.log(
  row(`validate ${FILES} plans, --jobs ${cpus}`, vn.fanganAllCpus, vn.ajv, 'ajv-cli 5, same run'),
);
console.log(
  row(`validate ${FILES} plans, --jobs 1`, v1.fanganOneThread, v1.ajv, 'ajv-cli 5, same run'),
);
console.log(
  row(
    `validate ${FILES} plans, 10% invalid`,
    bad.fanganInvalid,
    bad.ajvInvalid,
    'ajv-cli 5, same files',
  ),
);
console.log(row('start-up (fangan --version)', s.version, s.node, 'node -e 0'));
