import { KaoheError } from '../errors';
import { indexScheme } from '../scheme/schemeIndex';
import type { AdjustmentExplanation, AdjustmentInput, AdjustmentRule, Problem, Scheme } from '../types';
import { isBlank, parseScore, roundScore } from './parseNumber';

function err(code: string, field: string, zh: string, en: string): KaoheError {
  return new KaoheError(code, zh, en, field);
}

function readCount(value: unknown, input: AdjustmentInput): number {
  const n = parseScore(value, input.code) ?? 0;
  // Safe integers only: a count such as 1e308 is "whole" but would make the points Infinity.
  if (n < 0 || !Number.isSafeInteger(n)) {
    throw err('adjustment.count', input.code, `${input.code} ${input.labelZh}：次数 ${n} 应为不小于 0 的整数（且不能大得离谱）`, `${input.code} ${input.labelEn}: count ${n} must be a whole number ≥ 0 (and not absurdly large)`);
  }
  return n;
}

function findRule(scheme: Scheme, code: string): { rule: AdjustmentRule; input: AdjustmentInput | null } {
  const key = code.trim().toUpperCase();
  const rule = scheme.adjustments.find((r) => r.code.toUpperCase() === key);
  if (rule) return { rule, input: null };
  const hit = indexScheme(scheme).adjustmentInputs.get(key);
  if (hit) return { rule: hit.rule, input: hit.input };
  const known = scheme.adjustments.map((r) => r.code).join(', ');
  throw err('adjustment.unknown', code, `没有加扣分代码“${code}”（可用：${known}）`, `No bonus or deduction code "${code}" (known: ${known})`);
}

/**
 * Points (a magnitude; the rule's kind gives the sign) of one bonus or deduction, by code:
 * - a count input (B1, X1, X2, X4, X6, or an input code such as B2C): `count` events × points each;
 * - a rule with levels (B2): `count` is the level (市/省/国家, city/province/national or 1/2/3),
 *   `extra` the number of events (default 1): +5, +7, +10 each;
 * - a points rule (X3): `count` cases × `extra` points each, `extra` within 10–30;
 * - a rule with a doubled subset (X5): `count` cases × 5, plus 5 more for each of the `extra` cases
 *   not reported truthfully (so those cost 10).
 * @example adjustmentPoints(DEFAULT_SCHEME, 'B2', '省级') // 7
 * @example adjustmentPoints(DEFAULT_SCHEME, 'X5', 3, 1) // 20
 */
export function adjustmentPoints(scheme: Scheme, code: string, count: unknown, extra?: unknown): number {
  const { rule, input } = findRule(scheme, code);
  if (input && input.mode === 'count' && input.subsetOf === undefined) {
    return roundScore(readCount(count, input) * (input.pointsEach ?? 0));
  }
  const levels = rule.inputs.filter((i) => i.aliases && i.aliases.length > 0);
  if (levels.length > 0 && !input) {
    const key = (typeof count === 'string' || typeof count === 'number' ? String(count) : '').trim().toLowerCase();
    const level = levels.find((i) => i.code.toLowerCase() === key || (i.aliases ?? []).some((a) => a.toLowerCase() === key));
    if (!level) {
      const names = levels.map((i) => `${(i.aliases ?? [])[0] ?? i.code}(${i.pointsEach ?? 0})`).join('、');
      throw err('adjustment.level', rule.code, `${rule.code} ${rule.labelZh}：级别“${key}”无效，应为 ${names}`, `${rule.code}: level "${key}" is invalid; use ${levels.map((i) => `${(i.aliases ?? []).find((a) => /^[a-z]+$/.test(a)) ?? i.code}(${i.pointsEach ?? 0})`).join(', ')}`);
    }
    const events = isBlank(extra) ? 1 : readCount(extra, level);
    return roundScore(events * (level.pointsEach ?? 0));
  }
  const primary = rule.inputs[0];
  if (!primary) throw err('adjustment.unknown', code, `${code} 没有录入项`, `${code} has no inputs`);
  if (primary.mode === 'points') {
    const cases = readCount(count, primary);
    if (cases === 0) return 0;
    const each = parseScore(extra, primary.code);
    const min = primary.minEach ?? 0;
    const max = primary.maxEach ?? Infinity;
    if (each === null || each < min || each > max) {
      throw err('adjustment.range', primary.code, `${primary.code} ${primary.labelZh}：每起扣分应在 ${min}–${max} 分之间（按情节），收到 ${each ?? '空'}`, `${primary.code}: points per case must be ${min}–${max} by severity; got ${each ?? 'blank'}`);
    }
    return roundScore(cases * each);
  }
  const cases = readCount(count, primary);
  let points = cases * (primary.pointsEach ?? 0);
  const subset = rule.inputs.find((i) => i.subsetOf === primary.code);
  if (subset) {
    const doubled = isBlank(extra) ? 0 : readCount(extra, subset);
    if (doubled > cases) {
      throw err('adjustment.subset', subset.code, `${subset.code} ${subset.labelZh}：${doubled} 例多于 ${primary.code} 的 ${cases} 例`, `${subset.code}: ${doubled} cases exceed the ${cases} cases of ${primary.code}`);
    }
    points += doubled * (subset.pointsEach ?? 0);
  }
  return roundScore(points);
}

