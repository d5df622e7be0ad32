import { analyseItems, buildItemAnalysisSheet, runChecks } from '../../src/engine/checks';
import { DEFAULT_SCHEME } from '../../src/engine/scheme/defaultScheme';
import { indexScheme } from '../../src/engine/scheme/schemeIndex';
import { makeLedger, towns } from './makeLedger';

const H = ['单位', '类别', 'P2 统筹决策', 'P4 依法行政', 'P5 经费保障', 'P3.1 移民', 'P3.2 信息'];
// P2 all full (20), P4 all 15, P5 spread, P3.x spread so P3 (parent) separates.
const made = () => makeLedger(H, towns(4, (i) => [20, 15, 40 + i * 5, 20 - i, 20]));

describe('analyseItems', () => {
  it('gives each item its spread and verdict', () => {
    const a = analyseItems(made().ledger);
    const by = Object.fromEntries(a.map((x) => [x.code, x]));
    expect(by.P2).toMatchObject({ points: 20, count: 4, min: 20, max: 20, mean: 20, stdDev: 0, fullShare: 1, distinct: 1, verdict: 'all-full' });
    expect(by.P4).toMatchObject({ count: 4, fullShare: 0, distinct: 1, verdict: 'all-same' });
    expect(by.P5).toMatchObject({ min: 40, max: 55, mean: 47.5, distinct: 4, verdict: 'separates' });
    expect(by.P5?.stdDev).toBeCloseTo(Math.sqrt(31.25));
    expect(by['P3.2']?.verdict).toBe('all-full');
    // The parent has no column of its own: its score is the sum of its entered children.
    expect(by.P3).toMatchObject({ min: 37, max: 40, verdict: 'separates' });
    // Items nobody scored are left out.
    expect(by.P1).toBeUndefined();
  });
  it('analyses department items over departments', () => {
    const { ledger } = made();
    const withDepts = {
      ...ledger,
      departments: ['卫生局', '公安局', '民政局'].map((unit, i) => ({ input: { unit, scores: { D1: 30, D2: 10 + i } }, source: { sheet: '部门台账', row: i + 2, cells: {} } })),
      columns: { ...ledger.columns, 部门台账: { D1: 'B', D2: 'C' } },
    };
    const d = analyseItems(withDepts).filter((x) => x.line === 'D');
    expect(d.map((x) => `${x.code}:${x.verdict}`)).toEqual(['D1:all-full', 'D2:separates']);
    const fs = runChecks(withDepts, made().workbook).filter((f) => f.sheet === '部门台账');
    expect(fs.map((f) => `${f.rule}@${f.cell}`)).toEqual(['items.no-spread@null']);
    expect(fs[0]?.zh).toBe('1 个指标不能区分部门（各指标的分布见“指标分析”表）：全部满分 D1');
    expect(fs[0]?.en).toContain('1 item separates no departments');
  });
});

describe('item findings', () => {
  it('one warning for the whole sheet lists the items that separate no town, full marks and same scores apart', () => {
    const { ledger, workbook } = made();
    const fs = runChecks(ledger, workbook).filter((f) => f.rule.startsWith('items.'));
    expect(fs).toHaveLength(1);
    expect(fs[0]).toMatchObject({ severity: 'warning', rule: 'items.no-spread', sheet: '乡镇台账', cell: null });
    expect(fs[0]?.zh).toBe('3 个指标不能区分单位（各指标的分布见“指标分析”表）：全部满分 P2、P3.2；得分全部相同 P4');
    expect(fs[0]?.en).toBe('3 items separate no units (each item\'s spread is on sheet "指标分析"): all full marks P2, P3.2; all the same score P4');
  });
  it('a 7-town ledger where 32 items separate no one gets one finding naming all 32, in scheme order', () => {
    const leaves = indexScheme(DEFAULT_SCHEME).leaves('P').concat(indexScheme(DEFAULT_SCHEME).leaves('F'));
    const header = ['单位', '类别', ...leaves.map((l) => `${l.code} ${l.labelZh}`)];
    // Every leaf at full marks except the last four, which vary from town to town.
    const varying = leaves.slice(-4).map((l) => l.code);
    const { ledger, workbook } = makeLedger(header, towns(7, (i) => leaves.map((l) => (varying.includes(l.code) ? l.points - (i % 3) : l.points))));
    const silent = analyseItems(ledger).filter((a) => a.verdict !== 'separates');
    expect(silent.length).toBeGreaterThanOrEqual(32);
    const fs = runChecks(ledger, workbook).filter((f) => f.rule.startsWith('items.'));
    expect(fs).toHaveLength(1);
    expect(fs[0]?.zh).toContain(`${silent.length} 个指标不能区分单位`);
    expect(fs[0]?.zh).toContain(silent.map((a) => a.code).join('、'));
    expect(fs[0]?.en).toContain(silent.map((a) => a.code).join(', '));
  });
  it('stays quiet with fewer than 3 towns', () => {
    const { ledger, workbook } = makeLedger(H, towns(2, () => [20, 15, 40, 20, 20]));
    expect(runChecks(ledger, workbook).filter((f) => f.rule.startsWith('items.'))).toEqual([]);
  });
});

describe('buildItemAnalysisSheet', () => {
  it('writes 指标分析 with a header, one row per item and highlighted non-separating rows', () => {
    const spec = buildItemAnalysisSheet(made().ledger);
    expect(spec.name).toBe('指标分析');
    expect(spec.freezeRows).toBe(1);
    expect(spec.rows[0]?.[0]).toBe('代码 Code');
    expect(spec.columns).toHaveLength(spec.rows[0]?.length ?? -1);
    const p2 = spec.rows.findIndex((r) => r[0] === 'P2');
    const p5 = spec.rows.findIndex((r) => r[0] === 'P5');
    expect(spec.rows[p2]?.[11]).toBe('全部满分 all full marks');
    expect(spec.rowStyles?.[p2]).toBe('yellow');
    expect(spec.rowStyles?.[p5]).toBeUndefined();
    expect(spec.rows[p5]?.slice(3, 7)).toEqual([60, 4, 40, 55]);
  });
  it('does not modify the ledger', () => {
    const { ledger } = made();
    const before = JSON.stringify(ledger);
    buildItemAnalysisSheet(ledger);
    analyseItems(ledger);
    expect(JSON.stringify(ledger)).toBe(before);
  });
});
