import type { Problem, Scheme, SchemeItem, SchemeLine, Severity, TargetSpec, UnitKind } from '../types';
import { roundScore } from '../score/parseNumber';
import { itemPoints } from '../score/scoreLine';
import { classKey, classLabel, schemeKinds } from './kinds';

const CODE = /^[A-Za-z][A-Za-z0-9_.]*$/;
/** Characters that separate `一类:10、二类:12` and so cannot be part of a class's name. */
const CLASS_SEPARATORS = /[:：、,，;；]/;

/** What part of the scheme a problem is about, so a reader can point at the row and cell. */
export type SchemePart = 'line' | 'item' | 'veto' | 'rule' | 'input' | 'kind' | 'class' | 'target' | 'flag';

/** The aspect of that part: the 方案 column that holds it. */
export type SchemeAspect =
  | 'code'
  | 'points'
  | 'classPoints'
  | 'owner'
  | 'weight'
  | 'mode'
  | 'direction'
  | 'target'
  | 'classTargets'
  | 'perPoint'
  | 'indicators'
  | 'unit'
  | 'cap'
  | 'effect'
  | 'quota'
  | 'aliases'
  | 'labelZh';

/** A problem with the place it is about: `part` and `code` (a class: `owner` is its kind; a per-unit target: `owner` is the unit). */
export interface LocatedProblem extends Problem {
  readonly at?: { readonly part: SchemePart; readonly code: string; readonly owner?: string; readonly aspect: SchemeAspect };
}

export interface ValidateOptions {
  readonly expectedLineTotals?: Readonly<Record<string, number>>;
}

/**
 * Checks a scheme before it scores anything: codes well-formed and unique (lines, items, vetoes,
 * inputs; kinds among kinds, classes within their kind), points positive, each parent equal to the
 * sum of its children for every class, each line equal to the sum of its items (bonus items left
 * out; and to `expectedLineTotals` when given, e.g. 370/630/100 for the built-in scheme), every
 * line in exactly one kind and every kind with a line, at most one kind per role, weights that sum
 * to 1, vetoes pointing at existing items of the unit kind, class keys naming classes, scoring
 * rules well-formed, adjustment rules well-formed. Returns every problem found (empty = valid).
 * @example validateScheme(DEFAULT_SCHEME, { expectedLineTotals: DEFAULT_LINE_TOTALS }) // []
 */
export function validateScheme(scheme: Scheme, opts: ValidateOptions = {}): Problem[] {
  return schemeProblems(scheme, opts).map(({ at: _at, ...p }) => p);
}

