/**
 * The CLI's .xlsx colours every row style from the one palette (the Office adapter and the
 * workbench are held to the same palette by the WorkbookPort contract): through ExcelJS's cell
 * model and through the bulk XML path, as read back from the saved file.
 */
import * as path from 'path';
import ExcelJS from 'exceljs';
import { addBulkSheet, addSheet, saveWorkbook } from '../../src/cli/xlsxWrite';
import { CELL_STYLES, PALETTE } from '../../src/engine/ledger/palette';
import type { SheetSpec } from '../../src/engine/ledger/types';
import { tempDir } from './helpers';

const spec: SheetSpec = {
  name: '排名汇总',
  rows: CELL_STYLES.map((style) => [style, 1]),
  columns: [{ width: 10 }, { width: 10, numFmt: '0.00' }],
  rowStyles: Object.fromEntries(CELL_STYLES.map((style, r) => [r, style])),
  freezeRows: 0,
};

function lookOf(cell: ExcelJS.Cell) {
  const fill = cell.fill as ExcelJS.FillPattern | undefined;
  const hex = (argb: string | undefined) => (argb ? argb.slice(-6).toUpperCase() : null);
  return {
    fill: fill?.pattern === 'solid' ? hex(fill.fgColor?.argb) : null,
    font: hex(cell.font?.color?.argb),
    bold: cell.font?.bold === true,
  };
}

describe.each([
  ['cell model', false],
  ['bulk XML', true],
])('CLI palette (%s)', (_name, bulk) => {
  it('writes every row style in the palette’s colours', async () => {
    const wb = new ExcelJS.Workbook();
    const bulkSheets = bulk ? [addBulkSheet(wb, spec)] : (addSheet(wb, spec), []);
    const file = path.join(tempDir(), 'palette.xlsx');
    await saveWorkbook(wb, file, bulkSheets);
    const back = new ExcelJS.Workbook();
    await back.xlsx.readFile(file);
    const ws = back.getWorksheet(spec.name)!;
    for (const [r, style] of CELL_STYLES.entries()) {
      for (const c of [1, 2]) {
        expect({ style, ...lookOf(ws.getCell(r + 1, c)) }).toEqual({ style, ...PALETTE[style] });
      }
    }
  });
});
