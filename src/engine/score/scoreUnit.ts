import { KaoheError } from '../errors';
import type { DepartmentInput, DepartmentScore, Explanation, ItemExplanation, Problem, Scheme, UnitInput, UnitScore, VetoExplanation, VetoRule } from '../types';
import { scoreAdjustments } from './adjustments';
import { compareVeto, onUnitScale } from './checkVeto';
import { isBlank, roundScore } from './parseNumber';
import { quickLineScore, scoreLine } from './scoreLine';

const show = (n: number | null) => (n === null ? '空' : String(n));

/**
 * Applies one veto rule to a unit: the figure against its target (or the rule's default target).
 * Returns the explanation, or a problem when the data cannot decide it.
 */
export function applyVeto(rule: VetoRule, input: UnitInput): { veto: VetoExplanation | null; problem: Problem | null } {
  const given = input.vetoInputs[rule.code];
  const rawTarget = given && !isBlank(given.target) ? given.target : rule.defaultTarget;
  try {
    const c = compareVeto(given?.actual ?? null, rawTarget, rule.direction, rule.unit);
    // Shown (reasons, 得分明细, pane) on the scale the figures mean: 0.924 against 0.95 is 92.4 % against 95 %.
    const shown = onUnitScale(c, rule.unit);
    const veto: VetoExplanation = {
      kind: 'veto',
      code: rule.code,
      labelZh: rule.labelZh,
      labelEn: rule.labelEn,
      indicators: rule.indicators,
      actual: shown.actual,
      target: shown.target,
      direction: rule.direction,
      triggered: c.triggered,
    };
    return { veto, problem: null };
  } catch (e) {
    if (e instanceof KaoheError) {
      return {
        veto: null,
        // An error about the target (`field: 'target'`) belongs on the target's cell.
        problem: { code: e.code, severity: 'error', field: e.field === 'target' ? `${rule.code}T` : rule.code, zh: `${rule.code} ${rule.labelZh}：${e.zh}`, en: `${rule.code} ${rule.labelEn}: ${e.en}` },
      };
    }
    throw e;
  }
}

/** Chinese and English reason for a triggered veto, with the figures that caused it. */
export function vetoReason(v: VetoExplanation, unit: '%' | '‰' = '%'): { zh: string; en: string } {
  const verb = v.direction === '>=' ? ['未达到', 'below'] : ['超过', 'above'];
  return {
    zh: `一票否决：${v.labelZh} ${show(v.actual)}${unit} ${verb[0]}目标 ${show(v.target)}${unit}（${v.indicators.join('、')}）`,
    en: `Veto: ${v.labelEn} ${show(v.actual)}${unit} ${verb[1]} target ${show(v.target)}${unit} (${v.indicators.join(', ')})`,
  };
}

/**
 * Scores one town or street: both town lines, bonuses, deductions and vetoes, with an
 * explanation of every number. A vetoed unit does not take part in scoring: its line scores,
 * bonus, deduction and total are null, and `vetoReasons` gives the figures. Any error in the
 * inputs also leaves the scores null; `problems` lists them all.
 * @example scoreUnit(DEFAULT_SCHEME, { unit: '南庄镇', unitClass: 1, scores: { P1: 100 }, vetoInputs: { V1: { actual: 96, target: 95 }, V2: { actual: 99, target: 95 } }, adjustments: {} }).party // 100
 */
