#!/usr/bin/env node
// `npm run bench`: runs every other bench/*.js in turn, each as its own process so benchmarks stay
// independent, and passes their output through. Exits non-zero if any benchmark failed.
// `node bench/run.js validate render` runs only the benchmarks whose names are given.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const self = path.basename(fileURLToPath(import.meta.url));
const only = process.argv.slice(2);
const benches = readdirSync(here)
  .filter((f) => f.endsWith('.js') && f !== self)
  .filter((f) => only.length === 0 || only.includes(path.basename(f, '.js')))
  .sort();

const failed = [];
for (const bench of benches) {
  console.log(`\n== ${bench} ==`);
  const r = spawnSync(process.execPath, [path.join(here, bench)], {
    stdio: 'inherit',
  });
  if (r.status !== 0) failed.push(bench);
}
if (failed.length > 0) {
  console.error(`\nbench: failed: ${failed.join(', ')}`);
  process.exitCode = 1;
}
