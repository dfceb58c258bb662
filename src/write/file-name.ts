/**
 * File names made from user data (plan titles, unit names). The result is always one safe path
 * segment: no separators, no `.`/`..`, no control or invisible characters, no Windows device
 * names or characters Windows refuses, no trailing dots or spaces, at most ~200 UTF-8 bytes
 * (most file systems allow 255), and unique within one folder ignoring case (Windows and macOS
 * folders are case-insensitive).
 */

/** Byte budget for a whole name, leaving room under the usual 255-byte limit. */
export const MAX_NAME_BYTES = 200;

const FALLBACK_NAME = '未命名';

// Characters Windows forbids in names, replaced by full-width look-alikes that Chinese writing
// uses anyway; path separators become a hyphen so nobody mistakes the result for a folder.
const REPLACEMENTS: Record<string, string> = {
  '/': '-',
  '\\': '-',
  ':': '：',
  '*': '＊',
  '?': '？',
  '"': '＂',
  '<': '＜',
  '>': '＞',
  '|': '｜',
};

// C0/C1 controls, zero-width and direction controls, BOM, lone surrogates, noncharacters.
const INVISIBLE =
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  /[\u0000-\u001f\u007f-\u009f\u00ad\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff\ufff0-\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

// Device names are reserved on Windows with any extension (`CON.docx` too).
const RESERVED = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])(\..*)?$/i;

const EXTENSION = /^(.+?)(\.[A-Za-z0-9]{1,8})$/;

const byteLength = (s: string): number => Buffer.byteLength(s, 'utf8');

/** Cuts a string to at most `max` UTF-8 bytes without splitting a character. */
function truncateBytes(s: string, max: number): string {
  if (byteLength(s) <= max) return s;
  let out = '';
  let bytes = 0;
  for (const ch of s) {
    const n = byteLength(ch);
    if (bytes + n > max) break;
    out += ch;
    bytes += n;
  }
  return out;
}

/**
 * Trims what file systems and shells handle badly: white space at both ends, dots at both ends
 * (hidden files, `..`, Windows dropping trailing dots) and hyphens at the start (read as options).
 */
const trimName = (s: string): string => s.replace(/^[\s.-]+|[\s.]+$/gu, '');

function cleanBase(base: string): string {
  const cleaned = trimName(
    base
      .normalize('NFC')
      .replace(INVISIBLE, '')
      .replace(/[/\\:*?"<>|]/g, (c) => REPLACEMENTS[c] ?? '_')
      .replace(/\s+/gu, ' '),
  );
  return cleaned === '' ? FALLBACK_NAME : cleaned;
}

function compose(base: string, suffix: string, ext: string): string {
  const room = MAX_NAME_BYTES - byteLength(suffix) - byteLength(ext);
  let name = `${trimName(truncateBytes(base, room)) || FALLBACK_NAME}${suffix}${ext}`;
  if (RESERVED.test(name)) name = `_${name}`;
  return name;
}

/**
 * The names already used in one folder, in lower case: a `Set<string>`, or any map a caller keeps
 * them in anyway (an export keys its name owners by them, so each name is held once).
 */
export interface TakenNames {
  has(key: string): boolean;
  add(key: string): unknown;
}

/**
 * Turns `name` (e.g. `青溪镇创建健康促进镇工作方案.docx`) into a safe file name. Pass the same
 * `taken` set for every name of one folder: it records names in lower case, and a name already
 * taken gets `-2`, `-3` … before its extension.
 */
export function safeFileName(name: string, taken?: TakenNames): string {
  const normalized = name.normalize('NFC');
  const match = EXTENSION.exec(normalized);
  const ext = match?.[2]?.toLowerCase() ?? '';
  const base = cleanBase(match?.[1] ?? normalized);
  let candidate = compose(base, '', ext);
  for (let n = 2; taken?.has(candidate.toLowerCase()); n++) {
    candidate = compose(base, `-${n}`, ext);
  }
  taken?.add(candidate.toLowerCase());
  return candidate;
}

/**
 * Names for one document written in several formats (`['docx', 'md']`): every name shares the
 * same safe stem, cut to leave room for the longest extension, and a clash with `taken` moves
 * them all to `-2`, `-3` … together, so `x.docx` and `x.md` always belong to each other.
 */
export function safeFileNames(stem: string, exts: readonly string[], taken?: TakenNames): string[] {
  const base = cleanBase(stem.normalize('NFC'));
  const longest = exts.reduce((a, e) => (byteLength(e) > byteLength(a) ? e : a), '');
  const namesWith = (suffix: string): string[] => {
    const first = compose(base, suffix, `.${longest}`);
    const sharedStem = first.slice(0, first.length - longest.length - 1);
    return exts.map((e) => `${sharedStem}.${e}`);
  };
  let names = namesWith('');
  for (let n = 2; names.some((name) => taken?.has(name.toLowerCase())); n++) {
    names = namesWith(`-${n}`);
  }
  for (const name of names) taken?.add(name.toLowerCase());
  return names;
}

/** True for a name `safeFileName` could have produced: one plain segment inside a folder. */
export function isSafeFileName(name: string): boolean {
  return (
    name !== '' &&
    name === name.normalize('NFC') &&
    !/[/\\:*?"<>|]/.test(name) &&
    !new RegExp(INVISIBLE.source).test(name) &&
    name === trimName(name) &&
    !RESERVED.test(name) &&
    byteLength(name) <= MAX_NAME_BYTES
  );
}
