/**
 * `fangan/docx`: Markdown in fangan's dialect -> a .docx laid out to GB/T 9704, with the style
 * profile that sets fonts, sizes and margins. Usable on its own for any official-style document.
 */
export {
  markdownToDocx,
  loadProfile,
  defaultProfile,
  fontconfigXml,
  ProfileError,
  type StyleProfile,
  type DocxOptions,
  type DocMeta,
  type DocModel,
} from '../docx/index.js';
export { markdownToModel } from '../docx/from-markdown.js';
