/**
 * One cause, one finding (issue 10, item 9): the reader and the checks run over the same ledger,
 * and a problem either of them reports must not come back from the other on the same cell (or,
 * for a veto's figure and target, on the other cell of the pair).
 */
import { assessWorkbook } from '../../src/engine/assess';
import { buildExampleSheets } from '../../src/cli/examples';
import { headerCode } from '../../src/engine/ledger/columns';
import { cellAddress } from '../../src/engine/ledger/cells';
import {
  SHEETS,
  type CellValue,
  type Finding,
  type WorkbookGrid,
} from '../../src/engine/ledger/types';

/** The clean 14-town example (three classes of 4–5 towns), as mutable grids. */
function example(): WorkbookGrid {
  return {
    sheets: buildExampleSheets(false).sheets.map((s) => ({
      name: s.name,
      values: s.rows.map((r) => [...r]),
    })),
  };
}
const townRows = (g: WorkbookGrid) =>
  g.sheets.find((s) => s.name === SHEETS.towns)!.values as CellValue[][];
const colOf = (g: WorkbookGrid, code: string) =>
  (townRows(g)[0] as CellValue[]).findIndex((h) => headerCode(h) === code);

interface Plant {
  readonly what: string;
  /** 0-based row of the town, code of the column, value planted. */
  readonly row: number;
  readonly code: string;
  readonly value: CellValue;
  /** Where the one finding must be, and its rule. */
  readonly at?: string;
  readonly rule: string;
}

// One town per plant, so the plants do not meet on a row.
const PLANTS: readonly Plant[] = [
  {
    what: 'a score above its points, far from its class',
    row: 1,
    code: 'P5',
    value: 600,
    rule: 'score.above-points',
  },
  {
    what: 'a negative score, far from its class',
    row: 2,
    code: 'P6.1',
    value: -70,
    rule: 'score.negative',
  },
  {
    what: 'a veto figure as a fraction among percentages',
    row: 3,
    code: 'V1',
    value: 0.96,
    rule: 'rate.mixed-scale',
  },
  {
    what: 'a veto target as a fraction among percentages',
    row: 4,
    code: 'V1T',
    value: 0.95,
    rule: 'rate.mixed-scale',
  },
  {
    what: 'a score above its points in a column whose header has a %',
    row: 8,
    code: 'F6.3',
    value: 500,
    rule: 'score.above-points',
  },
  { what: 'text in a score cell', row: 6, code: 'P2', value: 'abc', rule: 'value.not-number' },
  { what: 'X3 below 10 points', row: 7, code: 'X3', value: 5, rule: 'adjustment.range' },
  {
    what: 'a veto figure far from its class',
    row: 9,
    code: 'V2',
    value: 9.7,
    rule: 'outlier.class',
  },
  {
    what: 'a child above its points under a parent that adds up',
    row: 11,
    code: 'P3.4',
    value: 11,
    rule: 'score.above-points',
  },
];

function planted(): { grid: WorkbookGrid; cells: Map<string, Plant> } {
  const grid = example();
  const rows = townRows(grid);
  const cells = new Map<string, Plant>();
  for (const p of PLANTS) {
    const c = colOf(grid, p.code);
    (rows[p.row] as CellValue[])[c] = p.value;
    cells.set(cellAddress(p.row, c), p);
  }
  // A parent column P3: equal to its children for every town but row 5, where it is 10 off; row
  // 11's children include the planted 25, and P3 is entered as their sum.
  const children = ['P3.1', 'P3.2', 'P3.3', 'P3.4'].map((code) => colOf(grid, code));
  const width = (rows[0] as CellValue[]).length;
  rows.forEach((r, i) => {
    if (i === 0) r[width] = 'P3 综合治理';
    else {
      const sum = children.reduce((s, c) => s + Number(r[c]), 0);
      r[width] = i === 5 ? sum - 10 : sum;
    }
  });
  cells.set(cellAddress(5, width), {
    what: 'a parent that is not the sum of its children',
    row: 5,
    code: 'P3',
    value: null,
    rule: 'score.parent-sum',
  });
  return { grid, cells };
}

describe('one planted problem of each kind', () => {
  const { grid, cells } = planted();
  const { findings } = assessWorkbook(grid);
  const onTowns = findings.filter((f) => f.sheet === SHEETS.towns && f.cell !== null);

  it('every planted problem is reported on its cell, by the rule that says it best', () => {
    for (const [cell, p] of cells) {
      expect({
        what: p.what,
        found: onTowns.filter((f) => f.cell === cell).map((f) => f.rule),
      }).toEqual({ what: p.what, found: [p.rule] });
    }
  });

  it('no (sheet, cell) pair gets two findings', () => {
    const byCell = new Map<string, Finding[]>();
    for (const f of findings)
      if (f.cell !== null)
        byCell.set(`${f.sheet}!${f.cell}`, [...(byCell.get(`${f.sheet}!${f.cell}`) ?? []), f]);
    const doubled = [...byCell]
      .filter(([, fs]) => fs.length > 1)
      .map(([where, fs]) => `${where}: ${fs.map((f) => f.rule).join(' + ')}`);
    expect(doubled).toEqual([]);
  });

  it('nothing else is reported about a planted town (a veto target off scale is not blamed on its figure too)', () => {
    const plantedRows = new Set([...cells.values()].map((p) => p.row + 1));
    const extra = onTowns.filter(
      (f) =>
        !cells.has(f.cell as string) && plantedRows.has(Number(/\d+$/.exec(f.cell as string)?.[0])),
    );
    expect(extra.map((f) => `${f.cell}: ${f.rule}`)).toEqual([]);
  });
});
