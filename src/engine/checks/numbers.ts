/**
 * Number helpers shared by the checks: reading a cell as a number the way the engine does, and
 * robust statistics (median, MAD) used by the outlier rules.
 */

import { readCellNumber, type NotANumber } from '../score/parseNumber';

/** A cell read as a number, remembering whether the text carried its own unit sign. */
export interface ReadNumber {
  /** The number as written, without the sign's scaling ("95%" -> 95, "6.07‰" -> 6.07). */
  readonly value: number | null;
  /** `%` or `‰` when the cell was text ending in that sign. */
  readonly sign: '%' | '‰' | null;
  /** True for text (or booleans) that is not a number: a reader's structure problem, not ours. */
  readonly bad: boolean;
  /** Why a `bad` cell is not a number (for the message: `18,5` is an ambiguous decimal comma). */
  readonly problem?: NotANumber;
  /** True for a clerk's "not assessed" mark (`/`, `不考核`, `—`): no value, and nothing wrong. */
  readonly unassessed?: boolean;
}

/**
 * Reads a cell value as a number with the engine's one cell reader (`readCellNumber`: full-width
 * digits, any minus sign, thousands commas, spaces); text may end in `%` or `‰`, and the sign is
 * returned beside the bare number so the rate checks can judge the scale themselves.
 * @example readNumber('９５％') // { value: 95, sign: '%', bad: false }
 */
export function readNumber(raw: unknown): ReadNumber {
  const r = readCellNumber(raw);
  if (r.kind === 'blank') return BLANK;
  if (r.kind === 'unassessed') return UNASSESSED;
  if (r.kind !== 'number') return { value: null, sign: null, bad: true, problem: r };
  return { value: r.value, sign: r.sign, bad: false };
}

const BLANK: ReadNumber = { value: null, sign: null, bad: false };
const UNASSESSED: ReadNumber = { value: null, sign: null, bad: false, unassessed: true };

/** Median of a non-empty list (the list is copied, not sorted in place). */
export function median(values: readonly number[]): number {
  const s = Float64Array.from(values).sort();
  const n = s.length;
  if (n === 0) return Number.NaN;
  const mid = n >> 1;
  return n % 2 === 1 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

/** Median absolute deviation from the median. */
export function mad(values: readonly number[], centre: number = median(values)): number {
  return median(values.map((v) => Math.abs(v - centre)));
}

/** 1.4826 · MAD estimates the standard deviation of normally distributed data. */
export const MAD_SCALE = 1.4826;

/** Robust z-score above which a value is reported as an outlier (Iglewicz and Hoaglin). */
export const OUTLIER_Z = 3.5;

/** Fewest values in a group before outliers are judged at all. */
export const OUTLIER_MIN_GROUP = 5;

/**
 * Robust z-scores of a group: |x − median| / (1.4826·MAD), or null when the group is too small
 * or has no spread (MAD = 0), where the score would be meaningless.
 * @example robustZ([10, 11, 12, 11, 10, 40])?.[5] // ≈ 19.6
 */
export function robustZ(values: readonly number[]): number[] | null {
  if (values.length < OUTLIER_MIN_GROUP) return null;
  const m = median(values);
  const d = mad(values, m);
  if (!(d > 0)) return null;
  return values.map((v) => Math.abs(v - m) / (MAD_SCALE * d));
}

/** Formats a number for a message: up to 4 decimals, no trailing zeros. */
export function fmt(n: number): string {
  // Huge figures have no decimals to trim, and n * 10000 would overflow to "Infinity".
  if (!Number.isFinite(n) || Math.abs(n) >= 1e15) return String(n);
  return String(Math.round(n * 10000) / 10000);
}
