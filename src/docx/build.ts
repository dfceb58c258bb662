import type { PhrasingContent, Root, RootContent, Table } from 'mdast';
import { parseXyChart } from './chart.js';
import { pageLayout, pt } from './layout.js';
import type { Block, CellAlign, DocModel, Inline, ParagraphBlock, ParagraphRole } from './model.js';
import type { StyleProfile } from './profile.js';
import { displayWidth, joinSoftBreaks } from './text.js';

/**
 * mdast (our Markdown dialect, docs/internals.md) -> the Word document model. Templates number
 * their headings themselves, so nothing is added here; `fangan:` comments carry layout intent.
 */
export function buildDocModel(root: Root, profile: StyleProfile): DocModel {
  const builder = new ModelBuilder(profile);
  for (const node of root.children) builder.add(node);
  builder.finish();
  return { blocks: builder.blocks };
}

const DIRECTIVE = /^<!--\s*fangan:([a-z-]+)(?:\s+([^]*?))?\s*-->$/;
const BR = /^<br\s*\/?>$/i;

const HEADING_ROLES: Record<number, ParagraphRole> = {
  1: 'title',
  2: 'heading1',
  3: 'heading2',
  4: 'heading3',
  5: 'heading4',
  6: 'heading4',
};

class ModelBuilder {
  readonly blocks: Block[] = [];
  private pageBreak = false;
  private nextRole: ParagraphRole | undefined;
  private nextWidths: number[] | undefined;
  /** Lines of the signature block being collected; flushed at the first non-paragraph. */
  private signature: Inline[][] | undefined;

  constructor(private readonly profile: StyleProfile) {}

  add(node: RootContent): void {
    if (this.signature && node.type !== 'paragraph') this.flushSignature();
    switch (node.type) {
      case 'heading':
        this.paragraph(HEADING_ROLES[node.depth] ?? 'heading4', inlines(node.children));
        break;
      case 'paragraph': {
        const content = inlines(node.children);
        if (this.signature) this.signature.push(...splitLines(content));
        else this.paragraph(this.takeRole('body'), content);
        break;
      }
      case 'html':
        this.html(node.value.trim());
        break;
      case 'table':
        this.table(node);
        break;
      case 'code': {
        const chart = node.lang === 'mermaid' ? parseXyChart(node.value) : undefined;
        if (chart) this.push({ type: 'chart', chart });
        else this.paragraph('code', codeLines(node.value));
        break;
      }
      case 'list': {
        let number = node.start ?? 1;
        for (const item of node.children) {
          const marker = node.ordered ? `${number++}.` : '•';
          let first = true;
          for (const child of item.children) {
            if (child.type === 'paragraph' && first) {
              this.paragraph('body', [
                { type: 'text', text: `${marker}` },
                ...inlines(child.children),
              ]);
            } else this.add(child);
            first = false;
          }
        }
        break;
      }
      case 'blockquote':
      case 'footnoteDefinition':
        for (const child of node.children) this.add(child);
        break;
      default:
        // thematic breaks, link definitions, front matter: nothing to show on paper
        break;
    }
  }

  private html(value: string): void {
    const directive = DIRECTIVE.exec(value);
    if (!directive) {
      if (!BR.test(value) && !value.startsWith('<!--'))
        this.paragraph(this.takeRole('body'), textInline(value));
      return;
    }
    const [, name, argument = ''] = directive;
    switch (name) {
      case 'pagebreak':
        this.pageBreak = true;
        break;
      case 'attachment':
        this.pageBreak = true;
        this.paragraph('attachmentLabel', textInline(`附件${argument.trim()}`));
        break;
      case 'signature':
        this.signature = [];
        break;
      case 'subtitle':
      case 'noindent':
        this.nextRole = name;
        break;
      case 'table': {
        const widths = /widths=([\d.,\s]+)/.exec(argument)?.[1];
        const parsed = widths?.split(',').map(Number);
        if (parsed && parsed.length > 0 && parsed.every((w) => Number.isFinite(w) && w > 0))
          this.nextWidths = parsed;
        break;
      }
      default:
        break; // an unknown fangan: comment is ignored, like any comment
    }
  }

  private takeRole(fallback: ParagraphRole): ParagraphRole {
    const role = this.nextRole ?? fallback;
    this.nextRole = undefined;
    return role;
  }

  private push(block: Block): void {
    if (this.pageBreak) block.pageBreakBefore = true;
    this.pageBreak = false;
    this.blocks.push(block);
  }

