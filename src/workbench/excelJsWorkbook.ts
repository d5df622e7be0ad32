/**
 * The workbench's `WorkbookPort`: the same port the pane uses in Excel, over an ExcelJS workbook
 * held in the browser (or in node, for tests). Nothing here touches the network or the DOM.
 *
 * Kaohe marks the sheets it creates with a workbook-scoped defined name `Kaohe_Sheet_n` that
 * points at the sheet's A1 (the same mark the Office adapter sets, so a workbook can go between
 * Excel and the workbench), and a sheet of the same name typed by the user is never replaced.
 */
import type ExcelJS from 'exceljs';
import type { CellStyle, SheetSpec, WorkbookGrid } from '../engine/ledger/types';
import { toCellValue, worksheetToGrid } from '../xlsx/grid';
import {
  DEFAULT_SETTINGS,
  SheetExistsError,
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

type Fill = ExcelJS.Fill;

const solid = (argb: string): Fill => ({ type: 'pattern', pattern: 'solid', fgColor: { argb } });

/** The row styles of `SheetSpec`, in the palette Excel users know from conditional formatting. */
const ROW_STYLES: Record<CellStyle, Partial<ExcelJS.Style>> = {
  header: {
    font: { bold: true, color: { argb: 'FF1F3864' } },
    fill: solid('FFDDEBF7'),
    alignment: { vertical: 'middle', wrapText: true },
  },
  vetoed: { font: { color: { argb: 'FF9C0006' } }, fill: solid('FFFFC7CE') },
  top: { font: { color: { argb: 'FF006100' } }, fill: solid('FFC6EFCE') },
  yellow: { font: { color: { argb: 'FF9C5700' } }, fill: solid('FFFFEB9C') },
  last: { font: { color: { argb: 'FF595959' } }, fill: solid('FFD9D9D9') },
  total: { font: { bold: true } },
};

const HIGHLIGHT: Partial<ExcelJS.Style> = {
  fill: solid('FFFFD966'),
  border: {
    top: { style: 'medium', color: { argb: 'FFC00000' } },
    bottom: { style: 'medium', color: { argb: 'FFC00000' } },
    left: { style: 'medium', color: { argb: 'FFC00000' } },
    right: { style: 'medium', color: { argb: 'FFC00000' } },
  },
};

/** The one ExcelJS cell reader (shared with the CLI); re-exported for the grid view. */
export { toCellValue };

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
  private settings: PaneSettings | null = null;
  private readonly listeners = new Set<() => void>();
  /** Original style of every marked cell, to restore it exactly. */
  private readonly marks = new Map<string, { ref: CellRef; style: Partial<ExcelJS.Style> }>();
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
    const existing = specs
      .map((spec) => this.sheet(spec.name))
      .filter((ws): ws is ExcelJS.Worksheet => ws !== undefined);
    const foreign = existing.filter((ws) => !this.isOwned(ws.name)).map((ws) => ws.name);
    // Decide everything before changing anything: a refused write leaves the workbook as it was.
    if (existing.length > 0 && (!options.replace || foreign.length > 0)) {
      throw new SheetExistsError(
        existing.map((ws) => ws.name),
        foreign,
      );
    }
    options.onProgress?.(0);
    for (const ws of existing) {
      this.dropMarksOn(ws.name);
      this.unmarkOwned(ws.name);
      this.workbook.removeWorksheet(ws.id);
    }
    let done = 0;
    for (const spec of specs) {
      this.renderSheet(spec);
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

  private renderSheet(spec: SheetSpec): void {
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
          ...(style ? ROW_STYLES[style] : {}),
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
  }

  async selectCell(ref: CellRef): Promise<void> {
    const ws = this.sheet(ref.sheet);
    if (!ws)
      throw new WorkbenchError(`找不到工作表“${ref.sheet}”`, `Sheet “${ref.sheet}” not found`);
    this.update({
      activeSheet: ws.name,
      selection: { sheet: ws.name, address: ref.address.toUpperCase() },
    });
  }

  async highlightCells(refs: readonly CellRef[]): Promise<void> {
    for (const ref of refs) {
      const ws = this.sheet(ref.sheet);
      if (!ws) continue;
      const key = cellKey({ sheet: ws.name, address: ref.address });
      if (this.marks.has(key)) continue;
      const cell = ws.getCell(ref.address);
      // ExcelJS shares style objects between cells loaded with the same style: copy, never mutate.
      const original = structuredCloneStyle(cell.style);
      this.marks.set(key, {
        ref: { sheet: ws.name, address: ref.address.toUpperCase() },
        style: original,
      });
      cell.style = { ...structuredCloneStyle(cell.style), ...HIGHLIGHT };
    }
    this.update({ highlighted: new Set(this.marks.keys()) });
  }

  async clearHighlights(): Promise<void> {
    this.restoreMarks();
    this.marks.clear();
    this.update({ highlighted: new Set() });
  }

  private restoreMarks(): void {
    for (const { ref, style } of this.marks.values()) {
      const ws = this.sheet(ref.sheet);
      if (ws) ws.getCell(ref.address).style = structuredCloneStyle(style);
    }
  }

  private dropMarksOn(sheet: string): void {
    for (const [key, mark] of this.marks) if (mark.ref.sheet === sheet) this.marks.delete(key);
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

  /**
   * The workbook as .xlsx bytes, without the temporary marks (they are the pane's, not the
   * user's formatting), which are put back afterwards.
   */
  async toXlsx(): Promise<ArrayBuffer> {
    const marked = [...this.marks.values()].map((mark) => mark.ref);
    await this.clearHighlights();
    try {
      const buffer = await this.workbook.xlsx.writeBuffer();
      return buffer;
    } finally {
      if (marked.length > 0) await this.highlightCells(marked);
    }
  }
}

function structuredCloneStyle(style: Partial<ExcelJS.Style>): Partial<ExcelJS.Style> {
  return JSON.parse(JSON.stringify(style ?? {})) as Partial<ExcelJS.Style>;
}
