#!/usr/bin/env node
/**
 * Benchmark of `fangan export` (plain JS over dist/; run `npm run build` first):
 *
 *   node bench/export.js [--sizes 1000,5000,20000] [--jobs 1,2] [--rounds 3] [--sample 20]
 *
 * Sizes default to BENCH_EXPORT_SIZES, else 1000 (a few minutes); the memory target is measured
 * with BENCH_EXPORT_SIZES=1000,5000,20000 (20,000 reports take minutes per run on 2 CPUs).
 *
 * Generates towns from examples/qingxi (one plan + four quarterly progress files per town, the
 * town renamed, 10-30 towns per county as in real counties) into bench/tmp/export/.
 *
 * 1. Scale: `fangan export` to docx+md in a child process, at the first size for each --jobs value
 *    interleaved (jobs 1, jobs 2, jobs 2, jobs 1, …) for --rounds rounds, at the larger sizes once
 *    with the first --jobs value; median wall time and peak memory (from the CLI's --stats, i.e.
 *    process.resourceUsage().maxRSS, which covers the worker threads). Then a re-run into the
 *    same folder with nothing changed (every report kept, the old state read): its peak memory.
 * 2. Peer: pandoc converting the same reports' Markdown to .docx, warm (one process for the whole
 *    sample, see lib/interleave.js) against `fangan export --to docx` of the same sample in one
 *    process, and per process (one pandoc per file) against one `fangan report --to docx` per
 *    file; interleaved, medians. fangan does more (reads and checks the YAML, computes the
 *    figures, renders the template); pandoc only converts finished Markdown.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  benchResult,
  hasPandoc,
  interleaved,
  pandocPerProcess,
  pandocVersion,
  pandocWarm,
} from './lib/interleave.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const sizes = arg('sizes', process.env.BENCH_EXPORT_SIZES || '1000')
  .split(',')
  .map(Number);
const jobList = arg('jobs', '1,2').split(',').map(Number);
const rounds = Number(arg('rounds', '3'));
const sample = Number(arg('sample', '20'));
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
    const town = path.join(dir, `town${String(t).padStart(5, '0')}`);
    mkdirSync(path.join(town, 'progress'), { recursive: true });
    const text = plan.replaceAll('青溪镇', `青溪${t}镇`).replaceAll('云川县', `云川${county}县`);
    writeFileSync(path.join(town, 'plan.yaml'), text);
    for (let q = 0; q < 4 && made < files; q++, made++) {
      writeFileSync(path.join(town, 'progress', `${quarters[q]}.yaml`), progress[q]);
    }
  }
  return { towns, counties: county };
}

const env = { ...process.env, NO_COLOR: '1', CI: '1' };
function fangan(args) {
  const res = spawnSync(process.execPath, [bin, ...args], {
    encoding: 'utf8',
    env,
    maxBuffer: 256 << 20,
  });
  if (res.status !== 0) {
    console.error(res.stdout.slice(-2000), res.stderr.slice(-2000));
    throw new Error(`fangan ${args[0]} exited with ${res.status}`);
  }
  return res;
}
function exportOnce(input, out, jobs, extra = []) {
  rmSync(out, { recursive: true, force: true });
  return exportInto(input, out, jobs, extra);
}
/** An export into `out` as it is: on a folder of an earlier run, the re-run. */
function exportInto(input, out, jobs, extra = []) {
  const start = process.hrtime.bigint();
  const res = fangan(['export', input, '-o', out, '--jobs', String(jobs), '--stats', ...extra]);
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  const stats = res.stderr
    .trim()
    .split('\n')
    .reverse()
    .find((l) => l.startsWith('{"files"'));
  return { ms, ...JSON.parse(stats) };
}

const tmp = path.join(root, 'bench/tmp/export');
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
};

// 1. Scale and --jobs.
const rows = [];
const rerun = [];
for (const [k, n] of sizes.entries()) {
  const input = path.join(tmp, `in-${n}`);
  const { towns, counties } = generate(input, n);
  // Every --jobs value at the first size; the larger sizes (memory) with the first value only.
  const jobsHere = k === 0 ? jobList : [jobList[0]];
  const runs = Object.fromEntries(jobsHere.map((j) => [j, []]));
  const times = k === 0 ? rounds : 1;
  for (let r = 0; r < times; r++) {
    for (const j of r % 2 === 0 ? jobsHere : [...jobsHere].reverse()) {
      runs[j].push(exportOnce(input, path.join(tmp, `out-${n}-j${j}`), j));
    }
  }
  // The re-run: nothing changed since the last run into this folder, so every report is kept.
  const first = jobList[0];
  const again = exportInto(input, path.join(tmp, `out-${n}-j${first}`), first);
  rerun.push({ n, jobs: first, seconds: again.ms / 1000, rss: again.maxRssMB });
  for (const j of jobsHere)
    rmSync(path.join(tmp, `out-${n}-j${j}`), { recursive: true, force: true });
  for (const j of jobsHere) {
    rows.push({
      n,
      towns,
      counties,
      jobs: j,
      runs: runs[j].length,
      seconds: median(runs[j].map((x) => x.ms)) / 1000,
      rss: median(runs[j].map((x) => x.maxRssMB)),
      load: os.loadavg()[0],
    });
  }
  if (k > 0) rmSync(input, { recursive: true, force: true });
}

