/**
 * SheetSpec -> ExcelJS worksheet, and safe saving. Strings are always written as text (ExcelJS
 * only writes a formula for a {formula} object, which this module never creates), so a unit named
 * `=HYPERLINK(…)` stays a name.
 */
import { createWriteStream, promises as fs } from 'fs';
import * as path from 'path';
import { once } from 'events';
import { Readable } from 'stream';
import { pipeline } from 'stream/promises';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import * as zlib from 'zlib';
import { columnLetter } from '../engine/ledger/cells';
import { PALETTE } from '../engine/ledger/palette';
import type { CellStyle, SheetSpec } from '../engine/ledger/types';

/** The style properties of a row style (fill, font, alignment, border); empty for none. */
function rowStyleModel(style: CellStyle | undefined): Partial<ExcelJS.Style> {
  if (!style) return {};
  // Colours and weight from the one palette every renderer uses; alignment and border are layout.
  const look = PALETTE[style];
  const out: Partial<ExcelJS.Style> = {};
  if (look.fill)
    out.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: `FF${look.fill}` } };
  if (look.bold || look.font) {
    out.font = {
      ...(look.bold ? { bold: true } : {}),
      ...(look.font ? { color: { argb: `FF${look.font}` } } : {}),
    };
  }
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
    const key = lookKey({ style, numFmt, isNumber });
    let shared = this.byKey.get(key);
    if (!shared) {
      shared = { ...rowStyleModel(style), ...(numFmt ? { numFmt } : {}) };
      Object.freeze(shared);
      this.byKey.set(key, shared);
    }
    return this.share ? shared : { ...shared };
  }
}

/** How a cell looks: what picks its shared style (and so its style index in styles.xml). */
interface CellLook {
  readonly style: CellStyle | undefined;
  readonly numFmt: string | undefined;
  readonly isNumber: boolean;
}

function lookKey(look: CellLook): string {
  return `${look.style ?? ''}\u0000${look.numFmt ?? ''}\u0000${look.isNumber ? 'n' : 's'}`;
}

/** Columns a styled row spans: the widest row or the declared columns. */
function sheetWidth(spec: SheetSpec): number {
  // Not Math.max(...rows): 得分明细 has ~45 rows per town, too many arguments for one call.
  return spec.rows.reduce((w, r) => Math.max(w, r.length), spec.columns.length);
}

/**
 * The cells of row `r` that are written, with their looks: blank cells are skipped unless the row
 * is styled (a styled row is styled across the sheet's full width, blank cells included); number
 * formats apply to numbers below the header. One rule for ExcelJS and for the XML writer.
 */
function forEachCell(
  spec: SheetSpec,
  width: number,
  r: number,
  visit: (c: number, v: string | number | boolean | null, look: CellLook) => void,
): void {
  const values = spec.rows[r] ?? [];
  const style = spec.rowStyles?.[r];
  const last = style ? width : values.length;
  for (let c = 0; c < last; c++) {
    const v = values[c] ?? null;
    if (v === null && !style) continue;
    visit(c, v, cellLook(spec, r, c, typeof v === 'number'));
  }
}

function cellLook(spec: SheetSpec, r: number, c: number, isNumber: boolean): CellLook {
  const numFmt = isNumber && r >= spec.freezeRows ? spec.columns[c]?.numFmt : undefined;
  return { style: spec.rowStyles?.[r], numFmt, isNumber };
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
  { shareStyles = false, lang = 'zh' }: { shareStyles?: boolean; lang?: 'zh' | 'en' } = {},
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
  const width = sheetWidth(spec);
  const styles = new SharedStyles(shareStyles);
  spec.rows.forEach((values, r) => {
    const row = ws.getRow(r + 1);
    forEachCell(spec, width, r, (c, v, look) => {
      const cell = row.getCell(c + 1);
      cell.style = styles.get(look.style, look.numFmt, look.isNumber);
      if (v !== null) cell.value = v; // string -> text, number -> number, boolean -> boolean; never a formula
    });
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
      errorTitle: lang === 'en' ? 'Out of range 超出范围' : '超出范围 Out of range',
      error:
        lang === 'en'
          ? `Must be a number from ${v.min} to ${v.max} / 应为 ${v.min} 到 ${v.max} 之间的数`
          : `应为 ${v.min} 到 ${v.max} 之间的数 / Must be a number from ${v.min} to ${v.max}`,
    };
  }
  return ws;
}

