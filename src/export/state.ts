/**
 * `.fangan-export.json` in the output folder: what the last export made from which inputs, so a
 * re-run skips reports whose inputs did not change and can still build the county roll-up from
 * the kept figures. A missing or damaged file only means everything is rebuilt.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { atomicWriteFile } from '../write/index.js';
import type { RollupEntry } from '../report/rollup.js';

export const STATE_NAME = '.fangan-export.json';

export interface ReportState {
  /** sha256 over the progress file's and its plan's bytes. */
  hash: string;
  outputs: string[];
  entry: RollupEntry;
}

export interface ExportState {
  version: 1;
  /** sha256 of fangan's version, formats, templates, profile and --as-of. */
  settings: string;
  /** Keyed by the progress file's path relative to the working folder. */
  reports: Record<string, ReportState>;
  /** Keyed by period (2025Q1). */
  rollups: Record<string, { hash: string; outputs: string[] }>;
}

export const emptyState = (settings: string): ExportState => ({
  version: 1,
  settings,
  reports: Object.create(null) as ExportState['reports'],
  rollups: Object.create(null) as ExportState['rollups'],
});

export async function readState(dir: string, settings: string): Promise<ExportState> {
  try {
    const data = JSON.parse(await readFile(join(dir, STATE_NAME), 'utf8')) as Partial<ExportState>;
    if (data.version !== 1 || data.settings !== settings) return emptyState(settings);
    const state = emptyState(settings);
    Object.assign(state.reports, data.reports ?? {});
    Object.assign(state.rollups, data.rollups ?? {});
    return state;
  } catch {
    return emptyState(settings);
  }
}

export async function writeState(dir: string, state: ExportState): Promise<void> {
  const sorted = <T>(record: Record<string, T>): Record<string, T> =>
    Object.fromEntries(
      Object.keys(record)
        .sort()
        .map((k) => [k, record[k] as T]),
    );
  const data = { ...state, reports: sorted(state.reports), rollups: sorted(state.rollups) };
  await atomicWriteFile(dir, STATE_NAME, `${JSON.stringify(data)}\n`, { syncFolder: false });
}
