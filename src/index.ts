/**
 * `fangan`: the core library API, the same steps as the CLI commands (validate, render, report,
 * export, init). Narrower subpaths: `fangan/validate`, `fangan/docx`, `fangan/report`
 * (docs/api.md). The CLI and the tests import internal modules by path; nothing here is for them.
 */
export type { Diagnostic, FileResult, Lang, Severity } from './diagnostics/types.js';
export type * from './model/types.js';
export {
  validateText,
  validateFile,
  validateSource,
  loadPlan,
  loadProgress,
  loadCounty,
  type ValidateTextOptions,
  type LoadOptions,
} from './validate/index.js';
export {
  renderPlan,
  type RenderPlanOptions,
  type RenderPlanResult,
  type PlanFormat,
} from './render/index.js';
export {
  buildReportView,
  createReportRenderer,
  exportReports,
  type ReportView,
  type ReportOptions,
  type ReportRenderer,
  type RenderSettings,
  type ExportOptions,
  type ExportSummary,
} from './api/report.js';
export { markdownToDocx, loadProfile, defaultProfile, type StyleProfile } from './api/docx.js';
export {
  draftPlan,
  resolveDraft,
  scaffoldProgress,
  parseStarter,
  readStarter,
  builtinStarterPath,
  type InitAnswers,
  type Starter,
} from './init/index.js';
export { writeOutputs, type OutputFile } from './write/index.js';
