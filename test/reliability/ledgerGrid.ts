/**
 * A clean, rankable ledger workbook as plain grids (the template's layout, filled with valid
 * figures), for the fuzz tests to spoil one way at a time.
 */
import { DEFAULT_SCHEME } from '../../src/engine';
import {
  SHEETS,
  buildTemplateSheets,
  departmentColumns,
  townColumns,
  type CellValue,
  type SheetGrid,
  type WorkbookGrid,
} from '../../src/engine/ledger';

export interface Cell {
  readonly sheet: number;
  readonly row: number;
  readonly col: number;
}

/** Deterministic figures: town i gets a little less than full marks so totals differ. */
export function cleanLedger(towns = 6, departments = 3): WorkbookGrid {
  const template = buildTemplateSheets(DEFAULT_SCHEME, {
    units: Array.from({ length: towns }, (_, i) => `第${i + 1}镇`),
    departments: Array.from({ length: departments }, (_, i) => `部门${i + 1}`),
  });
  const tCols = townColumns(DEFAULT_SCHEME);
  const dCols = departmentColumns(DEFAULT_SCHEME);
  const sheets: SheetGrid[] = template.map((spec) => ({
    name: spec.name,
    values: spec.rows.map((r) => [...r]),
  }));
  const towns_ = sheets.find((s) => s.name === SHEETS.towns)!.values as CellValue[][];
  for (let r = 1; r < towns_.length; r++) {
    const row = towns_[r]!;
    tCols.forEach((c, i) => {
      if (c.kind === 'class') row[i] = ((r - 1) % 3) + 1;
      else if (c.kind === 'item') row[i] = Math.max(0, (c.max ?? 0) - ((r + i) % 3));
      else if (c.kind === 'veto') row[i] = 97 + (r % 3);
      else if (c.kind === 'vetoTarget') row[i] = 95;
      else if (c.kind === 'adjustment') row[i] = c.code === 'B1' && r === 1 ? 1 : null;
    });
  }
  const deps = sheets.find((s) => s.name === SHEETS.departments)!.values as CellValue[][];
  for (let r = 1; r < deps.length; r++) {
    const row = deps[r]!;
    dCols.forEach((c, i) => {
      if (c.kind === 'item') row[i] = Math.max(0, (c.max ?? 0) - r);
    });
  }
  return { sheets };
}

/** A deep copy with the given cells replaced (rows and columns grow as needed). */
export function withCells(
  book: WorkbookGrid,
  edits: readonly (Cell & { value: CellValue })[],
): WorkbookGrid {
  const sheets = book.sheets.map((s) => ({ name: s.name, values: s.values.map((r) => [...r]) }));
  for (const e of edits) {
    const sheet = sheets[e.sheet];
    if (!sheet) continue;
    while (sheet.values.length <= e.row) sheet.values.push([]);
    const row = sheet.values[e.row]!;
    while (row.length < e.col) row.push(null);
    row[e.col] = e.value;
  }
  return { sheets };
}

export function sheetIndex(book: WorkbookGrid, name: string): number {
  return book.sheets.findIndex((s) => s.name === name);
}
