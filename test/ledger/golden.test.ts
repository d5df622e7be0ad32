import { assessWorkbook } from '../../src/engine/assess';
import { golden, goldenSheets, specsToGrid } from './golden';

describe('golden table through the ledger reader and assessWorkbook', () => {
  const result = assessWorkbook(specsToGrid(goldenSheets()), golden.options);

  it('reads without errors and ranks', () => {
    expect(result.findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(result.ranking).not.toBeNull();
  });

  it('puts the towns in the expected final order (ties in input order, vetoed last)', () => {
    expect(result.ranking!.units.map((u) => u.unit)).toEqual(golden.order);
  });

  it.each(golden.towns.map((t) => [t.unit, t] as const))(
    '%s scores as computed by hand',
    (_name, t) => {
      const u = result.ranking!.units.find((x) => x.unit === t.unit)!;
      const e = t.expected;
      expect({
        party: u.party,
        fp: u.fp,
        bonus: u.bonus,
        deduction: u.deduction,
        total: u.total,
        vetoed: u.vetoed,
      }).toEqual({
        party: e.party,
        fp: e.fp,
        bonus: e.bonus,
        deduction: e.deduction,
        total: e.total,
        vetoed: e.vetoed,
      });
      expect(u.rank).toEqual(e.rank);
      expect([...u.flags]).toEqual(e.flags);
      expect(u.unitClass).toBe(t.class);
      for (const part of e.vetoReasonIncludes ?? [])
        expect(u.vetoReasons.join(' ')).toContain(part);
    },
  );

  it('ranks the departments (a tie shares rank 1, the next is 3)', () => {
    for (const d of golden.departments) {
      const got = result.ranking!.departments.find((x) => x.unit === d.unit)!;
      expect({ score: got.score, rank: got.rank }).toEqual(d.expected);
    }
  });
});
