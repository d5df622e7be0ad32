/**
 * The spreadsheet way, done by a real spreadsheet engine: the same 乡镇台账 cells with the
 * formulas a clerk would type (per-line SUM, OR/IF for the vetoes, the total, a rank over the
 * totals), calculated by HyperFormula.
 *
 * HyperFormula 3 has no RANK.EQ, so the rank is written in one of two equivalent ways:
 * - `countif`: RANK.EQ's definition, 1 + COUNTIF(totals, ">"&total). Like RANK.EQ in any
 *   spreadsheet, every rank cell scans all totals: n² work, minutes at 10,000 towns, so the
 *   benchmark runs it at 1,000 only, as a second check of the semantics.
 * - `sorted`: the fastest a formula workbook can rank: one helper column =SORT(totals,1,-1) and
 *   MATCH(total, sorted, 0) with HyperFormula's column index (exact MATCH by hash). Text sorts
 *   before numbers in descending order, so the vetoed towns' empty totals ("") come first and
 *   their count is subtracted. The speed ratio is taken against this one, the harder opponent.
 * Both ignore the vetoed towns' "" totals exactly as RANK.EQ ignores text, and tie like it (1, 2, 2, 4).
 */
import { HyperFormula } from 'hyperformula';
import { columnLetter, type CellValue } from '../engine/ledger';
import type { Scheme } from '../engine';
import type { TownResult } from './agree';
import type { TownGrid } from './data';

export const FORMULA_HEADERS = ['P 党政线', 'F 人口计生线', '加分', '扣分', '一票否决', '总分', '总分排名', '总分降序（辅助）', '否决数（辅助）'] as const;

export type RankFormula = 'countif' | 'sorted';

/** Column index (0-based) of each formula column, right after the inputs. */
function layout(inputWidth: number) {
  return { P: inputWidth, F: inputWidth + 1, B: inputWidth + 2, X: inputWidth + 3, veto: inputWidth + 4, total: inputWidth + 5, rank: inputWidth + 6, sorted: inputWidth + 7, vetoCount: inputWidth + 8 };
}

/**
 * The formulas of one town row (Excel row `r`, 1-based), in FORMULA_HEADERS order.
 * @example formulaRow(scheme, grid, 2, 1001, 'sorted')[0] // '=SUM(C2:M2)'
 */
export function formulaRow(scheme: Scheme, grid: TownGrid, r: number, lastRow: number, rank: RankFormula): (string | null)[] {
  const cols = grid.columns;
  const at = (code: string) => {
    const i = cols.findIndex((c) => c.code === code);
    if (i < 0) throw new Error(`no column ${code}`);
    return `${columnLetter(i)}${r}`;
  };
  const lineRange = (line: 'P' | 'F') => {
    const idx = cols.map((c, i) => ({ c, i })).filter(({ c }) => c.kind === 'item' && c.code.startsWith(line)).map(({ i }) => i);
    const first = idx[0] ?? 0;
    const last = idx[idx.length - 1] ?? 0;
    if (last - first + 1 !== idx.length) throw new Error(`line ${line} columns are not contiguous`);
    return `SUM(${columnLetter(first)}${r}:${columnLetter(last)}${r})`;
  };
  const terms = (kind: 'bonus' | 'deduction') =>
    scheme.adjustments
      .filter((a) => a.kind === kind)
      .flatMap((a) => a.inputs.map((inp) => (inp.mode === 'points' ? at(inp.code) : `${at(inp.code)}*${inp.pointsEach ?? 0}`)))
      .join('+');
  const vetoes = scheme.vetoes.map((v) => `${at(v.code)}${v.direction === '>=' ? '<' : '>'}${at(v.code + 'T')}`).join(',');
  const L = layout(cols.length);
  const c = (i: number) => `${columnLetter(i)}${r}`;
  const total = columnLetter(L.total);
  const totals = `$${total}$2:$${total}$${lastRow}`;
  const sorted = columnLetter(L.sorted);
  const vetoCount = `$${columnLetter(L.vetoCount)}$2`;
  const rankFormula =
    rank === 'countif'
      ? `=IF(${c(L.total)}="","",COUNTIF(${totals},">"&${c(L.total)})+1)`
      : `=IF(${c(L.total)}="","",MATCH(${c(L.total)},$${sorted}$2:$${sorted}$${lastRow},0)-${vetoCount})`;
  const first = r === 2 && rank === 'sorted';
  const vetoRange = `$${columnLetter(L.veto)}$2:$${columnLetter(L.veto)}$${lastRow}`;
  return [
    `=${lineRange('P')}`,
    `=${lineRange('F')}`,
    `=${terms('bonus')}`,
    `=${terms('deduction')}`,
    `=OR(${vetoes})`,
    `=IF(${c(L.veto)},"",${c(L.P)}+${c(L.F)}+${c(L.B)}-${c(L.X)})`,
    rankFormula,
    // The helper column spills from its first cell; the rest of it must stay empty.
    first ? `=SORT(${totals},1,-1)` : null,
    first ? `=COUNTIF(${vetoRange},TRUE())` : null,
  ];
}

