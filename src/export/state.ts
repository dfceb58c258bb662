/**
 * `.fangan-export.json` in the output folder: what the last export made from which inputs, so a
 * re-run skips reports whose inputs did not change and can still build the county roll-up from
 * the kept figures. A missing or damaged file only means everything is rebuilt.
 *
 * At 20,000 reports the file is some 50 MB: it is read a chunk at a time (`readStateReports`),
 * one report at a time handed to the caller, never parsed or held as a whole.
 */
import { constants } from 'node:fs';
import { lstat, open } from 'node:fs/promises';
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

/** The old state as a re-run uses it: its roll-ups, and what `keep` made of its reports. */
export interface StreamedState<T> {
  rollups: ExportState['rollups'];
  reports: T[];
}

const CHUNK = 1 << 16;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const COLON = 0x3a;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const isSpace = (b: number): boolean => b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09;

class Damaged extends Error {}

/**
 * Reads the state of `dir` one member at a time: every report under `reports` is handed to
 * `keep` (and awaited) as soon as its bytes are complete, and whatever `keep` returns (undefined: nothing) is
 * collected. A state of another version or other settings, a damaged or missing file: no reports
 * and no roll-ups, exactly as if there were no state at all (what `keep` returned is dropped, so a
 * file damaged near its end keeps nothing either).
 *
 * The scan is on bytes: JSON's structural characters are ASCII and never occur inside a UTF-8
 * sequence, so only strings (with their escapes) and nesting need tracking.
 */
