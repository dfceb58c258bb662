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
    fix: {
      'zh-CN': '把 due 下的键改为 2025Q1 这样的季度。',
      en: 'Write the keys under due as quarters such as 2025Q1.',
    },
  },
  FG6251: {
    severity: 'warning',
    'zh-CN':
      '{quarter} 的报送截止日期 {date} 不晚于该季度最后一天（{end}），季度还没结束就要报送？',
    en: 'The deadline {date} for {quarter} is not after the quarter ends ({end}); is it a typo?',
    fix: {
      'zh-CN': '把截止日期改到季度结束之后，例如第一季度写 2025-04-05。',
      en: 'Set the deadline after the quarter ends, e.g. 2025-04-05 for Q1.',
    },
  },
  FG6252: {
    severity: 'warning',
    'zh-CN': '{county}已有县级汇总设置（{other}），本文件未使用',
    en: '{county} already has county settings ({other}); this file is not used',
    fix: {
      'zh-CN': '每个县只保留一份 county.yaml，删去或合并多余的一份。',
      en: 'Keep one county.yaml per county and remove or merge the other.',
    },
  },
  FG6253: {
    severity: 'warning',
    'zh-CN':
      '县级汇总设置的县名“{county}”与所有乡镇方案 region 中的县名都不一致（{known}），本文件未使用',
    en: 'County "{county}" matches no county named in the towns\' plans ({known}); this file is not used',
    fix: {
      'zh-CN': '把 county 改为与各乡镇方案 region 中一致的县名。',
      en: "Set county to the county name used in the towns' region.",
    },
  },
  FG6300: {
    severity: 'error',
    'zh-CN': '{year} 年没有找到任何季度进展文件（应在 {dir} 下，例如 {example}）',
    en: 'No progress files for {year} (expected in {dir}, e.g. {example})',
    fix: {
      'zh-CN': '把季度进展文件放在所示的 progress/ 文件夹中，或用 fangan progress new 生成。',
      en: 'Put the progress files in the progress/ folder shown, or create them with fangan progress new.',
    },
  },
  FG6301: {
    severity: 'warning',
    'zh-CN': '缺少 {quarter} 的季度进展文件 {file}，年度总结中该季度按未报送处理',
    en: 'The progress file for {quarter} ({file}) is missing; the annual summary treats that quarter as not reported',
    fix: {
      'zh-CN': '补报该季度的进展文件；确实未报送的可忽略此警告。',
      en: "Add that quarter's progress file; if it was never reported the warning may stand.",
    },
  },
  FG6302: {
    severity: 'error',
    'zh-CN': '{quarter} 的季度进展文件有错误，未生成年度总结：{file}',
    en: 'The progress file for {quarter} has errors; no annual summary was written: {file}',
    fix: {
      'zh-CN': '运行 fangan validate 修正该季度进展文件后重新生成。',
      en: 'Fix that progress file with fangan validate, then run again.',
    },
  },
  FG6303: {
    severity: 'error',
    'zh-CN':
      '{file} 汇报的是 {actual}，不是 {quarter}；年度总结按 progress/{quarter}.yaml 的位置找季度文件',
    en: '{file} reports on {actual}, not {quarter}; the annual summary finds quarters by their place progress/{quarter}.yaml',
    fix: {
      'zh-CN': '把文件改名为与其 quarter 一致的 progress/2025Q1.yaml 形式，或改正 quarter。',
      en: 'Rename the file after its quarter, as in progress/2025Q1.yaml, or correct the quarter.',
    },
  },
  FG9250: {
    severity: 'error',
    'zh-CN': '--year 应是四位数字年份，例如 2025，收到“{value}”',
    en: '--year must be a four-digit year such as 2025, got "{value}"',
    fix: {
      'zh-CN': '写成四位年份，例如 --year 2025。',
      en: 'Write a four-digit year, e.g. --year 2025.',
    },
  },
  FG9251: {
    severity: 'error',
    'zh-CN': '{year} 年不在方案实施周期（{start} 至 {end}）内',
    en: 'The year {year} is outside the plan period ({start} to {end})',
    fix: { 'zh-CN': '选择实施周期内的年份。', en: 'Choose a year inside the plan period.' },
  },
  FG9252: {
    severity: 'error',
    'zh-CN': '{option} 不能为空',
    en: '{option} must not be empty',
    fix: {
      'zh-CN': '给该选项写上内容，或整个去掉。',
      en: 'Give the option a value, or leave it out.',
    },
  },
};
