/**
 * .xlsx -> WorkbookGrid through ExcelJS. Everything a cell can hold becomes a plain CellValue
 * the engine understands: formulas give their cached result, Excel errors their text (#DIV/0!),
 * rich text its text, dates a date marker the reader rejects in score cells, and the hidden
 * cells of a merge are blank (only the top-left cell holds the value, as in Excel).
 */
import { promises as fs } from 'fs';
import ExcelJS from 'exceljs';
import { dateMarker } from '../engine/ledger/cells';
import { recogniseWorkbookFile, type FileVerdict } from '../engine/ledger/fileKind';
import type { CellValue, SheetGrid, WorkbookGrid } from '../engine/ledger/types';

/** A clear failure to open a file (not a workbook, missing, locked). */
export class WorkbookOpenError extends Error {
  constructor(
    readonly path: string,
    readonly zh: string,
    readonly en: string,
    /** What the file is, when it was read but is no .xlsx. */
    readonly verdict?: FileVerdict,
  ) {
    super(`${zh} / ${en}`);
    this.name = 'WorkbookOpenError';
  }
}

const EMPTY_ROW: readonly CellValue[] = Object.freeze([]);

/** Converts one ExcelJS cell value (any shape) to a CellValue. */
export function toCellValue(value: unknown): CellValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  if (value instanceof Date) return dateMarker(value);
  if (typeof value === 'object') {
    const v = value as Record<string, unknown>;
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

/** The grid of one worksheet, rows up to the last row that has a value. */
export function worksheetToGrid(ws: ExcelJS.Worksheet): SheetGrid {
  const rows: (readonly CellValue[])[] = [];
  ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: CellValue[] = [];
    row.eachCell({ includeEmpty: false }, (cell, col) => {
      // The other cells of a merge report the master's value in ExcelJS; Excel shows them blank.
      if (cell.isMerged && cell.master.address !== cell.address) return;
      cells[col - 1] = toCellValue(cell.value);
    });
    for (let i = 0; i < cells.length; i++) if (cells[i] === undefined) cells[i] = null;
    while (rows.length < rowNumber - 1) rows.push(EMPTY_ROW);
    rows[rowNumber - 1] = cells;
  });
  return { name: ws.name, values: rows };
}

export function workbookToGrid(wb: ExcelJS.Workbook): WorkbookGrid {
  return { sheets: wb.worksheets.map(worksheetToGrid) };
}

/** Loads an .xlsx file; throws WorkbookOpenError with a bilingual message when it cannot. */
export async function loadWorkbook(path: string): Promise<ExcelJS.Workbook> {
  return (await loadWorkbookAndBytes(path)).wb;
}

/**
 * Loads an .xlsx file and returns its bytes too: `kaohe rank --out` builds the result package
 * from exactly the bytes the ranking was read from.
 */
export async function loadWorkbookAndBytes(
  path: string,
): Promise<{ wb: ExcelJS.Workbook; bytes: Buffer }> {
  let bytes: Buffer;
  try {
    bytes = await fs.readFile(path);
  } catch (e) {
    throw openError(path, e);
  }
  return loadWorkbookFromBytes(bytes, path);
}

/**
 * An .xlsx from its bytes (`path` names it in messages). Bytes that are something else — an old
 * .xls, an .ods, a CSV… — are refused with a message saying what they are and what to do.
 */
export async function loadWorkbookFromBytes(
  bytes: Buffer,
  path: string,
): Promise<{ wb: ExcelJS.Workbook; bytes: Buffer }> {
  const verdict = recogniseWorkbookFile(bytes, path);
  if (!verdict.ok) throw new WorkbookOpenError(path, verdict.zh, verdict.en, verdict);
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(bytes as unknown as Parameters<typeof wb.xlsx.load>[0]);
  } catch (e) {
    throw openError(path, e);
  }
  return { wb, bytes };
}

function openError(path: string, e: unknown): WorkbookOpenError {
  const code = (e as { code?: unknown }).code;
  if (code === 'ENOENT')
    return new WorkbookOpenError(path, `找不到文件 ${path}`, `File not found: ${path}`);
  if (code === 'EACCES' || code === 'EBUSY')
    return new WorkbookOpenError(
      path,
      `无法打开 ${path}（无权限或被占用）`,
      `Cannot open ${path} (no permission or in use)`,
    );
  return new WorkbookOpenError(
    path,
    `${path} 不是有效的 .xlsx 工作簿（${String((e as Error).message ?? e)}）`,
    `${path} is not a valid .xlsx workbook (${String((e as Error).message ?? e)})`,
  );
}

export async function readWorkbookGrid(path: string): Promise<WorkbookGrid> {
  return workbookToGrid(await loadWorkbook(path));
}
