import { KaoheError } from '../errors';
import { classKey, classLabel, unitKind } from '../scheme/kinds';
import { indexScheme } from '../scheme/schemeIndex';
import type { ItemExplanation, ItemRule, LineCode, Problem, Scheme, SchemeItem, SchemeLine, UnitClass } from '../types';
import { isBlank, parseRate, parseScore, readMark, roundScore } from './parseNumber';
import { ENTERED, ruleModule, targetFor } from './rules';
import { enteredRule } from './rules/entered';

/** Problem for a score outside 0..points, or not a number; `null` when the score is fine. */
export function scoreProblem(item: SchemeItem, value: number, points: number = item.points): Problem | null {
  try {
    enteredRule.score(ENTERED as never, value, { item, points, target: null });
    return null;
  } catch (e) {
    if (e instanceof KaoheError) return { code: e.code, severity: 'error', field: item.code, zh: e.zh, en: e.en };
    throw e;
  }
}

function lineOf(scheme: Scheme, line: LineCode): SchemeLine {
  const found = indexScheme(scheme).line(line);
  if (!found) throw new KaoheError('scheme.line-missing', `方案中没有考核线 ${line}`, `The scheme has no line ${line}`);
  return found;
}

/**
 * Scores one line from values in scheme order: either one per top-level item (P: 6) or one per
 * leaf item (P: 11); the count decides. Blank = 0. A value above its item's points, negative, or
 * not a number throws a KaoheError naming the item; so does the wrong count. Computed items
 * (达标、按比例、按次) take their figure or count; their targets come from the scheme.
 * @example scoreLineValues(DEFAULT_SCHEME, 'P', [100, 20, 70, 20, 60, 100]) // 370
 */
