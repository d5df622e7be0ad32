/**
 * The whole job on one workbook: read the ledger, run the data checks, rank when nothing blocks
 * it, and build the result sheets. The CLI and the task pane both call this and nothing else.
 */
import type { RankOptions, Ranking } from './types';
import { rankScored } from './rank/rankAll';
import { scoreDepartment, scoreUnit } from './score/scoreUnit';
import { buildItemAnalysisSheet, combineFindings, runChecks } from './checks/index';
import { buildOutputSheets } from './report/outputs';
import { readLedger } from './ledger/readLedger';
import type { Finding, Ledger, SheetSpec, WorkbookGrid } from './ledger/types';

export interface AssessOptions extends RankOptions {
  /** The previous round's workbook, for the jump check. */
  readonly previous?: WorkbookGrid;
  readonly lang?: 'zh' | 'en';
  readonly onProgress?: (done: number, total: number) => void;
  /**
   * The 方案's own 标记 rows (一票优先 N, 黄牌警告 N, 末位) win over `topN`/`bottomN`/`last`, which
   * then apply only to a scheme that gives none. The pane sets this: its settings are a clerk's
   * defaults, the 方案 is the bureau's published rule. The CLI's explicit --top/--bottom win.
   */
  readonly schemeFlagsFirst?: boolean;
}

export interface Assessment {
  readonly ledger: Ledger;
  /** Reader findings then check findings, errors and warnings alike, one per cause (`combineFindings`). */
  readonly findings: Finding[];
  /** Null when any finding is an error: nothing is ranked from bad data. */
  readonly ranking: Ranking | null;
  /** Result sheets to write (empty when not ranked). */
  readonly sheets: SheetSpec[];
}

/** True when a finding blocks ranking. */
export const isError = (f: Finding): boolean => f.severity === 'error';

/**
 * Reads, checks and (if no error stands) ranks a ledger workbook.
 * @example assessWorkbook(grid, { topN: 3 }).ranking?.units[0].rank.total // 1
 */
export function assessWorkbook(workbook: WorkbookGrid, options: AssessOptions = {}): Assessment {
  const ledger = readLedger(workbook, options.onProgress ? { onProgress: options.onProgress } : {});
  const findings: Finding[] = combineFindings(
    ledger,
    runChecks(ledger, workbook, options.previous ? { previous: options.previous } : {}),
  );
  if (findings.some(isError)) return { ledger, findings, ranking: null, sheets: [] };
  const flagsAsked = !(options.schemeFlagsFirst && ledger.scheme.flags);
  const rankOptions: RankOptions = {
    ...(flagsAsked && options.topN !== undefined ? { topN: options.topN } : {}),
    ...(flagsAsked && options.bottomN !== undefined ? { bottomN: options.bottomN } : {}),
    ...(options.byClass !== undefined ? { byClass: options.byClass } : {}),
    ...(flagsAsked && options.last !== undefined ? { last: options.last } : {}),
  };
  // Every row was scored once by the reader (to put its problems on cells); rank those scores.
  const ranking = rankScored(
    ledger.scheme,
    ledger.units.map((u) => u.score ?? scoreUnit(ledger.scheme, u.input)),
    ledger.departments.map((d) => d.score ?? scoreDepartment(ledger.scheme, d.input)),
    rankOptions,
  );
  const sheets = [
    ...buildOutputSheets(ranking, ledger, options.lang ? { lang: options.lang } : {}),
  ];
  const analysis = buildItemAnalysisSheet(ledger, options.lang);
  if (analysis.rows.length > 0) sheets.push(analysis);
  return { ledger, findings, ranking, sheets };
}
