/**
 * The output names of an export's reports, planned before anything is rendered: the reserved
 * names (index, roll-ups) first, then the reports in path order, so collisions resolve the same
 * way on every run (the second 青溪镇 2025Q1 gets -2 whichever worker finishes first).
 */
import { reportFileStem } from '../report/names.js';
import { flatString, safeFileNames, type TakenNames } from '../write/index.js';
import type { Candidate } from './scan.js';

/** A report's names, and when they had to move to -2 …, whose names it would have had. */
export interface PlannedNames {
  names: string[];
  clash?: string;
}

/**
 * Every name taken, in lower case -> who has it without a suffix (the source it belongs to, or
 * the reserved name itself), '' for a name taken with a suffix.
 */
type Owners = Map<string, string>;

export class ReportNames {
  /**
   * Names by candidate index, `width` to a report, in one flat array (an array per report cost
   * 64 bytes more each, for 20,000 reports held until the export ends); the clashes (rare) on the
   * side.
   */
  private readonly names: (string | undefined)[];
  private width = 0;
  private readonly clashes = new Map<number, string>();
  /**
   * The owners map is only needed to plan: it holds two lower-case copies of every name, so it is
   * dropped once the plan is made and rebuilt (the same plan made again) only for a report whose
   * real quarter or town differs from what the quick look saw.
   */
  private owners: Owners | undefined;

  constructor(
    private readonly candidates: readonly Candidate[],
    private readonly reserved: readonly string[],
    private readonly exts: readonly string[],
    /** The files a Word document stands for (with --to pdf its PDF too, or instead). */
    private readonly outputNames: (names: string[]) => string[],
  ) {
    this.names = [];
    this.planAll(true);
  }

  /** The names of candidate `index`: planned, or replanned; undefined without a quarter and town. */
  get(index: number): PlannedNames | undefined {
    const { width } = this;
    if (width === 0 || this.names[index * width] === undefined) return undefined;
    const names = this.names.slice(index * width, (index + 1) * width) as string[];
    const clash = this.clashes.get(index);
    return clash === undefined ? { names } : { names, clash };
  }

  /**
   * Names for candidate `index` whose report's quarter or town turned out other than planned;
   * they are its names from now on.
   */
  replan(index: number, period: string, town: string, source: string): PlannedNames {
    this.owners ??= this.planAll(false);
    const planned = this.nameFor(this.owners, period, town, source);
    this.store(index, planned);
    return planned;
  }

  private store(index: number, planned: PlannedNames): void {
    // Every report has as many names as there are formats (a .docx with its .pdf counts two).
    if (this.width === 0) this.width = planned.names.length;
    if (planned.names.length !== this.width) throw new Error('report names: uneven plan');
    // Pushed one by one: an array made at its full length can come out sparse (a dictionary).
    while (this.names.length < this.candidates.length * this.width) this.names.push(undefined);
    for (const [k, name] of planned.names.entries()) this.names[index * this.width + k] = name;
    if (planned.clash === undefined) this.clashes.delete(index);
    else this.clashes.set(index, planned.clash);
  }

  /** Makes the plan (recording it when `record`) and returns the owners map it filled. */
  private planAll(record: boolean): Owners {
    const owners: Owners = new Map();
    for (const name of this.reserved) owners.set(name.toLowerCase(), name);
    const { candidates } = this;
    const order = Array.from(candidates.keys()).sort((a, b) => {
      const x = (candidates[a] as Candidate).display;
      const y = (candidates[b] as Candidate).display;
      return x < y ? -1 : x > y ? 1 : 0;
    });
    for (const i of order) {
      const c = candidates[i] as Candidate;
      if (!c.quarter || !c.town) continue;
      const planned = this.nameFor(owners, c.quarter, c.town, c.display);
      if (record) this.store(i, planned);
    }
    return owners;
  }

  private nameFor(owners: Owners, period: string, town: string, source: string): PlannedNames {
    const taken: TakenNames = {
      has: (key) => owners.has(key),
      add: (key) => {
        if (!owners.has(key)) owners.set(key, '');
      },
    };
    const stem = reportFileStem(period, town);
    const names = this.outputNames(safeFileNames(stem, this.exts, taken)).map(flatString);
    const plain = safeFileNames(stem, this.exts);
    const keys = plain.map((n) => n.toLowerCase());
    if (names[0] === this.outputNames(plain)[0]) {
      for (const k of keys) owners.set(k, source);
      return { names };
    }
    return { names, clash: keys.map((k) => owners.get(k)).find(Boolean) ?? plain[0] ?? stem };
  }
}
