import { plantCheckErrors, runChecks } from '../../src/engine/checks';
import type { CellValue } from '../../src/engine/ledger/types';
import { makeLedger } from './makeLedger';

// A clean example in the template's layout: 单位, 类别, some items, V1/V1T; 8 towns, 6 in class 1.
const H = ['单位', '类别', 'P2 统筹决策', 'P5 经费保障', 'V1 出生政策符合率', 'V1T 出生政策符合率目标'];
const clean: CellValue[][] = [H, ...Array.from({ length: 8 }, (_, i) => [`镇${i + 1}`, i < 6 ? 1 : 2, 15 + (i % 4), 40 + i * 2, 96 + (i % 4) * 0.5, 95])];

/** Re-reads a planted workbook the way a reader would: header codes + rows of the town sheet. */
function reread(sheets: readonly { name: string; values: readonly (readonly CellValue[])[] }[]) {
  const towns = sheets.find((s) => s.name === '乡镇台账')!;
  const [header, ...rows] = towns.values;
  return makeLedger(header as string[], rows, { sheets: sheets.filter((s) => s.name !== '乡镇台账') });
}

describe('plantCheckErrors', () => {
  const { workbook, planted } = plantCheckErrors({ sheets: [{ name: '乡镇台账', values: clean }] });

  it('plants the document-3 births case, a mixed-scale V1, a num/den slip, outliers and bad rules', () => {
    expect(planted.map((p) => p.rule)).toEqual(['rule.violated', 'rate.mixed-scale', 'rate.num-den', 'outlier.class', 'outlier.class', 'outlier.jump', 'rate.permille-scale', 'rule.malformed', 'rule.unknown-code']);
    expect(workbook.sheets.map((s) => s.name)).toEqual(['乡镇台账', '核查规则', '上轮台账']);
  });

  it('every planted problem is found at its cell by runChecks', () => {
    const { ledger, workbook: wb } = reread(workbook.sheets);
    const found = new Set(runChecks(ledger, wb).map((f) => `${f.sheet}!${f.cell}:${f.rule}`));
    for (const p of planted) expect(found).toContain(`${p.sheet}!${p.cell}:${p.rule}`);
  });

  it('the only errors are the planted ones', () => {
    const { ledger, workbook: wb } = reread(workbook.sheets);
    const errors = runChecks(ledger, wb)
      .filter((f) => f.severity === 'error')
      .map((f) => `${f.sheet}!${f.cell}:${f.rule}`)
      .sort();
    const plantedErrors = planted.filter((p) => !p.rule.startsWith('outlier.')).map((p) => `${p.sheet}!${p.cell}:${p.rule}`);
    expect(errors).toEqual(plantedErrors.sort());
  });

  it('leaves the clean workbook alone, which has no errors', () => {
    expect(clean[3]?.[4]).toBe(97); // the town planted with 0.97 is untouched in the input
    const { ledger, workbook: wb } = makeLedger(H, clean.slice(1));
    expect(runChecks(ledger, wb).filter((f) => f.severity === 'error')).toEqual([]);
  });

  it('refuses a workbook it cannot plant into', () => {
    expect(() => plantCheckErrors({ sheets: [] })).toThrow('乡镇台账');
    expect(() => plantCheckErrors({ sheets: [{ name: '乡镇台账', values: clean.slice(0, 4) }] })).toThrow('6 towns');
  });
});
