import type { Root } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { gfmStrikethroughFromMarkdown } from 'mdast-util-gfm-strikethrough';
import { gfmTableFromMarkdown } from 'mdast-util-gfm-table';
import { gfmStrikethrough } from 'micromark-extension-gfm-strikethrough';
import { gfmTable } from 'micromark-extension-gfm-table';
import { parseDialect } from './dialect.js';

export type { Root } from 'mdast';
export { parseDialect } from './dialect.js';

// The GFM parts the dialect uses: tables and ~~strikethrough~~. Not the whole of GFM: autolink
// literals and footnotes add nothing on paper (links print as their words) and make parsing
// Chinese text about four times slower. Built once; the extension objects are plain data.
const extensions = [gfmTable(), gfmStrikethrough()];
const mdastExtensions = [gfmTableFromMarkdown(), gfmStrikethroughFromMarkdown()];

export interface ParseOptions {
  /**
   * `false`: the caller does not need source positions (the Word writer), so Markdown inside the
   * template dialect is read by the lean parser (src/markdown/dialect.ts) and only the rest by
   * micromark. Default `true`: every node has its position.
   */
  positions?: boolean;
}

/**
 * Markdown (CommonMark + GFM tables and strikethrough) -> mdast. This is the dialect of
 * docs/internals.md; the `fangan:` HTML comments stay `html` nodes for the Word writer to
 * interpret.
 */
export function parseMarkdown(markdown: string, options: ParseOptions = {}): Root {
  if (options.positions === false) {
    const lean = parseDialect(markdown);
    if (lean) return lean;
  }
  return fromMarkdown(markdown, { extensions, mdastExtensions });
}
