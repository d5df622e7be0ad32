/**
 * Outlier warnings (they never block ranking):
 * - `outlier.class`: a value far from the other towns of the same class: robust z-score
 *   |x − median| / (1.4826·MAD) above 3.5 (Iglewicz and Hoaglin), judged only in classes with
 *   at least 5 values and some spread (MAD > 0).
 * - `outlier.jump`: with a previous round (another workbook or a 上轮台账 sheet), a town whose
 *   change since the last round is far beyond the other towns' changes (robust z of the change).
 * A deviation must also be material: at least 10 % of the item's points (scheme items), or of the
 * median's size (other columns). Robust z alone flags 4 points on a 100-point item when five towns
 * score almost alike (MAD near 0), which tells a clerk nothing.
 * Columns checked: scheme items, veto figures and the user's own numeric columns; not targets
 * or bonus/deduction counts, which are set, not measured. Cells already holding an error are
 * left out, so a mis-scaled 0.97 is reported once, as a scale error.
 */
import type { CellValue, Finding, LedgerUnit, SheetGrid, WorkbookGrid } from '../ledger/types';
import { findHeaderRow, hasUnitHeader } from '../ledger/header';
import { SHEETS } from '../ledger/types';
import type { Scheme } from '../types';
import { finding } from './finding';
import { fmt, median, OUTLIER_Z, readNumber, robustZ } from './numbers';
import { findSheet, headerCode, type CellRead, type TownTable } from './table';

const CODE = /^[A-Z_][A-Z0-9_]*(?:\.[A-Z0-9_]+)*$/;

/** Codes whose values are measured (see the module comment). */
export function measuredCodes(table: TownTable, scheme: Scheme): string[] {
  const skip = new Set<string>();
  for (const v of scheme.vetoes) skip.add(`${v.code.toUpperCase()}T`);
  for (const rule of scheme.adjustments) for (const input of rule.inputs) skip.add(input.code.toUpperCase());
  return [...table.columns.keys()].filter((c) => CODE.test(c) && !skip.has(c));
}

interface Point {
  readonly unit: LedgerUnit;
  readonly value: number;
  readonly cell: string;
}

const CLASS_ZH = ['未分类', '一类', '二类', '三类'];
const CLASS_EN = ['unclassed', 'class 1', 'class 2', 'class 3'];

/** Share of an item's points (or of the median's size) a deviation must reach to be reported. */
export const MATERIAL_SHARE = 0.1;

/** Smallest deviation worth a warning: a share of the item's points, else of the reference size. */
function material(code: string, reference: number, pointsOf: (code: string) => number | undefined): number {
  const points = pointsOf(code);
  return MATERIAL_SHARE * (points !== undefined ? points : Math.abs(reference));
}

export function checkClassOutliers(
  table: TownTable,
  codes: readonly string[],
  flagged: ReadonlySet<string>,
  pointsOf: (code: string) => number | undefined = () => undefined,
): Finding[] {
  const out: Finding[] = [];
  for (const code of codes) {
    const groups = new Map<number | string, Point[]>();
    const column = table.values(code);
    for (let i = 0; i < table.units.length; i++) {
      const unit = table.units[i] as LedgerUnit;
      const r = column[i] as CellRead;
      if (r.value === null || r.cell === null || flagged.has(r.cell)) continue;
      const key = unit.input.unitClass ?? 0;
      let g = groups.get(key);
      if (!g) groups.set(key, (g = []));
      g.push({ unit, value: r.value, cell: r.cell });
    }
    for (const [cls, points] of groups) {
      const values = points.map((p) => p.value);
      const z = robustZ(values);
      if (!z) continue;
      const m = median(values);
      const least = material(code, m, pointsOf);
      points.forEach((p, i) => {
        const score = z[i] as number;
        if (score <= OUTLIER_Z || Math.abs(p.value - m) < least) return;
        const name = p.unit.input.unit;
        out.push(
          finding('warning', 'outlier.class', table.sheet, p.cell, `${name} 的 ${code} 为 ${fmt(p.value)}，远离同类（${typeof cls === 'number' ? (CLASS_ZH[cls] ?? cls) : cls}，${points.length} 个单位）中位数 ${fmt(m)}（稳健 z = ${fmt(score)}），请核实`, `${name}: ${code} is ${fmt(p.value)}, far from the median ${fmt(m)} of its class (${typeof cls === 'number' ? (CLASS_EN[cls] ?? cls) : cls}, ${points.length} units; robust z = ${fmt(score)}); please verify`, {
            code,
            unit: name,
          }),
        );
      });
    }
  }
  return out;
}

