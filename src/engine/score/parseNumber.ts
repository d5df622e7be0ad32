import { KaoheError } from '../errors';

/** True for the values a blank cell may arrive as: null/undefined (web), '' (Range.values). */
export function isBlank(value: unknown): boolean {
  return value === null || value === undefined || (typeof value === 'string' && value.trim() === '');
}

const FULL_WIDTH = /[０-９．－＋％]/g;

function toHalfWidth(text: string): string {
  return text.replace(FULL_WIDTH, (ch) => {
    if (ch === '％') return '%';
    return String.fromCharCode(ch.charCodeAt(0) - 0xfee0);
  });
}

const NUMBER_TEXT = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/**
 * Parses a number typed into a cell: a number, or text with optional full-width digits,
 * thousands separators, and a trailing `%` (÷100) or `‰` (÷1000), as Excel itself reads them.
 * Returns null for a blank; throws `value.not-number` for anything else.
 * @example parseRate('90.77%') // 0.9077
 * @example parseRate('６.０７‰') // 0.00607
 * @example parseRate(95) // 95
 */
export function parseRate(value: unknown, field?: string): number | null {
  if (isBlank(value)) return null;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw notNumber(String(value), field);
    return value;
  }
  if (typeof value !== 'string') throw notNumber(describe(value), field);
  let text = toHalfWidth(value.trim()).replace(/[,，\s]/g, '');
  let divisor = 1;
  if (text.endsWith('%')) {
    divisor = 100;
    text = text.slice(0, -1);
  } else if (text.endsWith('‰')) {
    divisor = 1000;
    text = text.slice(0, -1);
  }
  if (!NUMBER_TEXT.test(text)) throw notNumber(value, field);
  const n = Number(text) / divisor;
  if (!Number.isFinite(n)) throw notNumber(value, field);
  return n;
}

/**
 * Parses a score or count: like `parseRate` but `%`/`‰` are not allowed (points are not rates).
 * Booleans are rejected rather than read as 1/0.
 */
export function parseScore(value: unknown, field?: string): number | null {
  if (isBlank(value)) return null;
  if (typeof value === 'string' && /[%‰％]/.test(value)) throw notNumber(value, field);
  return parseRate(value, field);
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
