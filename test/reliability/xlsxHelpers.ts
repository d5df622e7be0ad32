/**
 * Real .xlsx files for the reliability tests: a clean ledger written with ExcelJS, a deep snapshot
 * of what a person could see in a sheet, and an in-process CLI run.
 */
import { mkdtempSync } from 'fs';
import * as os from 'os';
import * as path from 'path';
import ExcelJS from 'exceljs';
import { main } from '../../src/cli/main';
import type { SheetSpec, WorkbookGrid } from '../../src/engine/ledger';
import { workbookFromSheets } from '../../src/cli/xlsxWrite';

export interface Run {
  code: number;
  out: string;
  err: string;
}

/** Runs `kaohe` in-process; a rejection (an escaped exception) is reported as code -1. */
export async function kaohe(...argv: string[]): Promise<Run & { thrown?: unknown }> {
  let out = '';
  let err = '';
  try {
    const code = await main(argv, { out: (t) => (out += t), err: (t) => (err += t) });
    return { code, out, err };
  } catch (thrown) {
    return { code: -1, out, err, thrown };
  }
}

export function tempDir(): string {
  return mkdtempSync(path.join(os.tmpdir(), 'kaohe-rel-'));
}

/** A workbook holding `grid`'s sheets as plain values (header frozen), as ExcelJS writes it. */
export function workbookOf(grid: WorkbookGrid): ExcelJS.Workbook {
  const specs: SheetSpec[] = grid.sheets.map((s) => ({
    name: s.name,
    rows: s.values,
    columns: [],
    freezeRows: 1,
  }));
  return workbookFromSheets(specs);
}

export async function openXlsx(file: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return wb;
}

/**
 * Everything ExcelJS knows about a sheet — values, formulas, styles, number formats, widths,
 * heights, hidden rows and columns, merges, validations, conditional formats, views, page set-up,
 * notes, hyperlinks, state — as one comparable string. Only the sheet's internal id is left out.
 */
export function sheetSnapshot(ws: ExcelJS.Worksheet): string {
  const { id: _id, ...model } = ws.model as unknown as Record<string, unknown>;
  return JSON.stringify(model, (_k, v: unknown) =>
    v instanceof Date ? `Date(${v.toISOString()})` : v,
  );
}
