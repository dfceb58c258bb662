import type { Inline } from './model.js';
import { displayWidth } from './text.js';

/**
 * Line breaks for a long title (GB/T 9704 7.3.1: 回行时要做到词意完整，排列对称，长短适宜，间距恰当，
 * 标题排列应当使用梯形或菱形). Word would break wherever the line is full, often inside a word; here
 * the title is cut only between words (ICU's Chinese word segmentation, single characters joined
 * back to their word), preferably before the kind of document (…镇 / 工作方案》的通知), never
 * after an opening or before a closing bracket or punctuation mark, into as few lines as fit,
 * shaped as a trapezoid (two lines, the upper one longer where the words allow) or a diamond
 * (three lines, the middle one longest).
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
/** Particles that join the next word (no line ends with them) or the previous one. */
const BINDS_NEXT = new Set(['的', '和', '与', '及', '对', '在', '为', '把', '向', '从']);
const BINDS_PREVIOUS = new Set(['等']);
/**
 * Words a title line likes to start with: the kind of document and the generic nouns before it
 * (…镇 / 工作方案》的通知), the particle 的 before it, and 关于 after the issuer's name.
 */
const GOOD_LINE_START =
  /^(关于|工作|方案|实施|通知|意见|办法|规定|决定|报告|通报|请示|批复|计划|要点|汇报|总结|情况|的)/;
/** Verbs of a title: a line may end after one, between the verb and its object, at some cost. */
const VERB_END =
  /(印发|转发|批转|开展|报送|创建|加强|推进|做好|建设|实施|落实|深化|推动|组织|关于)$/;
/**
 * What ending a line costs elsewhere between two words (健康 / 促进镇): enough that the places
 * above win unless the shape suffers badly.
 */
const WEAK_BREAK = 30;
const VERB_BREAK = 8;

const isHan = (text: string): boolean => /^[\u3400-\u9fff]+$/.test(text);

/**
 * Words of a title. ICU's dictionary segmentation cuts finer than a reader does (印|发, 青|溪|镇,
 * 促进|镇), so single characters are put back together: a run of them is one word (a name, a
 * verb), and a single character after a word joins it (促进镇, 饮用水, 2025年) unless it is a
 * particle. Returns the word boundaries as UTF-16 offsets.
 */
function wordBounds(text: string): Set<number> {
  const segmenter = new Intl.Segmenter('zh-CN', { granularity: 'word' });
  const words: { at: number; text: string }[] = [];
  for (const { index, segment } of segmenter.segment(text)) {
    const last = words[words.length - 1];
    const single = isHan(segment) && [...segment].length === 1;
    const lastSingle = last !== undefined && isHan(last.text) && [...last.text].length === 1;
    const joins =
      last !== undefined &&
      single &&
      !BINDS_NEXT.has(segment) &&
      !BINDS_NEXT.has(last.text) &&
      (lastSingle || isHan(last.text) || /[0-9]$/.test(last.text));
    if (joins) last.text += segment;
    else words.push({ at: index, text: segment });
  }
  return new Set(words.map((w) => w.at).filter((at) => at > 0));
}

/** Offsets (UTF-16) where a line may end, each with what ending a line there costs. */
function breakPoints(text: string): { at: number; cost: number }[] {
  const points: { at: number; cost: number }[] = [];
  for (const at of wordBounds(text)) {
    const before = text.slice(0, at);
    const after = text.slice(at);
    if (NO_BREAK_AFTER.test(before) || NO_BREAK_BEFORE.test(after)) continue;
    const lastChar = [...before].pop() ?? '';
    if (BINDS_NEXT.has(lastChar) || BINDS_PREVIOUS.has([...after][0] ?? '')) continue;
    const good = /[《》]$/.test(before) || /^《/.test(after) || GOOD_LINE_START.test(after);
    points.push({ at, cost: good ? 0 : VERB_END.test(before) ? VERB_BREAK : WEAK_BREAK });
  }
  return points;
}

/** Target share of the title per line: upper line longer, the middle line of three longest. */
const SHAPES: Record<number, number[]> = {
  2: [0.54, 0.46],
  3: [0.3, 0.4, 0.3],
  4: [0.23, 0.27, 0.27, 0.23],
};

/** The search for the best cuts of a title into `count` lines, and the best found so far. */
interface LineSearch {
  text: string;
  points: { at: number; cost: number }[];
  count: number;
  shape: number[];
  total: number;
  maxChars: number;
  best: { score: number; cuts: number[] } | undefined;
}

// Module level, not a closure per call: V8 drops a per-call closure's optimised code at every
// full GC and the render worker compiled it again all run long.
function chooseCuts(search: LineSearch, from: number, cuts: number[], cost: number): void {
  const { text, points, count, shape, total, maxChars } = search;
  if (cuts.length === count - 1) {
    const bounds = [0, ...cuts, text.length];
    let score = cost;
    for (let i = 0; i < count; i++) {
      const width = displayWidth(text.slice(bounds[i], bounds[i + 1]));
      if (width > maxChars) return;
      const target = (shape[i] ?? 0) * total;
      score += (width - target) ** 2;
      // a break inside 《…》 is allowed, but costs something
      const before = text.slice(0, bounds[i + 1]);
      if (i < count - 1 && before.lastIndexOf('《') > before.lastIndexOf('》')) score += 4;
    }
    if (!search.best || score < search.best.score) search.best = { score, cuts: [...cuts] };
    return;
  }
  for (let p = from; p < points.length; p++) {
    const point = points[p] as { at: number; cost: number };
    chooseCuts(search, p + 1, [...cuts, point.at], cost + point.cost);
  }
}

function breakLines(text: string, maxChars: number): string[] | undefined {
  const points = breakPoints(text);
  const total = displayWidth(text);
  const minLines = Math.ceil(total / maxChars);
  for (let count = Math.max(2, minLines); count <= 4; count++) {
    const shape = SHAPES[count] ?? [];
    const search: LineSearch = { text, points, count, shape, total, maxChars, best: undefined };
    chooseCuts(search, 0, [], 0);
    const best = search.best;
    if (best) {
      const bounds = [0, ...best.cuts, text.length];
      return bounds.slice(1).map((end, i) => text.slice(bounds[i], end));
    }
  }
  return undefined;
}
