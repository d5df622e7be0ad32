/**
 * Data checks run before every ranking (issue 5), pure and shared by the CLI (`kaohe check`,
 * `kaohe rank`) and the task pane. The structure of a ledger (columns, names, numbers, score
 * ranges) is checked by `readLedger`; these checks look at the figures themselves:
 *
 * | rule id | severity | what |
 * |---|---|---|
 * | `rate.range` | error | a rate outside 0–100 % (0–1000 ‰) |
 * | `rate.mixed-scale` | error | fractions next to percentages in one rate column (0.97 among 9x) |
 * | `rate.permille-scale` | error | a ‰ figure entered as % or as a fraction |
 * | `rate.sign-mismatch` | error | `6‰` typed into a % column |
 * | `rate.target-scale` | error | a target on another scale than its rate |
 * | `rate.num-den` | error | a rate that does not match its `CODE_NUM`/`CODE_DEN` columns |
 * | `sum.parent-children` | error | a parent entered with its children, not their sum |
 * | `rule.violated` | per rule | a 核查规则 row that fails for a town |
 * | `rule.malformed`, `rule.unknown-code` | error | a 核查规则 row that cannot be run |
 * | `rule.division-by-zero` | warning | a rule dividing by zero for a town |
 * | `value.not-number` | error | text in an extra column a rule uses |
 * | `outlier.class` | warning | far from the same class (median/MAD) |
 * | `outlier.jump` | warning | change since the last round far beyond the others' |
 * | `items.no-spread` | warning | one per sheet: the items that separate nobody (all full marks, all the same) |
 *
 * Every rule is linear in the number of towns (sorting for medians aside).
 */
import type { Finding, Ledger, WorkbookGrid } from '../ledger/types';
import { indexScheme } from '../scheme/schemeIndex';
import { checkNumDen, checkParentSums } from './builtinRules';
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
  findings.push(...checkParentSums(table, ledger.scheme));
  findings.push(...checkNumDen(table, rateColumns(table, vetoes), rates.flagged));
  const parsed = parseRuleSheet(workbook, table);
  findings.push(...parsed.findings, ...runRules(parsed.rules, table));

  // Outliers leave out cells that already hold an error: one problem, one finding.
  const errorCells = new Set<string>();
  for (const f of findings) if (f.severity === 'error' && f.cell && f.sheet === table.sheet) errorCells.add(f.cell);
  const codes = measuredCodes(table, ledger.scheme);
  const items = indexScheme(ledger.scheme).items;
  const pointsOf = (code: string) => items.get(code)?.item.points;
  findings.push(...checkClassOutliers(table, codes, errorCells, pointsOf));
  findings.push(...checkJumps(table, codes, errorCells, previousSheet(workbook, options.previous), pointsOf));
  findings.push(...itemFindings(ledger, analyseItems(ledger)));
  return findings;
}
