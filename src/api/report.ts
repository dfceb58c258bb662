/**
 * `fangan/report`: quarterly reports from a plan and its progress file (the figures as a view,
 * then Markdown and Word through the templates), county roll-ups, and the whole-county export.
 */
export {
  buildReportView,
  buildRollupView,
  toRollupEntry,
  attainment,
  type ReportView,
  type ReportOptions,
  type RollupView,
  type RollupEntry,
  type RollupOptions,
} from '../report/index.js';
export {
  createReportRenderer,
  RenderError,
  type RenderSettings,
  type Rendered,
  type ReportRenderer,
} from '../report/render.js';
export { exportReports, type ExportOptions, type ExportSummary } from '../export/index.js';
