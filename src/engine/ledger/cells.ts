/**
 * Cell addressing and the markers readers use for values the engine cannot take as numbers.
 * Pure: shared by the ExcelJS reader (CLI), the Office.js adapter and the tests.
 */
import type { CellValue, SheetGrid } from './types';

/**
 * Column letter of a 0-based column index.
 * @example columnLetter(0) // 'A'
 * @example columnLetter(27) // 'AB'
 */
export function columnLetter(index: number): string {
  let n = index + 1;
  let out = '';
  while (n > 0) {
    const rem = (n - 1) % 26;
    out = String.fromCharCode(65 + rem) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

/**
 * 0-based index of column letters (the inverse of `columnLetter`).
 * @example columnIndex('A') // 0
 * @example columnIndex('AA') // 26
 */
export function columnIndex(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

/**
 * A1 address of a 0-based (row, column) pair.
 * @example cellAddress(0, 2) // 'C1'
 */
export function cellAddress(row: number, col: number): string {
  return `${columnLetter(col)}${row + 1}`;
}

/** `sheet!cell` as the CLI and the pane print it. */
export function qualified(sheet: string, cell: string | null): string {
  return cell ? `${sheet}!${cell}` : sheet;
}

/**
 * Readers turn a date cell into this text so the ledger reader can say "a date is not a score"
 * instead of silently reading Excel's date serial number.
 */
export const DATE_MARKER = '#DATE!';

/** Excel error values a formula may have cached (#DIV/0! …); readers pass them on as this text. */
const EXCEL_ERRORS =
  /^#(NULL!|DIV\/0!|VALUE!|REF!|NAME\?|NUM!|N\/A|GETTING_DATA|SPILL!|CALC!|FIELD!|BLOCKED!|CONNECT!|BUSY!|UNKNOWN!)$/;

/** @example dateMarker(new Date('2024-03-01')) // '#DATE!2024-03-01' */
export function dateMarker(date: Date): string {
  const t = date.getTime();
  return `${DATE_MARKER}${Number.isFinite(t) ? date.toISOString().slice(0, 10) : ''}`;
}

export function isDateMarker(value: CellValue): boolean {
  return typeof value === 'string' && value.startsWith(DATE_MARKER);
}

export function isExcelError(value: CellValue): boolean {
  return typeof value === 'string' && EXCEL_ERRORS.test(value.trim());
}

/** True for null, '' and whitespace: what a blank cell may arrive as. */
export function isBlankCell(value: CellValue | undefined): boolean {
  return (
    value === null || value === undefined || (typeof value === 'string' && value.trim() === '')
  );
}

/** A value as a person would read it in a message, clipped. */
export function showValue(value: CellValue | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (typeof value === 'string' && isDateMarker(value)) return value.slice(DATE_MARKER.length);
  const s = String(value);
  return s.length > 40 ? `${s.slice(0, 40)}…` : s;
}

/**
 * True when an Excel number format shows a number as a percentage (`0%`, `0.0%`, `[Red]0.00%`),
 * i.e. the cell holds the fraction and shows it ×100. A `%` in quotes or after a backslash is
 * literal text and does not scale (`0"%"`, `0\\%`).
 * @example isPercentFormat('0.0%') // true
 * @example isPercentFormat('General') // false
 */
export function isPercentFormat(format: string | null | undefined): boolean {
  if (!format || !format.includes('%')) return false;
  // Only the first section (positive numbers) decides; drop quoted text, escapes and [colours].
  const bare = format.replace(/"[^"]*"|\\.|\[[^\]]*\]/g, '');
  return (bare.split(';')[0] ?? '').includes('%');
}

/** A number as a short decimal text without binary noise (98.2, not 98.20000000000002). */
function decimalText(n: number): string {
  return String(Number(n.toPrecision(12)));
}

/**
 * A figure cell (veto figure, target, declared rate) as the person typed it: a number in a
 * %-formatted cell (Excel stores `98.2%` as 0.982) becomes the text `98.2%`, so its scale goes
 * with it, exactly as if the person had typed the text; every other value is returned as it is.
 * Scored items are never read through this: points are not percentages.
 * @example figureValue({ name: 'S', values: [[0.982]], numberFormats: [['0.0%']] }, 0, 0) // '98.2%'
 */
export function figureValue(sheet: SheetGrid, row: number, col: number): CellValue {
  const value = sheet.values[row]?.[col] ?? null;
  if (typeof value !== 'number' || !Number.isFinite(value)) return value;
  return isPercentFormat(sheet.numberFormats?.[row]?.[col]) ? `${decimalText(value * 100)}%` : value;
}
