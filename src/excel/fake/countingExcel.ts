/**
 * A counting fake of the part of the Excel object model the adapter uses (`../xl.ts`), for tests
 * and the benchmark. office-addin-mock cannot model collections (worksheets, names, charts), so
 * this fake does, and it measures what matters in Excel on the web:
 * - every `context.sync()` and the size of its request (UTF-8 JSON of each queued write or load,
 *   with its target path) and of its response (JSON of the loaded data);
 * - what was written where (cells with value, kind, number format, fill, bold; sheet settings).
 *
 * It behaves like Excel where the adapter's correctness depends on it: properties must be loaded
 * and synced before they are read, errors surface at `sync()`, `null` in `values` leaves a cell
 * unchanged, a 1×1 `numberFormat` fills the range, and a string written into a cell whose format is
 * not text is parsed the way Excel parses typing (`=`, `+`, `-`, `@` start a formula; numeric text
 * becomes a number). No jest imports: the benchmark reuses it.
 */
/* eslint-disable @typescript-eslint/no-this-alias -- accessor objects (get/set pairs) need the proxy they belong to */
import { boxAddress, columnIndex, MAX_COL, MAX_ROW, parseAddress, quoteSheet, utf8Length, type CellBox } from '../a1';
import type {
  DocumentSettings,
  RunBatch,
  XlApplication,
  XlChart,
  XlChartCollection,
  XlDataValidation,
  XlFreezePanes,
  XlNamedItem,
  XlNamedItemCollection,
  XlPageLayout,
  XlRange,
  XlRangeFill,
  XlRangeFormat,
  XlRequestContext,
  XlWorkbook,
  XlWorksheet,
  XlWorksheetCollection,
} from '../xl';

export type FakeCellKind = 'text' | 'number' | 'boolean' | 'formula';

export interface FakeCell {
  value: string | number | boolean;
  kind: FakeCellKind;
  /** Set when Excel would have turned the written string into a formula. */
  formula?: string;
  numberFormat: string;
  fill: string | null;
  bold: boolean;
  fontColor: string | null;
}

export interface FakeChartState {
  name: string;
  type: string;
  source: string;
  title: string;
  legendVisible: boolean;
  xAxis: string | null;
  position: string | null;
}

export interface FakeSheetState {
  name: string;
  readonly cells: Map<number, FakeCell>;
  frozenRows: number;
  orientation: string;
  paperSize: string;
  printArea: string | null;
  readonly columnWidths: Map<number, number>;
  validations: { address: string; rule: unknown }[];
  charts: FakeChartState[];
}

export interface FakeNameState {
  name: string;
  formula: string;
  comment: string;
}

export interface SyncRecord {
  /** Estimated request size: UTF-8 JSON of every queued action with its path and arguments. */
  requestBytes: number;
  responseBytes: number;
  actions: number;
  suspendedCalculation: boolean;
  suspendedScreenUpdating: boolean;
}

/** An error shaped like `OfficeExtension.Error` (code + message). */
export class FakeExcelError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(`${code}: ${message}`);
    this.name = 'RichApi.Error';
  }
}

export interface FakeExcelOptions {
  /** Keep written cells (default true). Off for large measurements: only sizes are counted. */
  readonly retainValues?: boolean;
  /** Refuse a sync whose request exceeds this many bytes, as Excel on the web does at 5 MB. */
  readonly maxRequestBytes?: number;
  /** Refuse a sync whose response exceeds this many bytes (Excel on the web: 5 MB). */
  readonly maxResponseBytes?: number;
}

const key = (row: number, col: number): number => row * (MAX_COL + 1) + col;
const rowOf = (k: number): number => Math.floor(k / (MAX_COL + 1));
const colOf = (k: number): number => k % (MAX_COL + 1);

/** Strings Excel would not keep as text when typed into a General cell. */
function parseTyped(text: string): { kind: FakeCellKind; value: string | number | boolean; formula?: string } {
  if (text.length > 1 && /^[=+\-@]/.test(text)) return { kind: 'formula', value: '#FORMULA', formula: text };
  const t = text.trim();
  if (t !== '' && /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?%?$/i.test(t)) {
    const n = Number(t.replace('%', ''));
    return { kind: 'number', value: t.endsWith('%') ? n / 100 : n };
  }
  if (/^(true|false)$/i.test(t)) return { kind: 'boolean', value: t.toLowerCase() === 'true' };
  return { kind: 'text', value: text };
}

