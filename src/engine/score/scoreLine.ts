import { KaoheError } from '../errors';
import { indexScheme } from '../scheme/schemeIndex';
import type { ItemExplanation, LineCode, Problem, Scheme, SchemeItem, SchemeLine } from '../types';
import { isBlank, parseScore, roundScore } from './parseNumber';

/** Problem for a score outside 0..points, or not a number; `null` when the score is fine. */
export function scoreProblem(item: SchemeItem, value: number): Problem | null {
  if (value < 0) {
    return { code: 'score.negative', severity: 'error', field: item.code, zh: `${item.code} ${item.labelZh}：得分 ${value} 为负数`, en: `${item.code} ${item.labelEn}: score ${value} is negative` };
  }
  if (roundScore(value) > item.points) {
    return { code: 'score.above-points', severity: 'error', field: item.code, zh: `${item.code} ${item.labelZh}：得分 ${value} 超过满分 ${item.points}`, en: `${item.code} ${item.labelEn}: score ${value} is above its ${item.points} points` };
  }
  return null;
}

function lineOf(scheme: Scheme, line: LineCode): SchemeLine {
  const found = indexScheme(scheme).line(line);
  if (!found) throw new KaoheError('scheme.line-missing', `方案中没有考核线 ${line}`, `The scheme has no line ${line}`);
  return found;
}

/**
 * Scores one line from values in scheme order: either one per top-level item (P: 6) or one per
 * leaf item (P: 11); the count decides. Blank = 0. A value above its item's points, negative, or
 * not a number throws a KaoheError naming the item; so does the wrong count.
 * @example scoreLineValues(DEFAULT_SCHEME, 'P', [100, 20, 70, 20, 60, 100]) // 370
 */
export function scoreLineValues(scheme: Scheme, line: LineCode, values: readonly unknown[]): number {
  const l = lineOf(scheme, line);
  const leaves = indexScheme(scheme).leaves(line);
  let items: readonly SchemeItem[];
  if (values.length === l.items.length) items = l.items;
  else if (values.length === leaves.length) items = leaves;
  else {
    const counts = l.items.length === leaves.length ? `${leaves.length}` : `${l.items.length} 或 ${leaves.length}`;
    const countsEn = l.items.length === leaves.length ? `${leaves.length}` : `${l.items.length} or ${leaves.length}`;
    throw new KaoheError(
      'score.count',
      `${l.labelZh}需要 ${counts} 个得分（按方案顺序），收到 ${values.length} 个`,
      `${l.labelEn} needs ${countsEn} scores in scheme order; got ${values.length}`,
    );
  }
  let sum = 0;
  for (let i = 0; i < items.length; i++) {
    const item = items[i] as SchemeItem;
    const raw = values[i];
    // Fast path for the usual finite number: the same value parseScore returns, without building its label.
    const v = typeof raw === 'number' && Number.isFinite(raw) ? raw : parseScore(raw, `${item.code} ${item.labelZh}`);
    if (v === null) continue;
    const p = scoreProblem(item, v);
    if (p) throw new KaoheError(p.code, p.zh, p.en, item.code);
    sum += v;
  }
  return roundScore(sum);
}

export interface LineScore {
  /** Null when any problem is an error. */
  readonly score: number | null;
  readonly explanation: readonly ItemExplanation[];
  readonly problems: readonly Problem[];
}

/**
 * Scores one line from item scores by code, collecting every problem instead of stopping at the
 * first. For each parent: its children's sum when any child is entered, else the parent's own
 * value; a parent entered together with its children must equal their sum. Missing = 0.
 */
