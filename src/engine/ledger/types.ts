/**
 * The contract between the engine and every reader/writer of workbooks (CLI via ExcelJS, the
 * Office.js adapter, the in-browser workbench). Plain data only.
 */
import type { DepartmentInput, DepartmentScore, Scheme, Severity, UnitInput, UnitScore } from '../types';

/** A cell value as the engine sees it (dates, rich text and errors are turned into these by readers). */
export type CellValue = string | number | boolean | null;

/** One sheet as plain values, row-major (`values[row][col]`, 0-based). Row 0 is Excel row 1. */
export interface SheetGrid {
  readonly name: string;
  readonly values: readonly (readonly CellValue[])[];
  /**
   * Number formats, row-major like `values`, where the reader knows them (Office.js
   * `numberFormat`, ExcelJS `numFmt`); a missing row or cell, or null, is General. The format
   * tells a figure's scale: 0.982 in a `0.0%` cell is 98.2 % (see `figureValue`).
   */
  readonly numberFormats?: readonly (readonly (string | null)[] | undefined)[];
}

/** A workbook as plain sheets, in tab order. */
export interface WorkbookGrid {
  readonly sheets: readonly SheetGrid[];
}

/** Sheet names of the ledger format (shared by `kaohe template`, the pane and the readers). */
export const SHEETS = {
  scheme: '方案',
  towns: '乡镇台账',
  departments: '部门台账',
  rules: '核查规则',
  previous: '上轮台账',
  summary: '排名汇总',
  departmentRanking: '部门排名',
  detail: '得分明细',
  itemAnalysis: '指标分析',
} as const;

/** Output sheets written by ranking; never read as input and never anything else. */
export const OUTPUT_SHEETS: readonly string[] = [SHEETS.summary, SHEETS.departmentRanking, SHEETS.detail, SHEETS.itemAnalysis];

/**
 * A finding of a check or a reader: where, what, how bad. `cell` is an A1 address on `sheet`
 * (null for a whole-sheet problem). Messages exist in Chinese and English.
 */
export interface Finding {
  readonly severity: Severity;
  /** Stable identifier of the rule that produced the finding, e.g. `score.above-points`. */
  readonly rule: string;
  readonly sheet: string;
  readonly cell: string | null;
  /** Item / veto / adjustment code concerned, when there is one. */
  readonly code?: string;
  /** Town or department concerned, when there is one. */
  readonly unit?: string;
  readonly zh: string;
  readonly en: string;
}

/** Where a unit's inputs came from: its sheet row (1-based, as Excel shows it) and the column of each code. */
export interface RowSource {
  readonly sheet: string;
  readonly row: number;
  /** Ledger code -> A1 address of the cell it was read from. */
  readonly cells: Readonly<Record<string, string>>;
}

export interface LedgerUnit {
  readonly input: UnitInput;
  /** The unit scored once, when read (ranking reuses it; `rankScored`). */
  readonly score?: UnitScore;
  readonly source: RowSource;
}

export interface LedgerDepartment {
  readonly input: DepartmentInput;
  readonly score?: DepartmentScore;
  readonly source: RowSource;
}

/** Everything read from a ledger workbook, with the problems found while reading. */
export interface Ledger {
  readonly scheme: Scheme;
  /** True when the workbook's own 方案 sheet was used. */
  readonly customScheme: boolean;
  readonly units: readonly LedgerUnit[];
  readonly departments: readonly LedgerDepartment[];
  /** Column code -> A1 column letter, per input sheet (for checks that need whole columns). */
  readonly columns: Readonly<Record<string, Readonly<Record<string, string>>>>;
  readonly findings: readonly Finding[];
}

/** How a cell of an output sheet should look; renderers map these to ExcelJS / Office.js formats. */
export type CellStyle = 'header' | 'vetoed' | 'top' | 'yellow' | 'last' | 'total';

/** A sheet to write: values plus presentation hints every renderer understands. */
export interface SheetSpec {
  readonly name: string;
  /** Row-major values; row 0 is the header. Strings are always text, never formulas. */
  readonly rows: readonly (readonly CellValue[])[];
  /** Per column: width in characters and an Excel number format (e.g. `0.00`). */
  readonly columns: readonly { readonly width: number; readonly numFmt?: string }[];
  /** Style of each row (index into rows), when not plain. */
  readonly rowStyles?: Readonly<Record<number, CellStyle>>;
  /** Header rows to freeze (usually 1). */
  readonly freezeRows: number;
  /** Leading columns to freeze (e.g. 1 to keep 单位 visible); added by the ledger/CLI work. */
  readonly freezeColumns?: number;
  /** Input cells' data validation: decimal between min and max, by A1 range. */
  readonly validations?: readonly { readonly range: string; readonly min: number; readonly max: number }[];
  readonly landscape?: boolean;
  /** Column letter of the values to chart and the label column, for a bar chart of totals. */
  readonly chart?: { readonly labelColumn: number; readonly valueColumn: number; readonly rowCount: number; readonly title: string };
}