function newCell(): FakeCell {
  return { value: '', kind: 'text', numberFormat: 'General', fill: null, bold: false, fontColor: null };
}

function isEmpty(c: FakeCell): boolean {
  return c.value === '' && c.formula === undefined;
}

/** In-memory `Office.context.document.settings`: `set` changes memory, `saveAsync` persists. */
export class FakeSettings implements DocumentSettings {
  private readonly memory = new Map<string, unknown>();
  /** What a reopened document would see. */
  readonly saved = new Map<string, unknown>();
  saveCalls = 0;
  failNextSave = false;

  get(name: string): unknown {
    const v = this.memory.get(name);
    return v === undefined ? null : JSON.parse(JSON.stringify(v));
  }

  set(name: string, value: unknown): void {
    this.memory.set(name, JSON.parse(JSON.stringify(value)));
  }

  saveAsync(callback?: (result: { status: unknown; error?: { message: string } | null }) => void): void {
    this.saveCalls++;
    if (this.failNextSave) {
      this.failNextSave = false;
      callback?.({ status: 'failed', error: { message: 'disk full' } });
      return;
    }
    for (const [k, v] of this.memory) this.saved.set(k, v);
    callback?.({ status: 'succeeded', error: null });
  }
}

/** The fake workbook. `run` is the `Excel.run` stand-in to hand to the adapter. */
export class FakeExcel {
  readonly sheets: FakeSheetState[] = [];
  readonly names: FakeNameState[] = [];
  readonly syncs: SyncRecord[] = [];
  readonly settings = new FakeSettings();
  activeSheet: string | null = null;
  selection: { sheet: string; address: string } | null = null;
  readonly retainValues: boolean;
  readonly maxRequestBytes: number;
  readonly maxResponseBytes: number;

  constructor(options: FakeExcelOptions = {}) {
    this.retainValues = options.retainValues ?? true;
    this.maxRequestBytes = options.maxRequestBytes ?? Infinity;
    this.maxResponseBytes = options.maxResponseBytes ?? Infinity;
  }

  readonly run: RunBatch = async (batch) => {
    const ctx = new FakeContext(this);
    const result = await batch(ctx);
    if (ctx.hasPending()) await ctx.sync(); // Excel.run syncs what is left when the batch returns
    return result;
  };

  /** Adds a sheet as a user would have it (values from `start`, default A1). */
  addSheet(name: string, values: readonly (readonly (string | number | boolean | null)[])[] = [], start = 'A1', formats?: { numberFormat?: string; fill?: string }): FakeSheetState {
    const sheet = this.newSheet(name);
    const box = parseAddress(start);
    if (!box) throw new Error(`bad start ${start}`);
    values.forEach((row, r) =>
      row.forEach((v, c) => {
        if (v === null) return;
        const cell = newCell();
        cell.value = v;
        cell.kind = typeof v === 'number' ? 'number' : typeof v === 'boolean' ? 'boolean' : 'text';
        if (formats?.numberFormat) cell.numberFormat = formats.numberFormat;
        if (formats?.fill) cell.fill = formats.fill;
        sheet.cells.set(key(box.row + r, box.col + c), cell);
      }),
    );
    return sheet;
  }

  newSheet(name: string): FakeSheetState {
    const sheet: FakeSheetState = { name, cells: new Map(), frozenRows: 0, orientation: 'Portrait', paperSize: 'Letter', printArea: null, columnWidths: new Map(), validations: [], charts: [] };
    this.sheets.push(sheet);
    return sheet;
  }

  sheet(name: string): FakeSheetState {
    const s = this.findSheet(name);
    if (!s) throw new Error(`no sheet ${name}`);
    return s;
  }

  findSheet(name: string): FakeSheetState | undefined {
    return this.sheets.find((s) => s.name === name);
  }

