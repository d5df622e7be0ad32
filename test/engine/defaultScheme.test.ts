import { DEFAULT_LINE_TOTALS, DEFAULT_SCHEME, indexScheme, validateScheme } from '../../src/engine';

// DOMAIN.md's tables, transcribed independently of defaultScheme.ts: a change to either breaks this.
const LEAVES: Record<string, number> = {
  P1: 100, P2: 20, 'P3.1': 20, 'P3.2': 20, 'P3.3': 20, 'P3.4': 10, P4: 20, P5: 60, 'P6.1': 80, 'P6.2': 10, 'P6.3': 10,
  'F1.1': 40, 'F1.2': 30, 'F1.3': 10, 'F2.1': 15, 'F2.2': 20, 'F2.3': 10, 'F2.4': 20, 'F2.5': 15,
  'F3.1': 20, 'F3.2': 40, 'F3.3': 100, 'F4.1': 20, 'F4.2': 28, 'F4.3': 4, 'F4.4': 4, 'F4.5': 4,
  'F5.1': 45, 'F5.2': 50, 'F5.3': 10, 'F5.4': 35, 'F6.1': 10, 'F6.2': 10, 'F6.3': 50, F7: 20, F8: 20,
  D1: 30, D2: 20, D3: 20, D4: 30,
};
const PARENTS: Record<string, number> = { P3: 70, P6: 100, F1: 80, F2: 80, F3: 160, F4: 60, F5: 140, F6: 70 };

describe('the built-in scheme (DOMAIN.md)', () => {
  const idx = indexScheme(DEFAULT_SCHEME);

  it('is valid, with lines of 370, 630 and 100 points', () => {
    expect(validateScheme(DEFAULT_SCHEME, { expectedLineTotals: DEFAULT_LINE_TOTALS })).toEqual([]);
    expect(DEFAULT_SCHEME.lines.map((l) => [l.code, l.points])).toEqual([['P', 370], ['F', 630], ['D', 100]]);
  });

  it('has every leaf item of DOMAIN.md with its points, and no other', () => {
    const leaves = Object.fromEntries(['P', 'F', 'D'].flatMap((l) => idx.leaves(l as 'P').map((i) => [i.code, i.points])));
    expect(leaves).toEqual(LEAVES);
  });

  it('has every parent equal to DOMAIN.md and to the sum of its children', () => {
    for (const [code, points] of Object.entries(PARENTS)) {
      const entry = idx.items.get(code);
      expect(entry?.item.points).toBe(points);
      expect(entry?.item.children?.reduce((s, c) => s + c.points, 0)).toBe(points);
    }
  });

  it('has 6 top-level and 11 leaf party items, 8 and 25 family-planning items, 4 department items', () => {
    expect([idx.line('P')?.items.length, idx.leaves('P').length]).toEqual([6, 11]);
    expect([idx.line('F')?.items.length, idx.leaves('F').length]).toEqual([8, 25]);
    expect(idx.leaves('D').length).toBe(4);
  });

  it('vetoes: birth-policy compliance (P1, F4.1) and statistics qualification (F4.2), both must reach the target', () => {
    expect(DEFAULT_SCHEME.vetoes.map((v) => [v.code, v.indicators, v.direction])).toEqual([
      ['V1', ['P1', 'F4.1'], '>='],
      ['V2', ['F4.2'], '>='],
    ]);
  });

  it('bonuses B1 +20, B2 +5/+7/+10; deductions X1 20, X2 15, X3 10–30, X4 5, X5 5 doubled, X6 5', () => {
    const inputs = Object.fromEntries(DEFAULT_SCHEME.adjustments.flatMap((r) => r.inputs.map((i) => [i.code, [r.kind, i.mode, i.pointsEach ?? null, i.minEach ?? null, i.maxEach ?? null]])));
    expect(inputs).toEqual({
      B1: ['bonus', 'count', 20, null, null],
      B2C: ['bonus', 'count', 5, null, null],
      B2P: ['bonus', 'count', 7, null, null],
      B2N: ['bonus', 'count', 10, null, null],
      X1: ['deduction', 'count', 20, null, null],
      X2: ['deduction', 'count', 15, null, null],
      X3: ['deduction', 'points', null, 10, 30],
      X4: ['deduction', 'count', 5, null, null],
      X5: ['deduction', 'count', 5, null, null],
      X5D: ['deduction', 'count', 5, null, null],
      X6: ['deduction', 'count', 5, null, null],
    });
  });

  it('cannot be changed by a caller', () => {
    expect(() => {
      (DEFAULT_SCHEME.lines[0] as { points: number }).points = 1;
    }).toThrow(TypeError);
  });
});
