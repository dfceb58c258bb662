/**
 * A quick look at candidate files before any real work: is it a progress file, which quarter,
 * which plan, and the sha256 of its bytes and its plan's. Cheap (one read, a few regexes) so
 * thousands of files can be filtered and hashed in the main thread; the real loading and
 * validation happen in the workers. A file the peek cannot read is still sent to a worker, which
 * reports it properly.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'yaml';
import { decodeBytes } from '../read/decode.js';
import { sha256 } from '../write/index.js';
import { countyName, townName } from '../report/names.js';

export interface Candidate {
  /** Absolute path. */
  file: string;
  /** What the user sees: relative to the working folder. */
  display: string;
  isProgress: boolean;
  quarter?: string;
  planFile?: string;
  /** sha256 of the progress bytes + the plan bytes; absent when the plan could not be read. */
  inputHash?: string;
  /** From the plan's region/issuer, for the output name; absent when the plan is unreadable. */
  town?: string;
  county?: string;
}

// Top-level scalars as the format writes them; quotes and a trailing comment allowed.
const scalar = (key: string): RegExp =>
  new RegExp(`^${key}:[ \\t]*(['"]?)([^'"#\\r\\n]*?)\\1[ \\t]*(?:#.*)?\\r?$`, 'm');
const KIND = scalar('kind');
const QUARTER = scalar('quarter');
const PLAN = scalar('plan');

// A plain one-line value of words (no YAML syntax that could change its meaning).
const PLAIN_WORDS = /^[\p{L}\p{N}][\p{L}\p{N}\p{M}（）()·・ _.-]*$/u;
const ISSUER = scalar('issuer');
const REGION = scalar('region');

/**
 * `issuer` and `region` of a plan, for the town and county names. Plans write them as plain
 * top-level lines, which a regex reads in microseconds; anything fancier (quotes with escapes,
 * block scalars, flow style) goes through the YAML parser. Undefined when the plan is broken:
 * the worker reports it with positions.
 */
function planNames(text: string): { issuer: string; region?: string } | undefined {
  const issuer = ISSUER.exec(text)?.[2];
  const region = REGION.exec(text)?.[2];
  const plain = (v: string | undefined): boolean => v === undefined || PLAIN_WORDS.test(v);
  const keys = text.match(/^(?:issuer|region):/gm)?.length ?? 0;
  if (issuer !== undefined && plain(issuer) && plain(region) && keys === (region ? 2 : 1)) {
    return region === undefined ? { issuer } : { issuer, region };
  }
  try {
    const data = parse(text, { maxAliasCount: 0 }) as { region?: unknown; issuer?: unknown };
    if (typeof data?.issuer !== 'string') return undefined;
    return typeof data.region === 'string'
      ? { issuer: data.issuer, region: data.region }
      : { issuer: data.issuer };
  } catch {
    return undefined;
  }
}

/**
 * The text of a file as the read stage would decode it (BOM, UTF-8, GB18030), so names from a
 * GB18030 plan come out right; latin1 when it cannot be decoded, which still shows ASCII keys such
 * as `kind:` (the worker then reports the decode error with its position).
 */
function peekText(bytes: Uint8Array): string {
  const decoded = decodeBytes(bytes);
  return decoded.ok ? decoded.text : Buffer.from(bytes).toString('latin1');
}

interface PlanPeek {
  hash: string;
  town?: string;
  county?: string;
}

/** Plans are shared by many progress files: each is read and hashed once per run. */
export function createScanner(cwd: string): (file: string) => Promise<Candidate> {
  const plans = new Map<string, Promise<PlanPeek | undefined>>();
  const peekPlan = (file: string): Promise<PlanPeek | undefined> => {
    let p = plans.get(file);
    if (!p) {
      p = readFile(file).then(
        (bytes) => {
          const peek: PlanPeek = { hash: sha256(bytes) };
          const names = planNames(peekText(bytes));
          if (names) {
            peek.town = townName(names);
            const county = countyName(names);
            if (county) peek.county = county;
          }
          return peek;
        },
        () => undefined,
      );
      plans.set(file, p);
    }
    return p;
  };

  return async (file) => {
    const display = path.relative(cwd, file).split(path.sep).join('/') || path.basename(file);
    const candidate: Candidate = { file, display, isProgress: false };
    let bytes: Buffer;
    try {
      bytes = await readFile(file);
    } catch {
      candidate.isProgress = true; // let the worker report why it cannot be read
      return candidate;
    }
    const text = peekText(bytes);
    candidate.isProgress = KIND.exec(text)?.[2] === 'progress';
    if (!candidate.isProgress) return candidate;
    const quarter = QUARTER.exec(text)?.[2];
    if (quarter) candidate.quarter = quarter.toUpperCase();
    const planRel = PLAN.exec(text)?.[2];
    if (planRel) {
      candidate.planFile = path.resolve(path.dirname(file), planRel);
      const plan = await peekPlan(candidate.planFile);
      if (plan) {
        candidate.inputHash = sha256(`${sha256(bytes)}\n${plan.hash}`);
        if (plan.town) candidate.town = plan.town;
        if (plan.county) candidate.county = plan.county;
      }
    }
    return candidate;
  };
}
