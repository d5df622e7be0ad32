/**
 * The `scheme` argument of SCORE.LINE and SCORE.TOTAL: the workbook's 方案 table passed as a
 * range (header row 类型|代码|项目|…), read by the engine's `readScheme` exactly as the CLI and
 * the pane read the 方案 sheet. Excel calls a function once per formula cell and hands each call
 * the same range, so the parsed scheme is memoised by a content key (bounded, least recently used).
 */
import { KaoheError, unitKind } from '../engine';
import type { Scheme, SchemeLine } from '../engine';
import { readScheme } from '../engine/ledger/readScheme';
import type { CellValue } from '../engine/ledger/types';
import { asMatrix, showCell } from './cells';
import type { Matrix } from './cells';

/** The sheet name messages give: the table is the 方案 sheet's, wherever the range starts. */
const SCHEME_SHEET = '方案';
/** Schemes kept: a workbook has one 方案, a few while it is being edited. */
const CACHE_SIZE = 8;

type Parsed = { scheme: Scheme } | { error: KaoheError };
const cache = new Map<string, Parsed>();
let parses = 0;

/** How many times a 方案 range was actually parsed (for the memoisation test). */
export function schemeParseCount(): number {
  return parses;
}

/** A cell as the engine's readers hand it over: Excel's own values pass unchanged, anything else as text. */
function cellValue(v: unknown): CellValue {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'boolean') return v;
  if (typeof v === 'number') return Number.isFinite(v) ? v : String(v);
  return showCell(v);
}

/** A key that is equal exactly when the cells are (type and value), cheap next to a parse. */
function contentKey(values: readonly (readonly CellValue[])[]): string {
  const parts: string[] = [];
  for (const row of values) {
    for (const v of row)
      parts.push(
        v === null
          ? '_'
          : `${typeof v === 'string' ? 's' : typeof v === 'number' ? 'n' : 'b'}${String(v).length}:${String(v)}`,
      );
    parts.push('|');
  }
  return parts.join('');
}

function parse(values: readonly (readonly CellValue[])[]): Parsed {
  parses++;
  const { scheme, findings } = readScheme({ name: SCHEME_SHEET, values });
  const first = findings.find((f) => f.severity === 'error');
  if (scheme && !first) return { scheme };
  const at = first?.cell ? `${SCHEME_SHEET}!${first.cell}` : SCHEME_SHEET;
  return {
    error: new KaoheError(
      'scheme.invalid',
      `方案表有误（${at}，按区域左上角为 A1 计）：${first?.zh ?? '无法读取'}`,
      `The scheme table is wrong (${at}, counting the range's top-left cell as A1): ${first?.en ?? 'cannot be read'}`,
    ),
  };
}

/**
 * The scheme in a 方案 range, or a KaoheError naming the first problem and its cell (relative to
 * the range: pass the table from its header row, e.g. 方案!A1:Q80, and the cell is the sheet's).
 */
export function schemeOfRange(range: Matrix | null | undefined): Scheme {
  const values = asMatrix(range).map((row) => row.map(cellValue));
  const key = contentKey(values);
  let parsed = cache.get(key);
  if (parsed) cache.delete(key);
  else parsed = parse(values);
  cache.set(key, parsed);
  while (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value as string);
  if ('error' in parsed) throw parsed.error;
  return parsed.scheme;
}

/**
 * The lines a unit's (乡镇) total is made of, in scheme order: the lines of the scheme's unit kind
 * (without kinds in the 方案: every line but the department line D). SCORE.TOTAL takes the first
 * as `party` and the second as `fp`.
 */
export function townLines(scheme: Scheme): readonly SchemeLine[] {
  const codes = unitKind(scheme)?.lines ?? [];
  return codes.map((c) => scheme.lines.find((l) => l.code === c)).filter((l): l is SchemeLine => l !== undefined);
}

/** The line with this code (exact, else ignoring case), or #VALUE! listing the scheme's lines. */
export function lineOfScheme(scheme: Scheme, code: unknown): SchemeLine {
  const text = showCell(code).trim();
  const found =
    scheme.lines.find((l) => l.code === text) ??
    scheme.lines.find((l) => l.code.toUpperCase() === text.toUpperCase());
  if (found && text !== '') return found;
  const list = scheme.lines.map((l) => `${l.code} ${l.labelZh}`).join('、');
  const listEn = scheme.lines.map((l) => `${l.code} ${l.labelEn}`).join(', ');
  throw new KaoheError(
    'scheme.line-missing',
    text === ''
      ? `缺少考核线代码；方案中的线：${list}`
      : `方案中没有考核线“${text}”；方案中的线：${list}`,
    text === ''
      ? `Missing line code; the scheme's lines: ${listEn}`
      : `The scheme has no line "${text}"; its lines: ${listEn}`,
  );
}
