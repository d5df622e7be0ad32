import { DEFAULT_SCHEME, rankAll } from '../../src/engine';
import { compareResults, fromRanking, type TownResult } from '../../src/bench/agree';
import { initialScripts } from '../../src/bench/bundles';
import { generateTowns, toUnitInputs } from '../../src/bench/data';
import { buildFormulaSheet, runFormulas } from '../../src/bench/formulas';
import { syncBudget } from '../../src/bench/roundTrips';

const town = (over: Partial<TownResult> = {}): TownResult => ({ unit: '镇1', party: 300, fp: 500.5, total: 820.5, vetoed: false, rank: 1, ...over });

describe('compareResults', () => {
  it('finds nothing when both sides hold the same cells', () => {
    expect(compareResults([town(), town({ unit: '镇2', rank: 2 })], [town({ unit: '镇2', rank: 2 }), town()])).toEqual([]);
  });

  it.each([
    ['party', { party: 299.5 }],
    ['fp', { fp: null }],
    ['total', { total: 820 }],
    ['vetoed', { vetoed: true }],
    ['rank', { rank: 2 }],
  ] as const)('detects a changed %s', (field, change) => {
    const d = compareResults([town()], [town(change)]);
    expect(d).toHaveLength(1);
    expect(d[0]).toMatchObject({ unit: '镇1', field });
  });

  it('detects a town missing on either side', () => {
    expect(compareResults([town()], [])).toEqual([expect.objectContaining({ unit: '镇1', field: 'missing' })]);
    expect(compareResults([], [town()])).toEqual([expect.objectContaining({ unit: '镇1', field: 'missing' })]);
  });

  it('tells an empty rank (null) from rank 0 and a number from its text', () => {
    expect(compareResults([town({ rank: null })], [town({ rank: 0 })])).toHaveLength(1);
    expect(compareResults([town()], [town({ total: '820.5' as unknown as number })])).toHaveLength(1);
  });
});

describe('generated towns', () => {
  it('are the same for the same seed and differ for another', () => {
    expect(generateTowns(DEFAULT_SCHEME, 20, 7).rows).toEqual(generateTowns(DEFAULT_SCHEME, 20, 7).rows);
    expect(generateTowns(DEFAULT_SCHEME, 20, 8).rows).not.toEqual(generateTowns(DEFAULT_SCHEME, 20, 7).rows);
  });

  it('score cleanly in the engine, with vetoed towns and tied totals among them', () => {
    const ranking = rankAll(DEFAULT_SCHEME, toUnitInputs(generateTowns(DEFAULT_SCHEME, 2000)), []);
    expect(ranking.units.every((u) => u.problems.length === 0)).toBe(true);
    expect(ranking.units.filter((u) => u.vetoed).length).toBeGreaterThan(20);
    const totals = ranking.units.map((u) => u.total).filter((t) => t !== null);
    expect(new Set(totals).size).toBeLessThan(totals.length);
  });
});

describe('formula workbook against the engine', () => {
  const grid = generateTowns(DEFAULT_SCHEME, 300, 11);
  const engine = fromRanking(rankAll(DEFAULT_SCHEME, toUnitInputs(grid), []));

  it('writes the clerk’s formulas', () => {
    const sheet = buildFormulaSheet(DEFAULT_SCHEME, grid, 'countif');
    const row = sheet[1]!;
    expect(row).toContain('=SUM(C2:M2)');
    expect(row).toContain('=OR(AM2<AN2,AO2<AP2)');
    expect(row.some((c) => typeof c === 'string' && c.includes('COUNTIF($') && c.includes('">"&'))).toBe(true);
  });

  it.each(['sorted', 'countif'] as const)('agrees cell by cell (%s rank), and an altered cell is caught', (rank) => {
    const { results } = runFormulas(DEFAULT_SCHEME, grid, rank);
    expect(results).toHaveLength(300);
    expect(compareResults(engine, results)).toEqual([]);
    const ranked = results.findIndex((r) => r.rank !== null);
    const altered = results.map((r, i) => (i === ranked ? { ...r, rank: (r.rank ?? 0) + 1 } : r));
    expect(compareResults(engine, altered)).toEqual([expect.objectContaining({ field: 'rank', unit: results[ranked]!.unit })]);
  });

  it('catches an engine that got a veto wrong', () => {
    const { results } = runFormulas(DEFAULT_SCHEME, grid, 'sorted');
    const i = engine.findIndex((r) => r.vetoed);
    const wrong = engine.map((r, k) => (k === i ? { ...r, vetoed: false } : r));
    expect(compareResults(wrong, results).map((d) => d.field)).toContain('vetoed');
  });
});

describe('targets and bundles', () => {
  it('allows 4 syncs up to 1,000 towns, then one more per 4 MB', () => {
    expect(syncBudget(1000, 50_000_000)).toBe(4);
    expect(syncBudget(10000, 3_999_999)).toBe(5);
    expect(syncBudget(50000, 12_000_001)).toBe(8);
  });

  it('counts the scripts the task pane page loads, not CDN scripts', () => {
    const html = '<script src="https://appsforoffice.microsoft.com/lib/1/hosted/office.js"></script><script defer src="vendor.js"></script><script defer="defer" src="./taskpane.js?v=1"></script>';
    expect(initialScripts(html)).toEqual(['vendor.js', 'taskpane.js']);
  });
});
