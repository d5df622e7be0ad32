import * as path from 'path';
import ExcelJS from 'exceljs';
import { toCellValue, workbookToGrid, readWorkbookGrid } from '../../src/cli/xlsxRead';
import { addSheet, saveWorkbook } from '../../src/cli/xlsxWrite';
import { displayWidth, renderTable, safeText } from '../../src/cli/table';
import { tempDir } from './helpers';

describe('xlsxRead', () => {
  it('turns every ExcelJS value shape into a plain cell value', () => {
    expect(toCellValue({ formula: 'A1*2', result: 4 })).toBe(4);
    expect(toCellValue({ sharedFormula: 'A1', result: 'x' })).toBe('x');
    expect(toCellValue({ formula: '1/0', result: { error: '#DIV/0!' } })).toBe('#DIV/0!');
    expect(toCellValue({ error: '#N/A' })).toBe('#N/A');
    expect(toCellValue({ richText: [{ text: '祖庙' }, { text: '街道' }] })).toBe('祖庙街道');
    expect(toCellValue({ text: '链接', hyperlink: 'http://x' })).toBe('链接');
    expect(toCellValue(new Date(Date.UTC(2024, 2, 1)))).toBe('#DATE!2024-03-01');
    expect(toCellValue({ formula: 'A1' })).toBeNull();
    expect(toCellValue(true)).toBe(true);
  });

  it('reads a real file: cached formula results, merged cells as their master only, sparse rows', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('乡镇台账');
    ws.getCell('A1').value = '单位';
    ws.getCell('B1').value = { formula: '1+1', result: 2 };
    ws.mergeCells('C1:D1');
    ws.getCell('C1').value = '合并';
    ws.getCell('A5').value = 'x';
    const file = path.join(tempDir(), 'a.xlsx');
    await wb.xlsx.writeFile(file);
    const grid = await readWorkbookGrid(file);
    const values = grid.sheets[0]!.values;
    expect(values[0]!.slice(0, 3)).toEqual(['单位', 2, '合并']);
    expect(values[0]![3] ?? null).toBeNull(); // D1 is hidden under the merge
    expect(values).toHaveLength(5);
    expect(values[4]).toEqual(['x']);
  });

  it('writes strings that look like formulas as text', async () => {
    const wb = new ExcelJS.Workbook();
    addSheet(wb, { name: 'S', rows: [['=1+1', '+cmd', '@SUM(A1)', '-2+3']], columns: [], freezeRows: 0 });
    const file = path.join(tempDir(), 'b.xlsx');
    await saveWorkbook(wb, file);
    const back = new ExcelJS.Workbook();
    await back.xlsx.readFile(file);
    const row = back.getWorksheet('S')!.getRow(1);
    for (let c = 1; c <= 4; c++) {
      expect(row.getCell(c).type).toBe(ExcelJS.ValueType.String);
      expect(row.getCell(c).formula).toBeUndefined();
    }
    expect(workbookToGrid(back).sheets[0]!.values[0]).toEqual(['=1+1', '+cmd', '@SUM(A1)', '-2+3']);
  });
});

describe('terminal table', () => {
  it('counts Chinese characters as two columns and aligns them', () => {
    expect(displayWidth('南庄镇')).toBe(6);
    expect(displayWidth('ab１')).toBe(4);
    const text = renderTable([{ header: '单位' }, { header: 'n', align: 'right' }], [['南庄镇', '1'], ['ab', '22']]);
    const lines = text.split('\n');
    expect(lines.map((l) => displayWidth(l))).toEqual([10, 10, 10, 10]);
  });

  it('neutralises control characters in names', () => {
    expect(safeText('a\u001b[31mb\r')).toBe('a?[31mb?');
  });
});
