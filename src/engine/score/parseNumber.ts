import { KaoheError } from '../errors';

/** True for the values a blank cell may arrive as: null/undefined (web), '' (Range.values). */
export function isBlank(value: unknown): boolean {
  return value === null || value === undefined || (typeof value === 'string' && value.trim() === '');
}

/** A cell's value read as a number: what every reader (scorer, checks, ledger) sees in it. */
export type CellNumber =
  | { readonly kind: 'blank' }
  /** `value` is the number as written, before its sign's scale ("95%" -> 95 with sign `%`). */
  | { readonly kind: 'number'; readonly value: number; readonly sign: '%' | '‰' | null }
  /** `suggestion` is the text to write instead, when there is an obvious one (`18,5` -> `18.5`). */
  | { readonly kind: 'bad'; readonly code: 'value.not-number' | 'value.decimal-comma'; readonly suggestion?: string };

const NUMBER_TEXT = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
/** A comma followed by exactly one or two digits: `18,5`, `3,25` (a thousands comma has three). */
const DECIMAL_COMMA = /,\d{1,2}(?!\d)/;

/**
 * Number text as the readers compare it: full-width forms (`１２．５`, `－`, `，`, `％`) made
 * ASCII, the minus signs U+2212 and U+FE63 made `-`, and every space (U+3000 and U+00A0
 * included) removed.
 * @example normaliseNumberText(' −１，２３４ ') // '-1,234'
 */
export function normaliseNumberText(text: string): string {
  return text
    .replace(/[\uff01-\uff5e]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0))
    .replace(/[\u2212\ufe63]/g, '-')
    .replace(/\s/g, '');
}

/**
 * THE cell reader for numbers: a number, or text with optional full-width digits, any minus
 * sign (`-`, `−`, `－`), thousands commas, spaces and a trailing `%` or `‰` (returned as `sign`,
 * unscaled). A comma followed by only one or two digits (`18,5`) is refused as an ambiguous
 * decimal comma, never read as 185. Booleans, dates and other values are `bad`.
 * @example readCellNumber('−1,234.5') // { kind: 'number', value: -1234.5, sign: null }
 * @example readCellNumber('９５％') // { kind: 'number', value: 95, sign: '%' }
 * @example readCellNumber('18,5') // { kind: 'bad', code: 'value.decimal-comma', suggestion: '18.5' }
 */
export function readCellNumber(value: unknown): CellNumber {
  if (isBlank(value)) return { kind: 'blank' };
  if (typeof value === 'number') return Number.isFinite(value) ? { kind: 'number', value, sign: null } : { kind: 'bad', code: 'value.not-number' };
  if (typeof value !== 'string') return { kind: 'bad', code: 'value.not-number' };
  const text = normaliseNumberText(value);
  if (text === '') return { kind: 'blank' };
  const sign = text.endsWith('%') ? '%' : text.endsWith('‰') ? '‰' : null;
  const body = sign ? text.slice(0, -1) : text;
  const bare = body.replace(/,/g, '');
  if (!NUMBER_TEXT.test(bare)) return { kind: 'bad', code: 'value.not-number' };
  if (DECIMAL_COMMA.test(body)) {
    const last = body.lastIndexOf(',');
    const point = `${body.slice(0, last).replace(/,/g, '')}.${body.slice(last + 1)}`;
    const suggestion = DECIMAL_COMMA.test(body.slice(last)) && NUMBER_TEXT.test(point) ? `${point}${sign ?? ''}` : undefined;
    return { kind: 'bad', code: 'value.decimal-comma', ...(suggestion ? { suggestion } : {}) };
  }
  const n = Number(bare);
  if (!Number.isFinite(n)) return { kind: 'bad', code: 'value.not-number' };
  return { kind: 'number', value: n, sign };
}

/**
 * Parses a number typed into a cell (see `readCellNumber`); a trailing `%` divides by 100, `‰`
 * by 1000. Returns null for a blank; throws `value.not-number` or `value.decimal-comma`.
 * @example parseRate('90.77%') // 0.9077
 * @example parseRate('６.０７‰') // 0.00607
 * @example parseRate(95) // 95
 */
export function parseRate(value: unknown, field?: string): number | null {
  const r = readCellNumber(value);
  if (r.kind === 'blank') return null;
  if (r.kind === 'bad') throw numberError(r, value, field);
  return r.sign === '%' ? r.value / 100 : r.sign === '‰' ? r.value / 1000 : r.value;
}

/**
 * Parses a score or count: like `parseRate` but `%`/`‰` are not allowed (points are not rates).
 * Booleans are rejected rather than read as 1/0.
 */
export function parseScore(value: unknown, field?: string): number | null {
  const r = readCellNumber(value);
  if (r.kind === 'blank') return null;
  if (r.kind === 'bad') throw numberError(r, value, field);
  if (r.sign) throw numberError({ kind: 'bad', code: 'value.not-number' }, value, field);
  return r.value;
}

/**
 * The error for a value `readCellNumber` found bad, naming `field` when given, in Chinese and
 * English: `“abc”不是数字`, or for `18,5` that the comma is ambiguous and `18.5` is what to write.
 */
export function numberError(bad: Extract<CellNumber, { kind: 'bad' }>, value: unknown, field?: string): KaoheError {
  const shown = typeof value === 'string' ? value : describe(value);
  if (bad.code === 'value.not-number') return notNumber(shown, field);
  const where = field ? `${field}：` : '';
  const whereEn = field ? `${field}: ` : '';
  const zhFix = bad.suggestion ? `请写成 ${bad.suggestion}` : '请用小数点';
  const enFix = bad.suggestion ? `write ${bad.suggestion}` : 'write a decimal point';
  return new KaoheError(
    'value.decimal-comma',
    `${where}“${clip(shown)}”有歧义：逗号是小数点吗？${zhFix}（千位分隔的逗号后应有三位数字）`,
    `${whereEn}"${clip(shown)}" is ambiguous: a decimal comma? ${enFix} (a thousands comma is followed by three digits)`,
    field,
  );
}

function describe(value: unknown): string {
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object' && value !== null) return JSON.stringify(value) ?? '?';
  return typeof value === 'symbol' || typeof value === 'function' ? typeof value : String(value);
}

function clip(text: string): string {
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}

function notNumber(shown: string, field?: string): KaoheError {
  const where = field ? `${field}：` : '';
  const whereEn = field ? `${field}: ` : '';
  return new KaoheError(
    'value.not-number',
    `${where}“${clip(shown)}”不是数字`,
    `${whereEn}"${clip(shown)}" is not a number`,
    field,
  );
}

/** Rounds away binary noise so 0.1 + 0.2 sums compare equal (scores have at most a few decimals). */
export function roundScore(value: number): number {
  // From 2^52 up a double has no fraction left to round, and value * 1e6 could overflow to Infinity.
  if (!Number.isFinite(value) || Math.abs(value) >= 2 ** 52) return value;
  const r = Math.round(value * 1e6) / 1e6;
  return Object.is(r, -0) ? 0 : r;
}
