/**
 * The part of the Excel JavaScript object model that the adapter uses, as structural types.
 * `Excel.RequestContext` satisfies them (checked by the compiler in `officeGlobals.ts`), and so
 * does the counting fake in `fake/countingExcel.ts`. Declaring them here, instead of naming the
 * global `Excel` namespace, keeps the adapter compilable without the Office typings (the CLI build
 * compiles the fake for the benchmark) and lets tests pass any object model in.
 */

export interface XlRequestContext {
  readonly workbook: XlWorkbook;
  sync(): Promise<void>;
}

export interface XlWorkbook {
  readonly worksheets: XlWorksheetCollection;
  /** Workbook-scoped named items; Kaohe marks its own sheets with one each. */
  readonly names: XlNamedItemCollection;
  readonly application: XlApplication;
}

export interface XlApplication {
  /** ExcelApi 1.6. */
  suspendApiCalculationUntilNextSync(): void;
  /** ExcelApi 1.9. */
  suspendScreenUpdatingUntilNextSync(): void;
}

export interface XlWorksheetCollection {
  readonly items: XlWorksheet[];
  load(propertyNames: string): unknown;
  getItem(key: string): XlWorksheet;
  add(name?: string): XlWorksheet;
}

export interface XlWorksheet {
  readonly name: string;
  readonly freezePanes: XlFreezePanes;
  readonly pageLayout: XlPageLayout;
  readonly charts: XlChartCollection;
  getRange(address?: string): XlRange;
  getUsedRangeOrNullObject(valuesOnly?: boolean): XlRange;
  activate(): void;
}

export interface XlFreezePanes {
  /** ExcelApi 1.7. */
  freezeRows(count?: number): void;
  unfreeze(): void;
}

export interface XlPageLayout {
  /** ExcelApi 1.9 (the whole PageLayout object). */
  orientation: string;
  paperSize: string;
  setPrintArea(printArea: string): void;
}

export interface XlRange {
  readonly isNullObject: boolean;
  readonly address: string;
  readonly rowCount: number;
  readonly columnCount: number;
  values: unknown[][];
  numberFormat: unknown[][];
  readonly format: XlRangeFormat;
  /** ExcelApi 1.8. */
  readonly dataValidation: XlDataValidation;
  load(propertyNames: string): unknown;
  clear(): void;
  select(): void;
}

export interface XlRangeFormat {
  columnWidth: number;
  readonly font: { bold: boolean; color: string };
  readonly fill: XlRangeFill;
}

export interface XlRangeFill {
  color: string;
  /** ExcelApi 1.9; `None` when the cell has no fill. */
  readonly pattern: string;
  load(propertyNames: string): unknown;
  clear(): void;
}

export interface XlDataValidation {
  rule: unknown;
  clear(): void;
}

export interface XlChartCollection {
  add(type: string, sourceData: XlRange, seriesBy?: string): XlChart;
  getItemOrNullObject(name: string): XlChart;
}

export interface XlChart {
  readonly isNullObject: boolean;
  name: string;
  readonly title: { text: string };
  readonly legend: { visible: boolean };
  readonly series: { getItemAt(index: number): { setXAxisValues(sourceData: XlRange): void } };
  load(propertyNames: string): unknown;
  setPosition(startCell: string, endCell?: string): void;
  delete(): void;
}

export interface XlNamedItemCollection {
  readonly items: XlNamedItem[];
  load(propertyNames: string): unknown;
  add(name: string, reference: XlRange | string, comment?: string): unknown;
}

export interface XlNamedItem {
  readonly name: string;
  /** ExcelApi 1.7: `=排名汇总!$A$1` for a range name. */
  readonly formula: unknown;
}

/** `Office.context.document.settings` (or any store with the same shape). */
export interface DocumentSettings {
  get(name: string): unknown;
  set(name: string, value: unknown): void;
  saveAsync(callback?: (result: { status: unknown; error?: { message: string } | null }) => void): void;
}

/** Runs a batch against the workbook: `Excel.run` in Office, the fake in tests. */
export type RunBatch = <T>(batch: (context: XlRequestContext) => Promise<T>) => Promise<T>;

/** `Office.context.requirements.isSetSupported`, e.g. `supports('ExcelApi', '1.9')`. */
export type SupportsSet = (set: string, version: string) => boolean;
