/**
 * The port between the task pane and a workbook. `officeWorkbook.ts` implements it over
 * Office.js (the only Office.js code in the project); the workbench implements it over an
 * in-browser workbook; tests use fakes. The pane never touches Office.js directly.
 */
import { OUTPUT_SHEETS, type SheetSpec, type WorkbookGrid } from '../engine/ledger/types';

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

/**
 * Thrown by `writeSheets` when a sheet to write already exists and `replace` is false (the pane
 * then asks), or when one of them may never be replaced.
 */
export class SheetExistsError extends Error {
  constructor(
    readonly sheets: readonly string[],
    /**
     * Sheets never replaced, whatever the answer (see {@link planReplace}): the user's own sheets,
     * and input sheets even when Kaohe created them from the template (they hold what was typed).
     */
    readonly foreign: readonly string[],
  ) {
    super(`Sheets already exist: ${sheets.join(', ')}`);
    this.name = 'SheetExistsError';
  }
}

/** Existing sheets that clash with a write, and which of them may never be replaced. */
export interface ReplacePlan {
  /** Existing sheets with the name of a sheet to write, spelled as in the workbook. */
  readonly clashes: readonly string[];
  /** Of the clashes, those never replaced (they become `SheetExistsError.foreign`). */
  readonly refused: readonly string[];
}

const sameSheetName = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();

/**
 * The one replace rule of every `WorkbookPort`. A sheet to write that already exists may be
 * replaced only when Kaohe created it (it carries Kaohe's marker) and it is an output sheet
 * (排名汇总, 部门排名, 得分明细, 指标分析): those hold only what Kaohe wrote. Every other existing
 * sheet is refused whatever the user answers: a sheet the user made, and an input sheet (方案,
 * 乡镇台账, …) even when Kaohe created it from the template, because it holds what the user typed.
 * Sheet names compare as in Excel, ignoring case.
 *
 * @param toWrite names of the sheets to write
 * @param existing names of the workbook's sheets
 * @param ownedByKaohe whether an existing sheet carries Kaohe's marker
 * @example planReplace(['排名汇总', '乡镇台账'], ['乡镇台账', '排名汇总'], () => true)
 *   // { clashes: ['排名汇总', '乡镇台账'], refused: ['乡镇台账'] }
 */
export function planReplace(
  toWrite: readonly string[],
  existing: readonly string[],
  ownedByKaohe: (sheet: string) => boolean,
): ReplacePlan {
  const clashes: string[] = [];
  for (const name of toWrite) {
    const found = existing.find((e) => sameSheetName(e, name));
    if (found !== undefined && !clashes.includes(found)) clashes.push(found);
  }
  const isOutput = (name: string) => OUTPUT_SHEETS.some((o) => sameSheetName(o, name));
  const refused = clashes.filter((name) => !ownedByKaohe(name) || !isOutput(name));
  return { clashes, refused };
}

/**
 * Throws the `SheetExistsError` a write must end in, before anything is changed: when sheets
 * clash and `replace` is false, or when any clash may never be replaced.
 */
export function checkReplace(plan: ReplacePlan, replace: boolean): void {
  if (plan.clashes.length > 0 && (!replace || plan.refused.length > 0)) {
    throw new SheetExistsError(plan.clashes, plan.refused);
  }
}

export interface WorkbookPort {
  /**
   * Whether `saveSettings` keeps the settings in the document (Excel: yes, they travel with the
   * workbook) or only for this session (the workbench: gone when the page closes).
   */
  readonly settingsPersist: 'document' | 'session';
  /** Names of all sheets, in tab order. */
  listSheets(): Promise<string[]>;
  /** Values of the named sheets (used range, from A1), for the ledger reader. Missing sheets are left out. */
  readSheets(names: readonly string[]): Promise<WorkbookGrid>;
  /**
   * Writes sheets as values (text stays text), with formats. Creates missing sheets, marks them as
   * Kaohe's own, and replaces existing ones only when `replace` is true and {@link planReplace}
   * allows it; otherwise throws `SheetExistsError` with nothing changed. Other sheets are never touched.
   */
  writeSheets(specs: readonly SheetSpec[], options: WriteOptions): Promise<void>;
  /** Selects a cell (and activates its sheet). */
  selectCell(ref: CellRef): Promise<void>;
  /**
   * Temporarily marks cells (e.g. findings), replacing an earlier mark; `clearHighlights` then
   * leaves the workbook exactly as it was before marking (values, formats, fills, used range).
   */
  highlightCells(refs: readonly CellRef[]): Promise<void>;
  clearHighlights(): Promise<void>;
  loadSettings(): Promise<PaneSettings | null>;
  saveSettings(settings: PaneSettings): Promise<void>;
}

export const DEFAULT_SETTINGS: PaneSettings = { topN: 3, bottomN: 3, byClass: false, language: 'zh-CN' };
