/**
 * Characters that look like YAML punctuation or spaces but are not: typed with a Chinese input
 * method, or pasted from Word or a web page. They are legal in YAML text, so they only surface as
 * odd keys or syntax errors; these helpers name them in a hint.
 */

export interface CharHint {
  code: 'FG1901' | 'FG1902' | 'FG1903' | 'FG1904' | 'FG1905';
  params: Record<string, string>;
}

const codepoint = (c: string): string =>
  'U+' + (c.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0');

/** Zero-width and other invisible format characters, including a BOM in mid-text. */
const INVISIBLE = /[\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff\u00ad]/u;

/** The first suspicious character in `text`, as a catalogue hint, or undefined. */
export function suspiciousCharHint(text: string): CharHint | undefined {
  const invisible = INVISIBLE.exec(text);
  if (invisible) return { code: 'FG1904', params: { codepoint: codepoint(invisible[0]) } };
  if (text.includes('\uff1a')) return { code: 'FG1901', params: {} };
  if (text.includes('\u3000')) return { code: 'FG1902', params: {} };
  if (text.includes('\u00a0')) return { code: 'FG1903', params: {} };
  if (text.includes('\uff0c')) return { code: 'FG1905', params: {} };
  return undefined;
}

/**
 * `text` with invisible and unusual space characters written as `\uXXXX`, so a message can show
 * why `名称\u200b` is not `名称`. ASCII spaces stay as they are.
 */
export function showInvisible(text: string): string {
  return text.replace(/[\p{Cc}\p{Cf}\p{Z}]/gu, (c) =>
    c === ' ' ? c : '\\u' + (c.codePointAt(0) ?? 0).toString(16).padStart(4, '0'),
  );
}

/** Keys that could reach Object.prototype in plain objects: both parse paths refuse them. */
export const RESERVED_KEYS: ReadonlySet<string> = new Set([
  '__proto__',
  'constructor',
  'prototype',
]);
