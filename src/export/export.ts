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
import { rollupFileStem } from '../report/names.js';
import {
  atomicWriteFile,
  collisionKey,
  OutputWriter,
  safeFileName,
  sha256,
  type BatchFile,
  type LockOwner,
  type OutputFile,
  type Pieces,
} from '../write/index.js';
import { createScanner, type Candidate, type PlanInfo } from './scan.js';
import { renderAll } from './pool.js';
import { ReportNames } from './report-names.js';
import type { Job, JobReply, JobSettings } from './render-one.js';
import { readStateReports, STATE_NAME, type ExportState } from './state.js';
import { indexJsonPieces, indexMarkdownPieces, reportParts } from './index-files.js';
import { Spool, type SpoolRef } from './spool.js';
import type { PdfJob } from '../pdf/index.js';
import {
  expectedGroups,
  loadCountySettings,
  plansSeen,
  rollupOptions,
  type CountySettings,
  type FailedReport,
} from './county.js';

export interface ExportOptions {
  /** Absolute paths of candidate files (plans and other YAML are passed over). */
  files: readonly string[];
  outDir: string;
  cwd: string;
  formats: readonly OutputFormat[];
  /** Only this period, e.g. 2025Q1. */
  quarter?: string;
  threads: number;
  /** Old-generation heap cap of each worker thread in MB (default 128). */
  workerHeapMb?: number;
  force: boolean;
  templateDir?: string;
  profileFile?: string;
  lang: Lang;
  asOf?: string;
  /** Signature of the roll-ups (`--issuer`); overrides the county settings. */
  issuer?: string;
  /** 主送机关 of the roll-ups (`--addressee`); overrides the county settings. */
  addressee?: string;
  /** fangan's version: a new version rebuilds everything. */
  version: string;
  onEvent?: (event: ExportEvent) => void;
  /**
   * Called at the end with every file's problems (failures and warnings) in path order, a chunk of
   * files at a time (`last` on the final chunk), so a large batch is never held at once.
   */
  onProblems?: (results: FileResult[], last: boolean) => void | Promise<void>;
  /** Aborted on SIGINT / SIGTERM: writing stops cleanly and exportReports rejects. */
  signal?: AbortSignal;
  /** Owner of the output folder's lock (the CLI's process). */
  lock?: LockOwner;
  /**
   * Also write a PDF of every Word document (`--to …,pdf`), converted by LibreOffice a batch of
   * towns at a time; `formats` must then include docx, which stays only with `keepDocx`.
   */
  pdf?: { env: Readonly<Record<string, string | undefined>>; keepDocx: boolean };
}

/** Towns converted to PDF per LibreOffice call: its start-up is paid once per batch. */
const PDF_BATCH = 32;

export type ReportStatus = 'written' | 'skipped' | 'failed';

/** One report as it is done (handed to `onEvent`; the summary keeps only a `ReportItem`). */
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

/** What the summary keeps of each report; figures and diagnostics are in index.json. */
export type ReportItem = Pick<ReportRecord, 'source' | 'quarter' | 'town' | 'status' | 'outputs'>;

export interface RollupRecord {
  quarter: string;
  /** From the towns' plans (`region`); absent for the roll-up of towns without a county. */
  county?: string;
  status: ReportStatus;
  towns: string[];
  /** Towns expected for the period that sent nothing or a file that failed. */
  absent: string[];
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
  /** Every report in path order. */
  reports: ReportItem[];
  rollups: RollupRecord[];
  /** Every file with errors (failed reports, roll-ups, the index) with its diagnostics. */
  failures: FileResult[];
  counts: Record<ReportStatus, number>;
  /** Warnings on the reports that were written or kept (listed in index.json). */
  warnings: number;
  /** Set when the output folder cannot be written at all (checked before any rendering). */
  unwritable?: Diagnostic[];
  /** A county settings file (county.yaml) had errors. */
  countyFailed: boolean;
}

/**
 * Rendered reports waiting to be written: rendering pauses beyond this, so memory does not grow
 * with the batch when the disk is slower than the workers. A report is some 20 KB.
 */
const MAX_BACKLOG = 64;
/** Towns written at the same time: each file is fsynced, so overlapping keeps the disk busy. */
const WRITE_CONCURRENCY = 8;
const SCAN_CONCURRENCY = 32;
/**
 * Kept reports whose figures are read back from the spool with one read. A batch lives across a
 * few collections while it is recorded: 256 (some 7 MB of entries and their JSON) outgrew the
 * export thread's young generation and went to the old one; with 64 a 5,000-report re-run peaked
 * at 26 MB of heap instead of 34.
 */
