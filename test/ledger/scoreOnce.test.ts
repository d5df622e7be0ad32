/** Issue 11 defect: readLedger scored every town and rankAll scored them again. Now each row is scored once. */
import * as scoreModule from '../../src/engine/score/scoreUnit';
import { assessWorkbook } from '../../src/engine/assess';
import { golden, goldenSheets, specsToGrid } from './golden';

describe('score once', () => {
  it('assessWorkbook scores each town and department exactly once, and ranks those scores', () => {
    const units = jest.spyOn(scoreModule, 'scoreUnit');
    const deps = jest.spyOn(scoreModule, 'scoreDepartment');
    const result = assessWorkbook(specsToGrid(goldenSheets()), golden.options);
    expect(result.ranking).not.toBeNull();
    expect(units).toHaveBeenCalledTimes(result.ledger.units.length);
    expect(deps).toHaveBeenCalledTimes(result.ledger.departments.length);
    // The ranking's units are the reader's scores, ranked.
    for (const u of result.ranking!.units) {
      const read = result.ledger.units.find((l) => l.input.unit === u.unit)!.score!;
      expect([u.total, u.party, u.fp, u.vetoed]).toEqual([read.total, read.party, read.fp, read.vetoed]);
    }
    units.mockRestore();
    deps.mockRestore();
  });
});