console.log(
  `fangan export, docx+md, ${os.availableParallelism()} CPUs, Node ${process.version}; median of interleaved runs`,
);
console.log(
  '| progress files | towns | counties | --jobs | runs | wall (s, median) | reports/s | peak RSS (MB) | RSS / first size | load avg (1 min) |',
);
console.log('|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
for (const r of rows) {
  const first = rows.find((x) => x.jobs === r.jobs);
  console.log(
    `| ${r.n} | ${r.towns} | ${r.counties} | ${r.jobs} | ${r.runs} | ${r.seconds.toFixed(2)} | ${(r.n / r.seconds).toFixed(0)} | ${r.rss} | ${(r.rss / first.rss).toFixed(2)}x | ${r.load.toFixed(2)} |`,
  );
}
console.log(
  `\nre-run, nothing changed (--jobs ${jobList[0]}): every report kept, the old export state read`,
);
console.log('| progress files | wall (s) | peak RSS (MB) | RSS / first size |');
console.log('|---:|---:|---:|---:|');
for (const r of rerun) {
  console.log(
    `| ${r.n} | ${r.seconds.toFixed(2)} | ${r.rss} | ${(r.rss / rerun[0].rss).toFixed(2)}x |`,
  );
}
// Peak memory against the first size, first run and re-run (the target: at most 1.3x).
const base = rows.find((r) => r.jobs === jobList[0]);
for (const r of rows.filter((x) => x.jobs === jobList[0])) {
  benchResult({
    bench: 'export',
    case: `peak RSS, ${r.n} reports, first run (--jobs ${r.jobs})`,
    fangan: r.rss,
    peer: base.rss,
    unit: 'MB',
    peerName: `fangan at ${base.n} reports`,
  });
}
for (const r of rerun) {
  benchResult({
    bench: 'export',
    case: `peak RSS, ${r.n} reports, re-run`,
    fangan: r.rss,
    peer: base.rss,
    unit: 'MB',
    peerName: `fangan at ${base.n} reports, first run`,
  });
}
if (jobList.length > 1) {
  const n = sizes[0];
  const at = (j) => rows.find((r) => r.n === n && r.jobs === j);
  const [a, b] = jobList;
  console.log(
    `\n--jobs ${b} / --jobs ${a} wall time at ${n} files: ${(at(b).seconds / at(a).seconds).toFixed(2)}x (below 1: ${b} is faster)`,
  );
  benchResult({
    bench: 'export',
    case: `--jobs ${b} against --jobs ${a}, ${n} reports`,
    fangan: at(b).seconds * 1000,
    peer: at(a).seconds * 1000,
    unit: 'ms',
    peerName: `fangan --jobs ${a}`,
  });
}

// 2. pandoc, warm and per process, on a sample.
if (!hasPandoc()) {
  console.log('\npandoc not installed: no peer figures.');
  process.exit(0);
}
const sampleIn = path.join(tmp, 'sample-in');
generate(sampleIn, sample);
const sampleOut = path.join(tmp, 'sample-out');
exportOnce(sampleIn, sampleOut, 1, ['--to', 'md']);
const mds = readdirSync(sampleOut)
  .filter((f) => f.endsWith('季度工作汇报.md'))
  .sort()
  .map((f) => path.join(sampleOut, f));
const progressFiles = readdirSync(sampleIn)
  .sort()
  .flatMap((t) => quarters.map((q) => path.join(sampleIn, t, 'progress', `${q}.yaml`)))
  .filter((f) => existsSync(f));
const cold = Math.min(10, progressFiles.length);
const results = await interleaved(
  {
    fanganWarm: () => void exportOnce(sampleIn, path.join(tmp, 'warm-fangan'), 1, ['--to', 'docx']),
    pandocWarm: () => pandocWarm(mds, path.join(tmp, 'warm-pandoc')),
    fanganCold: () => {
      const out = path.join(tmp, 'cold-fangan');
      rmSync(out, { recursive: true, force: true });
      for (const f of progressFiles.slice(0, cold))
        fangan(['report', f, '-o', out, '--to', 'docx', '--force']);
    },
    pandocCold: () => pandocPerProcess(mds.slice(0, cold), path.join(tmp, 'cold-pandoc')),
  },
  rounds,
);
const per = (name, docs) => results[name].median / docs;
const line = (label, ours, theirs) =>
  `| ${label} | ${ours.toFixed(1)} | ${theirs.toFixed(1)} | ${(ours / theirs).toFixed(2)}x |`;
console.log(
  `\npandoc (${pandocVersion()}) vs fangan, ms per report, medians of ${rounds} interleaved rounds`,
);
console.log(
  '| case | fangan (ms/report) | pandoc (ms/report) | fangan / pandoc (below 1: fangan faster) |',
);
console.log('|---|---:|---:|---:|');
console.log(
  line(
    `warm: ${mds.length} reports in one process`,
    per('fanganWarm', progressFiles.length),
    per('pandocWarm', mds.length),
  ),
);
console.log(
  line(
    `per process: ${cold} reports, one process each`,
    per('fanganCold', cold),
    per('pandocCold', cold),
  ),
);
const peerName = pandocVersion();
benchResult({
  bench: 'export',
  case: `warm: ${mds.length} reports in one process`,
  fangan: per('fanganWarm', progressFiles.length),
  peer: per('pandocWarm', mds.length),
  unit: 'ms/report',
  peerName,
});
benchResult({
  bench: 'export',
  case: `per process: ${cold} reports, one process each`,
  fangan: per('fanganCold', cold),
  peer: per('pandocCold', cold),
  unit: 'ms/report',
  peerName,
});
console.log(
  "\nfangan: `fangan export --to docx` (YAML -> checks -> figures -> template -> Word) / `fangan report --to docx` per file; pandoc: the same reports' Markdown -> .docx only.",
);
rmSync(tmp, { recursive: true, force: true });