const READ_BATCH = 64;
/** Files per `onProblems` call. */
const PROBLEM_CHUNK = 200;

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

/**
 * The progress files to export (after the --quarter filter), how many there were before it, and
 * what the roll-ups need of the plans and county settings (absent when there is nothing to
 * export). The other files' candidates (plans, county.yaml) end here.
 */
async function scanBatch(options: ExportOptions): Promise<{
  progressFiles: number;
  candidates: Candidate[];
  county?: { plans: PlanInfo[]; settings: CountySettings };
}> {
  const scanned = await scanAll(options.files, options.cwd);
  const all = scanned.filter((c) => c.isProgress);
  chainEarlierQuarters(all);
  const wanted = options.quarter;
  // Files whose quarter the peek could not see are rendered and filtered on their real period.
  const candidates = wanted ? all.filter((c) => !c.quarter || c.quarter === wanted) : all;
  if (candidates.length === 0) return { progressFiles: all.length, candidates };
  const plans = plansSeen(scanned);
  const settings = await loadCountySettings(scanned, plans, options.cwd, options.lang);
  return { progressFiles: all.length, candidates, county: { plans, settings } };
}

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

const byKey = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Spool parts of a report. */
const JSON_PART = 0;
const ROW_PART = 1;
const FAILURE_PART = 2;
const ENTRY_PART = 3;
const PROBLEMS_PART = 4;

/** What a report's record says that its candidate does not (rare: the quick look misread it). */
interface ItemExtras {
  quarter?: string;
  town?: string;
  /** Its order in the roll-up, when not its source. */
  order?: string;
  /** Its share of the roll-up's hash, when the candidate has no input hash. */
  entryHash?: string;
}

/**
 * A report while the export runs: its candidate (whose source, input hash and planned names are
 * the report's) and where the rest of it is spooled. One small object of one shape per report
 * (20,000 live until the end), and no summary object until the workers are done.
 */
class Item {
  constructor(
    /** Index of its candidate (and of its names in `ReportNames`). */
    readonly index: number,
    readonly status: ReportStatus,
    readonly ref: SpoolRef,
    readonly extras: ItemExtras | undefined,
  ) {}
}

/** Export-only wording of the writer's refusals: other towns were written, this one was not. */
const EXPORT_REFUSALS: Record<string, string> = { FG4001: 'FG4200', FG4002: 'FG4201' };

export async function exportReports(options: ExportOptions): Promise<ExportSummary> {
  const { lang } = options;
  const renderer: ReportRenderer = await createReportRenderer({
    formats: options.formats,
    lang,
    ...(options.templateDir === undefined ? {} : { templateDir: options.templateDir }),
    ...(options.profileFile === undefined ? {} : { profileFile: options.profileFile }),
  });
  const settings = settingsHash(options, renderer);

  const { progressFiles, candidates, county } = await scanBatch(options);
  const summary: ExportSummary = {
    found: candidates.length,
    progressFiles,
    reports: [],
    rollups: [],
    failures: [],
    counts: { written: 0, skipped: 0, failed: 0 },
    warnings: 0,
    countyFailed: false,
  };
  if (!county) return summary;
  summary.countyFailed = county.settings.failed;
  summary.failures.push(...county.settings.results.filter((r) => hasErrors(r.diagnostics)));

  // The output folder is opened (created, locked, checked) before anything is rendered.
  const writer = new OutputWriter(options.outDir, {
    force: options.force,
    lang: options.lang,
    concurrency: WRITE_CONCURRENCY,
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.lock ? { lock: options.lock } : {}),
  });
  const folderProblems = await writer.ready();
  if (hasErrors(folderProblems)) {
    await writer.close();
    summary.unwritable = folderProblems;
    summary.failures.push({ file: options.outDir, diagnostics: folderProblems });
    return summary;
  }
  options.onEvent?.({ type: 'start', total: candidates.length });

  const spool = await Spool.open();
  try {
    await run(options, writer, renderer, settings, candidates, summary, spool, county);
  } catch (err) {
    // Interrupted or a bug: what was renamed stays recorded, the lock is released.
    await writer.close();
    throw err;
  } finally {
    await spool.close();
  }
  return summary;
}

