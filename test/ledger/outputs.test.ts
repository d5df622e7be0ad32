import { assessWorkbook } from '../../src/engine/assess';
import { DETAIL_HEADERS, SUMMARY_HEADERS } from '../../src/engine/report/outputs';
import { SHEETS } from '../../src/engine/ledger/types';
import { golden, goldenSheets, specsToGrid, withCell } from './golden';

describe('buildOutputSheets via assessWorkbook', () => {
  const result = assessWorkbook(specsToGrid(goldenSheets()), golden.options);
  const sheet = (name: string) => result.sheets.find((s) => s.name === name)!;

  it('builds 排名汇总, 部门排名 and 得分明细', () => {
    expect(result.sheets.map((s) => s.name).slice(0, 3)).toEqual([
      SHEETS.summary,
      SHEETS.departmentRanking,
      SHEETS.detail,
    ]);
  });

  it('排名汇总: one row per town, numbers as numbers, vetoed last without rank and with the reason', () => {
    const s = sheet(SHEETS.summary);
    expect(s.rows[0]).toEqual([...SUMMARY_HEADERS]);
    expect(s.rows[1]).toEqual([1, '甲镇', 1, 365, 1, 620, 3, 20, 0, 1005, 1, '一票优先', '']);
    const last = s.rows[s.rows.length - 1]!;
    expect(last.slice(0, 3)).toEqual([null, '己镇', 3]);
    expect(last[9]).toBeNull();
    expect(last[11]).toBe('一票否决');
    expect(String(last[12])).toContain('94.5');
    expect(s.rows[5]![11]).toBe('黄牌警告、末位');
    expect(s.rowStyles).toMatchObject({ 0: 'header', 1: 'top', 5: 'last', 6: 'vetoed' });
    expect(s.columns[9]!.numFmt).toBe('0.00');
    expect(s.chart).toMatchObject({ labelColumn: 1, valueColumn: 9, rowCount: 5 });
  });

  it('部门排名: rank, unit, score', () => {
    expect(sheet(SHEETS.departmentRanking).rows).toEqual([
      ['排名', '单位', '得分'],
      [1, '卫生局', 95],
      [1, '公安局', 95],
      [3, '民政局', 80],
    ]);
  });

  it('得分明细: each item, bonus, deduction and veto with its figures', () => {
    const rows = sheet(SHEETS.detail).rows;
    expect(rows[0]).toEqual([...DETAIL_HEADERS]);
    const of = (unit: string, code: string) => rows.find((r) => r[0] === unit && r[2] === code)!;
    expect(of('甲镇', 'P2').slice(1, 7)).toEqual(['指标', 'P2', '统筹决策', 15, 20, 15]);
    expect(of('甲镇', 'P3')[1]).toBe('小计');
    expect(of('甲镇', 'B1').slice(1, 7)).toEqual(['加分', 'B1', '体制机制创新（项）', 1, 20, 20]);
    expect(of('丁镇', 'X5D')[6]).toBe(-5);
    expect(of('戊街道', 'X3').slice(4, 7)).toEqual([25, null, -25]);
    expect(of('己镇', 'V1').slice(1, 10)).toEqual([
      '否决',
      'V1',
      '出生政策符合率',
      94.5,
      null,
      null,
      95,
      '>=',
      '未达标，一票否决',
    ]);
    expect(of('甲镇', 'V2')[9]).toBe('达标');
    expect(of('卫生局', 'D1').slice(1, 7)).toEqual([
      '部门指标',
      'D1',
      '参与统筹解决人口问题',
      25,
      30,
      25,
    ]);
  });

  it('writes hostile unit names as plain strings', () => {
    const grid = withCell(
      specsToGrid(goldenSheets()),
      SHEETS.towns,
      1,
      0,
      '=HYPERLINK("http://evil","x")',
    );
    const r = assessWorkbook(grid, golden.options);
    expect(r.sheets.find((s) => s.name === SHEETS.summary)!.rows[1]![1]).toBe(
      '=HYPERLINK("http://evil","x")',
    );
  });

  it('ranks nothing and builds no sheets while an error stands', () => {
    const grid = withCell(specsToGrid(goldenSheets()), SHEETS.towns, 1, 3, 'abc');
    const r = assessWorkbook(grid, golden.options);
    expect(r.ranking).toBeNull();
    expect(r.sheets).toEqual([]);
    expect(r.findings.some((f) => f.severity === 'error' && f.cell === 'D2')).toBe(true);
  });
});
