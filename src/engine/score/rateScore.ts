import { KaoheError } from '../errors';
import { scalesDiffer } from './checkVeto';
import { isBlank, parseRate, parseScore, roundScore } from './parseNumber';

/**
 * Points of a rate-scored item (e.g. F6.3 全员人口信息 coverage ≥ 96 %, 50 points).
 *
 * The rule (higher is better):
 * - rate ≥ target: full `points`.
 * - rate < target and `pointsPerPercentShort` given: `points − pointsPerPercentShort × shortfall`,
 *   where the shortfall is in percentage points (95 % vs 93.5 % is 1.5). Rates written as
 *   fractions (0.935 against 0.95, or '93.5%') are converted, so both scales give the same result.
 * - rate < target and no `pointsPerPercentShort`: proportional, `points × rate / target`.
 * - Never below 0 and never above `points`. Results are rounded to 6 decimals (binary noise only).
 *
 * @param rate the achieved rate: a number (93.5 or 0.935) or text ('93.5%', '6.07‰')
 * @param target the target on the same scale as the rate
 * @param points the item's full marks, in points (> 0)
 * @param pointsPerPercentShort points lost per percentage point below target (≥ 0), or blank
 * @throws KaoheError `rate.blank` when rate or target is blank (no data: neither pass nor fail);
 *   `rate.scale-mismatch` when one is a fraction and the other a percentage; `rate.target`,
 *   `rate.negative`, `rate.points`, `rate.per-percent`, `value.not-number` for bad arguments.
 * @example rateScore(96.5, 96, 50) // 50
 * @example rateScore(90, 96, 50, 2) // 38  (6 percentage points short × 2)
 * @example rateScore('48%', '96%', 50) // 25 (proportional)
 */
export function rateScore(rate: unknown, target: unknown, points: unknown, pointsPerPercentShort?: unknown): number {
  const r = parseRate(rate, '达成率 rate');
  const t = parseRate(target, '目标 target');
  if (r === null || t === null) {
    const which = r === null && t === null ? ['达成率和目标', 'rate and target'] : r === null ? ['达成率', 'rate'] : ['目标', 'target'];
    throw new KaoheError('rate.blank', `${which[0]}为空：无数据不能计分`, `The ${which[1]} is blank: no data to score`);
  }
  const full = parseScore(points, '满分 points');
  if (full === null || full <= 0) {
    throw new KaoheError('rate.points', `满分应为大于 0 的分数，收到 ${full ?? '空'}`, `Points must be above 0; got ${full ?? 'blank'}`);
  }
  if (t <= 0) throw new KaoheError('rate.target', `目标 ${t} 应大于 0`, `Target ${t} must be above 0`);
  if (r < 0) throw new KaoheError('rate.negative', `达成率 ${r} 为负数`, `Rate ${r} is negative`);
  if (scalesDiffer(r, t)) {
    throw new KaoheError(
      'rate.scale-mismatch',
      `达成率 ${r} 与目标 ${t} 不在同一刻度（一个是小数比例，一个是百分数），请统一为百分数或小数`,
      `Rate ${r} and target ${t} are on different scales (one a fraction, one a percentage); use one scale`,
    );
  }
  if (r >= t) return roundScore(full);
  // rate/target first: it is below 1 here, so huge points cannot overflow to Infinity.
  if (isBlank(pointsPerPercentShort)) return roundScore(Math.max(0, full * (r / t)));
  const perPoint = parseScore(pointsPerPercentShort, '每差 1 个百分点扣分 points per percent short');
  if (perPoint === null || perPoint < 0) {
    throw new KaoheError('rate.per-percent', `每差 1 个百分点扣分应不小于 0，收到 ${perPoint}`, `Points per percent short must be ≥ 0; got ${perPoint}`);
  }
  // Both ≤ 1: fractions of one, so a shortfall of 0.015 is 1.5 percentage points.
  const toPercent = Math.max(Math.abs(r), Math.abs(t)) <= 1 ? 100 : 1;
  const shortfall = (t - r) * toPercent;
  return roundScore(Math.min(full, Math.max(0, full - perPoint * shortfall)));
}
