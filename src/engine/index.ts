/** Public API of the pure assessment engine. */
export * from './types';
export { KaoheError, isKaoheError } from './errors';
export { DEFAULT_SCHEME, DEFAULT_LINE_TOTALS } from './scheme/defaultScheme';
export { indexScheme } from './scheme/schemeIndex';
export type { SchemeIndex } from './scheme/schemeIndex';
export { validateScheme } from './scheme/validateScheme';
export { parseRate, parseScore, isBlank, roundScore, readCellNumber, readMark } from './score/parseNumber';
export type { CellNumber, NotANumber } from './score/parseNumber';
export { checkVeto, compareVeto, onUnitScale, parseDirection, scalesDiffer } from './score/checkVeto';
export type { VetoComparison, VetoScale } from './score/checkVeto';
export { scoreLine, scoreLineValues, scoreProblem } from './score/scoreLine';
export type { LineScore } from './score/scoreLine';
export { adjustmentPoints, scoreAdjustments } from './score/adjustments';
export { scoreUnit, scoreDepartment, applyVeto, vetoReason, markedVetoReason, totalScore } from './score/scoreUnit';
export { rankCompetition, rankFromBottom } from './rank/rankCompetition';
export { rankAll, rankAndFlag, rankScoredUnits, DEFAULT_RANK_OPTIONS } from './rank/rankAll';
export type { FlaggedRanking } from './rank/rankAll';
export { rateScore } from './score/rateScore';
// Any bureau's scheme (issue 11): kinds of unit, classes, the rule catalogue, ranking of scores read once.
export { schemeKinds, unitKind, departmentKind, kindOfLine, classOf, classKey, DEFAULT_CLASSES, DEFAULT_FLAGS } from './scheme/kinds';
export { RULES, ruleModule, ruleKindOf, targetFor, wholeCount } from './score/rules';
export type { RuleModule, RuleContext, RuleResult } from './score/rules';
export { itemPoints, isSimpleLine } from './score/scoreLine';
export type { LineContext } from './score/scoreLine';
export { combineLines, vetoTargets } from './score/scoreUnit';
export { rankScored } from './rank/rankAll';
// Issue 11, the 方案 model (s11-scheme): validation with the place of each problem.
export { schemeProblems } from './scheme/validateScheme';
export type { LocatedProblem, SchemeAspect, SchemePart, ValidateOptions } from './scheme/validateScheme';
