/** The golden table (test/fixtures/golden.json) as ledger sheets, for the ledger and CLI tests. */
import { readFileSync } from 'fs';
import * as path from 'path';
import { DEFAULT_SCHEME } from '../../src/engine/scheme/defaultScheme';
import { indexScheme } from '../../src/engine/scheme/schemeIndex';
import { buildTemplateSheets } from '../../src/engine/ledger/template';
import { columnCode, headerCode } from '../../src/engine/ledger/columns';
import type { CellValue, SheetSpec, WorkbookGrid } from '../../src/engine/ledger/types';

export interface GoldenTown {
  unit: string;
  class: 1 | 2 | 3;
  scores: Record<string, number>;
  veto: Record<string, number>;
  adjustments: Record<string, number>;
  expected: {
    party: number | null;
    fp: number | null;
    bonus: number | null;
    deduction: number | null;
    total: number | null;
    vetoed: boolean;
    vetoReasonIncludes?: string[];
    rank: { party: number | null; fp: number | null; total: number | null; class: number | null };
    flags: string[];
  };
}

export interface Golden {
  options: { topN: number; bottomN: number; byClass: boolean };
  towns: GoldenTown[];
  order: string[];
  departments: {
    unit: string;
    scores: Record<string, number>;
    expected: { score: number; rank: number };
  }[];
}

export const golden = JSON.parse(
  readFileSync(path.join(__dirname, '../fixtures/golden.json'), 'utf8'),
) as Golden;

/**
 * Template sheets filled with the golden inputs: every leaf at full marks unless the case says
 * otherwise. `lang: 'en'` fills the English-first template.
 */
export function goldenSheets({ lang = 'zh' }: { lang?: 'zh' | 'en' } = {}): SheetSpec[] {
  const index = indexScheme(DEFAULT_SCHEME);
  const sheets = buildTemplateSheets(DEFAULT_SCHEME, {
    year: 2024,
    units: golden.towns.map((t) => t.unit),
    departments: golden.departments.map((d) => d.unit),
    lang,
  });
  const fill = (
    sheet: SheetSpec,
    value: (r: number, code: string) => CellValue | undefined,
  ): SheetSpec => {
    const codes = (sheet.rows[0] ?? []).map(columnCode);
    return {
      ...sheet,
      rows: sheet.rows.map((row, r) =>
        r === 0 ? row : row.map((old, c) => value(r - 1, codes[c] ?? '') ?? old),
      ),
    };
  };
  const [scheme, towns, deps] = sheets as [SheetSpec, SheetSpec, SheetSpec];
  const filledTowns = fill(towns, (r, code) => {
    const t = golden.towns[r]!;
    if (code === '类别') return t.class;
    const item = index.items.get(code);
    if (item) return t.scores[code] ?? item.item.points;
    if (code in t.veto) return t.veto[code];
    if (index.adjustmentInputs.has(code)) return t.adjustments[code] ?? null;
    return undefined;
  });
  const filledDeps = fill(deps, (r, code) => {
    const d = golden.departments[r]!;
    const item = index.items.get(code);
    return item ? (d.scores[code] ?? item.item.points) : undefined;
  });
  return [scheme, filledTowns, filledDeps];
}

export function specsToGrid(specs: readonly SheetSpec[]): WorkbookGrid {
  return { sheets: specs.map((s) => ({ name: s.name, values: s.rows })) };
}

/** Grid of a sheet with one cell replaced (0-based row and column). */
export function withCell(
  grid: WorkbookGrid,
  sheet: string,
  row: number,
  col: number,
  value: CellValue,
): WorkbookGrid {
  return {
    sheets: grid.sheets.map((s) =>
      s.name !== sheet
        ? s
        : {
            ...s,
            values: s.values.map((r, i) => {
              if (i !== row) return r;
              const copy = [...r];
              while (copy.length <= col) copy.push(null);
              copy[col] = value;
              return copy;
            }),
          },
    ),
  };
}

/** 0-based column of a code in a sheet's header row. */
export function colOf(grid: WorkbookGrid, sheet: string, code: string): number {
  const header = grid.sheets.find((s) => s.name === sheet)?.values[0] ?? [];
  const i = header.findIndex((h) => h === code || headerCode(h) === code);
  if (i < 0) throw new Error(`no column ${code}`);
  return i;
}