  cell(sheet: string, address: string): FakeCell | undefined {
    const box = parseAddress(address);
    if (!box) throw new Error(`bad address ${address}`);
    return this.sheet(sheet).cells.get(key(box.row, box.col));
  }

  /** The cell a user types into or formats (created blank when it did not exist). */
  userCell(sheet: string, address: string): FakeCell {
    const box = parseAddress(address);
    if (!box) throw new Error(`bad address ${address}`);
    const cells = this.sheet(sheet).cells;
    const k = key(box.row, box.col);
    const cell = cells.get(k) ?? newCell();
    cells.set(k, cell);
    return cell;
  }

  /** Every cell of a sheet with its A1 address. */
  cellsOf(sheet: string): { address: string; cell: FakeCell }[] {
    return [...this.sheet(sheet).cells.entries()].map(([k, cell]) => ({
      address: boxAddress({ row: rowOf(k), col: colOf(k), lastRow: rowOf(k), lastCol: colOf(k) }),
      cell,
    }));
  }

  /**
   * Everything about a sheet as a string, for before/after comparisons. A cell with no value and
   * the default format is left out: Excel cannot tell it from a cell never touched.
   */
  snapshot(name: string): string {
    const s = this.sheet(name);
    const blank = JSON.stringify(newCell());
    const cells = [...s.cells.entries()].filter(([, c]) => JSON.stringify(c) !== blank).sort((a, b) => a[0] - b[0]);
    return JSON.stringify({ ...s, cells, columnWidths: [...s.columnWidths.entries()] });
  }

  /** A user renames a sheet: names that refer to it follow, as in Excel. */
  renameSheetByUser(from: string, to: string): void {
    this.sheet(from).name = to;
    for (const n of this.names) n.formula = n.formula.split(`${refSheet(from)}!`).join(`${refSheet(to)}!`);
  }

  /** A user deletes a sheet: names that referred to it become `#REF!`. */
  deleteSheetByUser(name: string): void {
    const i = this.sheets.findIndex((s) => s.name === name);
    if (i < 0) throw new Error(`no sheet ${name}`);
    this.sheets.splice(i, 1);
    for (const n of this.names) if (n.formula.startsWith(`=${refSheet(name)}!`)) n.formula = '=#REF!$A$1';
  }

  get totalRequestBytes(): number {
    return this.syncs.reduce((n, s) => n + s.requestBytes, 0);
  }

  get maxSyncRequestBytes(): number {
    return this.syncs.reduce((n, s) => Math.max(n, s.requestBytes), 0);
  }
}

function refSheet(name: string): string {
  return /^[\p{L}\p{N}_]+$/u.test(name) && !/^\d/.test(name) ? name : quoteSheet(name);
}

/** One `Excel.run` batch: queues actions, counts them, applies them in order. */
class FakeContext implements XlRequestContext {
  readonly workbook: FakeWorkbook;
  private current: SyncRecord = FakeContext.record();
  private pendingLoads: Loadable[] = [];
  private error: FakeExcelError | null = null;

  constructor(readonly fake: FakeExcel) {
    this.workbook = new FakeWorkbook(this);
  }

  static record(): SyncRecord {
    return { requestBytes: 0, responseBytes: 0, actions: 0, suspendedCalculation: false, suspendedScreenUpdating: false };
  }

  hasPending(): boolean {
    return this.current.actions > 0;
  }

  /** Counts one queued action. Returns false when an earlier action failed (Excel stops there). */
  act(path: string, member: string, args: unknown = null): boolean {
    this.current.requestBytes += utf8Length(JSON.stringify([path, member, args]));
    this.current.actions++;
    return this.error === null;
  }

  fail(code: string, message: string): void {
    this.error ??= new FakeExcelError(code, message);
  }

  queueLoad(target: Loadable, path: string, props: string): void {
    this.act(path, 'load', props);
    this.pendingLoads.push(target);
  }

  suspend(kind: 'calc' | 'screen'): void {
    if (kind === 'calc') this.current.suspendedCalculation = true;
    else this.current.suspendedScreenUpdating = true;
  }

