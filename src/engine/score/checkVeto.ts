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
function readFigure(value: unknown, field: string): { value: number; factor: number } | null {
  const v = parseRate(value, field);
  if (v === null) return null;
  const text = typeof value === 'string' ? value.trim() : '';
  const factor = /[%％]$/.test(text) ? 100 : /‰$/.test(text) ? 1000 : 1;
  return { value: v, factor };
}

export interface VetoComparison {
  readonly triggered: boolean;
  /** The figure and target as compared, on one scale. */
  readonly actual: number;
  readonly target: number;
  readonly direction: Direction;
}

/**
 * Compares a figure with its target, as `checkVeto` does, and returns the numbers compared.
 * `"90.77%"` against a plain `95` compares 90.77 with 95: the sign says which scale the text is on.
 */
export function compareVeto(actual: unknown, target: unknown, direction: unknown = '>='): VetoComparison {
  const dir = parseDirection(direction);
  const fa = readFigure(actual, '实际值');
  const ft = readFigure(target, '目标值');
  if (fa === null || ft === null) {
    const which = fa === null && ft === null ? ['实际值和目标值', 'figure and target'] : fa === null ? ['实际值', 'figure'] : ['目标值', 'target'];
    throw new KaoheError('veto.blank', `${which[0]}为空：无数据不能判定是否否决`, `The ${which[1]} is blank: no data is neither pass nor fail`);
  }
  let a = fa.value;
  let t = ft.value;
  // One side typed with a sign, the other a plain number on that sign's scale (90.77% vs 95).
  if (fa.factor !== 1 && ft.factor === 1 && scalesDiffer(a, t) && !scalesDiffer(a * fa.factor, t)) a *= fa.factor;
  else if (ft.factor !== 1 && fa.factor === 1 && scalesDiffer(a, t) && !scalesDiffer(a, t * ft.factor)) t *= ft.factor;
  a = roundScore(a);
  t = roundScore(t);
  if (scalesDiffer(a, t)) {
    throw new KaoheError(
      'veto.scale-mismatch',
      `实际值 ${a} 与目标值 ${t} 不在同一刻度（一个是小数比例，一个是百分数），请统一为百分数或小数`,
      `Figure ${a} and target ${t} are on different scales (one a fraction, one a percentage); use one scale`,
    );
  }
  return { triggered: dir === '>=' ? a < t : a > t, actual: a, target: t, direction: dir };
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
