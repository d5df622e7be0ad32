import { KaoheError } from '../errors';
import type { Direction } from '../types';
import { isBlank, parseRate, roundScore } from './parseNumber';

/**
 * Tells whether two rates are on different scales: one a fraction (0.9077, i.e. 90.77 %) and
 * the other a percentage number (95). A zero is the same on every scale and never mismatches.
 */
export function scalesDiffer(a: number, b: number): boolean {
  const x = Math.abs(a);
  const y = Math.abs(b);
  if (x === 0 || y === 0) return false;
  const [lo, hi] = x < y ? [x, y] : [y, x];
  return lo <= 1 && hi > 1 && hi / lo >= 20;
}

/** Parses a direction argument: `>=` (default) or `<=`; also accepts `≥`/`≤` and full-width forms. */
export function parseDirection(value: unknown): Direction {
  if (value === '>=' || value === '<=') return value;
  if (isBlank(value)) return '>=';
  const text = String(value).trim().replace(/＞/g, '>').replace(/＜/g, '<').replace(/＝/g, '=');
  if (text === '>=' || text === '≥' || text === '>') return '>=';
  if (text === '<=' || text === '≤' || text === '<') return '<=';
  throw new KaoheError(
    'veto.direction',
    `方向“${text}”无效，应为 ">=" 或 "<="`,
    `Direction "${text}" is invalid; use ">=" or "<="`,
  );
}

/** A figure with the factor its `%`/`‰` sign divided it by (1 when typed without a sign). */
function readFigure(value: unknown, field: string): { value: number; factor: 1 | 100 | 1000 } | null {
  const v = parseRate(value, field);
  if (v === null) return null;
  const text = typeof value === 'string' ? value.trim() : '';
  const factor = /[%％]$/.test(text) ? 100 : /‰$/.test(text) ? 1000 : 1;
  return { value: v, factor };
}

/**
 * The scale a comparison's two numbers are on: both as typed without a sign (`plain`), both in
 * the unit of the sign they were typed with (`%`, `‰`: "92.4%" against "95%" compares 92.4 with
 * 95), or fractions (`fraction`: "96%" against a plain 0.95 compares 0.96 with 0.95).
 */
export type VetoScale = 'plain' | 'fraction' | '%' | '‰';

export interface VetoComparison {
  readonly triggered: boolean;
  /** The figure and target as compared, on one scale (`scale`). */
  readonly actual: number;
  readonly target: number;
  readonly direction: Direction;
  readonly scale: VetoScale;
}

const SIGN_SCALE = { 100: '%', 1000: '‰' } as const;

/** Brings a signed and a plain figure onto one scale: the sign's when the plain one is on it, else fractions. */
function oneScale(
  signed: { value: number; factor: 100 | 1000 },
  plain: number,
): { signed: number; plain: number; scale: VetoScale } {
  const written = signed.value * signed.factor;
  if (scalesDiffer(signed.value, plain) && !scalesDiffer(written, plain))
    return { signed: written, plain, scale: SIGN_SCALE[signed.factor] };
  return { signed: signed.value, plain, scale: 'fraction' };
}

/**
 * Compares a figure with its target, as `checkVeto` does, and returns the numbers compared.
 * `"90.77%"` against a plain `95` compares 90.77 with 95: the sign says which scale the text is on.
 * A `>=` rate typed as a fraction next to a number just above 1 (0.98 against 1.4) is refused:
 * 1.4 is 140 % or a slip of scale, never a figure to pass silently. (Not for `<=` or ‰ figures,
 * where 0.8 next to 1.2 is an ordinary pair of small rates.)
 */
