/**
 * Writing sheets at provincial scale (issue 6): no argument-spreading over every row, one shared
 * style object per look when asked, and validation squeezing that stays linear.
 */
import ExcelJS from 'exceljs';
import type { SheetSpec } from '../../src/engine/ledger/types';
import { addSheet, compactValidations } from '../../src/cli/xlsxWrite';
import { PALETTE } from '../../src/engine/ledger/palette';

const spec = (rows: SheetSpec['rows'], extra: Partial<SheetSpec> = {}): SheetSpec => ({
  name: '得分明细',
  columns: [{ width: 10 }, { width: 8, numFmt: '0.00' }],
  rows,
  freezeRows: 1,
  ...extra,
});

test('a sheet with more rows than a call takes arguments (得分明细 at 10,000 towns) is added', () => {
  const rows: (string | number)[][] = [['单位', '得分']];
  for (let i = 0; i < 300_000; i++) rows.push([`镇${i}`]);
  rows.push(['末行', 1, 2]); // wider than the columns: styled rows span it
  const wb = new ExcelJS.Workbook();
  const ws = addSheet(wb, spec(rows, { rowStyles: { 0: 'header' } }));
  expect(ws.rowCount).toBe(300_002);
  expect(ws.getCell(1, 3).fill).toMatchObject({ fgColor: { argb: `FF${PALETTE.header.fill}` } });
});

test('shared styles: one object per look; number format only on numbers below the header', () => {
  const wb = new ExcelJS.Workbook();
  const ws = addSheet(
    wb,
    spec(
      [
        ['单位', 5],
        ['甲', 1.5],
        ['乙', 2.25],
        ['丙', 'n/a'],
        ['丁', 3],
      ],
      { rowStyles: { 4: 'vetoed' } },
    ),
    { shareStyles: true },
  );
  expect(ws.getCell('B1').numFmt).toBeUndefined(); // header row
  expect(ws.getCell('B2').numFmt).toBe('0.00');
  expect(ws.getCell('B2').style).toBe(ws.getCell('B3').style);
  expect(ws.getCell('B4').numFmt).toBeUndefined(); // text stays unformatted
  expect(ws.getCell('A2').style).not.toBe(ws.getCell('B2').style);
  expect(ws.getCell('B5').numFmt).toBe('0.00');
  expect(ws.getCell('B5').font).toMatchObject({
    bold: true,
    color: { argb: `FF${PALETTE.vetoed.font}` },
  });
  expect(ws.getCell('B5').style).not.toBe(ws.getCell('B2').style);
  // Restyling one cell must not restyle its neighbours through the shared object.
  expect(() => {
    ws.getCell('B2').numFmt = '0%';
  }).toThrow();
  expect(ws.getCell('B3').numFmt).toBe('0.00');
});

test('without shareStyles each cell can be restyled on its own', () => {
  const wb = new ExcelJS.Workbook();
  const ws = addSheet(
    wb,
    spec([
      ['单位', '得分'],
      ['甲', 1.5],
      ['乙', 2.25],
    ]),
  );
  ws.getCell('B2').numFmt = '0%';
  expect(ws.getCell('B2').numFmt).toBe('0%');
  expect(ws.getCell('B3').numFmt).toBe('0.00');
});

test('shared styles survive a save and read back with their formats', async () => {
  const wb = new ExcelJS.Workbook();
  addSheet(
    wb,
    spec(
      [
        ['单位', '得分'],
        ['甲', 1.5],
        ['乙', 'x'],
      ],
      { rowStyles: { 0: 'header' } },
    ),
    {
      shareStyles: true,
    },
  );
  const back = new ExcelJS.Workbook();
  await back.xlsx.load(await wb.xlsx.writeBuffer());
  const ws = back.getWorksheet('得分明细')!;
  expect(ws.getCell('B2').numFmt).toBe('0.00');
  expect(ws.getCell('B2').value).toBe(1.5);
  expect(ws.getCell('B3').value).toBe('x');
  expect(ws.getCell('A1').font).toMatchObject({ bold: true });
});

test('compactValidations: per-cell rules over many rows become the same rectangles, quickly', () => {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('乡镇台账');
  const rule: ExcelJS.DataValidation = {
    type: 'decimal',
    operator: 'between',
    allowBlank: true,
    formulae: [0, 5],
  };
  const other: ExcelJS.DataValidation = {
    type: 'decimal',
    operator: 'between',
    allowBlank: true,
    formulae: [0, 9],
  };
  const model = (
    ws as unknown as { dataValidations: { model: Record<string, ExcelJS.DataValidation> } }
  ).dataValidations.model;
  const rows = 20_000;
  // Columns C..F share one rule on rows 2..rows+1 (one object, as ExcelJS reads it), with a gap
  // at E100; G has another rule; a copy of the first rule (equal, not the same object) on H.
  for (let r = 2; r <= rows + 1; r++) {
    for (const c of ['C', 'D', 'E', 'F']) if (!(c === 'E' && r === 100)) model[`${c}${r}`] = rule;
    model[`G${r}`] = other;
    model[`H${r}`] = { ...rule };
  }
  const t = performance.now();
  compactValidations(ws);
  expect(performance.now() - t).toBeLessThan(5000);
  const after = (
    ws as unknown as { dataValidations: { model: Record<string, ExcelJS.DataValidation> } }
  ).dataValidations.model;
  expect(Object.keys(after).sort()).toEqual(
    ['C2:D20001', 'E2:E99', 'E101:E20001', 'F2:F20001', 'G2:G20001', 'H2:H20001'].sort(),
  );
  expect(after['G2:G20001']).toBe(other);
});