async function run(
  options: ExportOptions,
  writer: OutputWriter,
  renderer: ReportRenderer,
  settings: string,
  candidates: Candidate[],
  summary: ExportSummary,
  spool: Spool,
  countyInfo: { plans: PlanInfo[]; settings: CountySettings },
): Promise<void> {
  const { plans, settings: countySettings } = countyInfo;
  const failures: FailedReport[] = [];
  const { outDir, lang } = options;
  const wanted = options.quarter;

  const ext = options.formats;
  /** The files a Word document stands for: with --to pdf, its PDF too (or instead). */
  const pdf = options.pdf;
  const outputNames = (names: string[]): string[] =>
    pdf
      ? names.flatMap((n) => {
          if (!n.endsWith('.docx')) return [n];
          const asPdf = `${n.slice(0, -'.docx'.length)}.pdf`;
          return pdf.keepDocx ? [n, asPdf] : [asPdf];
        })
      : names;
  const reserved = new Set(['index.md', 'index.json']);
  for (const c of candidates) {
    if (c.quarter) for (const e of ext) reserved.add(rollupName(c.quarter, c.county, e));
  }
  const planned = new ReportNames(candidates, [...reserved], ext, outputNames);
  reserved.clear();

  const items: Item[] = [];
  const groups = new Map<string, { period: string; county?: string; members: Item[] }>();
  const candidateOf = (i: Item): Candidate => candidates[i.index] as Candidate;
  const sourceOf = (i: Item): string => candidateOf(i).display;
  const outputsOf = (i: Item): string[] =>
    i.status === 'failed' ? [] : (planned.get(i.index)?.names ?? []);
  /** Input hash, when the export state keeps this report for the next run. */
  const stateHashOf = (i: Item): string | undefined =>
    i.status === 'failed' ? undefined : candidateOf(i).inputHash || undefined;
  const record = (
    index: number,
    r: ReportRecord,
    kept?: { entry: RollupEntry; entryJson?: string },
    problems?: FileResult,
  ): void => {
    const c = candidates[index] as Candidate;
    const parts = reportParts(r);
    const result: FileResult | undefined =
      problems ??
      (r.diagnostics.length > 0 ? { file: r.source, diagnostics: r.diagnostics } : undefined);
    const entryJson = kept ? (kept.entryJson ?? JSON.stringify(kept.entry)) : '';
    const ref = spool.add([
      parts.json,
      parts.row,
      parts.failure,
      entryJson,
      result ? JSON.stringify(result) : '',
    ]);
    let extras: ItemExtras | undefined;
    const extra = (): ItemExtras => (extras ??= {});
    // '' when the record has none (the summary then lists none).
    if ((r.quarter ?? '') !== (c.quarter ?? '')) extra().quarter = r.quarter ?? '';
    if ((r.town ?? '') !== (c.town ?? '')) extra().town = r.town ?? '';
    let group: { members: Item[] } | undefined;
    if (kept) {
      const { periodKey: period, county } = kept.entry;
      const key = rollupKey(period, county);
      group = groups.get(key);
      if (!group) {
        const made = county ? { period, county, members: [] } : { period, members: [] };
        groups.set(key, made);
        group = made;
      }
      const progress = kept.entry.source.progress ?? '';
      if (progress !== r.source) extra().order = progress;
      if (c.inputHash === undefined) extra().entryHash = sha256(entryJson);
    }
    const item = new Item(index, r.status, ref, extras);
    group?.members.push(item);
    items.push(item);
    summary.counts[r.status]++;
    if (r.status === 'failed') {
      summary.failures.push({ file: r.source, diagnostics: r.diagnostics });
    } else summary.warnings += r.diagnostics.length;
    options.onEvent?.({ type: 'report', record: r });
  };
  const recordFailure = (result: FileResult, index: number): void => {
    const c = candidates[index] as Candidate;
    const r: ReportRecord = {
      source: c.display,
      status: 'failed',
      outputs: [],
      diagnostics: result.diagnostics,
    };
    if (c.quarter) r.quarter = c.quarter;
    if (c.town) r.town = c.town;
    failures.push({
      source: c.display,
      result,
      ...(c.quarter ? { quarter: c.quarter } : {}),
      ...(c.town ? { town: c.town } : {}),
      ...(c.county ? { county: c.county } : {}),
    });
    record(index, r, undefined, result);
  };

  // Unchanged since the last run: keep the files, reuse the figures. The old state is streamed
  // (--force keeps nothing, so it is not even read); of each report that stays, only its outputs
  // and where its figures went in the spool are held until the whole state has been read.
  const bySource = new Map<string, number>();
  for (const [i, c] of candidates.entries()) bySource.set(c.display, i);
  const old = options.force
    ? { rollups: Object.create(null) as ExportState['rollups'], reports: [] }
    : await readStateReports(outDir, settings, async (source, before) => {
        const i = bySource.get(source);
        if (i === undefined) return undefined;
        const c = candidates[i];
        const names = planned.get(i)?.names;
        if (
          !c ||
          !c.inputHash ||
          before.hash !== c.inputHash ||
          !names ||
          names.join('\n') !== before.outputs.join('\n') ||
          !names.every((n) => existsSync(join(outDir, n)))
        ) {
          return undefined;
        }
        const ref = spool.add([JSON.stringify(before.entry)]);
        await spool.room();
        return { index: i, ref };
      });
  bySource.clear();
  const keptRollups = old.rollups;
  const skipped = new Set<Candidate>();
  for (let at = 0; at < old.reports.length; at += READ_BATCH) {
    const batch = old.reports.slice(at, at + READ_BATCH);
    const texts = await spool.readMany(
      batch.map((k) => k.ref),
      0,
    );
    for (const [n, k] of batch.entries()) {
      const entryJson = texts[n] as string;
      const entry = JSON.parse(entryJson) as RollupEntry;
      const c = candidates[k.index] as Candidate;
      const names = planned.get(k.index)?.names ?? [];
      record(k.index, reportRecord(c, entry, 'skipped', names, []), { entry, entryJson });
      skipped.add(c);
    }
    await spool.room();
  }
  old.reports.length = 0;
  // The candidates to render, by index (a job's index is its candidate's); jobs are made as sent.
  const toRender = new Uint32Array(candidates.length - skipped.size);
  let queued = 0;
  for (const [index, c] of candidates.entries()) if (!skipped.has(c)) toRender[queued++] = index;
  const jobs = {
    length: toRender.length,
    at: (i: number): Job | undefined => {
      const index = toRender[i];
      const c = index === undefined ? undefined : candidates[index];
      return c && index !== undefined ? { index, file: c.file, display: c.display } : undefined;
    },
  };
  skipped.clear();

  /** The writer's diagnostics, its refusals worded for a batch. */
  const write = async (files: BatchFile[]): Promise<Diagnostic[]> =>
    (await writer.write(files)).diagnostics.map((d) => {
      const code = EXPORT_REFUSALS[d.code];
      if (!code) return d;
      const name = files.find((f) => d.file.endsWith(f.name))?.name ?? d.file;
      const at = { file: d.file, line: d.line, column: d.column };
      return makeDiagnostic(code, lang, at, { name }, { code: 'FG4090' });
    });

  /** One town's files, all or none; a refused file (edited by hand) fails that town only. */
  const writeReport = async (
    index: number,
    reply: Extract<JobReply, { ok: true }>,
    names: string[],
    warnings: Diagnostic[],
    pdfs?: Map<string, Uint8Array>,
  ): Promise<void> => {
    const files: OutputFile[] = [];
    for (const name of names) {
      if (name.endsWith('.pdf')) {
        const data = pdfs?.get(name);
        if (data) files.push({ name, data });
      } else
        files.push({
          name,
          data: name.endsWith('.docx') ? (reply.docx as Uint8Array) : (reply.markdown as string),
        });
    }
    const problems = files.length === names.length ? await write(files) : [];
    const c = candidates[index] as Candidate;
    if (hasErrors(problems)) {
      recordFailure({ file: c.display, diagnostics: [...warnings, ...problems] }, index);
      return;
    }
    const { entry } = reply;
    record(index, reportRecord(c, entry, 'written', names, [...warnings, ...problems]), { entry });
  };

  // With --to pdf, towns wait in batches; each batch is converted by one LibreOffice call, then
  // every town's files are written together (a town whose PDF failed is not written at all).
  type Pending = {
    index: number;
    reply: Extract<JobReply, { ok: true }>;
    names: string[];
    warnings: Diagnostic[];
  };
  let pending: Pending[] = [];
  const convert = pdf ? await pdfConverter(options, pdf.env) : undefined;
  const flushPdf = async (): Promise<void> => {
    if (!convert || pending.length === 0) return;
    const batch = pending;
    pending = [];
    const converted = await convert(batch.flatMap((p) => pdfJob(p.names, p.reply.docx)));
    for (const p of batch) {
      const failed = pdfProblems(p.names, converted, lang);
      if (failed.length > 0) {
        const file = (candidates[p.index] as Candidate).display;
        const moved = failed.map((d) => ({ ...d, file }));
        recordFailure({ file, diagnostics: [...p.warnings, ...moved] }, p.index);
        continue;
      }
      await writeReport(p.index, p.reply, p.names, p.warnings, converted.files);
    }
  };
  const acceptReport = async (p: Pending): Promise<void> => {
    if (!convert) return writeReport(p.index, p.reply, p.names, p.warnings);
    pending.push(p);
    if (pending.length >= PDF_BATCH) await flushPdf();
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
    ...(options.workerHeapMb === undefined ? {} : { heapMb: options.workerHeapMb }),
    onReply: async (reply) => {
      if (options.signal?.aborted) throw new Error('export interrupted');
      await spool.room();
      const c = candidates[reply.index] as Candidate;
      if (!reply.ok) {
        recordFailure(reply.result, reply.index);
        return;
      }
      const entry = reply.entry;
      if (wanted && entry.periodKey !== wanted) {
        // Its quarter was not visible to the quick look; now it is, and it is not wanted.
        summary.found--;
        return;
      }
      let plan = planned.get(reply.index);
      if (!plan || entry.periodKey !== c.quarter || entry.town !== c.town) {
        plan = planned.replan(reply.index, entry.periodKey, entry.town, c.display);
      }
      const warnings = [...reply.warnings];
      if (plan.clash) {
        const at = { file: c.display, line: 1, column: 1 };
        warnings.push(
          makeDiagnostic('FG6003', lang, at, {
            town: entry.town,
            period: entry.periodLabel,
            other: plan.clash,
            name: plan.names[0],
          }),
        );
      }
      await acceptReport({ index: reply.index, reply, names: plan.names, warnings });
    },
  });
  await flushPdf();

  // Roll-ups, one per period and county, from this run's and the kept figures; towns whose plan
  // names no county share one roll-up per period.
  const rollupState: ExportState['rollups'] = Object.create(null) as ExportState['rollups'];
  const pendingRollups: {
    rollup: RollupRecord;
    key: string;
    hash: string;
    names: string[];
    files: OutputFile[];
    docx: Uint8Array | undefined;
  }[] = [];
  // The county settings' problems are listed with the roll-ups.
  const rollupProblems: FileResult[] = [...countySettings.results];
  // Counties with towns expected for a period but no valid report still get their roll-up.
  const periods = wanted
    ? [wanted]
    : [
        ...new Set([
          ...candidates.flatMap((c) => (c.quarter ? [c.quarter] : [])),
          ...[...groups.values()].map((g) => g.period),
        ]),
      ];
  for (const g of expectedGroups(periods, plans, failures)) {
    const key = rollupKey(g.period, g.county);
    if (!groups.has(key)) groups.set(key, { ...g, members: [] });
  }
  const heads = {
    ...(options.issuer ? { issuer: options.issuer } : {}),
    ...(options.addressee ? { addressee: options.addressee } : {}),
  };
  // Two counties whose roll-ups land on one file (`云:川县` / `云：川县`, `AB县` / `ab县` on a
  // case-insensitive disk): both fail, each naming the other, and neither is written.
  const rollupOwners = new Map<string, { group: string; label: string }[]>();
  for (const [group, { period, county }] of groups) {
    const name = collisionKey(rollupName(period, county, ext[0] ?? 'md'));
    const label = county ? `${county} ${period}` : period;
    rollupOwners.set(name, [...(rollupOwners.get(name) ?? []), { group, label }]);
  }
  for (const [key, { period, county, members }] of [...groups].sort((a, b) => byKey(a[0], b[0]))) {
    const orderOf = (m: Item): string => m.extras?.order ?? sourceOf(m);
    members.sort((a, b) => byKey(orderOf(a), orderOf(b)));
    const names = outputNames(ext.map((e) => rollupName(period, county, e)));
    const before = keptRollups[key];
    const list: RollupEntry[] = [];
    for (const m of members)
      list.push(JSON.parse(await spool.read(m.ref, ENTRY_PART)) as RollupEntry);
    const towns = list.map((e) => e.town);
    const group = county ? { period, county } : { period };
    const rollupSettings = rollupOptions(group, towns, plans, failures, countySettings, heads);
    const hash = sha256(
      [
        ...members.map((m) => m.extras?.entryHash ?? candidateOf(m).inputHash),
        JSON.stringify(rollupSettings),
      ].join('\n'),
    );
    const rollup: RollupRecord = {
      quarter: period,
      ...(county ? { county } : {}),
      status: 'written',
      towns,
      absent: (rollupSettings.absent ?? []).map((a) => a.town),
      outputs: names,
      diagnostics: [],
    };
    const others = (rollupOwners.get(collisionKey(names[0] ?? '')) ?? []).filter(
      (o) => o.group !== key,
    );
    if (others.length > 0) {
      const own = names[0] ?? '';
      const at = { file: join(outDir, own), line: 1, column: 1 };
      rollup.diagnostics = others.map((o) =>
        makeDiagnostic('FG4106', lang, at, { name: own, other: o.label }),
      );
      rollup.status = 'failed';
      rollup.outputs = [];
      const failure = { file: own, diagnostics: rollup.diagnostics };
      summary.failures.push(failure);
      rollupProblems.push(failure);
      summary.rollups.push(rollup);
      continue;
    }
    if (before && before.hash === hash && names.every((n) => existsSync(join(outDir, n)))) {
      rollupState[key] = before;
      summary.rollups.push({ ...rollup, status: 'skipped' });
      continue;
    }
    try {
      const view = buildRollupView(list, rollupSettings);
      const rendered = await renderer.rollup(view);
      const files: OutputFile[] = [];
      for (const name of names) {
        if (!name.endsWith('.pdf'))
          files.push({
            name,
            data: name.endsWith('.docx') ? (rendered.docx as Uint8Array) : rendered.markdown,
          });
      }
      if (convert) {
        // Written after the loop, with every roll-up's PDF from one LibreOffice call.
        pendingRollups.push({ rollup, key, hash, names, files, docx: rendered.docx });
        continue;
      }
      rollup.diagnostics = await write(files);
    } catch (err) {
      rollup.diagnostics = renderFailure(err, names[0] ?? period, lang);
    }
    if (hasErrors(rollup.diagnostics)) {
      rollup.status = 'failed';
      rollup.outputs = [];
      const failure = { file: names[0] ?? period, diagnostics: rollup.diagnostics };
      summary.failures.push(failure);
      rollupProblems.push(failure);
    } else {
      rollupState[key] = { hash, outputs: names };
    }
    summary.rollups.push(rollup);
  }
  if (convert && pendingRollups.length > 0) {
    const converted = await convert(pendingRollups.flatMap((p) => pdfJob(p.names, p.docx)));
    for (const p of pendingRollups) {
      const { rollup } = p;
      const failed = pdfProblems(p.names, converted, lang);
      if (failed.length > 0) rollup.diagnostics = failed;
      else {
        const files = [...p.files];
        for (const name of p.names) {
          const data = converted.files.get(name);
          if (data) files.push({ name, data });
        }
        rollup.diagnostics = await write(files);
      }
      if (hasErrors(rollup.diagnostics)) {
        rollup.status = 'failed';
        rollup.outputs = [];
        const failure = { file: p.names[0] ?? rollup.quarter, diagnostics: rollup.diagnostics };
        summary.failures.push(failure);
        rollupProblems.push(failure);
      } else {
        rollupState[p.key] = { hash: p.hash, outputs: p.names };
      }
      summary.rollups.push(rollup);
    }
    // Same order as without PDFs: by period and county.
    summary.rollups.sort((a, b) =>
      byKey(rollupKey(a.quarter, a.county), rollupKey(b.quarter, b.county)),
    );
  }

  // The index files, put together from the spooled pieces in path order.
  items.sort((a, b) => byKey(sourceOf(a), sourceOf(b)));
  summary.reports = items.map((i): ReportItem => {
    const c = candidateOf(i);
    const report: ReportItem = { source: c.display, status: i.status, outputs: outputsOf(i) };
    const quarter = i.extras?.quarter ?? c.quarter;
    const town = i.extras?.town ?? c.town;
    if (quarter) report.quarter = quarter;
    if (town) report.town = town;
    return report;
  });
  // Pieces are made as they are written (and again if the writer compares hashes), never listed.
  const jsonPieces = function* (): Generator<Assembled> {
    for (const p of indexJsonPieces(items.length, summary.counts, summary.rollups, options)) {
      yield typeof p === 'string' ? p : { ref: (items[p.report] as Item).ref, part: JSON_PART };
    }
  };
  const md = indexMarkdownPieces(
    summary.counts,
    summary.rollups,
    items.length,
    summary.counts.failed > 0,
    options,
  );
  const mdPieces = function* (): Generator<Assembled> {
    yield md.head;
    for (const i of items) yield { ref: i.ref, part: ROW_PART };
    yield md.between;
    for (const i of items) if (i.status === 'failed') yield { ref: i.ref, part: FAILURE_PART };
  };
  const index = await write([
    { name: 'index.json', data: assembled(spool, jsonPieces) },
    { name: 'index.md', data: assembled(spool, mdPieces) },
  ]);
  // The state goes in while the folder is still locked; losing it only means a full rebuild.
  const kept = function* (): Generator<KeptReport> {
    for (const i of items) {
      const hash = stateHashOf(i);
      if (hash !== undefined)
        yield { source: sourceOf(i), hash, outputs: outputsOf(i), ref: i.ref };
    }
  };
  const stateProblem = await saveState(spool, outDir, settings, kept, rollupState, lang);
  const closing = await writer.close();
  const indexProblems = [...index, ...closing];
  if (stateProblem) indexProblems.push(stateProblem);
  const indexResult: FileResult | undefined =
    indexProblems.length > 0
      ? { file: join(outDir, 'index.md'), diagnostics: indexProblems }
      : undefined;
  if (indexResult && hasErrors(indexResult.diagnostics)) summary.failures.push(indexResult);

  // Every file's problems, in path order, a chunk at a time.
  if (options.onProblems) {
    const sources: ({ item: Item } | { result: FileResult })[] = [
      ...items.filter((i) => spool.length(i.ref, PROBLEMS_PART) > 0).map((item) => ({ item })),
      ...rollupProblems.map((result) => ({ result })),
    ];
    const fileOf = (s: (typeof sources)[number]): string =>
      'item' in s ? sourceOf(s.item) : s.result.file;
    sources.sort((a, b) => byKey(fileOf(a), fileOf(b)));
    if (indexResult) sources.push({ result: indexResult });
    for (let i = 0; i < sources.length; i += PROBLEM_CHUNK) {
      const chunk: FileResult[] = [];
      for (const s of sources.slice(i, i + PROBLEM_CHUNK)) {
        chunk.push(
          'item' in s
            ? (JSON.parse(await spool.read(s.item.ref, PROBLEMS_PART)) as FileResult)
            : s.result,
        );
      }
      await options.onProblems(chunk, i + PROBLEM_CHUNK >= sources.length);
    }
  }
}

