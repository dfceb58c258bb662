/** Public library API of fangan. The CLI is a thin layer over these functions. */
export type { Diagnostic, FileResult, Lang, Severity } from './diagnostics/types.js';
export type * from './model/types.js';
