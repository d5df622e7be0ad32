import { KaoheError } from '../errors';
import { departmentKind, unitKind } from '../scheme/kinds';
import type { AdjustmentExplanation, DepartmentInput, DepartmentScore, Explanation, ItemExplanation, Problem, Scheme, TargetSpec, UnitInput, UnitKind, UnitScore, VetoExplanation, VetoRule } from '../types';
import { scoreAdjustments } from './adjustments';
import { compareVeto, onUnitScale } from './checkVeto';
import { roundScore } from './parseNumber';
import { targetFor } from './rules';
import { quickLineScore, scoreLine, type LineContext } from './scoreLine';

const show = (n: number | null) => (n === null ? '空' : String(n));

/**
 * Applies one veto rule to a unit: the figure against its target (the ledger's cell, else the
 * scheme's target for the unit, its class, or everyone). Returns the explanation, or a problem
 * when the data cannot decide it.
 */
export function applyVeto(rule: VetoRule, input: UnitInput): { veto: VetoExplanation | null; problem: Problem | null } {
  const given = input.vetoInputs[rule.code];
  const rawTarget = targetFor(vetoTargets(rule), given?.target, input.unit, input.unitClass);
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
      ...(rule.effect === 'zero' ? { effect: 'zero' as const } : {}),
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

/** A veto's targets as one spec: per unit, per class, then its default. */
export function vetoTargets(rule: VetoRule): TargetSpec {
  return {
    value: rule.defaultTarget,
    ...(rule.targetsByClass ? { byClass: rule.targetsByClass } : {}),
    ...(rule.targetsByUnit ? { byUnit: rule.targetsByUnit } : {}),
  };
}

/** Chinese and English reason for a triggered veto, with the figures that caused it. */
export function vetoReason(v: VetoExplanation, unit: '%' | '‰' = '%'): { zh: string; en: string } {
  const verb = v.direction === '>=' ? ['未达到', 'below'] : ['超过', 'above'];
  const zero = v.effect === 'zero';
  // The decided items in brackets, when the veto names any (document 5's vetoes are figures alone).
  const zhItems = `${v.indicators.join('、')}${zero ? ' 记 0 分' : ''}`;
  const enItems = `${v.indicators.join(', ')}${zero ? ' scored 0' : ''}`;
  return {
    zh: `${zero ? '一票否决（记零分）' : '一票否决'}：${v.labelZh} ${show(v.actual)}${unit} ${verb[0]}目标 ${show(v.target)}${unit}${zhItems ? `（${zhItems}）` : ''}`,
    en: `${zero ? 'Veto (scored 0)' : 'Veto'}: ${v.labelEn} ${show(v.actual)}${unit} ${verb[1]} target ${show(v.target)}${unit}${enItems ? ` (${enItems})` : ''}`,
  };
}

/**
 * Chinese and English reason for a veto a clerk marked in the ledger: the text as written.
 * @example markedVetoReason('一票否决（政策外多孩）').en // 'Veto marked in the ledger: 一票否决（政策外多孩）'
 */
export function markedVetoReason(text: string): { zh: string; en: string } {
  return { zh: text, en: `Veto marked in the ledger: ${text}` };
}

/** A kind's total from its line scores: the sum, or the weighted sum; null when a line is null. */
export function combineLines(kind: UnitKind | undefined, lines: Readonly<Record<string, number | null | undefined>>): number | null {
  const codes = kind?.lines ?? Object.keys(lines);
  const weights = kind?.total?.weights;
  let sum = 0;
  for (const code of codes) {
    const v = lines[code];
    if (v === null || v === undefined) return null;
    sum += weights ? v * (weights[code] ?? 0) : v;
  }
  return roundScore(sum);
}

/**
 * Scores one unit of the scheme's unit kind (towns and streets in the built-in scheme): every
 * line of the kind, bonuses, deductions and vetoes, with an explanation of every number. A vetoed
 * unit does not take part in scoring: its line scores, bonus, deduction and total are null, and
 * `vetoReasons` gives the figures (or the text of a veto marked in the ledger, `markedVetoes`); a veto with the `zero` effect scores its items 0 instead. The
 * total is the kind's rule: the sum of the lines or their weights, plus bonuses (capped when the
 * scheme caps them) minus deductions. Any error in the inputs also leaves the scores null;
 * `problems` lists them all.
 * @example scoreUnit(DEFAULT_SCHEME, { unit: '南庄镇', unitClass: 1, scores: { P1: 100 }, vetoInputs: { V1: { actual: 96, target: 95 }, V2: { actual: 99, target: 95 } }, adjustments: {} }).party // 100
 */
export function scoreUnit(scheme: Scheme, input: UnitInput): UnitScore {
  const kind = unitKind(scheme);
  const problems: Problem[] = [];
  const vetoReasons: string[] = [];
  const vetoReasonsEn: string[] = [];
  const zeroReasons: string[] = [];
  const zeroReasonsEn: string[] = [];
  const vetoes: VetoExplanation[] = [];
  let zeroed: Set<string> | undefined;
  for (const rule of scheme.vetoes) {
    const { veto, problem } = applyVeto(rule, input);
    if (problem) problems.push(problem);
    if (veto) {
      vetoes.push(veto);
      if (veto.triggered) {
        const r = vetoReason(veto, rule.unit);
        if (rule.effect === 'zero') {
          zeroReasons.push(r.zh);
          zeroReasonsEn.push(r.en);
          zeroed ??= new Set();
          for (const code of rule.indicators) zeroed.add(code);
        } else {
          vetoReasons.push(r.zh);
          vetoReasonsEn.push(r.en);
        }
      }
    }
  }
  for (const m of input.markedVetoes ?? []) {
    const r = markedVetoReason(m.text);
    vetoReasons.push(r.zh);
    vetoReasonsEn.push(r.en);
  }
  const lineScores: Record<string, number | null> = {};
  // Item explanations are built when someone reads them (得分明细, the pane): 50 objects a town
  // are most of the cost of ranking 50,000 towns otherwise. Valid lines take the quick path;
  // a line with any problem is scored by scoreLine at once, to collect its problems.
  const ctx: LineContext = {
    unit: input.unit,
    unitClass: input.unitClass,
    ...(zeroed ? { zeroed } : {}),
    ...(kind?.unassessed ? { unassessed: kind.unassessed } : {}),
  };
  const lineExplanations: (() => readonly ItemExplanation[])[] = [];
  for (const code of kind?.lines ?? []) {
    const quick = zeroed ? undefined : quickLineScore(scheme, code, input.scores);
    if (quick !== undefined) {
      lineScores[code] = quick;
      lineExplanations.push(() => scoreLine(scheme, code, input.scores, ctx).explanation);
    } else {
      const r = scoreLine(scheme, code, input.scores, ctx);
      lineScores[code] = r.score;
      lineExplanations.push(() => r.explanation);
      problems.push(...r.problems);
    }
  }
  const adj = scoreAdjustments(scheme, input.adjustments);
  problems.push(...adj.problems);
  const vetoed = vetoReasons.length > 0;
  const failed = problems.some((p) => p.severity === 'error');
  const out = (n: number | null | undefined) => (vetoed || failed || n === undefined ? null : n);
  const lines: Record<string, number | null> = {};
  for (const code of kind?.lines ?? []) lines[code] = out(lineScores[code]);
  const party = 'P' in lines ? (lines.P ?? null) : null;
  const fp = 'F' in lines ? (lines.F ?? null) : null;
  const cap = kind?.total?.bonusCap;
  const bonus = out(adj.bonus === null || cap === undefined ? adj.bonus : Math.min(adj.bonus, cap));
  const deduction = out(adj.deduction);
  const combined = vetoed || failed || !kind || kind.lines.length === 0 ? null : combineLines(kind, lines);
  const total = combined === null || bonus === null || deduction === null ? null : roundScore(combined + bonus - deduction);
  return new ScoredUnit(
    { unit: input.unit, unitClass: input.unitClass, party, fp, lines, bonus, deduction, total, vetoed, vetoReasons, vetoReasonsEn, zeroReasons, zeroReasonsEn, problems },
    () => [...lineExplanations.flatMap((f) => f()), ...capNoted(adj.explanation, adj.bonus, cap), ...vetoes],
  );
}

/** The bonus rows, the last one saying so when the cap cut their sum (得分明细 would not add up otherwise). */
function capNoted(rows: readonly AdjustmentExplanation[], bonus: number | null, cap: number | undefined): readonly AdjustmentExplanation[] {
  if (bonus === null || cap === undefined || bonus <= cap) return rows;
  const last = rows.map((e) => e.kind).lastIndexOf('bonus');
  if (last < 0) return rows;
  return rows.map((e, i) =>
    i !== last
      ? e
      : { ...e, noteZh: `加分合计 ${bonus} 超过上限 ${cap}，按 ${cap} 分计`, noteEn: `Bonuses total ${bonus}, above the cap of ${cap}: ${cap} counted` },
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
  readonly lines: UnitScore['lines'];
  readonly bonus: number | null;
  readonly deduction: number | null;
  readonly total: number | null;
  readonly vetoed: boolean;
  readonly vetoReasons: readonly string[];
  readonly vetoReasonsEn: readonly string[];
  readonly zeroReasons: readonly string[];
  readonly zeroReasonsEn: readonly string[];
  readonly problems: readonly Problem[];
  #explain: () => readonly Explanation[];
  #memo: readonly Explanation[] | undefined;

  constructor(s: Omit<UnitScore, 'explanation'>, explain: () => readonly Explanation[]) {
    this.unit = s.unit;
    this.unitClass = s.unitClass;
    this.party = s.party;
    this.fp = s.fp;
    this.lines = s.lines;
    this.bonus = s.bonus;
    this.deduction = s.deduction;
    this.total = s.total;
    this.vetoed = s.vetoed;
    this.vetoReasons = s.vetoReasons;
    this.vetoReasonsEn = s.vetoReasonsEn;
    this.zeroReasons = s.zeroReasons;
    this.zeroReasonsEn = s.zeroReasonsEn;
    this.problems = s.problems;
    this.#explain = explain;
    this.#memo = undefined;
  }

  /** Every item, bonus, deduction and veto behind the numbers, in scheme order. */
  get explanation(): readonly Explanation[] {
    return (this.#memo ??= this.#explain());
  }
}

/**
 * Scores one responsible department on its kind's lines (the built-in scheme: D1–D4, 100 points):
 * the sum of its lines, or their weights.
 */
export function scoreDepartment(scheme: Scheme, input: DepartmentInput): DepartmentScore {
  const kind = departmentKind(scheme);
  const explanation: ItemExplanation[] = [];
  const problems: Problem[] = [];
  const lines: Record<string, number | null> = {};
  for (const code of kind?.lines ?? []) {
    const r = scoreLine(scheme, code, input.scores, { unit: input.unit, ...(kind?.unassessed ? { unassessed: kind.unassessed } : {}) });
    lines[code] = r.score;
    explanation.push(...r.explanation);
    problems.push(...r.problems);
  }
  const failed = problems.some((p) => p.severity === 'error');
  const score = failed || !kind || kind.lines.length === 0 ? null : combineLines(kind, lines);
  if (failed) for (const code of Object.keys(lines)) lines[code] = null;
  return { unit: input.unit, score, lines, explanation, problems };
}

/** Convenience for `SCORE.TOTAL`: party + fp + bonus − deduction, or null when vetoed. */
export function totalScore(party: number, fp: number, bonus = 0, deduction = 0, vetoed = false): number | null {
  if (vetoed) return null;
  return roundScore(party + fp + bonus - Math.abs(deduction));
}
