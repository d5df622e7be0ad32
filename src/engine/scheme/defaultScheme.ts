import type { AdjustmentRule, Scheme, SchemeItem, SchemeLine, VetoRule } from '../types';

/**
 * The built-in scheme: 第四篇《完善人口计生目标管理责任制考核办法》 of the bureau's documents
 * (../shared/seed), as mapped in DOMAIN.md. Towns and streets: 党政线 370 + 人口计生线 630 =
 * 1000 points; departments 100 points.
 */

const item = (
  code: string,
  labelZh: string,
  labelEn: string,
  points: number,
  children?: SchemeItem[],
): SchemeItem => (children ? { code, labelZh, labelEn, points, children } : { code, labelZh, labelEn, points });

const partyLine: SchemeLine = {
  code: 'P',
  labelZh: '党政线',
  labelEn: 'Party-government line',
  points: 370,
  items: [
    item('P1', '基本人口指标', 'Basic population targets', 100),
    item('P2', '统筹决策', 'Planning and decisions', 20),
    item('P3', '综合治理', 'Comprehensive governance', 70, [
      item('P3.1', '移民地区综合整治', 'Migrant-area governance', 20),
      item('P3.2', '信息共享与流动人口综合治理', 'Information sharing and floating population', 20),
      item('P3.3', '利益导向与少生快富', 'Incentives (fewer births, faster prosperity)', 20),
      item('P3.4', '出生人口性别比综合治理', 'Sex ratio at birth', 10),
    ]),
    item('P4', '依法行政', 'Rule of law', 20),
    item('P5', '经费保障', 'Funding', 60),
    item('P6', '阵地、队伍建设', 'Facilities and staff', 100, [
      item('P6.1', '服务机构建设', 'Service institutions', 80),
      item('P6.2', '三级管理人员', 'Three-level administrators', 10),
      item('P6.3', '流动人口管理机构', 'Floating-population offices', 10),
    ]),
  ],
};

const fpLine: SchemeLine = {
  code: 'F',
  labelZh: '人口计生线',
  labelEn: 'Family-planning line',
  points: 630,
  items: [
    item('F1', '宣传教育', 'Publicity and education', 80, [
      item('F1.1', '五级联创', 'Five-level civilised-family campaign', 40),
      item('F1.2', '全家福、入户率、知晓率', 'Family kits, coverage and awareness', 30),
      item('F1.3', '早教、养老、青少年教育', 'Early education, elderly care, youth', 10),
    ]),
    item('F2', '行政执法', 'Administrative enforcement', 80, [
      item('F2.1', '行政确认与再生育审批', 'Certifications and approvals', 15),
      item('F2.2', '奖励费落实率', 'Reward payments', 20),
      item('F2.3', '村居自治', 'Village self-government', 10),
      item('F2.4', '信访案件', 'Petition cases', 20),
      item('F2.5', '两个纪律与阳光计生', 'Discipline and open government', 15),
    ]),
    item('F3', '技术服务及药具', 'Technical services and supplies', 160, [
      item('F3.1', '示范中心（站）', 'Demonstration centres', 20),
      item('F3.2', '规范化达标', 'Standardisation', 40),
      item('F3.3', '三大工程', 'Three major projects', 100),
    ]),
    item('F4', '基础工作', 'Basic work', 60, [
      item('F4.1', '出生政策符合率', 'Birth-policy compliance rate', 20),
      item('F4.2', '统计合格率', 'Statistics qualification rate', 28),
      item('F4.3', '入户登记', 'Household registration', 4),
      item('F4.4', '统计报表', 'Statistical reports', 4),
      item('F4.5', '信息共享', 'Information sharing', 4),
    ]),
    item('F5', '综合治理', 'Comprehensive governance', 140, [
      item('F5.1', '移民地区', 'Migrant areas', 45),
      item('F5.2', '流动人口', 'Floating population', 50),
      item('F5.3', '关爱女孩', 'Care for girls', 10),
      item('F5.4', '三项制度', 'Three systems', 35),
    ]),
    item('F6', '信息化建设', 'Information systems', 70, [
      item('F6.1', '信息资源共享机制', 'Information-sharing mechanism', 10),
      item('F6.2', '镇街村居信息网络', 'Town and village networks', 10),
      item('F6.3', '全员人口信息（覆盖率、准确率≥96%）', 'Population database (coverage, accuracy ≥ 96 %)', 50),
    ]),
    item('F7', '计划生育协会', 'Family-planning association', 20),
    item('F8', '干部队伍培训', 'Staff training', 20),
  ],
};

const departmentLine: SchemeLine = {
  code: 'D',
  labelZh: '部门职责',
  labelEn: 'Department duties',
  points: 100,
  items: [
    item('D1', '参与统筹解决人口问题', 'Joint work on population issues', 30),
    item('D2', '经常性工作机制', 'Working mechanism', 20),
    item('D3', '系统内监督与一票否决', 'Supervision and one-vote veto', 20),
    item('D4', '信息共享与协作', 'Information sharing and cooperation', 30),
  ],
};

