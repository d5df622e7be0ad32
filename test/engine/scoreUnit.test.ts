import { DEFAULT_SCHEME, rankAll, scoreDepartment, scoreUnit, totalScore } from '../../src/engine';
import { town } from './helpers';

describe('scoreUnit', () => {
  it('total = party + family-planning + bonus − deduction', () => {
    const s = scoreUnit(DEFAULT_SCHEME, town('南庄镇', { adjustments: { B1: 1, X4: 1 } }));
    expect([s.party, s.fp, s.bonus, s.deduction, s.total, s.vetoed]).toEqual([370, 630, 20, 5, 1015, false]);
  });

  it('a missed birth-policy compliance target takes the town out of scoring, with the figures', () => {
    const s = scoreUnit(DEFAULT_SCHEME, town('大沥镇', { vetoInputs: { V1: { actual: 94.2, target: 95 }, V2: { actual: 99, target: 95 } } }));
    expect(s.vetoed).toBe(true);
    expect([s.party, s.fp, s.bonus, s.deduction, s.total]).toEqual([null, null, null, null, null]);
    expect(s.vetoReasons).toEqual(['一票否决：出生政策符合率 94.2% 未达到目标 95%（P1、F4.1）']);
    expect(s.vetoReasonsEn[0]).toContain('94.2% below target 95%');
    expect(s.explanation.filter((e) => e.kind === 'veto')).toEqual([
      expect.objectContaining({ code: 'V1', actual: 94.2, target: 95, direction: '>=', triggered: true }),
      expect.objectContaining({ code: 'V2', triggered: false }),
    ]);
  });

  it('a missed statistics qualification rate is a veto too; both reasons are recorded', () => {
    const s = scoreUnit(DEFAULT_SCHEME, town('里水镇', { vetoInputs: { V1: { actual: 90, target: 95 }, V2: { actual: 80, target: 90 } } }));
    expect(s.vetoReasons).toHaveLength(2);
    expect(s.vetoReasons[1]).toContain('统计合格率 80%');
  });

  it('uses the default target (95) when the ledger gives none; V2 has none and needs one', () => {
    expect(scoreUnit(DEFAULT_SCHEME, town('a', { vetoInputs: { V1: { actual: 95, target: null }, V2: { actual: 99, target: 98 } } })).vetoed).toBe(false);
    const s = scoreUnit(DEFAULT_SCHEME, town('b', { vetoInputs: { V1: { actual: 96, target: null }, V2: { actual: 99, target: null } } }));
    expect(s.problems).toEqual([expect.objectContaining({ code: 'veto.blank', field: 'V2' })]);
    expect(s.total).toBeNull();
  });

  it('a veto with scale-mismatched figures is an error, not a pass', () => {
    const s = scoreUnit(DEFAULT_SCHEME, town('c', { vetoInputs: { V1: { actual: 0.97, target: 95 }, V2: { actual: 99, target: 95 } } }));
    expect(s.problems.map((p) => p.code)).toEqual(['veto.scale-mismatch']);
    expect(s.vetoed).toBe(false);
    expect(s.total).toBeNull();
  });

  it('a score above its points is never clipped: the total is withheld and the item named', () => {
    const t = town('d');
    const s = scoreUnit(DEFAULT_SCHEME, { ...t, scores: { ...t.scores, 'F3.3': 101 } });
    expect(s.total).toBeNull();
    expect(s.problems[0]).toMatchObject({ code: 'score.above-points', field: 'F3.3' });
  });

  it('explains every item, bonus, deduction and veto', () => {
    const s = scoreUnit(DEFAULT_SCHEME, town('e', { adjustments: { B2N: 1, X5: 1, X5D: 1 } }));
    const kinds = s.explanation.reduce<Record<string, number>>((m, e) => ({ ...m, [e.kind]: (m[e.kind] ?? 0) + 1 }), {});
    expect(kinds).toEqual({ item: 13 + 31, bonus: 1, deduction: 2, veto: 2 });
  });
});

describe('scoreDepartment and totalScore', () => {
  it('departments score on their own 100 points', () => {
    expect(scoreDepartment(DEFAULT_SCHEME, { unit: '卫生局', scores: { D1: 28, D2: 20, D3: 18, D4: 27.5 } }).score).toBe(93.5);
    expect(scoreDepartment(DEFAULT_SCHEME, { unit: '公安局', scores: { D1: 31 } }).problems[0]?.field).toBe('D1');
  });

  it('SCORE.TOTAL semantics: deduction subtracts whatever its sign; vetoed gives no total', () => {
    expect(totalScore(300, 600, 10, 5)).toBe(905);
    expect(totalScore(300, 600, 10, -5)).toBe(905);
    expect(totalScore(300, 600, 0, 0, true)).toBeNull();
  });
});

describe('lazy explanations', () => {
  it('are computed on first read, survive ranking, and stay out of spreads and JSON', () => {
    const s = scoreUnit(DEFAULT_SCHEME, town('f', { adjustments: { B1: 1 } }));
    expect(Object.keys(s)).not.toContain('explanation');
    expect(JSON.stringify(s)).not.toContain('explanation');
    expect(s.explanation).toBe(s.explanation);
    expect(s.explanation.filter((e) => e.kind === 'item')).toHaveLength(44);
    const ranked = rankAll(DEFAULT_SCHEME, [town('g'), town('h')], []);
    expect(ranked.units[0]?.explanation.find((e) => e.code === 'P6')).toMatchObject({ score: 100, isLeaf: false });
  });
});
