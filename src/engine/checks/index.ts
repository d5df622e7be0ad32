/**
 * Data checks run before every ranking (issue 5), pure and shared by the CLI (`kaohe check`,
 * `kaohe rank`) and the task pane. The structure of a ledger (columns, names, numbers, score
 * ranges) is checked by `readLedger`; these checks look at the figures themselves:
 *
 * | rule id | severity | what |
 * |---|---|---|
 * | `rate.range` | error | a rate outside 0–100 % (0–1000 ‰) |
 * | `rate.mixed-scale` | error | fractions next to percentages in one rate column (0.97 among 9x) |
 * | `rate.above-one` | warning | a number just above 1 among fractions in a column of the user's own (1.4 among 0.9x); for a veto's figure and target the engine refuses it (`veto.above-one`) |
 * | `rate.permille-scale` | error | a ‰ figure entered as % or as a fraction |
 * | `rate.sign-mismatch` | error | `6‰` typed into a % column |
 * | `rate.target-scale` | error | a target on another scale than its rate |
 * | `rate.num-den` | error | a rate that does not match its `CODE_NUM`/`CODE_DEN` columns |
 * | `rule.violated` | per rule | a 核查规则 row that fails for a town |
 * | `rule.malformed`, `rule.unknown-code` | error | a 核查规则 row that cannot be run |
 * | `rule.division-by-zero` | warning | a rule dividing by zero for a town |
 * | `value.not-number` | error | text in an extra column a rule uses |
 * | `outlier.class` | warning | far from the same class (median/MAD) |
 * | `outlier.jump` | warning | change since the last round far beyond the others' |
 * | `items.no-spread` | warning | one per sheet: the items that separate nobody (all full marks, all the same) |
 *
 * Rate rules look at figures only (veto figures and targets, the user's own % and ‰ columns,
 * `_NUM/_DEN` pairs), never at scored items, which the reader checks against their points.
 *
 * Every rule is linear in the number of towns (sorting for medians aside).
 */
import type { Finding, Ledger, WorkbookGrid } from '../ledger/types';
import { indexScheme } from '../scheme/schemeIndex';
import { checkNumDen } from './builtinRules';
import { analyseItems, itemFindings } from './itemAnalysis';
import { checkClassOutliers, checkJumps, measuredCodes, previousSheet } from './outliers';
import { checkRates, rateColumns } from './rateChecks';
import { parseRuleSheet, runRules } from './ruleSheet';
import { buildTownTable } from './table';

export { analyseItems, buildItemAnalysisSheet, ITEM_MIN_UNITS, type ItemAnalysis, type ItemVerdict } from './itemAnalysis';
export { parseExpression, evaluate, ExpressionError, type Expr, type EvalResult } from './expression';
export { plantCheckErrors, type PlantedProblem, type PlantedWorkbook } from './plantedErrors';

export interface CheckOptions {
  /** The previous round's workbook, for the jump check (else a 上轮台账 sheet in `workbook`). */
  readonly previous?: WorkbookGrid;
}

/**
 * Runs every data check over a ledger read from `workbook` (the same workbook, so the checks can
 * see the user's extra columns and the 核查规则 sheet). Errors block ranking; warnings do not.
 * Does not repeat `ledger.findings` (the reader's structure problems).
 * @example runChecks(ledger, workbook).filter((f) => f.severity === 'error').length // 0 for clean data
 */
export function runChecks(ledger: Ledger, workbook: WorkbookGrid, options: CheckOptions = {}): Finding[] {
  const table = buildTownTable(ledger, workbook);
  const vetoes = ledger.scheme.vetoes;
  const rates = checkRates(table, vetoes);
  const findings: Finding[] = [...rates.findings];
  findings.push(...checkNumDen(table, rateColumns(table, vetoes), rates.flagged));
  const parsed = parseRuleSheet(workbook, table);
  findings.push(...parsed.findings, ...runRules(parsed.rules, table));

  // Outliers leave out cells that already hold an error, the reader's included: one problem,
  // one finding (and a wrong value does not skew its class's median).
  const errorCells = new Set<string>();
  for (const f of [...ledger.findings, ...findings]) if (f.severity === 'error' && f.cell && f.sheet === table.sheet) errorCells.add(f.cell);
  const codes = measuredCodes(table, ledger.scheme);
  const items = indexScheme(ledger.scheme).items;
  const pointsOf = (code: string) => items.get(code)?.item.points;
  findings.push(...checkClassOutliers(table, codes, errorCells, pointsOf));
  findings.push(...checkJumps(table, codes, errorCells, previousSheet(workbook, options.previous), pointsOf));
  findings.push(...itemFindings(ledger, analyseItems(ledger)));
  return findings;
}

const cellKey = (f: Finding): string => `${f.sheet}!${f.cell ?? ''}`;

/**
 * The reader's findings followed by the checks', one finding per cause: a cell the reader (or a
 * built-in check) already reports as an error gets nothing more from a later check (a score above
 * its points is not also an outlier or a rate out of range; the user's 核查规则 rules may each
 * still report a cell). One exception runs the other way: when a check names the odd one out of a
 * veto's figure and target (a fraction among percentages, a target on another scale), it replaces
 * the reader's `veto.scale-mismatch`, which can only name the pair and sits on the figure's cell.
 * @example combineFindings(ledger, runChecks(ledger, workbook)) // what the CLI and the pane list
 */
export function combineFindings(ledger: Ledger, checks: readonly Finding[]): Finding[] {
  const checkErrors = new Set(checks.filter((f) => f.severity === 'error' && f.cell !== null).map(cellKey));
  // A veto figure's cell -> its target's cell on the same row, built only when needed.
  let targetOf: Map<string, string> | null = null;
  const targetCell = (sheet: string, cell: string): string | undefined => {
    if (!targetOf) {
      targetOf = new Map();
      for (const u of ledger.units) {
        for (const v of ledger.scheme.vetoes) {
          const a = u.source.cells[v.code];
          const t = u.source.cells[`${v.code}T`];
          if (a && t) targetOf.set(`${u.source.sheet}!${a}`, t);
        }
      }
    }
    return targetOf.get(`${sheet}!${cell}`);
  };
  const blocked = new Set<string>();
  const reader: Finding[] = [];
  for (const f of ledger.findings) {
    if (f.rule === 'veto.scale-mismatch' && f.cell !== null) {
      const pair = [f.cell, targetCell(f.sheet, f.cell)].filter((c): c is string => c !== undefined).map((cell) => `${f.sheet}!${cell}`);
      if (pair.some((k) => checkErrors.has(k))) continue;
      pair.forEach((k) => blocked.add(k));
    }
    reader.push(f);
    if (f.severity === 'error' && f.cell !== null) blocked.add(cellKey(f));
  }
  const out = [...reader];
  for (const f of checks) {
    if (f.cell !== null && blocked.has(cellKey(f))) continue;
    out.push(f);
    if (f.severity === 'error' && f.cell !== null && !f.rule.startsWith('rule.')) blocked.add(cellKey(f));
  }
  return out;
}
