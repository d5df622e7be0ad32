import type { ItemRule } from '../../types';
import { roundScore } from '../parseNumber';
import { figureAgainstTarget } from './target';
import type { RuleModule } from './types';

type ProportionRule = Extract<ItemRule, { kind: 'proportion' }>;

/**
 * 按比例计分: points × figure ÷ target (`>=`), or points × target ÷ figure (`<=`), at most full
 * marks; a `<=` figure of 0 meets any target.
 * @example 20 points, target 95 %, figure 76 % → 20 × 76 / 95 = 16
 */
export const proportionRule: RuleModule<ProportionRule> = {
  kind: 'proportion',
  labelZh: '按比例',
  labelEn: 'proportion',
  aliases: ['按比例', '比例', '按比例计分', 'proportion', 'proportional'],
  needsTarget: true,
  score(rule, value, { item, points, target }) {
    const unit = rule.unit ?? '%';
    const f = figureAgainstTarget(item.code, value, target, rule.direction, unit);
    const ratio =
      rule.direction === '>='
        ? f.target <= 0
          ? 1
          : f.actual / f.target
        : f.actual <= 0
          ? 1
          : f.target / f.actual;
    const score = roundScore(points * Math.max(0, Math.min(1, ratio)));
    const [a, t] = rule.direction === '>=' ? [f.actual, f.target] : [f.target, f.actual];
    return {
      score,
      noteZh: ratio >= 1 ? `${f.actual}${unit} 达到目标 ${f.target}${unit}，得满分 ${points}` : `${points} × ${a} ÷ ${t} = ${score}`,
      noteEn: ratio >= 1 ? `${f.actual}${unit} meets the target ${f.target}${unit}: full marks ${points}` : `${points} × ${a} / ${t} = ${score}`,
    };
  },
};
