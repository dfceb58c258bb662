/**
 * A quick look at candidate files before any real work: is it a progress file, which quarter,
 * which plan, and the sha256 of its bytes and its plan's. Cheap (one read, a few regexes) so
 * thousands of files can be filtered and hashed in the main thread; the real loading and
 * validation happen in the workers. A file the peek cannot read is still sent to a worker, which
 * reports it properly.
 */
import { open } from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'yaml';
import { decodeBytes } from '../read/decode.js';
import { sha256 } from '../write/index.js';
import { countyName, townName } from '../report/names.js';

/** What the roll-ups need of a town's plan: who should report, and for which quarters. */
export interface PlanInfo {
  /** Absolute path. */
  file: string;
  town?: string;
  county?: string;
  /** `period` of the plan; absent when the quick look cannot read it. */
  period?: { start: string; end: string };
}

export interface Candidate {
  /** Absolute path. */
  file: string;
  /** What the user sees: relative to the working folder. */
  display: string;
  isProgress: boolean;
  /** `kind:` as the quick look sees it (progress, plan, county, …). */
  kind?: string;
  /** A plan (kind: plan) as the roll-ups see it: its own names and period. */
  plan?: PlanInfo;
  /** A progress file: its plan as the roll-ups see it (also set when the plan is unreadable). */
  planInfo?: PlanInfo;
  quarter?: string;
  /** Absolute path of its plan (`plan:`), as `planInfo.file`. */
  readonly planFile?: string | undefined;
  /** sha256 of the progress bytes + the plan bytes; absent when the plan could not be read. */
  inputHash?: string | undefined;
  /** From the plan's region/issuer, for the output name; absent when the plan is unreadable. */
  town?: string;
  county?: string;
}

/**
 * A candidate in one object shape with every field in the object itself: 25,000 live until the
 * export ends, and fields set one by one after creation went to a second (property) array each.
 */
class ScannedFile implements Candidate {
  kind?: string;
  plan?: PlanInfo;
  planInfo?: PlanInfo;
  quarter?: string;
  town?: string;
  county?: string;
  /** Where `inputHash` is in `digests`; -1 for none. */
  private digest = -1;

  constructor(
    readonly file: string,
    readonly display: string,
    public isProgress: boolean,
    private readonly digests: Digests,
  ) {}

  get planFile(): string | undefined {
    return this.planInfo?.file;
  }

  get inputHash(): string | undefined {
    return this.digest < 0 ? undefined : this.digests.hex(this.digest);
  }

  set inputHash(hex: string | undefined) {
    if (hex === undefined) this.digest = -1;
    else if (this.digest < 0) this.digest = this.digests.add(hex);
    else this.digests.set(this.digest, hex);
  }
}

/**
 * sha256 digests as their 32 bytes, in pages outside the JS heap: as a hex string each cost 80
 * bytes of heap, for 20,000 candidates held until the export ends.
 */
class Digests {
  private static readonly PER_PAGE = 2048;
  private readonly pages: Buffer[] = [];
  private count = 0;

  add(hex: string): number {
    const n = this.count++;
    if (n % Digests.PER_PAGE === 0) this.pages.push(Buffer.alloc(32 * Digests.PER_PAGE));
    this.set(n, hex);
    return n;
  }

  set(n: number, hex: string): void {
    const page = this.pages[Math.floor(n / Digests.PER_PAGE)] as Buffer;
    if (page.write(hex, (n % Digests.PER_PAGE) * 32, 32, 'hex') !== 32) {
      throw new Error(`not a sha256 digest: ${hex}`);
    }
  }

  hex(n: number): string {
    const page = this.pages[Math.floor(n / Digests.PER_PAGE)] as Buffer;
    const at = (n % Digests.PER_PAGE) * 32;
    return page.toString('hex', at, at + 32);
  }
}

/**
 * `file` relative to `cwd`, with `/` between folders: a slice of `file` itself when it lies under
 * `cwd` (the path is held already; a slice costs a few bytes, a copy its length again).
 */
function displayPath(cwd: string, file: string): string {
  const relative = path.relative(cwd, file);
  if (!relative) return path.basename(file);
  if (path.sep === '/' && file.endsWith(relative)) return file.slice(file.length - relative.length);
  return relative.split(path.sep).join('/');
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
const DATE = '(\\d{4}-\\d{2}-\\d{2})';
/** `period: { start: …, end: … }` on one line, or as a block of two indented lines. */
const PERIOD_FLOW = new RegExp(
  `^period:[ \\t]*\\{[ \\t]*start:[ \\t]*['"]?${DATE}['"]?[ \\t]*,[ \\t]*end:[ \\t]*['"]?${DATE}['"]?[ \\t]*\\}[ \\t]*(?:#.*)?\\r?$`,
  'm',
);
const PERIOD_BLOCK = new RegExp(
  `^period:[ \\t]*(?:#.*)?\\r?\\n[ \\t]+start:[ \\t]*['"]?${DATE}['"]?[ \\t]*(?:#.*)?\\r?\\n[ \\t]+end:[ \\t]*['"]?${DATE}['"]?[ \\t]*(?:#.*)?\\r?$`,
  'm',
);

/** A plan's `period`, by regex for the usual forms, else through the YAML parser. */
function planPeriod(text: string): { start: string; end: string } | undefined {
  const m = PERIOD_FLOW.exec(text) ?? PERIOD_BLOCK.exec(text);
  if (m?.[1] && m[2] && (text.match(/^period:/gm)?.length ?? 0) === 1) {
    return { start: m[1], end: m[2] };
  }
  try {
    const data = parse(text, { maxAliasCount: 0 }) as {
      period?: { start?: unknown; end?: unknown };
    };
    const { start, end } = data?.period ?? {};
    return typeof start === 'string' && typeof end === 'string' ? { start, end } : undefined;
  } catch {
    return undefined;
  }
}

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
  period?: { start: string; end: string };
}