/** A new workbook from sheets (template, examples); `lang` orders the validation messages. */
export function workbookFromSheets(
  specs: readonly SheetSpec[],
  { lang = 'zh' }: { lang?: 'zh' | 'en' } = {},
): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Kaohe 目标考核助手';
  // Fixed dates keep regenerated example files stable in git.
  wb.created = new Date(Date.UTC(2024, 0, 1));
  wb.modified = new Date(Date.UTC(2024, 0, 1));
  for (const s of specs) addSheet(wb, s, { lang });
  return wb;
}

/** A result that could not be written: which file, why (from the OS error code), what to do. */
export class OutputWriteError extends Error {
  constructor(
    readonly target: string,
    readonly code: string,
    readonly zh: string,
    readonly en: string,
  ) {
    super(`${zh} / ${en}`);
    this.name = 'OutputWriteError';
  }
}

/**
 * What a failed write of `target` means, by the OS error code. Windows answers EPERM/EBUSY (and
 * EACCES) when the file is open in Excel or WPS; elsewhere EACCES/EPERM mean read-only.
 */
export function describeWriteFailure(target: string, code: string): { zh: string; en: string } {
  const dir = path.dirname(target);
  const reason = ((): { zh: string; en: string } => {
    switch (code) {
      case 'EPERM':
      case 'EACCES':
      case 'EBUSY':
      case 'ETXTBSY':
        return {
          zh: '该文件可能正在其他程序（如 Excel、WPS）中打开，或文件、所在文件夹为只读。请关闭该文件或换一个文件名后重试',
          en: 'it may be open in another program (Excel, WPS…), or the file or its folder is read-only. Close it or choose another file name, then try again',
        };
      case 'EROFS':
        return {
          zh: '所在磁盘为只读，请换一个位置',
          en: 'its disk is read-only; choose another place',
        };
      case 'ENOENT':
        return {
          zh: `文件夹 ${dir} 不存在或已被移走`,
          en: `the folder ${dir} does not exist or was moved`,
        };
      case 'ENOTDIR':
      case 'EEXIST':
        return {
          zh: `路径中的 ${dir}（或其上级）是一个文件，不是文件夹`,
          en: `${dir} (or a folder above it) is a file, not a folder`,
        };
      case 'EISDIR':
        return {
          zh: `${target} 是一个文件夹，不是文件；请给出文件名，如 ${path.join(target, '结果.xlsx')}`,
          en: `${target} is a folder, not a file: give a file name, such as ${path.join(target, 'result.xlsx')}`,
        };
      case 'ENOSPC':
      case 'EDQUOT':
        return { zh: '磁盘空间不足', en: 'the disk is full' };
      case 'ENAMETOOLONG':
        return { zh: '文件名或路径太长', en: 'the file name or path is too long' };
      default:
        return { zh: '写入失败', en: 'the write failed' };
    }
  })();
  const kept =
    code === 'EISDIR'
      ? { zh: '', en: '' }
      : { zh: '；原有文件未改动', en: '; an existing file of that name is unchanged' };
  return {
    zh: `无法写入 ${target}：${reason.zh}（${code}）${kept.zh}`,
    en: `cannot write ${target}: ${reason.en} (${code})${kept.en}`,
  };
}

/**
 * Saves through a temporary file in the same directory and renames it into place, so an
 * interrupted run never leaves a half-written workbook behind. A failure (open in Excel,
 * read-only, disk full…) removes the temporary file and throws OutputWriteError naming `target`.
 */
