/** Issue 11 item 5: the result sheets and JSON name the scheme's own lines. */
import { assessWorkbook } from '../../src/engine/assess';
import { rankingJson, formatRanking } from '../../src/cli/main';
import type { CellValue } from '../../src/engine/ledger/types';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const fixture = require('../fixtures/schemes/good-weighted-farm.json') as { rows: CellValue[][] };

const towns: CellValue[][] = [
  ['单位', '类别', 'A1 指标A1', 'A2 指标A2', 'B1 指标B1', 'B2 指标B2'],
  ['甲镇', '乡镇', 60, 20, 40, 60],
  ['乙场', '农场', 30, null, 50, 50],
];

describe('a scheme with lines A and B weighted 6:4 and a farm class', () => {
  const result = assessWorkbook({ sheets: [{ name: '方案', values: fixture.rows }, { name: '乡镇台账', values: towns }] });
  it('ranks with no error, and no blank warning for the item the farm is not assessed on', () => {
    expect(result.findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(result.findings.filter((f) => f.rule === 'score.blank')).toEqual([]);
    expect(result.ranking).not.toBeNull();
  });
  it('scores by hand: 甲镇 0.6×80 + 0.4×100 = 88; 乙场 A1 30 of 60 → 50 of 100, B 100 → 0.6×50 + 0.4×100 = 70', () => {
    const by = Object.fromEntries(result.ranking!.units.map((u) => [u.unit, [u.lines, u.total]]));
    expect(by).toEqual({ 甲镇: [{ A: 80, B: 100 }, 88], 乙场: [{ A: 50, B: 100 }, 70] });
  });
  it('排名汇总 has a score and a rank column per line, named by the scheme, and charts the total', () => {
    const summary = result.sheets.find((s) => s.name === '排名汇总')!;
    expect(summary.rows[0]).toEqual(['总排名', '单位', '类别', '线A得分', '线A排名', '线B得分', '线B排名', '加分', '扣分', '总分', '类别内排名', '标记', '否决原因']);
    expect(summary.chart?.valueColumn).toBe(9);
    expect(summary.rows[1]?.[9]).toBe(88);
  });
  it('得分明细 says 不考核 for the farm\'s skipped item', () => {
    const detail = result.sheets.find((s) => s.name === '得分明细')!;
    const row = detail.rows.find((r) => r[0] === '乙场' && r[2] === 'A2')!;
    expect(row[9]).toBe('不考核');
  });
  it('the JSON and the table name lines A and B', () => {
    const doc = rankingJson(result.ranking!, result.ledger.scheme) as { units: { lines: object; party: unknown }[]; scheme: { lines: { code: string }[] } };
    expect(doc.scheme.lines.map((l) => l.code)).toEqual(['A', 'B']);
    expect(doc.units[0]).toMatchObject({ lines: { A: 80, B: 100 }, party: null });
    expect(formatRanking(result.ranking!, 'zh', 200, result.ledger.scheme)).toContain('线A');
  });
});