const planInfo = (file: string, peek: PlanPeek | undefined): PlanInfo => {
  const info: PlanInfo = { file };
  if (peek?.town) info.town = peek.town;
  if (peek?.county) info.county = peek.county;
  if (peek?.period) info.period = peek.period;
  return info;
};

/** Size of a fresh scratch buffer; one for a bigger file grows and is kept for the next. */
const SCRATCH_BYTES = 1 << 16;

/**
 * Reads the whole of `file` into `scratch` (grown when the file is bigger) and returns the buffer
 * it ended in; the bytes are `[0, length)`. Scanning 25,000 files with one new buffer each left
 * some 60 MB of dead buffers to the GC, and the C heap they came from did not shrink after.
 */
async function readReusing(
  file: string,
  scratch: Buffer,
): Promise<{ buffer: Buffer; length: number }> {
  const handle = await open(file, 'r');
  try {
    let buffer = scratch;
    let length = 0;
    for (;;) {
      if (length === buffer.length) {
        const bigger = Buffer.allocUnsafeSlow(buffer.length * 2);
        buffer.copy(bigger, 0, 0, length);
        buffer = bigger;
      }
      const { bytesRead } = await handle.read(buffer, length, buffer.length - length, null);
      if (bytesRead === 0) return { buffer, length };
      length += bytesRead;
    }
  } finally {
    await handle.close();
  }
}

/** Plans are shared by many progress files: each is read and hashed once per run. */
export function createScanner(cwd: string): (file: string) => Promise<Candidate> {
  const plans = new Map<string, Promise<PlanPeek | undefined>>();
  /**
   * Strings every progress file of a batch repeats (its kind, quarter, plan path) and the plan
   * info its town shares are held once: 20,000 candidates live until the export ends.
   */
  const strings = new Map<string, string>();
  const intern = (s: string): string => {
    const had = strings.get(s);
    if (had !== undefined) return had;
    strings.set(s, s);
    return s;
  };
  const digests = new Digests();
  const infos = new Map<string, PlanInfo>();
  const sharedInfo = (file: string, peek: PlanPeek | undefined): PlanInfo => {
    let info = infos.get(file);
    if (!info) {
      info = planInfo(file, peek);
      infos.set(file, info);
    }
    return info;
  };
  const peekBytes = (bytes: Uint8Array): PlanPeek => {
    const peek: PlanPeek = { hash: sha256(bytes) };
    const text = peekText(bytes);
    const names = planNames(text);
    const period = planPeriod(text);
    if (period) peek.period = period;
    if (names) {
      peek.town = townName(names);
      const county = countyName(names);
      if (county) peek.county = county;
    }
    return peek;
  };
  /** Scratch buffers of the reads under way: as many as files are read at once. */
  const free: Buffer[] = [];
  /** `use` the bytes of `file` (only until it returns: the buffer is reused after). */
  const withBytes = async <T>(file: string, use: (bytes: Buffer) => T): Promise<T> => {
    let scratch = free.pop() ?? Buffer.allocUnsafeSlow(SCRATCH_BYTES);
    try {
      const { buffer, length } = await readReusing(file, scratch);
      scratch = buffer;
      return use(buffer.subarray(0, length));
    } finally {
      free.push(scratch);
    }
  };
  const peekPlan = (file: string, bytes?: Uint8Array): Promise<PlanPeek | undefined> => {
    let p = plans.get(file);
    if (!p) {
      // A plan among the inputs was read already: its bytes serve its progress files too.
      p = bytes
        ? Promise.resolve(peekBytes(bytes))
        : withBytes(file, peekBytes).catch(() => undefined);
      plans.set(file, p);
    }
    return p;
  };

  return async (file) => {
    const candidate = new ScannedFile(file, displayPath(cwd, file), false, digests);
    let seen;
    try {
      // All that needs the bytes is done here, before the scratch buffer goes to the next file.
      seen = await withBytes(file, (bytes) => {
        const text = peekText(bytes);
        const kind = KIND.exec(text)?.[2];
        const progress = kind === 'progress';
        const planRel = progress ? PLAN.exec(text)?.[2] : undefined;
        return {
          kind,
          plan: kind === 'plan' ? peekPlan(file, bytes) : undefined,
          quarter: progress ? QUARTER.exec(text)?.[2] : undefined,
          planRel,
          hash: planRel ? sha256(bytes) : undefined,
        };
      });
    } catch {
      candidate.isProgress = true; // let the worker report why it cannot be read
      return candidate;
    }
    const { kind } = seen;
    if (kind !== undefined) candidate.kind = intern(kind);
    candidate.isProgress = kind === 'progress';
    if (seen.plan) candidate.plan = sharedInfo(intern(file), await seen.plan);
    if (!candidate.isProgress) return candidate;
    if (seen.quarter) candidate.quarter = intern(seen.quarter.toUpperCase());
    if (seen.planRel) {
      const planFile = intern(path.resolve(path.dirname(file), seen.planRel));
      const plan = await peekPlan(planFile);
      candidate.planInfo = sharedInfo(planFile, plan);
      if (plan) {
        candidate.inputHash = sha256(`${seen.hash as string}\n${plan.hash}`);
        if (plan.town) candidate.town = plan.town;
        if (plan.county) candidate.county = plan.county;
      }
    }
    return candidate;
  };
}
