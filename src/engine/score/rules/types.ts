import type { ItemRule, SchemeItem } from '../../types';

/** What a rule gets to score one item of one unit. */
export interface RuleContext {
  readonly item: SchemeItem;
  /** Full marks for the unit's class. */
  readonly points: number;
  /** The target that applies to this unit (ledger cell, per unit, per class, constant), when the rule has one. */
  readonly target: unknown;
}

export interface RuleResult {
  readonly score: number;
  readonly noteZh?: string;
  readonly noteEn?: string;
}

/**
 * One kind of scoring rule: its names for the 方案 sheet and its scorer. `score` gets the cell's
 * value (not blank) and throws a KaoheError (with a bilingual message) for input it cannot score.
 */
export interface RuleModule<R extends ItemRule = ItemRule> {
  readonly kind: R['kind'];
  /** The word in the 方案 sheet's 计分方式 column, and other accepted spellings. */
  readonly labelZh: string;
  readonly labelEn: string;
  readonly aliases: readonly string[];
  /** Whether the rule needs a target (its ledger column `${code}T` or the scheme's). */
  readonly needsTarget: boolean;
  score(rule: R, value: unknown, ctx: RuleContext): RuleResult;
}