export async function readStateReports<T>(
  dir: string,
  settings: string,
  keep: (source: string, report: ReportState) => T | undefined | Promise<T | undefined>,
): Promise<StreamedState<T>> {
  const none = (): StreamedState<T> => ({
    rollups: Object.create(null) as ExportState['rollups'],
    reports: [],
  });
  let handle;
  try {
    // Only a regular file: a FIFO or a device planted under the name must not block the run.
    const path = join(dir, STATE_NAME);
    if (!(await lstat(path)).isFile()) return none();
    handle = await open(path, constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOFOLLOW);
  } catch {
    return none();
  }
  const kept: T[] = [];
  const top: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  try {
    if (!(await handle.stat()).isFile()) return none();
    /** Bytes of the member being read (a top-level one, or one report), across chunks. */
    let member: Buffer[] = [];
    let memberStart = -1;
    let depth = 0;
    let inString = false;
    let escaped = false;
    let ended = false;
    /** Inside the value of the top-level `reports`: its members are reports. */
    let inReports = false;
    /** The top-level member being read is `"reports":`; its bytes are not collected. */
    let reportsMember = false;
    let keyBytes: number[] | undefined;

    const take = (chunk: Buffer, end: number): string => {
      member.push(chunk.subarray(memberStart, end));
      const text = Buffer.concat(member).toString('utf8');
      member = [];
      memberStart = -1;
      return text;
    };
    const parseMember = (text: string): [string, unknown] => {
      let parsed: unknown;
      try {
        parsed = JSON.parse(`{${text}}`);
      } catch {
        throw new Damaged();
      }
      const entries = Object.entries(parsed as object);
      if (entries.length !== 1) throw new Damaged();
      return entries[0] as [string, unknown];
    };
    const topMember = (text: string): void => {
      const [key, value] = parseMember(text);
      top[key] = value;
      // Version and settings come first: another run's state is not read any further.
      if (key === 'version' && value !== 1) throw new Damaged();
      if (key === 'settings' && value !== settings) throw new Damaged();
    };
    const report = async (text: string): Promise<void> => {
      if (top.version !== 1 || top.settings !== settings) throw new Damaged();
      const [source, value] = parseMember(text);
      const r = value as Partial<ReportState> | null;
      if (
        typeof r !== 'object' ||
        r === null ||
        typeof r.hash !== 'string' ||
        !Array.isArray(r.outputs) ||
        typeof r.entry !== 'object' ||
        r.entry === null
      ) {
        throw new Damaged();
      }
      const t = await keep(source, r as ReportState);
      if (t !== undefined) kept.push(t);
    };

    const chunk = Buffer.allocUnsafe(CHUNK);
    for (;;) {
      const { bytesRead } = await handle.read(chunk, 0, CHUNK, null);
      if (bytesRead === 0) break;
      // Whatever member was open goes on from the start of this chunk.
      if (memberStart === -2) memberStart = 0;
      for (let i = 0; i < bytesRead; i++) {
        const b = chunk[i] as number;
        if (ended) {
          if (!isSpace(b)) throw new Damaged();
          continue;
        }
        if (inString) {
          if (escaped) escaped = false;
          else if (b === BACKSLASH) escaped = true;
          else if (b === QUOTE) inString = false;
          if (keyBytes && inString) keyBytes.push(b);
          continue;
        }
        if (isSpace(b)) continue;
        if (b === QUOTE) {
          inString = true;
          // A top-level key: remembered to see whether this member is `reports`.
          if (depth === 1 && memberStart === -1) {
            memberStart = i;
            keyBytes = [];
          } else if (inReports && depth === 2 && memberStart === -1) memberStart = i;
          continue;
        }
        if (b === COLON && depth === 1 && keyBytes) {
          reportsMember = Buffer.from(keyBytes).toString('utf8') === 'reports';
          keyBytes = undefined;
          continue;
        }
        keyBytes = undefined;
        if (b === OPEN_BRACE || b === OPEN_BRACKET) {
          if (depth === 0 && b !== OPEN_BRACE) throw new Damaged();
          depth++;
          if (depth === 2 && reportsMember) {
            if (b !== OPEN_BRACE) throw new Damaged();
            inReports = true;
            member = [];
            memberStart = -1;
          }
          continue;
        }
        if (b === CLOSE_BRACE || b === CLOSE_BRACKET) {
          if (inReports && depth === 2) {
            if (memberStart !== -1) await report(take(chunk, i));
            inReports = false;
            depth--;
            continue;
          }
          if (depth === 1) {
            if (memberStart !== -1 && !reportsMember) topMember(take(chunk, i));
            reportsMember = false;
            memberStart = -1;
            ended = true;
          }
          depth--;
          if (depth < 0) throw new Damaged();
          continue;
        }
        if (b === COMMA) {
          if (inReports && depth === 2) {
            if (memberStart === -1) throw new Damaged();
            await report(take(chunk, i));
          } else if (depth === 1) {
            // After `reports` its bytes were never collected; any other member is complete now.
            if (reportsMember) reportsMember = false;
            else if (memberStart === -1) throw new Damaged();
            else topMember(take(chunk, i));
          }
        }
      }
      // A member still open continues in the next chunk: its bytes so far are kept (a copy, the
      // chunk is reused), except the key of `reports`, whose value is read report by report.
      if (memberStart >= 0) {
        if (inReports || !reportsMember)
          member.push(Buffer.from(chunk.subarray(memberStart, bytesRead)));
        memberStart = -2;
      }
    }
    if (!ended || inString) throw new Damaged();
    if (top.version !== 1 || top.settings !== settings) return none();
    const rollups = Object.create(null) as ExportState['rollups'];
    if (typeof top.rollups === 'object' && top.rollups !== null) {
      Object.assign(rollups, top.rollups);
    }
    return { rollups, reports: kept };
  } catch {
    return none();
  } finally {
    await handle.close().catch(() => undefined);
  }
}

/** The whole state at once; only for small folders and tests (an export streams it). */
export async function readState(dir: string, settings: string): Promise<ExportState> {
  const state = emptyState(settings);
  const read = await readStateReports(dir, settings, (source, report) => ({ source, report }));
  for (const { source, report } of read.reports) state.reports[source] = report;
  Object.assign(state.rollups, read.rollups);
  return state;
}

export async function writeState(dir: string, state: ExportState): Promise<void> {
  await atomicWriteFile(dir, STATE_NAME, serializeState(state), { syncFolder: false });
}

/** The state's bytes: keys sorted, no spaces. An export writes the same bytes piece by piece. */
export function serializeState(state: ExportState): string {
  const sorted = <T>(record: Record<string, T>): Record<string, T> =>
    Object.fromEntries(
      Object.keys(record)
        .sort()
        .map((k) => [k, record[k] as T]),
    );
  const data = { ...state, reports: sorted(state.reports), rollups: sorted(state.rollups) };
  return `${JSON.stringify(data)}\n`;
}
