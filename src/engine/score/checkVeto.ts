import { KaoheError } from '../errors';
import type { Direction } from '../types';
import { isBlank, parseRate } from './parseNumber';

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

/**
 * Decides a one-vote veto (一票否决). Returns true when the veto is TRIGGERED (target missed),
 * false when met; equal to the target is met.
 * @param actual the unit's figure, e.g. 96.2 or '96.2%' (policy compliance rate)
 * @param target the target on the same scale, e.g. 95 or '95%'
 * @param direction `>=` the figure must reach the target; `<=` it must not exceed it
 * @throws KaoheError `veto.blank` when either is blank (no data is neither pass nor fail),
 *   `veto.scale-mismatch` when one is a fraction and the other a percentage, `value.not-number`.
 * @example checkVeto(94.5, 95) // true (missed)
 * @example checkVeto('6.07‰', '6.30‰', '<=') // false (met)
 */
export function checkVeto(actual: unknown, target: unknown, direction: unknown = '>='): boolean {
  const dir = parseDirection(direction);
  const a = parseRate(actual, '实际值');
  const t = parseRate(target, '目标值');
  if (a === null || t === null) {
    const which = a === null && t === null ? ['实际值和目标值', 'figure and target'] : a === null ? ['实际值', 'figure'] : ['目标值', 'target'];
    throw new KaoheError('veto.blank', `${which[0]}为空：无数据不能判定是否否决`, `The ${which[1]} is blank: no data is neither pass nor fail`);
  }
  if (scalesDiffer(a, t)) {
    throw new KaoheError(
      'veto.scale-mismatch',
      `实际值 ${a} 与目标值 ${t} 不在同一刻度（一个是小数比例，一个是百分数），请统一为百分数或小数`,
      `Figure ${a} and target ${t} are on different scales (one a fraction, one a percentage); use one scale`,
    );
  }
  return dir === '>=' ? a < t : a > t;
}
