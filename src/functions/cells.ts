/**
 * Glue between Excel's custom-function arguments and the engine: range shapes, broadcasting,
 * and errors as `CustomFunctions.Error`. Nothing here touches the DOM, `window` or Office.js;
 * `CustomFunctions` is read only when a function runs, never at load.
 */
import { isBlank, isKaoheError, KaoheError } from '../engine';

/** A range argument as Excel hands it over: rows × columns. A literal arrives as 1×1. */
export type Matrix = readonly (readonly unknown[])[];
/** A cell of a result: a value, or an error shown in that cell only. */
export type Out<T> = T | CustomFunctions.Error;

/** What SCORE.TOTAL and SCORE.RANK show for a vetoed unit: it has no total and no rank. */
export const VETOED_TEXT = '一票否决 vetoed';

/** Engine error codes that mean "no data" (#N/A); every other user error is #VALUE!. */
const NOT_AVAILABLE_CODES = new Set(['veto.blank', 'rate.blank', 'rank.not-found', 'rank.blank', 'rank.no-class']);

/**
 * Turns anything thrown into a cell error. Only #VALUE! and #N/A carry a message in Excel, so
 * user errors use those two; `where` (e.g. "第 3 行 / row 3") says which cell of a spill it is.
 */
export function toCellError(err: unknown, where = ''): CustomFunctions.Error {
  const prefix = where ? `${where}：` : '';
  if (isKaoheError(err)) {
    const e = err;
    const code = NOT_AVAILABLE_CODES.has(e.code) ? CustomFunctions.ErrorCode.notAvailable : CustomFunctions.ErrorCode.invalidValue;
    return new CustomFunctions.Error(code, `${prefix}${clipMessage(e.zh)} / ${clipMessage(e.en)}`);
  }
  const text = err instanceof Error ? err.message : String(err);
  return new CustomFunctions.Error(CustomFunctions.ErrorCode.invalidValue, `${prefix}内部错误 / internal error: ${text}`);
}

/**
 * Messages quote the offending cell (“…” or "…"); a pasted 100,000-character text must not end up
 * whole in the error flyout, so long quotes are clipped and the whole part is capped.
 */
export function clipMessage(text: string): string {
  const clipped = text.replace(/“([^”]{40})[^”]+”/g, '“$1…”').replace(/"([^"]{40})[^"]+"/g, '"$1…"');
  return clipped.length > 500 ? `${clipped.slice(0, 500)}…` : clipped;
}

/** Runs `fn`, turning a throw into a cell error: one bad cell never fails the whole range. */
export function guard<T>(fn: () => T, where = ''): Out<T> {
  try {
    return fn();
  } catch (err) {
    return toCellError(err, where);
  }
}

/** An argument that may be omitted (optional parameters arrive as null or undefined). */
export function isOmitted(m: Matrix | null | undefined): m is null | undefined {
  return m === null || m === undefined;
}

/** Normalises an argument to a matrix: a bare scalar (some hosts pass one) becomes 1×1. */
export function asMatrix(m: unknown): Matrix {
  // Excel never passes an empty range, but a caller might: read it as one blank cell, so every
  // function answers with a value or an error cell instead of an empty (unshowable) result.
  if (Array.isArray(m) && (m.length === 0 || m.every((row) => Array.isArray(row) && row.length === 0))) return [[null]];
  if (Array.isArray(m) && m.every((row) => Array.isArray(row))) return rectangular(m as Matrix);
  if (Array.isArray(m)) return [m as unknown[]];
  return [[m]];
}

/** Ragged rows (never from Excel, but possible from a caller) are padded with blanks to the widest. */
function rectangular(m: Matrix): Matrix {
  let width = 0;
  for (const row of m) width = Math.max(width, row.length);
  if (m.every((row) => row.length === width)) return m;
  return m.map((row) => (row.length === width ? row : [...row, ...new Array<null>(width - row.length).fill(null)]));
}

function shapeOf(m: Matrix): [number, number] {
  return [m.length, m[0]?.length ?? 0];
}

/**
 * The units of a score range for the line functions: one row is one unit; a single column is one
 * unit written downwards; several rows and columns are one unit per row (the result spills down).
 */