export async function saveAtomically(
  target: string,
  write: (tmp: string) => Promise<void>,
): Promise<void> {
  const dir = path.dirname(path.resolve(target));
  const tmp = path.join(dir, `.${path.basename(target)}.${process.pid}.${Date.now()}.tmp`);
  try {
    await fs.mkdir(dir, { recursive: true });
    await write(tmp);
    await fs.rename(tmp, target);
  } catch (e) {
    try {
      await fs.rm(tmp, { force: true });
    } catch {
      // the temporary file could not be removed either; the first failure is the one to report
    }
    // Node's own errors may come from another realm (jest's VM): test the code, not the class.
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && /^E[A-Z]+$/.test(code)) {
      const { zh, en } = describeWriteFailure(target, code);
      throw new OutputWriteError(target, code, zh, en);
    }
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
  // Per rule: the rows of each column it covers.
  const groups = new Map<
    string,
    { validation: ExcelJS.DataValidation; byCol: Map<number, number[]> }
  >();
  const out: Record<string, ExcelJS.DataValidation> = {};
  // ExcelJS reads one rule object per range and gives it to every cell of the range: serialise
  // each object once, not once per cell (a 10,000-town ledger has ~500,000 validated cells).
  const keyOf = new Map<ExcelJS.DataValidation, string>();
  const model = dv.model;
  for (const address in model) {
    const validation = model[address];
    if (!validation) continue;
    // A single cell (`C12`), parsed by hand: no regex or object per cell.
    let i = 0;
    let c = 0;
    let r = 0;
    for (let ch = address.charCodeAt(i); ch >= 65 && ch <= 90; ch = address.charCodeAt(++i))
      c = c * 26 + ch - 64;
    const digits = i;
    for (let ch = address.charCodeAt(i); ch >= 48 && ch <= 57; ch = address.charCodeAt(++i))
      r = r * 10 + ch - 48;
    if (digits === 0 || i === digits || i !== address.length) {
      out[address] = validation; // a range, or anything else: kept as it is
      continue;
    }
    let key = keyOf.get(validation);
    if (key === undefined) {
      key = JSON.stringify(validation);
      keyOf.set(validation, key);
    }
    let g = groups.get(key);
    if (!g) {
      g = { validation, byCol: new Map() };
      groups.set(key, g);
    }
    const rows = g.byCol.get(c);
    if (rows) rows.push(r);
    else g.byCol.set(c, [r]);
  }
  for (const { validation, byCol } of groups.values()) {
    // Runs down each column, then runs with the same rows merged across adjacent columns.
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

/** Column letters of a 1-based column number (ExcelJS counts from 1). */
const columnName = (col: number): string => columnLetter(col - 1);

/**
 * Saves `wb` atomically. `bulk`: sheets added with `addBulkSheet`, whose real rows are written
 * into the saved package without passing through ExcelJS.
 */
export async function saveWorkbook(
  wb: ExcelJS.Workbook,
  target: string,
  bulk: readonly BulkSheet[] = [],
): Promise<void> {
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
  if (bulk.length === 0) {
    await saveAtomically(target, (tmp) =>
      wb.xlsx.writeFile(tmp, { zip } as ExcelJS.XlsxWriteOptions),
    );
    return;
  }
  await saveAtomically(target, async (tmp) => {
    // ExcelJS writes the workbook with the placeholders; the bulk sheets' rows go in after.
    await wb.xlsx.writeFile(tmp, { zip } as ExcelJS.XlsxWriteOptions);
    await writeWithBulkSheets(await fs.readFile(tmp), bulk, tmp, 1);
  });
}

/**
 * A sheet too large for ExcelJS's memory model (得分明细: ~4.6 million cells at 10,000 towns):
 * ExcelJS saves a placeholder with the header and one sample row per look, so the sheet's columns,
 * frozen panes, print setup and every style it needs are in the file; `saveWorkbook` then replaces
 * the placeholder's `<sheetData>` with the real rows, generated as XML in chunks.
 */
export interface BulkSheet {
  readonly spec: SheetSpec;
  /** Per look: the placeholder cell (1-based row, 0-based column) whose style index it takes. */
  readonly samples: ReadonlyMap<string, { readonly row: number; readonly col: number }>;
}

/**
 * Adds `spec` as a placeholder worksheet (header rows plus the first row of every new look) and
 * returns what `saveWorkbook` needs to write its real rows. The sheet must be saved with
 * `saveWorkbook(wb, target, [bulk])`; until then the workbook holds only the placeholder.
 */
export function addBulkSheet(wb: ExcelJS.Workbook, spec: SheetSpec): BulkSheet {
  const width = sheetWidth(spec);
  const samples = new Map<string, { row: number; col: number }>();
  const rows: SheetSpec['rows'][number][] = [];
  const rowStyles: Record<number, CellStyle> = {};
  spec.rows.forEach((values, r) => {
    const fresh: { key: string; col: number }[] = [];
    forEachCell(spec, width, r, (c, _v, look) => {
      const key = lookKey(look);
      if (!samples.has(key)) fresh.push({ key, col: c });
    });
    // Header rows always, so the number-format boundary (freezeRows) stays where it is.
    if (fresh.length === 0 && r >= spec.freezeRows) return;
    const style = spec.rowStyles?.[r];
    if (style) rowStyles[rows.length] = style;
    rows.push(values);
    for (const f of fresh)
      if (!samples.has(f.key)) samples.set(f.key, { row: rows.length, col: f.col });
  });
  addSheet(wb, { ...spec, rows, rowStyles }, { shareStyles: true }); // validations are by range: kept
  return { spec, samples };
}

/** Characters XML 1.0 does not allow (controls other than tab/LF/CR, lone surrogates, U+FFFE/F). */
const XML_ILLEGAL = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;
const XML_SPECIAL = /[&<>"\r]/g;
/** Any character xmlText changes (lone surrogates included: the test is per UTF-16 unit). */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const XML_NEEDS_WORK = /[&<>"\r\u0000-\u0008\u000B\u000C\u000E-\u001F\uD800-\uDFFF\uFFFE\uFFFF]/;
const XML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  '\r': '&#13;', // a raw CR would be read back as LF
};

/** Text as XML character data: escaped, characters XML cannot carry removed. */
export function xmlText(text: string): string {
  if (!XML_NEEDS_WORK.test(text)) return text;
  return text.replace(XML_ILLEGAL, '').replace(XML_SPECIAL, (ch) => XML_ESCAPES[ch] ?? ch);
}

/** The `s` index of each look, read from the placeholder's cells in the sheet XML ExcelJS wrote. */
function styleIndexes(xml: string, bulk: BulkSheet): Map<string, string> {
  const byRef = new Map<string, string>();
  for (const m of xml.matchAll(/<c\b([^>]*?)\/?>/g)) {
    const attrs = m[1] ?? '';
    const ref = /\br="([A-Z]+\d+)"/.exec(attrs)?.[1];
    const s = /\bs="(\d+)"/.exec(attrs)?.[1];
    if (ref) byRef.set(ref, s ?? '');
  }
  const out = new Map<string, string>();
  for (const [key, { row, col }] of bulk.samples) {
    const s = byRef.get(`${columnName(col + 1)}${row}`);
    if (s === undefined)
      throw new Error(
        `placeholder cell ${columnName(col + 1)}${row} of ${bulk.spec.name} was not written`,
      );
    out.set(key, s);
  }
  return out;
}

/**
 * Rows per generated chunk of sheet XML (~70 KB). Small on purpose: chunks of 10,000 rows (~3.6 MB
 * strings, allocated outside V8's young generation) made the garbage collector sweep the whole
 * ~600 MB heap over and over; writing 得分明细 at 10,000 towns took 7 s instead of 3 s.
 */
const ROWS_PER_CHUNK = 200;

/** The real `<sheetData>` of a bulk sheet, in chunks. */
function* sheetDataXml(bulk: BulkSheet, styles: ReadonlyMap<string, string>): Generator<string> {
  const { spec } = bulk;
  const width = sheetWidth(spec);
  const letters = Array.from({ length: width }, (_, c) => columnName(c + 1));
  const texts = new Map<string, string>();
  // The ` s="N"` of each (row style, header or not, column, number or not): the same looks as
  // forEachCell gives (cellLook), looked up once per kind of row rather than once per cell.
  const attrs = new Map<string, { num: string[]; other: string[] }>();
  const attrsOf = (r: number) => {
    const style = spec.rowStyles?.[r];
    const key = `${style ?? ''}\u0000${r < spec.freezeRows ? 'h' : 'd'}`;
    let a = attrs.get(key);
    if (!a) {
      const one = (c: number, isNumber: boolean) => {
        const s = styles.get(lookKey(cellLook(spec, r, c, isNumber)));
        return s ? ` s="${s}"` : '';
      };
      a = {
        num: letters.map((_, c) => one(c, true)),
        other: letters.map((_, c) => one(c, false)),
      };
      attrs.set(key, a);
    }
    return a;
  };
  let xml = '<sheetData>';
  const rows = spec.rows;
  for (let r = 0; r < rows.length; r++) {
    const n = r + 1;
    const values = rows[r] ?? [];
    const styled = spec.rowStyles?.[r] !== undefined;
    const { num, other } = attrsOf(r);
    // Same cells as forEachCell: blanks only in styled rows, which span the sheet's width.
    const last = styled ? width : values.length;
    let row = `<row r="${n}">`;
    for (let c = 0; c < last; c++) {
      const v = values[c] ?? null;
      if (v === null && !styled) continue;
      const ref = `<c r="${letters[c] ?? columnName(c + 1)}${n}"`;
      if (typeof v === 'number') {
        // A non-finite number has no XML form: a blank cell in the number's style.
        row += Number.isFinite(v)
          ? `${ref}${num[c] ?? ''}><v>${v}</v></c>`
          : `${ref}${num[c] ?? ''}/>`;
      } else if (typeof v === 'boolean')
        row += `${ref}${other[c] ?? ''} t="b"><v>${v ? 1 : 0}</v></c>`;
      else if (typeof v === 'string') {
        // Inline strings are never formulas: a unit named `=HYPERLINK(…)` stays text. Names and
        // labels repeat on every row of a town, so each text is escaped once.
        let body = texts.get(v);
        if (body === undefined) {
          if (texts.size > 100_000) texts.clear();
          body = `<is><t${/^\s|\s$/.test(v) ? ' xml:space="preserve"' : ''}>${xmlText(v)}</t></is>`;
          texts.set(v, body);
        }
        row += `${ref}${other[c] ?? ''} t="inlineStr">${body}</c>`;
      } else row += `${ref}${other[c] ?? ''}/>`; // blank in a styled row
    }
    xml += `${row}</row>`;
    if (n % ROWS_PER_CHUNK === 0) {
      yield xml;
      xml = '';
    }
  }
  yield `${xml}</sheetData>`;
}

/** Path of a sheet's XML inside the package, from xl/workbook.xml and its relationships. */
export async function sheetPath(zip: JSZip, name: string): Promise<string> {
  const workbook = await zip.file('xl/workbook.xml')?.async('string');
  const rels = await zip.file('xl/_rels/workbook.xml.rels')?.async('string');
  if (!workbook || !rels)
    throw new Error('saved workbook has no xl/workbook.xml or its relationships');
  const decode = (s: string) =>
    s.replace(
      /&(amp|lt|gt|quot|apos);/g,
      (_m, e: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" })[e] ?? '',
    );
  let id: string | undefined;
  for (const m of workbook.matchAll(/<sheet\b[^>]*>/g)) {
    const tag = m[0];
    if (decode(/\bname="([^"]*)"/.exec(tag)?.[1] ?? '') === name)
      id = /\br:id="([^"]*)"/.exec(tag)?.[1];
  }
  if (!id) throw new Error(`sheet ${name} not found in the saved workbook`);
  for (const m of rels.matchAll(/<Relationship\b[^>]*>/g)) {
    const tag = m[0];
    if (/\bId="([^"]*)"/.exec(tag)?.[1] !== id) continue;
    const target = decode(/\bTarget="([^"]*)"/.exec(tag)?.[1] ?? '');
    return target.startsWith('/') ? target.slice(1) : path.posix.normalize(`xl/${target}`);
  }
  throw new Error(`relationship ${id} of sheet ${name} not found`);
}

