import fc from 'fast-check';
import { DEFAULT_SCHEME, indexScheme, KaoheError, scoreLine, scoreLineValues } from '../../src/engine';
import { quickLineScore } from '../../src/engine/score/scoreLine';

const idx = indexScheme(DEFAULT_SCHEME);
const top = (line: 'P' | 'F' | 'D') => idx.line(line)!.items.map((i) => i.points);
const leaves = (line: 'P' | 'F' | 'D') => idx.leaves(line).map((i) => i.points);

describe('scoreLineValues (SCORE.PARTYLINE / FPLINE / DEPT)', () => {
  it('full marks give the line totals from top-level or leaf items', () => {
    expect(scoreLineValues(DEFAULT_SCHEME, 'P', top('P'))).toBe(370);
    expect(scoreLineValues(DEFAULT_SCHEME, 'P', leaves('P'))).toBe(370);
    expect(scoreLineValues(DEFAULT_SCHEME, 'F', top('F'))).toBe(630);
    expect(scoreLineValues(DEFAULT_SCHEME, 'F', leaves('F'))).toBe(630);
    expect(scoreLineValues(DEFAULT_SCHEME, 'D', [30, 20, 20, 30])).toBe(100);
  });

  it('blank counts as 0 and decimals add without binary noise', () => {
    expect(scoreLineValues(DEFAULT_SCHEME, 'P', [null, '', 0.1, 0.2, undefined, 0])).toBe(0.3);
  });

  it('names the item whose score is above its points, negative or text', () => {
    const over = [...top('P')];
    over[2] = 71;
    expect(() => scoreLineValues(DEFAULT_SCHEME, 'P', over)).toThrow(/P3 综合治理：得分 71 超过满分 70/);
    const neg = leaves('P').map((_, i) => (i === 3 ? -1 : 0));
    expect(() => scoreLineValues(DEFAULT_SCHEME, 'P', neg)).toThrow(expect.objectContaining({ code: 'score.negative', field: 'P3.2' }));
    expect(() => scoreLineValues(DEFAULT_SCHEME, 'D', [1, 'abc', 1, 1])).toThrow(expect.objectContaining({ code: 'value.not-number' }));
  });

  it('says how many values are expected', () => {
    expect(() => scoreLineValues(DEFAULT_SCHEME, 'P', [1, 2, 3])).toThrow(/需要 6 或 11 个得分.*收到 3 个/);
    expect(() => scoreLineValues(DEFAULT_SCHEME, 'F', [1])).toThrow(/needs 8 or 25 scores/);
    expect(() => scoreLineValues(DEFAULT_SCHEME, 'D', [1])).toThrow(KaoheError);
  });

  it('property: the line total is the sum of its item scores', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('P' as const, 'F' as const, 'D' as const),
        fc.boolean(),
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 25, maxLength: 25 }),
        (line, useLeaves, fractions) => {
          const pts = useLeaves ? leaves(line) : top(line);
          const values = pts.map((p, i) => Math.round(p * (fractions[i] ?? 0) * 10) / 10);
          const expected = Math.round(values.reduce((s, v) => s + v, 0) * 1e6) / 1e6;
          expect(scoreLineValues(DEFAULT_SCHEME, line, values)).toBeCloseTo(expected, 6);
        },
      ),
      { seed: 20261129, numRuns: 300 },
    );
  });
});

