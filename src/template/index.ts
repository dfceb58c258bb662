export {
  createTemplateEngine,
  builtinTemplateDir,
  TEMPLATE_EXT,
  PARTIALS_DIR,
  type TemplateEngine,
  type TemplateSource,
  type RenderOutcome,
  type EngineOptions,
} from './engine.js';
export {
  escapeMarkdown,
  escapeParagraphs,
  splitParagraphs,
  joinLines,
  singleLine,
  type EscapeContext,
} from './escape.js';
export { helpers, knownHelpers } from './helpers.js';
