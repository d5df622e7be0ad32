import { checkVeto, compareVeto, KaoheError, onUnitScale, parseDirection, parseRate, parseScore, scalesDiffer } from '../../src/engine';

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
    expect(compareVeto('90.77%', 95)).toEqual({ triggered: true, actual: 90.77, target: 95, direction: '>=', scale: '%' });
    expect(compareVeto(96, '95%')).toMatchObject({ triggered: false, actual: 96, target: 95 });
    expect(compareVeto('6.07‰', 6.3, '<=')).toMatchObject({ triggered: false, actual: 6.07, target: 6.3 });
    expect(compareVeto('96%', 0.95)).toMatchObject({ triggered: false, actual: 0.96, target: 0.95 });
  });

  it('two figures typed with one sign compare as typed: 92.4% against 95% is 92.4 against 95, not 0.924 against 0.95', () => {
    expect(compareVeto('92.4%', '95%')).toEqual({ triggered: true, actual: 92.4, target: 95, direction: '>=', scale: '%' });
    expect(compareVeto('6.31‰', '6.30‰', '<=')).toMatchObject({ triggered: true, actual: 6.31, target: 6.3, scale: '‰' });
    expect(compareVeto('95%', '950‰')).toMatchObject({ triggered: false, actual: 0.95, target: 0.95, scale: 'fraction' });
  });

  it('a >= rate of 1.4 among fractions (target 0.98) is refused at the figure, and a 1.4 target against a fraction at the target', () => {
    expect(() => compareVeto(1.4, 0.98)).toThrow(expect.objectContaining({ code: 'veto.above-one', field: 'actual' }));
    expect(() => compareVeto(0.97, 1.4)).toThrow(expect.objectContaining({ code: 'veto.above-one', field: 'target' }));
    try {
      compareVeto(1.4, 0.98);
    } catch (e) {
      expect((e as KaoheError).zh).toContain('140%');
      expect((e as KaoheError).en).toContain('140%');
    }
    // 1 is 100 % and 0 is on every scale; small rates that must not exceed a target, and ‰ figures, are ordinary.
    expect(compareVeto(1, 0.98).triggered).toBe(false);
    expect(compareVeto(0, 0.98).triggered).toBe(true);
    expect(compareVeto(1.2, 0.8, '<=').triggered).toBe(true);
    expect(compareVeto(1.2, 0.8, '>=', '‰').triggered).toBe(false);
  });

  it('onUnitScale shows figures on the scale they mean: fractions as percentages, never 0.9 %', () => {
    expect(onUnitScale(compareVeto(0.9, 0.95), '%')).toEqual({ actual: 90, target: 95 });
    expect(onUnitScale(compareVeto(0.924, 0.95), '%')).toEqual({ actual: 92.4, target: 95 });
    expect(onUnitScale(compareVeto('96%', 0.95), '%')).toEqual({ actual: 96, target: 95 });
    expect(onUnitScale(compareVeto('92.4%', '95%'), '%')).toEqual({ actual: 92.4, target: 95 });
    expect(onUnitScale(compareVeto(92.4, 95), '%')).toEqual({ actual: 92.4, target: 95 });
    expect(onUnitScale(compareVeto('6.07‰', 6.3, '<='), '‰')).toEqual({ actual: 6.07, target: 6.3 });
    expect(onUnitScale(compareVeto('0.607%', '0.63%', '<='), '‰')).toEqual({ actual: 6.07, target: 6.3 });
    // Small rates that must not exceed their target stay as typed (0.5 % against 0.8 %).
    expect(onUnitScale(compareVeto(0.5, 0.8, '<='), '%')).toEqual({ actual: 0.5, target: 0.8 });
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
