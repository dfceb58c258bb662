export { exportReports } from './export.js';
export type {
  ExportOptions,
  ExportSummary,
  ExportEvent,
  ReportRecord,
  RollupRecord,
  ReportStatus,
} from './export.js';
