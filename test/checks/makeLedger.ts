/**
 * Test helper: a 乡镇台账 grid and the Ledger a reader would make of it, built by hand so the
 * checks' tests do not depend on readLedger. Header cells follow the template (`CODE 名称`,
 * `单位`, `类别`); scheme codes become ledger inputs, other columns stay grid-only.
 */
import type { CellValue, Ledger, LedgerUnit, SheetGrid, WorkbookGrid } from '../../src/engine/ledger/types';
import { SHEETS } from '../../src/engine/ledger/types';
import { DEFAULT_SCHEME } from '../../src/engine/scheme/defaultScheme';
import { indexScheme } from '../../src/engine/scheme/schemeIndex';
import type { Scheme, VetoInput } from '../../src/engine/types';
import { columnLetter, headerCode } from '../../src/engine/checks/table';

export interface Made {
  readonly ledger: Ledger;
  readonly workbook: WorkbookGrid;
}

export function makeLedger(header: readonly string[], rows: readonly (readonly CellValue[])[], opts: { scheme?: Scheme; sheets?: readonly SheetGrid[] } = {}): Made {
  const scheme = opts.scheme ?? DEFAULT_SCHEME;
  const index = indexScheme(scheme);
  const vetoes = new Set(scheme.vetoes.map((v) => v.code));
  const codes = header.map((h) => headerCode(h));
  const nameCol = header.indexOf('单位');
  const classCol = header.indexOf('类别');
  const known = (c: string | null): c is string => c !== null && (index.items.has(c) || index.adjustmentInputs.has(c) || vetoes.has(c) || (c.endsWith('T') && vetoes.has(c.slice(0, -1))));
  const columns: Record<string, string> = {};
  codes.forEach((c, i) => {
    if (known(c)) columns[c] = columnLetter(i);
  });
  const units: LedgerUnit[] = rows.map((row, r) => {
    const excelRow = r + 2;
    const scores: Record<string, number | null> = {};
    const adjustments: Record<string, number | null> = {};
    const vetoInputs: Record<string, { actual: VetoInput['actual']; target: VetoInput['target'] }> = {};
    const cells: Record<string, string> = {};
    codes.forEach((c, i) => {
      if (!known(c)) return;
      const v = row[i] ?? null;
      cells[c] = `${columnLetter(i)}${excelRow}`;
      const num = typeof v === 'number' ? v : null;
      if (index.items.has(c)) scores[c] = num;
      else if (index.adjustmentInputs.has(c)) adjustments[c] = num;
      else {
        const veto = vetoes.has(c) ? c : c.slice(0, -1);
        const entry = (vetoInputs[veto] ??= { actual: null, target: null });
        const value = typeof v === 'boolean' ? null : v;
        if (veto === c) entry.actual = value;
        else entry.target = value;
      }
    });
    const cls = classCol >= 0 ? row[classCol] : null;
    return {
      input: { unit: String(row[nameCol] ?? `T${r}`), unitClass: cls === 1 || cls === 2 || cls === 3 ? (cls) : null, scores, adjustments, vetoInputs },
      source: { sheet: SHEETS.towns, row: excelRow, cells },
    };
  });
  const ledger: Ledger = { scheme, customScheme: false, units, departments: [], columns: { [SHEETS.towns]: columns }, findings: [] };
  const workbook: WorkbookGrid = { sheets: [{ name: SHEETS.towns, values: [header, ...rows] }, ...(opts.sheets ?? [])] };
  return { ledger, workbook };
}

/** Rule sheet from rows (a header row is added). */
export function ruleSheet(rows: readonly (readonly CellValue[])[]): SheetGrid {
  return { name: SHEETS.rules, values: [['左式', '运算符', '右式', '容差', '级别', '说明'], ...rows] };
}

/** n town rows named 镇1..镇n, produced by `f(i)` after the name and class columns. */
export function towns(n: number, f: (i: number) => CellValue[], cls: (i: number) => CellValue = () => 1): CellValue[][] {
  return Array.from({ length: n }, (_, i) => [`镇${i + 1}`, cls(i), ...f(i)]);
}
