import { adjustmentPoints, DEFAULT_SCHEME, scoreAdjustments } from '../../src/engine';

const pts = (code: string, count: unknown, extra?: unknown) => adjustmentPoints(DEFAULT_SCHEME, code, count, extra);

describe('bonuses 加分', () => {
  it('B1 innovation: +20 each', () => {
    expect(pts('B1', 1)).toBe(20);
    expect(pts('B1', 2)).toBe(40);
    expect(pts('b1', 0)).toBe(0);
  });

  it('B2 experience or award: +5 city, +7 province, +10 national, per event', () => {
    expect(pts('B2', '市级')).toBe(5);
    expect(pts('B2', 'province')).toBe(7);
    expect(pts('B2', '国家级')).toBe(10);
    expect(pts('B2', 3)).toBe(10);
    expect(pts('B2', '省', 2)).toBe(14);
    expect(pts('B2C', 3)).toBe(15);
    expect(() => pts('B2', '县级')).toThrow(expect.objectContaining({ code: 'adjustment.level' }));
  });
});

describe('deductions 扣分', () => {
  it('X1 major problem: 20 each; X2 enforcement incident: 15 each', () => {
    expect(pts('X1', 2)).toBe(40);
    expect(pts('X2', 1)).toBe(15);
  });

  it('X3 petition bypassing levels: 10–30 each by severity', () => {
    expect(pts('X3', 1, 10)).toBe(10);
    expect(pts('X3', 2, 30)).toBe(60);
    expect(pts('X3', 0, null)).toBe(0);
    expect(() => pts('X3', 1, 9)).toThrow(expect.objectContaining({ code: 'adjustment.range' }));
    expect(() => pts('X3', 1, 31)).toThrow(expect.objectContaining({ code: 'adjustment.range' }));
    expect(() => pts('X3', 1, null)).toThrow(expect.objectContaining({ code: 'adjustment.range' }));
  });

  it('X4 falsified data: 5 per case; X6 centre delisted: 5 each', () => {
    expect(pts('X4', 3)).toBe(15);
    expect(pts('X6', 1)).toBe(5);
  });

  it('X5 reported out-of-policy birth: 5 per case, doubled to 10 when not reported truthfully', () => {
    expect(pts('X5', 3)).toBe(15);
    expect(pts('X5', 3, 1)).toBe(20);
    expect(pts('X5', 2, 2)).toBe(20);
    expect(() => pts('X5', 1, 2)).toThrow(expect.objectContaining({ code: 'adjustment.subset' }));
  });

  it('counts are whole numbers ≥ 0; unknown codes are named', () => {
    expect(() => pts('X1', -1)).toThrow(expect.objectContaining({ code: 'adjustment.count' }));
    expect(() => pts('X1', 1.5)).toThrow(expect.objectContaining({ code: 'adjustment.count' }));
    expect(() => pts('X9', 1)).toThrow(/X9/);
  });
});

describe('scoreAdjustments (ledger inputs)', () => {
  it('adds bonuses and deductions with an explanation per input', () => {
    const r = scoreAdjustments(DEFAULT_SCHEME, { B1: 1, B2C: 1, B2P: 1, B2N: 1, X1: 1, X2: 1, X3: 25, X4: 2, X5: 2, X5D: 1, X6: 1 });
    expect(r.bonus).toBe(20 + 5 + 7 + 10);
    expect(r.deduction).toBe(20 + 15 + 25 + 10 + 15 + 5);
    expect(r.explanation.find((e) => e.inputCode === 'X5D')).toMatchObject({ kind: 'deduction', count: 1, pointsEach: 5, points: 5 });
    expect(r.explanation.find((e) => e.inputCode === 'X3')).toMatchObject({ count: null, points: 25 });
  });

  it('X3 total below 10, X5D above X5, and fractional counts are all reported', () => {
    const r = scoreAdjustments(DEFAULT_SCHEME, { X3: 5, X5: 1, X5D: 2, X1: 0.5 });
    expect(r.problems.map((p) => [p.code, p.field])).toEqual([
      ['adjustment.count', 'X1'],
      ['adjustment.range', 'X3'],
      ['adjustment.subset', 'X5D'],
    ]);
    expect(r.bonus).toBeNull();
  });

  it('nothing entered: zero, no explanation rows', () => {
    expect(scoreAdjustments(DEFAULT_SCHEME, {})).toEqual({ bonus: 0, deduction: 0, explanation: [], problems: [] });
  });
});
