/**
 * The one header finder for input sheets: a person may put a title row or two (and blank rows)
 * above a sheet's header, so no reader assumes the header is row 1.
 */
import { UNIT_HEADER, columnCode } from './columns';
import type { CellValue, SheetGrid } from './types';

/** How many leading rows are searched for a header row (title rows above it are allowed). */
export const HEADER_SEARCH_ROWS = 10;

/**
 * 0-based index of the first row, among the first `maxRows`, that `isHeader` accepts; -1 when
 * none does.
 * @example findHeaderRow({ name: 'S', values: [['2024 台账'], [], ['单位', 'P1']] }, (r) => r.includes('单位')) // 2
 */
export function findHeaderRow(
  sheet: SheetGrid,
  isHeader: (row: readonly CellValue[]) => boolean,
  maxRows: number = HEADER_SEARCH_ROWS,
): number {
  const end = Math.min(maxRows, sheet.values.length);
  for (let r = 0; r < end; r++) if (isHeader(sheet.values[r] ?? [])) return r;
  return -1;
}

/** True for the header row of a 乡镇台账 / 部门台账 (and a previous round's sheet): it has a 单位 cell. */
export function hasUnitHeader(row: readonly CellValue[]): boolean {
  return row.some((v) => columnCode(v) === UNIT_HEADER);
}

/** The header row of a ledger sheet: the first with a 单位 cell; -1 when there is none. */
export function findUnitHeaderRow(sheet: SheetGrid): number {
  return findHeaderRow(sheet, hasUnitHeader);
}
