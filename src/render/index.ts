/**
 * Plan -> output files: the plan view through the `plan` template gives the Markdown (written
 * as is for `.md`), and the same Markdown through the Word writer gives the `.docx`. One template
 * serves both outputs, so they never disagree. Deterministic: the same plan, templates, profile
 * and date give the same bytes.
 */
import type { Diagnostic, Lang } from '../diagnostics/types.js';
import { hasErrors } from '../diagnostics/types.js';
import type { Plan } from '../model/types.js';
import { buildPlanView } from '../model/plan-view.js';
import { createTemplateEngine, type TemplateEngine } from '../template/engine.js';
import { defaultProfile, markdownToDocx, type StyleProfile } from '../docx/index.js';
import { safeFileNames } from '../write/file-name.js';
import type { OutputFile } from '../write/write-outputs.js';

export type PlanFormat = 'md' | 'docx';
export const PLAN_FORMATS: readonly PlanFormat[] = ['docx', 'md'];

export interface RenderPlanOptions {
  /** What to produce, in this order. */
  to: readonly PlanFormat[];
  /** Word style profile; the built-in GB/T 9704 profile when left out. */
  profile?: StyleProfile;
  /** A user template folder (falls back per file to the built-ins). Ignored when `engine` is given. */
  templateDir?: string;
  /** A ready engine, so a batch compiles templates once. */
  engine?: TemplateEngine;
  /** Wrap the plan in an issuing notice (印发通知) even without `notice:` in the plan. */
  notice?: boolean;
  /** Document date written into the .docx; defaults to the plan's `date` (SOURCE_DATE_EPOCH is the CLI's business). */
  date?: Date;
  lang?: Lang;
}

export interface RenderPlanResult {
  /** Safe file names (from the plan title) and their bytes; empty when there were errors. */
  files: OutputFile[];
  /** The Markdown, also when only .docx was asked for. */
  markdown?: string;
  diagnostics: Diagnostic[];
}

/** The date a plan's documents carry: its `date` at midnight UTC. */
export const planDate = (plan: Plan): Date => new Date(`${plan.date}T00:00:00Z`);

/** Output file names for a plan: `<title>.docx`, `<title>.md`, made safe. */
export function planFileNames(plan: Plan, to: readonly PlanFormat[]): Record<PlanFormat, string> {
  const list = safeFileNames(plan.title, to);
  const names = {} as Record<PlanFormat, string>;
  to.forEach((format, i) => (names[format] = list[i] as string));
  return names;
}

export async function renderPlan(
  plan: Plan,
  options: RenderPlanOptions,
): Promise<RenderPlanResult> {
  const lang = options.lang ?? 'zh-CN';
  const engine =
    options.engine ??
    (await createTemplateEngine(
      options.templateDir === undefined ? { lang } : { dir: options.templateDir, lang },
    ));
  const { output: markdown, diagnostics } = engine.render(
    'plan',
    buildPlanView(plan, options.notice ? { notice: true } : {}),
  );
  if (markdown === undefined || hasErrors(diagnostics)) return { files: [], diagnostics };

  const names = planFileNames(plan, options.to);
  const files: OutputFile[] = [];
  for (const format of options.to) {
    if (format === 'md') {
      files.push({ name: names.md, data: markdown });
    } else {
      const data = await markdownToDocx(markdown, {
        profile: options.profile ?? (await defaultProfile()),
        meta: { title: plan.title, date: options.date ?? planDate(plan), creator: plan.issuer },
      });
      files.push({ name: names.docx, data });
    }
  }
  return { files, markdown, diagnostics };
}

export { findStaleOutputs } from './check.js';