  async sync(): Promise<void> {
    const record = this.current;
    const loads = this.pendingLoads;
    this.current = FakeContext.record();
    this.pendingLoads = [];
    if (record.requestBytes > this.fake.maxRequestBytes) {
      this.fake.syncs.push(record);
      throw new FakeExcelError('RequestPayloadSizeLimitExceeded', `request of ${record.requestBytes} bytes`);
    }
    record.responseBytes = loads.reduce((n, l) => n + l.pendingBytes(), 0);
    this.fake.syncs.push(record);
    if (record.responseBytes > this.fake.maxResponseBytes) {
      this.error = null;
      throw new FakeExcelError('ResponsePayloadSizeLimitExceeded', `response of ${record.responseBytes} bytes`);
    }
    for (const l of loads) l.commit();
    const error = this.error;
    this.error = null;
    if (error) throw error;
  }
}

/** A proxy with loadable properties: a snapshot is taken when `load` is queued and readable after `sync`. */
abstract class Loadable {
  private pending: Record<string, unknown> | null = null;
  private loaded: Record<string, unknown> | null = null;

  constructor(
    protected readonly ctx: FakeContext,
    readonly path: string,
  ) {}

  protected abstract snapshot(props: readonly string[]): Record<string, unknown>;

  load(propertyNames: string): this {
    const props = propertyNames.split(',').map((p) => p.trim()).filter((p) => p !== '');
    this.ctx.queueLoad(this, this.path, propertyNames);
    this.pending = { ...(this.pending ?? {}), ...this.snapshot(props) };
    return this;
  }

  pendingBytes(): number {
    return this.pending ? utf8Length(JSON.stringify(this.pending)) : 0;
  }

  commit(): void {
    if (!this.pending) return;
    this.loaded = { ...(this.loaded ?? {}), ...this.pending };
    this.pending = null;
  }

  protected read<T>(prop: string): T {
    if (!this.loaded || !(prop in this.loaded)) {
      throw new FakeExcelError('PropertyNotLoaded', `${this.path}.${prop} was read before load() and sync()`);
    }
    return this.loaded[prop] as T;
  }
}

class FakeWorkbook implements XlWorkbook {
  readonly worksheets: FakeWorksheets;
  readonly names: FakeNames;
  readonly application: XlApplication;

  constructor(ctx: FakeContext) {
    this.worksheets = new FakeWorksheets(ctx);
    this.names = new FakeNames(ctx);
    this.application = {
      suspendApiCalculationUntilNextSync: () => {
        ctx.act('application', 'suspendApiCalculationUntilNextSync');
        ctx.suspend('calc');
      },
      suspendScreenUpdatingUntilNextSync: () => {
        ctx.act('application', 'suspendScreenUpdatingUntilNextSync');
        ctx.suspend('screen');
      },
    };
  }
}

class FakeWorksheets extends Loadable implements XlWorksheetCollection {
  constructor(ctx: FakeContext) {
    super(ctx, 'worksheets');
  }

  protected snapshot(): Record<string, unknown> {
    return { items: this.ctx.fake.sheets.map((s) => s.name) };
  }

  get items(): FakeWorksheet[] {
    return this.read<string[]>('items').map((n) => new FakeWorksheet(this.ctx, n));
  }

  getItem(name: string): FakeWorksheet {
    return new FakeWorksheet(this.ctx, name);
  }

  add(name?: string): FakeWorksheet {
    const n = name ?? `Sheet${this.ctx.fake.sheets.length + 1}`;
    if (this.ctx.act('worksheets', 'add', n)) {
      if (this.ctx.fake.findSheet(n)) this.ctx.fail('ItemAlreadyExists', `sheet ${n}`);
      else this.ctx.fake.newSheet(n);
    }
    return new FakeWorksheet(this.ctx, n);
  }
}

class FakeWorksheet implements XlWorksheet {
  readonly path: string;

  constructor(
    private readonly ctx: FakeContext,
    readonly name: string,
  ) {
    this.path = `worksheets(${JSON.stringify(name)})`;
  }