/** A piece of an assembled file: text, or a part of a spooled report. */
type Assembled = string | { ref: SpoolRef; part: number };

/**
 * The pieces as a file's bytes, read from the spool and handed on a megabyte at a time: an index
 * of 20,000 reports is never one buffer or one string.
 */
function assembled(spool: Spool, pieces: () => Iterable<Assembled>): Pieces {
  return {
    pieces: async function* () {
      const size = 1 << 20;
      const buffer = Buffer.allocUnsafe(size);
      let used = 0;
      for (const p of pieces()) {
        const text = typeof p === 'string' ? Buffer.from(p, 'utf8') : undefined;
        const part = typeof p === 'string' ? undefined : p;
        const length = part ? spool.length(part.ref, part.part) : (text as Buffer).length;
        if (used + length > size && used > 0) {
          // Every consumer (stage, hashPieces) is done with a piece before it asks for the next,
          // so one buffer serves the whole file: a new megabyte per piece left 50 MB of garbage
          // buffers behind an index of 20,000 reports before the GC caught up.
          yield buffer.subarray(0, used);
          used = 0;
        }
        if (length > size)
          yield part ? await spool.readInto(part.ref, part.part) : (text as Buffer);
        else if (part) {
          await spool.readInto(part.ref, part.part, buffer, used);
          used += length;
        } else used += (text as Buffer).copy(buffer, used);
      }
      if (used > 0) yield buffer.subarray(0, used);
    },
  };
}

