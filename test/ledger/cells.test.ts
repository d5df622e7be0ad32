import fc from 'fast-check';
import { cellAddress, columnIndex, columnLetter } from '../../src/engine/ledger/cells';

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
