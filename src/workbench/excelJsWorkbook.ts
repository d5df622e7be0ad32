/**
 * The workbench's `WorkbookPort`: the same port the pane uses in Excel, over an ExcelJS workbook
 * held in the browser (or in node, for tests). Nothing here touches the network or the DOM.
 *
 * Kaohe marks the sheets it creates with a workbook-scoped defined name `Kaohe_Sheet_n` that
 * points at the sheet's A1 (the same mark the Office adapter sets, so a workbook can go between
 * Excel and the workbench), and a sheet of the same name typed by the user is never replaced.
 */
import type ExcelJS from 'exceljs';
import { PALETTE } from '../engine/ledger/palette';
import type { CellStyle, SheetSpec, WorkbookGrid } from '../engine/ledger/types';
import { cellsToMark } from '../excel/a1';
import { toCellValue, worksheetToGrid } from '../xlsx/grid';
import {
  checkReplace,
  DEFAULT_SETTINGS,
  planReplace,
  type CellRef,
  type PaneSettings,
  type WorkbookPort,
  type WriteOptions,
} from '../excel/port';

/** Same as `MARKER_PREFIX` in `src/excel/officeWorkbook.ts` (a test keeps them equal; importing it would pull the Office adapter into the workbench bundle). */
export const OWNED_NAME_PREFIX = 'Kaohe_Sheet_';

/** What the workbench UI shows besides the cells: which tab is open and which cell is selected. */
export interface WorkbenchView {
  readonly activeSheet: string | null;
  readonly selection: CellRef | null;
  /** Cells currently marked by `highlightCells`, as `sheet!A1`. */
  readonly highlighted: ReadonlySet<string>;
  /** Bumped on every change, so a UI can re-render. */
  readonly version: number;
}

/** A port error with its message in both languages (the pane shows the user's one). */
export class WorkbenchError extends Error {
  constructor(
    readonly zh: string,
    readonly en: string,
  ) {
    super(`${zh} / ${en}`);
    this.name = 'WorkbenchError';
  }
}

const argb = (hex: string): string => `FF${hex}`;

/** The row styles of `SheetSpec`, from the one palette every renderer uses. */
function rowStyle(style: CellStyle): Partial<ExcelJS.Style> {
  const look = PALETTE[style];
  const font: Partial<ExcelJS.Font> = {
    ...(look.bold ? { bold: true } : {}),
    ...(look.font ? { color: { argb: argb(look.font) } } : {}),
  };
  return {
    ...(Object.keys(font).length > 0 ? { font } : {}),
    ...(look.fill
      ? { fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: argb(look.fill) } } }
      : {}),
    ...(style === 'header' ? { alignment: { vertical: 'middle', wrapText: true } } : {}),
  };
}

/** The one ExcelJS cell reader (shared with the CLI); re-exported for the grid view. */
export { toCellValue };

/** ExcelJS orders tabs by this (untyped) worksheet field. */
interface TabOrder {
  orderNo: number;
}

function cellKey(ref: CellRef): string {
  return `${ref.sheet}!${ref.address.toUpperCase()}`;
}

function quoteSheet(name: string): string {
  return `'${name.replace(/'/g, "''")}'`;
}

