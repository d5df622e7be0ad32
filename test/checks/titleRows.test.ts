/**
 * A title row (or two, and a blank row) above the header of an input sheet (issue 11,
 * deliverable 7): the ledger reader, the checks' town table, the 核查规则 sheet and the previous
 * round's sheet find their header with the one header finder, and read the same as without;
 * findings name the cells the data is in.
 */
import { runChecks } from '../../src/engine/checks';
import { columnLetter } from '../../src/engine/ledger/cells';
import { findHeaderRow } from '../../src/engine/ledger/header';
import { readLedger } from '../../src/engine/ledger/readLedger';
import type { CellValue, Finding, SheetGrid, WorkbookGrid } from '../../src/engine/ledger/types';
import { SHEETS } from '../../src/engine/ledger/types';
import { colOf, goldenSheets, specsToGrid, withCell } from '../ledger/golden';

type Rows = readonly (readonly CellValue[])[];

const TITLES: readonly { readonly what: string; readonly rows: Rows }[] = [
  { what: 'no title row', rows: [] },
  { what: 'one title row', rows: [['2024 年度目标管理责任制考核台账']] },
  {
    what: 'two title rows and a blank row',
    rows: [
      ['2024 年度目标管理责任制考核台账'],
      ['填报单位：区人口计生局', null, '填报日期：2024-12-31'],
      [null, '', '  '],
    ],
  },
];

/** The grid with `title` rows put above the sheets named. */
function titled(grid: WorkbookGrid, title: Rows, sheets: readonly string[]): WorkbookGrid {
  return {
    sheets: grid.sheets.map((s): SheetGrid =>
      sheets.includes(s.name) ? { ...s, values: [...title, ...s.values] } : s,
    ),
  };
}

/** `C5` -> `C${5 + by}`. */
const shift = (cell: string | null, by: number): string | null =>
  cell ? cell.replace(/\d+$/, (n) => String(Number(n) + by)) : cell;

/** The golden ledger with two columns of the user's own, a rule sheet and a previous round. */
function workbook(): WorkbookGrid {
  const grid = specsToGrid(goldenSheets());
  const towns = grid.sheets.find((s) => s.name === SHEETS.towns) as SheetGrid;
  // 丙镇 (third town): the two sources disagree; 戊街道 (fifth): a jump since the last round.
  const bureau = (i: number) => 2400 + i * 100 + (i === 4 ? 900 : 0);
  const health = (i: number) => bureau(i) + (i === 2 ? 900 : 0);
  const values = towns.values.map((row, r) =>
    r === 0
      ? [...row, '备注', 'BIRTHS_BUREAU 出生数(计生)', 'BIRTHS_HEALTH 出生数(卫生)']
      : [...row, null, bureau(r - 1), health(r - 1)],
  );
  const previous: Rows = [
    ['单位', '类别', 'BIRTHS_BUREAU 出生数(计生)'],
    ...values.slice(1).map((row, i) => [row[0] ?? null, 1, 2400 + i * 100 - 40 - (i % 3) * 5]),
  ];
  const rules: Rows = [
    [
      '左式 Left',
      '运算符 Operator',
      '右式 Right',
      '容差 Tolerance',
      '级别 Severity',
      '说明 Message',
    ],
    ['BIRTHS_BUREAU', '=', 'BIRTHS_HEALTH', '5%', '错误', '计生与卫生出生数应一致'],
    ['BIRTHS_HEALTH - BIRTHS_BUREAU', '<=', 'P2 * 10', '', '警告'],
  ];
  return {
    sheets: [
      ...grid.sheets.map((s) => (s.name === SHEETS.towns ? { ...s, values } : s)),
      { name: SHEETS.rules, values: rules },
      { name: SHEETS.previous, values: previous },
    ],
  };
}

const ALL = [SHEETS.towns, SHEETS.departments, SHEETS.rules, SHEETS.previous];

/** Findings as comparable text, with the sheet's cell and the rule's row shifted back by `by`. */
function unshifted(fs: readonly Finding[], by: number, sheets: readonly string[]): string[] {
  return fs.map((f) => {
    const cell = sheets.includes(f.sheet) ? shift(f.cell, -by) : f.cell;
    const en = sheets.includes(SHEETS.rules)
      ? f.en.replace(/核查规则!A(\d+)/g, (_m, n: string) => `核查规则!A${Number(n) - by}`)
      : f.en;
    return `${f.severity} ${f.rule} ${f.sheet}!${cell} ${f.unit ?? ''} ${en}`;
  });
}

