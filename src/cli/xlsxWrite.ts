/**
 * SheetSpec -> ExcelJS worksheet, and safe saving. Strings are always written as text (ExcelJS
 * only writes a formula for a {formula} object, which this module never creates), so a unit named
 * `=HYPERLINK(…)` stays a name.
 */
import { promises as fs } from 'fs';
import * as path from 'path';
import ExcelJS from 'exceljs';
import type { CellStyle, SheetSpec } from '../engine/ledger/types';

const FILLS: Record<CellStyle, string | null> = {
  header: 'FFD9E1F2',
  vetoed: 'FFD9D9D9',
  top: 'FFE2EFDA',
  yellow: 'FFFFF2CC',
  last: 'FFF8CBAD',
  total: null,
};

/** The style properties of a row style (fill, font, alignment, border); empty for none. */
function rowStyleModel(style: CellStyle | undefined): Partial<ExcelJS.Style> {
  if (!style) return {};
  const out: Partial<ExcelJS.Style> = {};
  const fill = FILLS[style];
  if (fill) out.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: fill } };
  if (style === 'header' || style === 'total') out.font = { bold: true };
  if (style === 'vetoed') out.font = { italic: true, color: { argb: 'FF7F7F7F' } };
  if (style === 'header') {
    out.alignment = { vertical: 'middle', wrapText: true };
    out.border = { bottom: { style: 'thin' } };
  }
  return out;
}

/**
 * One style object per distinct (row style, number format, number or not) combination, shared by
 * every cell that has it. ExcelJS caches a style's id per object when saving, so shared objects
 * are registered once; a fresh object per cell (what `cell.numFmt = …` or a bare `cell.value = …`
 * gives) is deduplicated by serialising it, once per cell, which dominated writing 得分明细 at
 * provincial scale. Number and other cells get different objects because ExcelJS gives an
 * unformatted number the General format and a string none, and caches whichever it saw first.
 * Shared objects are frozen, so a later `cell.fill = …` fails loudly instead of restyling every
 * cell that shares the object; callers that go on styling cells (templates, tests) ask for a copy
 * per cell instead.
 */
class SharedStyles {
  private readonly byKey = new Map<string, Partial<ExcelJS.Style>>();

  constructor(private readonly share: boolean) {}

  get(style: CellStyle | undefined, numFmt: string | undefined, isNumber: boolean) {
    const key = `${style ?? ''}\u0000${numFmt ?? ''}\u0000${isNumber ? 'n' : 's'}`;
    let shared = this.byKey.get(key);
    if (!shared) {
      shared = { ...rowStyleModel(style), ...(numFmt ? { numFmt } : {}) };
      Object.freeze(shared);
      this.byKey.set(key, shared);
    }
    return this.share ? shared : { ...shared };
  }
}

/** Splits `C2:C21` into its corners (1-based rows and columns). */
function parseRange(range: string): { r1: number; c1: number; r2: number; c2: number } | null {
  const m = /^([A-Z]+)(\d+)(?::([A-Z]+)(\d+))?$/.exec(range);
  if (!m?.[1] || !m[2]) return null;
  const col = (s: string) => [...s].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
  const c1 = col(m[1]);
  const r1 = Number(m[2]);
  return { r1, c1, r2: m[4] ? Number(m[4]) : r1, c2: m[3] ? col(m[3]) : c1 };
}

/**
 * Adds `spec` as a worksheet, replacing a sheet of the same name (our own output sheets, by
 * contract: callers only pass output or template sheet names).
 *
 * `shareStyles`: cells with the same look share one frozen style object, which makes saving a
 * large sheet several times faster; the sheet's cells can then not be restyled one by one (doing
 * so throws). For sheets that are written and saved as they are (`kaohe rank`'s output).
 */