export function scoreLine(scheme: Scheme, line: LineCode, scores: Readonly<Record<string, unknown>>): LineScore {
  const l = lineOf(scheme, line);
  const explanation: ItemExplanation[] = [];
  const problems: Problem[] = [];
  const read = (item: SchemeItem): number | null => {
    const raw = scores[item.code];
    if (isBlank(raw)) return null;
    try {
      // Fast path for the usual finite number: the same value parseScore returns, without building its label.
      const v = typeof raw === 'number' && Number.isFinite(raw) ? raw : parseScore(raw, `${item.code} ${item.labelZh}`);
      if (v === null) return null;
      const p = scoreProblem(item, v);
      if (p) {
        problems.push(p);
        return null;
      }
      return v;
    } catch (err) {
      if (err instanceof KaoheError) {
        problems.push({ code: err.code, severity: 'error', field: item.code, zh: err.zh, en: err.en });
        return null;
      }
      throw err;
    }
  };
  const walk = (item: SchemeItem): number => {
    const input = read(item);
    const children = item.children ?? [];
    if (children.length === 0) {
      const score = input ?? 0;
      explanation.push({ kind: 'item', line, code: item.code, labelZh: item.labelZh, labelEn: item.labelEn, points: item.points, input, score, isLeaf: true });
      return score;
    }
    const at = explanation.length;
    const anyChild = hasAnyInput(children, scores);
    const problemsBefore = problems.length;
    const childSum = roundScore(children.reduce((s, c) => s + walk(c), 0));
    let score = childSum;
    if (!anyChild && input !== null) score = input;
    // A child with a problem of its own is left out of the sum: comparing would report it twice.
    else if (anyChild && input !== null && problems.length === problemsBefore && roundScore(input) !== childSum) {
      const list = children.map((c) => c.code).join('+');
      problems.push({
        code: 'score.parent-sum',
        severity: 'error',
        field: item.code,
        zh: `${item.code} ${item.labelZh}：填写的 ${input} 不等于子项 ${list} 之和 ${childSum}；父项应等于子项之和`,
        en: `${item.code} ${item.labelEn}: entered ${input} differs from the sum of its children ${list}, ${childSum}; a parent must equal the sum of its children`,
      });
    }
    explanation.splice(at, 0, { kind: 'item', line, code: item.code, labelZh: item.labelZh, labelEn: item.labelEn, points: item.points, input, score, isLeaf: false });
    return score;
  };
  const total = roundScore(l.items.reduce((s, it) => s + walk(it), 0));
  const hasError = problems.some((p) => p.severity === 'error');
  return { score: hasError ? null : total, explanation, problems };
}

function hasAnyInput(items: readonly SchemeItem[], scores: Readonly<Record<string, unknown>>): boolean {
  return items.some((c) => !isBlank(scores[c.code]) || (c.children ? hasAnyInput(c.children, scores) : false));
}

/** A line flattened once per scheme: items in post-order with their children's positions. */
interface LinePlan {
  readonly codes: readonly string[];
  readonly points: readonly number[];
  /** Positions (in this plan) of each item's children, in scheme order; empty for a leaf. */
  readonly children: readonly (readonly number[])[];
  /** Positions of the top-level items, in scheme order. */
  readonly roots: readonly number[];
}

const plans = new WeakMap<Scheme, Map<LineCode, LinePlan>>();

function planOf(scheme: Scheme, line: LineCode): LinePlan {
  let byLine = plans.get(scheme);
  if (!byLine) plans.set(scheme, (byLine = new Map<LineCode, LinePlan>()));
  const hit = byLine.get(line);
  if (hit) return hit;
  const codes: string[] = [];
  const points: number[] = [];
  const children: number[][] = [];
  const add = (item: SchemeItem): number => {
    const kids = (item.children ?? []).map(add);
    codes.push(item.code);
    points.push(item.points);
    children.push(kids);
    return codes.length - 1;
  };
  const roots = lineOf(scheme, line).items.map(add);
  const plan: LinePlan = { codes, points, children, roots };
  byLine.set(line, plan);
  return plan;
}

let values = new Float64Array(64);
let entered = new Uint8Array(64);

/**
 * The common case of `scoreLine` without building explanations: every entered value a finite
 * number within its item's points and every parent consistent with its children. Returns the
 * same total `scoreLine` returns, or `undefined` when anything needs `scoreLine` to explain a
 * problem (text, a number out of range, a parent that disagrees). Adds in the same order and
 * rounds at the same places, so both paths give identical numbers (a property test checks it).
 */
export function quickLineScore(scheme: Scheme, line: LineCode, scores: Readonly<Record<string, unknown>>): number | undefined {
  const plan = planOf(scheme, line);
  const n = plan.codes.length;
  if (values.length < n) {
    values = new Float64Array(n);
    entered = new Uint8Array(n);
  }
  // Post-order: every child is evaluated before its parent.
  for (let i = 0; i < n; i++) {
    const raw = scores[plan.codes[i] as string];
    const points = plan.points[i] as number;
    let input: number | null = null;
    if (raw !== undefined && raw !== null && raw !== '') {
      if (typeof raw !== 'number' || !Number.isFinite(raw) || raw < 0 || roundScore(raw) > points) return undefined;
      input = raw;
    }
    const kids = plan.children[i] as readonly number[];
    if (kids.length === 0) {
      values[i] = input ?? 0;
      entered[i] = input === null ? 0 : 1;
      continue;
    }
    let sum = 0;
    let anyChild = 0;
    for (let k = 0; k < kids.length; k++) {
      const c = kids[k] as number;
      sum += values[c] as number;
      anyChild |= entered[c] as number;
    }
    const childSum = roundScore(sum);
    entered[i] = anyChild | (input === null ? 0 : 1);
    if (input === null || anyChild) {
      if (input !== null && roundScore(input) !== childSum) return undefined;
      values[i] = childSum;
    } else values[i] = input;
  }
  let total = 0;
  for (const r of plan.roots) total += values[r] as number;
  return roundScore(total);
}
