/**
 * SheetSpec -> ExcelJS worksheet, and safe saving. Strings are always written as text (ExcelJS
 * only writes a formula for a {formula} object, which this module never creates), so a unit named
 * `=HYPERLINK(…)` stays a name.
 */
import { promises as fs } from 'fs';
import * as path from 'path';
import ExcelJS from 'exceljs';
import type { CellStyle, SheetSpec } from '../engine/ledger/types';

const FILLS: Record<CellStyle, string | null> = {
  header: 'FFD9E1F2',
  vetoed: 'FFD9D9D9',
  top: 'FFE2EFDA',
  yellow: 'FFFFF2CC',
  last: 'FFF8CBAD',
  total: null,
};

function styleRow(row: ExcelJS.Row, style: CellStyle, width: number) {
  const fill = FILLS[style];
  for (let c = 1; c <= width; c++) {
    const cell = row.getCell(c);
    if (fill) cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: fill } };
    if (style === 'header' || style === 'total') cell.font = { bold: true };
    if (style === 'vetoed') cell.font = { italic: true, color: { argb: 'FF7F7F7F' } };
    if (style === 'header') {
      cell.alignment = { vertical: 'middle', wrapText: true };
      cell.border = { bottom: { style: 'thin' } };
    }
  }
}

/** Splits `C2:C21` into its corners (1-based rows and columns). */
function parseRange(range: string): { r1: number; c1: number; r2: number; c2: number } | null {
  const m = /^([A-Z]+)(\d+)(?::([A-Z]+)(\d+))?$/.exec(range);
  if (!m?.[1] || !m[2]) return null;
  const col = (s: string) => [...s].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
  const c1 = col(m[1]);
  const r1 = Number(m[2]);
  return { r1, c1, r2: m[4] ? Number(m[4]) : r1, c2: m[3] ? col(m[3]) : c1 };
}

/**
 * Adds `spec` as a worksheet, replacing a sheet of the same name (our own output sheets, by
 * contract: callers only pass output or template sheet names).
 */
export function addSheet(wb: ExcelJS.Workbook, spec: SheetSpec): ExcelJS.Worksheet {
  const old = wb.getWorksheet(spec.name);
  if (old) wb.removeWorksheet(old.id);
  const freezeColumns = spec.freezeColumns ?? 0;
  const ws = wb.addWorksheet(spec.name, {
    views: [{ state: 'frozen', xSplit: freezeColumns, ySplit: spec.freezeRows }],
    pageSetup: { paperSize: 9, orientation: spec.landscape === false ? 'portrait' : 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: spec.freezeRows > 0 ? `1:${spec.freezeRows}` : undefined },
  });
  spec.columns.forEach((c, i) => {
    ws.getColumn(i + 1).width = c.width;
  });
  const width = Math.max(spec.columns.length, ...spec.rows.map((r) => r.length));
  spec.rows.forEach((values, r) => {
    const row = ws.getRow(r + 1);
    values.forEach((v, c) => {
      if (v === null) return;
      const cell = row.getCell(c + 1);
      cell.value = v; // string -> text, number -> number, boolean -> boolean; never a formula
      const fmt = spec.columns[c]?.numFmt;
      if (typeof v === 'number' && fmt && r >= spec.freezeRows) cell.numFmt = fmt;
    });
    const style = spec.rowStyles?.[r];
    if (style) styleRow(row, style, width);
  });
  for (const v of spec.validations ?? []) {
    const range = parseRange(v.range);
    if (!range) continue;
    for (let r = range.r1; r <= range.r2; r++) {
      for (let c = range.c1; c <= range.c2; c++) {
        ws.getCell(r, c).dataValidation = {
          type: 'decimal',
          operator: 'between',
          allowBlank: true,
          formulae: [v.min, v.max],
          showErrorMessage: true,
          errorStyle: 'stop',
          errorTitle: '超出范围 Out of range',
          error: `应为 ${v.min} 到 ${v.max} 之间的数 / Must be a number from ${v.min} to ${v.max}`,
        };
      }
    }
  }
  return ws;
}

/** A new workbook from sheets (template, examples). */
export function workbookFromSheets(specs: readonly SheetSpec[]): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Kaohe 目标考核助手';
  // Fixed dates keep regenerated example files stable in git.
  wb.created = new Date(Date.UTC(2024, 0, 1));
  wb.modified = new Date(Date.UTC(2024, 0, 1));
  for (const s of specs) addSheet(wb, s);
  return wb;
}

/**
 * Saves through a temporary file in the same directory and renames it into place, so an
 * interrupted run never leaves a half-written workbook behind.
 */
export async function saveAtomically(target: string, write: (tmp: string) => Promise<void>): Promise<void> {
  const dir = path.dirname(path.resolve(target));
  await fs.mkdir(dir, { recursive: true });
  const tmp = path.join(dir, `.${path.basename(target)}.${process.pid}.${Date.now()}.tmp`);
  try {
    await write(tmp);
    await fs.rename(tmp, target);
  } catch (e) {
    await fs.rm(tmp, { force: true });
    throw e;
  }
}

export async function saveWorkbook(wb: ExcelJS.Workbook, target: string): Promise<void> {
  await saveAtomically(target, (tmp) => wb.xlsx.writeFile(tmp));
}
