import type { Root } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { gfmStrikethroughFromMarkdown } from 'mdast-util-gfm-strikethrough';
import { gfmTableFromMarkdown } from 'mdast-util-gfm-table';
import { gfmStrikethrough } from 'micromark-extension-gfm-strikethrough';
import { gfmTable } from 'micromark-extension-gfm-table';

export type { Root } from 'mdast';

// The GFM parts the dialect uses: tables and ~~strikethrough~~. Not the whole of GFM: autolink
// literals and footnotes add nothing on paper (links print as their words) and make parsing
// Chinese text about four times slower. Built once; the extension objects are plain data.
const extensions = [gfmTable(), gfmStrikethrough()];
const mdastExtensions = [gfmTableFromMarkdown(), gfmStrikethroughFromMarkdown()];

/**
 * Markdown (CommonMark + GFM tables and strikethrough) -> mdast with positions. This is the
 * dialect of docs/internals.md; the `fangan:` HTML comments stay `html` nodes for the Word
 * writer to interpret.
 */
export function parseMarkdown(markdown: string): Root {
  return fromMarkdown(markdown, { extensions, mdastExtensions });
}
