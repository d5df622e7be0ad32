import { checkVeto, compareVeto, KaoheError, parseDirection, parseRate, parseScore, scalesDiffer } from '../../src/engine';

describe('parseRate', () => {
  it.each([
    [95, 95],
    ['95', 95],
    ['90.77%', 0.9077],
    ['6.07‰', 0.00607],
    ['９５．５％', 0.955],
    [' 1,234.5 ', 1234.5],
    [-0, 0],
  ])('%p → %p', (input, expected) => {
    expect(parseRate(input)).toBeCloseTo(expected, 10);
  });

  it.each([null, undefined, '', '   '])('blank %p → null', (v) => expect(parseRate(v)).toBeNull());

  it.each(['abc', '12abc', true, NaN, Infinity, {}, '1e999'])('rejects %p with value.not-number', (v) => {
    expect(() => parseRate(v, 'P1')).toThrow(KaoheError);
    try {
      parseRate(v, 'P1');
    } catch (e) {
      expect((e as KaoheError).code).toBe('value.not-number');
      expect((e as KaoheError).zh).toContain('P1');
    }
  });

  it('parseScore refuses rates: points are not percentages', () => {
    expect(() => parseScore('95%')).toThrow(/not a number/);
    expect(parseScore('18.5')).toBe(18.5);
  });
});

describe('checkVeto (一票否决)', () => {
  it('>=: triggered when the rate is below the target; equal is met', () => {
    expect(checkVeto(94.99, 95)).toBe(true);
    expect(checkVeto(95, 95)).toBe(false);
    expect(checkVeto(99.71, 95)).toBe(false);
  });

  it('<=: triggered when the figure is above the target (birth rate ‰); equal is met', () => {
    expect(checkVeto(11.01, 11, '<=')).toBe(true);
    expect(checkVeto(11, 11, '<=')).toBe(false);
    expect(checkVeto('6.07‰', '6.30‰', '<=')).toBe(false);
  });

  it('takes text with % and ‰ and fractions on both sides', () => {
    expect(checkVeto('90.77%', '95%')).toBe(true);
    expect(checkVeto(0.9077, 0.95)).toBe(true);
    expect(checkVeto('96%', 0.95)).toBe(false);
  });

  it('refuses rate and target on different scales, never a silent answer', () => {
    expect(() => checkVeto(0.9077, 95)).toThrow(expect.objectContaining({ code: 'veto.scale-mismatch' }));
    expect(() => checkVeto(96, 0.95)).toThrow(expect.objectContaining({ code: 'veto.scale-mismatch' }));
    expect(() => checkVeto(0.9077, '95')).toThrow(expect.objectContaining({ code: 'veto.scale-mismatch' }));
  });

  it('a % or ‰ sign tells the scale of its text, so 90.77% against a plain 95 compares 90.77 with 95', () => {
    expect(compareVeto('90.77%', 95)).toEqual({ triggered: true, actual: 90.77, target: 95, direction: '>=' });
    expect(compareVeto(96, '95%')).toMatchObject({ triggered: false, actual: 96, target: 95 });
    expect(compareVeto('6.07‰', 6.3, '<=')).toMatchObject({ triggered: false, actual: 6.07, target: 6.3 });
    expect(compareVeto('96%', 0.95)).toMatchObject({ triggered: false, actual: 0.96, target: 0.95 });
  });

  it('a zero figure is on every scale', () => {
    expect(scalesDiffer(0, 95)).toBe(false);
    expect(checkVeto(0, 95)).toBe(true);
  });

  it('blank figure or target: no data is neither pass nor fail', () => {
    expect(() => checkVeto(null, 95)).toThrow(expect.objectContaining({ code: 'veto.blank' }));
    expect(() => checkVeto(96, '')).toThrow(expect.objectContaining({ code: 'veto.blank' }));
  });

  it('directions: >= (default), <=, ≥, ≤; anything else is refused', () => {
    expect(parseDirection(null)).toBe('>=');
    expect(parseDirection('≤')).toBe('<=');
    expect(parseDirection('＞＝')).toBe('>=');
    expect(() => parseDirection('==')).toThrow(expect.objectContaining({ code: 'veto.direction' }));
  });
});
