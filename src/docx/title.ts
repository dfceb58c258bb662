import type { Inline } from './model.js';
import { displayWidth } from './text.js';

/**
 * Line breaks for a long title (GB/T 9704 7.3.1: 回行时要做到词意完整，排列对称，长短适宜，间距恰当，
 * 标题排列应当使用梯形或菱形). Word would break wherever the line is full, often inside a word; here
 * the title is cut only between words (ICU's Chinese word segmentation), never after an opening or
 * before a closing bracket or punctuation mark, into as few lines as fit, shaped as a trapezoid
 * (two lines, the upper one longer) or a diamond (three lines, the middle one longest).
 */
export function balanceTitle(content: Inline[], maxChars: number): Inline[] {
  if (maxChars < 4 || content.some((inline) => inline.type !== 'text')) return content;
  const first = content[0];
  const text = content.map((inline) => (inline.type === 'text' ? inline.text : '')).join('');
  const total = displayWidth(text);
  if (total <= maxChars) return content;
  const lines = breakLines(text, maxChars);
  if (!lines) return content;
  const marks = first?.type === 'text' && first.bold ? { bold: true as const } : {};
  const out: Inline[] = [];
  lines.forEach((line, i) => {
    if (i > 0) out.push({ type: 'break' });
    out.push({ type: 'text', text: line, ...marks });
  });
  return out;
}

const NO_BREAK_AFTER = /[《（(“‘「〔【]$/;
const NO_BREAK_BEFORE = /^[》）)”’」〕】，、。：；！？,.:;!?]/;

/** Offsets (UTF-16) where a line may end. */
function breakPoints(text: string): number[] {
  const points: number[] = [];
  const segmenter = new Intl.Segmenter('zh-CN', { granularity: 'word' });
  for (const { index } of segmenter.segment(text)) {
    if (index === 0) continue;
    if (NO_BREAK_AFTER.test(text.slice(0, index))) continue;
    if (NO_BREAK_BEFORE.test(text.slice(index))) continue;
    points.push(index);
  }
  return points;
}

/** Target share of the title per line: upper line longer, the middle line of three longest. */
const SHAPES: Record<number, number[]> = {
  2: [0.54, 0.46],
  3: [0.3, 0.4, 0.3],
  4: [0.23, 0.27, 0.27, 0.23],
};

function breakLines(text: string, maxChars: number): string[] | undefined {
  const points = breakPoints(text);
  const total = displayWidth(text);
  const minLines = Math.ceil(total / maxChars);
  for (let count = Math.max(2, minLines); count <= 4; count++) {
    const shape = SHAPES[count] ?? [];
    let best: { score: number; cuts: number[] } | undefined;
    const choose = (from: number, cuts: number[]): void => {
      if (cuts.length === count - 1) {
        const bounds = [0, ...cuts, text.length];
        let score = 0;
        for (let i = 0; i < count; i++) {
          const width = displayWidth(text.slice(bounds[i], bounds[i + 1]));
          if (width > maxChars) return;
          const target = (shape[i] ?? 0) * total;
          score += (width - target) ** 2;
          // a break inside 《…》 is allowed, but costs something
          const before = text.slice(0, bounds[i + 1]);
          if (i < count - 1 && before.lastIndexOf('《') > before.lastIndexOf('》')) score += 4;
        }
        if (!best || score < best.score) best = { score, cuts: [...cuts] };
        return;
      }
      for (let p = from; p < points.length; p++) choose(p + 1, [...cuts, points[p] as number]);
    };
    choose(0, []);
    if (best) {
      const bounds = [0, ...best.cuts, text.length];
      return bounds.slice(1).map((end, i) => text.slice(bounds[i], end));
    }
  }
  return undefined;
}
