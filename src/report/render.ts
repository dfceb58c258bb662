/**
 * Report and roll-up views -> Markdown (template) and Word (docx writer). Shared by
 * `fangan report` and the export workers, so a report looks the same whichever made it.
 * Loaded lazily: it pulls in Handlebars and docx.
 */
import { makeDiagnostic } from '../diagnostics/make.js';
import type { Diagnostic, Lang } from '../diagnostics/types.js';
import { createTemplateEngine } from '../template/index.js';
import { loadProfile, markdownToDocx } from '../docx/index.js';
import { sha256 } from '../write/index.js';
import type { ReportView } from './view.js';
import type { RollupView } from './rollup.js';
import type { AnnualView } from './annual.js';
import type { AnnualRollupView } from './annual-rollup.js';

export type OutputFormat = 'md' | 'docx';

export interface RenderSettings {
  formats: readonly OutputFormat[];
  /** Folder with the user's own report.md.hbs / rollup.md.hbs (and partials). */
  templateDir?: string;
  /** Style profile file for Word; the built-in GB/T 9704 profile otherwise. */
  profileFile?: string;
  lang: Lang;
}

export interface Rendered {
  markdown: string;
  /** Only when docx was asked for. */
  docx?: Uint8Array;
}

export interface ReportRenderer {
  report(view: ReportView): Promise<Rendered>;
  rollup(view: RollupView): Promise<Rendered>;
  /** 年度工作总结 (templates/annual.md.hbs). */
  annual(view: AnnualView): Promise<Rendered>;
  /** 县级年度汇总 (templates/annual-rollup.md.hbs). */
  annualRollup(view: AnnualRollupView): Promise<Rendered>;
  /** sha256 over the template sources in use and the profile: changes when the output would. */
  fingerprint: string;
}

/** A bad template folder, template or profile: the diagnostics (FG3xxx / FG5xxx) say why. */
export class RenderError extends Error {
  constructor(readonly diagnostics: Diagnostic[]) {
    super(diagnostics.map((d) => `${d.code} ${d.message}`).join('\n'));
    this.name = 'RenderError';
  }
}

/** Template and profile problems arrive as errors carrying diagnostics (FG3xxx / FG5xxx). */
export const diagnosticsOf = (err: unknown): Diagnostic[] | undefined => {
  const list = (err as { diagnostics?: unknown } | undefined)?.diagnostics;
  return Array.isArray(list) ? (list as Diagnostic[]) : undefined;
};

/** The renderer for one run: the template engine and profile are loaded once. */
export async function createReportRenderer(settings: RenderSettings): Promise<ReportRenderer> {
  let engine: Awaited<ReturnType<typeof createTemplateEngine>>;
  let profile: Awaited<ReturnType<typeof loadProfile>> | undefined;
  try {
    engine = await createTemplateEngine({
      lang: settings.lang,
      ...(settings.templateDir === undefined ? {} : { dir: settings.templateDir }),
    });
    if (settings.formats.includes('docx')) {
      profile = await loadProfile(settings.profileFile, { lang: settings.lang });
    }
  } catch (err) {
    const diagnostics = diagnosticsOf(err);
    if (diagnostics) throw new RenderError(diagnostics);
    throw err;
  }
  const sources = [...engine.templates.values(), ...engine.partials.values()]
    .map((t) => `${t.name}\n${t.source}`)
    .sort();
  const fingerprint = sha256([...sources, JSON.stringify(profile ?? null)].join('\n\0'));

  const render = async (
    name: 'report' | 'rollup' | 'annual' | 'annual-rollup',
    view: ReportView | RollupView | AnnualView | AnnualRollupView,
  ): Promise<Rendered> => {
    const outcome = engine.render(name, view);
    if (outcome.output === undefined) throw new RenderError(outcome.diagnostics);
    const markdown = outcome.output;
    if (!profile) return { markdown };
    // The report date as document date: same input, same bytes.
    const date = new Date(`${view.date || '1970-01-01'}T00:00:00Z`);
    const docx = await markdownToDocx(markdown, { profile, meta: { title: view.title, date } });
    return { markdown, docx };
  };
  return {
    report: (view) => render('report', view),
    rollup: (view) => render('rollup', view),
    annual: (view) => render('annual', view),
    annualRollup: (view) => render('annual-rollup', view),
    fingerprint,
  };
}

/** A failure while rendering one file, as that file's diagnostic (never a stack trace). */
export function renderFailure(err: unknown, file: string, lang: Lang): Diagnostic[] {
  const known = diagnosticsOf(err);
  if (known) return known;
  const reason = err instanceof Error ? err.message : String(err);
  return [makeDiagnostic('FG6002', lang, { file, line: 1, column: 1 }, { reason })];
}
