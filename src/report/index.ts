export { buildReportView } from './view.js';
export type {
  ReportView,
  ReportOptions,
  ReportFigures,
  MeasureRow,
  IndicatorRow,
  UnitRow,
} from './view.js';
export { buildRollupView, toRollupEntry } from './rollup.js';
export type { RollupView, RollupRow, RollupEntry, RollupOptions } from './rollup.js';
export { attainment, formatAttainment, type Attainment } from './figures.js';
export { townName, countyName, planSubject } from './names.js';
export { parseQuarter, quarterOf, nextQuarter, type Quarter } from './period.js';
export {
  DEFAULT_THRESHOLDS,
  expectedAt,
  isMeasured,
  pace,
  readIndicator,
  thresholdsFor,
  type IndicatorReading,
  type IndicatorStatus,
} from './indicators.js';
export { findHistory, type History, type HistoryOptions } from './history.js';
