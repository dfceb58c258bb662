import { displayWidth } from './text.js';

/** Closing marks that never start a line: they hang at the end of the line before. */
const CLOSING = new Set([...'》）)”’」』〕】，、。：；！？,.:;!?…—']);
/** Opening marks that never end a line: they move to the next line. */
const OPENING = new Set([...'《（(“‘「『〔【']);
/** Latin letters, digits and what joins them: one unbreakable word (2025, 0000-1234567, 3.2%). */
const LATIN = /[A-Za-z0-9.%\-+/]/;

/**
 * Where the lines of a paragraph on the Chinese grid start (UTF-16 offsets, the first is 0), as
 * LibreOffice and Word break it: a full-width character takes one cell and a Latin letter or
 * digit half a cell, a Latin word stays whole, closing punctuation hangs at the end of a full
 * line and an opening mark never ends one. `firstCells` is the first line's room (less the
 * first-line indent), `cells` the room of the others. An estimate: fonts and the writer's own
 * rules can move a break by a character, which is why callers leave a margin.
 */
export function lineStarts(text: string, firstCells: number, cells: number): number[] {
  const units = breakUnits(text);
  const starts = [0];
  let room = firstCells;
  let used = 0;
  for (let i = 0; i < units.length; i++) {
    const unit = units[i] as { at: number; text: string };
    const width = displayWidth(unit.text);
    if (used + width <= room + 1e-9 || used === 0) {
      used += width;
      continue;
    }
    if (CLOSING.has(unit.text)) {
      used += width; // hangs in the margin; the next unit starts the line
      continue;
    }
    // An opening mark at the end of the line goes down with the unit it opens.
    const previous = units[i - 1];
    const start = previous && OPENING.has(previous.text) ? previous.at : unit.at;
    starts.push(start);
    room = cells;
    used = displayWidth(text.slice(start, unit.at)) + width;
  }
  return starts;
}

/** The text cut into what cannot be broken: single characters, Latin words. */
function breakUnits(text: string): { at: number; text: string }[] {
  const units: { at: number; text: string }[] = [];
  let at = 0;
  for (const ch of text) {
    const last = units[units.length - 1];
    if (last && LATIN.test(ch) && LATIN.test(last.text.slice(-1))) last.text += ch;
    else units.push({ at, text: ch });
    at += ch.length;
  }
  return units;
}

/**
 * An offset a little before `at` where the text may be cut into two paragraphs: one character
 * earlier, moved further back so that no closing mark starts the second part, no opening mark
 * ends the first and no Latin word or surrogate pair is cut.
 */
export function cutBefore(text: string, at: number): number {
  let cut = at - 1;
  const bad = (i: number): boolean => {
    const ch = text[i] ?? '';
    const before = text[i - 1] ?? '';
    return (
      CLOSING.has(ch) ||
      OPENING.has(before) ||
      (LATIN.test(ch) && LATIN.test(before)) ||
      (ch >= '\udc00' && ch <= '\udfff')
    );
  };
  while (cut > 0 && bad(cut)) cut--;
  return cut;
}
