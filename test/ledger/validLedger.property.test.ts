/**
 * Issue 10, item 1: a valid ledger is never refused. Thousands of generated ledgers (1–2,000
 * towns; scores of exactly 0, 1 and full marks among others; veto figures on one scale, typed as
 * numbers, fractions, text with a sign or %-formatted cells) must each read and check with 0
 * errors and rank every town. Bounded count in the normal suite; set KAOHE_PROPERTY_RUNS for more.
 */
import fc from 'fast-check';
import { assessWorkbook } from '../../src/engine/assess';
import { DEFAULT_SCHEME } from '../../src/engine/scheme/defaultScheme';
import { validLedger, validLedgerSpec, FIGURE_STYLES } from './validLedgers';

const RUNS = Number(process.env.KAOHE_PROPERTY_RUNS ?? 400);

const errorsOf = (a: ReturnType<typeof assessWorkbook>) =>
  a.findings
    .filter((f) => f.severity === 'error')
    .map((f) => `${f.sheet}!${f.cell} ${f.rule}: ${f.zh}`);

describe('a valid ledger is never refused (property)', () => {
  it(`${RUNS} generated ledgers of 1–2,000 towns: 0 errors, every town ranked or vetoed`, () => {
    fc.assert(
      fc.property(validLedgerSpec(2000), (spec) => {
        const a = assessWorkbook(validLedger(DEFAULT_SCHEME, spec));
        expect(errorsOf(a)).toEqual([]);
        expect(a.ranking).not.toBeNull();
        expect(a.ranking?.units).toHaveLength(spec.towns);
        for (const u of a.ranking?.units ?? [])
          expect(u.vetoed || u.rank.total !== null).toBe(true);
        expect(a.ranking?.departments).toHaveLength(spec.departments);
      }),
      { seed: 20261202, numRuns: RUNS },
    );
  });

  it.each(FIGURE_STYLES)('2,000 towns with figures held as %s: 0 errors', (style) => {
    const a = assessWorkbook(
      validLedger(DEFAULT_SCHEME, { towns: 2000, departments: 5, style, seed: 7 }),
    );
    expect(errorsOf(a)).toEqual([]);
    expect(a.ranking?.units).toHaveLength(2000);
  });

  it('the generator is not vacuous: it gives 0, 1 and full marks, vetoed and ranked towns', () => {
    const wb = validLedger(DEFAULT_SCHEME, {
      towns: 300,
      departments: 0,
      style: 'percent',
      seed: 3,
    });
    const rows = wb.sheets[0]!.values;
    const p1 = rows[0]!.findIndex((h) => typeof h === 'string' && h.startsWith('P1 '));
    const scores = rows.slice(1).map((r) => r[p1]);
    expect(scores).toEqual(expect.arrayContaining([0, 1, 100]));
    const a = assessWorkbook(wb);
    expect(a.ranking?.units.some((u) => u.vetoed)).toBe(true);
    expect(a.ranking?.units.some((u) => !u.vetoed)).toBe(true);
  });
});
