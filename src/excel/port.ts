/**
 * The port between the task pane and a workbook. `officeWorkbook.ts` implements it over
 * Office.js (the only Office.js code in the project); the workbench implements it over an
 * in-browser workbook; tests use fakes. The pane never touches Office.js directly.
 */
import type { SheetSpec, WorkbookGrid } from '../engine/ledger/types';

/** Settings the pane keeps in the document (Office document settings / workbench memory). */
export interface PaneSettings {
  readonly topN: number;
  readonly bottomN: number;
  readonly byClass: boolean;
  readonly language: 'zh-CN' | 'en-US';
}

export interface CellRef {
  readonly sheet: string;
  /** A1 address, e.g. `C5`. */
  readonly address: string;
}

export interface WriteOptions {
  /** Replace output sheets Kaohe created earlier; without it, an existing sheet is a SheetExistsError. */
  readonly replace: boolean;
  /** Sheet to activate after writing. */
  readonly activate?: string;
  /** Called with 0..1 while writing. */
  readonly onProgress?: (fraction: number) => void;
}

/** Thrown by `writeSheets` when a sheet already exists and `replace` is false (the pane then asks). */
export class SheetExistsError extends Error {
  constructor(
    readonly sheets: readonly string[],
    /** Sheets that exist but were not created by Kaohe: never replaced, whatever the answer. */
    readonly foreign: readonly string[],
  ) {
    super(`Sheets already exist: ${sheets.join(', ')}`);
    this.name = 'SheetExistsError';
  }
}

export interface WorkbookPort {
  /** Names of all sheets, in tab order. */
  listSheets(): Promise<string[]>;
  /** Values of the named sheets (used range, from A1), for the ledger reader. Missing sheets are left out. */
  readSheets(names: readonly string[]): Promise<WorkbookGrid>;
  /**
   * Writes sheets as values (text stays text), with formats. Creates missing sheets, marks them as
   * Kaohe's own, and replaces only Kaohe's own sheets when `replace` is true. Input sheets are never touched.
   */
  writeSheets(specs: readonly SheetSpec[], options: WriteOptions): Promise<void>;
  /** Selects a cell (and activates its sheet). */
  selectCell(ref: CellRef): Promise<void>;
  /** Temporarily marks cells (e.g. findings); `clearHighlights` restores the user's own formatting. */
  highlightCells(refs: readonly CellRef[]): Promise<void>;
  clearHighlights(): Promise<void>;
  loadSettings(): Promise<PaneSettings | null>;
  saveSettings(settings: PaneSettings): Promise<void>;
}

export const DEFAULT_SETTINGS: PaneSettings = { topN: 3, bottomN: 3, byClass: false, language: 'zh-CN' };
