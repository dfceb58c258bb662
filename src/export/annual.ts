/**
 * Annual summaries: a town's four quarterly progress files, found where `fangan progress new` puts
 * them (`<plan folder>/progress/2025Q1.yaml` …), -> its 年度工作总结; and for `export --annual`
 * every town's summary plus one county annual roll-up per county and year.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Diagnostic, FileResult, Lang } from '../diagnostics/types.js';
import { hasErrors } from '../diagnostics/types.js';
import { makeDiagnostic } from '../diagnostics/make.js';
import type { Plan } from '../model/types.js';
import {
  buildAnnualView,
  planQuarters,
  type AnnualInput,
  type AnnualView,
} from '../report/annual.js';
import { buildAnnualRollupView } from '../report/annual-rollup.js';
import { createReportRenderer, renderFailure, type OutputFormat } from '../report/render.js';
import { OutputWriter, safeFileName, safeFileNames } from '../write/index.js';
import { loadCountySettings, plansSeen } from './county.js';
import { createScanner } from './scan.js';

const display = (cwd: string, file: string): string =>
  path.relative(cwd, file).split(path.sep).join('/') || path.basename(file);

/** Where `progress new` writes the quarter's file for a plan. */
export const progressPathFor = (planFile: string, quarterKey: string): string =>
  path.join(path.dirname(planFile), 'progress', `${quarterKey}.yaml`);

export type AnnualLoad =
  | { ok: true; plan: Plan; year: number; inputs: AnnualInput[]; warnings: FileResult[] }
  | { ok: false; results: FileResult[]; usage?: { code: string; params: Record<string, string> } };

/**
 * The plan and its quarterly files for `year` (default: the year the plan period starts). A
 * missing quarter is a warning (FG6301); a quarter file with errors (FG6302) or reporting another
 * period (FG6303) stops the summary: half a year's figures presented as the year's would mislead.
 */
export async function loadAnnualInputs(
  planFile: string,
  options: { year?: number; lang: Lang; cwd: string },
): Promise<AnnualLoad> {
  const { lang, cwd } = options;
  const { loadPlan, loadProgress } = await import('../validate/index.js');
  const planShown = display(cwd, planFile);
  const loaded = await loadPlan(planFile, { lang });
  const relabel = (file: string, shown: string) => (d: Diagnostic) =>
    d.file === file ? { ...d, file: shown } : d;
  if (!loaded.plan) {
    const result = loaded.result;
    const diagnostics = result.diagnostics.map(relabel(planFile, planShown));
    if (!hasErrors(diagnostics)) {
      const at = { file: planShown, line: 1, column: 1 };
      diagnostics.unshift(makeDiagnostic('FG6001', lang, at, { kind: result.kind ?? 'unknown' }));
    }
    return { ok: false, results: [{ ...result, file: planShown, diagnostics }] };
  }
  const plan = loaded.plan;
  const year = options.year ?? Number(plan.period.start.slice(0, 4));
  const quarters = planQuarters(plan, year);
  if (quarters.length === 0) {
    return {
      ok: false,
      results: [],
      usage: {
        code: 'FG9251',
        params: { year: String(year), start: plan.period.start, end: plan.period.end },
      },
    };
  }
  const warnings: FileResult[] = [];
  if (loaded.result.diagnostics.length > 0) {
    warnings.push({
      ...loaded.result,
      file: planShown,
      diagnostics: loaded.result.diagnostics.map(relabel(planFile, planShown)),
    });
  }
  const inputs: AnnualInput[] = [];
  const failures: FileResult[] = [];
  const missing: Diagnostic[] = [];
  for (const q of quarters) {
    const file = progressPathFor(planFile, q.key);
    const shown = display(cwd, file);
    if (!existsSync(file)) {
      const at = { file: planShown, line: 1, column: 1 };
      missing.push(makeDiagnostic('FG6301', lang, at, { quarter: q.key, file: shown }));
      inputs.push({});
      continue;
    }
    const p = await loadProgress(file, { lang });
    const diagnostics = p.result.diagnostics.map(relabel(file, shown));
    const at = { file: shown, line: 1, column: 1 };
    const actual = p.progress?.quarter ?? p.progress?.period?.start ?? '';
    if (!p.progress || hasErrors(diagnostics)) {
      diagnostics.push(makeDiagnostic('FG6302', lang, at, { quarter: q.key, file: shown }));
    } else if (p.progress.quarter !== q.key) {
      diagnostics.push(makeDiagnostic('FG6303', lang, at, { file: shown, actual, quarter: q.key }));
    }
    // Warnings of a quarter file (overdue measures) were the quarterly report's business.
    if (hasErrors(diagnostics)) failures.push({ ...p.result, file: shown, diagnostics });
    inputs.push(p.progress ? { progress: p.progress, file: shown } : {});
  }
  if (missing.length > 0) {
    const own = warnings.find((w) => w.file === planShown);
    if (own) own.diagnostics.push(...missing);
    else warnings.unshift({ file: planShown, diagnostics: missing });
  }
  if (failures.length > 0) return { ok: false, results: [...warnings, ...failures] };
  if (inputs.every((i) => !i.progress)) {
    const dir = display(cwd, path.join(path.dirname(planFile), 'progress'));
    const example = `${dir}/${quarters[0]?.key ?? `${year}Q1`}.yaml`;
    const at = { file: planShown, line: 1, column: 1 };
    const none = makeDiagnostic('FG6300', lang, at, { year: String(year), dir, example });
    return { ok: false, results: [{ file: planShown, diagnostics: [none] }] };
  }
  return { ok: true, plan, year, inputs, warnings };
}

