import type { Lang, Severity } from './types.js';
import { readMessages } from './messages/read.js';
import { validateMessages } from './messages/validate.js';
import { templateMessages } from './messages/template.js';
import { outputMessages } from './messages/output.js';
import { docxMessages } from './messages/docx.js';
import { reportMessages } from './messages/report.js';
import { initMessages } from './messages/init.js';
import { cliMessages } from './messages/cli.js';
import { writeSafetyMessages } from './messages/write-safety.js';
import { countyMessages } from './messages/county.js';
import { tableMessages } from './messages/table.js';

/**
 * One entry of the message catalogue. Texts are templates: `{name}` is replaced by the
 * parameter of that name. Codes are stable: never renumber or reuse one.
 */
export interface MessageEntry {
  severity: Severity;
  'zh-CN': string;
  en: string;
  /** How to fix it, for docs/codes.md: one short sentence per language. */
  fix?: { 'zh-CN': string; en: string };
}

export type MessageTable = Record<string, MessageEntry>;

/**
 * The one message catalogue, assembled from one table per pipeline stage so each stage keeps its
 * texts next to its code range: FG1xxx read/parse, FG2xxx schema and semantic rules, FG3xxx
 * templates, FG4xxx output files, FG5xxx Word/profile, FG6xxx reports and export, FG7xxx init,
 * FG9xxx command line.
 */
export const catalog: MessageTable = {
  ...readMessages,
  ...validateMessages,
  ...templateMessages,
  ...outputMessages,
  ...docxMessages,
  ...reportMessages,
  ...initMessages,
  ...cliMessages,
  ...writeSafetyMessages,
  ...countyMessages,
  ...tableMessages,
};

export type Params = Record<string, string | number | undefined>;

const fill = (text: string, params: Params): string =>
  text.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    return value === undefined ? whole : String(value);
  });

/** The localised text of `code`. Unknown codes are a bug, so they throw. */
export function formatMessage(code: string, lang: Lang, params: Params = {}): string {
  const entry = catalog[code];
  if (!entry) throw new Error(`unknown message code ${code}`);
  return fill(entry[lang], params);
}

export function severityOf(code: string): Severity {
  const entry = catalog[code];
  if (!entry) throw new Error(`unknown message code ${code}`);
  return entry.severity;
}