  /** The sheet's state, or null (and a queued ItemNotFound) when it does not exist. */
  state(): FakeSheetState | null {
    const s = this.ctx.fake.findSheet(this.name);
    if (!s) this.ctx.fail('ItemNotFound', `sheet ${this.name}`);
    return s ?? null;
  }

  get freezePanes(): XlFreezePanes {
    return {
      freezeRows: (count = 1) => {
        const s = this.ctx.act(this.path, 'freezeRows', count) ? this.state() : null;
        if (s) s.frozenRows = count;
      },
      unfreeze: () => {
        const s = this.ctx.act(this.path, 'unfreeze') ? this.state() : null;
        if (s) s.frozenRows = 0;
      },
    };
  }

  get pageLayout(): XlPageLayout {
    const ws = this;
    return {
      get orientation() {
        return ws.state()?.orientation ?? '';
      },
      set orientation(v: string) {
        const s = ws.ctx.act(ws.path, 'pageLayout.orientation', v) ? ws.state() : null;
        if (s) s.orientation = v;
      },
      get paperSize() {
        return ws.state()?.paperSize ?? '';
      },
      set paperSize(v: string) {
        const s = ws.ctx.act(ws.path, 'pageLayout.paperSize', v) ? ws.state() : null;
        if (s) s.paperSize = v;
      },
      setPrintArea(address: string) {
        const s = ws.ctx.act(ws.path, 'pageLayout.setPrintArea', address) ? ws.state() : null;
        if (s) s.printArea = address;
      },
    };
  }

  get charts(): XlChartCollection {
    return {
      add: (type, source, seriesBy) => {
        const src = (source as FakeRange).localAddress;
        const s = this.ctx.act(this.path, 'charts.add', [type, src, seriesBy ?? null]) ? this.state() : null;
        const state: FakeChartState = { name: `Chart ${(s?.charts.length ?? 0) + 1}`, type, source: src, title: '', legendVisible: true, xAxis: null, position: null };
        s?.charts.push(state);
        return new FakeChart(this.ctx, this, state);
      },
      getItemOrNullObject: (name) => new FakeChart(this.ctx, this, this.ctx.fake.findSheet(this.name)?.charts.find((c) => c.name === name) ?? null),
    };
  }

  getRange(address?: string): FakeRange {
    const box = address === undefined ? { row: 0, col: 0, lastRow: MAX_ROW, lastCol: MAX_COL } : parseAddress(address);
    if (!box) {
      this.ctx.fail('InvalidArgument', `address ${String(address)}`);
      return new FakeRange(this.ctx, this, { row: 0, col: 0, lastRow: 0, lastCol: 0 });
    }
    return new FakeRange(this.ctx, this, box);
  }

  getUsedRangeOrNullObject(valuesOnly = false): FakeRange {
    return new FakeRange(this.ctx, this, null, valuesOnly);
  }

  activate(): void {
    if (this.ctx.act(this.path, 'activate') && this.state()) this.ctx.fake.activeSheet = this.name;
  }
}

class FakeRange extends Loadable implements XlRange {
  constructor(
    ctx: FakeContext,
    readonly sheet: FakeWorksheet,
    /** Null for a used range, which is resolved when loaded. */
    private readonly fixedBox: CellBox | null,
    private readonly valuesOnly = false,
  ) {
    super(ctx, `${sheet.path}.range(${fixedBox ? boxAddress(fixedBox) : 'used'})`);
  }

  get localAddress(): string {
    return this.fixedBox ? boxAddress(this.fixedBox) : '';
  }

  private usedBox(): CellBox | null {
    const s = this.sheet.state();
    if (!s) return null;
    let box: { row: number; col: number; lastRow: number; lastCol: number } | null = null;
    for (const [k, c] of s.cells) {
      if (this.valuesOnly && isEmpty(c)) continue;
      const row = Math.floor(k / (MAX_COL + 1));
      const col = k % (MAX_COL + 1);
      if (!box) box = { row, col, lastRow: row, lastCol: col };
      else {
        box.row = Math.min(box.row, row);
        box.col = Math.min(box.col, col);
        box.lastRow = Math.max(box.lastRow, row);
        box.lastCol = Math.max(box.lastCol, col);
      }
    }
    return box;
  }

