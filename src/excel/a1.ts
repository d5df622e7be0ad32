/** A1-address helpers shared by the Office adapter, its fake and the workbench (no Office.js here). */

import { KaoheError } from '../engine/errors';
import { columnIndex, columnLetter } from '../engine/ledger/cells';
import type { CellRef } from './port';

export { columnIndex, columnLetter };

/** A rectangle of cells, 0-based and inclusive. */
export interface CellBox {
  readonly row: number;
  readonly col: number;
  readonly lastRow: number;
  readonly lastCol: number;
}

/** `A1:F20` for a 0-based box. */
export function boxAddress(box: CellBox): string {
  const a = `${columnLetter(box.col)}${box.row + 1}`;
  const b = `${columnLetter(box.lastCol)}${box.lastRow + 1}`;
  return a === b ? a : `${a}:${b}`;
}

const CELL = /^\$?([A-Za-z]{1,3})\$?(\d+)$/;
const COLUMN = /^\$?([A-Za-z]{1,3})$/;
const ROW = /^\$?(\d+)$/;

/** Largest row/column index Excel has (used for whole-column and whole-row addresses). */
export const MAX_ROW = 1_048_575;
export const MAX_COL = 16_383;

/**
 * Parses `B3`, `B3:F20`, `A:A`, `2:2` and `Sheet!B3:F20` / `'My sheet'!B3` (the sheet part is
 * dropped). Returns null when the text is not an address.
 */
export function parseAddress(address: string): CellBox | null {
  const bang = address.lastIndexOf('!');
  const local = bang >= 0 ? address.slice(bang + 1) : address;
  const parts = local.split(':');
  if (parts.length < 1 || parts.length > 2) return null;
  const [p1, p2 = p1] = parts as [string, string?];
  const a = parseEnd(p1);
  const b = parseEnd(p2);
  if (!a || !b || a.kind !== b.kind) return null;
  return {
    row: Math.min(a.row, b.row),
    col: Math.min(a.col, b.col),
    lastRow: Math.max(a.lastRow, b.lastRow),
    lastCol: Math.max(a.lastCol, b.lastCol),
  };
}

function parseEnd(text: string): (CellBox & { kind: 'cell' | 'col' | 'row' }) | null {
  let m = CELL.exec(text);
  if (m) {
    const col = columnIndex(m[1]!);
    const row = Number(m[2]) - 1;
    return row >= 0 ? { kind: 'cell', row, col, lastRow: row, lastCol: col } : null;
  }
  m = COLUMN.exec(text);
  if (m) {
    const col = columnIndex(m[1]!);
    return { kind: 'col', row: 0, col, lastRow: MAX_ROW, lastCol: col };
  }
  m = ROW.exec(text);
  if (m) {
    const row = Number(m[1]) - 1;
    return row >= 0 ? { kind: 'row', row, col: 0, lastRow: row, lastCol: MAX_COL } : null;
  }
  return null;
}

/**
 * The sheet a reference formula points at: `=排名汇总!$A$1` -> `排名汇总`,
 * `='My ''x'' sheet'!$A$1` -> `My 'x' sheet`. Null for `#REF!` or anything without a sheet.
 */
export function sheetOfReference(formula: string): string | null {
  const text = formula.startsWith('=') ? formula.slice(1) : formula;
  if (text.startsWith("'")) {
    let out = '';
    for (let i = 1; i < text.length; i++) {
      const ch = text[i]!;
      if (ch === "'") {
        if (text[i + 1] === "'") {
          out += "'";
          i++;
          continue;
        }
        return text[i + 1] === '!' ? out : null;
      }
      out += ch;
    }
    return null;
  }
  const bang = text.indexOf('!');
  if (bang <= 0) return null;
  const name = text.slice(0, bang);
  return name.startsWith('#') ? null : name;
}

/** Quotes a sheet name for use in a reference (`'My ''x'' sheet'`). */
export function quoteSheet(name: string): string {
  return `'${name.replace(/'/g, "''")}'`;
}

/** UTF-8 byte length of a string (the size a request body carries), without allocating. */
export function utf8Length(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

/** The address of a cell reference, or a bilingual error naming it and its sheet. */
export function checkedAddress(ref: CellRef): string {
  if (!parseAddress(ref.address)) {
    throw new KaoheError(
      'excel.bad-address',
      `“${ref.address}”不是有效的单元格地址（工作表“${ref.sheet}”）。`,
      `"${ref.address}" is not a valid cell address (sheet "${ref.sheet}").`,
    );
  }
  return ref.address;
}

/** Most cells marked at once, so a stray whole column cannot blow up. */
export const MAX_HIGHLIGHT_CELLS = 2_000;

/**
 * The single cells a mark covers: ranges (`B2:C3`) split, addresses upper-cased, duplicates
 * dropped, in order. Every port marks cell by cell from this list.
 */
export function cellsToMark(refs: readonly CellRef[]): CellRef[] {
  const out: CellRef[] = [];
  const seen = new Set<string>();
  for (const ref of refs) {
    const box = parseAddress(checkedAddress(ref));
    if (!box) continue;
    for (let r = box.row; r <= box.lastRow; r++) {
      for (let c = box.col; c <= box.lastCol; c++) {
        const address = boxAddress({ row: r, col: c, lastRow: r, lastCol: c });
        const key = `${ref.sheet}!${address}`;
        if (seen.has(key)) continue;
        seen.add(key);
        out.push({ sheet: ref.sheet, address });
        if (out.length > MAX_HIGHLIGHT_CELLS) {
          throw new KaoheError(
            'excel.highlight-too-many',
            `一次最多标记 ${MAX_HIGHLIGHT_CELLS} 个单元格。`,
            `At most ${MAX_HIGHLIGHT_CELLS} cells can be highlighted at once.`,
          );
        }
      }
    }
  }
  return out;
}
