/**
 * `fangan export`: every progress file under the given paths -> one quarterly report per town,
 * one county roll-up per quarter, and index.md / index.json listing every output. Reports are
 * rendered in worker threads and written as they arrive (small batches, so memory stays flat);
 * a bad file becomes a failed entry with its diagnostics and the rest goes on; unchanged inputs
 * are skipped on a re-run.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Diagnostic, FileResult, Lang } from '../diagnostics/types.js';
import { hasErrors } from '../diagnostics/types.js';
import { makeDiagnostic } from '../diagnostics/make.js';
import { buildRollupView, type RollupEntry } from '../report/rollup.js';
import {
  createReportRenderer,
  renderFailure,
  type OutputFormat,
  type ReportRenderer,
} from '../report/render.js';
import { safeFileName, sha256, writeOutputs, type OutputFile } from '../write/index.js';
import { createScanner, type Candidate } from './scan.js';
import { renderAll } from './pool.js';
import type { Job, JobReply, JobSettings } from './render-one.js';
import { readState, writeState, type ExportState } from './state.js';
import { indexJson, indexMarkdown } from './index-files.js';

export interface ExportOptions {
  /** Absolute paths of candidate files (plans and other YAML are passed over). */
  files: readonly string[];
  outDir: string;
  cwd: string;
  formats: readonly OutputFormat[];
  /** Only this period, e.g. 2025Q1. */
  quarter?: string;
  threads: number;
  force: boolean;
  templateDir?: string;
  profileFile?: string;
  lang: Lang;
  asOf?: string;
  /** fangan's version: a new version rebuilds everything. */
  version: string;
  onEvent?: (event: ExportEvent) => void;
}

export type ReportStatus = 'written' | 'skipped' | 'failed';

export interface ReportRecord {
  source: string;
  plan?: string;
  quarter?: string;
  town?: string;
  status: ReportStatus;
  outputs: string[];
  figures?: RollupEntry['figures'];
  diagnostics: Diagnostic[];
}

export interface RollupRecord {
  quarter: string;
  status: ReportStatus;
  towns: string[];
  outputs: string[];
  diagnostics: Diagnostic[];
}

export type ExportEvent =
  { type: 'start'; total: number } | { type: 'report'; record: ReportRecord };

export interface ExportSummary {
  /** Progress files found (after the --quarter filter). */
  found: number;
  /** Progress files found before the --quarter filter. */
  progressFiles: number;
  reports: ReportRecord[];
  rollups: RollupRecord[];
  /** Every file with problems (failures and warnings), for the CLI's formatters. */
  results: FileResult[];
  counts: Record<ReportStatus, number>;
}

const REPORT_SUFFIX = '季度工作汇报';
const ROLLUP_SUFFIX = '汇总报告';
/**
 * Reports written per writeOutputs call. Each call re-reads and rewrites the folder manifest, so
 * small batches make thousands of reports quadratic in time and garbage; 64 reports in memory
 * are a few MB.
 */
const WRITE_BATCH = 64;
const SCAN_CONCURRENCY = 32;

/** Everything that changes the output besides the inputs themselves. */
const settingsHash = (options: ExportOptions, renderer: ReportRenderer): string =>
  sha256(
    [options.version, options.formats.join(','), options.asOf ?? '', renderer.fingerprint].join(
      '\n',
    ),
  );

async function scanAll(files: readonly string[], cwd: string): Promise<Candidate[]> {
  const scan = createScanner(cwd);
  const out = new Array<Candidate>(files.length);
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < files.length) {
      const i = next++;
      out[i] = await scan(files[i] as string);
    }
  };
  await Promise.all(Array.from({ length: Math.min(SCAN_CONCURRENCY, files.length) }, lane));
  return out;
}

const byDisplay = (a: { source: string }, b: { source: string }): number =>
  a.source < b.source ? -1 : a.source > b.source ? 1 : 0;

