/**
 * A 类别 cell that names no class of the scheme is one error at that cell. The unit's per-class
 * limits are then unknown, so an item whose points differ by class is not also judged against its
 * default points (a farm's 45 of its 50 on B1 is not "above 40" because the class was mistyped).
 */
import { readScheme } from '../../src/engine/ledger/readScheme';
import { buildTemplateSheets } from '../../src/engine/ledger/template';
import { readLedger } from '../../src/engine/ledger/readLedger';
import type { CellValue } from '../../src/engine/ledger/types';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const rows = (require('../fixtures/schemes/good-weighted-farm.json') as { rows: CellValue[][] }).rows;
const scheme = readScheme({ name: '方案', values: rows }).scheme!;

function ledger(cls: string, b1: number, a1 = 50) {
  const [, towns] = buildTemplateSheets(scheme, { units: ['红旗'], departments: [] });
  const header = towns!.rows[0]!.map((h) => String(h).split(' ')[0]!);
  const values: Record<string, CellValue> = { 单位: '红旗', 类别: cls, A1: a1, A2: 30, B1: b1, B2: 40 };
  const row = header.map((h) => values[h] ?? null);
  return readLedger({ sheets: [{ name: '方案', values: rows }, { name: towns!.name, values: [towns!.rows[0]!, row] }] });
}
const errors = (l: ReturnType<typeof ledger>) => l.findings.filter((f) => f.severity === 'error').map((f) => [f.rule, f.code ?? null]);

describe('an unknown class', () => {
  it('is the one error: B1, whose points differ by class, is not judged by its default 40', () => {
    expect(errors(ledger('林场', 45))).toEqual([['ledger.class-invalid', null]]);
  });
  it('a known class still has its own limits: 45 is within 农场\'s 50, above 乡镇\'s 40', () => {
    expect(errors(ledger('农场', 45))).toEqual([]);
    expect(errors(ledger('乡镇', 45))).toEqual([['score.above-points', 'B1']]);
  });
  it('an item whose points do not differ by class is still judged (A1 above its 60)', () => {
    expect(errors(ledger('林场', 30, 70))).toEqual([['ledger.class-invalid', null], ['score.above-points', 'A1']]);
  });
});
