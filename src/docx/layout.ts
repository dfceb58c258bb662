import { sizeToPt, type FontSize, type StyleProfile } from './profile.js';

/** Word's units: twips (1/20 pt, 1/1440 inch) for layout, EMU for drawings. */
export const mmToTwips = (mm: number): number => Math.round((mm * 1440) / 25.4);
export const mmToEmu = (mm: number): number => Math.round(mm * 36000);
export const ptToTwips = (pt: number): number => Math.round(pt * 20);

/** Points of a profile size; the profile was checked when loaded, so unknown names are a bug. */
export function pt(size: FontSize): number {
  const value = sizeToPt(size);
  if (value === undefined) throw new Error(`unknown font size ${String(size)}`);
  return value;
}

/** The numbers of the page that follow from the profile (GB/T 9704: 579-twip lines, -842 charSpace). */
export interface PageLayout {
  widthTwips: number;
  heightTwips: number;
  margin: { top: number; bottom: number; left: number; right: number };
  textWidthTwips: number;
  textHeightTwips: number;
  /** Grid line pitch = fixed line spacing of body text. */
  linePitch: number;
  /** docGrid charSpace (grid `linesAndChars`): 4096ths of a point added to the body size per character. */
  charSpace: number;
  /**
   * Character spacing (twips) for body-size text on a `lines` grid, so `charsPerLine` characters
   * fill a line: 8845 / 28 = 315 twips per character, 5 less than 16 pt. 0 on a character grid.
   */
  charSpacingTwips: number;
  /** Distance from the page bottom to the bottom of the page-number line. */
  footerTwips: number;
}

export function pageLayout(profile: StyleProfile): PageLayout {
  const p = profile.page;
  const widthTwips = mmToTwips(p.widthMm);
  const heightTwips = mmToTwips(p.heightMm);
  const margin = {
    top: mmToTwips(p.marginTopMm),
    bottom: mmToTwips(p.marginBottomMm),
    left: mmToTwips(p.marginLeftMm),
    right: mmToTwips(p.marginRightMm),
  };
  const textWidthTwips = widthTwips - margin.left - margin.right;
  const textHeightTwips = heightTwips - margin.top - margin.bottom;
  const linePitch = Math.floor(textHeightTwips / p.linesPerPage);
  const bodyPt = pt(profile.styles.body.size);
  const charSpace = Math.floor((textWidthTwips / p.charsPerLine / 20 - bodyPt) * 4096);
  const charSpacingTwips =
    p.grid === 'lines' ? Math.floor(textWidthTwips / p.charsPerLine) - ptToTwips(bodyPt) : 0;
  const pageNumber = profile.styles.pageNumber;
  const footerTwips = Math.max(
    0,
    margin.bottom - mmToTwips(pageNumber.gapBelowTextMm) - ptToTwips(pt(pageNumber.size)),
  );
  return {
    widthTwips,
    heightTwips,
    margin,
    textWidthTwips,
    textHeightTwips,
    linePitch,
    charSpace,
    charSpacingTwips,
    footerTwips,
  };
}

/** The sum of some widths or lengths (a module-level loop: it runs for every table cell). */
export function sum(values: readonly number[]): number {
  let total = 0;
  for (const v of values) total += v;
  return total;
}