  private paragraph(role: ParagraphRole, content: Inline[]): ParagraphBlock {
    const block: ParagraphBlock = { type: 'paragraph', role, inlines: content };
    this.push(block);
    return block;
  }

  /**
   * GB/T 9704 7.3.5: issuer two characters in from the right; the date on the next line starts two
   * characters right of the issuer's first character; a longer date keeps two characters to the
   * right margin and pushes the issuer left instead.
   */
  private flushSignature(): void {
    const lines = this.signature ?? [];
    this.signature = undefined;
    const rule = this.profile.styles.signature;
    const [issuer, date, ...rest] = lines;
    if (!issuer) return;
    this.keepTextBeforeSignature();
    const issuerWidth = displayWidth(plainText(issuer));
    let issuerRight = rule.issuerRightChars;
    let dateRight = issuerRight;
    if (date) {
      dateRight = issuerRight + issuerWidth - rule.dateShiftChars - displayWidth(plainText(date));
      if (dateRight < rule.issuerRightChars) {
        dateRight = rule.issuerRightChars;
        issuerRight = dateRight + displayWidth(plainText(date)) + rule.dateShiftChars - issuerWidth;
      }
    }
    const first = this.paragraph('signature', issuer);
    first.rightIndentChars = issuerRight;
    if (date || rest.length > 0) first.keepNext = true;
    if (rule.blankLinesBefore > 0) first.blankLinesBefore = rule.blankLinesBefore;
    if (date) this.paragraph('signature', date).rightIndentChars = dateRight;
    for (const line of rest)
      this.paragraph('signature', line).rightIndentChars = rule.issuerRightChars;
  }

  /**
   * The signature must not stand alone on a page: the attachment notes right above it (附件：…)
   * and the last paragraph of text before them keep with the next paragraph, so Word and
   * LibreOffice move the last lines of text over with the issuer and date.
   */
  private keepTextBeforeSignature(): void {
    let i = this.blocks.length - 1;
    const paragraphAt = (at: number): ParagraphBlock | undefined => {
      const block = this.blocks[at];
      return block?.type === 'paragraph' ? block : undefined;
    };
    for (let p = paragraphAt(i); p?.role === 'noindent'; p = paragraphAt(--i)) p.keepNext = true;
    const last = paragraphAt(i);
    if (last && last.role !== 'signature') last.keepNext = true;
  }

  /** Ends the document: a signature block at the very end still has to be written. */
  finish(): void {
    if (this.signature) this.flushSignature();
  }

  private table(node: Table): void {
    const [headerRow, ...bodyRows] = node.children;
    if (!headerRow) return;
    const columns = Math.max(...node.children.map((row) => row.children.length));
    const cells = (row: (typeof node.children)[number]): Inline[][] =>
      Array.from({ length: columns }, (_, i) => {
        const cell = row.children[i];
        return cell ? inlines(cell.children) : [];
      });
    const header = cells(headerRow);
    const rows = bodyRows.map(cells);
    const align: CellAlign[] = Array.from({ length: columns }, (_, i) => node.align?.[i] ?? 'left');
    const requested = this.nextWidths?.length === columns ? this.nextWidths : undefined;
    this.nextWidths = undefined;
    const layout = pageLayout(this.profile);
    const weights = requested ?? contentWidths(header, rows, this.profile, layout.textWidthTwips);
    this.push({
      type: 'table',
      columnWidths: distribute(weights, layout.textWidthTwips),
      align,
      header,
      rows,
    });
  }
}

// ---- inline content ---------------------------------------------------------------------

const textInline = (text: string): Inline[] => [{ type: 'text', text }];

function inlines(
  nodes: readonly PhrasingContent[],
  marks: { bold?: true; strike?: true } = {},
): Inline[] {
  const out: Inline[] = [];
  const pushText = (text: string): void => {
    if (text !== '') pushMerged(out, { type: 'text', text, ...marks });
  };
  for (const node of nodes) {
    switch (node.type) {
      case 'text':
        pushText(joinSoftBreaks(node.value));
        break;
      case 'inlineCode':
        pushText(node.value);
        break;
      case 'break':
        out.push({ type: 'break' });
        break;
      case 'strong':
        for (const inner of inlines(node.children, { ...marks, bold: true }))
          pushMerged(out, inner);
        break;
      case 'delete':
        for (const inner of inlines(node.children, { ...marks, strike: true }))
          pushMerged(out, inner);
        break;
      case 'emphasis':
      case 'link':
      case 'linkReference':
        // Chinese official documents have no italics and print no URLs: keep the words.
        for (const inner of inlines(node.children, marks)) pushMerged(out, inner);
        break;
      case 'image':
      case 'imageReference':
        pushText(node.alt ?? '');
        break;
      case 'html':
        if (BR.test(node.value.trim())) out.push({ type: 'break' });
        else if (!node.value.startsWith('<!--')) pushText(node.value);
        break;
      case 'footnoteReference':
        pushText(`[^${node.identifier}]`);
        break;
    }
  }
  return trimAroundBreaks(out);
}