/** A bulk sheet's new XML, in chunks: ExcelJS's sheet XML around the generated rows. */
export async function bulkSheetXml(
  pkg: JSZip,
  bulk: BulkSheet,
  remapStyles: (sheetXml: string) => string = (x) => x,
): Promise<{ file: string; chunks: Iterable<Buffer> }> {
  const file = await sheetPath(pkg, bulk.spec.name);
  const saved = await pkg.file(file)?.async('string');
  if (!saved) throw new Error(`${file} missing from the saved workbook`);
  // The placeholder's style indexes are read before remapping, then remapped with the rest.
  const styles = new Map<string, string>();
  for (const [key, s] of styleIndexes(saved, bulk))
    styles.set(key, s === '' ? '' : (/s="(\d+)"/.exec(remapStyles(`<c s="${s}"/>`))?.[1] ?? s));
  const xml = remapStyles(saved);
  const start = xml.search(/<sheetData\b/);
  const endTag = xml.indexOf('</sheetData>');
  const selfClosed = /<sheetData\s*\/>/.exec(xml);
  let head: string;
  let tail: string;
  if (start >= 0 && endTag >= 0) {
    head = xml.slice(0, start);
    tail = xml.slice(endTag + '</sheetData>'.length);
  } else if (selfClosed) {
    head = xml.slice(0, selfClosed.index);
    tail = xml.slice(selfClosed.index + selfClosed[0].length);
  } else throw new Error(`${file} has no <sheetData>`);
  const width = sheetWidth(bulk.spec);
  const rowsCount = bulk.spec.rows.length;
  const ref = rowsCount === 0 || width === 0 ? 'A1' : `A1:${columnName(width)}${rowsCount}`;
  head = head.replace(/<dimension\b[^>]*\/>/, `<dimension ref="${ref}"/>`);
  const chunks = (function* () {
    yield Buffer.from(head, 'utf8');
    for (const part of sheetDataXml(bulk, styles)) yield Buffer.from(part, 'utf8');
    yield Buffer.from(tail, 'utf8');
  })();
  return { file, chunks };
}