export function compareVeto(actual: unknown, target: unknown, direction: unknown = '>=', unit: '%' | '‰' = '%'): VetoComparison {
  const dir = parseDirection(direction);
  const fa = readFigure(actual, '实际值');
  const ft = readFigure(target, '目标值');
  if (fa === null || ft === null) {
    const which = fa === null && ft === null ? ['实际值和目标值', 'figure and target'] : fa === null ? ['实际值', 'figure'] : ['目标值', 'target'];
    throw new KaoheError('veto.blank', `${which[0]}为空：无数据不能判定是否否决`, `The ${which[1]} is blank: no data is neither pass nor fail`);
  }
  let a: number;
  let t: number;
  let scale: VetoScale;
  if (fa.factor === ft.factor) {
    a = fa.value * fa.factor;
    t = ft.value * ft.factor;
    scale = fa.factor === 1 ? 'plain' : SIGN_SCALE[fa.factor];
  } else if (ft.factor === 1) {
    const s = oneScale(fa as { value: number; factor: 100 | 1000 }, ft.value);
    [a, t, scale] = [s.signed, s.plain, s.scale];
  } else if (fa.factor === 1) {
    const s = oneScale(ft as { value: number; factor: 100 | 1000 }, fa.value);
    [a, t, scale] = [s.plain, s.signed, s.scale];
  } else {
    // "95%" against "950‰": both as fractions.
    [a, t, scale] = [fa.value, ft.value, 'fraction'];
  }
  a = roundScore(a);
  t = roundScore(t);
  if (scalesDiffer(a, t)) {
    throw new KaoheError(
      'veto.scale-mismatch',
      `实际值 ${a} 与目标值 ${t} 不在同一刻度（一个是小数比例，一个是百分数），请统一为百分数或小数`,
      `Figure ${a} and target ${t} are on different scales (one a fraction, one a percentage); use one scale`,
    );
  }
  if (scale === 'plain' && dir === '>=' && unit === '%') {
    const [odd, other, field] = a > 1 && t > 0 && t <= 1 ? [a, t, 'actual'] : t > 1 && a > 0 && a <= 1 ? [t, a, 'target'] : [null, 0, ''];
    if (odd !== null) {
      const [zh, en] = field === 'actual' ? ['实际值', 'figure'] : ['目标值', 'target'];
      const [otherZh, otherEn] = field === 'actual' ? ['目标值', 'target'] : ['实际值', 'figure'];
      throw new KaoheError(
        'veto.above-one',
        `${zh} ${odd} 大于 1，而${otherZh} ${other} 是小数比例：${odd} 即 ${roundScore(odd * 100)}%，超过 100%，或是刻度填错了；请改正`,
        `The ${en} ${odd} is above 1 while the ${otherEn} ${other} is a fraction: ${odd} would be ${roundScore(odd * 100)}%, above 100%, or a slip of scale; please correct it`,
        field,
      );
    }
  }
  return { triggered: dir === '>=' ? a < t : a > t, actual: a, target: t, direction: dir, scale };
}

/**
 * A comparison's figure and target on the percent (or per-mille) scale they mean, for showing:
 * a `>=` rate held as plain fractions (0.9 against 0.95) shows as 90 and 95 (%), never 0.9 %.
 * @example onUnitScale(compareVeto(0.924, 0.95), '%') // { actual: 92.4, target: 95 }
 */
export function onUnitScale(c: VetoComparison, unit: '%' | '‰'): { actual: number; target: number } {
  let k = 1;
  if (c.scale === 'fraction') k = unit === '%' ? 100 : 1000;
  else if (c.scale === '%' && unit === '‰') k = 10;
  else if (c.scale === '‰' && unit === '%') k = 0.1;
  else if (c.scale === 'plain' && unit === '%' && c.direction === '>=' && Math.abs(c.actual) <= 1 && Math.abs(c.target) <= 1 && c.target > 0) k = 100;
  return { actual: roundScore(c.actual * k), target: roundScore(c.target * k) };
}

/**
 * Decides a one-vote veto (一票否决). Returns true when the veto is TRIGGERED (target missed),
 * false when met; equal to the target is met.
 * @param actual the unit's figure, e.g. 96.2 or '96.2%' (policy compliance rate)
 * @param target the target on the same scale, e.g. 95 or '95%'
 * @param direction `>=` the figure must reach the target; `<=` it must not exceed it
 * @throws KaoheError `veto.blank` when either is blank (no data is neither pass nor fail),
 *   `veto.scale-mismatch` when one is a fraction and the other a percentage, `value.not-number`.
 * @example checkVeto(94.5, 95) // true (missed)
 * @example checkVeto('90.77%', 95) // true (missed: 90.77 < 95)
 * @example checkVeto('6.07‰', '6.30‰', '<=') // false (met)
 */
export function checkVeto(actual: unknown, target: unknown, direction: unknown = '>='): boolean {
  return compareVeto(actual, target, direction).triggered;
}
