/**
 * What the roll-ups know beyond the towns' reports: the county settings (county.yaml: issuer,
 * addressee, deadlines) and which towns should have reported for a period but sent nothing or a
 * file that failed. A town "should report" for a quarter when its plan was seen in this export (as
 * an input or as the plan of any progress file) and the plan's period overlaps the quarter.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { FileResult, Lang } from '../diagnostics/types.js';
import { hasErrors } from '../diagnostics/types.js';
import { makeDiagnostic } from '../diagnostics/make.js';
import { parseQuarter, quarterOverlaps } from '../model/calendar.js';
import type { County } from '../model/types.js';
import type { RollupAbsent, RollupOptions } from '../report/rollup.js';
import type { Candidate, PlanInfo } from './scan.js';

/** The file name looked for next to the towns' folders when no county file is among the inputs. */
export const COUNTY_FILE = 'county.yaml';

export interface CountySettings {
  /** By county name (`name`). */
  byName: Map<string, County & { source: string }>;
  /** County files with problems (errors or warnings), for the formatters. */
  results: FileResult[];
  /** A county file had errors: the export exits 1. */
  failed: boolean;
}

const display = (cwd: string, file: string): string =>
  path.relative(cwd, file).split(path.sep).join('/') || path.basename(file);

/** Every plan the export has seen, once: inputs first, then the plans named by progress files. */
export function plansSeen(candidates: readonly Candidate[]): PlanInfo[] {
  const plans = new Map<string, PlanInfo>();
  for (const c of candidates) if (c.plan) plans.set(c.plan.file, c.plan);
  for (const c of candidates) {
    if (c.planInfo && !plans.has(c.planInfo.file)) plans.set(c.planInfo.file, c.planInfo);
  }
  return [...plans.values()];
}

/**
 * Loads the county settings: `kind: county` files among the inputs, else `county.yaml` in the
 * folder above each town's plan folder (towns/青溪镇/plan.yaml -> towns/county.yaml). A file with
 * errors is reported and not used; the first file for a county wins (FG6252 for the others).
 */
export async function loadCountySettings(
  candidates: readonly Candidate[],
  plans: readonly PlanInfo[],
  cwd: string,
  lang: Lang,
): Promise<CountySettings> {
  const files = candidates.filter((c) => c.kind === 'county').map((c) => c.file);
  const seen = new Set(files);
  for (const plan of plans) {
    const nearby = path.join(path.dirname(path.dirname(plan.file)), COUNTY_FILE);
    if (!seen.has(nearby) && existsSync(nearby)) files.push(nearby);
    seen.add(nearby);
  }
  const settings: CountySettings = { byName: new Map(), results: [], failed: false };
  if (files.length === 0) return settings;
  const { loadCounty } = await import('../validate/index.js');
  const known = new Set(plans.flatMap((p) => (p.county ? [p.county] : [])));
  for (const file of files.sort()) {
    const shown = display(cwd, file);
    const { county, result } = await loadCounty(file, { lang });
    const diagnostics = result.diagnostics.map((d) =>
      d.file === file ? { ...d, file: shown } : d,
    );
    if (county) {
      const at = { file: shown, line: 1, column: 1 };
      const other = settings.byName.get(county.name);
      if (other) {
        diagnostics.push(
          makeDiagnostic('FG6252', lang, at, { county: county.name, other: other.source }),
        );
      } else if (!known.has(county.name)) {
        const names = [...known].sort().join(lang === 'en' ? ', ' : '、') || '—';
        diagnostics.push(makeDiagnostic('FG6253', lang, at, { county: county.name, known: names }));
      } else {
        settings.byName.set(county.name, { ...county, source: shown });
      }
    }
    if (hasErrors(diagnostics)) settings.failed = true;
    if (diagnostics.length > 0) settings.results.push({ ...result, file: shown, diagnostics });
  }
  return settings;
}

/** A progress file that failed, as the roll-up names it. */
export interface FailedReport {
  quarter?: string;
  town?: string;
  county?: string;
  source: string;
  result: FileResult;
}

/** `baisha/progress/2025Q1.yaml 第7行：…（FG2014）`: where and why, for the roll-up table. */
const reasonOf = (failed: FailedReport): string => {
  const d = failed.result.diagnostics.find((x) => x.severity === 'error');
  if (!d) return failed.source;
  return `${failed.source} 第${d.line}行：${d.message}（${d.code}）`;
};

export interface RollupGroupKey {
  period: string;
  county?: string;
}

/**
 * Completeness of one roll-up: how many towns should have reported (应报) and who is missing or
 * failed, plus the county's settings and command-line heads. Towns are matched by name, the way
 * the reports name them (the same town under two plans counts once).
 */
export function rollupOptions(
  group: RollupGroupKey,
  reported: readonly string[],
  plans: readonly PlanInfo[],
  failures: readonly FailedReport[],
  settings: CountySettings,
  heads: { issuer?: string; addressee?: string },
): RollupOptions {
  const { period, county } = group;
  const quarter = parseQuarter(period);
  const inGroup = (c: string | undefined): boolean => c === county;
  const expected = new Set<string>(reported);
  if (quarter && quarter.key === period) {
    for (const p of plans) {
      if (!p.town || !inGroup(p.county) || !p.period) continue;
      if (quarterOverlaps(quarter, p.period)) expected.add(p.town);
    }
  }
  const got = new Set(reported);
  const absent = new Map<string, RollupAbsent>();
  for (const f of failures) {
    if (f.quarter !== period || !inGroup(f.county)) continue;
    const town = f.town ?? f.source;
    if (got.has(town) || absent.has(town)) continue;
    absent.set(town, { town, source: f.source, reason: reasonOf(f) });
    expected.add(town);
  }
  for (const town of expected) {
    if (!got.has(town) && !absent.has(town)) absent.set(town, { town });
  }
  const options: RollupOptions = { expected: expected.size, absent: [...absent.values()] };
  if (county) options.county = county;
  const own = county ? settings.byName.get(county) : undefined;
  const issuer = heads.issuer ?? own?.issuer;
  const addressee = heads.addressee ?? own?.addressee;
  const due = own?.due?.[period];
  if (issuer) options.issuer = issuer;
  if (addressee) options.addressee = addressee;
  if (due) options.due = due;
  if (quarter) options.period = period;
  return options;
}

/**
 * The (period, county) roll-ups to write beyond those of the towns that reported: every county
 * with a town expected for a period the export covers (periods of the progress files found, or the
 * `--quarter` asked for), so a county whose towns all failed or sent nothing still gets its list.
 */
export function expectedGroups(
  periods: readonly string[],
  plans: readonly PlanInfo[],
  failures: readonly FailedReport[],
): RollupGroupKey[] {
  const groups = new Map<string, RollupGroupKey>();
  const add = (period: string, county: string | undefined): void => {
    const key = county ? `${period} ${county}` : period;
    if (!groups.has(key)) groups.set(key, county ? { period, county } : { period });
  };
  for (const period of periods) {
    const quarter = parseQuarter(period);
    if (!quarter || quarter.key !== period) continue;
    for (const p of plans) {
      if (p.town && p.period && quarterOverlaps(quarter, p.period)) add(period, p.county);
    }
  }
  for (const f of failures) if (f.quarter) add(f.quarter, f.county);
  return [...groups.values()];
}
