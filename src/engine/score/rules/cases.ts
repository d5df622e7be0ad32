import { KaoheError } from '../../errors';
import type { ItemRule } from '../../types';
import { parseScore, roundScore } from '../parseNumber';
import type { RuleModule } from './types';

type CasesRule = Extract<ItemRule, { kind: 'cases' }>;

/**
 * A count of events: a whole number ≥ 0 and not absurdly large (a safe integer, so points × count
 * stays finite). Shared by per-case items and bonus/deduction counts.
 */
export function wholeCount(value: unknown, code: string, labelZh: string, labelEn: string, errorCode: string): number {
  const n = parseScore(value, code) ?? 0;
  if (n < 0 || !Number.isSafeInteger(n)) {
    throw new KaoheError(
      errorCode,
      `${code} ${labelZh}：次数 ${n} 应为不小于 0 的整数（且不能大得离谱）`,
      `${code} ${labelEn}: count ${n} must be a whole number ≥ 0 (and not absurdly large)`,
      code,
    );
  }
  return n;
}

/**
 * 按次扣分 inside an item: full marks minus `each` points per case, floor 0 — or below 0 when the
 * item "可负分" (then each case still costs `each`).
 * @example 10 points, 3 each, 2 cases → 4; 4 cases → 0 (or −2 when it may go negative)
 */
export const casesRule: RuleModule<CasesRule> = {
  kind: 'cases',
  labelZh: '按次扣分',
  labelEn: 'cases',
  aliases: ['按次扣分', '每次扣分', '按次', 'cases', 'per case'],
  needsTarget: false,
  score(rule, value, { item, points }) {
    const n = wholeCount(value, item.code, item.labelZh, item.labelEn, 'score.cases');
    const lost = roundScore(n * rule.each);
    const raw = roundScore(points - lost);
    const score = item.allowNegative ? raw : Math.max(0, raw);
    return {
      score,
      noteZh: `${n} 次 × ${rule.each} 分：${points} − ${lost}${score !== raw ? '，最低 0' : ''} = ${score}`,
      noteEn: `${n} cases × ${rule.each}: ${points} − ${lost}${score !== raw ? ', floor 0' : ''} = ${score}`,
    };
  },
};
