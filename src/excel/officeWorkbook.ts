/**
 * The WorkbookPort over the Excel JavaScript API. All Office.js access of the add-in lives here.
 *
 * Round trips are the cost in Excel (each `context.sync()` is a network request in Excel on the
 * web, refused above 5 MB), so every operation loads what it needs, syncs once, then reads:
 * - `readSheets`: 2 syncs (sheet names; used ranges of the wanted sheets).
 * - `writeSheets`: 1 sync to check what exists, then the writes packed into syncs of at most
 *   {@link SYNC_BUDGET_BYTES} (estimated as the UTF-8 JSON size of what is queued), then, only when
 *   an old chart has to go first, one more. A city-sized ranking (1,000 towns) takes 2–3 syncs.
 *
 * Kaohe marks each sheet it creates with a workbook-scoped name (`Kaohe_Sheet_<n>`) that refers to
 * the sheet's A1: it is saved in the .xlsx, follows a rename, dies with the sheet, and is read in
 * the same sync as the sheet names. Only marked output sheets are ever replaced (cleared in place,
 * so other sheets' formulas that point at them keep working); nothing is ever deleted.
 */
import { KaoheError } from '../engine/errors';
import { PALETTE } from '../engine/ledger/palette';
import { type CellStyle, type CellValue, type SheetGrid, type SheetSpec, type WorkbookGrid } from '../engine/ledger/types';
import { boxAddress, cellsToMark, checkedAddress, columnLetter, parseAddress, sheetOfReference, utf8Length, type CellBox } from './a1';
import { checkReplace, planReplace, type PaneSettings, type WorkbookPort, type WriteOptions } from './port';
import type { DocumentSettings, RunBatch, SupportsSet, XlChart, XlRange, XlRequestContext, XlWorksheet } from './xl';

/** Largest estimated payload of one sync. Excel on the web refuses requests over 5 MB. */
export const SYNC_BUDGET_BYTES = 4_000_000;
/** Estimated request bytes of one queued action besides its data (ids, paths, address). */
export const OP_OVERHEAD_BYTES = 256;
/** Prefix of the workbook names that mark Kaohe's own sheets. */
export const MARKER_PREFIX = 'Kaohe_Sheet_';
/** Name of the bar chart of totals Kaohe adds to a sheet. */
export const CHART_NAME = 'KaoheTotals';
/** Fill of a temporary highlight (findings). */
export const HIGHLIGHT_COLOR = '#FFFF00';
/** Key of the pane settings in the document settings. */
export const SETTINGS_KEY = 'kaohe.paneSettings';
/** Format that makes Excel keep a cell's input as text (no formula, number or date parsing). */
export const TEXT_FORMAT = '@';
/** Sheets whose used range has more cells than this are refused (Excel returns null above 5,000,000). */
export const MAX_READ_CELLS = 5_000_000;

/** Formats a range with a row style, from the one palette every renderer uses. */
function applyLook(range: XlRange, style: CellStyle): void {
  const look = PALETTE[style];
  if (look.fill) range.format.fill.color = `#${look.fill}`;
  if (look.bold) range.format.font.bold = true;
  if (look.font) range.format.font.color = `#${look.font}`;
}

export interface OfficeWorkbookDeps {
  /** `Office.context.document.settings`. */
  readonly settings: DocumentSettings;
  /** `Office.context.requirements.isSetSupported`; optional speed-ups and formats are feature-detected with it. */
  readonly supports: SupportsSet;
}

/** A queued action with its estimated request size. */
interface Op {
  readonly bytes: number;
  readonly queue: () => void;
}

interface Highlight {
  readonly sheet: string;
  readonly address: string;
  /** Fill before highlighting; null = no fill. */
  readonly color: string | null;
}

/**
 * Creates the port. `run` is `Excel.run` (or a fake); nothing here reads Office globals.
 *
 * @example
 * const port = createOfficeWorkbook((batch) => Excel.run(batch), {
 *   settings: Office.context.document.settings,
 *   supports: (set, v) => Office.context.requirements.isSetSupported(set, v),
 * });
 */
