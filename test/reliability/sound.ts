/** The invariants every assessment keeps, whatever its input (shared by the grid and the .xlsx fuzz). */
import { OUTPUT_SHEETS, type WorkbookGrid } from '../../src/engine/ledger';
import { assessWorkbook, type Assessment } from '../../src/engine/assess';
import { isA1, nonFiniteNumbers } from './hostile';

const unquoted = (s: string): string => s.replace(/“[^”]*”|"[^"]*"/g, '');

/** The invariants every assessment keeps, whatever its input. */
export function expectSound(book: WorkbookGrid): Assessment {
  const a = assessWorkbook(book);
  for (const f of a.findings) {
    expect(typeof f.sheet).toBe('string');
    expect(f.sheet.length).toBeGreaterThan(0);
    if (f.cell !== null) expect(isA1(f.cell)).toBe(true);
    expect(['error', 'warning', 'info']).toContain(f.severity);
    expect(f.zh.length).toBeGreaterThan(0);
    expect(f.en.length).toBeGreaterThan(0);
    // A value quoted from the cell may be anything; the message around it may not leak JS.
    expect(unquoted(f.zh)).not.toMatch(/undefined|NaN|Infinity|\[object/);
    expect(unquoted(f.en)).not.toMatch(/undefined|NaN|Infinity|\[object/);
  }
  if (a.ranking === null) {
    expect(a.findings.some((f) => f.severity === 'error')).toBe(true);
    expect(a.sheets).toEqual([]);
  } else {
    expect(a.findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(a.ranking.units).toHaveLength(a.ledger.units.length);
    expect(nonFiniteNumbers(a.ranking)).toEqual([]);
    expect(nonFiniteNumbers(a.sheets)).toEqual([]);
    for (const s of a.sheets) expect(OUTPUT_SHEETS).toContain(s.name);
  }
  return a;
}