/** `validateScheme` with the place of each problem (what `readScheme` turns into a cell). */
export function schemeProblems(scheme: Scheme, opts: ValidateOptions = {}): LocatedProblem[] {
  const problems: LocatedProblem[] = [];
  const add = (
    code: string,
    at: LocatedProblem['at'] | undefined,
    zh: string,
    en: string,
    severity: Severity = 'error',
    field: string | undefined = at?.code,
  ) => {
    problems.push({ code, severity, ...(field !== undefined ? { field } : {}), zh, en, ...(at ? { at } : {}) });
  };
  const seen = new Set<string>();
  const claim = (code: string, part: SchemePart) => {
    const at = { part, code, aspect: 'code' as const };
    if (!CODE.test(code)) {
      add('scheme.code-invalid', at, `代码“${code}”无效：只能用字母、数字、点和下划线，以字母开头`, `Code "${code}" is invalid: letters, digits, dots and underscores, starting with a letter`);
    }
    if (seen.has(code)) add('scheme.code-duplicate', at, `代码 ${code} 重复`, `Code ${code} is used more than once`);
    seen.add(code);
  };
  const positive = (n: unknown): boolean => typeof n === 'number' && Number.isFinite(n) && n > 0;
  const finite = (n: unknown): n is number => typeof n === 'number' && Number.isFinite(n);

  const kinds = schemeKinds(scheme);
  const declared = !!(scheme.kinds && scheme.kinds.length > 0);
  const lineKind = new Map<string, UnitKind>();
  for (const k of kinds) for (const l of k.lines) if (!lineKind.has(l)) lineKind.set(l, k);
  /** The classes a kind knows, as keys; null when any label is a class. */
  const classKeys = (k: UnitKind | undefined): Set<string> | null =>
    k?.classes && k.classes.length > 0 ? new Set(k.classes.map((c) => classKey(c.code))) : null;
  const checkClassKeys = (
    keys: readonly string[],
    k: UnitKind | undefined,
    at: NonNullable<LocatedProblem['at']>,
    what: [string, string],
  ) => {
    const known = classKeys(k);
    if (!known) return;
    for (const key of keys)
      if (!known.has(key))
        add('scheme.class-unknown', at, `${at.code} 的${what[0]}写了类别“${key}”，但${k?.labelZh ?? ''}没有这个类别（有：${[...known].join('、')}）`, `${at.code}: ${what[1]} names class "${key}", which ${k?.labelEn ?? 'the kind'} does not have (it has ${[...known].join(', ')})`);
  };
  const checkTarget = (code: string, part: SchemePart, t: TargetSpec, k: UnitKind | undefined) => {
    if (t.value !== null && !finite(t.value)) add('scheme.target-invalid', { part, code, aspect: 'target' }, `${code} 的目标值无效`, `${code}: target is not a number`);
    const byClass = t.byClass ?? {};
    checkClassKeys(Object.keys(byClass), k, { part, code, aspect: 'classTargets' }, ['分类目标', 'targets by class']);
    for (const [c, v] of Object.entries(byClass)) if (!finite(v)) add('scheme.target-invalid', { part, code, aspect: 'classTargets' }, `${code} 的${classLabel(k, c).zh}目标无效`, `${code}: target for ${classLabel(k, c).en} is not a number`);
    for (const [u, v] of Object.entries(t.byUnit ?? {})) if (!finite(v)) add('scheme.target-invalid', { part: 'target', code, owner: u, aspect: 'target' }, `${code} 对 ${u} 的目标无效`, `${code}: target for ${u} is not a number`);
    const known = classKeys(k);
    if (t.value === null && !t.byUnit && t.byClass && known) {
      const missing = [...known].filter((c) => !(c in byClass));
      const named = missing.map((c) => classLabel(k, c));
      if (missing.length > 0)
        add('scheme.target-partial', { part, code, aspect: 'classTargets' }, `${code} 的分类目标没有写类别 ${named.map((n) => n.zh).join('、')}：这些类别的单位须在台账 ${code}T 列填写目标`, `${code}: targets by class leave out ${named.map((n) => n.en).join(', ')}; units of those classes need a target in the ledger's ${code}T column`, 'warning');
    }
  };
  const dirOk = (d: unknown) => d === '>=' || d === '<=';
  const unitOk = (u: unknown) => u === undefined || u === '%' || u === '‰';

  // Classes of every kind of the scheme.
  if (declared) {
    const kindCodes = new Set<string>();
    const roles = new Map<string, string>();
    for (const k of kinds) {
      const at = { part: 'kind' as const, code: k.code, aspect: 'code' as const };
      if (!CODE.test(k.code)) add('scheme.code-invalid', at, `单位类型代码“${k.code}”无效：只能用字母、数字、点和下划线，以字母开头`, `Unit kind code "${k.code}" is invalid: letters, digits, dots and underscores, starting with a letter`);
      if (kindCodes.has(k.code)) add('scheme.code-duplicate', at, `单位类型 ${k.code} 重复`, `Unit kind ${k.code} appears twice`);
      kindCodes.add(k.code);
      if (k.role !== 'unit' && k.role !== 'department') add('scheme.kind-role', { ...at, aspect: 'owner' }, `单位类型 ${k.code} 的所属应为 单位 或 部门`, `Unit kind ${k.code} must belong to units or departments`);
      else if (roles.has(k.role))
        add('scheme.kind-role-twice', { ...at, aspect: 'owner' }, `单位类型 ${k.code} 与 ${roles.get(k.role)} 同为${k.role === 'unit' ? '单位' : '部门'}：考核助手每个工作簿只评一类单位和一类部门`, `Unit kinds ${roles.get(k.role)} and ${k.code} are both ${k.role === 'unit' ? 'units' : 'departments'}: Kaohe ranks one kind of unit and one kind of department per workbook`);
      else roles.set(k.role, k.code);
      if (!k.sheet || k.sheet.trim() === '') add('scheme.kind-sheet', { ...at, aspect: 'code' }, `单位类型 ${k.code} 没有台账表`, `Unit kind ${k.code} has no ledger sheet`);
      for (const l of k.lines)
        if (!scheme.lines.some((x) => x.code === l)) add('scheme.kind-line-unknown', at, `单位类型 ${k.code} 的考核线 ${l} 不存在`, `Unit kind ${k.code}: line ${l} does not exist`);
      const total = k.total;
      if (total?.bonusCap !== undefined && !(finite(total.bonusCap) && total.bonusCap >= 0)) add('scheme.cap-invalid', { ...at, aspect: 'cap' }, `单位类型 ${k.code} 的加分上限 ${total.bonusCap} 无效：应为不小于 0 的数`, `Unit kind ${k.code}: bonus cap ${total.bonusCap} must be a number ≥ 0`);
      if (total?.weights) {
        const w = total.weights;
        for (const l of k.lines)
          if (!(l in w)) add('scheme.weight-missing', { part: 'line', code: l, aspect: 'weight' }, `考核线 ${l} 没有权重：${k.labelZh}（${k.code}）按权重合计，每条线都要写权重`, `Line ${l} has no weight: ${k.labelEn} (${k.code}) is weighted, so every line needs one`);
        for (const [l, v] of Object.entries(w)) {
          if (!k.lines.includes(l)) add('scheme.weight-line', at, `${k.code} 的权重写了不属于它的考核线 ${l}`, `${k.code} weighs line ${l}, which is not one of its lines`);
          else if (!positive(v) || v > 1) add('scheme.weight-invalid', { part: 'line', code: l, aspect: 'weight' }, `考核线 ${l} 的权重 ${v} 无效：应在 0 与 1 之间（或百分数）`, `Line ${l}: weight ${v} must be between 0 and 1 (or a percentage)`);
        }
        const sum = Object.values(w).reduce((s, v) => s + (finite(v) ? v : 0), 0);
        if (Math.abs(sum - 1) > 1e-9)
          add('scheme.weight-sum', { ...at, aspect: 'mode' }, `${k.labelZh}（${k.code}）各线权重之和为 ${roundScore(sum)}，应为 1（或 100%）`, `${k.labelEn} (${k.code}): the weights of its lines sum to ${roundScore(sum)}, not 1 (or 100 %)`);
      }
      if (k.unassessed !== undefined && k.unassessed !== 'prorate' && k.unassessed !== 'drop') add('scheme.unassessed-invalid', { ...at, aspect: 'code' }, `单位类型 ${k.code} 的未考核项规则无效`, `Unit kind ${k.code}: unassessed rule is invalid`);
      const names = new Map<string, string>();
      const classCodes = new Set<string>();
      for (const c of k.classes ?? []) {
        const key = classKey(c.code);
        const cat = { part: 'class' as const, code: key, owner: k.code, aspect: 'code' as const };
        if (key.trim() === '' || CLASS_SEPARATORS.test(key)) add('scheme.class-code', cat, `类别“${key}”无效：不能为空，也不能含有 : 、 , ;`, `Class "${key}" is invalid: it cannot be blank or contain : 、 , ;`);
        if (classCodes.has(key)) add('scheme.code-duplicate', cat, `${k.code} 的类别 ${key} 重复`, `Class ${key} of ${k.code} appears twice`);
        classCodes.add(key);
        for (const name of [key, c.labelZh, c.labelEn, ...c.aliases]) {
          const n = name.normalize('NFKC').replace(/\s+/g, ' ').trim().toLowerCase();
          if (n === '') continue;
          if (CLASS_SEPARATORS.test(n)) add('scheme.class-code', { ...cat, aspect: 'aliases' }, `类别 ${key} 的名称“${name}”不能含有 : 、 , ;`, `Class ${key}: name "${name}" cannot contain : 、 , ;`);
          const other = names.get(n);
          if (other !== undefined && other !== key) add('scheme.class-alias', { ...cat, aspect: 'aliases' }, `“${name}”既指类别 ${other} 又指类别 ${key}`, `"${name}" names both class ${other} and class ${key}`);
          names.set(n, key);
        }
      }
    }
    for (const l of scheme.lines) {
      const owners = kinds.filter((k) => k.lines.includes(l.code));
      if (owners.length === 0) add('scheme.line-no-kind', { part: 'line', code: l.code, aspect: 'owner' }, `考核线 ${l.code} 不属于任何单位类型`, `Line ${l.code} belongs to no unit kind`);
      if (owners.length > 1) add('scheme.line-two-kinds', { part: 'line', code: l.code, aspect: 'owner' }, `考核线 ${l.code} 同时属于 ${owners.map((k) => k.code).join('、')}`, `Line ${l.code} belongs to ${owners.map((k) => k.code).join(' and ')}`);
    }
  }
  for (const k of kinds)
    if (k.lines.length === 0) {
      const first = scheme.lines[0];
      const at = declared
        ? { part: 'kind' as const, code: k.code, aspect: 'code' as const }
        : first
          ? { part: 'line' as const, code: first.code, aspect: 'code' as const }
          : undefined;
      const zhWhy = declared ? `没有一条考核线的所属是 ${k.code}` : '方案只有部门线 D，乡镇没有考核线';
      const enWhy = declared ? `no line belongs to ${k.code}` : 'the scheme has only the department line D, none for the towns';
      add('scheme.kind-no-line', at, `${k.labelZh}（${k.code}）没有考核线（${zhWhy}），每个单位都会无分可评`, `${k.labelEn} (${k.code}) has no line (${enWhy}): it would leave every unit unscored`, 'error', k.code);
    }

  const checkItemPoints = (it: SchemeItem, k: UnitKind | undefined) => {
    const at = { part: 'item' as const, code: it.code, aspect: 'points' as const };
    if (!positive(it.points)) {
      add('scheme.points-invalid', at, `${it.code} 的分值 ${it.points} 无效：应为正数`, `${it.code}: points ${it.points} must be a positive number`);
      return false;
    }
    if (it.classPoints) {
      checkClassKeys(Object.keys(it.classPoints), k, { ...at, aspect: 'classPoints' }, ['分类分值', 'points by class']);
      for (const [c, v] of Object.entries(it.classPoints))
        if (v !== null && !positive(v)) add('scheme.points-invalid', { ...at, aspect: 'classPoints' }, `${it.code} 的${classLabel(k, c).zh}分值 ${v} 无效：应为正数或“不考核”`, `${it.code}: points ${v} for ${classLabel(k, c).en} must be positive or "not assessed"`);
    }
    return true;
  };
  /** Classes to check sums for: the kind's, or any key a per-class value names. */
  const classesOf = (k: UnitKind | undefined, items: readonly SchemeItem[]): string[] => {
    const known = classKeys(k);
    if (known) return [...known];
    const keys = new Set<string>();
    const walk = (list: readonly SchemeItem[]) => {
      for (const it of list) {
        for (const c of Object.keys(it.classPoints ?? {})) keys.add(c);
        walk(it.children ?? []);
      }
    };
    walk(items);
    return [...keys];
  };
  const checkRule = (it: SchemeItem, k: UnitKind | undefined, leaf: boolean) => {
    const r = it.rule;
    if (!r) return;
    const at = (aspect: SchemeAspect) => ({ part: 'item' as const, code: it.code, aspect });
    if (!leaf) add('scheme.rule-parent', at('mode'), `${it.code} 有子项，不能有计分方式（由子项相加）`, `${it.code} has children: it cannot have a scoring rule (its children add up)`);
    switch (r.kind) {
      case 'entered':
        return;
      case 'cases':
        if (!positive(r.each)) add('scheme.rule-each', at('perPoint'), `${it.code} 按次扣分的每次扣分 ${String(r.each)} 无效：应为正数`, `${it.code}: points per case ${String(r.each)} must be positive`);
        return;
      case 'target':
      case 'proportion':
        if (!dirOk(r.direction)) add('scheme.rule-direction', at('direction'), `${it.code} 的方向“${String(r.direction)}”无效，应为 >= 或 <=`, `${it.code}: direction "${String(r.direction)}" must be >= or <=`);
        if (!unitOk(r.unit)) add('scheme.rule-unit', at('unit'), `${it.code} 的计量单位“${String(r.unit)}”无效，应为 % 或 ‰`, `${it.code}: unit "${String(r.unit)}" must be % or ‰`);
        if (r.kind === 'target' && !positive(r.perPoint)) add('scheme.rule-per-point', at('perPoint'), `${it.code} 达标扣分的扣分标准 ${String(r.perPoint)} 无效：应为正数（每差 1 个百分点扣几分）`, `${it.code}: points lost per point short ${String(r.perPoint)} must be positive`);
        checkTarget(it.code, 'item', r.target, k);
        return;
      default:
        add('scheme.rule-kind', at('mode'), `${it.code} 的计分方式“${String((r as { kind: unknown }).kind)}”无效`, `${it.code}: scoring rule "${String((r as { kind: unknown }).kind)}" is invalid`);
    }
  };
  const sumFor = (items: readonly SchemeItem[], cls: string | undefined) => {
    let sum = 0;
    let unassessed = false;
    for (const c of items) {
      if (c.extra) continue;
      const p = cls === undefined ? c.points : itemPoints(c, cls);
      if (p === null) unassessed = true;
      else sum += p;
    }
    return { sum: roundScore(sum), unassessed };
  };
  const walk = (items: readonly SchemeItem[], k: UnitKind | undefined, classes: readonly string[]) => {
    for (const it of items) {
      claim(it.code, 'item');
      const ok = checkItemPoints(it, k);
      const kids = it.children ?? [];
      checkRule(it, k, kids.length === 0);
      if (kids.length > 0) {
        walk(kids, k, classes);
        const { sum } = sumFor(kids, undefined);
        if (ok && sum !== roundScore(it.points)) {
          add('scheme.parent-sum', { part: 'item', code: it.code, aspect: 'points' }, `${it.code} 的分值 ${it.points} 不等于其子项之和 ${sum}`, `${it.code}: points ${it.points} differ from the sum of its children ${sum}`);
        }
        for (const [c, v] of Object.entries(it.classPoints ?? {})) {
          if (v === null || !ok) continue;
          const s = sumFor(kids, c).sum;
          if (s !== roundScore(v))
            add('scheme.parent-sum', { part: 'item', code: it.code, aspect: 'classPoints' }, `${it.code} 对${classLabel(k, c).zh}的分值 ${v} 不等于其子项（${classLabel(k, c).zh}）之和 ${s}`, `${it.code}: points ${v} for ${classLabel(k, c).en} differ from the sum of its children for that class, ${s}`);
        }
      }
    }
  };
  if (scheme.lines.length === 0) add('scheme.no-lines', undefined, '方案没有任何考核线', 'The scheme has no lines');
  const lineCodes = new Set<string>();
  for (const line of scheme.lines) {
    const lat = (aspect: SchemeAspect) => ({ part: 'line' as const, code: line.code, aspect });
    if (lineCodes.has(line.code)) add('scheme.line-duplicate', lat('code'), `考核线 ${line.code} 重复`, `Line ${line.code} appears twice`);
    else claim(line.code, 'line');
    lineCodes.add(line.code);
    const k = lineKind.get(line.code);
    if (line.items.length === 0) add('scheme.line-empty', lat('code'), `考核线 ${line.code} 没有指标`, `Line ${line.code} has no items`);
    const classes = classesOf(k, line.items);
    walk(line.items, k, classes);
    checkLineSums(line, classes, lat('points'));
    const expected = opts.expectedLineTotals?.[line.code];
    if (expected !== undefined && roundScore(line.points) !== expected) {
      add('scheme.line-total', lat('points'), `${line.labelZh}（${line.code}）总分应为 ${expected}，实为 ${line.points}`, `Line ${line.code} must total ${expected}, not ${line.points}`);
    }
  }
  function checkLineSums(line: SchemeLine, classes: readonly string[], at: NonNullable<LocatedProblem['at']>) {
    const { sum } = sumFor(line.items, undefined);
    if (sum !== roundScore(line.points)) {
      add('scheme.line-sum', at, `${line.labelZh}（${line.code}）总分 ${line.points} 不等于各指标之和 ${sum}`, `Line ${line.code}: total ${line.points} differs from the sum of its items ${sum}`);
      return;
    }
    for (const c of classes) {
      const s = sumFor(line.items, c);
      // With an item not assessed the line is prorated (or dropped to fewer points): no sum to match.
      const named = classLabel(lineKind.get(line.code), c);
      if (!s.unassessed && s.sum !== roundScore(line.points))
        add('scheme.line-sum', at, `${line.labelZh}（${line.code}）对${named.zh}各指标之和为 ${s.sum}，不等于总分 ${line.points}`, `Line ${line.code}: for ${named.en} its items sum to ${s.sum}, not its total ${line.points}`);
    }
  }
  if (opts.expectedLineTotals) {
    for (const code of Object.keys(opts.expectedLineTotals)) {
      if (!lineCodes.has(code)) add('scheme.line-missing', undefined, `缺少考核线 ${code}`, `Line ${code} is missing`, 'error', code);
    }
  }
  const itemCodes = new Set([...seen].filter((c) => !lineCodes.has(c)));
  const unit = kinds.find((k) => k.role === 'unit');
  for (const veto of scheme.vetoes) {
    claim(veto.code, 'veto');
    const at = (aspect: SchemeAspect) => ({ part: 'veto' as const, code: veto.code, aspect });
    // A veto that takes the unit out needs only its figure (document 5's district targets); one
    // that scores items 0 must name them.
    if (veto.indicators.length === 0 && veto.effect === 'zero') add('scheme.veto-no-indicator', at('indicators'), `否决项 ${veto.code} 记零分，但未指明对哪些指标记零分（否决指标）`, `Veto ${veto.code} scores items 0 but names none (否决指标)`);
    if (!unit) add('scheme.veto-no-unit-kind', at('code'), `否决项 ${veto.code} 无处可用：方案没有“单位”类的单位类型`, `Veto ${veto.code} has nothing to decide: the scheme has no unit kind of role unit`);
    for (const ind of veto.indicators) {
      if (!itemCodes.has(ind)) add('scheme.veto-unknown-indicator', at('indicators'), `否决项 ${veto.code} 指向不存在的指标 ${ind}`, `Veto ${veto.code} points at ${ind}, which is not in the scheme`);
      else if (unit && !unit.lines.some((l) => itemIn(scheme, l, ind)))
        add('scheme.veto-indicator-kind', at('indicators'), `否决项 ${veto.code} 指向的指标 ${ind} 不在${unit.labelZh}（${unit.code}）的考核线上`, `Veto ${veto.code} points at ${ind}, which is not on a line of ${unit.labelEn} (${unit.code})`);
    }
    if (!dirOk(veto.direction)) add('scheme.veto-direction', at('direction'), `否决项 ${veto.code} 的方向“${String(veto.direction)}”无效`, `Veto ${veto.code}: direction "${String(veto.direction)}" is invalid`);
    if (!unitOk(veto.unit)) add('scheme.veto-unit', at('unit'), `否决项 ${veto.code} 的计量单位“${String(veto.unit)}”无效，应为 % 或 ‰`, `Veto ${veto.code}: unit "${String(veto.unit)}" must be % or ‰`);
    if (veto.effect !== undefined && veto.effect !== 'exclude' && veto.effect !== 'zero') add('scheme.veto-effect', at('effect'), `否决项 ${veto.code} 的否决效果无效`, `Veto ${veto.code}: effect is invalid`);
    checkTarget(veto.code, 'veto', { value: veto.defaultTarget, ...(veto.targetsByClass ? { byClass: veto.targetsByClass } : {}), ...(veto.targetsByUnit ? { byUnit: veto.targetsByUnit } : {}) }, unit);
  }
  for (const rule of scheme.adjustments) {
    const at = { part: 'rule' as const, code: rule.code, aspect: 'code' as const };
    if (rule.kind !== 'bonus' && rule.kind !== 'deduction') add('scheme.adjustment-kind', at, `${rule.code} 应为加分或扣分`, `${rule.code} must be a bonus or a deduction`);
    if (rule.inputs.length === 0) add('scheme.adjustment-no-input', at, `${rule.code} 没有录入项：请加一行类型“输入”、所属 ${rule.code}，写明分值和计分方式（次数或分值）`, `${rule.code} has no inputs: add a row of type 输入 (input) with 所属 ${rule.code}, its points and its mode (count or points)`);
    for (const input of rule.inputs) {
      claim(input.code, 'input');
      const iat = (aspect: SchemeAspect) => ({ part: 'input' as const, code: input.code, aspect });
      if (input.mode === 'count' && !(input.pointsEach !== undefined && positive(input.pointsEach))) {
        add('scheme.adjustment-points', iat('points'), `${input.code} 每次分值无效`, `${input.code}: points per event must be positive`);
      }
      if (input.mode === 'points') {
        const min = input.minEach ?? 0;
        const max = input.maxEach ?? Infinity;
        if (!(min >= 0 && max >= min)) add('scheme.adjustment-range', iat('points'), `${input.code} 分值范围无效`, `${input.code}: range is invalid`);
      }
      if (input.subsetOf !== undefined && !rule.inputs.some((i) => i.code === input.subsetOf)) {
        add('scheme.adjustment-subset', iat('code'), `${input.code} 所属的 ${input.subsetOf} 不存在`, `${input.code}: ${input.subsetOf} does not exist in ${rule.code}`);
      }
    }
    // A rule may share its code with one of its inputs (B1 → B1, X5 → X5); claim it only once.
    if (!rule.inputs.some((i) => i.code === rule.code)) claim(rule.code, 'rule');
  }
  const f = scheme.flags;
  if (f) {
    const whole = (n: unknown) => typeof n === 'number' && Number.isInteger(n) && n >= 0;
    if (!whole(f.topN)) add('scheme.flag-count', { part: 'flag', code: 'top', aspect: 'quota' }, `一票优先的名额 ${f.topN} 无效：应为不小于 0 的整数`, `Top-place count ${f.topN} must be a whole number ≥ 0`);
    if (!whole(f.bottomN)) add('scheme.flag-count', { part: 'flag', code: 'bottom', aspect: 'quota' }, `黄牌警告的名额 ${f.bottomN} 无效：应为不小于 0 的整数`, `Yellow-card count ${f.bottomN} must be a whole number ≥ 0`);
  }
  return problems;
}

function itemIn(scheme: Scheme, line: string, code: string): boolean {
  const l = scheme.lines.find((x) => x.code === line);
  const has = (items: readonly SchemeItem[]): boolean => items.some((i) => i.code === code || has(i.children ?? []));
  return !!l && has(l.items);
}
