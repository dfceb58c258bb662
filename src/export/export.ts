/**
 * `fangan export`: every progress file under the given paths -> one quarterly report per town,
 * one roll-up per county and quarter, and index.md / index.json listing every output. Reports
 * are rendered in worker threads and written as they arrive (so memory stays flat); a bad file
 * becomes a failed entry with its diagnostics and the rest goes on; unchanged inputs are skipped
 * on a re-run.
 */
import { existsSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
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
import { reportFileStem, rollupFileStem } from '../report/names.js';
import {
  OutputWriter,
  safeFileName,
  safeFileNames,
  sha256,
  type OutputFile,
} from '../write/index.js';
import { createScanner, type Candidate } from './scan.js';
import { renderAll } from './pool.js';
import type { Job, JobReply, JobSettings } from './render-one.js';
import { emptyState, readState, writeState, type ExportState } from './state.js';
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
  /** From the towns' plans (`region`); absent for the roll-up of towns without a county. */
  county?: string;
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

/**
 * Rendered reports waiting to be written: rendering pauses beyond this, so memory does not grow
 * with the batch when the disk is slower than the workers. A report is some 20 KB.
 */
const MAX_BACKLOG = 64;
/** Towns written at the same time: each file is fsynced, so overlapping keeps the disk busy. */
const WRITE_CONCURRENCY = 8;
const SCAN_CONCURRENCY = 32;

/** `2025Q1-云川县-汇总报告.docx`, or `2025Q1-汇总报告.docx` for towns without a county. */
const rollupName = (period: string, county: string | undefined, ext: string): string =>
  safeFileName(`${rollupFileStem(period, county)}.${ext}`);
/** Roll-ups in the export state: one per period and county. */
const rollupKey = (period: string, county: string | undefined): string =>
  county ? `${period} ${county}` : period;

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

/**
 * A report also reads its town's earlier quarters in the same folder (环比, report/history.ts):
 * their hashes join its input hash, so editing an earlier quarter rebuilds the later reports.
 */
function chainEarlierQuarters(candidates: Candidate[]): void {
  const byFolder = new Map<string, Candidate[]>();
  for (const c of candidates) {
    // Only files laid out as `progress new` does (<dir>/2025Q1.yaml) are read as history.
    if (!c.quarter || !/^\d{4}Q[1-4]\.ya?ml$/.test(basename(c.file))) continue;
    const folder = dirname(c.file);
    byFolder.set(folder, [...(byFolder.get(folder) ?? []), c]);
  }
  for (const town of byFolder.values()) {
    if (town.length < 2) continue;
    const own = town.map((c) => ({ quarter: c.quarter ?? '', hash: c.inputHash ?? '' }));
    for (const c of town) {
      const earlier = own.filter((o) => o.quarter < (c.quarter ?? '')).map((o) => o.hash);
      if (c.inputHash && earlier.length > 0) {
        c.inputHash = sha256([c.inputHash, ...earlier.sort()].join('\n'));
      }
    }
  }
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
  chainEarlierQuarters(all);
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

  // --force keeps nothing from the last run, so the old state is not even read.
  const old: ExportState = options.force ? emptyState(settings) : await readState(outDir, settings);
  const state: ExportState = emptyState(settings);

  // Names: reserved ones first, then reports in path order, so collisions resolve the same way
  // on every run (the second 青溪镇 2025Q1 gets -2 whichever worker finishes first).
  const taken = new Set<string>(['index.md', 'index.json']);
  const ext = options.formats;
  for (const c of candidates) {
    if (c.quarter) for (const e of ext) taken.add(rollupName(c.quarter, c.county, e).toLowerCase());
  }
  const nameFor = (period: string, town: string): { names: string[]; clash: boolean } => {
    const stem = reportFileStem(period, town);
    const names = safeFileNames(stem, ext, taken);
    return { names, clash: names[0] !== safeFileNames(stem, ext)[0] };
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

  const writer = new OutputWriter(outDir, {
    force: options.force,
    lang,
    concurrency: WRITE_CONCURRENCY,
  });

  /** One town's files, all or none; a refused file (edited by hand) fails that town only. */
  const writeReport = async (
    c: Candidate,
    reply: Extract<JobReply, { ok: true }>,
    names: string[],
    warnings: Diagnostic[],
  ): Promise<void> => {
    const files: OutputFile[] = names.map((name) => ({
      name,
      data: name.endsWith('.docx') ? (reply.docx as Uint8Array) : (reply.markdown as string),
    }));
    const problems = (await writer.write(files)).diagnostics;
    const entry = reply.entry;
    if (hasErrors(problems)) {
      recordFailure({ file: c.display, diagnostics: [...warnings, ...problems] }, c);
      return;
    }
    // Input hashes live in the export state file (.fangan-export.json), not in the manifest.
    if (c.inputHash) state.reports[c.display] = { hash: c.inputHash, outputs: names, entry };
    entries.push({ hash: c.inputHash ?? sha256(JSON.stringify(entry)), entry });
    record(reportRecord(c, entry, 'written', names, [...warnings, ...problems]));
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
    maxBacklog: MAX_BACKLOG,
    onReply: async (reply) => {
      const c = byIndex[reply.index] as Candidate;
      if (!reply.ok) {
        recordFailure(reply.result, c);
        return;
      }
      const entry = reply.entry;
      if (wanted && entry.periodKey !== wanted) {
        // Its quarter was not visible to the quick look; now it is, and it is not wanted.
        summary.found--;
        return;
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
      await writeReport(c, reply, plan.names, warnings);
    },
  });

  // Roll-ups, one per period and county, from this run's and the kept figures; towns whose plan
  // names no county share one roll-up per period.
  const groups = new Map<string, { period: string; county?: string; list: typeof entries }>();
  for (const e of entries) {
    const { periodKey: period, county } = e.entry;
    const key = rollupKey(period, county);
    let group = groups.get(key);
    if (!group) {
      group = county ? { period, county, list: [] } : { period, list: [] };
      groups.set(key, group);
    }
    group.list.push(e);
  }
  const byGroup = (a: [string, unknown], b: [string, unknown]): number => (a[0] < b[0] ? -1 : 1);
  for (const [key, { period, county, list }] of [...groups].sort(byGroup)) {
    list.sort((a, b) =>
      byDisplay(
        { source: a.entry.source.progress ?? '' },
        { source: b.entry.source.progress ?? '' },
      ),
    );
    const names = ext.map((e) => rollupName(period, county, e));
    const hash = sha256(list.map((e) => e.hash).join('\n'));
    const towns = list.map((e) => e.entry.town);
    const before = old.rollups[key];
    const rollup: RollupRecord = {
      quarter: period,
      ...(county ? { county } : {}),
      status: 'written',
      towns,
      outputs: names,
      diagnostics: [],
    };
    if (before && before.hash === hash && names.every((n) => existsSync(join(outDir, n)))) {
      state.rollups[key] = before;
      summary.rollups.push({ ...rollup, status: 'skipped' });
      continue;
    }
    try {
      const view = buildRollupView(
        list.map((e) => e.entry),
        county ? { county } : {},
      );
      const rendered = await renderer.rollup(view);
      const files = names.map((name) => ({
        name,
        data: name.endsWith('.docx') ? (rendered.docx as Uint8Array) : rendered.markdown,
      }));
      rollup.diagnostics = (await writer.write(files)).diagnostics;
    } catch (err) {
      rollup.diagnostics = renderFailure(err, names[0] ?? period, lang);
    }
    if (hasErrors(rollup.diagnostics)) {
      rollup.status = 'failed';
      rollup.outputs = [];
      summary.results.push({ file: names[0] ?? period, diagnostics: rollup.diagnostics });
    } else {
      state.rollups[key] = { hash, outputs: names };
    }
    summary.rollups.push(rollup);
  }

  summary.reports.sort(byDisplay);
  summary.results.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  const index = await writer.write([
    { name: 'index.json', data: indexJson(summary, options) },
    { name: 'index.md', data: indexMarkdown(summary, options) },
  ]);
  const closing = await writer.close();
  const problems = [...index.diagnostics, ...closing];
  if (problems.length > 0)
    summary.results.push({ file: join(outDir, 'index.md'), diagnostics: problems });
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