/** A report the export state keeps for the next run, in path (key) order. */
type KeptReport = { source: string; hash: string; outputs: string[]; ref: SpoolRef };

/**
 * `.fangan-export.json` for the next run, written piece by piece (the same bytes `writeState`
 * writes); a failure only costs the next run its skips, so it is a warning.
 */
async function saveState(
  spool: Spool,
  dir: string,
  settings: string,
  reports: () => Iterable<KeptReport>,
  rollups: ExportState['rollups'],
  lang: Lang,
): Promise<Diagnostic | undefined> {
  const sorted = Object.fromEntries(
    Object.keys(rollups)
      .sort()
      .map((k) => [k, rollups[k]]),
  );
  const pieces = function* (): Generator<Assembled> {
    yield `{"version":1,"settings":${JSON.stringify(settings)},"reports":{`;
    let n = 0;
    for (const r of reports()) {
      yield `${n++ > 0 ? ',' : ''}${JSON.stringify(r.source)}:{"hash":${JSON.stringify(r.hash)},"outputs":${JSON.stringify(r.outputs)},"entry":`;
      yield { ref: r.ref, part: ENTRY_PART };
      yield '}';
    }
    yield `},"rollups":${JSON.stringify(sorted)}}\n`;
  };
  try {
    await atomicWriteFile(dir, STATE_NAME, assembled(spool, pieces), { syncFolder: false });
    return undefined;
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    const detail = e?.code ?? (e instanceof Error ? e.message : String(err));
    return makeDiagnostic(
      'FG6102',
      lang,
      { file: join(dir, STATE_NAME), line: 1, column: 1 },
      { detail },
    );
  }
}

