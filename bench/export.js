#!/usr/bin/env node
/**
 * Benchmark of `fangan export` (plain JS over dist/; run `npm run build` first):
 *
 *   node bench/export.js [--sizes 1000,5000] [--jobs 2] [--pandoc-sample 100]
 *
 * Generates towns from examples/qingxi (one plan + four quarterly progress files per town, the
 * town renamed, 10-30 towns per county as in real counties) into bench/tmp/export/, times `fangan export` to docx+md in a child process
 * (wall time; peak memory from the CLI's --stats, i.e. process.resourceUsage().maxRSS, which
 * covers the worker threads), and measures the peer, pandoc, converting the same Markdown
 * reports to .docx one process per file on a sample, extrapolated to the full count.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const sizes = arg('sizes', '1000,5000').split(',').map(Number);
const jobs = Number(arg('jobs', '2'));
const pandocSample = Number(arg('pandoc-sample', '100'));
const bin = path.join(root, 'bin/fangan.js');
if (!existsSync(path.join(root, 'dist/export/worker.js'))) {
  console.error('bench/export.js: dist/ is missing; run `npm run build` first');
  process.exit(2);
}

const example = path.join(root, 'examples/qingxi');
const plan = readFileSync(path.join(example, 'plan.yaml'), 'utf8');
const quarters = ['2025Q1', '2025Q2', '2025Q3', '2025Q4'];
const progress = quarters.map((q) =>
  readFileSync(path.join(example, 'progress', `${q}.yaml`), 'utf8'),
);

/** Towns per county: 10 to 30, varying from county to county (deterministic). */
const countySize = (c) => 10 + ((c * 13) % 21);

/** `files` progress files: files/4 towns, each with its plan and four quarters. */
function generate(dir, files) {
  rmSync(dir, { recursive: true, force: true });
  const towns = Math.ceil(files / 4);
  let made = 0;
  let county = 1;
  let left = countySize(county);
  for (let t = 1; t <= towns && made < files; t++) {
    if (left-- === 0) left = countySize(++county) - 1;
    const town = path.join(dir, `town${String(t).padStart(4, '0')}`);
    mkdirSync(path.join(town, 'progress'), { recursive: true });
    const text = plan.replaceAll('青溪镇', `青溪${t}镇`).replaceAll('云川县', `云川${county}县`);
    writeFileSync(path.join(town, 'plan.yaml'), text);
    for (let q = 0; q < 4 && made < files; q++, made++) {
      writeFileSync(path.join(town, 'progress', `${quarters[q]}.yaml`), progress[q]);
    }
  }
  return { towns, counties: county };
}

function timeExport(input, out) {
  rmSync(out, { recursive: true, force: true });
  const start = process.hrtime.bigint();
  const res = spawnSync(
    process.execPath,
    [bin, 'export', input, '-o', out, '--jobs', String(jobs), '--stats'],
    {
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1', CI: '1' },
      maxBuffer: 64 << 20,
    },
  );
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const statsLine = res.stderr
    .trim()
    .split('\n')
    .reverse()
    .find((l) => l.startsWith('{"files"'));
  if (res.status !== 0 || !statsLine) {
    console.error(res.stdout.slice(-2000), res.stderr.slice(-2000));
    throw new Error(`fangan export exited with ${res.status}`);
  }
  return { seconds, ...JSON.parse(statsLine) };
}

function timePandoc(out, sample) {
  const mds = readdirSync(out)
    .filter((f) => f.endsWith('季度工作汇报.md'))
    .slice(0, sample);
  const dest = path.join(out, '.pandoc');
  mkdirSync(dest, { recursive: true });
  const start = process.hrtime.bigint();
  for (const [i, md] of mds.entries()) {
    execFileSync('pandoc', [path.join(out, md), '-f', 'gfm', '-o', path.join(dest, `${i}.docx`)]);
  }
  return { files: mds.length, seconds: Number(process.hrtime.bigint() - start) / 1e9 };
}

const hasPandoc = spawnSync('pandoc', ['--version']).status === 0;
const tmp = path.join(root, 'bench/tmp/export');
const rows = [];
let pandocPerFile;
for (const n of sizes) {
  const input = path.join(tmp, `in-${n}`);
  const out = path.join(tmp, `out-${n}`);
  const { towns, counties } = generate(input, n);
  const run = timeExport(input, out);
  if (pandocPerFile === undefined && hasPandoc) {
    const p = timePandoc(out, pandocSample);
    pandocPerFile = p.seconds / p.files;
    console.log(`pandoc sample: ${p.files} files one process each in ${p.seconds.toFixed(2)} s`);
  }
  const pandoc = pandocPerFile === undefined ? undefined : pandocPerFile * n;
  rows.push({ n, towns, counties, ...run, pandoc, load: os.loadavg()[0] });
}

console.log(
  `\nfangan export, ${jobs} worker thread(s), docx+md, ${os.cpus().length} CPUs, Node ${process.version}`,
);
console.log(
  '| progress files | towns | counties | fangan wall (s) | peak RSS (MB) | reports/s | pandoc md->docx (s, extrapolated) | pandoc / fangan | load avg (1 min) |',
);
console.log('|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
for (const r of rows) {
  const ratio = r.pandoc === undefined ? 'n/a' : `${(r.pandoc / r.seconds).toFixed(1)}x`;
  console.log(
    `| ${r.n} | ${r.towns} | ${r.counties} | ${r.seconds.toFixed(2)} | ${r.maxRssMB} | ${(r.n / r.seconds).toFixed(0)} | ${r.pandoc === undefined ? 'n/a' : r.pandoc.toFixed(1)} | ${ratio} | ${r.load.toFixed(2)} |`,
  );
}
console.log(
  hasPandoc
    ? `\npandoc figures: ${pandocSample} sequential \`pandoc -f gfm -o x.docx\` runs (Markdown only, no roll-up, no index), time per file x file count.`
    : '\npandoc not installed: no peer figures.',
);
console.log(
  'Targets: <= 10 s for 1,000 reports on 2 cores; peak memory <= 300 MB at 1,000 and 5,000.',
);