const CRC_TABLE = (() => {
  const t = new Int32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c;
  }
  return t;
})();

/** CRC-32 of `data` continuing from `crc`: zlib's (Node 20.15+), else a table. */
function crc32(data: Buffer, crc: number): number {
  const native = (zlib as { crc32?: (d: Buffer, v: number) => number }).crc32;
  if (native) return native(data, crc);
  let c = ~crc;
  for (let i = 0; i < data.length; i++)
    c = (CRC_TABLE[(c ^ (data[i] ?? 0)) & 0xff] ?? 0) ^ (c >>> 8);
  return ~c >>> 0;
}

/** One deflated zip entry, held compressed. */
export interface ZipEntry {
  readonly name: Buffer;
  readonly crc: number;
  readonly size: number;
  readonly data: Buffer[];
  readonly compressedSize: number;
}

export async function deflateEntry(
  name: string,
  chunks: Iterable<Buffer>,
  level: number,
): Promise<ZipEntry> {
  const deflate = zlib.createDeflateRaw({ level });
  const data: Buffer[] = [];
  let compressedSize = 0;
  deflate.on('data', (b: Buffer) => {
    data.push(b);
    compressedSize += b.length;
  });
  const ended = once(deflate, 'end');
  let crc = 0;
  let size = 0;
  for (const chunk of chunks) {
    crc = crc32(chunk, crc);
    size += chunk.length;
    if (!deflate.write(chunk)) await once(deflate, 'drain');
  }
  deflate.end();
  await ended;
  if (size > 0xfffffffe || compressedSize > 0xfffffffe)
    throw new Error(`${name} is too large for a zip without zip64`);
  return { name: Buffer.from(name, 'utf8'), crc: crc >>> 0, size, data, compressedSize };
}