function nextTick(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

export class ExcelJsWorkbook implements WorkbookPort {
  /** Settings live in memory: they last for the session, never in the downloaded file. */
  readonly settingsPersist = 'session' as const;
  private settings: PaneSettings | null = null;
  /** Sheets were written since the workbook was opened or last downloaded. */
  private changedSinceSave = false;
  private readonly listeners = new Set<() => void>();
  /**
   * Marked cells, by `sheet!A1`. Marks live in the view only (the grid draws them): the workbook
   * itself is never touched, so clearing them leaves it exactly as it was, used range included.
   */
  private readonly marks = new Map<string, CellRef>();
  private state: WorkbenchView;

  constructor(readonly workbook: ExcelJS.Workbook) {
    const first = this.visibleSheets()[0];
    this.state = {
      activeSheet: first?.name ?? null,
      selection: null,
      highlighted: new Set(),
      version: 0,
    };
  }

  /** True when the workbook holds writes (results, a template) not yet downloaded: closing it loses them. */
  get unsaved(): boolean {
    return this.changedSinceSave;
  }

  get view(): WorkbenchView {
    return this.state;
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Opens a tab in the workbench UI (the user clicked it). */
  activate(sheet: string): void {
    this.update({ activeSheet: sheet, selection: null });
  }

  private update(change: Partial<Omit<WorkbenchView, 'version'>>): void {
    this.state = { ...this.state, ...change, version: this.state.version + 1 };
    for (const listener of this.listeners) listener();
  }

  private visibleSheets(): ExcelJS.Worksheet[] {
    return this.workbook.worksheets.filter((ws) => ws.state !== 'veryHidden');
  }

  private sheet(name: string): ExcelJS.Worksheet | undefined {
    const lower = name.toLowerCase();
    // Excel sheet names are case-insensitive.
    return this.workbook.worksheets.find((ws) => ws.name.toLowerCase() === lower);
  }

  private ownedNames(): string[] {
    const model = this.workbook.definedNames.model as { name: string; ranges: string[] }[];
    return model
      .filter((entry) => entry.name.startsWith(OWNED_NAME_PREFIX))
      .flatMap((entry) => entry.ranges);
  }

  /** True when Kaohe created the sheet (a `Kaohe_Sheet_n` name points into it). */
  isOwned(name: string): boolean {
    const prefix = `${quoteSheet(name)}!`.toLowerCase();
    const bare = `${name}!`.toLowerCase();
    return this.ownedNames().some(
      (range) => range.toLowerCase().startsWith(prefix) || range.toLowerCase().startsWith(bare),
    );
  }

  private markOwned(name: string): void {
    const taken = new Set(
      (this.workbook.definedNames.model as { name: string }[]).map((entry) => entry.name),
    );
    let n = 1;
    while (taken.has(`${OWNED_NAME_PREFIX}${n}`)) n++;
    this.workbook.definedNames.add(`${quoteSheet(name)}!$A$1`, `${OWNED_NAME_PREFIX}${n}`);
  }

  private unmarkOwned(name: string): void {
    const model = this.workbook.definedNames.model as { name: string; ranges: string[] }[];
    const prefix = `${quoteSheet(name)}!`.toLowerCase();
    const bare = `${name}!`.toLowerCase();
    this.workbook.definedNames.model = model.filter(
      (entry) =>
        !(
          entry.name.startsWith(OWNED_NAME_PREFIX) &&
          entry.ranges.some(
            (r) => r.toLowerCase().startsWith(prefix) || r.toLowerCase().startsWith(bare),
          )
        ),
    );
  }

  async listSheets(): Promise<string[]> {
    return this.visibleSheets().map((ws) => ws.name);
  }

  async readSheets(names: readonly string[]): Promise<WorkbookGrid> {
    const sheets = names.flatMap((name) => {
      const ws = this.sheet(name);
      return ws ? [worksheetToGrid(ws)] : [];
    });
    return { sheets };
  }

  async writeSheets(specs: readonly SheetSpec[], options: WriteOptions): Promise<void> {
    // Decide everything before changing anything: a refused write leaves the workbook as it was.
    const plan = planReplace(
      specs.map((spec) => spec.name),
      this.workbook.worksheets.map((ws) => ws.name),
      (name) => this.isOwned(name),
    );
    checkReplace(plan, options.replace);
    options.onProgress?.(0);
    // A replaced sheet keeps its place among the tabs.
    const places = new Map<string, number>();
    for (const name of plan.clashes) {
      const ws = this.sheet(name)!;
      places.set(name.toLowerCase(), (ws as unknown as TabOrder).orderNo);
      this.dropMarksOn(ws.name);
      this.unmarkOwned(ws.name);
      this.workbook.removeWorksheet(ws.id);
    }
    this.changedSinceSave = true;
    let done = 0;
    for (const spec of specs) {
      const ws = this.renderSheet(spec);
      const place = places.get(spec.name.toLowerCase());
      if (place !== undefined) (ws as unknown as TabOrder).orderNo = place;
      this.markOwned(spec.name);
      done++;
      options.onProgress?.(done / specs.length);
      // Let the browser paint the progress between sheets.
      await nextTick();
    }
    const activate = options.activate ? this.sheet(options.activate) : undefined;
    if (activate) {
      const index = this.workbook.worksheets.indexOf(activate);
      this.workbook.views = [
        {
          x: 0,
          y: 0,
          width: 20000,
          height: 12000,
          firstSheet: 0,
          activeTab: index,
          visibility: 'visible',
        },
      ];
    }
    this.update({
      activeSheet: activate?.name ?? this.state.activeSheet ?? specs[0]?.name ?? null,
      selection: null,
    });
  }

  private renderSheet(spec: SheetSpec): ExcelJS.Worksheet {
    const ws = this.workbook.addWorksheet(spec.name);
    spec.columns.forEach((column, i) => {
      ws.getColumn(i + 1).width = column.width;
    });
    spec.rows.forEach((values, r) => {
      const row = ws.getRow(r + 1);
      const style = spec.rowStyles?.[r];
      values.forEach((value, c) => {
        const cell = row.getCell(c + 1);
        // Strings are assigned as plain values: ExcelJS stores them as text, so `=HYPERLINK(…)` stays text.
        cell.value = value;
        const numFmt = r >= spec.freezeRows ? spec.columns[c]?.numFmt : undefined;
        const look: Partial<ExcelJS.Style> = {
          ...(style ? rowStyle(style) : {}),
          ...(numFmt ? { numFmt } : {}),
        };
        if (Object.keys(look).length > 0) cell.style = look;
      });
    });
    if (spec.freezeRows > 0 || (spec.freezeColumns ?? 0) > 0) {
      ws.views = [{ state: 'frozen', xSplit: spec.freezeColumns ?? 0, ySplit: spec.freezeRows }];
    }
    const validations = (
      ws as unknown as {
        dataValidations: { add(range: string, rule: ExcelJS.DataValidation): void };
      }
    ).dataValidations;
    for (const v of spec.validations ?? []) {
      validations.add(v.range, {
        type: 'decimal',
        operator: 'between',
        allowBlank: true,
        showErrorMessage: true,
        formulae: [v.min, v.max],
        errorTitle: '超出范围 / Out of range',
        error: `请输入 ${v.min} 到 ${v.max} 之间的数 / Enter a number from ${v.min} to ${v.max}`,
      });
    }
    if (spec.landscape) {
      const lastCol = Math.max(1, spec.columns.length, ...spec.rows.map((row) => row.length));
      ws.pageSetup.orientation = 'landscape';
      ws.pageSetup.paperSize = 9; // A4
      ws.pageSetup.fitToPage = true;
      ws.pageSetup.fitToWidth = 1;
      ws.pageSetup.fitToHeight = 0;
      ws.pageSetup.printArea = `A1:${ws.getColumn(lastCol).letter}${Math.max(1, spec.rows.length)}`;
      if (spec.freezeRows > 0) ws.pageSetup.printTitlesRow = `1:${spec.freezeRows}`;
    }
    return ws;
  }

  async selectCell(ref: CellRef): Promise<void> {
    const ws = this.sheet(ref.sheet);
    if (!ws) throw missingSheet(ref.sheet);
    this.update({
      activeSheet: ws.name,
      selection: { sheet: ws.name, address: ref.address.toUpperCase() },
    });
  }

  async highlightCells(refs: readonly CellRef[]): Promise<void> {
    const cells = cellsToMark(refs).map((ref) => {
      const ws = this.sheet(ref.sheet);
      if (!ws) throw missingSheet(ref.sheet);
      return { sheet: ws.name, address: ref.address };
    });
    // A new mark replaces the old one, as in Excel.
    this.marks.clear();
    for (const ref of cells) this.marks.set(cellKey(ref), ref);
    this.update({ highlighted: new Set(this.marks.keys()) });
  }

  async clearHighlights(): Promise<void> {
    this.marks.clear();
    this.update({ highlighted: new Set() });
  }

  private dropMarksOn(sheet: string): void {
    for (const [key, mark] of this.marks) if (mark.sheet === sheet) this.marks.delete(key);
  }

  async loadSettings(): Promise<PaneSettings | null> {
    return this.settings;
  }

  async saveSettings(settings: PaneSettings): Promise<void> {
    this.settings = { ...DEFAULT_SETTINGS, ...settings };
    this.update({});
  }

  /** The settings last saved (the workbench chrome follows the pane's language). */
  get currentSettings(): PaneSettings | null {
    return this.settings;
  }

  /** The workbook as .xlsx bytes (marks are the view's, never in the file). */
  async toXlsx(): Promise<ArrayBuffer> {
    const bytes = await this.workbook.xlsx.writeBuffer();
    this.changedSinceSave = false;
    return bytes;
  }
}

function missingSheet(sheet: string): WorkbenchError {
  return new WorkbenchError(`找不到工作表“${sheet}”`, `Sheet “${sheet}” not found`);
}
