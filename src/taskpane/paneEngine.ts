/**
 * What the pane needs from the engine, as one small interface, so the pane can be tested with a
 * fake and so the engine's ledger modules load only in `defaultEngine.ts`.
 */
import type { Finding, SheetSpec, WorkbookGrid } from '../engine/ledger/types';
import type { RankOptions, Ranking } from '../engine/types';
import type { Language } from '../i18n/messages';

export interface TemplateOptions {
  readonly year: number;
  readonly units: readonly string[];
  readonly departments: readonly string[];
}

export interface Assessment {
  readonly findings: readonly Finding[];
  /** Null when an error blocks ranking. */
  readonly ranking: Ranking | null;
  /** Output sheets to write (empty when ranking is blocked). */
  readonly sheets: readonly SheetSpec[];
  /** The lines of the units' kind, in the scheme's order and names, for the result panel. */
  readonly lines?: readonly LineLabel[];
}

/** A line of the scheme as the pane names it. */
export interface LineLabel {
  readonly code: string;
  readonly labelZh: string;
  readonly labelEn: string;
}

export interface AssessOptions extends RankOptions {
  /** Language of the result sheets' headers and notes. */
  readonly language: Language;
}

export interface PaneEngine {
  /** Sheets the ledger reader looks at (input sheets only; output sheets are never read). */
  readonly inputSheets: readonly string[];
  /**
   * Every sheet the reader needs for a workbook whose `inputSheets` were read: those and the sheet
   * of each kind of unit its 方案 names (e.g. 区台账). The pane reads the ones it lacks in a second
   * pass, so the built-in scheme costs no extra sync.
   */
  sheetsFor(first: WorkbookGrid): readonly string[];
  /** Sheets of a new assessment workbook (same layout as `kaohe template`). */
  templateSheets(options: TemplateOptions): readonly SheetSpec[];
  /** Reads, checks, scores and ranks; never throws for data problems (they become findings). */
  assess(workbook: WorkbookGrid, options: AssessOptions): Assessment;
}

/** Name of the summary sheet the pane activates after ranking. */
export { SHEETS } from '../engine/ledger/types';
