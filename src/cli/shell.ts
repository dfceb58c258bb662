/** Printing commands the user can copy into a shell. */

/**
 * A path as the user would type it in a shell: double quotes around anything with spaces or
 * shell characters (single quotes when it holds characters special inside double quotes).
 */
export const shellWord = (word: string): string => {
  if (/^[\p{L}\p{N}_./:@%+,=-]+$/u.test(word)) return word;
  return /["$`\\!]/.test(word) ? `'${word.replaceAll("'", `'\\''`)}'` : `"${word}"`;
};
