import { runChecks } from '../../src/engine/checks';
import { median, mad, robustZ } from '../../src/engine/checks/numbers';
import type { CellValue, WorkbookGrid } from '../../src/engine/ledger/types';
import { makeLedger, towns } from './makeLedger';

const H = ['单位', '类别', 'P5 经费保障', 'BIRTHS 出生数'];
const outliers = (rows: CellValue[][], opts: Parameters<typeof makeLedger>[2] = {}, previous?: WorkbookGrid) => {
  const { ledger, workbook } = makeLedger(H, rows, opts);
  return runChecks(ledger, workbook, previous ? { previous } : {}).filter((f) => f.rule.startsWith('outlier.'));
};

describe('robust statistics', () => {
  it('computes median, MAD and robust z', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(mad([1, 2, 3, 4, 100])).toBe(1);
    expect(robustZ([1, 2, 3, 4])).toBeNull();
    expect(robustZ([5, 5, 5, 5, 9])).toBeNull();
    expect(robustZ([10, 11, 12, 11, 10, 40])?.[5]).toBeCloseTo(29 / 1.4826, 3);
  });
});

describe('outlier.class', () => {
  it('warns about a value far from its class, at its cell', () => {
    const fs = outliers(towns(6, (i) => [50 + (i % 3), i === 4 ? 9800 : 2400 + i * 30]));
    expect(fs).toHaveLength(1);
    expect(fs[0]).toMatchObject({ severity: 'warning', rule: 'outlier.class', cell: 'D6', code: 'BIRTHS', unit: '镇5' });
    expect(fs[0]?.zh).toContain('中位数');
  });
  it('judges each class on its own', () => {
    // Class 2 towns are ten times bigger; within each class nothing stands out.
    const rows = towns(12, (i) => [55, i < 6 ? 2400 + i * 30 : 24000 + i * 300], (i) => (i < 6 ? 1 : 2));
    expect(outliers(rows)).toEqual([]);
  });
  it('stays quiet with fewer than 5 towns in the class or no spread', () => {
    expect(outliers(towns(4, (i) => [55, i === 3 ? 9800 : 2400 + i]))).toEqual([]);
    expect(outliers(towns(6, (i) => [i === 5 ? 10 : 60, 2400 + i * 30]))).toEqual([]);
  });
  it('stays quiet about immaterial deviations: under 10 % of the item points or of the median', () => {
    // Towns almost alike (MAD tiny): 54 against 50 on the 60-point P5 is a huge z but only 4 points.
    const near = towns(6, (i) => [[50, 48, 50, 49, 54, 50][i] as number, 2400 + i * 30], () => 1);
    expect(outliers(near)).toEqual([]);
    const far = towns(6, (i) => [[50, 48, 52, 49, 20, 51][i] as number, 2400 + i * 30], () => 1);
    expect(outliers(far).map((f) => `${f.code}/${f.unit}`)).toEqual(['P5/镇5']);
    // Other columns: 10 % of the median; 2,460 births against a median near 2,475 is nothing.
    const births = towns(6, (i) => [50, [2475, 2476, 2475, 2474, 2460, 2475][i] as number], () => 1);
    expect(outliers(births)).toEqual([]);
  });
  it('does not warn about targets or bonus counts', () => {
    const { ledger, workbook } = makeLedger(['单位', '类别', 'V1T 目标', 'B1 创新'], towns(6, (i) => [i === 0 ? 80 : 95 + (i % 2), i === 0 ? 9 : i % 2]));
    expect(runChecks(ledger, workbook).filter((f) => f.rule.startsWith('outlier.'))).toEqual([]);
  });
});

describe('outlier.jump', () => {
  const now = towns(6, (i) => [55, 2400 + i * 100 + (i === 2 ? 900 : 0)]);
  const before = [['单位', '类别', 'BIRTHS 出生数'], ...now.map((r, i) => [r[0] ?? null, 1, 2400 + i * 100 - 40 - (i % 3) * 5])];
  it('warns when a town moved far more than the others since the last round (previous workbook)', () => {
    const fs = outliers(now, {}, { sheets: [{ name: '乡镇台账', values: before }] });
    expect(fs.map((f) => `${f.rule}@${f.cell}/${f.unit}`)).toEqual(['outlier.jump@D4/镇3']);
    expect(fs[0]?.en).toContain('last round');
  });
  it('reads a 上轮台账 sheet in the same workbook', () => {
    const fs = outliers(now, { sheets: [{ name: '上轮台账', values: before }] });
    expect(fs.map((f) => f.rule)).toEqual(['outlier.jump']);
  });
  it('matches towns by name, whatever their order in the old sheet', () => {
    const shuffled = [before[0] as CellValue[], ...before.slice(1).reverse()];
    expect(outliers(now, { sheets: [{ name: '上轮台账', values: shuffled }] }).map((f) => f.unit)).toEqual(['镇3']);
  });
  it('stays quiet when everyone moved alike, or without a previous round', () => {
    const even = towns(6, (i) => [55, 2400 + i * 100]);
    expect(outliers(even, { sheets: [{ name: '上轮台账', values: before }] })).toEqual([]);
    expect(outliers(now)).toEqual([]);
  });
});