  protected snapshot(props: readonly string[]): Record<string, unknown> {
    const box = this.fixedBox ?? this.usedBox();
    const s = this.sheet.state();
    if (!box || !s) return { isNullObject: true };
    const out: Record<string, unknown> = { isNullObject: false };
    for (const p of props) {
      if (p === 'address') out.address = `${refSheet(s.name)}!${boxAddress(box)}`;
      else if (p === 'rowCount') out.rowCount = box.lastRow - box.row + 1;
      else if (p === 'columnCount') out.columnCount = box.lastCol - box.col + 1;
      else if (p === 'values' || p === 'numberFormat') {
        const rows: unknown[][] = [];
        for (let r = box.row; r <= box.lastRow; r++) {
          const row: unknown[] = [];
          for (let c = box.col; c <= box.lastCol; c++) {
            const cell = s.cells.get(key(r, c));
            row.push(p === 'values' ? (cell?.value ?? '') : (cell?.numberFormat ?? 'General'));
          }
          rows.push(row);
        }
        out[p] = rows;
      }
    }
    return out;
  }

  get isNullObject(): boolean {
    return this.read<boolean>('isNullObject');
  }
  get address(): string {
    return this.read<string>('address');
  }
  get rowCount(): number {
    return this.read<number>('rowCount');
  }
  get columnCount(): number {
    return this.read<number>('columnCount');
  }
  get values(): unknown[][] {
    return this.read<unknown[][]>('values');
  }
  set values(v: unknown[][]) {
    if (!this.ctx.act(this.path, 'values', v)) return;
    const box = this.box();
    if (!box) return;
    const rows = box.lastRow - box.row + 1;
    const cols = box.lastCol - box.col + 1;
    if (v.length !== rows || v.some((r) => r.length !== cols)) {
      this.ctx.fail('InvalidArgument', `values of ${v.length} rows for ${boxAddress(box)} (${rows}×${cols})`);
      return;
    }
    if (!this.ctx.fake.retainValues) return;
    const cells = this.sheet.state()!.cells;
    v.forEach((row, r) =>
      row.forEach((value, c) => {
        if (value === null || value === undefined) return; // Office.js: null leaves the cell as it is
        const k = key(box.row + r, box.col + c);
        const cell = cells.get(k) ?? newCell();
        delete cell.formula;
        if (typeof value === 'string') {
          const parsed = cell.numberFormat === '@' || value === '' ? { kind: 'text' as const, value } : parseTyped(value);
          cell.kind = parsed.kind;
          cell.value = parsed.value;
          if (parsed.formula !== undefined) cell.formula = parsed.formula;
        } else if (typeof value === 'number' || typeof value === 'boolean') {
          cell.kind = typeof value === 'number' ? 'number' : 'boolean';
          cell.value = value;
        } else {
          this.ctx.fail('InvalidArgument', `value ${JSON.stringify(value)}`);
        }
        cells.set(k, cell);
      }),
    );
  }

  get numberFormat(): unknown[][] {
    return this.read<unknown[][]>('numberFormat');
  }
  set numberFormat(v: unknown[][]) {
    if (!this.ctx.act(this.path, 'numberFormat', v)) return;
    const box = this.box();
    if (!box) return;
    const rows = box.lastRow - box.row + 1;
    const cols = box.lastCol - box.col + 1;
    const single = v.length === 1 && v[0]?.length === 1;
    if (!single && (v.length !== rows || v.some((r) => r.length !== cols))) {
      this.ctx.fail('InvalidArgument', `numberFormat of ${v.length} rows for ${boxAddress(box)}`);
      return;
    }
    if (!this.ctx.fake.retainValues) return;
    this.eachCell(box, (cell, r, c) => {
      cell.numberFormat = String(single ? v[0]![0] : v[r]![c]);
    });
  }

