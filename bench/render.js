#!/usr/bin/env node
// Benchmark: the Word writer against pandoc, same Markdown, same run. The Markdown is the real
// plan pipeline's output for examples/qingxi/plan.yaml (renderPlan from dist/render/); if that
// pipeline is not built, the Word writer's own fixture (test/fixtures/docx/plan.md). fangan renders
// it to .docx N times in one process (markdownToDocx, and the whole renderPlan incl. templates);
// pandoc runs `pandoc -f gfm -t docx` N times (one process per document, as a CI script would).
// Plain JS over dist/ (run `npm run build` first, or `npm run bench`). Never fails on timings.
//
//   node bench/render.js [--docs 200] [--pandoc 20]
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 && process.argv[i + 1] ? Number(process.argv[i + 1]) : fallback;
};
const DOCS = arg('docs', 200);
const PANDOC_DOCS = arg('pandoc', 20);
const tmp = path.join(root, 'bench/tmp/render');

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
        renderWhole = () => renderPlan(plan, { to: ['docx'], engine, profile });
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

async function timeIt(count, run) {
  await run(); // warm-up: module loading and JIT are not per-document costs
  const start = process.hrtime.bigint();
  for (let i = 0; i < count; i++) await run();
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  return count / seconds;
}

// 2. fangan in one process.
let bytes = 0;
const writerRate = await timeIt(DOCS, async () => {
  const out = await docx.markdownToDocx(markdown, { profile, meta });
  bytes = out.length;
});
const wholeRate = renderWhole ? await timeIt(DOCS, renderWhole) : undefined;

// 3. pandoc on the same Markdown.
const probe = spawnSync('pandoc', ['--version'], { encoding: 'utf8' });
let pandocRate;
if (probe.status === 0) {
  const outFile = path.join(tmp, 'pandoc.docx');
  pandocRate = await timeIt(PANDOC_DOCS, async () => {
    const r = spawnSync('pandoc', ['-f', 'gfm', '-t', 'docx', '-o', outFile, mdFile]);
    if (r.status !== 0) fail(`pandoc failed: ${r.stderr}`);
  });
}

const fmt = (rate) =>
  `${rate.toFixed(1).padStart(8)} docs/s  ${(1000 / rate).toFixed(2).padStart(7)} ms/doc`;
console.log(`Markdown: ${source} (${markdown.length} characters, .docx ${bytes} bytes)`);
console.log(`fangan markdownToDocx      ${fmt(writerRate)}   (${DOCS} docs, one process)`);
if (wholeRate)
  console.log(`fangan renderPlan (docx)   ${fmt(wholeRate)}   (template + Word writer)`);
if (pandocRate) {
  console.log(
    `pandoc -f gfm -t docx      ${fmt(pandocRate)}   (${PANDOC_DOCS} docs, ${probe.stdout.split('\n')[0]})`,
  );
  console.log(`ratio markdownToDocx / pandoc: ${(writerRate / pandocRate).toFixed(1)}x`);
  if (wholeRate)
    console.log(`ratio renderPlan / pandoc:     ${(wholeRate / pandocRate).toFixed(1)}x`);
} else {
  console.log('pandoc: not installed, no ratio');
}
rmSync(tmp, { recursive: true, force: true });