/** The whole formula workbook as one sheet: inputs plus formula columns. */
export function buildFormulaSheet(scheme: Scheme, grid: TownGrid, rank: RankFormula): (CellValue | string)[][] {
  const lastRow = grid.rows.length;
  return grid.rows.map((row, i) => (i === 0 ? [...row, ...FORMULA_HEADERS] : [...row, ...formulaRow(scheme, grid, i + 1, lastRow, rank)]));
}

export interface FormulaRun {
  /** Parse the formulas, build the dependency graph and calculate every cell once. */
  readonly buildMs: number;
  /** Write every input cell again in one batch, so every formula recalculates. */
  readonly recalcMs: number;
  /** Change one score of one town (a typical edit) and recalculate what depends on it. */
  readonly editMs: number;
  readonly results: TownResult[];
}

const now = () => performance.now();

function readResults(hf: HyperFormula, grid: TownGrid): TownResult[] {
  const L = layout(grid.columns.length);
  const n = grid.rows.length - 1;
  const values = hf.getRangeValues({ start: { sheet: 0, col: L.P, row: 1 }, end: { sheet: 0, col: L.rank, row: n } });
  const asNumber = (v: unknown): number | null => (typeof v === 'number' ? v : v === '' || v === null ? null : Number.NaN);
  return values.map((row, i) => {
    const vetoed = row[L.veto - L.P] === true;
    const name = grid.rows[i + 1]?.[0];
    return {
      unit: typeof name === 'string' ? name : String(name),
      party: vetoed ? null : asNumber(row[0]),
      fp: vetoed ? null : asNumber(row[1]),
      total: asNumber(row[L.total - L.P]),
      vetoed,
      rank: asNumber(row[L.rank - L.P]),
    };
  });
}

/** Builds and calculates the formula workbook with HyperFormula and reads the results back. */
export function runFormulas(scheme: Scheme, grid: TownGrid, rank: RankFormula = 'sorted'): FormulaRun {
  const sheet = buildFormulaSheet(scheme, grid, rank);
  let t = now();
  const hf = HyperFormula.buildFromSheets({ 乡镇台账: sheet }, { licenseKey: 'gpl-v3', useColumnIndex: true, maxRows: Math.max(40000, grid.rows.length + 1) });
  const buildMs = now() - t;
  const results = readResults(hf, grid);
  const inputs = grid.rows.slice(1).map((row) => [...row]);
  t = now();
  hf.setCellContents({ sheet: 0, col: 0, row: 1 }, inputs);
  const recalcMs = now() - t;
  const after = readResults(hf, grid);
  // A full recalculation from the same inputs must not change a single cell.
  if (JSON.stringify(after) !== JSON.stringify(results)) throw new Error('formula workbook changed after a full recalculation of the same inputs');
  const col = grid.columns.findIndex((c) => c.kind === 'item');
  const old = grid.rows[1]?.[col] ?? null;
  t = now();
  hf.setCellContents({ sheet: 0, col, row: 1 }, [[typeof old === 'number' ? (old > 0 ? old - 0.5 : 0.5) : 1]]);
  const editMs = now() - t;
  hf.destroy();
  return { buildMs, recalcMs, editMs, results };
}