/** The previous round's town sheet: from `previous` (its 乡镇台账, 上轮台账 or only sheet), else 上轮台账 in the workbook. */
export function previousSheet(workbook: WorkbookGrid, previous: WorkbookGrid | undefined): SheetGrid | undefined {
  if (previous) return findSheet(previous, SHEETS.towns) ?? findSheet(previous, SHEETS.previous) ?? (previous.sheets.length === 1 ? previous.sheets[0] : undefined);
  return findSheet(workbook, SHEETS.previous);
}

const cellText = (v: CellValue | undefined): string => (v === null || v === undefined ? '' : String(v).trim());

export function checkJumps(
  table: TownTable,
  codes: readonly string[],
  flagged: ReadonlySet<string>,
  prev: SheetGrid | undefined,
  pointsOf: (code: string) => number | undefined = () => undefined,
): Finding[] {
  const grid = table.grid;
  const firstUnit = table.units[0];
  if (!prev || !grid || !firstUnit) return [];
  // The name column: where the first town's name sits in its row; matched in the old sheet by header.
  const firstRow = grid.values[firstUnit.source.row - 1] ?? [];
  const nameIndex = firstRow.findIndex((v) => cellText(v) === firstUnit.input.unit.trim());
  if (nameIndex < 0) return [];
  const nameHeader = cellText(grid.values[table.headerRow]?.[nameIndex]);
  // The old sheet's header: the first row naming the same name column (or 单位), below any title rows.
  const named = (row: readonly CellValue[]) => nameHeader !== '' && row.some((h) => cellText(h) === nameHeader);
  const prevHeaderRow = Math.max(0, findHeaderRow(prev, (row) => named(row) || hasUnitHeader(row)));
  const prevHeader = prev.values[prevHeaderRow] ?? [];
  let prevNameIndex = prevHeader.findIndex((h) => cellText(h) === nameHeader && nameHeader !== '');
  if (prevNameIndex < 0) prevNameIndex = nameIndex;
  const prevRows = new Map<string, readonly CellValue[]>();
  prev.values.forEach((row, i) => {
    const n = cellText(row[prevNameIndex]);
    if (i > prevHeaderRow && n !== '' && !prevRows.has(n)) prevRows.set(n, row);
  });
  const prevCols = new Map<string, number>();
  prevHeader.forEach((h, i) => {
    const c = headerCode(h);
    if (c && !prevCols.has(c)) prevCols.set(c, i);
  });

  const out: Finding[] = [];
  for (const code of codes) {
    const pi = prevCols.get(code);
    if (pi === undefined) continue;
    const points: { unit: LedgerUnit; cell: string; now: number; before: number }[] = [];
    const column = table.values(code);
    for (let i = 0; i < table.units.length; i++) {
      const unit = table.units[i] as LedgerUnit;
      const row = prevRows.get(unit.input.unit.trim());
      if (!row) continue;
      const r = column[i] as CellRead;
      const before = readNumber(row[pi]).value;
      if (r.value === null || r.cell === null || before === null || flagged.has(r.cell)) continue;
      points.push({ unit, cell: r.cell, now: r.value, before });
    }
    const changes = points.map((p) => p.now - p.before);
    const z = robustZ(changes);
    if (!z) continue;
    const typical = median(changes);
    const least = material(code, median(points.map((p) => p.before)), pointsOf);
    points.forEach((p, i) => {
      const score = z[i] as number;
      if (score <= OUTLIER_Z || Math.abs(changes[i] as number - typical) < least) return;
      const name = p.unit.input.unit;
      const change = p.now - p.before;
      out.push(
        finding('warning', 'outlier.jump', table.sheet, p.cell, `${name} 的 ${code} 由上轮 ${fmt(p.before)} 变为 ${fmt(p.now)}（变化 ${fmt(change)}），远超其他单位的典型变化 ${fmt(typical)}（稳健 z = ${fmt(score)}），请核实`, `${name}: ${code} went from ${fmt(p.before)} last round to ${fmt(p.now)} (change ${fmt(change)}), far beyond the other units' typical change ${fmt(typical)} (robust z = ${fmt(score)}); please verify`, {
          code,
          unit: name,
        }),
      );
    });
  }
  return out;
}
