/**
 * Stage 3: validation. JSON Schema (ajv, compiled once) plus the semantic rules of plan-format.md,
 * on top of the read and parse stages. Loader API: docs/internals.md.
 */
export { validateText, type ValidateTextOptions } from './check.js';
export {
  loadCounty,
  loadPlan,
  loadProgress,
  validateFile,
  validateSource,
  type LoadOptions,
  type PlanCache,
} from './load.js';
export { type FileKind } from './schema.js';
