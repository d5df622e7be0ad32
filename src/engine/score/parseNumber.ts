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
  | { readonly kind: 'bad'; readonly code: 'value.not-number' | 'value.decimal-comma'; readonly suggestion?: string }
  /** A clerk's "not assessed" mark (`/`, `不考核`, `—`, a lone `-` …): only an item score may hold it. */
  | { readonly kind: 'unassessed'; readonly text: string }
  /** A clerk's veto mark (`一票否决`, `否决（政策外多孩）`): `text` is the cell, trimmed, as the reason. */
  | { readonly kind: 'veto'; readonly text: string };

/** A cell `readCellNumber` reads as no number for a rate, count or target: bad text or a clerk's mark. */
export type NotANumber = Exclude<CellNumber, { kind: 'blank' } | { kind: 'number' }>;

const NUMBER_TEXT = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
/**
 * What a clerk writes for "not assessed" (after NFKC, spaces removed): a slash, 不考核, dashes
 * (— —— －, a lone -). Other text is not a mark.
 */
const UNASSESSED_TEXT = /^(\/|不考核|[-\u2212]|—{1,2}|–|―{1,2})$/;
/** A denied veto (未否决, 不否决, 无否决, 非否决): not a mark. (No look-behind: older Office runtimes lack it.) */
const DENIED_VETO = /[未不无非]否决/g;
/**
 * Points as clerks write them: `18.5分`, `+3分`, `-2分`, and a deduction `扣2分` / `减2分` (or
 * without 分: `扣2`), read as negative. Group 1 is 扣/减, group 2 the number.
 */
const POINTS_TEXT = /^(扣|减)?([^扣减分]+?)分?$/;
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
 * decimal comma, never read as 185. Points as clerks write them are numbers: `18.5分`, `+3分`,
 * and `扣2分` / `减2分` negative; `18分5`, `18 5` or any text with two numbers is `bad`. A clerk's
 * mark is its own kind (see `readMark`): `/`, `不考核`, `—` are `unassessed`, `一票否决…` is
 * `veto`. Booleans, dates and other values are `bad`.
 * @example readCellNumber('扣２分') // { kind: 'number', value: -2, sign: null }
 * @example readCellNumber('不考核') // { kind: 'unassessed', text: '不考核' }
 * @example readCellNumber('−1,234.5') // { kind: 'number', value: -1234.5, sign: null }
 * @example readCellNumber('９５％') // { kind: 'number', value: 95, sign: '%' }
 * @example readCellNumber('18,5') // { kind: 'bad', code: 'value.decimal-comma', suggestion: '18.5' }
 */
export function readCellNumber(value: unknown): CellNumber {
  if (isBlank(value)) return { kind: 'blank' };
  if (typeof value === 'number') return Number.isFinite(value) ? { kind: 'number', value, sign: null } : { kind: 'bad', code: 'value.not-number' };
  if (typeof value !== 'string') return { kind: 'bad', code: 'value.not-number' };
  const marked = readMark(value);
  if (marked) return marked;
  // Two numbers apart (`18 5`, or an ideographic space between) are not one number with its spaces taken out.
  if (/[\d.]\s+[\d.]/.test(value.normalize('NFKC'))) return { kind: 'bad', code: 'value.not-number' };
  let text = normaliseNumberText(value);
  if (text === '') return { kind: 'blank' };
  // 18.5分, 扣2分: the 分 and a 扣/减 (negative) around one plain number; 18分5 stays bad text.
  let negate = false;
  if (/[扣减分]/.test(text)) {
    const m = POINTS_TEXT.exec(text);
    const body = m?.[2] ?? '';
    if (!m || /[%‰]$/.test(body) || (m[1] && /^[+-]/.test(body))) return { kind: 'bad', code: 'value.not-number' };
    negate = m[1] !== undefined;
    text = body;
  }
  const r = readNumberText(text);
  return negate && r.kind === 'number' ? { ...r, value: r.value === 0 ? 0 : -r.value } : r;
}

/**
 * A clerk's mark in a cell (NFKC, trimmed, spaces removed): not assessed, or a veto; null for
 * anything else.
 * @example readMark(' ／ ') // { kind: 'unassessed', text: '／' }
 * @example readMark('一票否决（政策外多孩）') // { kind: 'veto', text: '一票否决（政策外多孩）' }
 */
export function readMark(value: unknown): Extract<CellNumber, { kind: 'unassessed' | 'veto' }> | null {
  if (typeof value !== 'string') return null;
  const text = value.trim();
  const flat = text.normalize('NFKC').replace(/\s/g, '');
  if (UNASSESSED_TEXT.test(flat)) return { kind: 'unassessed', text };
  // A veto mark: 否决 anywhere (一票否决, 否决（政策外多孩）) that is not denied.
  if (flat.includes('否决') && flat.replace(DENIED_VETO, '').includes('否决')) return { kind: 'veto', text };
  return null;
}

/** Number text after normalising: the number with its `%`/`‰`, or why it is not one. */
function readNumberText(text: string): CellNumber {
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
  if (r.kind !== 'number') throw numberError(r, value, field);
  return r.sign === '%' ? r.value / 100 : r.sign === '‰' ? r.value / 1000 : r.value;
}

/**
 * Parses a score or count: like `parseRate` but `%`/`‰` are not allowed (points are not rates).
 * Booleans are rejected rather than read as 1/0.
 */
export function parseScore(value: unknown, field?: string): number | null {
  const r = readCellNumber(value);
  if (r.kind === 'blank') return null;
  if (r.kind !== 'number') throw numberError(r, value, field);
  if (r.sign) throw numberError({ kind: 'bad', code: 'value.not-number' }, value, field);
  return r.value;
}

/**
 * The error for a value `readCellNumber` found bad, naming `field` when given, in Chinese and
 * English: `“abc”不是数字`, or for `18,5` that the comma is ambiguous and `18.5` is what to write.
 */
export function numberError(bad: NotANumber, value: unknown, field?: string): KaoheError {
  const shown = typeof value === 'string' ? value : describe(value);
  const where = field ? `${field}：` : '';
  const whereEn = field ? `${field}: ` : '';
  if (bad.kind === 'unassessed')
    return new KaoheError(
      'value.unassessed-not-allowed',
      `${where}“${clip(shown)}”：不考核 只能用于指标得分，这里需要数字`,
      `${whereEn}"${clip(shown)}": 'not assessed' is only allowed for item scores; a number is needed here`,
      field,
    );
  if (bad.kind === 'veto')
    return new KaoheError(
      'value.veto-not-allowed',
      `${where}“${clip(shown)}”：一票否决 只能标在指标得分、总分或备注单元格，这里需要数字`,
      `${whereEn}"${clip(shown)}": a veto mark is only allowed in an item score, total or remarks cell; a number is needed here`,
      field,
    );
  if (bad.code === 'value.not-number') return notNumber(shown, field);
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
