#!/usr/bin/env node
// `npm run bench`: runs every other bench/*.js in turn, each as its own process so benchmarks stay
// independent, passes their output through, then prints one summary table of every figure they
// measured against a peer in the same run (medians of interleaved runs). Exits non-zero if any
// benchmark failed. `node bench/run.js validate render` runs only the benchmarks named.
//
// Quick by default (a few minutes); BENCH_EXPORT_SIZES=1000,5000,20000 measures export memory at
// the sizes of the target (peak RSS at 20,000 reports at most 1.3x the figure at 1,000).
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { RESULT_PREFIX } from './lib/interleave.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const self = path.basename(fileURLToPath(import.meta.url));
const only = process.argv.slice(2);
const benches = readdirSync(here)
  .filter((f) => f.endsWith('.js') && f !== self)
  .filter((f) => only.length === 0 || only.includes(path.basename(f, '.js')))
  .sort();

/**
 * A row of a table printed as `label  123 ms  456 ms  0.27x  peer` (bench/validate.js): taken as
 * a figure too, so a benchmark that prints no result lines still reaches the summary.
 */
const TABLE_ROW = /^(\S.*?)\s+(\d+(?:\.\d+)?) ms\s+(\d+(?:\.\d+)?) ms\s+\d+(?:\.\d+)?x\s+(.+)$/;

function runBench(bench) {
  return new Promise((resolve) => {
    const results = [];
    let fromRows = [];
    const child = spawn(process.execPath, [path.join(here, bench)], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const name = path.basename(bench, '.js');
    createInterface({ input: child.stdout }).on('line', (line) => {
      if (line.startsWith(RESULT_PREFIX)) {
        results.push(JSON.parse(line.slice(RESULT_PREFIX.length)));
        return;
      }
      console.log(line);
      const m = TABLE_ROW.exec(line);
      if (m) {
        fromRows.push({
          bench: name,
          case: m[1].trim(),
          fangan: Number(m[2]),
          peer: Number(m[3]),
          unit: 'ms',
          peerName: m[4].trim(),
        });
      }
    });
    child.on('close', (code) => {
      resolve({ ok: code === 0, results: results.length > 0 ? results : fromRows });
      fromRows = [];
    });
  });
}

const failed = [];
const all = [];
for (const bench of benches) {
  console.log(`\n== ${bench} ==`);
  const { ok, results } = await runBench(bench);
  if (!ok) failed.push(bench);
  all.push(...results);
}

const figure = (x, unit) =>
  x === null || x === undefined ? '—' : `${unit === 'MB' ? x.toFixed(0) : x.toFixed(1)} ${unit}`;
console.log(
  `\n== summary: fangan against the peer measured in the same run (medians of interleaved runs; ${os.availableParallelism()} CPUs, load average ${os
    .loadavg()
    .map((x) => x.toFixed(2))
    .join(' ')}) ==`,
);
console.log('| benchmark | case | fangan | peer | fangan / peer | peer |');
console.log('|---|---|---:|---:|---:|---|');
for (const r of all) {
  const ratio = r.peer ? `${(r.fangan / r.peer).toFixed(2)}x` : '—';
  console.log(
    `| ${r.bench} | ${r.case} | ${figure(r.fangan, r.unit)} | ${figure(r.peer, r.unit)} | ${ratio} | ${r.peerName} |`,
  );
}
console.log(
  'fangan / peer: time or memory; below 1 fangan is faster (or smaller). Timings depend on the load of the machine; memory does not.',
);
if (failed.length > 0) {
  console.error(`\nbench: failed: ${failed.join(', ')}`);
  process.exitCode = 1;
}
