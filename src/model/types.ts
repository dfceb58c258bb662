/**
 * Typed shapes of validated plan and progress files. Field names follow the public format
 * contract (shared design: plan-format.md) and schemas/*.schema.json; only validated data
 * ever reaches these types. Dates stay `YYYY-MM-DD` strings.
 */
export type IsoDate = string;

export interface Unit {
  id: string;
  name: string;
}

export type Direction = 'increase' | 'decrease';

export interface Indicator {
  id: string;
  name: string;
  /** Measurement unit, e.g. "%", "个", "场". */
  unit?: string;
  baseline?: number;
  target: number;
  direction: Direction;
  deadline?: IsoDate;
  /** rate (a share), count (a number of things) or level; absent = level (the old behaviour). */
  kind?: IndicatorKind;
  /** A count that grows through the period: actual values are running totals from zero. */
  cumulative?: boolean;
  /** How often a value is measured; absent = quarterly. */
  frequency?: IndicatorFrequency;
  /** Staged targets: the value due at the end of a quarter, `{ '2025Q2': 18 }`. */
  targets?: Record<string, number>;
  /** Pace ratios that separate on track / at risk / off track (docs/report.md). */
  thresholds?: Partial<StatusThresholds>;
}

export type IndicatorKind = 'rate' | 'count' | 'level';
export type IndicatorFrequency = 'quarterly' | 'half_year' | 'annual';
export interface StatusThresholds {
  /** Pace at or above this is on track (green). */
  on_track: number;
  /** Pace at or above this (and below on_track) is at risk (yellow); below is off track (red). */
  at_risk: number;
}

export interface Goal {
  id: string;
  text: string;
  indicators?: Indicator[];
}

export interface Organization {
  leading_group?: { leader: string; deputies?: string[]; members?: string[] };
  office?: string;
  text?: string;
}

export interface Measure {
  id: string;
  title: string;
  description?: string;
  actions?: string[];
  lead: string;
  support?: string[];
  deadline: IsoDate;
  goals?: string[];
  indicators?: string[];
}

export interface Phase {
  phase: string;
  start: IsoDate;
  end: IsoDate;
  tasks?: string[];
}

export interface Safeguard {
  title: string;
  text: string;
}

export interface Attachment {
  title: string;
  /** Built-in table to render; `measures` is the task-assignment table. */
  table?: 'measures';
  text?: string;
  /** Lay the attachment out on landscape pages (wide tables). */
  landscape?: boolean;
}

/** Keys of the built-in chapters, in outline order (`headings:` renames them, `sections[].after` places custom ones). */
export const BUILT_IN_SECTIONS = [
  'background',
  'aims',
  'organization',
  'measures',
  'schedule',
  'safeguards',
  'outcomes',
  'assessment',
] as const;
export type BuiltInSection = (typeof BUILT_IN_SECTIONS)[number];

/** A chapter written by the author (`sections:`), placed after a built-in one or at the start. */
export interface CustomSection {
  title: string;
  /** Built-in chapter it follows; `start` puts it first; left out: after the last chapter. */
  after?: BuiltInSection | 'start';
  paragraphs?: string[];
  /** Sub-items numbered （一）（二）…: a title and optional text. */
  items?: { title: string; text?: string }[];
}

/** The issuing notice (印发通知) wrapped around the plan. */
export interface Notice {
  title?: string;
  text?: string;
}

export interface Plan {
  kind: 'plan';
  title: string;
  issuer: string;
  doc_number?: string;
  /** 发文机关标志, e.g. `青石镇人民政府文件`. */
  masthead?: string;
  /** 签发人 names. */
  signer?: string;
  /** 份号. */
  copy_number?: string;
  /** 密级和保密期限. */
  secrecy?: string;
  /** 紧急程度. */
  urgency?: string;
  /** 主送机关. */
  addressees?: string[];
  /** 抄送机关. */
  copy_to?: string[];
  /** 印发机关. */
  printed_by?: string;
  /** 印发日期. */
  printed_on?: IsoDate;
  /** 附注. */
  note?: string;
  notice?: Notice;
  sections?: CustomSection[];
  headings?: Partial<Record<BuiltInSection, string>>;
  date: IsoDate;
  region?: string;
  period: { start: IsoDate; end: IsoDate };
  units: Unit[];
  background?: string;
  requirements?: string[];
  goals: Goal[];
  organization?: Organization;
  measures: Measure[];
  schedule?: Phase[];
  safeguards?: Safeguard[];
  outcomes?: string[];
  assessment?: string;
  attachments?: Attachment[];
}

export type MeasureStatus = 'not_started' | 'in_progress' | 'done' | 'delayed' | 'cancelled';

export interface MeasureProgress {
  id: string;
  status: MeasureStatus;
  percent: number;
  done?: string[];
  problems?: string[];
  next?: string[];
}

export interface IndicatorActual {
  id: string;
  actual: number;
  note?: string;
}

export interface Progress {
  kind: 'progress';
  /** Path of the plan, relative to the progress file. */
  plan: string;
  quarter?: string;
  period?: { start: IsoDate; end: IsoDate };
  reporter: string;
  /** 主送机关 printed under the report title, e.g. 县卫生健康局： */
  addressee?: string;
  date: IsoDate;
  summary?: string;
  measures: MeasureProgress[];
  indicators?: IndicatorActual[];
  problems?: string[];
  /** 亮点与特色做法: its own section in the report. */
  highlights?: string[];
  next_steps?: string[];
}

/** County settings for the roll-ups (`kind: county`, e.g. county.yaml next to the towns). */
export interface County {
  kind: 'county';
  /** The county as the towns' plans name it at the start of `region`, e.g. 云川县. */
  name: string;
  /** Signature of the roll-ups, e.g. 云川县卫生健康局. */
  issuer: string;
  /** 主送机关 under the roll-up title. */
  addressee?: string;
  /** Report deadline per quarter: `{ 2025Q1: 2025-04-10 }`. */
  due?: Record<string, IsoDate>;
}