/** `2025-青溪镇-年度工作总结` */
export const annualFileStem = (year: number, town: string): string =>
  `${year}-${town}-年度工作总结`;
/** `2025-云川县-年度汇总报告`, or `2025-年度汇总报告` without a county. */
export const annualRollupFileStem = (year: number, county: string | undefined): string =>
  `${year}-${county ? `${county}-` : ''}年度汇总报告`;

export interface AnnualExportOptions {
  files: readonly string[];
  outDir: string;
  cwd: string;
  formats: readonly OutputFormat[];
  year?: number;
  force: boolean;
  templateDir?: string;
  profileFile?: string;
  lang: Lang;
  issuer?: string;
  addressee?: string;
}

export interface AnnualExportSummary {
  /** Plans (towns) considered. */
  towns: number;
  /** Output files written, relative to outDir. */
  written: string[];
  summaries: number;
  rollups: number;
  /** Towns whose summary could not be made (bad plan or quarter file). */
  failed: number;
  results: FileResult[];
}

/**
 * `fangan export --annual`: every plan seen among the inputs (or named by a progress file) gets its
 * annual summary for each year its progress files cover (or `year`), and each county one annual
 * roll-up; a town whose plan covers the year but has no progress file for it is listed as absent.
 */
export async function exportAnnual(options: AnnualExportOptions): Promise<AnnualExportSummary> {
  const { lang, cwd } = options;
  const scan = createScanner(cwd);
  const scanned = [];
  for (const file of options.files) scanned.push(await scan(file));
  const plans = plansSeen(scanned).sort((a, b) => (a.file < b.file ? -1 : 1));
  const settings = await loadCountySettings(scanned, plans, cwd, lang);
  const summary: AnnualExportSummary = {
    towns: plans.length,
    written: [],
    summaries: 0,
    rollups: 0,
    failed: 0,
    results: [...settings.results],
  };
  if (settings.failed) summary.failed++;
  const renderer = await createReportRenderer({
    formats: options.formats,
    lang,
    ...(options.templateDir === undefined ? {} : { templateDir: options.templateDir }),
    ...(options.profileFile === undefined ? {} : { profileFile: options.profileFile }),
  });
  const writer = new OutputWriter(options.outDir, { force: options.force, lang });
  const taken = new Set<string>();

  const groups = new Map<
    string,
    { year: number; county?: string; views: AnnualView[]; absent: string[] }
  >();
  const groupOf = (year: number, county: string | undefined) => {
    const key = `${year} ${county ?? ''}`;
    let g = groups.get(key);
    if (!g) {
      g = county ? { year, county, views: [], absent: [] } : { year, views: [], absent: [] };
      groups.set(key, g);
    }
    return g;
  };

  for (const plan of plans) {
    const years = new Set<number>();
    if (options.year !== undefined) years.add(options.year);
    else {
      for (const c of scanned) {
        if (c.planInfo?.file === plan.file && c.quarter) years.add(Number(c.quarter.slice(0, 4)));
      }
    }
    for (const year of [...years].sort()) {
      const covers = plan.period
        ? plan.period.start.slice(0, 4) <= String(year) &&
          String(year) <= plan.period.end.slice(0, 4)
        : true;
      if (!covers) continue;
      const loaded = await loadAnnualInputs(plan.file, { year, lang, cwd });
      if (!loaded.ok) {
        const noFiles = loaded.results.every((r) =>
          r.diagnostics.every((d) => d.code === 'FG6300'),
        );
        if (noFiles && plan.town) groupOf(year, plan.county).absent.push(plan.town);
        else {
          summary.failed++;
          summary.results.push(...loaded.results);
          if (plan.town) groupOf(year, plan.county).absent.push(plan.town);
        }
        continue;
      }
      summary.results.push(...loaded.warnings);
      const view = buildAnnualView(loaded.plan, year, loaded.inputs, {
        planFile: display(cwd, plan.file),
      });
      const names = safeFileNames(annualFileStem(year, view.town), options.formats, taken);
      try {
        const rendered = await renderer.annual(view);
        const files = names.map((name) => ({
          name,
          data: name.endsWith('.docx') ? (rendered.docx as Uint8Array) : rendered.markdown,
        }));
        const out = await writer.write(files);
        if (hasErrors(out.diagnostics)) {
          summary.failed++;
          summary.results.push({ file: names[0] ?? view.town, diagnostics: out.diagnostics });
          continue;
        }
        summary.written.push(...names);
        summary.summaries++;
      } catch (err) {
        summary.failed++;
        summary.results.push({
          file: names[0] ?? view.town,
          diagnostics: renderFailure(err, names[0] ?? view.town, lang),
        });
        continue;
      }
      groupOf(year, view.county ?? plan.county).views.push(view);
    }
  }

  for (const g of [...groups.values()].sort(
    (a, b) => a.year - b.year || (a.county ?? '').localeCompare(b.county ?? ''),
  )) {
    if (g.views.length === 0) continue;
    const own = g.county ? settings.byName.get(g.county) : undefined;
    const issuer = options.issuer ?? own?.issuer;
    const addressee = options.addressee ?? own?.addressee;
    const view = buildAnnualRollupView(g.views, {
      year: g.year,
      absent: g.absent,
      ...(g.county ? { county: g.county } : {}),
      ...(issuer ? { issuer } : {}),
      ...(addressee ? { addressee } : {}),
    });
    const names = options.formats.map((e) =>
      safeFileName(`${annualRollupFileStem(g.year, g.county)}.${e}`),
    );
    try {
      const rendered = await renderer.annualRollup(view);
      const out = await writer.write(
        names.map((name) => ({
          name,
          data: name.endsWith('.docx') ? (rendered.docx as Uint8Array) : rendered.markdown,
        })),
      );
      if (hasErrors(out.diagnostics)) {
        summary.failed++;
        summary.results.push({ file: names[0] ?? '', diagnostics: out.diagnostics });
        continue;
      }
      summary.written.push(...names);
      summary.rollups++;
    } catch (err) {
      summary.failed++;
      summary.results.push({
        file: names[0] ?? '',
        diagnostics: renderFailure(err, names[0] ?? '', lang),
      });
    }
  }
  const closing = await writer.close();
  if (closing.length > 0) summary.results.push({ file: options.outDir, diagnostics: closing });
  return summary;
}