export function scoreUnit(scheme: Scheme, input: UnitInput): UnitScore {
  const problems: Problem[] = [];
  const lineScores: Record<string, number | null> = {};
  // Item explanations are built when someone reads them (得分明细, the pane): 50 objects a town
  // are most of the cost of ranking 50,000 towns otherwise. Valid lines take the quick path;
  // a line with any problem is scored by scoreLine at once, to collect its problems.
  const lineExplanations: (() => readonly ItemExplanation[])[] = [];
  for (const line of scheme.lines) {
    if (line.code === 'D') continue;
    const quick = quickLineScore(scheme, line.code, input.scores);
    if (quick !== undefined) {
      lineScores[line.code] = quick;
      lineExplanations.push(() => scoreLine(scheme, line.code, input.scores).explanation);
    } else {
      const r = scoreLine(scheme, line.code, input.scores);
      lineScores[line.code] = r.score;
      lineExplanations.push(() => r.explanation);
      problems.push(...r.problems);
    }
  }
  const adj = scoreAdjustments(scheme, input.adjustments);
  problems.push(...adj.problems);
  const vetoReasons: string[] = [];
  const vetoReasonsEn: string[] = [];
  const vetoes: VetoExplanation[] = [];
  for (const rule of scheme.vetoes) {
    const { veto, problem } = applyVeto(rule, input);
    if (problem) problems.push(problem);
    if (veto) {
      vetoes.push(veto);
      if (veto.triggered) {
        const r = vetoReason(veto, rule.unit);
        vetoReasons.push(r.zh);
        vetoReasonsEn.push(r.en);
      }
    }
  }
  const vetoed = vetoReasons.length > 0;
  const failed = problems.some((p) => p.severity === 'error');
  const out = (n: number | null | undefined) => (vetoed || failed || n === undefined ? null : n);
  const party = out(lineScores.P);
  const fp = out(lineScores.F);
  const bonus = out(adj.bonus);
  const deduction = out(adj.deduction);
  const total =
    party === null || fp === null || bonus === null || deduction === null ? null : roundScore(party + fp + bonus - deduction);
  return new ScoredUnit(
    { unit: input.unit, unitClass: input.unitClass, party, fp, bonus, deduction, total, vetoed, vetoReasons, vetoReasonsEn, problems },
    () => [...lineExplanations.flatMap((f) => f()), ...adj.explanation, ...vetoes],
  );
}

/**
 * A unit's score whose `explanation` is computed on first read and kept (a getter on the
 * prototype, so spreading or serialising a score does not compute it). Fields are assigned in one
 * order so every instance has one shape, which keeps 50,000-town rankings fast.
 */
export class ScoredUnit implements UnitScore {
  readonly unit: string;
  readonly unitClass: UnitScore['unitClass'];
  readonly party: number | null;
  readonly fp: number | null;
  readonly bonus: number | null;
  readonly deduction: number | null;
  readonly total: number | null;
  readonly vetoed: boolean;
  readonly vetoReasons: readonly string[];
  readonly vetoReasonsEn: readonly string[];
  readonly problems: readonly Problem[];
  #explain: () => readonly Explanation[];
  #memo: readonly Explanation[] | undefined;

  constructor(s: Omit<UnitScore, 'explanation'>, explain: () => readonly Explanation[]) {
    this.unit = s.unit;
    this.unitClass = s.unitClass;
    this.party = s.party;
    this.fp = s.fp;
    this.bonus = s.bonus;
    this.deduction = s.deduction;
    this.total = s.total;
    this.vetoed = s.vetoed;
    this.vetoReasons = s.vetoReasons;
    this.vetoReasonsEn = s.vetoReasonsEn;
    this.problems = s.problems;
    this.#explain = explain;
    this.#memo = undefined;
  }

  /** Every item, bonus, deduction and veto behind the numbers, in scheme order. */
  get explanation(): readonly Explanation[] {
    return (this.#memo ??= this.#explain());
  }
}

/** Scores one responsible department on its own 100-point line (D1–D4). */
export function scoreDepartment(scheme: Scheme, input: DepartmentInput): DepartmentScore {
  const r = scoreLine(scheme, 'D', input.scores);
  const items = r.explanation;
  return { unit: input.unit, score: r.score, explanation: items, problems: r.problems };
}

/** Convenience for `SCORE.TOTAL`: party + fp + bonus − deduction, or null when vetoed. */
export function totalScore(party: number, fp: number, bonus = 0, deduction = 0, vetoed = false): number | null {
  if (vetoed) return null;
  return roundScore(party + fp + bonus - Math.abs(deduction));
}
