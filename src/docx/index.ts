import { parseDialect } from '../markdown/dialect.js';
import { buildDocModel } from './build.js';
import type { StyleProfile } from './profile.js';
import { packageParts, packDocx, type DocMeta } from './serialize/package.js';

export { buildDocModel } from './build.js';
export { parseXyChart } from './chart.js';
export { pageLayout, type PageLayout } from './layout.js';
export type * from './model.js';
export {
  loadProfile,
  defaultProfile,
  profileFromText,
  sizeToPt,
  ProfileError,
  type StyleProfile,
  type TextStyle,
  type FontSize,
  type Align,
} from './profile.js';
export type { DocMeta } from './serialize/package.js';
export { fontconfigXml } from './serialize/fonts.js';

export interface DocxOptions {
  profile: StyleProfile;
  meta: DocMeta;
}

/**
 * Markdown in our dialect (docs/internals.md) -> a GB/T 9704 .docx laid out by `options.profile`.
 * The same input gives the same bytes: dates come from `meta.date`, nothing random is written.
 */
export async function markdownToDocx(markdown: string, options: DocxOptions): Promise<Uint8Array> {
  // Built-in templates stay inside the dialect the lean parser reads; micromark (~100 ms to load
  // per process or worker) is imported only for Markdown it does not cover.
  const tree =
    parseDialect(markdown) ?? (await import('../markdown/index.js')).parseMarkdown(markdown);
  const model = buildDocModel(tree, options.profile);
  return packDocx(packageParts(model, options.profile, options.meta));
}
