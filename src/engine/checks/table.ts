/**
 * A read-only view of the 乡镇台账 sheet for the checks: every column that starts with a code
 * (scheme columns and the user's own extra columns such as `BIRTHS_BUREAU 出生数(计生)`), with
 * each town's value and cell. Scheme codes are read from the ledger (what gets scored); other
 * columns are read raw from the workbook grid, keyed by the unit rows the ledger recorded.
 */
import type { CellValue, Ledger, LedgerUnit, SheetGrid, WorkbookGrid } from '../ledger/types';
import { SHEETS } from '../ledger/types';
import { indexScheme } from '../scheme/schemeIndex';
import { readNumber, type ReadNumber } from './numbers';

import { columnIndex, columnLetter, figureValue } from '../ledger/cells';
import { findUnitHeaderRow } from '../ledger/header';

export { columnIndex, columnLetter };

const HEADER_CODE = /^([A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z0-9_]+)*)(?![A-Za-z0-9_.])/;

/**
 * The code a header names: its leading code, upper-cased (`BIRTHS_BUREAU 出生数` -> `BIRTHS_BUREAU`,
 * `V1T出生政策符合率目标` -> `V1T`); null for headers that do not start with one (`单位`, `类别`).
 */
export function headerCode(header: CellValue | undefined): string | null {
  if (typeof header !== 'string') return null;
  const m = HEADER_CODE.exec(header.normalize('NFKC').trim());
  return m?.[1] ? m[1].toUpperCase() : null;
}

export interface TableColumn {
  readonly code: string;
  /** 0-based column index in the grid, or null for a code the ledger knows but the grid lacks. */
  readonly index: number | null;
  readonly letter: string | null;
  readonly header: string;
  /** True when readLedger mapped this column (its values are checked for structure there). */
  readonly known: boolean;
}

export interface CellRead extends ReadNumber {
  readonly raw: CellValue | undefined;
  /** A1 address, or null when the value did not come from a cell (a default target). */
  readonly cell: string | null;
}

export interface TownTable {
  readonly sheet: string;
  readonly grid: SheetGrid | undefined;
  /** 0-based row of the grid's header (below any title rows). */
  readonly headerRow: number;
  /** Upper-cased code -> column. */
  readonly columns: ReadonlyMap<string, TableColumn>;
  readonly units: readonly LedgerUnit[];
  /** A town's value of a code; scheme codes come from the ledger input, others from the grid. */
  read(unit: LedgerUnit, code: string): CellRead;
  /** Every town's value of a code, aligned with `units` (computed once per code). */
  values(code: string): readonly CellRead[];
  has(code: string): boolean;
}

const EMPTY: CellRead = { value: null, sign: null, bad: false, raw: undefined, cell: null };

/** Finds a sheet by name, ignoring surrounding spaces. */
export function findSheet(workbook: WorkbookGrid | undefined, name: string): SheetGrid | undefined {
  return workbook?.sheets.find((s) => s.name.trim() === name);
}

