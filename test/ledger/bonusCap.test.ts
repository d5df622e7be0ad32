/**
 * A kind's bonus cap (单位类型 上限) cut the bonuses without a word in 得分明细: its bonus rows
 * summed to 16 while 排名汇总 showed 10. The last bonus row now says the cap was applied.
 */
import { fill } from '../../src/cli/examples';
import { assessWorkbook } from '../../src/engine/assess';
import { readScheme } from '../../src/engine/ledger/readScheme';
import { buildTemplateSheets } from '../../src/engine/ledger/template';
import { SHEETS, type CellValue } from '../../src/engine/ledger/types';

const HEADER = ['类型', '代码', '项目', '分值', '所属', '计分方式', '上限', '台账表'];
const row = (o: Partial<Record<string, CellValue>>): CellValue[] => HEADER.map((h) => o[h] ?? null);
const ROWS: CellValue[][] = [
  HEADER,
  row({ 类型: '方案', 代码: 'cap', 项目: '加分上限' }),
  row({ 类型: '单位类型', 代码: 'T', 项目: '乡镇', 所属: '单位', 上限: 10, 台账表: SHEETS.towns }),
  row({ 类型: '线', 代码: 'P', 项目: '综合', 分值: 100, 所属: 'T' }),
  row({ 类型: '指标', 代码: 'P1', 项目: '日常工作', 分值: 100, 所属: 'P' }),
  row({ 类型: '加分', 代码: 'B1', 项目: '获奖' }),
  row({ 类型: '输入', 代码: 'B1', 项目: '获奖（次）', 分值: 8, 所属: 'B1', 计分方式: '次数' }),
];
const DATA: Record<string, Record<string, number>> = { 甲镇: { P1: 70, B1: 2 }, 乙镇: { P1: 75, B1: 1 } };

function assess(lang: 'zh' | 'en') {
  const read = readScheme({ name: SHEETS.scheme, values: ROWS });
  expect(read.findings).toEqual([]);
  const sheets = buildTemplateSheets(read.scheme!, { year: 2024, units: Object.keys(DATA), departments: [], lang });
  const filled = sheets.map((s) => (s.name === SHEETS.towns ? fill(s, (u, c) => DATA[u]?.[c]) : s));
  return assessWorkbook({ sheets: filled.map((s) => ({ name: s.name, values: s.rows })) }, { lang });
}

describe('the bonus cap in 得分明细', () => {
  it('counts 10 of 16 bonus points and says so on the bonus row; a bonus under the cap has no note', () => {
    const r = assess('zh');
    expect(r.findings.filter((f) => f.severity === 'error')).toEqual([]);
    const summary = r.sheets.find((s) => s.name === SHEETS.summary)!.rows;
    const jia = summary.find((x) => x[1] === '甲镇')!;
    expect(jia).toContain(80); // 70 + min(2 × 8, 10)
    const detail = r.sheets.find((s) => s.name === SHEETS.detail)!.rows;
    const bonus = (unit: string) => detail.find((x) => x[0] === unit && x[2] === 'B1')!;
    expect(bonus('甲镇').slice(4, 7)).toEqual([2, 8, 16]);
    expect(bonus('甲镇')[9]).toBe('加分合计 16 超过上限 10，按 10 分计');
    expect(bonus('乙镇')[9]).toBeNull();
  });

  it('in English too', () => {
    const detail = assess('en').sheets.find((s) => s.name === SHEETS.detail)!.rows;
    expect(detail.find((x) => x[0] === '甲镇' && x[2] === 'B1')![9]).toBe('Bonuses total 16, above the cap of 10: 10 counted');
  });
});
