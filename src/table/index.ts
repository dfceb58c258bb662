/** The Excel round trip: plan -> workbook (`export-table`), filled form -> progress (`progress import`). */
export { buildWorkbook, planQuarters, type WorkbookOptions } from './build.js';
export {
  chooseSheet,
  formMeta,
  openWorkbook,
  readForm,
  type CellDiagnostic,
  type FormMeta,
  type FormRead,
  type ReadFormOptions,
} from './read.js';