export function scoreLineValues(scheme: Scheme, line: LineCode, values: readonly unknown[], ctx: LineContext = {}): number {
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
  if (!isSimpleLine(scheme, line) || values.some((v) => typeof v === 'string' && readMark(v) !== null)) {
    // A line with rules, class points or bonus items, or a clerk's mark (不考核, 一票否决): score it as a ledger row would be.
    const scores: Record<string, unknown> = {};
    items.forEach((it, i) => (scores[it.code] = values[i]));
    const r = scoreLine(scheme, line, scores, ctx);
    const first = r.problems.find((p) => p.severity === 'error');
    if (first) throw new KaoheError(first.code, first.zh, first.en, first.field);
    return r.score ?? 0;
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

/** Who is scored, for the parts of a scheme that differ by unit: class points, targets, zeroed items. */
export interface LineContext {
  readonly unit?: string;
  readonly unitClass?: UnitClass | null;
  /** Items a `zero`-effect veto scored 0 (with all their children). */
  readonly zeroed?: ReadonlySet<string>;
  /** What a line with items not assessed for the class scores (the kind's rule; default prorate). */
  readonly unassessed?: 'prorate' | 'drop';
}

/**
 * An item's full marks for a class: its own per-class points, else (a parent) the sum of its
 * children's, else its points; null when it is not assessed for that class.
 */
export function itemPoints(item: SchemeItem, unitClass: UnitClass | null | undefined): number | null {
  const key = classKey(unitClass);
  if (item.classPoints && key !== '' && key in item.classPoints) return item.classPoints[key] ?? null;
  const kids = item.children ?? [];
  if (kids.length === 0 || !kids.some((k) => differsByClass(k))) return item.points;
  let sum = 0;
  let any = false;
  for (const k of kids) {
    const p = itemPoints(k, unitClass);
    if (p === null) continue;
    any = true;
    sum += p;
  }
  return any ? roundScore(sum) : null;
}

function differsByClass(item: SchemeItem): boolean {
  return !!item.classPoints || (item.children ?? []).some(differsByClass);
}

/**
 * Scores one line from item scores by code, collecting every problem instead of stopping at the
 * first. For each parent: its children's sum when any child is entered, else the parent's own
 * value; a parent entered together with its children must equal their sum. Missing = 0. Items
 * follow their rule (`score/rules`), their class's points, and the kind's rule for items not
 * assessed (得分 ÷ 应得分 × 满分 by default). An item is not assessed for its class, or when its
 * cell holds a clerk's 不考核 mark (`/`, `—` …: see `readMark`), or when none of its children is.
 * A computed item's target may come from the ledger (`scores[code + 'T']`).
 */
export function scoreLine(scheme: Scheme, line: LineCode, scores: Readonly<Record<string, unknown>>, ctx: LineContext = {}): LineScore {
  const l = lineOf(scheme, line);
  const explanation: ItemExplanation[] = [];
  const problems: Problem[] = [];
  const cls = ctx.unitClass ?? null;
  const zeroed = ctx.zeroed;
  let unassessedSeen = false;
  const read = (item: SchemeItem, points: number): { value: number | null; input: number | null; noteZh?: string; noteEn?: string } => {
    const raw = scores[item.code];
    const rule = item.rule ?? ENTERED;
    const isLeaf = !item.children || item.children.length === 0;
    if (isBlank(raw)) {
      if (rule.kind === 'cases' && isLeaf) return { value: points, input: null }; // no case: full marks
      return { value: null, input: null };
    }
    const mark = typeof raw === 'string' ? readMark(raw) : null;
    if (mark?.kind === 'veto') {
      // The ledger reader takes a veto mark out of the scores (UnitInput.markedVetoes); a score
      // given here has no number to add.
      problems.push({
        code: 'score.veto-marked',
        severity: 'error',
        field: item.code,
        zh: `${item.code} ${item.labelZh}：“${mark.text}”标明一票否决，没有得分可计`,
        en: `${item.code} ${item.labelEn}: "${mark.text}" marks a veto; there is no score to count`,
      });
      return { value: null, input: null };
    }
    try {
      if (!isLeaf || rule.kind === 'entered') {
        // Fast path for the usual finite number: the same value parseScore returns, without building its label.
        const v = typeof raw === 'number' && Number.isFinite(raw) ? raw : parseScore(raw, `${item.code} ${item.labelZh}`);
        if (v === null) return { value: null, input: null };
        const p = scoreProblem(item, v, points);
        if (p) {
          problems.push(p);
          return { value: null, input: null };
        }
        return { value: v, input: v };
      }
      const target = ruleTarget(rule, scores[item.code + 'T'], ctx.unit ?? '', cls);
      const r = ruleModule(rule).score(rule, raw, { item, points, target });
      const input = typeof raw === 'number' ? raw : parseRateOrNull(raw);
      return { value: r.score, input, ...(r.noteZh ? { noteZh: r.noteZh } : {}), ...(r.noteEn ? { noteEn: r.noteEn } : {}) };
    } catch (err) {
      if (err instanceof KaoheError) {
        // A rule's error about the target belongs on the target's cell (`${code}T`).
        const field = err.field === `${item.code}T` ? err.field : item.code;
        problems.push({ code: err.code, severity: 'error', field, zh: err.zh, en: err.en });
        return { value: null, input: null };
      }
      throw err;
    }
  };
  /** The clerk wrote 不考核 (`/`, `—` …) in the item's own cell. */
  const marked = (item: SchemeItem): boolean => {
    const raw = scores[item.code];
    return typeof raw === 'string' && readMark(raw)?.kind === 'unassessed';
  };
  /** Not assessed for this unit: by its class, by the clerk's mark, or every child not assessed. */
  const off = (item: SchemeItem): boolean =>
    itemPoints(item, cls) === null || marked(item) || (!!item.children && item.children.length > 0 && item.children.every(off));
  const anyOff = (item: SchemeItem): boolean => off(item) || (item.children ?? []).some(anyOff);
  /** The points the unit could get on the item (应得分): 0 when not assessed, its assessed children's when some are not. */
  const dueOf = (item: SchemeItem): number => {
    if (off(item)) return 0;
    const kids = item.children ?? [];
    if (!kids.some(anyOff)) return itemPoints(item, cls) ?? 0;
    return roundScore(kids.reduce((s, k) => s + dueOf(k), 0));
  };
  /** A marked item's explanation row, and its children's (得分明细 shows 不考核 on each). */
  const pushOff = (item: SchemeItem) => {
    const isLeaf = !item.children || item.children.length === 0;
    explanation.push({ kind: 'item', line, code: item.code, labelZh: item.labelZh, labelEn: item.labelEn, points: 0, input: null, score: 0, isLeaf, assessed: false });
    for (const c of item.children ?? []) pushOff(c);
  };
  const walk = (item: SchemeItem, forcedZero: boolean): number => {
    const points = itemPoints(item, cls);
    const zero = forcedZero || (zeroed?.has(item.code) ?? false);
    const children = item.children ?? [];
    const base = { kind: 'item' as const, line, code: item.code, labelZh: item.labelZh, labelEn: item.labelEn };
    if (points === null) {
      unassessedSeen = true;
      // A figure typed on an item the class is not assessed on is not scored: say so (a wrong
      // class in the ledger looks just like this), never drop it silently.
      for (const it of enteredIn(item, scores)) {
        const typed = String(scores[it.code]);
        const named = classLabel(unitKind(scheme), classKey(cls));
        problems.push({
          code: 'score.unassessed-entered',
          severity: 'warning',
          field: it.code,
          zh: `${it.code} ${it.labelZh}：${named.zh}不考核此项，填写的 ${typed} 不计分（请核对类别或清空）`,
          en: `${it.code} ${it.labelEn}: ${named.en} units are not assessed on this item; the ${typed} entered is not scored (check the class or clear it)`,
        });
      }
      explanation.push({ ...base, points: 0, input: null, score: 0, isLeaf: children.length === 0, assessed: false });
      return 0;
    }
    if (off(item)) {
      unassessedSeen = true;
      const scored = marked(item) ? children.filter((c) => hasScore(c, scores)) : [];
      if (scored.length > 0)
        problems.push({
          code: 'score.unassessed-parent',
          severity: 'error',
          field: item.code,
          zh: `${item.code} ${item.labelZh}：标为不考核，但子项 ${scored.map((c) => c.code).join('、')} 有得分；请只标一处`,
          en: `${item.code} ${item.labelEn}: marked not assessed, but its children ${scored.map((c) => c.code).join(', ')} have scores; mark one or the other`,
        });
      pushOff(item);
      return 0;
    }
    const full = children.length > 0 ? dueOf(item) : points;
    const got = read(item, full);
    const input = got.input;
    if (children.length === 0) {
      const score = zero ? 0 : (got.value ?? 0);
      explanation.push({
        ...base,
        points,
        input,
        score,
        isLeaf: true,
        ...(got.noteZh && !zero ? { noteZh: got.noteZh, noteEn: got.noteEn ?? got.noteZh } : {}),
        ...(zero ? { noteZh: '一票否决，记零分', noteEn: 'Vetoed: scored 0' } : {}),
      });
      return score;
    }
    const at = explanation.length;
    const anyChild = hasAnyInput(children, scores);
    const errorsBefore = errorCount(problems);
    const childSum = roundScore(children.reduce((s, c) => s + walk(c, zero), 0));
    let score = childSum;
    if (zero) score = 0;
    else if (!anyChild && got.value !== null) score = got.value;
    // A child with an error of its own is left out of the sum: comparing would report it twice.
    else if (anyChild && got.value !== null && errorCount(problems) === errorsBefore && roundScore(got.value) !== childSum) {
      const list = children.map((c) => c.code).join('+');
      problems.push({
        code: 'score.parent-sum',
        severity: 'error',
        field: item.code,
        zh: `${item.code} ${item.labelZh}：填写的 ${got.value} 不等于子项 ${list} 之和 ${childSum}；父项应等于子项之和`,
        en: `${item.code} ${item.labelEn}: entered ${got.value} differs from the sum of its children ${list}, ${childSum}; a parent must equal the sum of its children`,
      });
    }
    explanation.splice(at, 0, { ...base, points: full, input, score, isLeaf: false });
    return score;
  };
  let main = 0;
  let extra = 0;
  let due = 0;
  for (const it of l.items) {
    const s = walk(it, false);
    if (it.extra) extra += s;
    else {
      main += s;
      due += dueOf(it);
    }
  }
  let total = roundScore(main + extra);
  // 得分 ÷ 应得分 × 满分 when the class is not assessed on some items (and the kind says so).
  const mainFull = roundScore(l.items.filter((i) => !i.extra).reduce((s, i) => s + i.points, 0));
  if (unassessedSeen && (ctx.unassessed ?? 'prorate') === 'prorate' && due > 0 && roundScore(due) !== mainFull) {
    total = roundScore((roundScore(main) / roundScore(due)) * mainFull + extra);
  }
  const hasError = problems.some((p) => p.severity === 'error');
  return { score: hasError ? null : total, explanation, problems };
}

function parseRateOrNull(raw: unknown): number | null {
  try {
    return parseRate(raw);
  } catch {
    return null;
  }
}

/** The target of a computed item for one unit: the ledger's cell, else the scheme's. */
function ruleTarget(rule: ItemRule, given: unknown, unit: string, cls: UnitClass | null): unknown {
  if (rule.kind !== 'target' && rule.kind !== 'proportion') return null;
  return targetFor(rule.target, given, unit, cls);
}

/** A score in the item's cell or a descendant's, a clerk's 不考核 mark not counted. */
function hasScore(item: SchemeItem, scores: Readonly<Record<string, unknown>>): boolean {
  const raw = scores[item.code];
  if (!isBlank(raw) && !(typeof raw === 'string' && readMark(raw)?.kind === 'unassessed')) return true;
  return (item.children ?? []).some((c) => hasScore(c, scores));
}

function hasAnyInput(items: readonly SchemeItem[], scores: Readonly<Record<string, unknown>>): boolean {
  return items.some((c) => !isBlank(scores[c.code]) || (c.children ? hasAnyInput(c.children, scores) : false));
}

function errorCount(problems: readonly Problem[]): number {
  return problems.reduce((n, p) => n + (p.severity === 'error' ? 1 : 0), 0);
}

/** The item and its descendants that have a value in `scores`. */
function enteredIn(item: SchemeItem, scores: Readonly<Record<string, unknown>>): SchemeItem[] {
  const own = isBlank(scores[item.code]) ? [] : [item];
  return [...own, ...(item.children ?? []).flatMap((c) => enteredIn(c, scores))];
}

const simple = new WeakMap<Scheme, Map<LineCode, boolean>>();

/** True when every item of the line is entered, the same for every class, never negative and counted in full marks. */
export function isSimpleLine(scheme: Scheme, line: LineCode): boolean {
  let byLine = simple.get(scheme);
  if (!byLine) simple.set(scheme, (byLine = new Map<LineCode, boolean>()));
  const hit = byLine.get(line);
  if (hit !== undefined) return hit;
  const plain = (it: SchemeItem): boolean =>
    (it.rule === undefined || it.rule.kind === 'entered') && !it.classPoints && !it.allowNegative && !it.extra && (it.children ?? []).every(plain);
  const ok = lineOf(scheme, line).items.every(plain);
  byLine.set(line, ok);
  return ok;
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
  if (!isSimpleLine(scheme, line)) return undefined;
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