export function addSheet(
  wb: ExcelJS.Workbook,
  spec: SheetSpec,
  { shareStyles = false }: { shareStyles?: boolean } = {},
): ExcelJS.Worksheet {
  const old = wb.getWorksheet(spec.name);
  if (old) wb.removeWorksheet(old.id);
  const freezeColumns = spec.freezeColumns ?? 0;
  const ws = wb.addWorksheet(spec.name, {
    views: [{ state: 'frozen', xSplit: freezeColumns, ySplit: spec.freezeRows }],
    pageSetup: {
      paperSize: 9,
      orientation: spec.landscape === false ? 'portrait' : 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      printTitlesRow: spec.freezeRows > 0 ? `1:${spec.freezeRows}` : undefined,
    },
  });
  spec.columns.forEach((c, i) => {
    ws.getColumn(i + 1).width = c.width;
  });
  // Not Math.max(...rows): 得分明细 has ~45 rows per town, too many arguments for one call.
  const width = spec.rows.reduce((w, r) => Math.max(w, r.length), spec.columns.length);
  const styles = new SharedStyles(shareStyles);
  spec.rows.forEach((values, r) => {
    const row = ws.getRow(r + 1);
    const style = spec.rowStyles?.[r];
    const last = style ? width : values.length;
    for (let c = 0; c < last; c++) {
      const v = values[c] ?? null;
      // A styled row is styled across the sheet's full width, blank cells included.
      if (v === null && !style) continue;
      const cell = row.getCell(c + 1);
      const isNumber = typeof v === 'number';
      const fmt = isNumber && r >= spec.freezeRows ? spec.columns[c]?.numFmt : undefined;
      cell.style = styles.get(style, fmt, isNumber);
      if (v !== null) cell.value = v; // string -> text, number -> number, boolean -> boolean; never a formula
    }
  });
  for (const v of spec.validations ?? []) {
    if (!parseRange(v.range)) continue;
    // A range key is written as one <dataValidation sqref="C2:C21">, not one per cell.
    validationsOf(ws).model[v.range] = {
      type: 'decimal',
      operator: 'between',
      allowBlank: true,
      formulae: [v.min, v.max],
      showErrorMessage: true,
      errorStyle: 'stop',
      errorTitle: '超出范围 Out of range',
      error: `应为 ${v.min} 到 ${v.max} 之间的数 / Must be a number from ${v.min} to ${v.max}`,
    };
  }
  return ws;
}

/** A new workbook from sheets (template, examples). */
export function workbookFromSheets(specs: readonly SheetSpec[]): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Kaohe 目标考核助手';
  // Fixed dates keep regenerated example files stable in git.
  wb.created = new Date(Date.UTC(2024, 0, 1));
  wb.modified = new Date(Date.UTC(2024, 0, 1));
  for (const s of specs) addSheet(wb, s);
  return wb;
}

/**
 * Saves through a temporary file in the same directory and renames it into place, so an
 * interrupted run never leaves a half-written workbook behind.
 */
export async function saveAtomically(
  target: string,
  write: (tmp: string) => Promise<void>,
): Promise<void> {
  const dir = path.dirname(path.resolve(target));
  await fs.mkdir(dir, { recursive: true });
  const tmp = path.join(dir, `.${path.basename(target)}.${process.pid}.${Date.now()}.tmp`);
  try {
    await write(tmp);
    await fs.rename(tmp, target);
  } catch (e) {
    await fs.rm(tmp, { force: true });
    throw e;
  }
}

/**
 * Rewrites a worksheet's data validations as non-overlapping rectangles. ExcelJS reads a range
 * validation back as one entry per cell and, when writing, squeezes them in text order (C10 before
 * C2), which yields overlapping ranges (C10:C15 and C2:C15) that Excel may flag as corrupt. Doing
 * the squeeze here keeps a user's validations exactly as they were.
 */
