/**
 * Cross-source rules from the 核查规则 sheet, in the manner of DHIS2 validation rules. Each row:
 *
 *   A 左式 | B 运算符 | C 右式 | D 容差 | E 级别 | F 说明
 *
 * e.g. `BIRTHS_BUREAU | = | BIRTHS_HEALTH | 5% | 错误 | 计生与卫生出生数应一致`. Row 1 is a header when
 * its B cell is not an operator. A rule may also be written whole in column A
 * (`BIRTHS_BUREAU = BIRTHS_HEALTH ± 5%`).
 *
 * Semantics, with tolerance t (absolute, or `p%` of the larger magnitude of the two sides, so a
 * rule reads the same either way round): `=` |L−R| ≤ t; `!=` |L−R| > t; `<` L < R+t; `<=` L ≤ R+t;
 * `>` L > R−t; `>=` L ≥ R−t. A town with a blank input to the rule is skipped (DHIS2's
 * "skip if any value missing"); a non-number or a zero divisor is reported.
 */
import type { CellValue, Finding, LedgerUnit, WorkbookGrid } from '../ledger/types';
import { findHeaderRow } from '../ledger/header';
import { SHEETS } from '../ledger/types';
import type { Severity } from '../types';
import { evaluate, expressionCodes, ExpressionError, normaliseExpression, parseExpression, type Expr } from './expression';
import { finding, where } from './finding';
import { fmt } from './numbers';
import { findSheet, type CellRead, type TownTable } from './table';
import { normaliseNumberText, numberError, readCellNumber } from '../score/parseNumber';

export type Operator = '=' | '!=' | '<' | '<=' | '>' | '>=';

export interface CheckRule {
  /** 1-based row on the 核查规则 sheet. */
  readonly row: number;
  readonly left: Expr;
  readonly right: Expr;
  readonly leftText: string;
  readonly rightText: string;
  readonly op: Operator;
  /** Absolute tolerance, or a relative one (0.05 for `5%`). */
  readonly tolerance: { readonly kind: 'abs' | 'rel'; readonly value: number };
  readonly severity: Severity;
  readonly message: string;
}

const OPERATORS: Readonly<Record<string, Operator>> = {
  '=': '=',
  '==': '=',
  '!=': '!=',
  '<>': '!=',
  '≠': '!=',
  '<': '<',
  '<=': '<=',
  '≤': '<=',
  '>': '>',
  '>=': '>=',
  '≥': '>=',
};

/** Reads an operator cell (`=`, `==`, `!=`, `<>`, `≠`, `<`, `<=`, `≤`, `>`, `>=`, `≥`, full-width too). */
export function parseOperator(cell: CellValue | undefined): Operator | null {
  if (typeof cell !== 'string') return null;
  return OPERATORS[cell.normalize('NFKC').replace(/\s/g, '')] ?? null;
}

/** Reads a tolerance: blank = 0, `5` absolute, `5%` relative; null when unreadable or negative. */
export function parseTolerance(cell: CellValue | undefined): CheckRule['tolerance'] | null {
  if (cell === null || cell === undefined || cell === '') return { kind: 'abs', value: 0 };
  if (typeof cell === 'number') return cell >= 0 ? { kind: 'abs', value: cell } : null;
  if (typeof cell !== 'string') return null;
  const n = readCellNumber(normaliseNumberText(cell).replace(/^(±|\+-)/, ''));
  if (n.kind !== 'number' || n.value < 0 || n.sign === '‰') return null;
  return n.sign === '%' ? { kind: 'rel', value: n.value / 100 } : { kind: 'abs', value: n.value };
}

/** Reads a severity cell: 错误/error (default when blank) or 警告/warning; null when unreadable. */
export function parseSeverity(cell: CellValue | undefined): Severity | null {
  if (cell === null || cell === undefined || cell === '') return 'error';
  const text = String(cell).normalize('NFKC').trim().toLowerCase();
  if (['错误', 'error', '错', 'e'].includes(text)) return 'error';
  if (['警告', 'warning', 'warn', '警', 'w'].includes(text)) return 'warning';
  return null;
}

const WHOLE_RULE = /^(.*?)(==|!=|<>|<=|>=|≠|≤|≥|=|<|>)(.*?)(?:(?:±|\+-)(.*))?$/;

/** Whether a rule holds for two values (see the module comment for the semantics). */
export function holds(op: Operator, left: number, right: number, tolerance: CheckRule['tolerance']): boolean {
  const t = tolerance.kind === 'abs' ? tolerance.value : tolerance.value * Math.max(Math.abs(left), Math.abs(right));
  // Rounding noise in the figures (0.1 + 0.2) must not break an exact rule.
  const eps = 1e-9 * Math.max(1, Math.abs(left), Math.abs(right));
  const d = left - right;
  switch (op) {
    case '=':
      return Math.abs(d) <= t + eps;
    case '!=':
      return Math.abs(d) > t + eps;
    case '<':
      return d < t;
    case '<=':
      return d <= t + eps;
    case '>':
      return d > -t;
    case '>=':
      return d >= -t - eps;
  }
}

