import type { Problem, Scheme, SchemeItem } from '../types';
import { roundScore } from '../score/parseNumber';

const CODE = /^[A-Za-z][A-Za-z0-9_.]*$/;

function problem(code: string, field: string | undefined, zh: string, en: string): Problem {
  return field === undefined ? { code, severity: 'error', zh, en } : { code, severity: 'error', field, zh, en };
}

/**
 * Checks a scheme before it scores anything: codes well-formed and unique, points positive,
 * each parent equal to the sum of its children, each line equal to the sum of its items (and to
 * `expectedLineTotals` when given, e.g. 370/630/100 for the built-in scheme), every veto pointing
 * at existing items, adjustment rules well-formed. Returns every problem found (empty = valid).
 * @example validateScheme(DEFAULT_SCHEME, { expectedLineTotals: DEFAULT_LINE_TOTALS }) // []
 */
export function validateScheme(scheme: Scheme, opts: { expectedLineTotals?: Readonly<Record<string, number>> } = {}): Problem[] {
  const problems: Problem[] = [];
  const seen = new Set<string>();
  const claim = (code: string) => {
    if (!CODE.test(code)) {
      problems.push(problem('scheme.code-invalid', code, `代码“${code}”无效：只能用字母、数字、点和下划线，以字母开头`, `Code "${code}" is invalid: letters, digits, dots and underscores, starting with a letter`));
    }
    if (seen.has(code)) problems.push(problem('scheme.code-duplicate', code, `代码 ${code} 重复`, `Code ${code} is used more than once`));
    seen.add(code);
  };
  const checkPoints = (code: string, points: number) => {
    if (!Number.isFinite(points) || points <= 0) {
      problems.push(problem('scheme.points-invalid', code, `${code} 的分值 ${points} 无效：应为正数`, `${code}: points ${points} must be a positive number`));
      return false;
    }
    return true;
  };
  const walk = (items: readonly SchemeItem[]) => {
    for (const it of items) {
      claim(it.code);
      const ok = checkPoints(it.code, it.points);
      if (it.children && it.children.length > 0) {
        walk(it.children);
        const sum = roundScore(it.children.reduce((s, c) => s + c.points, 0));
        if (ok && sum !== roundScore(it.points)) {
          problems.push(problem('scheme.parent-sum', it.code, `${it.code} 的分值 ${it.points} 不等于其子项之和 ${sum}`, `${it.code}: points ${it.points} differ from the sum of its children ${sum}`));
        }
      }
    }
  };
  if (scheme.lines.length === 0) problems.push(problem('scheme.no-lines', undefined, '方案没有任何考核线', 'The scheme has no lines'));
  const lineCodes = new Set<string>();
  for (const line of scheme.lines) {
    if (lineCodes.has(line.code)) problems.push(problem('scheme.line-duplicate', line.code, `考核线 ${line.code} 重复`, `Line ${line.code} appears twice`));
    lineCodes.add(line.code);
    if (line.items.length === 0) problems.push(problem('scheme.line-empty', line.code, `考核线 ${line.code} 没有指标`, `Line ${line.code} has no items`));
    walk(line.items);
    const sum = roundScore(line.items.reduce((s, c) => s + c.points, 0));
    if (sum !== roundScore(line.points)) {
      problems.push(problem('scheme.line-sum', line.code, `${line.labelZh}（${line.code}）总分 ${line.points} 不等于各指标之和 ${sum}`, `Line ${line.code}: total ${line.points} differs from the sum of its items ${sum}`));
    }
    const expected = opts.expectedLineTotals?.[line.code];
    if (expected !== undefined && roundScore(line.points) !== expected) {
      problems.push(problem('scheme.line-total', line.code, `${line.labelZh}（${line.code}）总分应为 ${expected}，实为 ${line.points}`, `Line ${line.code} must total ${expected}, not ${line.points}`));
    }
  }
  if (opts.expectedLineTotals) {
    for (const code of Object.keys(opts.expectedLineTotals)) {
      if (!lineCodes.has(code)) problems.push(problem('scheme.line-missing', code, `缺少考核线 ${code}`, `Line ${code} is missing`));
    }
  }
  const itemCodes = new Set(seen);
  for (const veto of scheme.vetoes) {
    claim(veto.code);
    if (veto.indicators.length === 0) problems.push(problem('scheme.veto-no-indicator', veto.code, `否决项 ${veto.code} 未指向任何指标`, `Veto ${veto.code} points at no indicator`));
    for (const ind of veto.indicators) {
      if (!itemCodes.has(ind)) problems.push(problem('scheme.veto-unknown-indicator', veto.code, `否决项 ${veto.code} 指向不存在的指标 ${ind}`, `Veto ${veto.code} points at ${ind}, which is not in the scheme`));
    }
    if (veto.direction !== '>=' && veto.direction !== '<=') problems.push(problem('scheme.veto-direction', veto.code, `否决项 ${veto.code} 的方向“${String(veto.direction)}”无效`, `Veto ${veto.code}: direction "${String(veto.direction)}" is invalid`));
    if (veto.defaultTarget !== null && !Number.isFinite(veto.defaultTarget)) problems.push(problem('scheme.veto-target', veto.code, `否决项 ${veto.code} 的目标值无效`, `Veto ${veto.code}: target is not a number`));
  }
  for (const rule of scheme.adjustments) {
    if (rule.kind !== 'bonus' && rule.kind !== 'deduction') problems.push(problem('scheme.adjustment-kind', rule.code, `${rule.code} 应为加分或扣分`, `${rule.code} must be a bonus or a deduction`));
    if (rule.inputs.length === 0) problems.push(problem('scheme.adjustment-no-input', rule.code, `${rule.code} 没有录入项`, `${rule.code} has no inputs`));
    for (const input of rule.inputs) {
      claim(input.code);
      if (input.mode === 'count' && !(input.pointsEach !== undefined && Number.isFinite(input.pointsEach) && input.pointsEach > 0)) {
        problems.push(problem('scheme.adjustment-points', input.code, `${input.code} 每次分值无效`, `${input.code}: points per event must be positive`));
      }
      if (input.mode === 'points') {
        const min = input.minEach ?? 0;
        const max = input.maxEach ?? Infinity;
        if (!(min >= 0 && max >= min)) problems.push(problem('scheme.adjustment-range', input.code, `${input.code} 分值范围无效`, `${input.code}: range is invalid`));
      }
      if (input.subsetOf !== undefined && !rule.inputs.some((i) => i.code === input.subsetOf)) {
        problems.push(problem('scheme.adjustment-subset', input.code, `${input.code} 所属的 ${input.subsetOf} 不存在`, `${input.code}: ${input.subsetOf} does not exist in ${rule.code}`));
      }
    }
    // A rule may share its code with one of its inputs (B1 → B1, X5 → X5); claim it only once.
    if (!rule.inputs.some((i) => i.code === rule.code)) claim(rule.code);
  }
  return problems;
}
