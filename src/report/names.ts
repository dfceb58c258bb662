import type { Plan } from '../model/types.js';

/*
 * Where a report's town and county names come from. Plans have no separate "town" field, so:
 *
 * town   = the last part of `region` that names a township (ends in 镇/乡/街道/苏木), e.g.
 *          某某县青溪镇 -> 青溪镇; 某某市新市镇 -> 新市镇 (the shortest such tail of at least two
 *          characters that follows a 省/市/州/盟/县/区/旗 boundary, or the whole region);
 *          otherwise the issuer without a trailing 人民政府/人民政府办公室/党委/办事处 … ;
 *          otherwise the region, otherwise the issuer.
 * county = what precedes the town inside `region` (某某县), when there is something.
 */

const TOWN_END = /(镇|乡|街道|苏木)$/;
const BOUNDARY = /[省市州盟县区旗]/g;
const ISSUER_SUFFIX = /(人民政府办公室|人民政府办公厅|人民政府|党委办公室|党委|办公室|办事处)$/;

function townFromRegion(region: string): string | undefined {
  const tails: string[] = [];
  for (const m of region.matchAll(BOUNDARY)) {
    const tail = region.slice((m.index ?? 0) + 1);
    if (tail.length >= 2 && TOWN_END.test(tail)) tails.push(tail);
  }
  const shortest = tails.at(-1);
  if (shortest) return shortest;
  return TOWN_END.test(region) ? region : undefined;
}

export function townName(plan: Pick<Plan, 'region' | 'issuer'>): string {
  const region = plan.region?.trim();
  const fromRegion = region ? townFromRegion(region) : undefined;
  if (fromRegion) return fromRegion;
  const issuer = plan.issuer.trim();
  const stripped = issuer.replace(ISSUER_SUFFIX, '');
  if (stripped && TOWN_END.test(stripped)) return stripped;
  return region || stripped || issuer;
}

export function countyName(plan: Pick<Plan, 'region' | 'issuer'>): string | undefined {
  const region = plan.region?.trim();
  if (!region) return undefined;
  const town = townName(plan);
  if (town !== region && region.endsWith(town)) {
    const county = region.slice(0, region.length - town.length);
    return county || undefined;
  }
  return undefined;
}

/**
 * What the plan is about, for the report title: the plan title without the town/region/issuer
 * in front, a leading year and the trailing 工作方案/实施方案/方案.
 * 青溪镇创建健康促进镇工作方案 -> 创建健康促进镇.
 */
export function planSubject(plan: Pick<Plan, 'title' | 'region' | 'issuer'>): string {
  let subject = plan.title.trim();
  for (const prefix of [plan.region?.trim(), townName(plan), plan.issuer.trim()]) {
    if (prefix && subject.startsWith(prefix)) subject = subject.slice(prefix.length);
  }
  subject = subject
    .replace(/^\d{4}(—|-|～|~|至)?\d{0,4}年度?/, '')
    .replace(/^关于/, '')
    .replace(/的?(工作|实施)?方案$/, '')
    .trim();
  return subject || '创建健康促进乡镇';
}

/** File-name stem of a town's report: `2025Q1-青溪镇-季度工作汇报` (before safeFileNames). */
export const reportFileStem = (period: string, town: string): string =>
  `${period}-${town}-季度工作汇报`;

/** File-name stem of a roll-up: `2025Q1-云川县-汇总报告`, or `2025Q1-汇总报告` without a county. */
export const rollupFileStem = (period: string, county: string | undefined): string =>
  `${period}-${county ? `${county}-` : ''}汇总报告`;