describe('findHeaderRow: the one header finder', () => {
  const hasUnit = (row: readonly CellValue[]) => row.includes('单位');
  it('finds the first row with the header cell, within the rows searched', () => {
    const sheet = { name: 'S', values: [['标题'], [], ['单位', 'P1'], ['单位']] };
    expect(findHeaderRow(sheet, hasUnit, 10)).toBe(2);
    expect(findHeaderRow(sheet, hasUnit, 2)).toBe(-1);
    expect(findHeaderRow({ name: 'S', values: [] }, hasUnit, 10)).toBe(-1);
  });
});

describe.each(TITLES.slice(1).map((t) => [t.what, t] as const))(
  '%s above the header',
  (_what, title) => {
    const by = title.rows.length;
    const base = workbook();

    it('the ledger reads the same units and departments, at rows shifted by the title rows', () => {
      const a = readLedger(base);
      const b = readLedger(titled(base, title.rows, ALL));
      expect(b.findings).toEqual(a.findings);
      expect(b.units.map((u) => u.input)).toEqual(a.units.map((u) => u.input));
      expect(b.departments.map((d) => d.input)).toEqual(a.departments.map((d) => d.input));
      expect(b.units.map((u) => u.source.row)).toEqual(a.units.map((u) => u.source.row + by));
      expect(b.units[0]?.source.cells['P2']).toBe(
        shift(a.units[0]?.source.cells['P2'] ?? null, by),
      );
      expect(b.departments.map((d) => d.source.row)).toEqual(
        a.departments.map((d) => d.source.row + by),
      );
    });

    it('the ledger names a bad cell where it is', () => {
      const col = colOf(base, SHEETS.towns, 'P2');
      const bad = withCell(base, SHEETS.towns, 2, col, '优秀');
      const a = readLedger(bad).findings.filter((f) => f.severity === 'error');
      const b = readLedger(titled(bad, title.rows, ALL)).findings.filter(
        (f) => f.severity === 'error',
      );
      expect(a.map((f) => f.cell)).toEqual(['D3']);
      expect(b.map((f) => f.cell)).toEqual([shift('D3', by)]);
    });

    it('the checks find the same problems, on the shifted cells, with title rows on every input sheet', () => {
      const a = runChecks(readLedger(base), base);
      const withTitles = titled(base, title.rows, ALL);
      const b = runChecks(readLedger(withTitles), withTitles);
      expect(a.map((f) => f.rule).sort()).toEqual([
        'items.no-spread',
        'outlier.jump',
        'rule.violated',
        'rule.violated',
      ]);
      expect(unshifted(b, by, ALL)).toEqual(unshifted(a, 0, ALL));
      // The rules' codes resolve to the user's own columns: 丙镇's cells of the first code of each rule.
      const at = (code: string, row: number) =>
        `${columnLetter(colOf(base, SHEETS.towns, code))}${row + by}`;
      const violated = b.filter((f) => f.rule === 'rule.violated');
      expect(violated.map((f) => `${f.unit}@${f.cell}`)).toEqual([
        `丙镇@${at('BIRTHS_BUREAU', 4)}`,
        `丙镇@${at('BIRTHS_HEALTH', 4)}`,
      ]);
      expect(violated.map((f) => f.severity)).toEqual(['error', 'warning']);
      expect(violated[0]?.zh).toContain(`核查规则!A${2 + by}`);
      expect(violated[1]?.zh).toContain(`核查规则!A${3 + by}`);
      expect(b.find((f) => f.rule === 'outlier.jump')).toMatchObject({
        unit: '戊街道',
        cell: at('BIRTHS_BUREAU', 6),
      });
    });

    it.each([[SHEETS.towns], [SHEETS.rules], [SHEETS.previous]])(
      'a title on %s alone changes nothing but its rows',
      (sheet) => {
        const a = runChecks(readLedger(base), base);
        const one = titled(base, title.rows, [sheet]);
        const b = runChecks(readLedger(one), one);
        expect(unshifted(b, by, [sheet])).toEqual(unshifted(a, 0, [sheet]));
      },
    );
  },
);