/** Source newlines next to a `<br>` are layout of the Markdown, not spaces on paper. */
function trimAroundBreaks(content: Inline[]): Inline[] {
  content.forEach((inline, i) => {
    if (inline.type !== 'text') return;
    if (content[i - 1]?.type === 'break') inline.text = inline.text.replace(/^\s+/, '');
    if (content[i + 1]?.type === 'break') inline.text = inline.text.replace(/\s+$/, '');
  });
  return content.filter((inline) => inline.type !== 'text' || inline.text !== '');
}

function pushMerged(out: Inline[], inline: Inline): void {
  const last = out[out.length - 1];
  if (
    inline.type === 'text' &&
    last?.type === 'text' &&
    last.bold === inline.bold &&
    last.strike === inline.strike
  ) {
    last.text += inline.text;
  } else out.push(inline);
}

/** Lines of a code block; leading spaces kept (they matter in literal text). */
function codeLines(value: string): Inline[] {
  const out: Inline[] = [];
  value.split('\n').forEach((line, i) => {
    if (i > 0) out.push({ type: 'break' });
    if (line !== '') out.push({ type: 'text', text: line });
  });
  return out;
}

/** A paragraph with hard breaks -> one inline list per line (issuer and date may share one). */
function splitLines(content: Inline[]): Inline[][] {
  const lines: Inline[][] = [[]];
  for (const inline of content) {
    if (inline.type === 'break') lines.push([]);
    else lines[lines.length - 1]?.push(inline);
  }
  return lines.filter((line) => plainText(line).trim() !== '');
}

export const plainText = (content: readonly Inline[]): string =>
  content.map((inline) => (inline.type === 'text' ? inline.text : '\n')).join('');

// ---- table column widths ----------------------------------------------------------------

/** The widest line of a cell, in character cells. */
const cellWidth = (content: Inline[]): number =>
  Math.max(0, ...plainText(content).split('\n').map(displayWidth));

/**
 * Column widths from content when the template gave none: every column gets at least its header
 * (or `minColumnChars`), the rest of the line goes to columns in proportion to how much more
 * they would like, so short columns (序号, 完成时限) stay narrow and the task text gets the room.
 */
function contentWidths(
  header: Inline[][],
  rows: Inline[][][],
  profile: StyleProfile,
  textWidthTwips: number,
): number[] {
  const table = profile.styles.table;
  const cellMarginChars = (2 * table.cellMarginMm * 1440) / 25.4 / (pt(table.size) * 20);
  const available = textWidthTwips / (pt(table.size) * 20);
  const pad = cellMarginChars + 0.5;
  const natural = header.map(
    (_, col) =>
      Math.max(table.minColumnChars, ...[header, ...rows].map((row) => cellWidth(row[col] ?? []))) +
      pad,
  );
  const minimum = header.map((cell, col) =>
    Math.min(natural[col] ?? 0, Math.max(table.minColumnChars, cellWidth(cell)) + pad),
  );
  const total = natural.reduce((a, b) => a + b, 0);
  if (total <= available) return natural;
  const floor = minimum.reduce((a, b) => a + b, 0);
  const wish = natural.map((n, i) => n - (minimum[i] ?? 0));
  const wishTotal = wish.reduce((a, b) => a + b, 0);
  const spare = Math.max(0, available - floor);
  return minimum.map((m, i) => m + (wishTotal > 0 ? ((wish[i] ?? 0) * spare) / wishTotal : 0));
}

/** Relative weights -> twips that add up exactly to `total`. */
function distribute(weights: number[], total: number): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const widths = weights.map((w) => Math.floor((w / sum) * total));
  const last = widths.length - 1;
  widths[last] = (widths[last] ?? 0) + total - widths.reduce((a, b) => a + b, 0);
  return widths;
}
