import { KaoheError } from '../../errors';
import type { ItemRule } from '../../types';
import { compareVeto, onUnitScale } from '../checkVeto';
import { roundScore } from '../parseNumber';
import type { RuleModule } from './types';

type TargetRule = Extract<ItemRule, { kind: 'target' }>;

/** The figure and target of a rule on the unit's scale (92.4 and 95 for a rate), as compared. */
export function figureAgainstTarget(
  code: string,
  value: unknown,
  target: unknown,
  direction: '>=' | '<=',
  unit: '%' | '‰',
): { actual: number; target: number } {
  try {
    return onUnitScale(compareVeto(value, target, direction, unit), unit);
  } catch (e) {
    if (e instanceof KaoheError) throw new KaoheError(e.code, `${code}：${e.zh}`, `${code}: ${e.en}`, e.field === 'target' ? `${code}T` : code);
    throw e;
  }
}

/**
 * 达标计分: full marks when the figure reaches the target (`>=`; for `<=`, does not exceed it),
 * else `perPoint` points off for each point short (one percentage point of a rate), floor 0.
 * @example 20 points, target 95 %, 2 a point: 92 % → 20 − 3 × 2 = 14
 */
export const targetRule: RuleModule<TargetRule> = {
  kind: 'target',
  labelZh: '达标扣分',
  labelEn: 'target',
  aliases: ['达标扣分', '达标', '差额扣分', 'target'],
  needsTarget: true,
  score(rule, value, { item, points, target }) {
    const unit = rule.unit ?? '%';
    const f = figureAgainstTarget(item.code, value, target, rule.direction, unit);
    const short = roundScore(rule.direction === '>=' ? f.target - f.actual : f.actual - f.target);
    if (short <= 0) {
      return {
        score: points,
        noteZh: `${f.actual}${unit} ${rule.direction === '>=' ? '达到' : '不超过'}目标 ${f.target}${unit}，得满分 ${points}`,
        noteEn: `${f.actual}${unit} ${rule.direction === '>=' ? 'reaches' : 'is within'} the target ${f.target}${unit}: full marks ${points}`,
      };
    }
    const lost = roundScore(short * rule.perPoint);
    const score = Math.max(0, roundScore(points - lost));
    return {
      score,
      noteZh: `${f.actual}${unit} ${rule.direction === '>=' ? '低于' : '超过'}目标 ${f.target}${unit} ${short} 个点，每点扣 ${rule.perPoint} 分：${points} − ${lost}${score === 0 ? '，最低 0' : ''} = ${score}`,
      noteEn: `${f.actual}${unit} is ${short} points ${rule.direction === '>=' ? 'below' : 'above'} the target ${f.target}${unit}, ${rule.perPoint} off a point: ${points} − ${lost}${score === 0 ? ', floor 0' : ''} = ${score}`,
    };
  },
};
