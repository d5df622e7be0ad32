/**
 * Two bureaus' own schemes beside the built-in one, each as the 方案 sheet a clerk would type (so
 * they go through the same reader and validation as any bureau's), with a sample ledger made from
 * fixed data. `kaohe example <file> --sample districts|farms` writes them to `examples/`.
 *
 * - `districts` — document 5 (第五篇): the city assesses its five districts on sheet 区台账; the
 *   ten 工作要求 are scored by the assessors, and each district has its own targets for birth rate
 *   (≤), natural growth (≤) and policy birth rate (≥); missing any of them is a veto.
 * - `farms` — another shape: two 100-point lines combined 6:4 (党政综合 60 %, 计生业务 40 %), a
 *   class 农场 that is not assessed on one item (its line converted 得分 ÷ 应得分 × 满分) and has
 *   its own target on another, an item scored from a figure against a target, an item of cases
 *   (−5 each), and a bonus item inside a line.
 */
import { readScheme } from '../engine/ledger/readScheme';
import { buildTemplateSheets } from '../engine/ledger/template';
import { CLASS_HEADER } from '../engine/ledger/columns';
import { fill } from './examples';
import { SHEETS, type CellValue, type SheetSpec } from '../engine/ledger/types';
import { unitKind } from '../engine/scheme/kinds';
import type { Scheme } from '../engine/types';

export const SAMPLE_NAMES = ['districts', 'farms'] as const;
export type SampleName = (typeof SAMPLE_NAMES)[number];

/** Document 5's targets per district: birth rate ‰ (≤), natural growth ‰ (≤), policy birth rate % (≥). */
export const DISTRICT_TARGETS: readonly (readonly [string, number, number, number])[] = [
  ['禅城区', 11.0, 6.3, 95.0],
  ['南海区', 11.1, 6.4, 95.0],
  ['顺德区', 11.1, 6.4, 95.0],
  ['高明区', 11.15, 6.45, 94.0],
  ['三水区', 11.0, 6.3, 95.0],
];

/** 第五篇 二、工作要求 (一)–(十), 10 points each. */
const DISTRICT_WORK: readonly (readonly [string, string])[] = [
  ['贯彻落实决定和条例', 'Implementing the decision and regulations'],
  ['落实目标管理责任制', 'Target responsibility system'],
  ['基层基础工作', 'Grassroots work'],
  ['工作新机制', 'New working mechanism'],
  ['新型生育文化建设', 'New childbearing culture'],
  ['流动人口管理服务', 'Floating population services'],
  ['综合治理', 'Comprehensive management'],
  ['优质服务', 'Quality services'],
  ['信息网络建设', 'Information network'],
  ['队伍建设', 'Staff development'],
];

const DISTRICT_HEADER = ['类型', '代码', '项目', '英文名称', '分值', '所属', '否决方向', '目标', '计量单位', '台账表', '名额'];

function districtRows(): CellValue[][] {
  const row = (o: Partial<Record<string, CellValue>>): CellValue[] => DISTRICT_HEADER.map((h) => o[h] ?? null);
  const rows: CellValue[][] = [
    DISTRICT_HEADER,
    row({ 类型: '方案', 代码: 'doc5', 项目: '2024年人口与计划生育目标管理责任制（区）', 英文名称: 'Population and family planning responsibility, districts' }),
    row({ 类型: '单位类型', 代码: 'Q', 项目: '区', 英文名称: 'District', 所属: '单位', 台账表: '区台账' }),
    row({ 类型: '线', 代码: 'W', 项目: '工作要求', 英文名称: 'Work requirements', 分值: 100, 所属: 'Q' }),
    ...DISTRICT_WORK.map(([zh, en], i) => row({ 类型: '指标', 代码: `W${i + 1}`, 项目: zh, 英文名称: en, 分值: 10, 所属: 'W' })),
    row({ 类型: '否决', 代码: 'V1', 项目: '出生率', 英文名称: 'Birth rate', 否决方向: '<=', 计量单位: '‰' }),
    row({ 类型: '否决', 代码: 'V2', 项目: '人口自然增长率', 英文名称: 'Natural growth rate', 否决方向: '<=', 计量单位: '‰' }),
    row({ 类型: '否决', 代码: 'V3', 项目: '政策生育率', 英文名称: 'Policy birth rate', 否决方向: '>=', 计量单位: '%' }),
  ];
  DISTRICT_TARGETS.forEach(([d, birth, growth, policy]) => {
    rows.push(row({ 类型: '目标', 代码: 'V1', 项目: d, 目标: birth }));
    rows.push(row({ 类型: '目标', 代码: 'V2', 项目: d, 目标: growth }));
    rows.push(row({ 类型: '目标', 代码: 'V3', 项目: d, 目标: policy }));
  });
  // Five districts: one 一票优先 and one 黄牌警告, no 末位 mark.
  rows.push(row({ 类型: '标记', 代码: '一票优先', 名额: 1 }));
  rows.push(row({ 类型: '标记', 代码: '黄牌警告', 名额: 1 }));
  rows.push(row({ 类型: '标记', 代码: '末位', 名额: '否' }));
  return rows;
}

