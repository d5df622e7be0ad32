/**
 * The one palette of the output sheets: how each `CellStyle` looks, whoever renders it (the CLI's
 * .xlsx, the Office.js adapter, the workbench). Renderers translate these colours to their own
 * notation and add nothing of their own, so a vetoed row looks the same in every file.
 */
import type { CellStyle } from './types';

/** Colours are `RRGGBB` hex (no `#`, no alpha); null = the renderer's default. */
export interface StyleLook {
  readonly fill: string | null;
  readonly font: string | null;
  readonly bold: boolean;
}

/**
 * Excel's own "Good / Neutral / Bad" cell styles for the flags, so the sheets read the way Excel
 * users expect: vetoed red, top places green, yellow card yellow, last place orange.
 */
export const PALETTE: Readonly<Record<CellStyle, StyleLook>> = {
  header: { fill: '1F4E78', font: 'FFFFFF', bold: true },
  vetoed: { fill: 'FFC7CE', font: '9C0006', bold: true },
  top: { fill: 'C6EFCE', font: '006100', bold: false },
  yellow: { fill: 'FFEB9C', font: '9C5700', bold: false },
  last: { fill: 'F8CBAD', font: '833C0B', bold: false },
  total: { fill: 'DDEBF7', font: null, bold: true },
};

/** Every row style, in a fixed order (for renderers and tests that go through them all). */
export const CELL_STYLES = Object.keys(PALETTE) as CellStyle[];