describe('scoreLine (by code, collecting problems)', () => {
  it('uses children when entered, the parent alone otherwise', () => {
    const r = scoreLine(DEFAULT_SCHEME, 'P', { P1: 100, P3: 60, 'P6.1': 70, 'P6.2': 5 });
    expect(r.score).toBe(235);
    expect(r.explanation.find((e) => e.code === 'P6')?.score).toBe(75);
    expect(r.explanation.find((e) => e.code === 'P3')).toMatchObject({ input: 60, score: 60, isLeaf: false });
  });

  it('a parent entered with its children must equal their sum', () => {
    const r = scoreLine(DEFAULT_SCHEME, 'P', { P6: 90, 'P6.1': 70, 'P6.2': 5 });
    expect(r.score).toBeNull();
    expect(r.problems).toEqual([expect.objectContaining({ code: 'score.parent-sum', field: 'P6' })]);
    expect(scoreLine(DEFAULT_SCHEME, 'P', { P6: 75, 'P6.1': 70, 'P6.2': 5 }).problems).toEqual([]);
  });

  it('names the children in the parent-sum problem, and says nothing of the sum when a child is itself wrong (one cause, one problem)', () => {
    const r = scoreLine(DEFAULT_SCHEME, 'P', { P6: 90, 'P6.1': 70, 'P6.2': 5 });
    expect(r.problems[0]?.zh).toContain('P6.1+P6.2+P6.3');
    expect(r.problems[0]?.en).toContain('P6.1+P6.2+P6.3');
    // P6.2 is above its 10 points; P6 = 70 + 15 adds up: only P6.2 is wrong.
    const child = scoreLine(DEFAULT_SCHEME, 'P', { P6: 85, 'P6.1': 70, 'P6.2': 15 });
    expect(child.problems.map((p) => `${p.code}:${p.field}`)).toEqual(['score.above-points:P6.2']);
    expect(child.score).toBeNull();
    const text = scoreLine(DEFAULT_SCHEME, 'P', { P6: 85, 'P6.1': 'x', 'P6.2': 5 });
    expect(text.problems.map((p) => p.field)).toEqual(['P6.1']);
  });

  it('collects every problem, not only the first', () => {
    const r = scoreLine(DEFAULT_SCHEME, 'F', { 'F1.1': 41, 'F2.1': -2, 'F3.3': 'x' });
    expect(r.problems.map((p) => p.field)).toEqual(['F1.1', 'F2.1', 'F3.3']);
    expect(r.score).toBeNull();
  });

  it('explains every item in scheme order, parents before their children', () => {
    const r = scoreLine(DEFAULT_SCHEME, 'P', {});
    expect(r.explanation.map((e) => e.code)).toEqual(['P1', 'P2', 'P3', 'P3.1', 'P3.2', 'P3.3', 'P3.4', 'P4', 'P5', 'P6', 'P6.1', 'P6.2', 'P6.3']);
  });

  it('does not mutate its input', () => {
    const input = Object.freeze({ P1: 100, 'P3.1': 10 });
    expect(scoreLine(DEFAULT_SCHEME, 'P', input).score).toBe(110);
  });
});

describe('quickLineScore (the fast path of scoreUnit)', () => {
  const codes = (line: 'P' | 'F') => [...idx.items.entries()].filter(([, v]) => v.line === line).map(([c, v]) => [c, v.item.points] as const);

  it('property: gives exactly scoreLine\'s total when the line is valid, and defers when it is not', () => {
    const cell = (points: number) =>
      fc.oneof(
        { weight: 6, arbitrary: fc.integer({ min: 0, max: points * 2 }).map((n) => n / 2) },
        { weight: 2, arbitrary: fc.constant(undefined) },
        { weight: 1, arbitrary: fc.constantFrom(null, '', 'x', '12', -1, points + 0.5, NaN) },
      );
    fc.assert(
      fc.property(fc.constantFrom('P' as const, 'F' as const), fc.array(fc.boolean(), { minLength: 60, maxLength: 60 }), fc.integer(), (line, mask, seed) => {
        const scores: Record<string, unknown> = {};
        codes(line).forEach(([code, points], i) => {
          if (!mask[i]) return;
          const vals = fc.sample(cell(points), { numRuns: 1, seed: seed + i });
          scores[code] = vals[0];
        });
        const slow = scoreLine(DEFAULT_SCHEME, line, scores);
        const quick = quickLineScore(DEFAULT_SCHEME, line, scores);
        if (slow.problems.length > 0) expect(quick).toBeUndefined();
        else if (quick !== undefined) expect(quick).toBe(slow.score);
        // Numeric text such as '12' is valid for scoreLine but takes the slow path: undefined is allowed there.
        else expect(Object.values(scores).some((v) => typeof v === 'string' && v !== '')).toBe(true);
      }),
      { seed: 42, numRuns: 400 },
    );
  });

  it('a parent entered with agreeing children is quick; disagreeing defers to scoreLine', () => {
    expect(quickLineScore(DEFAULT_SCHEME, 'P', { P6: 75, 'P6.1': 70, 'P6.2': 5 })).toBe(75);
    expect(quickLineScore(DEFAULT_SCHEME, 'P', { P6: 90, 'P6.1': 70, 'P6.2': 5 })).toBeUndefined();
    expect(quickLineScore(DEFAULT_SCHEME, 'P', { P3: 60 })).toBe(60);
  });
});