/**
 * The districts' figures and work scores. 高明区 misses its birth-rate target (11.32 ‰ > 11.15 ‰)
 * and is vetoed; 顺德区 meets its own 6.40 ‰ exactly (at the target is met).
 */
const DISTRICT_DATA: Readonly<Record<string, readonly [number, number, number, readonly number[]]>> = {
  禅城区: [10.62, 5.91, 97.8, [9, 9.5, 8, 9, 8.5, 9, 9, 9.5, 8, 9]],
  南海区: [10.95, 6.2, 96.1, [9.5, 9, 9, 8.5, 9, 9.5, 8.5, 9, 9, 9]],
  顺德区: [11.02, 6.4, 95.4, [8.5, 9, 8.5, 8, 9, 8.5, 9, 8, 8.5, 8.5]],
  高明区: [11.32, 6.41, 94.6, [9, 9, 9.5, 9, 9, 9, 9, 9, 9.5, 9]],
  三水区: [10.88, 6.05, 95.2, [8, 8.5, 8, 8.5, 8, 8, 8.5, 8, 8, 8]],
};

const FARM_HEADER = ['类型', '代码', '项目', '英文名称', '分值', '所属', '权重', '分类分值', '计分方式', '否决方向', '目标', '分类目标', '扣分标准', '计量单位', '附加分', '未考核项', '台账表', '别名'];

function farmRows(): CellValue[][] {
  const row = (o: Partial<Record<string, CellValue>>): CellValue[] => FARM_HEADER.map((h) => o[h] ?? null);
  return [
    FARM_HEADER,
    row({ 类型: '方案', 代码: 'farms', 项目: '2024年度乡镇和农场计划生育目标管理责任制考核', 英文名称: 'Towns and farms, two lines weighted 6:4' }),
    row({ 类型: '单位类型', 代码: 'T', 项目: '乡镇和农场', 英文名称: 'Towns and farms', 所属: '单位', 计分方式: '加权', 未考核项: '折算', 台账表: SHEETS.towns }),
    row({ 类型: '类别', 代码: '乡镇', 项目: '乡镇', 英文名称: 'Town', 所属: 'T', 别名: '镇、街道' }),
    row({ 类型: '类别', 代码: '农场', 项目: '农场', 英文名称: 'Farm', 所属: 'T', 别名: '场' }),
    row({ 类型: '线', 代码: 'A', 项目: '党政综合', 英文名称: 'Party and government', 分值: 100, 所属: 'T', 权重: '60%' }),
    row({ 类型: '指标', 代码: 'A1', 项目: '组织领导', 英文名称: 'Leadership', 分值: 30, 所属: 'A' }),
    row({ 类型: '指标', 代码: 'A2', 项目: '目标责任落实', 英文名称: 'Responsibility', 分值: 30, 所属: 'A' }),
    row({ 类型: '指标', 代码: 'A3', 项目: '城镇流动人口管理', 英文名称: 'Urban floating population', 分值: 40, 所属: 'A', 分类分值: '农场:不考核' }),
    row({ 类型: '线', 代码: 'J', 项目: '计生业务', 英文名称: 'Family planning work', 分值: 100, 所属: 'T', 权重: '40%' }),
    row({ 类型: '指标', 代码: 'J1', 项目: '政策生育率', 英文名称: 'Policy birth rate', 分值: 40, 所属: 'J', 计分方式: '达标扣分', 否决方向: '>=', 目标: 95, 分类目标: '农场:90', 扣分标准: 4, 计量单位: '%' }),
    row({ 类型: '指标', 代码: 'J2', 项目: '基层基础工作', 英文名称: 'Grassroots work', 分值: 40, 所属: 'J' }),
    row({ 类型: '指标', 代码: 'J3', 项目: '政策外生育案件', 英文名称: 'Births outside policy', 分值: 20, 所属: 'J', 计分方式: '按次扣分', 扣分标准: 5 }),
    row({ 类型: '指标', 代码: 'J4', 项目: '创新工作', 英文名称: 'Innovation', 分值: 5, 所属: 'J', 附加分: '是' }),
  ];
}

