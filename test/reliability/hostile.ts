/**
 * Hostile cell contents shared by the reliability fuzz tests (issue 7): what people type into
 * ledgers, what Excel caches for broken formulas, and what an attacker might plant in a name.
 * Every fuzz run uses a fixed seed so a failure replays exactly.
 */
import fc from 'fast-check';
import type { CellValue } from '../../src/engine/ledger';

/** One seed for every property in this folder; change it only to hunt, then put it back. */
export const SEED = 20_260_907;

/** 100,000 characters: a pasted document in a cell. */
export const LONG_TEXT = '考'.repeat(50_000) + 'x'.repeat(50_000);

/** Formula-injection payloads (CSV/xlsx injection classics) and ANSI terminal escapes. */
export const INJECTIONS: readonly string[] = [
  '=HYPERLINK("http://x","y")',
  "+cmd|' /C calc'!A0",
  '@SUM(1)',
  '-2+3',
  '=1+1',
  '=cmd|"/C calc"!A0',
  '\t=1+1',
  '\u001b[31m红色镇\u001b[0m',
  '\u001b]8;;http://x\u0007link\u001b]8;;\u0007',
  '镇\u0007\u0008\u001b[2J',
];

/** Texts a clerk or Excel may leave where a number belongs. */
export const AWKWARD_TEXT: readonly string[] = [
  '',
  ' ',
  '\u3000',
  '90%',
  '90.77%',
  '6.07‰',
  '９５',
  '95',
  '1,000',
  'abc',
  '十',
  'NaN',
  'Infinity',
  '-0',
  '1e400',
  '0x10',
  '#DIV/0!',
  '#N/A',
  '#VALUE!',
  '#REF!',
  '#NAME?',
  '#DATE!2024-03-01',
  '#DATE!',
  'TRUE',
  '__proto__',
  'constructor',
  'toString',
  LONG_TEXT,
  ...INJECTIONS,
];

export const AWKWARD_NUMBERS: readonly number[] = [
  0,
  -0,
  1,
  -1,
  0.1 + 0.2,
  95,
  0.95,
  1e-300,
  1e308,
  -1e308,
  Number.MAX_SAFE_INTEGER,
  Number.MAX_VALUE,
  Number.MIN_VALUE,
  Number.EPSILON,
  NaN,
  Infinity,
  -Infinity,
];

/** A number: the awkward list or any double (NaN, ±Infinity and -0 included). */
export const anyNumber: fc.Arbitrary<number> = fc.oneof(
  fc.constantFrom(...AWKWARD_NUMBERS),
  fc.double(),
  fc.integer({ min: -1000, max: 1000 }),
);

/** A string: the awkward list or anything fast-check makes (unicode, control characters). */
export const anyText: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(...AWKWARD_TEXT),
  fc.string({ unit: 'binary', maxLength: 30 }),
  fc.string({ unit: 'grapheme', maxLength: 10 }),
);

/** A value as a workbook reader hands it to the engine (CellValue), hostile or not. */
export const anyCell: fc.Arbitrary<CellValue> = fc.oneof(
  anyNumber,
  anyText,
  fc.boolean(),
  fc.constant(null),
);

/** True when `s` looks like an A1 address (optionally a range). */
export function isA1(s: string): boolean {
  return /^\$?[A-Z]{1,3}\$?[1-9][0-9]{0,6}(:\$?[A-Z]{1,3}\$?[1-9][0-9]{0,6})?$/.test(s);
}

/** Every number reachable in a value, for "never NaN/Infinity anywhere" assertions. */
export function nonFiniteNumbers(
  value: unknown,
  path = '$',
  out: string[] = [],
  seen = new Set<unknown>(),
): string[] {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) out.push(`${path} = ${value}`);
    return out;
  }
  if (value === null || typeof value !== 'object' || seen.has(value)) return out;
  seen.add(value);
  if (Array.isArray(value))
    value.forEach((v, i) => nonFiniteNumbers(v, `${path}[${i}]`, out, seen));
  else for (const [k, v] of Object.entries(value)) nonFiniteNumbers(v, `${path}.${k}`, out, seen);
  return out;
}
