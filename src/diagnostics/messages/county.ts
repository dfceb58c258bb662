import type { MessageTable } from '../catalog.js';

/**
 * County settings, roll-up completeness and the annual summary: FG6250–FG6299 (county settings
 * and roll-ups), FG6300–FG6399 (annual summary), FG9250–FG9299 (their command-line options).
 */
export const countyMessages: MessageTable = {
  FG6250: {
    severity: 'error',
    'zh-CN': 'due 的键“{key}”不是季度，应写成 2025Q1 这样的形式',
    en: 'Key "{key}" of due is not a quarter; write it like 2025Q1',
  },
  FG6251: {
    severity: 'warning',
    'zh-CN':
      '{quarter} 的报送截止日期 {date} 不晚于该季度最后一天（{end}），季度还没结束就要报送？',
    en: 'The deadline {date} for {quarter} is not after the quarter ends ({end}); is it a typo?',
  },
  FG6252: {
    severity: 'warning',
    'zh-CN': '{county}已有县级汇总设置（{other}），本文件未使用',
    en: '{county} already has county settings ({other}); this file is not used',
  },
  FG6253: {
    severity: 'warning',
    'zh-CN':
      '县级汇总设置的县名“{county}”与所有乡镇方案 region 中的县名都不一致（{known}），本文件未使用',
    en: 'County "{county}" matches no county named in the towns\' plans ({known}); this file is not used',
  },
  FG6300: {
    severity: 'error',
    'zh-CN': '{year} 年没有找到任何季度进展文件（应在 {dir} 下，例如 {example}）',
    en: 'No progress files for {year} (expected in {dir}, e.g. {example})',
  },
  FG6301: {
    severity: 'warning',
    'zh-CN': '缺少 {quarter} 的季度进展文件 {file}，年度总结中该季度按未报送处理',
    en: 'The progress file for {quarter} ({file}) is missing; the annual summary treats that quarter as not reported',
  },
  FG6302: {
    severity: 'error',
    'zh-CN': '{quarter} 的季度进展文件有错误，未生成年度总结：{file}',
    en: 'The progress file for {quarter} has errors; no annual summary was written: {file}',
  },
  FG6303: {
    severity: 'error',
    'zh-CN':
      '{file} 汇报的是 {actual}，不是 {quarter}；年度总结按 progress/{quarter}.yaml 的位置找季度文件',
    en: '{file} reports on {actual}, not {quarter}; the annual summary finds quarters by their place progress/{quarter}.yaml',
  },
  FG9250: {
    severity: 'error',
    'zh-CN': '--year 应是四位数字年份，例如 2025，收到“{value}”',
    en: '--year must be a four-digit year such as 2025, got "{value}"',
  },
  FG9251: {
    severity: 'error',
    'zh-CN': '{year} 年不在方案实施周期（{start} 至 {end}）内',
    en: 'The year {year} is outside the plan period ({start} to {end})',
  },
  FG9252: {
    severity: 'error',
    'zh-CN': '{option} 不能为空',
    en: '{option} must not be empty',
  },
};