  get format(): XlRangeFormat {
    const range = this;
    const fill = new FakeFill(this.ctx, this);
    return {
      get columnWidth() {
        return 0;
      },
      set columnWidth(points: number) {
        if (!range.ctx.act(range.path, 'format.columnWidth', points)) return;
        const box = range.box();
        const s = range.sheet.state();
        if (box && s) for (let c = box.col; c <= box.lastCol; c++) s.columnWidths.set(c, points);
      },
      font: {
        get bold() {
          return false;
        },
        set bold(b: boolean) {
          if (range.ctx.act(range.path, 'format.font.bold', b)) range.eachCell(range.box(), (cell) => void (cell.bold = b));
        },
        get color() {
          return '';
        },
        set color(color: string) {
          if (range.ctx.act(range.path, 'format.font.color', color)) range.eachCell(range.box(), (cell) => void (cell.fontColor = color));
        },
      },
      fill,
    };
  }

  get dataValidation(): XlDataValidation {
    const range = this;
    return {
      get rule() {
        return null;
      },
      set rule(rule: unknown) {
        const s = range.ctx.act(range.path, 'dataValidation.rule', rule) ? range.sheet.state() : null;
        if (s) s.validations.push({ address: range.localAddress, rule });
      },
      clear() {
        const s = range.ctx.act(range.path, 'dataValidation.clear') ? range.sheet.state() : null;
        const box = range.box();
        if (s && box) s.validations = s.validations.filter((v) => !overlaps(parseAddress(v.address), box));
      },
    };
  }

  clear(): void {
    if (!this.ctx.act(this.path, 'clear')) return;
    const box = this.box();
    const s = this.sheet.state();
    if (!box || !s) return;
    for (const k of [...s.cells.keys()]) {
      const row = Math.floor(k / (MAX_COL + 1));
      const col = k % (MAX_COL + 1);
      if (row >= box.row && row <= box.lastRow && col >= box.col && col <= box.lastCol) s.cells.delete(k);
    }
  }

  select(): void {
    if (this.ctx.act(this.path, 'select') && this.sheet.state()) this.ctx.fake.selection = { sheet: this.sheet.name, address: this.localAddress };
  }

  box(): CellBox | null {
    if (!this.sheet.state()) return null;
    if (!this.fixedBox) this.ctx.fail('InvalidArgument', 'writing to an unloaded used range');
    return this.fixedBox;
  }

  /** Applies `fn` to each cell of the box (creating cells), skipped when values are not retained. */
  eachCell(box: CellBox | null, fn: (cell: FakeCell, r: number, c: number) => void): void {
    if (!box || !this.ctx.fake.retainValues) return;
    const cells = this.sheet.state()?.cells;
    if (!cells) return;
    const size = (box.lastRow - box.row + 1) * (box.lastCol - box.col + 1);
    if (size > 5_000_000) throw new Error(`fake: formatting ${boxAddress(box)} cell by cell is not modelled`);
    for (let r = box.row; r <= box.lastRow; r++) {
      for (let c = box.col; c <= box.lastCol; c++) {
        const k = key(r, c);
        const cell = cells.get(k) ?? newCell();
        fn(cell, r - box.row, c - box.col);
        cells.set(k, cell);
      }
    }
  }

  cellsOf(): FakeCell[] {
    const box = this.fixedBox;
    const cells = this.sheet.state()?.cells;
    const out: FakeCell[] = [];
    if (!box || !cells) return out;
    for (let r = box.row; r <= box.lastRow; r++) for (let c = box.col; c <= box.lastCol; c++) out.push(cells.get(key(r, c)) ?? newCell());
    return out;
  }
}

function overlaps(a: CellBox | null, b: CellBox): boolean {
  return a !== null && a.row <= b.lastRow && b.row <= a.lastRow && a.col <= b.lastCol && b.col <= a.lastCol;
}

class FakeFill extends Loadable implements XlRangeFill {
  constructor(
    ctx: FakeContext,
    private readonly range: FakeRange,
  ) {
    super(ctx, `${range.path}.format.fill`);
  }

  protected snapshot(): Record<string, unknown> {
    const fills = new Set(this.range.cellsOf().map((c) => c.fill));
    const only = fills.size === 1 ? [...fills][0]! : undefined;
    // Excel reports no fill as white and a mixed range as null.
    return { color: only === undefined ? null : (only ?? '#FFFFFF'), pattern: only === undefined ? null : only === null ? 'None' : 'Solid' };
  }