function reportRecord(
  c: Candidate,
  entry: RollupEntry,
  status: ReportStatus,
  outputs: string[],
  diagnostics: Diagnostic[],
): ReportRecord {
  // The candidate's strings when they are the same (they are, but for a file the peek misread):
  // one copy per report instead of one per candidate and one per reply.
  const r: ReportRecord = {
    source: c.display,
    quarter: entry.periodKey === c.quarter ? c.quarter : entry.periodKey,
    town: entry.town === c.town ? c.town : entry.town,
    status,
    outputs,
    figures: entry.figures,
    diagnostics,
  };
  if (entry.source.plan) r.plan = entry.source.plan;
  return r;
}

/**
 * The PDF step of an export: LibreOffice with the profile's font aliases; returns the PDFs by
 * file name and the diagnostics (their `file` is the PDF's name).
 */
async function pdfConverter(
  options: ExportOptions,
  env: Readonly<Record<string, string | undefined>>,
): Promise<(jobs: PdfJob[]) => Promise<Converted>> {
  const [{ convertDocxToPdf }, { defaultProfile, loadProfile }] = await Promise.all([
    import('../pdf/index.js'),
    import('../docx/index.js'),
  ]);
  const profile = options.profileFile
    ? await loadProfile(options.profileFile, { lang: options.lang })
    : await defaultProfile();
  return async (jobs) => {
    const result = await convertDocxToPdf(jobs, { profile, env, lang: options.lang });
    return {
      files: new Map(result.files.map((f) => [f.name, f.data])),
      diagnostics: result.diagnostics,
    };
  };
}

type Converted = { files: Map<string, Uint8Array>; diagnostics: Diagnostic[] };

/** The conversion job of a document whose outputs are `names` (none without a .pdf name). */
const pdfJob = (names: readonly string[], docx: Uint8Array | undefined): PdfJob[] => {
  const target = names.find((n) => n.endsWith('.pdf'));
  return target && docx ? [{ name: target, docx }] : [];
};

/** What went wrong with one document's PDF in a converted batch; empty when it is there. */
function pdfProblems(names: readonly string[], converted: Converted, lang: Lang): Diagnostic[] {
  const target = names.find((n) => n.endsWith('.pdf')) ?? '';
  const own = converted.diagnostics.filter((d) => names.includes(d.file));
  if (own.length > 0 || converted.files.has(target)) return own;
  // The batch failed as a whole (e.g. LibreOffice could not start): every document says so.
  if (converted.diagnostics.length > 0) return converted.diagnostics;
  return [
    makeDiagnostic('FG5302', lang, { file: target, line: 1, column: 1 }, { reason: 'no PDF' }),
  ];
}
