import fc from 'fast-check';
import { cellAddress, columnIndex, columnLetter, figureValue, isPercentFormat } from '../../src/engine/ledger/cells';

describe('column letters', () => {
  it('maps the edges Excel has', () => {
    expect([0, 25, 26, 701, 702, 16383].map(columnLetter)).toEqual(['A', 'Z', 'AA', 'ZZ', 'AAA', 'XFD']);
    expect(['a', 'Z', 'AA', 'XFD'].map(columnIndex)).toEqual([0, 25, 26, 16383]);
    expect(cellAddress(4, 2)).toBe('C5');
  });

  it('property: columnIndex inverts columnLetter', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 16383 }), (i) => expect(columnIndex(columnLetter(i))).toBe(i)), { seed: 3 });
  });
});

describe('number formats tell a figure its scale', () => {
  it.each([
    ['0%', true],
    ['0.0%', true],
    ['[Red]0.00%', true],
    ['0.00%;[Red]-0.00%', true],
    ['General', false],
    ['0.00', false],
    ['0"%"', false],
    ['0\\%', false],
    ['@', false],
    [null, false],
  ])('isPercentFormat(%p) is %p', (f, expected) => expect(isPercentFormat(f)).toBe(expected));

  it('figureValue: a number in a % cell becomes the text typed (0.982 -> "98.2%"); everything else as it is', () => {
    const grid = { name: 'S', values: [[0.982, 0.95, '96%', null, 0.1 + 0.2]], numberFormats: [['0.0%', null, '0%', '0%', '0%']] };
    expect([0, 1, 2, 3, 4].map((c) => figureValue(grid, 0, c))).toEqual(['98.2%', 0.95, '96%', null, '30%']);
    expect(figureValue({ name: 'S', values: [[0.5]] }, 0, 0)).toBe(0.5);
  });

  it('property: a %-formatted fraction reads back as the same fraction', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100000 }), (n) => {
        const v = n / 100000;
        const text = figureValue({ name: 'S', values: [[v]], numberFormats: [['0.000%']] }, 0, 0);
        expect(typeof text).toBe('string');
        expect(Number(String(text).slice(0, -1)) / 100).toBeCloseTo(v, 12);
      }),
      { seed: 11 },
    );
  });
});
