import fc from 'fast-check';
import { KaoheError } from '../errors';
import { rateScore } from './rateScore';

function codeOf(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    return e instanceof KaoheError ? e.code : `not a KaoheError: ${String(e)}`;
  }
  return 'no error';
}

describe('rateScore', () => {
  it('gives full points at the target and above', () => {
    expect(rateScore(96, 96, 50)).toBe(50);
    expect(rateScore(99.9, 96, 50)).toBe(50);
    expect(rateScore('96%', '96%', 50, 2)).toBe(50);
  });

  it('is proportional when short and no rate of loss is given', () => {
    expect(rateScore(48, 96, 50)).toBe(25);
    expect(rateScore('48%', 0.96, 50)).toBe(25);
    expect(rateScore(0, 96, 50)).toBe(0);
  });

  it('loses points per percentage point short, on either scale', () => {
    expect(rateScore(90, 96, 50, 2)).toBe(38);
    expect(rateScore(0.9, 0.96, 50, 2)).toBe(38);
    expect(rateScore('90%', '96%', 50, 2)).toBe(38);
    expect(rateScore(93.5, 95, 20, 1)).toBe(18.5);
  });

  it('never goes below 0', () => {
    expect(rateScore(50, 96, 50, 5)).toBe(0);
  });

  it('a zero loss rate keeps full points', () => {
    expect(rateScore(80, 96, 50, 0)).toBe(50);
  });

  it('blank rate or target is no data (rate.blank)', () => {
    expect(codeOf(() => rateScore(null, 96, 50))).toBe('rate.blank');
    expect(codeOf(() => rateScore(96, '', 50))).toBe('rate.blank');
  });

  it('refuses mixed scales instead of answering wrongly', () => {
    expect(codeOf(() => rateScore(0.9077, 95, 20))).toBe('rate.scale-mismatch');
  });

  it.each([
    [[90, 96, 0], 'rate.points'],
    [[90, 96, null], 'rate.points'],
    [[90, 0, 50], 'rate.target'],
    [[-1, 96, 50], 'rate.negative'],
    [[90, 96, 50, -1], 'rate.per-percent'],
    [['abc', 96, 50], 'value.not-number'],
    [[90, 96, '50%'], 'value.not-number'],
  ] as const)('rejects %p with %s', (args, code) => {
    const [a, b, c, d] = args as readonly unknown[];
    expect(codeOf(() => rateScore(a, b, c, d))).toBe(code);
  });

  it('property: 0 ≤ score ≤ points, full at or above target, monotone in the rate', () => {
    fc.assert(
      fc.property(
        // Percent scale: 0 or above 1 (a rate ≤ 1 against a target above 1 is a scale mismatch).
        fc.oneof(fc.constant(0), fc.double({ min: 1.01, max: 100, noNaN: true })),
        fc.oneof(fc.constant(0), fc.double({ min: 1.01, max: 100, noNaN: true })),
        fc.double({ min: 1.01, max: 100, noNaN: true }),
        fc.integer({ min: 1, max: 200 }),
        fc.option(fc.double({ min: 0, max: 10, noNaN: true }), { nil: null }),
        (a, b, target, points, per) => {
          const lo = rateScore(Math.min(a, b), target, points, per);
          const hi = rateScore(Math.max(a, b), target, points, per);
          expect(lo).toBeGreaterThanOrEqual(0);
          expect(hi).toBeLessThanOrEqual(points);
          expect(hi).toBeGreaterThanOrEqual(lo);
          expect(rateScore(target, target, points, per)).toBe(points);
        },
      ),
    );
  });
});
