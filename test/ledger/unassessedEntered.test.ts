/**
 * A figure typed on an item the unit's class is not assessed on (农场:不考核) is not scored; it
 * was dropped without a word (checks passed, 得分明细 showed the input blank). Now a warning on
 * its cell says so — a wrong class in the ledger looks just like this.
 */
import { buildSampleSheets } from '../../src/cli/sampleSchemes';
import { readLedger } from '../../src/engine/ledger/readLedger';
import { cellAddress } from '../../src/engine/ledger/cells';
import { SHEETS } from '../../src/engine/ledger/types';
import { colOf, specsToGrid, withCell } from './golden';

const T = SHEETS.towns;

describe('a value on an item the class is not assessed on', () => {
  // The farms sample: class 农场 is not assessed on A3; 红旗农场 is row 6 (index 5).
  const base = () => specsToGrid(buildSampleSheets('farms'));

  it('is a warning at its cell, in Chinese and English, and the score stays the same', () => {
    const before = readLedger(base());
    const col = colOf(base(), T, 'A3');
    const grid = withCell(base(), T, 5, col, 20);
    const ledger = readLedger(grid);
    const found = ledger.findings.filter((f) => f.cell === cellAddress(5, col));
    expect(found).toEqual([
      expect.objectContaining({ severity: 'warning', sheet: T, zh: expect.stringMatching(/A3 城镇流动人口管理：农场不考核此项，填写的 20 不计分/), en: expect.stringMatching(/Farm units are not assessed on this item; the 20 entered is not scored/) }),
    ]);
    expect(ledger.findings.filter((f) => f.severity === 'error')).toEqual([]);
    const farm = (l: typeof ledger) => l.units.find((u) => u.input.unit === '红旗农场')?.score?.total;
    expect(farm(ledger)).toBe(84.2); // 0.6 × (51 ÷ 60 × 100) + 0.4 × 83, as before
    expect(farm(before)).toBe(84.2);
  });

  it('says nothing when the cell is blank, or for a class assessed on the item', () => {
    const col = colOf(base(), T, 'A3');
    expect(readLedger(base()).findings.filter((f) => f.cell?.startsWith(cellAddress(0, col).replace(/\d+$/, '')))).toEqual([]);
  });
});