export function unitsOf(m: Matrix): { values: readonly unknown[]; where: string }[] {
  const [rows, cols] = shapeOf(m);
  if (rows === 1 || cols === 1) return [{ values: m.flat(), where: '' }];
  return m.map((row, r) => ({ values: row, where: rowLabel(r) }));
}

export function rowLabel(r: number): string {
  return `第 ${r + 1} 行 / row ${r + 1}`;
}

/** Which cell of a spilled result a message is about; empty for a single cell. */
export function cellLabel(r: number, c: number, rows: number, cols: number): string {
  if (rows * cols === 1) return '';
  if (cols === 1) return rowLabel(r);
  if (rows === 1) return `第 ${c + 1} 列 / column ${c + 1}`;
  return `第 ${r + 1} 行第 ${c + 1} 列 / row ${r + 1} column ${c + 1}`;
}

/**
 * Element-wise over arguments of one shape, like Excel's array arithmetic: each argument is a
 * single cell (used for every position) or a range of the common shape; an omitted optional
 * argument is null everywhere. Each position is computed on its own, so an error stays in its cell.
 * Arguments of different shapes give one #VALUE! naming them.
 */
export function broadcast<T>(
  args: readonly { name: string; value: Matrix | null | undefined }[],
  fn: (cells: unknown[]) => T,
): Out<T>[][] {
  let shape: [number, number] = [1, 1];
  let owner = '';
  for (const a of args) {
    if (isOmitted(a.value)) continue;
    const s = shapeOf(asMatrix(a.value));
    if (s[0] * s[1] === 1) continue;
    if (shape[0] * shape[1] === 1) {
      shape = s;
      owner = a.name;
    } else if (s[0] !== shape[0] || s[1] !== shape[1]) {
      return [[
        toCellError(
          new KaoheError(
            'range.shape',
            `参数 ${a.name} 的区域为 ${s[0]}×${s[1]}，与 ${owner} 的 ${shape[0]}×${shape[1]} 不一致（应为单个单元格或同样大小的区域）`,
            `Argument ${a.name} is ${s[0]}×${s[1]} but ${owner} is ${shape[0]}×${shape[1]}; use one cell or ranges of the same size`,
          ),
        ),
      ]];
    }
  }
  const [rows, cols] = shape;
  const mats = args.map((a) => (isOmitted(a.value) ? null : asMatrix(a.value)));
  const out: Out<T>[][] = [];
  for (let r = 0; r < rows; r++) {
    const row: Out<T>[] = [];
    for (let c = 0; c < cols; c++) {
      const cells = mats.map((m) => {
        if (m === null) return null;
        const single = m.length === 1 && (m[0]?.length ?? 0) === 1;
        return single ? m[0]?.[0] : m[r]?.[c];
      });
      row.push(guard(() => fn(cells), cellLabel(r, c, rows, cols)));
    }
    out.push(row);
  }
  return out;
}

/**
 * Reads a yes/no cell (vetoed, descending). Blank is `blank`; TRUE/FALSE, 1/0 and the words
 * 是/否, Y/N, YES/NO, TRUE/FALSE, 否决 are accepted; anything else is #VALUE! naming the argument.
 */
export function parseFlag(value: unknown, name: string, blank: boolean): boolean {
  if (isBlank(value)) return blank;
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number' && (value === 0 || value === 1)) return value === 1;
  if (typeof value === 'string') {
    const t = value.trim().toUpperCase();
    if (['TRUE', 'YES', 'Y', '是', '1', '否决', '一票否决', VETOED_TEXT.toUpperCase()].includes(t)) return true;
    if (['FALSE', 'NO', 'N', '否', '0'].includes(t)) return false;
  }
  const shown = typeof value === 'string' ? `“${value}”` : showCell(value);
  throw new KaoheError('value.not-flag', `${name}：${shown} 不是 TRUE/FALSE（是/否）`, `${name}: ${shown} is not TRUE/FALSE`);
}

/** A cell value as text for a message: numbers and booleans as Excel shows them. */
export function showCell(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value === null || value === undefined) return '';
  if (typeof value === 'bigint') return String(value);
  try {
    return JSON.stringify(value) ?? typeof value;
  } catch {
    return typeof value; // circular or otherwise unprintable: never let a message crash the function
  }
}