const NOTHING: AdjustmentScore = Object.freeze({ bonus: 0, deduction: 0, explanation: Object.freeze([]), problems: Object.freeze([]) });

function nothingEntered(scheme: Scheme, values: Readonly<Record<string, unknown>>): boolean {
  for (const rule of scheme.adjustments) {
    for (const input of rule.inputs) {
      const v = values[input.code];
      if (v !== undefined && v !== null && v !== '' && v !== 0) return false;
    }
  }
  return true;
}

export interface AdjustmentScore {
  readonly bonus: number | null;
  readonly deduction: number | null;
  readonly explanation: readonly AdjustmentExplanation[];
  readonly problems: readonly Problem[];
}

/**
 * Adds up a unit's bonuses and deductions from ledger inputs (input code → count or points),
 * collecting every problem. Count inputs must be whole numbers ≥ 0; a points input (X3) must be
 * 0 or at least its minimum per case; a subset input (X5D) cannot exceed its parent (X5).
 */
export function scoreAdjustments(scheme: Scheme, values: Readonly<Record<string, unknown>>): AdjustmentScore {
  // Most towns have no bonus or deduction at all: answer them without allocating.
  if (nothingEntered(scheme, values)) return NOTHING;
  let bonus = 0;
  let deduction = 0;
  const explanation: AdjustmentExplanation[] = [];
  const problems: Problem[] = [];
  const push = (e: KaoheError) => problems.push({ code: e.code, severity: 'error', field: e.field ?? '', zh: e.zh, en: e.en });
  for (const rule of scheme.adjustments) {
    const counts = new Map<string, number>();
    for (const input of rule.inputs) {
      try {
        if (input.mode === 'points') {
          const pts = parseScore(values[input.code], input.code) ?? 0;
          const min = input.minEach ?? 0;
          if (pts < 0 || (pts > 0 && pts < min)) {
            throw err('adjustment.range', input.code, `${input.code} ${input.labelZh}：扣分 ${pts} 无效，应为 0 或至少 ${min} 分`, `${input.code}: ${pts} points is invalid; 0 or at least ${min}`);
          }
          if (pts === 0) continue;
          explanation.push({ kind: rule.kind, code: rule.code, inputCode: input.code, labelZh: input.labelZh, labelEn: input.labelEn, count: null, pointsEach: null, points: roundScore(pts) });
          if (rule.kind === 'bonus') bonus += pts;
          else deduction += pts;
          continue;
        }
        const n = readCount(values[input.code], input);
        counts.set(input.code, n);
        if (input.subsetOf !== undefined) {
          const parent = counts.get(input.subsetOf) ?? 0;
          if (n > parent) {
            throw err('adjustment.subset', input.code, `${input.code} ${input.labelZh}：${n} 例多于 ${input.subsetOf} 的 ${parent} 例`, `${input.code}: ${n} cases exceed the ${parent} cases of ${input.subsetOf}`);
          }
        }
        if (n === 0) continue;
        const pts = roundScore(n * (input.pointsEach ?? 0));
        explanation.push({ kind: rule.kind, code: rule.code, inputCode: input.code, labelZh: input.labelZh, labelEn: input.labelEn, count: n, pointsEach: input.pointsEach ?? 0, points: pts });
        if (rule.kind === 'bonus') bonus += pts;
        else deduction += pts;
      } catch (e) {
        if (e instanceof KaoheError) push(e);
        else throw e;
      }
    }
  }
  if (!Number.isFinite(bonus) || !Number.isFinite(deduction)) {
    // Each input was a finite number, but absurd figures (1e308 points) can still add up to Infinity.
    problems.push({ code: 'adjustment.too-large', severity: 'error', zh: '加分或扣分合计超出数值范围，请检查加扣分列是否填错', en: 'The bonus or deduction total is out of range; check the bonus/deduction columns' });
  }
  const bad = problems.length > 0;
  return { bonus: bad ? null : roundScore(bonus), deduction: bad ? null : roundScore(deduction), explanation, problems };
}
