/**
 * .xlsx files -> ExcelJS workbooks -> WorkbookGrid. Cells are read by the one ExcelJS cell
 * reader, `src/xlsx/grid.ts`, shared with the workbench.
 */
import { promises as fs } from 'fs';
import ExcelJS from 'exceljs';
import { recogniseWorkbookFile, type FileVerdict } from '../engine/ledger/fileKind';
import type { WorkbookGrid } from '../engine/ledger/types';
import { workbookToGrid } from '../xlsx/grid';

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

export { toCellValue, worksheetToGrid, workbookToGrid } from '../xlsx/grid';

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