export function compactValidations(ws: ExcelJS.Worksheet): void {
  const dv = validationsOf(ws);
  const groups = new Map<
    string,
    { validation: ExcelJS.DataValidation; cells: { r: number; c: number }[] }
  >();
  const out: Record<string, ExcelJS.DataValidation> = {};
  // ExcelJS reads one rule object per range and gives it to every cell of the range: serialise
  // each object once, not once per cell (a 10,000-town ledger has ~500,000 validated cells).
  const keyOf = new Map<ExcelJS.DataValidation, string>();
  for (const [address, validation] of Object.entries(dv.model)) {
    if (!validation) continue;
    const cell = parseRange(address);
    if (!cell || address.includes(':')) {
      out[address] = validation;
      continue;
    }
    let key = keyOf.get(validation);
    if (key === undefined) {
      key = JSON.stringify(validation);
      keyOf.set(validation, key);
    }
    const g = groups.get(key);
    if (g) g.cells.push({ r: cell.r1, c: cell.c1 });
    else groups.set(key, { validation, cells: [{ r: cell.r1, c: cell.c1 }] });
  }
  for (const { validation, cells } of groups.values()) {
    // Runs down each column, then runs with the same rows merged across adjacent columns.
    const byCol = new Map<number, number[]>();
    for (const { r, c } of cells) {
      const rows = byCol.get(c);
      if (rows) rows.push(r);
      else byCol.set(c, [r]);
    }
    const runs: { c1: number; c2: number; r1: number; r2: number }[] = [];
    // The run that ends in a column, by its rows: where the next column's same rows extend it.
    let endingIn = new Map<string, (typeof runs)[number]>();
    let prevCol = Number.NaN;
    for (const c of [...byCol.keys()].sort((a, b) => a - b)) {
      const rows = [...new Set(byCol.get(c))].sort((a, b) => a - b);
      const left = c === prevCol + 1 ? endingIn : new Map<string, (typeof runs)[number]>();
      endingIn = new Map();
      prevCol = c;
      let start = rows[0] ?? 0;
      let prev = start;
      const flush = () => {
        const key = `${start}:${prev}`;
        const run = left.get(key);
        if (run) run.c2 = c;
        else runs.push({ c1: c, c2: c, r1: start, r2: prev });
        endingIn.set(key, run ?? (runs[runs.length - 1] as (typeof runs)[number]));
      };
      for (let i = 1; i < rows.length; i++) {
        const r = rows[i] as number;
        if (r === prev + 1) {
          prev = r;
          continue;
        }
        flush();
        start = r;
        prev = r;
      }
      if (rows.length > 0) flush();
    }
    for (const x of runs) {
      const a = `${columnName(x.c1)}${x.r1}`;
      const b = `${columnName(x.c2)}${x.r2}`;
      out[a === b ? a : `${a}:${b}`] = validation;
    }
  }
  dv.model = out;
}

/** ExcelJS keeps a sheet's validations in `dataValidations.model` (address -> rule); its typings omit it. */
function validationsOf(ws: ExcelJS.Worksheet): {
  model: Record<string, ExcelJS.DataValidation | undefined>;
} {
  return (
    ws as unknown as {
      dataValidations: { model: Record<string, ExcelJS.DataValidation | undefined> };
    }
  ).dataValidations;
}

function columnName(col: number): string {
  let n = col;
  let s = '';
  while (n > 0) {
    const rem = (n - 1) % 26;
    s = String.fromCharCode(65 + rem) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

export async function saveWorkbook(wb: ExcelJS.Workbook, target: string): Promise<void> {
  for (const ws of wb.worksheets) {
    compactValidations(ws);
    // ExcelJS writes useFirstPageNumber="1" whenever firstPageNumber is set (it always is after a
    // read), which would restart a user's printed page numbers; keep their setting as it was.
    const setup = ws.pageSetup as Partial<ExcelJS.PageSetup> & { useFirstPageNumber?: boolean };
    if (!setup.useFirstPageNumber) delete setup.firstPageNumber;
  }
  // Deflate level 1 rather than JSZip's 6: a third of the time spent compressing a provincial
  // ranking (~4.6 million cells), for a file about a quarter larger.
  const zip = { compression: 'DEFLATE', compressionOptions: { level: 1 } };
  await saveAtomically(target, (tmp) =>
    wb.xlsx.writeFile(tmp, { zip } as ExcelJS.XlsxWriteOptions),
  );
}
