import { parseMarkdown } from '../markdown/index.js';
import { buildDocModel } from './build.js';
import type { DocModel } from './model.js';
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

/** Markdown in our dialect -> the Word document model (no XML yet); tests and tools inspect it. */
export function markdownToModel(markdown: string, profile: StyleProfile): DocModel {
  return buildDocModel(parseMarkdown(markdown, { positions: false }), profile);
}

/** Markdown in our dialect -> the XML parts of the .docx (path -> text), before zipping. */
export function markdownToParts(markdown: string, options: DocxOptions): [string, string][] {
  return packageParts(markdownToModel(markdown, options.profile), options.profile, options.meta);
}

/**
 * Markdown in our dialect (docs/internals.md) -> a GB/T 9704 .docx laid out by `options.profile`.
 * The same input gives the same bytes: dates come from `meta.date`, nothing random is written.
 */
export async function markdownToDocx(markdown: string, options: DocxOptions): Promise<Uint8Array> {
  return packDocx(markdownToParts(markdown, options));
}
