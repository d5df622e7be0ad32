/**
 * ExcelJS worksheet -> WorkbookGrid: the one cell reader for every ExcelJS workbook (the CLI's
 * files and the workbench's in-browser workbook). Everything a cell can hold becomes a plain
 * CellValue the engine understands: formulas give their cached result, Excel errors their text
 * (#DIV/0!), rich text its text, dates a date marker the reader rejects in score cells, and the
 * hidden cells of a merge are blank (only the top-left cell holds the value, as in Excel).
 * Number cells keep their number format beside the value (`SheetGrid.numberFormats`), because
 * the format tells a figure's scale (0.982 in a `0.0%` cell is 98.2 %).
 *
 * Types only from ExcelJS: no file system and no DOM, so the browser bundle can use it.
 */
import type ExcelJS from 'exceljs';
import { dateMarker } from '../engine/ledger/cells';
import type { CellValue, SheetGrid, WorkbookGrid } from '../engine/ledger/types';

const EMPTY_ROW: readonly CellValue[] = Object.freeze([]);

/** Converts one ExcelJS cell value (any shape) to a CellValue. */
export function toCellValue(value: unknown): CellValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  if (value instanceof Date) return dateMarker(value);
  if (typeof value === 'object') {
    const v = value as Record<string, unknown>;
    // A formula never calculated (written by a program) has no cached result: blank.
    if ('formula' in v || 'sharedFormula' in v) return toCellValue(v.result);
    if ('error' in v) return typeof v.error === 'string' ? v.error : '#VALUE!';
    if (Array.isArray(v.richText))
      return (v.richText as { text?: unknown }[])
        .map((r) => (typeof r.text === 'string' ? r.text : ''))
        .join('');
    if ('text' in v) return toCellValue(v.text);
  }
  return typeof value === 'bigint' ? Number(value) : null;
}

/** A number cell's format when it is not General (only numbers are scaled by a format). */
function numberFormatOf(cell: ExcelJS.Cell, value: CellValue): string | null {
  if (typeof value !== 'number') return null;
  const f = cell.numFmt;
  return typeof f === 'string' && f !== '' && f !== 'General' ? f : null;
}

/** The grid of one worksheet, rows up to the last row that has a value, with number formats. */
export function worksheetToGrid(ws: ExcelJS.Worksheet): SheetGrid {
  const rows: (readonly CellValue[])[] = [];
  const formats: ((string | null)[] | undefined)[] = [];
  ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: CellValue[] = [];
    let rowFormats: (string | null)[] | undefined;
    row.eachCell({ includeEmpty: false }, (cell, col) => {
      // The other cells of a merge report the master's value in ExcelJS; Excel shows them blank.
      if (cell.isMerged && cell.master.address !== cell.address) return;
      const value = toCellValue(cell.value);
      cells[col - 1] = value;
      const f = numberFormatOf(cell, value);
      if (f !== null) (rowFormats ??= [])[col - 1] = f;
    });
    for (let i = 0; i < cells.length; i++) if (cells[i] === undefined) cells[i] = null;
    while (rows.length < rowNumber - 1) rows.push(EMPTY_ROW);
    rows[rowNumber - 1] = cells;
    if (rowFormats) {
      for (let i = 0; i < rowFormats.length; i++)
        if (rowFormats[i] === undefined) rowFormats[i] = null;
      formats[rowNumber - 1] = rowFormats;
    }
  });
  if (formats.length === 0) return { name: ws.name, values: rows };
  return { name: ws.name, values: rows, numberFormats: formats };
}

export function workbookToGrid(wb: ExcelJS.Workbook): WorkbookGrid {
  return { sheets: wb.worksheets.map(worksheetToGrid) };
}