export async function exportReports(options: ExportOptions): Promise<ExportSummary> {
  const { outDir, lang } = options;
  const renderer: ReportRenderer = await createReportRenderer({
    formats: options.formats,
    lang,
    ...(options.templateDir === undefined ? {} : { templateDir: options.templateDir }),
    ...(options.profileFile === undefined ? {} : { profileFile: options.profileFile }),
  });
  const settings = settingsHash(options, renderer);

  const all = (await scanAll(options.files, options.cwd)).filter((c) => c.isProgress);
  const wanted = options.quarter;
  // Files whose quarter the peek could not see are rendered and filtered on their real period.
  const candidates = all.filter((c) => !wanted || !c.quarter || c.quarter === wanted);
  const summary: ExportSummary = {
    found: candidates.length,
    progressFiles: all.length,
    reports: [],
    rollups: [],
    results: [],
    counts: { written: 0, skipped: 0, failed: 0 },
  };
  if (candidates.length === 0) return summary;
  options.onEvent?.({ type: 'start', total: candidates.length });

  const old: ExportState = options.force
    ? await readState(outDir, '') // force: keep nothing from the last run
    : await readState(outDir, settings);
  const state: ExportState = { version: 1, settings, reports: {}, rollups: {} };

  // Names: reserved ones first, then reports in path order, so collisions resolve the same way
  // on every run (the second 青溪镇 2025Q1 gets -2 whichever worker finishes first).
  const taken = new Set<string>(['index.md', 'index.json']);
  const ext = options.formats;
  const quarters = new Set(candidates.map((c) => c.quarter).filter((q): q is string => !!q));
  for (const q of [...quarters].sort())
    for (const e of ext) taken.add(`${q}-${ROLLUP_SUFFIX}.${e}`.toLowerCase());
  const nameFor = (period: string, town: string): { names: string[]; clash: boolean } => {
    const first = safeFileName(`${period}-${town}-${REPORT_SUFFIX}.${ext[0]}`, taken);
    const base = first.slice(0, first.lastIndexOf('.'));
    const names = [first, ...ext.slice(1).map((e) => `${base}.${e}`)];
    for (const n of names) taken.add(n.toLowerCase());
    const plain = safeFileName(`${period}-${town}-${REPORT_SUFFIX}.${ext[0]}`);
    return { names, clash: first !== plain };
  };
  const planned = new Map<string, { names: string[]; clash: boolean }>();
  for (const c of [...candidates].sort((a, b) =>
    byDisplay({ source: a.display }, { source: b.display }),
  )) {
    if (c.quarter && c.town) planned.set(c.file, nameFor(c.quarter, c.town));
  }

  const entries: { hash: string; entry: RollupEntry }[] = [];
  const record = (r: ReportRecord): void => {
    summary.reports.push(r);
    summary.counts[r.status]++;
    const problems = r.diagnostics;
    if (problems.length > 0) summary.results.push({ file: r.source, diagnostics: problems });
    options.onEvent?.({ type: 'report', record: r });
  };
  const recordFailure = (result: FileResult, c: Candidate): void => {
    const r: ReportRecord = {
      source: c.display,
      status: 'failed',
      outputs: [],
      diagnostics: result.diagnostics,
    };
    if (c.quarter) r.quarter = c.quarter;
    summary.reports.push(r);
    summary.counts.failed++;
    summary.results.push(result);
    options.onEvent?.({ type: 'report', record: r });
  };

  // Unchanged since the last run: keep the files, reuse the figures.
  const jobs: Job[] = [];
  const byIndex: Candidate[] = [];
  for (const c of candidates) {
    const before = old.reports[c.display];
    const names = planned.get(c.file)?.names;
    if (
      before &&
      c.inputHash &&
      before.hash === c.inputHash &&
      names &&
      names.join('\n') === before.outputs.join('\n') &&
      names.every((n) => existsSync(join(outDir, n)))
    ) {
      state.reports[c.display] = before;
      entries.push({ hash: before.hash, entry: before.entry });
      record(reportRecord(c, before.entry, 'skipped', before.outputs, []));
      continue;
    }
    byIndex.push(c);
    jobs.push({ index: byIndex.length - 1, file: c.file, display: c.display });
  }

  // Rendered reports are written in batches; each reply's promise settles when its batch is on disk.
  type Pending = {
    c: Candidate;
    reply: Extract<JobReply, { ok: true }>;
    names: string[];
    warnings: Diagnostic[];
    done: () => void;
  };
  let batch: Pending[] = [];
  let writing: Promise<void> = Promise.resolve();
  let outstanding = jobs.length;

  const writeBatch = async (items: Pending[]): Promise<void> => {
    const filesOf = (p: Pending): OutputFile[] =>
      p.names.map((name) => ({
        name,
        data: name.endsWith('.docx') ? (p.reply.docx as Uint8Array) : (p.reply.markdown as string),
      }));
    // Input hashes live in the export state file (.fangan-export.json), not in the manifest.
    const all = await writeOutputs(outDir, items.flatMap(filesOf), { force: options.force, lang });
    const results = hasErrors(all.diagnostics)
      ? // One refused file (edited by hand) must not hold back the others: one town at a time.
        await Promise.all(
          items.map(async (p) => {
            const one = await writeOutputs(outDir, filesOf(p), { force: options.force, lang });
            return one;
          }),
        )
      : items.map(() => ({ written: [], diagnostics: [] as Diagnostic[] }));
    items.forEach((p, i) => {
      const problems = results[i]?.diagnostics ?? [];
      const entry = p.reply.entry;
      if (hasErrors(problems)) {
        recordFailure({ file: p.c.display, diagnostics: [...p.warnings, ...problems] }, p.c);
      } else {
        if (p.c.inputHash)
          state.reports[p.c.display] = { hash: p.c.inputHash, outputs: p.names, entry };
        entries.push({ hash: p.c.inputHash ?? sha256(JSON.stringify(entry)), entry });
        record(reportRecord(p.c, entry, 'written', p.names, [...p.warnings, ...problems]));
      }
      p.done();
    });
  };
  const flush = (): void => {
    const items = batch;
    batch = [];
    if (items.length > 0) writing = writing.then(() => writeBatch(items));
  };

  const jobSettings: JobSettings = {
    formats: options.formats,
    lang,
    cwd: options.cwd,
    ...(options.templateDir === undefined ? {} : { templateDir: options.templateDir }),
    ...(options.profileFile === undefined ? {} : { profileFile: options.profileFile }),
    ...(options.asOf === undefined ? {} : { asOf: options.asOf }),
  };
  await renderAll(jobs, {
    settings: jobSettings,
    threads: options.threads,
    maxBacklog: WRITE_BATCH * 3,
    onReply: (reply) => {
      outstanding--;
      const c = byIndex[reply.index] as Candidate;
      if (!reply.ok) {
        recordFailure(reply.result, c);
        if (outstanding === 0) flush();
        return writing;
      }
      const entry = reply.entry;
      if (wanted && entry.periodKey !== wanted) {
        // Its quarter was not visible to the quick look; now it is, and it is not wanted.
        summary.found--;
        if (outstanding === 0) flush();
        return writing;
      }
      let plan = planned.get(c.file);
      if (!plan || entry.periodKey !== c.quarter || entry.town !== c.town) {
        plan = nameFor(entry.periodKey, entry.town);
      }
      const warnings = [...reply.warnings];
      if (plan.clash) {
        const at = { file: c.display, line: 1, column: 1 };
        warnings.push(
          makeDiagnostic('FG6003', lang, at, {
            town: entry.town,
            period: entry.periodLabel,
            other: '',
            name: plan.names[0],
          }),
        );
      }
      return new Promise<void>((done) => {
        batch.push({ c, reply, names: plan.names, warnings, done });
        if (batch.length >= WRITE_BATCH || outstanding === 0) flush();
      });
    },
  });
  await writing;

  // County roll-ups, one per period, from this run's and the kept figures.
  const periods = new Map<string, { hash: string; entry: RollupEntry }[]>();
  for (const e of entries) {
    const list = periods.get(e.entry.periodKey) ?? [];
    list.push(e);
    periods.set(e.entry.periodKey, list);
  }
  for (const [period, list] of [...periods].sort(([a], [b]) => (a < b ? -1 : 1))) {
    list.sort((a, b) =>
      byDisplay(
        { source: a.entry.source.progress ?? '' },
        { source: b.entry.source.progress ?? '' },
      ),
    );
    const names = ext.map((e) => safeFileName(`${period}-${ROLLUP_SUFFIX}.${e}`));
    const hash = sha256(list.map((e) => e.hash).join('\n'));
    const towns = list.map((e) => e.entry.town);
    const before = old.rollups[period];
    if (before && before.hash === hash && names.every((n) => existsSync(join(outDir, n)))) {
      state.rollups[period] = before;
      summary.rollups.push({
        quarter: period,
        status: 'skipped',
        towns,
        outputs: names,
        diagnostics: [],
      });
      continue;
    }
    const rollup: RollupRecord = {
      quarter: period,
      status: 'written',
      towns,
      outputs: names,
      diagnostics: [],
    };
    try {
      const rendered = await renderer.rollup(buildRollupView(list.map((e) => e.entry)));
      const files = names.map((name) => ({
        name,
        data: name.endsWith('.docx') ? (rendered.docx as Uint8Array) : rendered.markdown,
      }));
      const written = await writeOutputs(outDir, files, { force: options.force, lang });
      rollup.diagnostics = written.diagnostics;
    } catch (err) {
      rollup.diagnostics = renderFailure(err, names[0] ?? period, lang);
    }
    if (hasErrors(rollup.diagnostics)) {
      rollup.status = 'failed';
      rollup.outputs = [];
      summary.results.push({ file: names[0] ?? period, diagnostics: rollup.diagnostics });
    } else {
      state.rollups[period] = { hash, outputs: names };
    }
    summary.rollups.push(rollup);
  }

  summary.reports.sort(byDisplay);
  summary.results.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  const index = await writeOutputs(
    outDir,
    [
      { name: 'index.json', data: indexJson(summary, options) },
      { name: 'index.md', data: indexMarkdown(summary, options) },
    ],
    { force: options.force, lang },
  );
  if (index.diagnostics.length > 0)
    summary.results.push({ file: join(outDir, 'index.md'), diagnostics: index.diagnostics });
  await writeState(outDir, state);
  return summary;
}

function reportRecord(
  c: Candidate,
  entry: RollupEntry,
  status: ReportStatus,
  outputs: string[],
  diagnostics: Diagnostic[],
): ReportRecord {
  const r: ReportRecord = {
    source: c.display,
    quarter: entry.periodKey,
    town: entry.town,
    status,
    outputs,
    figures: entry.figures,
    diagnostics,
  };
  if (entry.source.plan) r.plan = entry.source.plan;
  return r;
}
