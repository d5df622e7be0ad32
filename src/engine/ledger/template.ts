/**
 * `kaohe template` and the pane's "新建台账": the empty ledger workbook for a scheme.
 */
import type { Scheme } from '../types';
import { cellAddress, columnLetter } from './cells';
import { departmentColumns, headerText, townColumns, type LedgerColumn } from './columns';
import { schemeRows } from './schemeSheet';
import { departmentKind, unitKind } from '../scheme/kinds';
import { SHEETS, type CellValue, type SheetSpec } from './types';

export interface TemplateOptions {
  /** Assessment year, recorded on the 方案 sheet. */
  readonly year?: number;
  /** Town/street names to pre-fill (one row each); otherwise blank rows. */
  readonly units?: readonly string[];
  readonly departments?: readonly string[];
  /** Blank rows when no names are given (default 20 towns, 8 departments). */
  readonly blankRows?: number;
  /**
   * Language of the headers: `zh` (default) `CODE 中文名`; `en` English first, `CODE English / 中文名`
   * and `Unit / 单位` (the reader takes both).
   */
  readonly lang?: 'zh' | 'en';
}

function ledgerSheet(
  name: string,
  cols: readonly LedgerColumn[],
  names: readonly string[],
  blankRows: number,
  prefill: (col: LedgerColumn) => CellValue,
  lang: 'zh' | 'en',
): SheetSpec {
  const n = names.length > 0 ? names.length : blankRows;
  const rows: CellValue[][] = [cols.map((c) => headerText(c, lang))];
  for (let r = 0; r < n; r++) {
    // Names are plain strings: writers put them in as text, never as formulas.
    rows.push(
      cols.map((c) =>
        c.kind === 'unit' ? (names[r] ?? null) : names.length > 0 ? prefill(c) : null,
      ),
    );
  }
  const validations: { range: string; min: number; max: number }[] = [];
  cols.forEach((c, i) => {
    if (c.min !== undefined && c.max !== undefined && n > 0) {
      validations.push({
        range: `${cellAddress(1, i)}:${columnLetter(i)}${n + 1}`,
        min: c.min,
        max: c.max,
      });
    }
  });
  return {
    name,
    rows,
    columns: cols.map((c) => ({
      width: c.width,
      ...(c.kind === 'item' || c.kind === 'veto' || c.kind === 'vetoTarget'
        ? { numFmt: 'General' }
        : {}),
    })),
    rowStyles: { 0: 'header' },
    freezeRows: 1,
    freezeColumns: 1,
    validations,
    landscape: true,
  };
}

/**
 * The 方案 sheet as written: its rows (`schemeRows`) with widths, header style and print set-up.
 * `kaohe template` and `kaohe scheme import` both write it this way.
 */
export function schemeSheetSpec(rows: readonly (readonly CellValue[])[]): SheetSpec {
  return {
    name: SHEETS.scheme,
    rows,
    columns: [8, 8, 28, 36, 8, 8, 8, 10, 8, 14, 10, 10, 10, 10, 10, 24].map((width) => ({ width })),
    rowStyles: { 0: 'header' },
    freezeRows: 1,
    landscape: true,
  };
}

/**
 * The three input sheets of a ledger: 方案 (the scheme, editable), 乡镇台账 and 部门台账, with
 * `CODE 中文名` headers, input validation (0..points), frozen header and A4 landscape set-up.
 * Veto target cells are pre-filled with the scheme's default target when there is one.
 * @example buildTemplateSheets(DEFAULT_SCHEME, { units: ['祖庙街道'] })[1].rows[0].slice(0, 3) // ['单位', '类别', 'P1 基本人口指标']
 */
export function buildTemplateSheets(scheme: Scheme, options: TemplateOptions = {}): SheetSpec[] {
  const blank = options.blankRows ?? 20;
  const lang = options.lang ?? 'zh';
  const vetoTargets = new Map(scheme.vetoes.map((v) => [v.code + 'T', v.defaultTarget]));
  const schemeSheet = schemeSheetSpec(schemeRows(scheme, options.year, lang));
  const towns = ledgerSheet(
    unitKind(scheme)?.sheet ?? SHEETS.towns,
    townColumns(scheme),
    options.units ?? [],
    blank,
    (c) => (c.kind === 'vetoTarget' ? (vetoTargets.get(c.code) ?? null) : null),
    lang,
  );
  const depKind = departmentKind(scheme);
  const departments = ledgerSheet(
    depKind?.sheet ?? SHEETS.departments,
    departmentColumns(scheme),
    options.departments ?? [],
    Math.min(blank, 8),
    () => null,
    lang,
  );
  return [schemeSheet, ...(unitKind(scheme) ? [towns] : []), ...(depKind ? [departments] : [])];
}
