import { KaoheError } from '../../errors';
import type { ItemRule } from '../../types';
import { parseScore, roundScore } from '../parseNumber';
import type { RuleModule } from './types';

type Entered = Extract<ItemRule, { kind: 'entered' }>;

/**
 * The default rule: the score is typed in, between 0 and the item's points (down to −points when
 * the item "可负分"). A score outside is an error, never summed silently.
 */
export const enteredRule: RuleModule<Entered> = {
  kind: 'entered',
  labelZh: '录入',
  labelEn: 'entered',
  aliases: ['录入', '直接录入', '填写', 'entered', 'entry', ''],
  needsTarget: false,
  score(_rule, value, { item, points }) {
    const v = parseScore(value, `${item.code} ${item.labelZh}`) ?? 0;
    const floor = item.allowNegative ? -points : 0;
    if (v < floor) {
      throw new KaoheError(
        'score.negative',
        item.allowNegative
          ? `${item.code} ${item.labelZh}：得分 ${v} 低于 −${points}（该项可负分，最多扣到 −${points}）`
          : `${item.code} ${item.labelZh}：得分 ${v} 为负数`,
        item.allowNegative
          ? `${item.code} ${item.labelEn}: score ${v} is below −${points} (this item may go negative, down to −${points})`
          : `${item.code} ${item.labelEn}: score ${v} is negative`,
        item.code,
      );
    }
    if (roundScore(v) > points) {
      throw new KaoheError(
        'score.above-points',
        `${item.code} ${item.labelZh}：得分 ${v} 超过满分 ${points}`,
        `${item.code} ${item.labelEn}: score ${v} is above its ${points} points`,
        item.code,
      );
    }
    return { score: v };
  },
};
