import type { PhrasingContent, Root, RootContent, Table, TableRow } from 'mdast';
import { parseXyChart } from './chart.js';
import { cutBefore, lineStarts } from './lines.js';
import { balanceTitle } from './title.js';
import { mmToTwips, pageLayout, pt, sum } from './layout.js';
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
  /** Rows of the 版记 being collected, like the signature. */
  private colophon: Inline[][] | undefined;
  /** The next paragraph joins the 发文字号 line as its 签发人. */
  private signerNext = false;
  /** Empty lines above the next paragraph (`fangan:blank`, the title under the red line). */
  private blankNext = 0;
  /** 份号/密级/紧急程度 lines so far: the masthead's distance from the top counts them. */
  private headLines = 0;
  private orientation: 'portrait' | 'landscape' = 'portrait';

  constructor(private readonly profile: StyleProfile) {}

  add(node: RootContent): void {
    if (this.signature && node.type !== 'paragraph') this.flushSignature();
    if (this.colophon && node.type !== 'paragraph') this.flushColophon();
    switch (node.type) {
      case 'heading':
        this.paragraph(HEADING_ROLES[node.depth] ?? 'heading4', inlines(node.children));
        break;
      case 'paragraph': {
        const content = inlines(node.children);
        if (this.signature) this.signature.push(...splitLines(content));
        else if (this.colophon) this.colophon.push(...splitLines(content));
        else if (this.signerNext) this.signer(content);
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
      case 'attachment': {
        // `fangan:attachment 2`, `fangan:attachment` (the only one), `… landscape` (wide tables)
        const words = argument.trim().split(/\s+/).filter(Boolean);
        const landscape = words.includes('landscape');
        const number = words.find((w) => w !== 'landscape') ?? '';
        this.startPage(landscape ? 'landscape' : 'portrait');
        this.paragraph('attachmentLabel', textInline(`附件${number}`));
        break;
      }
      case 'landscape':
      case 'portrait':
        this.startPage(name);
        break;
      case 'signature':
        this.signature = [];
        break;
      case 'colophon':
        this.colophon = [];
        break;
      case 'subtitle':
      case 'noindent':
        this.nextRole = name;
        break;
      case 'note': {
        // 附注 goes on the line under the date (GB/T 9704 7.3.6): never alone on the next page.
        this.nextRole = 'body';
        const last = this.blocks[this.blocks.length - 1];
        if (last?.type === 'paragraph' && last.role === 'signature') last.keepNext = true;
        break;
      }
      case 'copynumber':
      case 'secrecy':
      case 'urgency':
        this.nextRole = 'headElement';
        break;
      case 'masthead':
        this.nextRole = 'masthead';
        break;
      case 'docnumber':
        this.nextRole = 'docNumber';
        break;
      case 'signer':
        this.signerNext = true;
        break;
      case 'redline': {
        const last = this.blocks[this.blocks.length - 1];
        if (last?.type === 'paragraph') {
          last.redLine = true;
          this.blankNext = this.profile.styles.redLine.blankLinesAfter;
        }
        break;
      }
      case 'blank':
        this.blankNext += 1;
        break;
      case 'table': {
        const widths = /widths=([\d.,\s]+)/.exec(argument)?.[1];
        const parsed = widths?.split(',').map(Number);
        if (parsed && parsed.length > 0 && parsed.every(isPositiveWidth)) this.nextWidths = parsed;
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
    if (this.pageBreak && block.type !== 'section') block.pageBreakBefore = true;
    this.pageBreak = false;
    this.blocks.push(block);
  }

  /** A new page; a change between portrait and landscape starts a new section there instead. */
  private startPage(orientation: 'portrait' | 'landscape'): void {
    if (orientation === this.orientation) {
      this.pageBreak = true;
      return;
    }
    this.orientation = orientation;
    this.pageBreak = false;
    this.blocks.push({ type: 'section', orientation });
  }

  private paragraph(role: ParagraphRole, content: Inline[]): ParagraphBlock {
    const s = this.profile.styles;
    const balanced =
      role === 'title' && s.title.balanceLines
        ? balanceTitle(content, this.lineChars(pt(s.title.size)))
        : content;
    const block: ParagraphBlock = { type: 'paragraph', role, inlines: balanced };
    if (this.blankNext > 0) {
      block.blankLinesBefore = this.blankNext;
      this.blankNext = 0;
    }
    if (role === 'headElement') this.headLines++;
    if (role === 'masthead') this.masthead(block);
    this.push(block);
    return block;
  }

  /** Characters of `sizePt` that fit a line of the current page. */
  private lineChars(sizePt: number): number {
    return Math.floor(this.textWidth() / (sizePt * 20));
  }

  private textWidth(): number {
    const layout = pageLayout(this.profile);
    return this.orientation === 'landscape' ? layout.textHeightTwips : layout.textWidthTwips;
  }

  /** The masthead: 35 mm below the top of the text block (less the lines above it), one line. */
  private masthead(block: ParagraphBlock): void {
    const style = this.profile.styles.masthead;
    const layout = pageLayout(this.profile);
    const top = mmToTwips(style.topMm) - this.headLines * layout.linePitch;
    if (top > 0) block.spaceBeforeTwips = top;
    block.color = style.color;
    const width = displayWidth(plainText(block.inlines));
    const largest = pt(style.size);
    if (width > 0 && width * largest * 20 > this.textWidth()) {
      // Shrunk to the half point so the name stays on one line.
      block.sizePt = Math.floor((this.textWidth() / 20 / width) * 2) / 2;
    }
  }

  /**
   * `签发人：张三` joins the 发文字号 line: number left, signer right, one character in each,
   * placed by tab stops so the paragraph (and the red line under it) keeps the full width.
   */
  private signer(content: Inline[]): void {
    this.signerNext = false;
    const last = this.blocks[this.blocks.length - 1];
    const style = this.profile.styles.docNumber;
    const side = Math.round(style.sideIndentChars * pt(style.size) * 20);
    const right = { kind: 'right' as const, pos: this.textWidth() - side };
    const tab: Inline = { type: 'text', text: '\t' };
    if (last?.type === 'paragraph' && last.role === 'docNumber') {
      last.inlines = [tab, ...last.inlines, tab, ...content];
      last.align = 'left';
      last.tabStops = [{ kind: 'left', pos: side }, right];
      return;
    }
    const block = this.paragraph('docNumber', [tab, ...content]);
    block.align = 'left';
    block.tabStops = [right];
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
    if (date) {
      // The date is placed from the left, at the issuer's first character plus the shift: its
      // digits may be set in a wider substitute font, but where it starts stays exact.
      const block = this.paragraph('signature', date);
      const sizeTwips = pt(rule.size) * 20;
      const layout = pageLayout(this.profile);
      const spacing =
        pt(rule.size) === pt(this.profile.styles.body.size) ? layout.charSpacingTwips : 0;
      let issuerTwips = 0;
      for (const ch of plainText(issuer))
        issuerTwips += (displayWidth(ch) === 1 ? sizeTwips : sizeTwips / 2) + spacing;
      const issuerStart = this.textWidth() - issuerRight * sizeTwips - issuerTwips;
      block.leftIndentTwips = Math.round(issuerStart + rule.dateShiftChars * sizeTwips);
      block.align = 'left';
      // kept so the writer can let a date set wider than planned run into the margin
      block.rightIndentChars = Math.max(dateRight, rule.issuerRightChars);
    }
    for (const line of rest)
      this.paragraph('signature', line).rightIndentChars = rule.issuerRightChars;
  }

  /**
   * The signature must not stand alone on a page: the attachment notes right above it (附件：…)
   * and the last lines of text before them keep with the next paragraph, so Word and
   * LibreOffice move them over with the issuer and date.
   */
  private keepTextBeforeSignature(): void {
    const blocks = this.blocks;
    let i = blocks.length - 1;
    for (let p = paragraphAt(blocks, i); p?.role === 'noindent'; p = paragraphAt(blocks, --i))
      p.keepNext = true;
    const last = paragraphAt(blocks, i);
    if (!last || last.role === 'signature') return;
    const tail = last.role === 'body' ? this.splitLastLines(last) : undefined;
    if (!tail) {
      last.keepNext = true;
      return;
    }
    this.blocks.splice(i + 1, 0, tail);
  }

  /**
   * Only the last two lines of a long paragraph go with the signature, as a typesetter would
   * do: LibreOffice moves a keep-with-next paragraph as a whole, so a five-line paragraph before
   * the signature would otherwise leave most of a page empty. The paragraph is cut a character
   * before where its second-to-last line is expected to start; the first part is set
   * distributed, so its last line still fills the measure, and the second part continues the
   * text without an indent. Undefined (keep the whole paragraph) for two lines or fewer.
   */
  private splitLastLines(block: ParagraphBlock): ParagraphBlock | undefined {
    if (block.inlines.some((inline) => inline.type !== 'text')) return undefined;
    const text = plainText(block.inlines);
    const body = this.profile.styles.body;
    const layout = pageLayout(this.profile);
    const cells = Math.floor(this.textWidth() / (pt(body.size) * 20 + layout.charSpacingTwips));
    const starts = lineStarts(text, cells - (body.firstLineChars ?? 0), cells);
    if (starts.length < 3) return undefined;
    const cut = cutBefore(text, starts[starts.length - 2] ?? 0);
    if (cut <= (starts[starts.length - 3] ?? 0)) return undefined;
    const [head, rest] = splitInlines(block.inlines, cut);
    block.inlines = head;
    block.align = 'distribute';
    return { type: 'paragraph', role: 'noindent', inlines: rest, keepNext: true };
  }

  /**
   * The 版记 (GB/T 9704 7.4): every paragraph is a row; a row `印发机关(two full-width spaces)日期印发` (two or more
   * full-width spaces) puts its second part at the right. Unless the profile says `follow`, the
   * 版记 goes on a page of its own at the bottom (an even page for `evenPage`), a section whose
   * footers the profile decides.
   */
  private flushColophon(): void {
    const lines = this.colophon ?? [];
    this.colophon = undefined;
    if (lines.length === 0) return;
    const rows = lines.map((line) => {
      const text = plainText(line);
      const split = /\u3000{2,}/.exec(text);
      const row: { left: Inline[]; right?: Inline[]; hangingChars?: number } = split
        ? {
            left: textInline(text.slice(0, split.index)),
            right: textInline(text.slice(split.index + split[0].length)),
          }
        : { left: line };
      const label = /^(抄送|分送|报送)：/.exec(text);
      if (label) row.hangingChars = label[0].length;
      return row;
    });
    const placement = this.profile.styles.colophon.placement;
    if (placement === 'follow') {
      this.blankNext = 0;
      this.push({ type: 'colophon', rows, bottom: false });
      return;
    }
    this.pageBreak = false;
    this.orientation = 'portrait';
    this.blocks.push({ type: 'section', orientation: 'portrait', colophon: true });
    this.push({ type: 'colophon', rows, bottom: true });
  }

  /** Ends the document: a signature or 版记 at the very end still has to be written. */
  finish(): void {
    if (this.signature) this.flushSignature();
    if (this.colophon) this.flushColophon();
  }

  private table(node: Table): void {
    const [headerRow, ...bodyRows] = node.children;
    if (!headerRow) return;
    const columns = Math.max(...node.children.map((row) => row.children.length));
    const header = rowCells(headerRow, columns);
    const rows: Inline[][][] = [];
    for (const row of bodyRows) rows.push(rowCells(row, columns));
    const align: CellAlign[] = [];
    for (let i = 0; i < columns; i++) align.push(node.align?.[i] ?? 'left');
    const requested = this.nextWidths?.length === columns ? this.nextWidths : undefined;
    this.nextWidths = undefined;
    const width = this.textWidth();
    const weights = requested ?? contentWidths(header, rows, this.profile, width);
    this.push({
      type: 'table',
      columnWidths: distribute(weights, width),
      align,
      header,
      rows,
    });
  }
}

// Module level, not closures per call: V8 drops a per-call closure's optimised code at every
// full GC and the render worker compiled it again all run long.
const isPositiveWidth = (width: number): boolean => Number.isFinite(width) && width > 0;

function paragraphAt(blocks: readonly Block[], at: number): ParagraphBlock | undefined {
  const block = blocks[at];
  return block?.type === 'paragraph' ? block : undefined;
}

/** A table row's cells, `columns` of them (missing cells empty). */
function rowCells(row: TableRow, columns: number): Inline[][] {
  const cells: Inline[][] = [];
  for (let i = 0; i < columns; i++) {
    const cell = row.children[i];
    cells.push(cell ? inlines(cell.children) : []);
  }
  return cells;
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

/** Text inlines cut at a UTF-16 offset of their plain text, marks kept on both sides. */
function splitInlines(content: readonly Inline[], at: number): [Inline[], Inline[]] {
  const head: Inline[] = [];
  const rest: Inline[] = [];
  let offset = 0;
  for (const inline of content) {
    if (inline.type !== 'text') continue;
    const end = offset + inline.text.length;
    if (end <= at) head.push(inline);
    else if (offset >= at) rest.push(inline);
    else {
      head.push({ ...inline, text: inline.text.slice(0, at - offset) });
      rest.push({ ...inline, text: inline.text.slice(at - offset) });
    }
    offset = end;
  }
  return [head, rest];
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

/**
 * The widest line of a cell, in character cells. Latin letters and digits count 0.6, not 0.5:
 * the substitutes for Times New Roman (DejaVu Serif, Liberation Serif) are up to a fifth wider,
 * and a date that wraps in its cell looks worse than a column a little too wide.
 */
const cellWidth = (content: Inline[]): number =>
  Math.max(
    0,
    ...plainText(content)
      .split('\n')
      .map((line) => {
        const wide = displayWidth(line);
        const narrow = [...line].length - (wide - [...line].length * 0.5) * 2;
        return wide + narrow * 0.1;
      }),
  );

/**
 * Column widths from content when the template gave none. Every column gets at least its header
 * on one line (or `minColumnChars`), so a header never wraps one character per line; when the
 * whole table fits, every column gets its natural width. Otherwise the remaining room goes, half
 * a character at a time, to the column where it saves the most printed lines (rows x their
 * tallest cell), so short columns such as 序号 and 完成时限 end up just as wide as their longest
 * entry and the long text columns share the rest.
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
  const all = [header, ...rows];
  const widthsOf = (row: Inline[][]): number[] => header.map((_, col) => cellWidth(row[col] ?? []));
  const cells = all.map(widthsOf);
  const natural = header.map(
    (_, col) => Math.max(table.minColumnChars, ...cells.map((row) => row[col] ?? 0)) + pad,
  );
  const total = sum(natural);
  if (total <= available) return natural;
  const widths = header.map((cell, col) =>
    Math.min(natural[col] ?? 0, Math.max(table.minColumnChars, cellWidth(cell)) + pad),
  );
  // Printed lines (each row as tall as its tallest cell) count most; every wrapped cell a
  // little, so a date column is widened until its dates stop wrapping even in a tall row.
  const printedLines = (w: number[]): number =>
    cells.reduce((printed, row) => {
      const lines = row.map((width, col) => Math.ceil(width / Math.max(0.5, (w[col] ?? 0) - pad)));
      return printed + 4 * Math.max(1, ...lines) + sum(lines);
    }, 0);
  const STEP = 0.5;
  let spare = available - sum(widths);
  let lines = printedLines(widths);
  while (spare >= STEP) {
    let best: { col: number; step: number; gain: number; lines: number } | undefined;
    for (let col = 0; col < widths.length; col++) {
      const room = (natural[col] ?? 0) - (widths[col] ?? 0);
      for (let step = STEP; step <= Math.min(spare, room + STEP) + 1e-9; step += STEP) {
        const trial = widths.slice();
        trial[col] = (trial[col] ?? 0) + step;
        const after = printedLines(trial);
        const gain = (lines - after) / step;
        if (gain > 0 && (!best || gain > best.gain)) best = { col, step, gain, lines: after };
        if (after < lines) break;
      }
    }
    if (!best) break;
    widths[best.col] = (widths[best.col] ?? 0) + best.step;
    spare -= best.step;
    lines = best.lines;
  }
  // What no column needs any more goes to the columns still short of their natural width.
  const wish = natural.map((n, i) => Math.max(0, n - (widths[i] ?? 0)));
  const wishTotal = sum(wish);
  return widths.map((w, i) => w + (wishTotal > 0 ? ((wish[i] ?? 0) * spare) / wishTotal : 0));
}

/** Relative weights -> twips that add up exactly to `total`. */
function distribute(weights: number[], total: number): number[] {
  const weightTotal = sum(weights);
  const widths: number[] = [];
  for (const w of weights) widths.push(Math.floor((w / weightTotal) * total));
  const last = widths.length - 1;
  widths[last] = (widths[last] ?? 0) + total - sum(widths);
  return widths;
}