const vetoes: VetoRule[] = [
  {
    code: 'V1',
    labelZh: '出生政策符合率',
    labelEn: 'Birth-policy compliance rate',
    indicators: ['P1', 'F4.1'],
    direction: '>=',
    defaultTarget: 95,
    unit: '%',
  },
  {
    code: 'V2',
    labelZh: '统计合格率',
    labelEn: 'Statistics qualification rate',
    indicators: ['F4.2'],
    direction: '>=',
    defaultTarget: null,
    unit: '%',
  },
];

const adjustments: AdjustmentRule[] = [
  {
    code: 'B1',
    kind: 'bonus',
    labelZh: '体制机制创新',
    labelEn: 'Innovation in system or mechanism',
    inputs: [{ code: 'B1', labelZh: '体制机制创新（项）', labelEn: 'Innovations (count)', mode: 'count', pointsEach: 20 }],
  },
  {
    code: 'B2',
    kind: 'bonus',
    labelZh: '会议介绍经验或获奖',
    labelEn: 'Experience presented or award',
    inputs: [
      { code: 'B2C', labelZh: '市级介绍经验/获奖（次）', labelEn: 'City level (count)', mode: 'count', pointsEach: 5, aliases: ['市', '市级', 'city', '1'] },
      { code: 'B2P', labelZh: '省级介绍经验/获奖（次）', labelEn: 'Province level (count)', mode: 'count', pointsEach: 7, aliases: ['省', '省级', 'province', '2'] },
      { code: 'B2N', labelZh: '国家级介绍经验/获奖（次）', labelEn: 'National level (count)', mode: 'count', pointsEach: 10, aliases: ['国家', '国家级', '全国', 'national', '3'] },
    ],
  },
  {
    code: 'X1',
    kind: 'deduction',
    labelZh: '重要工作或抽查出现较大问题',
    labelEn: 'Major problem in an important task or spot check',
    inputs: [{ code: 'X1', labelZh: '较大问题（次）', labelEn: 'Major problems (count)', mode: 'count', pointsEach: 20 }],
  },
  {
    code: 'X2',
    kind: 'deduction',
    labelZh: '执法不当引发恶性事件或行政诉讼',
    labelEn: 'Improper enforcement: incident or lawsuit',
    inputs: [{ code: 'X2', labelZh: '恶性事件/行政诉讼（起）', labelEn: 'Incidents or lawsuits (count)', mode: 'count', pointsEach: 15 }],
  },
  {
    code: 'X3',
    kind: 'deduction',
    labelZh: '工作不当造成越级上访',
    labelEn: 'Petition bypassing levels',
    inputs: [
      { code: 'X3', labelZh: '越级上访扣分（每起10–30分）', labelEn: 'Points (10–30 per case)', mode: 'points', minEach: 10, maxEach: 30 },
    ],
  },
  {
    code: 'X4',
    kind: 'deduction',
    labelZh: '弄虚作假、瞒报漏报虚报数据',
    labelEn: 'Falsified, concealed, omitted or inflated data',
    inputs: [{ code: 'X4', labelZh: '弄虚作假（例）', labelEn: 'Cases', mode: 'count', pointsEach: 5 }],
  },
  {
    code: 'X5',
    kind: 'deduction',
    labelZh: '举报超生经查属实',
    labelEn: 'Reported out-of-policy birth confirmed',
    inputs: [
      { code: 'X5', labelZh: '举报超生属实（例）', labelEn: 'Confirmed cases', mode: 'count', pointsEach: 5 },
      {
        code: 'X5D',
        labelZh: '其中未如实上报（例，加倍）',
        labelEn: 'Of which not reported truthfully (doubled)',
        mode: 'count',
        pointsEach: 5,
        subsetOf: 'X5',
      },
    ],
  },
  {
    code: 'X6',
    kind: 'deduction',
    labelZh: '示范中心（站）滑坡被摘牌',
    labelEn: 'Demonstration centre delisted',
    inputs: [{ code: 'X6', labelZh: '被摘牌机构（个）', labelEn: 'Centres delisted (count)', mode: 'count', pointsEach: 5 }],
  },
];

/** The built-in default scheme (DOMAIN.md). Frozen so no caller can alter it by accident. */
export const DEFAULT_SCHEME: Scheme = deepFreeze({
  id: 'default-2024',
  nameZh: '人口计生目标管理责任制考核（千分制）',
  nameEn: 'Population and family-planning target-management assessment (1000 points)',
  lines: [partyLine, fpLine, departmentLine],
  vetoes,
  adjustments,
});

/** Expected line totals of the built-in scheme (DOMAIN.md). */
export const DEFAULT_LINE_TOTALS: Readonly<Record<string, number>> = { P: 370, F: 630, D: 100 };

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    Object.freeze(value);
    for (const v of Object.values(value as Record<string, unknown>)) deepFreeze(v);
  }
  return value;
}