/** A header cell of the 核查规则 sheet: 左式 运算符 右式 容差 级别 说明, or their English names. */
const RULE_HEADER_CELL = /^(左式|运算符|右式|容差|级别|说明|left|operator|right|tolerance|severity|message)(?![A-Za-z0-9_.])/i;

/** True for the 核查规则 header row: it names a column, and is not itself a rule (no operator in B). */
export function isRuleHeader(cells: readonly CellValue[]): boolean {
  return parseOperator(cells[1]) === null && cells.some((c) => typeof c === 'string' && RULE_HEADER_CELL.test(c.normalize('NFKC').trim()));
}

export interface ParsedRules {
  readonly rules: readonly CheckRule[];
  readonly findings: readonly Finding[];
}

const text = (v: CellValue | undefined): string => (v === null || v === undefined ? '' : String(v).trim());

/**
 * Parses the 核查规则 sheet; a malformed row becomes an error finding at its cell and is not run.
 * Codes are checked against the town table so that a typo is named once, not once per town.
 */
export function parseRuleSheet(workbook: WorkbookGrid, table: TownTable): ParsedRules {
  const sheet = findSheet(workbook, SHEETS.rules);
  if (!sheet) return { rules: [], findings: [] };
  const rules: CheckRule[] = [];
  const findings: Finding[] = [];
  const S = SHEETS.rules;
  // The header names the columns; title rows above it are not rules.
  const headerRow = findHeaderRow(sheet, isRuleHeader);
  sheet.values.forEach((cells, r) => {
    const row = r + 1;
    const a = text(cells[0]);
    const bCell = cells[1];
    if (r <= headerRow) return;
    // Without a header naming the columns, row 1 is a header unless it is itself a rule (an
    // operator in B, or a whole rule in A).
    if (headerRow < 0 && r === 0 && parseOperator(bCell) === null && !(text(bCell) === '' && /[=<>≠≤≥]/.test(a) && !/左式|left/i.test(a))) return;
    if (cells.every((c) => text(c) === '')) return;
    let leftText = a;
    let rightText = text(cells[2]);
    let opCell: CellValue | undefined = bCell;
    let tolCell: CellValue | undefined = cells[3];
    let tolAt = 'D';
    if (text(bCell) === '' && rightText === '') {
      // The whole rule written in A: `L op R ± tol`.
      const m = WHOLE_RULE.exec(normaliseExpression(a));
      if (m) {
        leftText = (m[1] ?? '').trim();
        opCell = m[2];
        rightText = (m[3] ?? '').trim();
        if (m[4] !== undefined) {
          tolCell = m[4].trim();
          tolAt = 'A';
        }
      } else {
        findings.push(finding('error', 'rule.malformed', S, `A${row}`, `核查规则第 ${row} 行缺少运算符（= != < <= > >=）：“${a}”`, `check rule on row ${row} has no operator (= != < <= > >=): "${a}"`));
        return;
      }
    }
    const op = parseOperator(opCell);
    if (op === null) {
      findings.push(finding('error', 'rule.malformed', S, `B${row}`, `核查规则第 ${row} 行的运算符“${text(opCell)}”无效，应为 = != < <= > >= 之一`, `check rule on row ${row}: operator "${text(opCell)}" is not one of = != < <= > >=`));
      return;
    }
    const parsed: Expr[] = [];
    for (const [src, col, side] of [
      [leftText, 'A', '左式'],
      [rightText, 'C', '右式'],
    ] as const) {
      try {
        parsed.push(parseExpression(src));
      } catch (e) {
        if (!(e instanceof ExpressionError)) throw e;
        const at = text(bCell) === '' && col === 'C' ? 'A' : col;
        findings.push(finding('error', 'rule.malformed', S, `${at}${row}`, `核查规则第 ${row} 行${side}“${src}”无法解析：${e.zh}`, `check rule on row ${row}: the ${side === '左式' ? 'left' : 'right'} expression "${src}" cannot be parsed: ${e.en}`));
        return;
      }
    }
    const [left, right] = parsed as [Expr, Expr];
    const unknown = [...expressionCodes(left), ...expressionCodes(right)].filter((c) => !table.has(c));
    if (unknown.length > 0) {
      const list = unknown.join(', ');
      findings.push(
        finding('error', 'rule.unknown-code', S, `${expressionCodes(left).some((c) => unknown.includes(c)) || text(bCell) === '' ? 'A' : 'C'}${row}`, `核查规则第 ${row} 行引用的代码 ${list} 在“${table.sheet}”表头中不存在`, `check rule on row ${row} refers to ${list}, which no column header of "${table.sheet}" starts with`, { code: unknown[0] }),
      );
      return;
    }
    const tolerance = parseTolerance(tolCell);
    if (tolerance === null) {
      findings.push(finding('error', 'rule.malformed', S, `${tolAt}${row}`, `核查规则第 ${row} 行的容差“${text(tolCell)}”无效，应为非负数（如 10）或百分比（如 5%）`, `check rule on row ${row}: tolerance "${text(tolCell)}" is not a non-negative number (10) or percentage (5%)`));
      return;
    }
    const severity = parseSeverity(cells[4]);
    if (severity === null) {
      findings.push(finding('error', 'rule.malformed', S, `E${row}`, `核查规则第 ${row} 行的级别“${text(cells[4])}”无效，应为“错误”或“警告”`, `check rule on row ${row}: severity "${text(cells[4])}" is not 错误/error or 警告/warning`));
      return;
    }
    rules.push({ row, left, right, leftText, rightText, op, tolerance, severity, message: text(cells[5]) });
  });
  return { rules, findings };
}

