/**
 * `fangan/validate`: checking plan, progress and county files without loading the Word writer or
 * the template engine, for editors, CI scripts and language servers that only need diagnostics.
 */
export type { Diagnostic, FileResult, Lang, Severity } from '../diagnostics/types.js';
export type { County, Plan, Progress } from '../model/types.js';
export {
  validateText,
  validateFile,
  validateSource,
  loadPlan,
  loadProgress,
  loadCounty,
  type ValidateTextOptions,
  type LoadOptions,
  type FileKind,
} from '../validate/index.js';
