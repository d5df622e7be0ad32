import { readLedger } from '../../src/engine/ledger/readLedger';
import { dateMarker } from '../../src/engine/ledger/cells';
import { SHEETS, type Finding, type WorkbookGrid } from '../../src/engine/ledger/types';
import { colOf, golden, goldenSheets, specsToGrid, withCell } from './golden';
import { cellAddress } from '../../src/engine/ledger/cells';
import { buildTemplateSheets } from '../../src/engine/ledger/template';
import { DEFAULT_SCHEME } from '../../src/engine/scheme/defaultScheme';

const T = SHEETS.towns;
const base = (): WorkbookGrid => specsToGrid(goldenSheets());
const errors = (fs: readonly Finding[]) => fs.filter((f) => f.severity === 'error');
const at = (fs: readonly Finding[], cell: string) => fs.filter((f) => f.cell === cell);

/** Row 1 (0-based) is the first town, 甲镇. */
function setTown(
  grid: WorkbookGrid,
  row: number,
  code: string,
  value: Parameters<typeof withCell>[4],
): { grid: WorkbookGrid; cell: string } {
  const col = colOf(grid, T, code);
  return { grid: withCell(grid, T, row, col, value), cell: cellAddress(row, col) };
}

describe('readLedger', () => {
  it('reads the golden ledger: every town, class, score and source cell', () => {
    const ledger = readLedger(base());
    expect(errors(ledger.findings)).toEqual([]);
    expect(ledger.units.map((u) => u.input.unit)).toEqual(golden.towns.map((t) => t.unit));
    const first = ledger.units[0]!;
    expect(first.input.unitClass).toBe(1);
    expect(first.input.scores['P2']).toBe(15);
    expect(first.source).toMatchObject({ sheet: T, row: 2 });
    expect(first.source.cells['P2']).toBe(cellAddress(1, colOf(base(), T, 'P2')));
    expect(ledger.customScheme).toBe(true);
    expect(ledger.columns[T]?.['P2']).toBe('D');
  });

  it('finds columns by code whatever their order, ignores unknown columns, and accepts a bare-code header', () => {
    const grid = base();
    const towns = grid.sheets.find((s) => s.name === T)!;
    const width = towns.values[0]!.length;
    // Reverse the columns, add two columns of the user's own, and shorten one header to the code.
    const perm = [...Array(width).keys()].reverse();
    const values = towns.values.map((row, r) => {
      const moved = perm.map((i) => row[i] ?? null);
      return r === 0
        ? [...moved.map((h) => (h === 'P3.1 移民地区综合整治' ? 'P3.1' : h)), '备注', 'Z9 我的列']
        : [...moved, '自己的备注', 42];
    });
    const shuffled: WorkbookGrid = {
      sheets: grid.sheets.map((s) => (s.name === T ? { ...s, values } : s)),
    };
    const a = readLedger(base());
    const b = readLedger(shuffled);
    expect(errors(b.findings)).toEqual([]);
    expect(b.units.map((u) => u.input)).toEqual(a.units.map((u) => u.input));
  });

  it('reads numbers typed as text: full-width digits and spaces', () => {
    const { grid } = setTown(base(), 1, 'P2', '１５');
    const ledger = readLedger(grid);
    expect(errors(ledger.findings)).toEqual([]);
    expect(ledger.units[0]!.input.scores['P2']).toBe(15);
  });

  it('reports text, a date, a boolean and a formula error in score cells on their cells', () => {
    let grid = base();
    const cells: string[] = [];
    for (const [code, value] of [
      ['P2', '优秀'],
      ['P4', dateMarker(new Date('2024-03-01'))],
      ['P5', true],
      ['F7', '#DIV/0!'],
    ] as const) {
      const r = setTown(grid, 1, code, value);
      grid = r.grid;
      cells.push(r.cell);
    }
    const fs = errors(readLedger(grid).findings);
    expect(fs.map((f) => f.cell).sort()).toEqual([...cells].sort());
    expect(at(fs, cells[0]!)[0]).toMatchObject({
      rule: 'value.not-number',
      sheet: T,
      code: 'P2',
      unit: '甲镇',
    });
    expect(at(fs, cells[1]!)[0]!.zh).toContain('日期');
    expect(at(fs, cells[2]!)[0]!.rule).toBe('value.boolean');
    expect(at(fs, cells[3]!)[0]!.zh).toContain('#DIV/0!');
    for (const f of fs) {
      expect(f.zh.length).toBeGreaterThan(0);
      expect(f.en.length).toBeGreaterThan(0);
    }
  });

  it('maps engine range problems (above points, negative) to the cell', () => {
    const first = setTown(base(), 1, 'P3.1', 25);
    const above = first.cell;
    const neg = setTown(first.grid, 2, 'F8', -1);
    const fs = errors(readLedger(neg.grid).findings);
    expect(at(fs, above)[0]).toMatchObject({ rule: 'score.above-points', code: 'P3.1' });
    expect(at(fs, neg.cell)[0]).toMatchObject({
      rule: 'score.negative',
      code: 'F8',
      unit: '乙街道',
    });
    expect(fs).toHaveLength(2);
  });

  it('counts a blank score as 0 with a warning on the cell', () => {
    const { grid, cell } = setTown(base(), 1, 'P2', null);
    const ledger = readLedger(grid);
    expect(errors(ledger.findings)).toEqual([]);
    expect(at(ledger.findings, cell)[0]).toMatchObject({
      severity: 'warning',
      rule: 'score.blank',
    });
    expect(ledger.units[0]!.input.scores['P2']).toBeNull();
  });

  it('reports a duplicate town, a blank unit name with data, and an invalid class; ignores empty rows', () => {
    let grid = withCell(base(), T, 2, 0, '甲镇');
    grid = withCell(grid, T, 3, 0, '  ');
    grid = setTown(grid, 4, '类别', 4).grid;
    const towns = grid.sheets.find((s) => s.name === T)!;
    const empty = towns.values[0]!.map(() => null);
    grid = {
      sheets: grid.sheets.map((s) =>
        s.name === T
          ? {
              ...s,
              values: [...s.values.slice(0, 3), empty, ...s.values.slice(3), empty, ['', null]],
            }
          : s,
      ),
    };
    const ledger = readLedger(grid);
    const fs = errors(ledger.findings);
    expect(fs.map((f) => [f.rule, f.cell])).toEqual([
      ['ledger.unit-duplicate', 'A3'],
      ['ledger.unit-blank', 'A5'],
      ['ledger.class-invalid', 'B6'],
    ]);
    expect(fs[0]!.zh).toContain('第 2 行');
    expect(ledger.units).toHaveLength(golden.towns.length);
  });

  it('reports a missing code column on the header row, and every problem rather than the first', () => {
    const grid = base();
    const drop = colOf(grid, T, 'F7');
    const dropped: WorkbookGrid = {
      sheets: grid.sheets.map((s) =>
        s.name === T ? { ...s, values: s.values.map((r) => r.filter((_, c) => c !== drop)) } : s,
      ),
    };
    const withText = setTown(dropped, 1, 'P2', 'abc');
    const fs = errors(readLedger(withText.grid).findings);
    const missing = fs.find((f) => f.rule === 'ledger.column-missing')!;
    expect(missing.code).toBe('F7');
    expect(missing.cell).toMatch(/1$/);
    expect(fs.some((f) => f.cell === withText.cell)).toBe(true);
  });

  it('reports a parent entered with children that do not add up once, on the parent cell, naming the children', () => {
    // A P3 column beside P3.1–P3.4 (20 + 20 + 20 + 10 = 70 for every golden town).
    const withParent = (values: (number | null)[], blankChild = false): WorkbookGrid => {
      const grid = base();
      return {
        sheets: grid.sheets.map((s) =>
          s.name !== T
            ? s
            : {
                ...s,
                values: s.values.map((row, r) => {
                  const copy = [...row, r === 0 ? 'P3 综合治理' : (values[r - 1] ?? null)];
                  if (blankChild && r === 1) copy[colOf(grid, T, 'P3.4')] = null;
                  return copy;
                }),
              },
        ),
      };
    };
    const width = base().sheets.find((s) => s.name === T)!.values[0]!.length;
    const parentCell = cellAddress(1, width);
    const wrong = readLedger(withParent([65, 70]));
    expect(errors(wrong.findings).map((f) => `${f.rule}@${f.cell}`)).toEqual([
      `score.parent-sum@${parentCell}`,
    ]);
    expect(at(wrong.findings, parentCell)[0]).toMatchObject({ code: 'P3', unit: '甲镇' });
    expect(at(wrong.findings, parentCell)[0]!.zh).toContain('P3.1+P3.2+P3.3+P3.4 之和 70');
    // A blank child counts 0, as in scoring.
    expect(errors(readLedger(withParent([60], true)).findings)).toEqual([]);
    expect(errors(readLedger(withParent([70], true)).findings)).toHaveLength(1);
  });

  it('accepts a parent column instead of its children', () => {
    const grid = base();
    const towns = grid.sheets.find((s) => s.name === T)!;
    const p3 = ['P3.1', 'P3.2', 'P3.3', 'P3.4'].map((c) => colOf(grid, T, c));
    const values = towns.values.map((row, r) => [
      ...row.filter((_, c) => !p3.includes(c)),
      r === 0 ? 'P3 综合治理' : 70,
    ]);
    const ledger = readLedger({
      sheets: grid.sheets.map((s) => (s.name === T ? { ...s, values } : s)),
    });
    expect(errors(ledger.findings)).toEqual([]);
    expect(ledger.units[0]!.input.scores['P3']).toBe(70);
  });

  it('treats a blank veto figure as an error, a blank target as an error only without a default target', () => {
    let grid = setTown(base(), 1, 'V1', null).grid;
    grid = setTown(grid, 2, 'V1T', null).grid; // V1 has a default target (95): fine
    const v2t = setTown(grid, 3, 'V2T', null);
    const fs = errors(readLedger(v2t.grid).findings);
    expect(fs.map((f) => [f.rule, f.cell])).toEqual([
      ['veto.blank', cellAddress(1, colOf(grid, T, 'V1'))],
      ['veto.blank', v2t.cell],
    ]);
  });

  it('reports adjustment counts that are not whole numbers, X3 below 10 points, and X5D above X5', () => {
    let grid = setTown(base(), 1, 'X4', 1.5).grid;
    grid = setTown(grid, 2, 'X3', 5).grid;
    const x5d = setTown(grid, 3, 'X5D', 3); // 丁镇 has X5 = 2
    const fs = errors(readLedger(x5d.grid).findings);
    expect(fs.map((f) => f.rule).sort()).toEqual([
      'adjustment.count',
      'adjustment.range',
      'adjustment.subset',
    ]);
    expect(fs.find((f) => f.rule === 'adjustment.subset')!.cell).toBe(x5d.cell);
  });

  it('refuses an empty ledger (no towns, no departments), naming both sheets; towns only or departments only stays valid', () => {
    const template = (units: string[], departments: string[]) =>
      specsToGrid(buildTemplateSheets(DEFAULT_SCHEME, { year: 2024, units, departments }));
    const empty = readLedger(template([], []));
    expect(errors(empty.findings)).toEqual([
      expect.objectContaining({ rule: 'ledger.empty', sheet: T, cell: 'A2' }),
    ]);
    const [f] = errors(empty.findings);
    expect(f!.zh).toContain(SHEETS.towns);
    expect(f!.zh).toContain(SHEETS.departments);
    expect(f!.en).toContain('no units');
    // Without a departments sheet at all, and with a title row above the header, the same.
    const noDeps = template([], []);
    const onlyTowns: WorkbookGrid = {
      sheets: noDeps.sheets
        .filter((s) => s.name !== SHEETS.departments)
        .map((s) => (s.name === T ? { ...s, values: [['2024 年度'], ...s.values] } : s)),
    };
    expect(errors(readLedger(onlyTowns).findings)).toEqual([
      expect.objectContaining({ rule: 'ledger.empty', cell: 'A3' }),
    ]);
    // A rows-only problem elsewhere is not hidden, nor doubled: no 单位 column is its own error.
    const broken: WorkbookGrid = {
      sheets: noDeps.sheets.map((s) => (s.name === T ? { ...s, values: [['名称']] } : s)),
    };
    expect(errors(readLedger(broken).findings).map((x) => x.rule)).toEqual([
      'ledger.unit-column-missing',
    ]);
    // Towns without departments, or departments without towns: no error (blank scores warn).
    expect(errors(readLedger(template([], ['卫生局'])).findings)).toEqual([]);
    const towns = readLedger(base());
    const noDepartments: WorkbookGrid = {
      sheets: base().sheets.filter((s) => s.name !== SHEETS.departments),
    };
    expect(errors(towns.findings)).toEqual([]);
    expect(errors(readLedger(noDepartments).findings)).toEqual([]);
  });

  it('finds the header row below a title row', () => {
    const grid = base();
    const titled: WorkbookGrid = {
      sheets: grid.sheets.map((s) =>
        s.name === T ? { ...s, values: [['2024 年度乡镇台账'], ...s.values] } : s,
      ),
    };
    const ledger = readLedger(titled);
    expect(errors(ledger.findings)).toEqual([]);
    expect(ledger.units[0]!.source.row).toBe(3);
  });

  it('reports a missing towns sheet and a sheet without a 单位 column, and never throws on odd grids', () => {
    expect(errors(readLedger({ sheets: [] }).findings)[0]).toMatchObject({
      rule: 'ledger.sheet-missing',
      sheet: T,
    });
    const noUnit = readLedger({ sheets: [{ name: T, values: [['名称', 'P1']] }] });
    expect(errors(noUnit.findings)[0]).toMatchObject({
      rule: 'ledger.unit-column-missing',
      cell: 'A1',
    });
    expect(() =>
      readLedger({
        sheets: [
          { name: T, values: [] },
          { name: SHEETS.scheme, values: [[]] },
        ],
      }),
    ).not.toThrow();
    const headerOnly = readLedger({ sheets: [{ name: T, values: [['单位']] }] });
    expect(headerOnly.units).toEqual([]);
  });

  it('uses the built-in scheme when there is no 方案 sheet', () => {
    const grid = base();
    const ledger = readLedger({ sheets: grid.sheets.filter((s) => s.name !== SHEETS.scheme) });
    expect(ledger.customScheme).toBe(false);
    expect(errors(ledger.findings)).toEqual([]);
  });

  it('reports a broken 方案 on its cell and still checks the ledger against the built-in scheme', () => {
    const grid = base();
    const scheme = grid.sheets.find((s) => s.name === SHEETS.scheme)!;
    const row = scheme.values.findIndex((r) => r[1] === 'P3');
    const broken = withCell(setTown(grid, 1, 'P2', 'abc').grid, SHEETS.scheme, row, 4, 75);
    const ledger = readLedger(broken);
    const fs = errors(ledger.findings);
    expect(fs.find((f) => f.sheet === SHEETS.scheme)).toMatchObject({
      rule: 'scheme.parent-sum',
      cell: `E${row + 1}`,
    });
    expect(fs.some((f) => f.sheet === T && f.rule === 'value.not-number')).toBe(true);
    expect(ledger.customScheme).toBe(false);
  });

  it('reads departments with their own problems', () => {
    const grid = withCell(
      withCell(base(), SHEETS.departments, 2, 0, '卫生局'),
      SHEETS.departments,
      1,
      2,
      21,
    );
    const fs = errors(readLedger(grid).findings).filter((f) => f.sheet === SHEETS.departments);
    expect(fs.map((f) => [f.rule, f.cell])).toEqual([
      ['score.above-points', 'C2'],
      ['ledger.unit-duplicate', 'A3'],
    ]);
  });

  it('does not mutate its input', () => {
    const grid = base();
    const copy = JSON.parse(JSON.stringify(grid));
    readLedger(grid);
    expect(grid).toEqual(copy);
  });
});