/** DOS date and time of 1980-01-01 00:00 (as ExcelJS/JSZip write fixed-date entries). */
const DOS_TIME = 0;
const DOS_DATE = (0 << 9) | (1 << 5) | 1;

/** Writes a plain (non-zip64) zip of deflated entries to `file`. */
export async function writeZip(file: string, entries: readonly ZipEntry[]): Promise<void> {
  const central: Buffer[] = [];
  let offset = 0;
  async function* parts() {
    for (const e of entries) {
      const local = Buffer.alloc(30);
      local.writeUInt32LE(0x04034b50, 0);
      local.writeUInt16LE(20, 4);
      local.writeUInt16LE(0x0800, 6); // names are UTF-8
      local.writeUInt16LE(8, 8); // deflate
      local.writeUInt16LE(DOS_TIME, 10);
      local.writeUInt16LE(DOS_DATE, 12);
      local.writeUInt32LE(e.crc, 14);
      local.writeUInt32LE(e.compressedSize, 18);
      local.writeUInt32LE(e.size, 22);
      local.writeUInt16LE(e.name.length, 26);
      local.writeUInt16LE(0, 28);
      const cd = Buffer.alloc(46);
      cd.writeUInt32LE(0x02014b50, 0);
      cd.writeUInt16LE(20, 4);
      cd.writeUInt16LE(20, 6);
      local.copy(cd, 8, 6, 30); // flags .. name length
      cd.writeUInt16LE(0, 30); // extra
      cd.writeUInt16LE(0, 32); // comment
      cd.writeUInt32LE(offset, 42);
      central.push(cd, e.name);
      offset += local.length + e.name.length + e.compressedSize;
      yield local;
      yield e.name;
      for (const d of e.data) yield d;
    }
    if (offset > 0xfffffffe) throw new Error('workbook too large for a zip without zip64');
    const cdSize = central.reduce((n, b) => n + b.length, 0);
    const end = Buffer.alloc(22);
    end.writeUInt32LE(0x06054b50, 0);
    end.writeUInt16LE(entries.length, 8);
    end.writeUInt16LE(entries.length, 10);
    end.writeUInt32LE(cdSize, 12);
    end.writeUInt32LE(offset, 16);
    for (const c of central) yield c;
    yield end;
  }
  await pipeline(Readable.from(parts()), createWriteStream(file));
}

/**
 * The package ExcelJS saved, with each bulk sheet's placeholder rows replaced by its real rows
 * (generated and deflated in chunks, so the sheet's XML is never held whole), written to `file`.
 */
async function writeWithBulkSheets(
  saved: Buffer,
  bulk: readonly BulkSheet[],
  file: string,
  level: number,
): Promise<void> {
  const pkg = await JSZip.loadAsync(saved);
  const replaced = new Map<string, Iterable<Buffer>>();
  for (const b of bulk) {
    const { file: name, chunks } = await bulkSheetXml(pkg, b);
    replaced.set(name, chunks);
  }
  const entries: ZipEntry[] = [];
  for (const [name, obj] of Object.entries(pkg.files)) {
    if (obj.dir) continue;
    const chunks = replaced.get(name) ?? [await obj.async('nodebuffer')];
    entries.push(await deflateEntry(name, chunks, level));
  }
  await writeZip(file, entries);
}
