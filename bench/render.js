#!/usr/bin/env node
// Benchmark: rendering a work plan to Word against pandoc, same Markdown, same run, as medians of
// interleaved rounds (lib/interleave.js). The Markdown is the real plan pipeline's output for
// examples/qingxi/plan.yaml (renderPlan from dist/render/); if that pipeline is not built, the Word
// writer's own fixture (test/fixtures/docx/plan.md).
//
// Warm (many documents in one process, start-up paid once):
//   fangan: markdownToDocx N times, and the whole pipeline (read + check the YAML, template,
//   Word writer) N times, in this process; pandoc: one process converting N documents, each
//   through its own reader and Word writer (the Lua filter of lib/interleave.js).
// Per process (one process per document, as a CI script would call either tool):
//   fangan: `fangan render plan.yaml --to docx`; pandoc: `pandoc -f gfm -t docx`.
// Plain JS over dist/ (run `npm run build` first, or `npm run bench`). Never fails on timings.
//
//   node bench/render.js [--docs 50] [--cold 10] [--rounds 5]
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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
  return i > 0 && process.argv[i + 1] ? Number(process.argv[i + 1]) : fallback;
};
const DOCS = arg('docs', 50);
const COLD = arg('cold', 10);
const ROUNDS = arg('rounds', 5);
const tmp = path.join(root, 'bench/tmp/render');
const bin = path.join(root, 'bin/fangan.js');

function fail(message) {
  console.error(`bench/render: ${message}`);
  process.exit(1);
}

if (!existsSync(path.join(root, 'dist/docx/index.js')))
  fail('dist/ is missing: run `npm run build` first');
const docx = await import(path.join(root, 'dist/docx/index.js'));
const profile = await docx.defaultProfile();

// 1. The Markdown: from the real pipeline when it is built, else the writer's fixture.
let markdown;
let source;
let renderWhole;
const examplePlan = path.join(root, 'examples/qingxi/plan.yaml');
if (existsSync(path.join(root, 'dist/render/index.js')) && existsSync(examplePlan)) {
  try {
    const { renderPlan } = await import(path.join(root, 'dist/render/index.js'));
    const { loadPlan } = await import(path.join(root, 'dist/validate/index.js'));
    const { createTemplateEngine } = await import(path.join(root, 'dist/template/index.js'));
    const { plan } = await loadPlan(examplePlan);
    if (plan) {
      const engine = await createTemplateEngine({});
      const result = await renderPlan(plan, { to: ['md'], engine, profile });
      if (result.markdown) {
        markdown = result.markdown;
        source = 'examples/qingxi/plan.yaml via renderPlan';
        // The whole pipeline per document: the YAML read and checked again every time.
        renderWhole = async () => {
          const loaded = await loadPlan(examplePlan);
          if (!loaded.plan) fail('examples/qingxi/plan.yaml did not load');
          return renderPlan(loaded.plan, { to: ['docx'], engine, profile });
        };
      }
    }
  } catch (error) {
    console.warn(`bench/render: render pipeline not usable (${error.message}); using the fixture`);
  }
}
if (markdown === undefined) {
  markdown = readFileSync(path.join(root, 'test/fixtures/docx/plan.md'), 'utf8');
  source = 'test/fixtures/docx/plan.md';
}
const meta = { title: '基准测试', date: new Date('2025-01-15T00:00:00Z') };

rmSync(tmp, { recursive: true, force: true });
mkdirSync(tmp, { recursive: true });
const mdFile = path.join(tmp, 'plan.md');
writeFileSync(mdFile, markdown);
const env = { ...process.env, NO_COLOR: '1', CI: '1' };

/** Milliseconds for `count` documents in this process (already warm: see the warm-up below). */
async function inProcess(count, run) {
  const start = process.hrtime.bigint();
  for (let i = 0; i < count; i++) await run();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

let bytes = 0;
const writer = async () => {
  const out = await docx.markdownToDocx(markdown, { profile, meta });
  bytes = out.length;
};
// Warm-up: module loading and JIT are not per-document costs on either side.
await writer();
if (renderWhole) await renderWhole();

const pandoc = hasPandoc();
const tasks = {
  fanganWriter: () => inProcess(DOCS, writer),
  ...(renderWhole ? { fanganWhole: () => inProcess(DOCS, renderWhole) } : {}),
  fanganCold: () => {
    if (!renderWhole) return 0;
    const out = path.join(tmp, 'cold-fangan');
    for (let i = 0; i < COLD; i++) {
      const r = spawnSync(
        process.execPath,
        [bin, 'render', examplePlan, '-o', out, '--to', 'docx', '--force'],
        { env, encoding: 'utf8' },
      );
      if (r.status !== 0) fail(`fangan render failed: ${r.stdout}${r.stderr}`);
    }
  },
  ...(pandoc
    ? {
        pandocWarm: () => pandocWarm(Array(DOCS).fill(mdFile), path.join(tmp, 'warm-pandoc')),
        pandocCold: () => pandocPerProcess(Array(COLD).fill(mdFile), path.join(tmp, 'cold-pandoc')),
      }
    : {}),
};
const results = await interleaved(tasks, ROUNDS);
const per = (name, docs) => (results[name] ? results[name].median / docs : undefined);

console.log(
  `render: ${source} (${markdown.length} characters, .docx ${bytes} bytes); medians of ${ROUNDS} interleaved rounds, ${os.availableParallelism()} CPUs, load average ${os
    .loadavg()
    .map((x) => x.toFixed(2))
    .join(' ')}, Node ${process.version}`,
);
if (!pandoc) console.log('pandoc: not installed, no ratios');
const peerName = pandoc ? pandocVersion() : '';
console.log('| case | fangan (ms/doc) | pandoc (ms/doc) | fangan / pandoc |');
console.log('|---|---:|---:|---:|');
const rows = [
  [`warm, ${DOCS} docs in one process: Word writer only`, 'fanganWriter', 'pandocWarm', DOCS],
  [`warm, ${DOCS} docs in one process: YAML -> Word`, 'fanganWhole', 'pandocWarm', DOCS],
  [`per process, ${COLD} docs, one process each`, 'fanganCold', 'pandocCold', COLD],
];
for (const [label, ours, theirs, docs] of rows) {
  const a = per(ours, docs);
  if (a === undefined || (ours === 'fanganCold' && !renderWhole)) continue;
  const b = per(theirs, docs);
  const ratio = b ? `${(a / b).toFixed(2)}x` : '—';
  console.log(`| ${label} | ${a.toFixed(2)} | ${b ? b.toFixed(2) : '—'} | ${ratio} |`);
  benchResult({ bench: 'render', case: label, fangan: a, peer: b, unit: 'ms/doc', peerName });
}
console.log(
  'fangan / pandoc below 1: fangan is faster. pandoc converts finished Markdown only; the YAML -> Word rows also read and check the plan and fill the templates.',
);
rmSync(tmp, { recursive: true, force: true });
