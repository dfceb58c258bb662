import { parseMarkdown } from '../markdown/index.js';
import { buildDocModel } from './build.js';
import type { DocModel } from './model.js';
import type { StyleProfile } from './profile.js';

/**
 * Markdown in our dialect -> the Word document model (no XML yet), synchronously; tests and tools
 * inspect it. Kept apart from `markdownToDocx` because it needs micromark loaded up front.
 */
export function markdownToModel(markdown: string, profile: StyleProfile): DocModel {
  return buildDocModel(parseMarkdown(markdown, { positions: false }), profile);
}
