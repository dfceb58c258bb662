// Shared by the benchmarks: interleaved runs and medians, and pandoc as a warm peer.
//
// Interleaving (fangan, peer, fangan, peer, …, the order flipping every round) spreads whatever
// else the machine is doing over both sides instead of letting it land on one; the median of the
// rounds is the figure, not the best run, which flatters whichever side got lucky once.
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
};

const now = () => Number(process.hrtime.bigint()) / 1e6;

/**
 * Runs every task once per round, `rounds` times, in turn (order reversed on odd rounds). A task
 * returns nothing (its wall time is taken) or a number of milliseconds it measured itself.
 * Returns { name: { median, runs } } in milliseconds.
 */
export async function interleaved(tasks, rounds) {
  const names = Object.keys(tasks);
  const runs = Object.fromEntries(names.map((n) => [n, []]));
  for (let r = 0; r < rounds; r++) {
    for (const name of r % 2 === 0 ? names : [...names].reverse()) {
      const start = now();
      const measured = await tasks[name]();
      runs[name].push(typeof measured === 'number' ? measured : now() - start);
    }
  }
  return Object.fromEntries(names.map((n) => [n, { median: median(runs[n]), runs: runs[n] }]));
}

export const hasPandoc = () => spawnSync('pandoc', ['--version']).status === 0;
export const pandocVersion = () =>
  (spawnSync('pandoc', ['--version'], { encoding: 'utf8' }).stdout ?? '').split('\n')[0];

/** Cold peer: one `pandoc -f gfm -t docx` process per document, as a CI script would run it. */
export function pandocPerProcess(files, outDir) {
  mkdirSync(outDir, { recursive: true });
  files.forEach((file, i) => {
    const r = spawnSync('pandoc', [
      '-f',
      'gfm',
      '-t',
      'docx',
      '-o',
      path.join(outDir, `${i}.docx`),
      file,
    ]);
    if (r.status !== 0) throw new Error(`pandoc failed on ${file}: ${r.stderr}`);
  });
}

/*
 * Warm peer: one pandoc process converts every document, each on its own: a Lua filter reads
 * each Markdown file with pandoc.read (gfm) and writes it with pandoc.write (docx) to its own
 * .docx. Every document goes through pandoc's whole reader and Word writer, as in the per-process
 * case; only the process start-up and loading are shared, which is exactly what fangan's warm
 * figure shares too (one Node process, modules and templates loaded once). pandoc 2.17 has no
 * server mode (`pandoc-server` came with 3.0), and converting one concatenated document would
 * write one big .docx instead of many, so it would not be the same work.
 */
const WARM_LUA = `
function Pandoc(doc)
  for line in io.lines(os.getenv('FANGAN_BENCH_LIST')) do
    local source, target = line:match('^(.-)\\t(.*)$')
    local f = assert(io.open(source, 'rb'))
    local text = f:read('a')
    f:close()
    local out = assert(io.open(target, 'wb'))
    out:write(pandoc.write(pandoc.read(text, 'gfm'), 'docx'))
    out:close()
  end
  return doc
end
`;

export function pandocWarm(files, outDir) {
  mkdirSync(outDir, { recursive: true });
  const lua = path.join(outDir, 'warm.lua');
  const list = path.join(outDir, 'files.tsv');
  writeFileSync(lua, WARM_LUA);
  writeFileSync(
    list,
    files.map((f, i) => `${f}\t${path.join(outDir, `${i}.docx`)}`).join('\n') + '\n',
  );
  const r = spawnSync(
    'pandoc',
    ['-f', 'markdown', '-t', 'plain', '--lua-filter', lua, '-o', path.join(outDir, 'none.txt')],
    {
      input: '',
      env: { ...process.env, FANGAN_BENCH_LIST: list },
      encoding: 'utf8',
    },
  );
  if (r.status !== 0) throw new Error(`pandoc (warm) failed: ${r.stderr}`);
}

/** Marks a line of a benchmark's output as a figure for `npm run bench`'s summary table. */
export const RESULT_PREFIX = 'bench-result ';

/**
 * Prints one figure for the summary (bench/run.js collects these lines): `fangan` and `peer` in
 * the same `unit`, measured in the same run; `peer` undefined when there is none.
 */
export function benchResult({ bench, case: label, fangan, peer, unit, peerName }) {
  const record = { bench, case: label, fangan, peer: peer ?? null, unit, peerName: peerName ?? '' };
  console.log(`${RESULT_PREFIX}${JSON.stringify(record)}`);
}
