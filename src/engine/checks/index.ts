/**
 * Data checks run before every ranking (issue 5). Interim entry point: the real checks follow
 * in this folder; the signatures below are the contract the ledger/CLI code calls.
 */
import type { Finding, Ledger, SheetSpec, WorkbookGrid } from '../ledger/types';

export interface CheckOptions {
  /** The previous round's workbook, for the jump check (or a 上轮台账 sheet in `workbook`). */
  readonly previous?: WorkbookGrid;
}

export type ItemVerdict = 'all-full' | 'all-same' | 'separates';

export interface ItemAnalysis {
  readonly code: string;
  readonly labelZh: string;
  readonly labelEn: string;
  readonly points: number;
  /** Towns with a value for the item. */
  readonly count: number;
  readonly min: number | null;
  readonly max: number | null;
  readonly mean: number | null;
  readonly stdDev: number | null;
  /** Share (0..1) of towns with the item at full marks. */
  readonly fullShare: number | null;
  readonly distinct: number;
  readonly verdict: ItemVerdict;
}

export function runChecks(_ledger: Ledger, _workbook: WorkbookGrid, _options?: CheckOptions): Finding[] {
  return [];
}

export function analyseItems(_ledger: Ledger): ItemAnalysis[] {
  return [];
}

export function buildItemAnalysisSheet(_ledger: Ledger): SheetSpec {
  return { name: '指标分析', rows: [], columns: [], freezeRows: 1 };
}