  get color(): string {
    return this.read<string>('color');
  }
  set color(color: string) {
    if (this.ctx.act(this.path, 'color', color)) this.range.eachCell(this.range.box(), (cell) => void (cell.fill = color.toUpperCase()));
  }
  get pattern(): string {
    return this.read<string>('pattern');
  }
  clear(): void {
    if (this.ctx.act(this.path, 'clear')) this.range.eachCell(this.range.box(), (cell) => void (cell.fill = null));
  }
}

class FakeChart extends Loadable implements XlChart {
  constructor(
    ctx: FakeContext,
    private readonly sheet: FakeWorksheet,
    private readonly state: FakeChartState | null,
  ) {
    super(ctx, `${sheet.path}.charts(${JSON.stringify(state?.name ?? null)})`);
  }

  protected snapshot(): Record<string, unknown> {
    return { isNullObject: this.state === null || !(this.sheet.state()?.charts.includes(this.state) ?? false) };
  }

  get isNullObject(): boolean {
    return this.read<boolean>('isNullObject');
  }
  get name(): string {
    return this.state?.name ?? '';
  }
  set name(v: string) {
    if (this.ctx.act(this.path, 'name', v) && this.state) this.state.name = v;
  }
  get title(): { text: string } {
    const chart = this;
    return {
      get text() {
        return chart.state?.title ?? '';
      },
      set text(v: string) {
        if (chart.ctx.act(chart.path, 'title.text', v) && chart.state) chart.state.title = v;
      },
    };
  }
  get legend(): { visible: boolean } {
    const chart = this;
    return {
      get visible() {
        return chart.state?.legendVisible ?? false;
      },
      set visible(v: boolean) {
        if (chart.ctx.act(chart.path, 'legend.visible', v) && chart.state) chart.state.legendVisible = v;
      },
    };
  }
  get series(): { getItemAt(index: number): { setXAxisValues(source: XlRange): void } } {
    return {
      getItemAt: (index) => ({
        setXAxisValues: (source) => {
          const address = (source as FakeRange).localAddress;
          if (this.ctx.act(this.path, `series(${index}).setXAxisValues`, address) && this.state) this.state.xAxis = address;
        },
      }),
    };
  }
  setPosition(startCell: string, endCell?: string): void {
    if (this.ctx.act(this.path, 'setPosition', [startCell, endCell ?? null]) && this.state) this.state.position = `${startCell}:${endCell ?? startCell}`;
  }
  delete(): void {
    if (!this.ctx.act(this.path, 'delete')) return;
    const s = this.sheet.state();
    if (!this.state || !s || !s.charts.includes(this.state)) {
      this.ctx.fail('ItemNotFound', 'chart');
      return;
    }
    s.charts = s.charts.filter((c) => c !== this.state);
  }
}

class FakeNames extends Loadable implements XlNamedItemCollection {
  constructor(ctx: FakeContext) {
    super(ctx, 'names');
  }

  protected snapshot(): Record<string, unknown> {
    return { items: this.ctx.fake.names.map((n) => ({ name: n.name, formula: n.formula })) };
  }

  get items(): XlNamedItem[] {
    return this.read<XlNamedItem[]>('items');
  }

  add(name: string, reference: XlRange | string, comment = ''): unknown {
    const formula =
      typeof reference === 'string'
        ? reference
        : `=${refSheet((reference as FakeRange).sheet.name)}!${absolute((reference as FakeRange).localAddress)}`;
    if (!this.ctx.act('names', 'add', [name, formula, comment])) return null;
    if (this.ctx.fake.names.some((n) => n.name.toLowerCase() === name.toLowerCase())) this.ctx.fail('ItemAlreadyExists', `name ${name}`);
    else this.ctx.fake.names.push({ name, formula, comment });
    return null;
  }
}

function absolute(address: string): string {
  return address
    .split(':')
    .map((part) => {
      const m = /^([A-Z]+)(\d+)$/.exec(part);
      return m ? `$${m[1]}$${m[2]}` : part;
    })
    .join(':');
}

/** Column letter of a 0-based index, re-exported for tests that address cells. */
export { columnIndex };
