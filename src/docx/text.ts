/**
 * Text helpers shared by the model builder and the serialiser: character widths on the Chinese
 * grid, and making arbitrary strings safe for XML.
 */

/** True for code points that take a full character cell (CJK, full-width forms, CJK punctuation). */
export function isWide(cp: number): boolean {
  return (
    (cp >= 0x1100 && cp <= 0x115f) ||
    (cp >= 0x2010 && cp <= 0x2027) || // dashes, quotes “” ‘’, ellipsis: set in the Chinese font
    (cp >= 0x2e80 && cp <= 0xa4cf) ||
    (cp >= 0xac00 && cp <= 0xd7a3) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xfe30 && cp <= 0xfe4f) ||
    (cp >= 0xff00 && cp <= 0xff60) ||
    (cp >= 0xffe0 && cp <= 0xffe6) ||
    (cp >= 0x20000 && cp <= 0x3fffd)
  );
}

/** Width in character cells: Chinese characters count 1, Latin letters and digits 1/2. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += isWide(ch.codePointAt(0) ?? 0) ? 1 : 0.5;
  return width;
}

const CJK_EDGE = /[\u2e80-\ua4cf\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef\u2010-\u2027]/;

/**
 * Joins the lines of a soft-wrapped Markdown paragraph: no space between Chinese characters (a
 * newline there is only source wrapping), one space between Latin words.
 */
export function joinSoftBreaks(text: string): string {
  if (!text.includes('\n')) return text;
  return text.replace(/[ \t]*\n[ \t]*/g, (_m, offset: number, whole: string) => {
    const before = whole[offset - 1] ?? '';
    const after = whole[offset + _m.length] ?? '';
    return CJK_EDGE.test(before) || CJK_EDGE.test(after) ? '' : ' ';
  });
}

/**
 * Characters XML 1.0 cannot carry: C0 controls except tab/LF/CR, U+FFFE/U+FFFF and lone
 * surrogates. They are dropped so the document stays well-formed (bad-inputs 20).
 */
const XML_INVALID = new RegExp(
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  '[\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F\\uFFFE\\uFFFF]|[\\uD800-\\uDBFF](?![\\uDC00-\\uDFFF])|(?<![\\uD800-\\uDBFF])[\\uDC00-\\uDFFF]',
  'g',
);

export const stripXmlInvalid = (text: string): string => text.replace(XML_INVALID, '');

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };

/** Text or attribute value -> XML: invalid characters dropped, markup characters escaped. */
export const escapeXml = (text: string): string =>
  stripXmlInvalid(text).replace(/[&<>"]/g, (c) => ESCAPES[c] ?? c);