export function createOfficeWorkbook(run: RunBatch, deps: OfficeWorkbookDeps): WorkbookPort {
  let highlights: Highlight[] = [];

  return {
    // Office keeps document settings in the workbook file.
    settingsPersist: 'document',

    async listSheets() {
      return run(async (ctx) => {
        const sheets = ctx.workbook.worksheets;
        sheets.load('items/name');
        await ctx.sync();
        return sheets.items.map((s) => s.name);
      });
    },

    async readSheets(names) {
      return run(async (ctx) => readSheets(ctx, names));
    },

    async writeSheets(specs, options) {
      await run(async (ctx) => writeSheets(ctx, specs, options, deps.supports));
    },

    async selectCell(ref) {
      await run(async (ctx) => {
        const sheet = ctx.workbook.worksheets.getItem(ref.sheet);
        sheet.activate();
        sheet.getRange(checkedAddress(ref)).select();
        await syncNaming(ctx, [ref.sheet]);
      });
    },

    async highlightCells(refs) {
      const cells = cellsToMark(refs);
      highlights = await run(async (ctx) => {
        const sheets = ctx.workbook.worksheets;
        sheets.load('items/name');
        await ctx.sync();
        const existing = new Set(sheets.items.map((s) => s.name));
        const missing = cells.filter((c) => !existing.has(c.sheet)).map((c) => c.sheet);
        if (missing.length > 0) throw missingSheetError(missing[0]!);
        // Undo the previous highlight first, in the same batch, so overlapping cells read their own fill.
        queueRestore(ctx, highlights);
        const usePattern = deps.supports('ExcelApi', '1.9');
        const fills = cells.map((c) => {
          const fill = ctx.workbook.worksheets.getItem(c.sheet).getRange(c.address).format.fill;
          fill.load(usePattern ? 'color,pattern' : 'color');
          return { cell: c, fill };
        });
        await ctx.sync();
        const saved = fills.map(({ cell, fill }) => ({ ...cell, color: hasNoFill(fill.color, usePattern ? fill.pattern : undefined) ? null : fill.color }));
        for (const c of cells) ctx.workbook.worksheets.getItem(c.sheet).getRange(c.address).format.fill.color = HIGHLIGHT_COLOR;
        await ctx.sync();
        return saved;
      });
    },

    async clearHighlights() {
      if (highlights.length === 0) return;
      const toRestore = highlights;
      await run(async (ctx) => {
        const sheets = ctx.workbook.worksheets;
        sheets.load('items/name');
        await ctx.sync();
        const existing = new Set(sheets.items.map((s) => s.name));
        const live = toRestore.filter((h) => existing.has(h.sheet));
        // Restore only cells still showing our highlight: a fill the user changed since is theirs.
        const current = live.map((h) => {
          const fill = ctx.workbook.worksheets.getItem(h.sheet).getRange(h.address).format.fill;
          fill.load('color');
          return { h, fill };
        });
        await ctx.sync();
        queueRestore(
          ctx,
          current.filter(({ fill }) => sameColor(fill.color, HIGHLIGHT_COLOR)).map(({ h }) => h),
        );
        await ctx.sync();
      });
      highlights = [];
    },

    async loadSettings() {
      const raw = deps.settings.get(SETTINGS_KEY);
      return parseSettings(raw);
    },

    async saveSettings(settings) {
      deps.settings.set(SETTINGS_KEY, { ...settings });
      await new Promise<void>((resolve, reject) => {
        deps.settings.saveAsync((result) => {
          if (String(result.status).toLowerCase() === 'failed') {
            const detail = result.error?.message ?? '';
            reject(new KaoheError('settings.save', `无法保存设置：${detail}`, `Could not save the settings: ${detail}`));
          } else resolve();
        });
      });
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Reading

async function readSheets(ctx: XlRequestContext, names: readonly string[]): Promise<WorkbookGrid> {
  const sheets = ctx.workbook.worksheets;
  sheets.load('items/name');
  await ctx.sync();
  const wanted = new Set(names);
  const present = sheets.items.map((s) => s.name).filter((n) => wanted.has(n));
  const ranges = present.map((name) => {
    const used = ctx.workbook.worksheets.getItem(name).getUsedRangeOrNullObject(true);
    // Number formats too: a figure's format tells its scale (0.982 in a `0.0%` cell is 98.2 %).
    used.load('address,rowCount,columnCount,values,numberFormat');
    return { name, used };
  });
  try {
    await ctx.sync();
  } catch (err) {
    // Excel on the web refuses responses over 5 MB: read the big ones again in row blocks.
    if (!isPayloadLimit(err)) throw err;
    return { sheets: await readInBlocks(ctx, present) };
  }
  return { sheets: ranges.map(({ name, used }) => toGrid(name, used)) };
}

function isPayloadLimit(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.includes('PayloadSizeLimitExceeded');
}

/** Rows per block when a sheet is read in blocks; halved whenever Excel still refuses the response. */
const READ_BLOCK_CELLS = 100_000;

async function readInBlocks(ctx: XlRequestContext, names: readonly string[]): Promise<SheetGrid[]> {
  const used = names.map((name) => {
    const r = ctx.workbook.worksheets.getItem(name).getUsedRangeOrNullObject(true);
    r.load('address');
    return { name, r };
  });
  await ctx.sync();
  const out: SheetGrid[] = [];
  for (const { name, r } of used) {
    if (r.isNullObject) {
      out.push({ name, values: [] });
      continue;
    }
    const box = parseAddress(r.address);
    if (!box) throw tooLarge(name, r.address);
    const width = box.lastCol - box.col + 1;
    let rowsPerBlock = Math.max(1, Math.floor(READ_BLOCK_CELLS / width));
    const values: unknown[][] = [];
    const formats: unknown[][] = [];
    for (let start = box.row; start <= box.lastRow; ) {
      const end = Math.min(box.lastRow, start + rowsPerBlock - 1);
      const block = ctx.workbook.worksheets.getItem(name).getRange(boxAddress({ row: start, col: box.col, lastRow: end, lastCol: box.lastCol }));
      block.load('values,numberFormat');
      try {
        await ctx.sync();
      } catch (err) {
        if (!isPayloadLimit(err) || rowsPerBlock === 1) throw err;
        rowsPerBlock = Math.ceil(rowsPerBlock / 2);
        continue;
      }
      values.push(...block.values);
      formats.push(...block.numberFormat);
      start = end + 1;
    }
    out.push(gridFrom(name, box, values, formats));
  }
  return out;
}

function toGrid(name: string, used: XlRange): SheetGrid {
  if (used.isNullObject) return { name, values: [] };
  const box = parseAddress(used.address);
  const values: unknown[][] | null | undefined = used.values;
  if (!box || !values) throw tooLarge(name, used.address);
  return gridFrom(name, box, values, used.numberFormat);
}

function tooLarge(name: string, address: string): KaoheError {
  return new KaoheError(
    'excel.read-too-large',
    `工作表“${name}”的已用区域 ${address} 太大（超过 ${MAX_READ_CELLS} 个单元格），无法读取；请删除多余的行列。`,
    `Sheet "${name}": the used range ${address} is too large to read (over ${MAX_READ_CELLS} cells); delete the extra rows and columns.`,
  );
}

/** The grid starts at A1 whatever the used range is, so row/column indexes are sheet coordinates. */
function gridFrom(name: string, box: CellBox, values: readonly unknown[][], numberFormats?: readonly unknown[][] | null): SheetGrid {
  const pad: CellValue[] = new Array<CellValue>(box.col).fill(null);
  const out: CellValue[][] = [];
  for (let r = 0; r < box.row; r++) out.push([]);
  for (const row of values) out.push(box.col > 0 ? [...pad, ...row.map(toCellValue)] : row.map(toCellValue));
  // Formats of number cells that are not General, in sheet coordinates like the values.
  const formats: ((string | null)[] | undefined)[] = [];
  numberFormats?.forEach((row, i) => {
    const r = box.row + i;
    let kept: (string | null)[] | undefined;
    row.forEach((f, j) => {
      if (typeof f !== 'string' || f === 'General' || typeof out[r]?.[box.col + j] !== 'number') return;
      kept ??= new Array<string | null>(box.col + row.length).fill(null);
      kept[box.col + j] = f;
    });
    if (kept) formats[r] = kept;
  });
  return formats.length > 0 ? { name, values: out, numberFormats: formats } : { name, values: out };
}

function toCellValue(v: unknown): CellValue {
  if (v === '' || v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  return JSON.stringify(v);
}

// ---------------------------------------------------------------------------------------------
// Writing

interface SheetState {
  readonly name: string;
  readonly existing: boolean;
}

async function writeSheets(ctx: XlRequestContext, specs: readonly SheetSpec[], options: WriteOptions, supports: SupportsSet): Promise<void> {
  checkWritable(specs);
  const wb = ctx.workbook;
  // Sync 1: what exists, and which of it is ours.
  wb.worksheets.load('items/name');
  wb.names.load('items/name,items/formula');
  await ctx.sync();
  const existing = new Set(wb.worksheets.items.map((s) => s.name));
  const marked = new Set<string>();
  let nextMarker = 1;
  for (const n of wb.names.items) {
    if (!n.name.startsWith(MARKER_PREFIX)) continue;
    const k = Number(n.name.slice(MARKER_PREFIX.length));
    if (Number.isInteger(k) && k >= nextMarker) nextMarker = k + 1;
    const sheet = typeof n.formula === 'string' ? sheetOfReference(n.formula) : null;
    if (sheet !== null) marked.add(sheet);
  }
  // The one replace rule of every port: only Kaohe's own output sheets, and only when asked to.
  const plan = planReplace(specs.map((s) => s.name), [...existing], (name) => marked.has(name));
  checkReplace(plan, options.replace);
  const clashing = new Set(plan.clashes.map((n) => n.toLowerCase()));
  const states: SheetState[] = specs.map((s) => ({ name: s.name, existing: clashing.has(s.name.toLowerCase()) }));

  const can = {
    calc: supports('ExcelApi', '1.6'),
    freeze: supports('ExcelApi', '1.7'),
    validation: supports('ExcelApi', '1.8'),
    screen: supports('ExcelApi', '1.9'),
    pageLayout: supports('ExcelApi', '1.9'),
    axisValues: supports('ExcelApi', '1.7'),
  };

  const sheetProxies = new Map<string, XlWorksheet>();
  const sheet = (name: string): XlWorksheet => {
    const ws = sheetProxies.get(name);
    if (!ws) throw new Error(`internal: sheet ${name} used before it was set up`);
    return ws;
  };
  const chartProbes: XlChart[] = [];

  // Setup of each sheet: create (and mark) or clear in place, then sheet-wide formats.
  const setup: Op[] = [];
  for (const [i, spec] of specs.entries()) {
    const state = states[i]!;
    const width = sheetWidth(spec);
    setup.push({
      bytes: OP_OVERHEAD_BYTES * 4,
      queue: () => {
        if (state.existing) {
          const ws = wb.worksheets.getItem(spec.name);
          sheetProxies.set(spec.name, ws);
          ws.getRange().clear();
          if (can.freeze) ws.freezePanes.unfreeze();
          if (can.validation) ws.getRange().dataValidation.clear();
          if (spec.chart) {
            const probe = ws.charts.getItemOrNullObject(CHART_NAME);
            probe.load('isNullObject');
            chartProbes.push(probe);
          }
        } else {
          const ws = wb.worksheets.add(spec.name);
          sheetProxies.set(spec.name, ws);
          wb.names.add(`${MARKER_PREFIX}${nextMarker++}`, ws.getRange('A1'), 'Kaohe 目标考核助手 created this sheet / sheet created by Kaohe');
        }
      },
    });
    for (const [c, col] of spec.columns.entries()) {
      setup.push({ bytes: OP_OVERHEAD_BYTES, queue: () => void (sheet(spec.name).getRange(`${columnLetter(c)}:${columnLetter(c)}`).format.columnWidth = columnWidthPoints(col.width)) });
    }
    if (spec.rows.length > 0 && width > 0) {
      setup.push({
        bytes: OP_OVERHEAD_BYTES * 3,
        queue: () => {
          applyLook(sheet(spec.name).getRange(boxAddress({ row: 0, col: 0, lastRow: 0, lastCol: width - 1 })), 'header');
        },
      });
    }
    if (spec.freezeRows > 0 && can.freeze) setup.push({ bytes: OP_OVERHEAD_BYTES, queue: () => sheet(spec.name).freezePanes.freezeRows(spec.freezeRows) });
    if (can.pageLayout) {
      setup.push({
        bytes: OP_OVERHEAD_BYTES * 2,
        queue: () => {
          const layout = sheet(spec.name).pageLayout;
          layout.orientation = spec.landscape === false ? 'Portrait' : 'Landscape';
          layout.paperSize = 'A4';
        },
      });
    }
  }

  // Values, number formats and row styles in blocks of rows, packed into syncs under the budget.
  const batches: Op[][] = [[]];
  let batchBytes = 0;
  const push = (op: Op): void => {
    if (batchBytes + op.bytes > SYNC_BUDGET_BYTES && batches[batches.length - 1]!.length > 0) {
      batches.push([]);
      batchBytes = 0;
    }
    batches[batches.length - 1]!.push(op);
    batchBytes += op.bytes;
  };
  for (const op of setup) push(op);
  for (const spec of specs) {
    const width = sheetWidth(spec);
    if (width === 0) continue;
    let block = new BlockBuilder(spec, 0, width);
    for (let r = 0; r < spec.rows.length; r++) {
      let cost = block.costOfAdding(r);
      if (batchBytes + block.bytes + cost > SYNC_BUDGET_BYTES) {
        if (block.size > 0) {
          batches[batches.length - 1]!.push(block.toOp(sheet));
          block = new BlockBuilder(spec, r, width);
          cost = block.costOfAdding(r);
        }
        if (batches[batches.length - 1]!.length > 0) {
          batches.push([]);
          batchBytes = 0;
        }
      }
      block.add(r, cost);
    }
    if (block.size > 0) push(block.toOp(sheet));
  }

  // Work that needs the data in place (and, for a replaced sheet, the old chart out of the way).
  const finals: Op[] = [];
  for (const spec of specs) {
    const width = sheetWidth(spec);
    for (const v of can.validation ? (spec.validations ?? []) : []) {
      finals.push({
        bytes: OP_OVERHEAD_BYTES,
        queue: () => {
          sheet(spec.name).getRange(v.range).dataValidation.rule = { decimal: { formula1: v.min, formula2: v.max, operator: 'Between' } };
        },
      });
    }
    if (can.pageLayout && spec.rows.length > 0 && width > 0) {
      const area = boxAddress({ row: 0, col: 0, lastRow: spec.rows.length - 1, lastCol: width - 1 });
      finals.push({ bytes: OP_OVERHEAD_BYTES, queue: () => sheet(spec.name).pageLayout.setPrintArea(area) });
    }
    const chart = spec.chart;
    if (chart && chart.rowCount > 0) {
      finals.push({
        bytes: OP_OVERHEAD_BYTES * 6,
        queue: () => {
          const ws = sheet(spec.name);
          const last = chart.rowCount; // data rows 1..rowCount (row 0 is the header)
          const valueRange = ws.getRange(boxAddress({ row: 1, col: chart.valueColumn, lastRow: last, lastCol: chart.valueColumn }));
          const added = ws.charts.add('BarClustered', valueRange, 'Columns');
          added.name = CHART_NAME;
          added.title.text = chart.title;
          added.legend.visible = false;
          if (can.axisValues) {
            added.series.getItemAt(0).setXAxisValues(ws.getRange(boxAddress({ row: 1, col: chart.labelColumn, lastRow: last, lastCol: chart.labelColumn })));
          }
          const left = columnLetter(width + 1);
          const right = columnLetter(width + 9);
          added.setPosition(`${left}2`, `${right}${Math.min(Math.max(20, last + 2), 60)}`);
        },
      });
    }
  }
  if (options.activate) {
    const target = options.activate;
    finals.push({ bytes: OP_OVERHEAD_BYTES, queue: () => wb.worksheets.getItem(target).activate() });
  }
  const finalBytes = finals.reduce((n, op) => n + op.bytes, 0);
  // Old charts are known only after the first write sync: when that is also the last, they take one more.
  const needsOwnSync = (chartProbesPlanned(specs, states) && batches.length === 1) || batchBytes + finalBytes > SYNC_BUDGET_BYTES;

  const total = batches.length + (needsOwnSync ? 1 : 0);
  let done = 0;
  const syncBatch = async (ops: readonly Op[]): Promise<void> => {
    if (can.calc) wb.application.suspendApiCalculationUntilNextSync();
    if (can.screen) wb.application.suspendScreenUpdatingUntilNextSync();
    for (const op of ops) op.queue();
    await ctx.sync();
    done++;
    options.onProgress?.(done / total);
  };
  const queueFinals = (): void => {
    for (const probe of chartProbes) if (!probe.isNullObject) probe.delete();
    for (const op of finals) op.queue();
  };
  for (const [i, ops] of batches.entries()) {
    const last = i === batches.length - 1;
    if (last && !needsOwnSync) {
      await syncBatch([...ops, { bytes: finalBytes, queue: queueFinals }]);
    } else {
      await syncBatch(ops);
    }
  }
  if (needsOwnSync) await syncBatch([{ bytes: finalBytes, queue: queueFinals }]);
}

/** Refuses bad values before anything is written: the Excel API has no undo. */
function checkWritable(specs: readonly SheetSpec[]): void {
  for (const spec of specs) {
    spec.rows.forEach((row, r) => row.forEach((v, c) => void toExcelValue(v, spec, r, c)));
  }
}

function chartProbesPlanned(specs: readonly SheetSpec[], states: readonly SheetState[]): boolean {
  return specs.some((s, i) => s.chart !== undefined && states[i]!.existing);
}

function sheetWidth(spec: SheetSpec): number {
  let w = spec.columns.length;
  for (const row of spec.rows) if (row.length > w) w = row.length;
  return w;
}

/** Excel column width in points for a width in characters of the default font (7 px each, 5 px padding). */
export function columnWidthPoints(chars: number): number {
  return Math.round((chars * 7 + 5) * 0.75 * 100) / 100;
}

/** The number format a cell gets: text for every string (so `=…`, `+…`, `001` stay text), else the column's. */
function cellFormat(value: CellValue, columnFormat: string): string | null {
  if (typeof value === 'string') return TEXT_FORMAT;
  if (value === null) return null; // blank: takes whatever format its neighbours get
  return columnFormat;
}

function toExcelValue(value: CellValue, spec: SheetSpec, row: number, col: number): string | number | boolean {
  if (value === null) return ''; // null in Office.js values means "leave unchanged"; '' empties the cell
  if (typeof value === 'number' && !Number.isFinite(value)) {
    const cell = `${columnLetter(col)}${row + 1}`;
    throw new KaoheError('excel.not-finite', `工作表“${spec.name}”单元格 ${cell} 的值不是有限数字（${value}），未写入。`, `Sheet "${spec.name}" cell ${cell}: the value ${value} is not a finite number; nothing was written.`);
  }
  return value;
}

// eslint-disable-next-line no-control-regex -- control characters are exactly what JSON escapes
const NEEDS_ESCAPE = /["\\\u0000-\u001f\u2028\u2029]/;

/** UTF-8 size of a cell as it is sent (`null` goes as `""`), without serialising the whole row. */
function jsonBytes(value: CellValue): number {
  if (value === null) return 2;
  if (typeof value === 'string') return NEEDS_ESCAPE.test(value) ? utf8Length(JSON.stringify(value)) : utf8Length(value) + 2;
  if (typeof value === 'number') return String(value).length;
  return value ? 4 : 5;
}

/** Accumulates rows of one sheet into one values write plus the number-format runs and row styles it needs. */
class BlockBuilder {
  size = 0;
  bytes = OP_OVERHEAD_BYTES;
  private readonly runs: { format: string; start: number; end: number }[][];
  private readonly styles: { style: CellStyle; start: number; end: number }[] = [];
  private readonly formats: string[];

  constructor(
    private readonly spec: SheetSpec,
    readonly start: number,
    private readonly width: number,
  ) {
    this.runs = Array.from({ length: width }, () => []);
    this.formats = Array.from({ length: width }, (_, c) => spec.columns[c]?.numFmt ?? 'General');
  }

  /** Estimated extra bytes if row `r` joins the block. */
  costOfAdding(r: number): number {
    const row = this.spec.rows[r] ?? [];
    let bytes = this.width + 2; // brackets, commas and the comma after the row
    for (let c = 0; c < this.width; c++) bytes += jsonBytes(row[c] ?? null);
    for (let c = 0; c < this.width; c++) {
      const f = cellFormat(row[c] ?? null, this.formats[c]!);
      const runs = this.runs[c]!;
      const last = runs[runs.length - 1];
      if (f !== null && (!last || last.format !== f)) bytes += OP_OVERHEAD_BYTES;
    }
    const style = this.spec.rowStyles?.[r];
    const lastStyle = this.styles[this.styles.length - 1];
    if (style && (!lastStyle || lastStyle.style !== style || lastStyle.end !== r - 1)) bytes += OP_OVERHEAD_BYTES * 3; // fill, bold, font colour
    return bytes;
  }

  /** Adds row `r`; `cost` is what `costOfAdding(r)` returned. */
  add(r: number, cost: number): void {
    this.bytes += cost;
    const row = this.spec.rows[r] ?? [];
    for (let c = 0; c < this.width; c++) {
      const f = cellFormat(row[c] ?? null, this.formats[c]!);
      const runs = this.runs[c]!;
      const last = runs[runs.length - 1];
      if (f === null) {
        if (last) last.end = r;
      } else if (last && last.format === f) last.end = r;
      else runs.push({ format: f, start: last ? last.end + 1 : r, end: r });
    }
    const style = this.spec.rowStyles?.[r];
    const lastStyle = this.styles[this.styles.length - 1];
    if (style) {
      if (lastStyle && lastStyle.style === style && lastStyle.end === r - 1) lastStyle.end = r;
      else this.styles.push({ style, start: r, end: r });
    }
    this.size++;
  }

  toOp(sheet: (name: string) => XlWorksheet): Op {
    const { spec, start, width, size } = this;
    const end = start + size - 1;
    const runs = this.runs;
    const styles = this.styles;
    return {
      bytes: this.bytes,
      queue: () => {
        const ws = sheet(spec.name);
        // Formats before values: a string lands in a text-formatted cell and is never parsed as a formula.
        for (const [c, colRuns] of runs.entries()) {
          for (const run of colRuns) {
            ws.getRange(boxAddress({ row: run.start, col: c, lastRow: run.end, lastCol: c })).numberFormat = [[run.format]];
          }
        }
        const values: (string | number | boolean)[][] = [];
        for (let r = start; r <= end; r++) {
          const row = spec.rows[r] ?? [];
          const out: (string | number | boolean)[] = new Array<string | number | boolean>(width);
          for (let c = 0; c < width; c++) out[c] = toExcelValue(row[c] ?? null, spec, r, c);
          values.push(out);
        }
        ws.getRange(boxAddress({ row: start, col: 0, lastRow: end, lastCol: width - 1 })).values = values;
        for (const s of styles) {
          applyLook(ws.getRange(boxAddress({ row: s.start, col: 0, lastRow: s.end, lastCol: width - 1 })), s.style);
        }
      },
    };
  }
}

// ---------------------------------------------------------------------------------------------
// Cells, highlights, settings

function missingSheetError(sheet: string): KaoheError {
  return new KaoheError('excel.no-sheet', `找不到工作表“${sheet}”。`, `Sheet "${sheet}" does not exist.`);
}

/** Syncs, turning Excel's ItemNotFound for a named sheet into a message that names it. */
async function syncNaming(ctx: XlRequestContext, sheets: readonly string[]): Promise<void> {
  try {
    await ctx.sync();
  } catch (err) {
    if ((err as { code?: unknown }).code === 'ItemNotFound' && sheets[0] !== undefined) throw missingSheetError(sheets[0]);
    throw err;
  }
}

function queueRestore(ctx: XlRequestContext, cells: readonly Highlight[]): void {
  for (const h of cells) {
    const fill = ctx.workbook.worksheets.getItem(h.sheet).getRange(h.address).format.fill;
    if (h.color === null) fill.clear();
    else fill.color = h.color;
  }
}

/** Excel reports a cell without fill as white; with ExcelApi 1.9 the pattern tells a real white fill apart. */
function hasNoFill(color: string | null | undefined, pattern: string | undefined): boolean {
  if (pattern !== undefined) return pattern === 'None';
  return color === null || color === undefined || sameColor(color, '#FFFFFF');
}

function sameColor(a: string | null | undefined, b: string): boolean {
  return typeof a === 'string' && a.toUpperCase() === b.toUpperCase();
}

function parseSettings(raw: unknown): PaneSettings | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const r = raw as Record<string, unknown>;
  const int = (v: unknown): number | null => (typeof v === 'number' && Number.isInteger(v) && v >= 0 ? v : null);
  const topN = int(r.topN);
  const bottomN = int(r.bottomN);
  if (topN === null || bottomN === null || typeof r.byClass !== 'boolean') return null;
  if (r.language !== 'zh-CN' && r.language !== 'en-US') return null;
  return { topN, bottomN, byClass: r.byClass, language: r.language };
}
