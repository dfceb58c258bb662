// Generates realistic, valid work-plan YAML files for benchmarks: varied towns, 6-10 units,
// 3-4 goals, 6-10 indicators, 10-15 measures, a schedule, safeguards. Deterministic for a seed.
//
// Dates are written quoted ('2025-03-31'): both fangan and the peer (ajv-cli, which parses YAML
// with js-yaml 3, turning bare dates into Date objects) then see the same strings, so both
// validate every file successfully and do the same work.

const PREFIXES = '青白松柳石云桃金龙凤安平新东西南北长清河'.split('');
const SUFFIXES = '溪沙岭河桥山湖坪塘口田林源庄湾'.split('');
const COUNTIES = ['云川县', '临江县', '望山县', '澄湖县', '丰谷县', '远安县'];

const UNITS = [
  ['dzb', '镇党政办'],
  ['wjb', '镇卫生健康办'],
  ['wsy', '镇卫生院'],
  ['zxx', '镇中心学校'],
  ['fl', '镇妇联'],
  ['tw', '团镇委'],
  ['czs', '镇财政所'],
  ['zzb', '镇综治办'],
  ['whz', '镇文化站'],
  ['scjg', '镇市场监管所'],
  ['hbz', '镇生态环境办'],
  ['cwh', '各村（社区）委员会'],
];

const INDICATORS = [
  ['literacy', '居民健康素养水平', '%', 18, 24, 'increase'],
  ['lectures', '全年举办健康教育讲座', '场', 12, 40, 'increase'],
  ['health_village', '健康村（社区）占比', '%', 10, 50, 'increase'],
  ['school', '健康促进学校占比', '%', 30, 100, 'increase'],
  ['smoke_free', '无烟党政机关建成率', '%', 40, 100, 'increase'],
  ['smoking', '15岁及以上人群吸烟率', '%', 28, 26, 'decrease'],
  ['family_doctor', '家庭医生签约服务覆盖率', '%', 35, 45, 'increase'],
  ['toilets', '农户卫生厕所改造', '户', 0, 300, 'increase'],
  ['volunteers', '健康志愿者人数', '人', 20, 120, 'increase'],
  ['screening', '65岁以上老年人健康体检率', '%', 55, 70, 'increase'],
];

const GOALS = [
  '居民健康素养水平明显提升，健康教育覆盖全镇所有村（社区）',
  '健康促进场所建设全面推进，机关、学校、村庄和企业普遍达标',
  '重点人群健康管理持续加强，居民健康行为明显改善',
  '城乡环境卫生面貌明显改善，健康支持性环境基本形成',
];

const MEASURES = [
  ['健全健康促进工作机制', '把创建工作纳入年度重点工作，做到有专人负责、有年度计划、有工作例会。'],
  ['推动将健康融入所有政策', '制定涉及群众健康的政策时，事先听取卫生健康部门意见。'],
  ['建设健康促进医院', '镇卫生院承担全镇健康教育技术指导。'],
  ['建设健康促进学校', '全镇中小学按健康促进学校标准建设。'],
  ['建设无烟党政机关', '镇属机关和事业单位全部建成无烟机关。'],
  ['建设健康企业', '选取规模较大的企业创建健康企业，改善职工劳动条件。'],
  ['建设健康村（社区）', '新创建一批健康村（社区），把健康内容写入村规民约。'],
  ['广泛开展健康教育', '把讲座和咨询送到村组、学校和集市。'],
  ['建设健康文化阵地', '建设健康步道、健康主题广场和健康书架。'],
  ['改善城乡健康环境', '结合爱国卫生运动和人居环境整治解决环境卫生问题。'],
  ['加强重点人群健康管理', '以老年人、慢性病患者、孕产妇和儿童为重点做实签约服务。'],
  ['开展控烟行动', '在重要节点开展主题宣传，开设戒烟咨询。'],
  ['倡导健康生活方式', '推广“三减三健”，每村组建健身队伍。'],
  ['培育健康志愿者队伍', '每个村组建一支健康志愿者队伍并定期培训。'],
  ['开展健康家庭评选', '每个创建村评选健康家庭，发挥示范带动作用。'],
  ['加强食品安全宣传', '面向餐饮店和集贸市场开展食品安全知识宣传。'],
];

