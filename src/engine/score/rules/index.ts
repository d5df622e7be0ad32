/**
 * The catalogue of item scoring rules (as HyperFormula keeps its functions): one module per rule
 * kind, looked up by kind, never guessed from the data. A new rule is a new module here and a
 * member of `ItemRule`.
 */
import type { ItemRule, ItemRuleKind, TargetSpec, UnitClass } from '../../types';
import { casesRule } from './cases';
import { enteredRule } from './entered';
import { proportionRule } from './proportion';
import { targetRule } from './target';
import type { RuleModule } from './types';

export type { RuleContext, RuleModule, RuleResult } from './types';
export { wholeCount } from './cases';

export const RULES: { readonly [K in ItemRuleKind]: RuleModule<Extract<ItemRule, { kind: K }>> } = {
  entered: enteredRule,
  target: targetRule,
  proportion: proportionRule,
  cases: casesRule,
};

export const ENTERED: ItemRule = { kind: 'entered' };

/** The module that scores a rule. */
export function ruleModule<R extends ItemRule>(rule: R): RuleModule<R> {
  return RULES[rule.kind] as unknown as RuleModule<R>;
}

/** The rule kind a 方案 cell names (录入, 达标扣分, 按比例, 按次扣分, or English), or undefined. */
export function ruleKindOf(text: string): ItemRuleKind | undefined {
  const t = text.normalize('NFKC').trim().toLowerCase();
  for (const m of Object.values(RULES)) if (m.aliases.some((a) => a.toLowerCase() === t)) return m.kind;
  return undefined;
}

/**
 * The target that applies to one unit: its ledger cell when not blank, else the scheme's target
 * for the unit, for its class, or for everyone (null when none is given).
 */
export function targetFor(
  spec: TargetSpec | null | undefined,
  given: unknown,
  unit: string,
  unitClass: UnitClass | null,
): unknown {
  if (given !== null && given !== undefined && !(typeof given === 'string' && given.trim() === '')) return given;
  if (!spec) return null;
  const byUnit = spec.byUnit?.[unit];
  if (byUnit !== undefined) return byUnit;
  const byClass = unitClass === null ? undefined : spec.byClass?.[String(unitClass)];
  if (byClass !== undefined) return byClass;
  return spec.value;
}