/** Towns and farms: class, A1, A2, A3 (blank for farms), J1 figure %, J2, J3 cases, J4 bonus. */
const FARM_DATA: readonly (readonly [string, string, number, number, number | null, number, number, number, number])[] = [
  ['城关镇', '乡镇', 28, 27, 36, 97.2, 37, 0, 3],
  ['河口镇', '乡镇', 26, 28, 35, 93.5, 36, 1, 0],
  ['青山街道', '乡镇', 27, 26, 38, 95.0, 34, 0, 5],
  ['白沙镇', '乡镇', 25, 25, 33, 92.0, 35, 2, 0],
  ['红旗农场', '农场', 27, 24, null, 88.0, 36, 1, 0],
  ['五一农场', '农场', 29, 28, null, 91.5, 38, 0, 2],
];

/** The scheme a sample's 方案 rows describe (read and validated as any bureau's 方案). */
export function sampleScheme(name: SampleName): Scheme {
  const read = readScheme({ name: SHEETS.scheme, values: name === 'districts' ? districtRows() : farmRows() });
  if (!read.scheme) throw new Error(`sample ${name}: ${JSON.stringify(read.findings)}`);
  return read.scheme;
}

/** The sample workbook's sheets: the scheme's 方案 and its unit sheet, filled. */
export function buildSampleSheets(name: SampleName, lang: 'zh' | 'en' = 'zh'): SheetSpec[] {
  const scheme = sampleScheme(name);
  const kind = unitKind(scheme)!;
  if (name === 'districts') {
    const sheets = buildTemplateSheets(scheme, { year: 2024, units: DISTRICT_TARGETS.map(([d]) => d), departments: [], lang });
    return sheets.map((s) =>
      s.name !== kind.sheet
        ? s
        : fill(s, (unit, code) => {
            const d = DISTRICT_DATA[unit];
            if (!d) return undefined;
            if (code === 'V1') return d[0];
            if (code === 'V2') return d[1];
            if (code === 'V3') return d[2];
            const w = /^W(\d+)$/.exec(code);
            // Targets come from the 方案's 目标 rows: the V*T cells stay blank.
            return w ? d[3][Number(w[1]) - 1] : undefined;
          }),
    );
  }
  const sheets = buildTemplateSheets(scheme, { year: 2024, units: FARM_DATA.map((f) => f[0]), departments: [], lang });
  const cols = [CLASS_HEADER, 'A1', 'A2', 'A3', 'J1', 'J2', 'J3', 'J4'];
  return sheets.map((s) =>
    s.name !== kind.sheet
      ? s
      : fill(s, (unit, code) => {
          const f = FARM_DATA.find((x) => x[0] === unit);
          const i = cols.indexOf(code);
          return f && i >= 0 ? f[i + 1] : undefined;
        }),
  );
}