const ACTIONS = [
  '每季度召开一次推进会，通报工作进度',
  '建立镇村两级工作台账，明确专人负责',
  '设置健康教育宣传栏，每季度更新内容',
  '组织医务人员进村入户开展健康指导',
  '开展主题宣传活动，发放宣传材料不少于2000份',
  '组织业务培训，提高基层人员工作能力',
  '开展督导检查，对发现的问题限期整改',
  '利用村广播、微信群定期推送健康知识',
  '开展筛查并向家长反馈结果',
  '室内公共场所全面禁烟，张贴禁烟标识',
];

/** Small deterministic PRNG (mulberry32). */
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pad = (n) => String(n).padStart(2, '0');
const date = (month, day) => `'2025-${pad(month)}-${pad(day)}'`;
const lastDay = [0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const monthEnd = (m) => date(m, lastDay[m]);

/** Returns { name, text } of plan number `i` (0-based). */
export function generatePlan(i, seed = 20250101) {
  const r = rng(seed + i * 7919);
  const int = (lo, hi) => lo + Math.floor(r() * (hi - lo + 1));
  const pick = (list) => list[Math.floor(r() * list.length)];
  const shuffle = (list) => {
    const a = [...list];
    for (let k = a.length - 1; k > 0; k--) {
      const j = Math.floor(r() * (k + 1));
      [a[k], a[j]] = [a[j], a[k]];
    }
    return a;
  };

  const town = `${pick(PREFIXES)}${pick(SUFFIXES)}镇`;
  const county = pick(COUNTIES);
  const units = shuffle(UNITS).slice(0, int(6, 10));
  const unitIds = units.map(([id]) => id);
  const goalCount = int(3, 4);
  const indicators = shuffle(INDICATORS).slice(0, int(6, 10));
  const goals = GOALS.slice(0, goalCount).map((text, g) => ({
    id: `G${g + 1}`,
    text,
    indicators: indicators.filter((_, k) => k % goalCount === g),
  }));
  const measureCount = int(10, 15);
  const measures = Array.from({ length: measureCount }, (_, m) => {
    const [title, description] = MEASURES[m % MEASURES.length];
    const lead = unitIds[m % unitIds.length];
    const support = shuffle(unitIds.filter((u) => u !== lead)).slice(0, int(1, 3));
    // Every goal is served: measure m serves goal m mod goalCount, sometimes one more.
    const served = [goals[m % goalCount].id];
    if (r() < 0.3) served.push(goals[(m + 1) % goalCount].id);
    const own = goals[m % goalCount].indicators.map(([id]) => id);
    return {
      id: `M${m + 1}`,
      title,
      description,
      actions: shuffle(ACTIONS).slice(0, int(2, 4)),
      lead,
      support,
      deadline: monthEnd(int(3, 12)),
      goals: [...new Set(served)],
      indicators: own.length > 0 && r() < 0.6 ? own.slice(0, 2) : undefined,
    };
  });

  const lines = [];
  const push = (s) => lines.push(s);
  push('# yaml-language-server: $schema=../../../schemas/plan.schema.json');
  push('kind: plan');
  push(`title: ${town}创建健康促进镇工作方案`);
  push(`issuer: ${town}人民政府`);
  push(`doc_number: ${town.slice(0, 1)}政发〔2025〕${int(1, 30)}号`);
  push(`date: ${date(1, int(5, 25))}`);
  push(`region: ${county}${town}`);
  push(`period: { start: ${date(1, 1)}, end: ${date(12, 31)} }`);
  push('units:');
  for (const [id, name] of units) push(`  - { id: ${id}, name: ${name} }`);
  push('background: |');
  push(
    `  ${town}位于${county}，辖${int(8, 20)}个行政村，常住人口约${int(12, 60) / 10}万人。近年来全镇公共卫生服务逐步完善，但居民健康素养水平仍然偏低，慢性病防控和环境卫生还有短板。`,
  );
  push('');
  push(
    `  为落实${county}关于创建健康促进乡镇的部署，提高群众自我保健能力，结合本镇实际，制定本方案。`,
  );
  push('requirements:');
  push('  - 坚持党委领导、政府主导，镇村两级分级负责，部门协作、全民参与。');
  push('  - 坚持因地制宜、注重实效，从群众最关心的健康问题做起。');
  push('goals:');
  for (const g of goals) {
    push(`  - id: ${g.id}`);
    push(`    text: ${g.text}`);
    if (g.indicators.length === 0) continue;
    push('    indicators:');
    for (const [id, name, unit, base, target, direction] of g.indicators) {
      push(`      - id: ${id}`);
      push(`        name: ${name}`);
      push(`        unit: '${unit}'`);
      push(`        baseline: ${base}`);
      push(`        target: ${target}`);
      push(`        direction: ${direction}`);
      push(`        deadline: ${monthEnd(12)}`);
    }
  }
  push('organization:');
  push('  leading_group:');
  push('    leader: 镇党委书记');
  push('    deputies: [镇长, 分管副镇长]');
  push('    members:');
  for (const [, name] of units) push(`      - ${name}负责人`);
  push(
    `  office: 领导小组办公室设在${units.find(([id]) => id === 'wjb')?.[1] ?? units[0][1]}，负责日常调度和季度进展汇总。`,
  );
  push('measures:');
  for (const m of measures) {
    push(`  - id: ${m.id}`);
    push(`    title: ${m.title}`);
    push(`    description: ${m.description}`);
    push('    actions:');
    for (const a of m.actions) push(`      - ${a}`);
    push(`    lead: ${m.lead}`);
    push(`    support: [${m.support.join(', ')}]`);
    push(`    deadline: ${m.deadline}`);
    push(`    goals: [${m.goals.join(', ')}]`);
    if (m.indicators) push(`    indicators: [${m.indicators.join(', ')}]`);
  }
  push('schedule:');
  const phases = [
    ['动员部署阶段', date(1, 1), monthEnd(2)],
    ['组织实施阶段', date(3, 1), monthEnd(9)],
    ['自评与迎检阶段', date(10, 1), monthEnd(11)],
    ['巩固提升阶段', date(12, 1), monthEnd(12)],
  ];
  for (const [phase, start, end] of phases) {
    push(`  - phase: ${phase}`);
    push(`    start: ${start}`);
    push(`    end: ${end}`);
    push('    tasks:');
    push('      - 按照任务分工逐项推进，定期通报进度');
  }
  push('safeguards:');
  push('  - title: 组织保障');
  push('    text: 各成员单位主要负责人是本单位创建工作第一责任人，把任务分解到人。');
  push('  - title: 经费保障');
  push(`    text: 镇财政安排健康促进专项经费${int(5, 30)}万元，按进度拨付，年底公开使用情况。`);
  push('  - title: 督导考核');
  push('    text: 把创建工作纳入年度目标考核，每季度督导一次、通报一次。');
  push('outcomes:');
  push('  - 建立镇村两级联动、部门协作的健康促进长效机制');
  push('  - 群众健康意识和自我保健能力明显提高');
  push('assessment: 年底由领导小组对照本方案逐项考核，考核结果纳入年度综合考评。');
  push('attachments:');
  push('  - { title: 重点任务分工表, table: measures }');
  return { name: `${String(i + 1).padStart(4, '0')}-${town}.yaml`, text: lines.join('\n') + '\n' };
}