const OP_TEXT: Readonly<Record<Operator, string>> = { '=': '=', '!=': '≠', '<': '<', '<=': '≤', '>': '>', '>=': '≥' };

/** Runs parsed rules over every town: O(rules × towns × expression size). */
export function runRules(rules: readonly CheckRule[], table: TownTable): Finding[] {
  const out: Finding[] = [];
  for (const rule of rules) {
    const codes = [...expressionCodes(rule.left), ...expressionCodes(rule.right)];
    const first = codes[0];
    const ruleAt = where(SHEETS.rules, `A${rule.row}`);
    const tolText = rule.tolerance.value === 0 ? '' : rule.tolerance.kind === 'rel' ? `±${fmt(rule.tolerance.value * 100)}%` : `±${fmt(rule.tolerance.value)}`;
    const ruleText = `${rule.leftText} ${OP_TEXT[rule.op]} ${rule.rightText}${tolText ? ' ' + tolText : ''}`;
    const columns = new Map(codes.map((c) => [c, table.values(c)] as const));
    const checkText = codes.filter((c) => !table.columns.get(c)?.known);
    const firstColumn = first ? table.values(first) : null;
    for (let i = 0; i < table.units.length; i++) {
      const unit = table.units[i] as LedgerUnit;
      const name = unit.input.unit;
      let bad: { code: string; cell: string | null; raw: unknown; problem: CellRead['problem'] } | null = null;
      for (const code of checkText) {
        const r = columns.get(code)?.[i];
        if (r?.bad) {
          bad = { code, cell: r.cell, raw: r.raw, problem: r.problem };
          break;
        }
      }
      const firstCell = firstColumn?.[i]?.cell ?? null;
      if (bad?.problem && (bad.problem.kind !== 'bad' || bad.problem.code === 'value.decimal-comma')) {
        const e = numberError(bad.problem, bad.raw);
        out.push(finding('error', e.code, table.sheet, bad.cell, `${name} 的 ${bad.code}：${e.zh}，核查规则（${ruleAt}）无法计算`, `${name}: ${bad.code}: ${e.en}; the check rule at ${ruleAt} cannot be evaluated`, { code: bad.code, unit: name }));
        continue;
      }
      if (bad) {
        out.push(finding('error', 'value.not-number', table.sheet, bad.cell, `${name} 的 ${bad.code}“${String(bad.raw)}”不是数字，核查规则（${ruleAt}）无法计算`, `${name}: ${bad.code} "${String(bad.raw)}" is not a number, so the check rule at ${ruleAt} cannot be evaluated`, { code: bad.code, unit: name }));
        continue;
      }
      const lookup = (c: string): number | null => columns.get(c)?.[i]?.value ?? null;
      const l = evaluate(rule.left, lookup);
      const r = evaluate(rule.right, lookup);
      if ((!l.ok && l.reason === 'div0') || (!r.ok && r.reason === 'div0')) {
        out.push(finding('warning', 'rule.division-by-zero', table.sheet, firstCell, `${name}：核查规则 ${ruleText}（${ruleAt}）中除数为 0，无法核查`, `${name}: the check rule ${ruleText} (${ruleAt}) divides by zero and cannot be checked`, { code: first, unit: name }));
        continue;
      }
      if (!l.ok || !r.ok) continue;
      if (holds(rule.op, l.value, r.value, rule.tolerance)) continue;
      const diff = l.value - r.value;
      const base = Math.max(Math.abs(l.value), Math.abs(r.value));
      const pct = base > 0 ? ` (${fmt((Math.abs(diff) / base) * 100)}%)` : '';
      const msgZh = rule.message ? `${rule.message}：` : '';
      const msgEn = rule.message ? `${rule.message}: ` : '';
      out.push(
        finding(
          rule.severity,
          'rule.violated',
          table.sheet,
          firstCell,
          `${msgZh}${name} 不满足核查规则 ${ruleText}（${ruleAt}）：左式 = ${fmt(l.value)}，右式 = ${fmt(r.value)}，相差 ${fmt(Math.abs(diff))}${pct}`,
          `${msgEn}${name} fails the check rule ${ruleText} (${ruleAt}): left = ${fmt(l.value)}, right = ${fmt(r.value)}, difference ${fmt(Math.abs(diff))}${pct}`,
          { code: first, unit: name },
        ),
      );
    }
  }
  return out;
}