/** Builds the view of the town sheet; O(columns + towns). */
export function buildTownTable(ledger: Ledger, workbook: WorkbookGrid): TownTable {
  const sheet = ledger.units[0]?.source.sheet ?? SHEETS.towns;
  const grid = findSheet(workbook, sheet);
  const columns = new Map<string, TableColumn>();
  // The header row as the ledger reader found it: title rows above it are allowed.
  const headerRow = grid ? Math.max(0, findUnitHeaderRow(grid)) : 0;
  const header = grid?.values[headerRow] ?? [];
  header.forEach((h, i) => {
    const code = headerCode(h);
    if (code && !columns.has(code)) columns.set(code, { code, index: i, letter: columnLetter(i), header: String(h), known: false });
  });
  for (const [code, letter] of Object.entries(ledger.columns[sheet] ?? {})) {
    const key = code.toUpperCase();
    const index = columnIndex(letter);
    const prev = columns.get(key);
    columns.set(key, { code: key, index, letter, header: prev?.header ?? String(header[index] ?? code), known: true });
  }

  const index = indexScheme(ledger.scheme);
  const itemCodes = new Map<string, string>();
  for (const code of index.items.keys()) itemCodes.set(code.toUpperCase(), code);
  const adjustmentCodes = new Map<string, string>();
  for (const code of index.adjustmentInputs.keys()) adjustmentCodes.set(code.toUpperCase(), code);
  const vetoByUpper = new Map(ledger.scheme.vetoes.map((v) => [v.code.toUpperCase(), v.code]));

  const cellOf = (unit: LedgerUnit, key: string, col: TableColumn | undefined): string | null => {
    const direct = unit.source.cells[key] ?? unit.source.cells[itemCodes.get(key) ?? adjustmentCodes.get(key) ?? vetoByUpper.get(key) ?? ''];
    if (direct) return direct;
    return col?.letter ? `${col.letter}${unit.source.row}` : null;
  };
  // The user's own columns are figures (rates, counts), read with their cell's scale (98.2% for 0.982 in a % cell).
  const rawOf = (unit: LedgerUnit, col: TableColumn | undefined): CellValue | undefined =>
    col?.index === null || col === undefined || !grid ? undefined : col.known ? grid.values[unit.source.row - 1]?.[col.index] : figureValue(grid, unit.source.row - 1, col.index);

  const resolve = (key: string): ((unit: LedgerUnit) => CellValue | undefined) | null => {
    const col = columns.get(key);
    const item = itemCodes.get(key);
    if (item !== undefined) return (u) => u.input.scores[item] ?? null;
    const adj = adjustmentCodes.get(key);
    if (adj !== undefined) return (u) => u.input.adjustments[adj] ?? null;
    const veto = vetoByUpper.get(key);
    if (veto !== undefined) return (u) => u.input.vetoInputs[veto]?.actual ?? null;
    const targetOf = key.endsWith('T') ? vetoByUpper.get(key.slice(0, -1)) : undefined;
    if (targetOf !== undefined) return (u) => u.input.vetoInputs[targetOf]?.target ?? null;
    if (col) return (u) => rawOf(u, col);
    return null;
  };

  // Each code's column is read once and kept: checks read the same columns many times.
  const memo = new Map<string, readonly CellRead[]>();
  const values = (code: string): readonly CellRead[] => {
    const key = code.toUpperCase();
    const hit = memo.get(key);
    if (hit) return hit;
    const col = columns.get(key);
    const get = resolve(key);
    const out: CellRead[] = new Array<CellRead>(ledger.units.length);
    ledger.units.forEach((unit, i) => {
      if (!get) {
        out[i] = EMPTY;
        return;
      }
      let raw = get(unit);
      // A text cell keeps its sign (`95%`), which the ledger's parsed number would have lost.
      const gridRaw = col ? rawOf(unit, col) : undefined;
      if (typeof gridRaw === 'string' && raw !== null && raw !== undefined && typeof raw !== 'string') raw = gridRaw;
      const n = typeof raw === 'number' && Number.isFinite(raw) ? { value: raw, sign: null, bad: false } : readNumber(raw);
      out[i] = { ...n, raw, cell: (raw === null || raw === undefined) && !col ? null : cellOf(unit, key, col) };
    });
    memo.set(key, out);
    return out;
  };
  const position = new Map<LedgerUnit, number>();
  ledger.units.forEach((u, i) => position.set(u, i));
  const read = (unit: LedgerUnit, code: string): CellRead => {
    const i = position.get(unit);
    return i === undefined ? EMPTY : (values(code)[i] ?? EMPTY);
  };

  return {
    sheet,
    grid,
    headerRow,
    columns,
    units: ledger.units,
    read,
    values,
    has: (code) => columns.has(code.toUpperCase()),
  };
}
