/** Public library API of fangan. The CLI is a thin layer over these functions. */
export type { Diagnostic, FileResult, Lang, Severity } from './diagnostics/types.js';
export type * from './model/types.js';
export {
  validateText,
  validateFile,
  validateSource,
  loadPlan,
  loadProgress,
  type ValidateTextOptions,
  type LoadOptions,
} from './validate/index.js';
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
export {
  markdownToDocx,
  loadProfile,
  defaultProfile,
  fontconfigXml,
  ProfileError,
  type StyleProfile,
  type DocxOptions,
  type DocMeta,
  type DocModel,
} from './docx/index.js';
export { markdownToModel } from './docx/from-markdown.js';
export { parseMarkdown } from './markdown/index.js';
export {
  buildReportView,
  buildRollupView,
  toRollupEntry,
  attainment,
  readIndicator,
  type ReportView,
  type RollupView,
  type RollupEntry,
} from './report/index.js';
export { exportReports, type ExportOptions, type ExportSummary } from './export/index.js';
export {
  renderPlan,
  findStaleOutputs,
  planFileNames,
  type RenderPlanOptions,
  type RenderPlanResult,
  type PlanFormat,
} from './render/index.js';
export { buildPlanView, type PlanView } from './model/plan-view.js';
export {
  chineseNumeral,
  headingMarker,
  formatDateZh,
  formatDeadlineZh,
  formatPeriodZh,
  formatQuarterZh,
} from './model/chinese.js';
export { createTemplateEngine, escapeMarkdown, type TemplateEngine } from './template/index.js';
export { ejectTemplates } from './template/eject.js';
export { safeFileName, writeOutputs, readManifest, updateManifest } from './write/index.js';
