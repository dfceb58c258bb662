/** A 主送机关 line as GB/T 9704 writes it: trimmed, ending in one full-width colon. */
export const addresseeLine = (text: string): string =>
  `${text
    .trim()
    .replace(/[：:]+$/, '')
    .trim()}：`;
