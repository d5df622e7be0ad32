/** The scoring rule catalogue (score/rules): each rule kind by hand-worked cases and properties. */
import fc from 'fast-check';
import { RULES, ruleKindOf, targetFor, isKaoheError } from '../../src/engine';
import type { SchemeItem } from '../../src/engine';

const item = (over: Partial<SchemeItem> = {}): SchemeItem => ({ code: 'A1', labelZh: '政策兑现率', labelEn: 'Policy', points: 20, ...over });
const ctx = (points: number, target: unknown = null, it: SchemeItem = item({ points })) => ({ item: it, points, target });

describe('rule catalogue', () => {
  it('has one module per rule kind, each naming its own kind', () => {
    for (const [kind, m] of Object.entries(RULES)) expect(m.kind).toBe(kind);
  });
  it('reads the 方案 words and English for each kind, and nothing else', () => {
    expect(ruleKindOf('达标扣分')).toBe('target');
    expect(ruleKindOf('按比例')).toBe('proportion');
    expect(ruleKindOf('按次扣分')).toBe('cases');
    expect(ruleKindOf('录入')).toBe('entered');
    expect(ruleKindOf('Proportion')).toBe('proportion');
    expect(ruleKindOf('随便')).toBeUndefined();
  });
});

describe('entered', () => {
  const r = RULES.entered;
  it('takes a score between 0 and the points', () => {
    expect(r.score({ kind: 'entered' }, 18.5, ctx(20)).score).toBe(18.5);
    expect(r.score({ kind: 'entered' }, '18.5', ctx(20)).score).toBe(18.5);
  });
  it('refuses a score above the points or below 0, naming the item', () => {
    expect(() => r.score({ kind: 'entered' }, 21, ctx(20))).toThrow(/A1.*超过满分 20/);
    expect(() => r.score({ kind: 'entered' }, -1, ctx(20))).toThrow(/负数/);
  });
  it('lets an item that 可负分 go down to −points, not further', () => {
    const it = item({ points: 10, allowNegative: true });
    expect(r.score({ kind: 'entered' }, -5, ctx(10, null, it)).score).toBe(-5);
    expect(() => r.score({ kind: 'entered' }, -11, ctx(10, null, it))).toThrow(/−10/);
  });
  it('checks against the points it is given (the class\'s), not the item\'s default', () => {
    expect(() => r.score({ kind: 'entered' }, 12, ctx(10, null, item({ points: 15 })))).toThrow(/超过满分 10/);
  });
});

describe('target (达标扣分)', () => {
  const rule = { kind: 'target', direction: '>=', target: { value: 95 }, perPoint: 2 } as const;
  const score = (v: unknown, t: unknown = 95, r = rule) => RULES.target.score(r, v, ctx(20, t)).score;
  it('full marks at or beyond the target', () => {
    expect(score(95)).toBe(20);
    expect(score(99.1)).toBe(20);
  });
  it('k points off per point short: 92 % against 95 % at 2 a point = 14', () => {
    expect(score(92)).toBe(14);
    expect(score('92%')).toBe(14);
    expect(score(0.92, 0.95)).toBe(14);
    expect(score(92.5)).toBe(15);
  });
  it('floors at 0', () => expect(score(50)).toBe(0));
  it('<=: over the ceiling loses points (birth rate 11.6 ‰ against 11.1 ‰, 10 a point ‰ → 15)', () => {
    const r = { kind: 'target', direction: '<=', target: { value: 11.1 }, perPoint: 10, unit: '‰' } as const;
    expect(RULES.target.score(r, 11.6, ctx(20, 11.1)).score).toBe(15);
    expect(RULES.target.score(r, 10, ctx(20, 11.1)).score).toBe(20);
  });
  it('says how the score came about', () => {
    const res = RULES.target.score(rule, 92, ctx(20, 95));
    expect(res.noteZh).toContain('20 − 6');
    expect(res.noteEn).toContain('3 points below');
  });
  it('a blank target is an error about the target', () => {
    try {
      RULES.target.score(rule, 92, ctx(20, null));
      throw new Error('no error');
    } catch (e) {
      expect(isKaoheError(e)).toBe(true);
    }
  });
  // Figures from 5 % up: 0.1 % beside a 95 % target reads as a fraction against a percentage (a scale error, as for vetoes).
  it('property: the score never exceeds the points, never goes below 0, and never rises as the figure falls', () => {
    fc.assert(
      fc.property(fc.integer({ min: 50, max: 1000 }), fc.integer({ min: 50, max: 1000 }), fc.integer({ min: 1, max: 10 }), (a, b, k) => {
        const r = { ...rule, perPoint: k };
        const lo = Math.min(a, b) / 10;
        const hi = Math.max(a, b) / 10;
        const sLo = RULES.target.score(r, lo, ctx(20, 95)).score;
        const sHi = RULES.target.score(r, hi, ctx(20, 95)).score;
        return sLo >= 0 && sHi <= 20 && sLo <= sHi;
      }),
      { seed: 20261202, numRuns: 300 },
    );
  });
});

describe('proportion (按比例)', () => {
  const rule = { kind: 'proportion', direction: '>=', target: { value: 95 } } as const;
  it('points × figure ÷ target, at most full marks: 76 of 95 → 16', () => {
    expect(RULES.proportion.score(rule, 76, ctx(20, 95)).score).toBe(16);
    expect(RULES.proportion.score(rule, 99, ctx(20, 95)).score).toBe(20);
  });
  it('<=: points × target ÷ figure (12 ‰ against 6 ‰ → half)', () => {
    const r = { kind: 'proportion', direction: '<=', target: { value: 6 }, unit: '‰' } as const;
    expect(RULES.proportion.score(r, 12, ctx(20, 6)).score).toBe(10);
    expect(RULES.proportion.score(r, 0, ctx(20, 6)).score).toBe(20);
  });
});

describe('cases (按次扣分)', () => {
  const rule = { kind: 'cases', each: 3 } as const;
  it('full marks minus each case, floor 0', () => {
    expect(RULES.cases.score(rule, 0, ctx(10)).score).toBe(10);
    expect(RULES.cases.score(rule, 2, ctx(10)).score).toBe(4);
    expect(RULES.cases.score(rule, 4, ctx(10)).score).toBe(0);
  });
  it('goes negative when the item 可负分', () => {
    expect(RULES.cases.score(rule, 4, ctx(10, null, item({ points: 10, allowNegative: true }))).score).toBe(-2);
  });
  it('a count must be a whole number ≥ 0', () => {
    expect(() => RULES.cases.score(rule, 1.5, ctx(10))).toThrow(/整数/);
    expect(() => RULES.cases.score(rule, -1, ctx(10))).toThrow(/整数/);
  });
});

describe('targetFor', () => {
  const spec = { value: 95, byClass: { '2': 94 }, byUnit: { 高明区: 93 } };
  it('the ledger cell first, then the unit, the class, everyone', () => {
    expect(targetFor(spec, 90, '高明区', 2)).toBe(90);
    expect(targetFor(spec, null, '高明区', 2)).toBe(93);
    expect(targetFor(spec, '', '南海区', 2)).toBe(94);
    expect(targetFor(spec, undefined, '南海区', 1)).toBe(95);
    expect(targetFor({ value: null }, null, '南海区', 1)).toBeNull();
  });
});
