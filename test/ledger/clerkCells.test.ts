/**
 * Cell values as clerks write them (issue 12, item 3), read from a ledger: 不考核 in a score cell,
 * 一票否决 in a score, 备注 or 总分 cell, points text (15分, 扣25分), a signed deduction, marks
 * where a number is needed, and a formula's cached result. Hand-worked against the golden ledger.
 */
import fc from 'fast-check';
import ExcelJS from 'exceljs';
import { rankAll } from '../../src/engine';
import { assessWorkbook } from '../../src/engine/assess';
import { cellAddress } from '../../src/engine/ledger/cells';
import { readLedger } from '../../src/engine/ledger/readLedger';
import { SHEETS, type CellValue, type WorkbookGrid } from '../../src/engine/ledger/types';
import { workbookToGrid } from '../../src/xlsx/grid';
import { colOf, golden, goldenSheets, specsToGrid, withCell } from './golden';

const T = SHEETS.towns;
const base = () => specsToGrid(goldenSheets());
/** Row of a golden town in 乡镇台账 (0-based; row 0 is the header). */
const rowOf = (unit: string) => golden.towns.findIndex((t) => t.unit === unit) + 1;

function set(grid: WorkbookGrid, unit: string, code: string, value: CellValue, sheet: string = T) {
  const col = colOf(grid, sheet, code);
  const row = sheet === T ? rowOf(unit) : golden.departments.findIndex((d) => d.unit === unit) + 1;
  return { grid: withCell(grid, sheet, row, col, value), cell: cellAddress(row, col) };
}

/** A column of the clerk's own, appended to 乡镇台账: its header and one town's cell. */
function withColumn(grid: WorkbookGrid, header: string, unit: string, value: CellValue) {
  const width = grid.sheets.find((s) => s.name === T)!.values[0]!.length;
  const g = withCell(withCell(grid, T, 0, width, header), T, rowOf(unit), width, value);
  return { grid: g, cell: cellAddress(rowOf(unit), width) };
}

const town = (grid: WorkbookGrid, unit: string) => {
  const u = readLedger(grid).units.find((x) => x.input.unit === unit)!;
  return { input: u.input, score: u.score! };
};
const at = (grid: WorkbookGrid, cell: string) => readLedger(grid).findings.filter((f) => f.sheet === T && f.cell === cell);

describe('不考核 in a score cell', () => {
  it('甲镇 P1 "/" (100 of 370 not assessed): P = 265 / 270 × 370; no finding at the cell', () => {
    const { grid, cell } = set(base(), '甲镇', 'P1', '/');
    expect(at(grid, cell)).toEqual([]);
    const u = town(grid, '甲镇');
    expect(u.score.party).toBe(363.148148); // roundScore(265 / 270 × 370)
    expect(u.score.total).toBe(1003.148148); // + F 620 + B1 20
  });

  it.each(['／', '不考核', '—', '——', '－', '-', ' / '])('%p reads the same as "/"', (mark) => {
    expect(town(set(base(), '甲镇', 'P1', mark).grid, '甲镇').score.party).toBe(363.148148);
  });

  it('all of P3’s children not assessed: P3 is not assessed, P = 295 / 300 × 370, and 得分明细 says 不考核 for each', () => {
    let grid = base();
    for (const c of ['P3.1', 'P3.2', 'P3.3', 'P3.4']) grid = set(grid, '甲镇', c, '不考核').grid;
    const u = town(grid, '甲镇');
    expect(u.score.party).toBe(363.833333);
    const a = assessWorkbook(grid, golden.options);
    const rows = a.sheets.find((s) => s.name === SHEETS.detail)!.rows;
    const of = (code: string) => rows.find((r) => r[0] === '甲镇' && r[2] === code)!;
    for (const c of ['P3', 'P3.1', 'P3.4']) expect(of(c)[9]).toBe('不考核');
    expect(of('P3').slice(4, 7)).toEqual([null, 0, 0]);
  });

  it('a department: 卫生局 D1 (30) not assessed, the other 70 in full → 100', () => {
    const { grid, cell } = set(base(), '卫生局', 'D1', '/', SHEETS.departments);
    const l = readLedger(grid);
    expect(l.findings.filter((f) => f.cell === cell && f.sheet === SHEETS.departments)).toEqual([]);
    expect(l.departments.find((d) => d.input.unit === '卫生局')!.score!.score).toBe(100);
  });

  it('a veto figure, a target or an adjustment count cannot be 不考核: a bilingual error at the cell', () => {
    for (const code of ['V1', 'V1T', 'X1']) {
      const { grid, cell } = set(base(), '甲镇', code, '/');
      const fs = at(grid, cell).filter((f) => f.severity === 'error');
      expect(fs.map((f) => f.rule)).toEqual(['value.unassessed-not-allowed']);
      expect(fs[0]!.zh).toContain('不考核 只能用于指标得分');
      expect(fs[0]!.en).toContain("'not assessed' is only allowed for item scores");
    }
  });
});

describe('一票否决 marked in the ledger', () => {
  const reason = '一票否决（政策外多孩）';
  it('in a score cell: 甲镇 is vetoed with that reason, listed last without a rank; a warning names the cell', () => {
    const { grid, cell } = set(base(), '甲镇', 'P2', reason);
    expect(at(grid, cell).map((f) => [f.severity, f.rule])).toEqual([['warning', 'ledger.veto-marked']]);
    const u = town(grid, '甲镇');
    expect(u.input.markedVetoes).toEqual([{ text: reason, cell }]);
    expect(u.score).toMatchObject({ vetoed: true, total: null, party: null, vetoReasons: [reason], vetoReasonsEn: [`Veto marked in the ledger: ${reason}`] });
    const l = readLedger(grid);
    const r = rankAll(l.scheme, l.units.map((x) => x.input), [], golden.options);
    expect(r.units.map((x) => [x.unit, x.rank.total])).toEqual([
      ['乙街道', 1],
      ['丙镇', 1],
      ['丁镇', 3],
      ['戊街道', 4],
      ['甲镇', null],
      ['己镇', null],
    ]);
    const summary = assessWorkbook(grid, golden.options).sheets.find((s) => s.name === SHEETS.summary)!;
    const row = summary.rows.find((x) => x[1] === '甲镇')!;
    expect(row[0]).toBeNull();
    expect(String(row[12])).toContain(reason);
  });

  it.each(['备注', '总分', '总得分', '备注 ', '总得分（1000分）'])('in a %p column: the same veto, at that cell', (header) => {
    const { grid, cell } = withColumn(base(), header, '乙街道', '否决：虚报瞒报');
    expect(at(grid, cell).map((f) => f.rule)).toEqual(['ledger.veto-marked']);
    expect(town(grid, '乙街道').score.vetoReasons).toEqual(['否决：虚报瞒报']);
  });

  it('other text in 备注, or 否决 in a column of another name, changes nothing', () => {
    expect(town(withColumn(base(), '备注', '乙街道', '已核实').grid, '乙街道').score.total).toBe(982);
    expect(town(withColumn(base(), '说明', '乙街道', '一票否决').grid, '乙街道').score.total).toBe(982);
  });

  it('a department has no veto: 一票否决 in its score cell is an error there', () => {
    const { grid, cell } = set(base(), '卫生局', 'D1', '一票否决', SHEETS.departments);
    expect(readLedger(grid).findings.filter((f) => f.cell === cell).map((f) => f.rule)).toEqual(['value.veto-not-allowed']);
  });

  it('property: a veto marked in any score cell of any town takes exactly that town out, with that text', () => {
    const grid0 = base();
    const header = grid0.sheets.find((s) => s.name === T)!.values[0]!;
    const scoreCodes = header.map((h) => String(h).split(' ')[0]!).filter((c) => /^[PF]\d/.test(c));
    fc.assert(
      fc.property(
        fc.constantFrom(...golden.towns.filter((t) => !t.expected.vetoed).map((t) => t.unit)),
        fc.constantFrom(...scoreCodes),
        fc.constantFrom('一票否决', '否决', '一票否决（政策外多孩）', '否决(虚报)'),
        (unit, code, text) => {
          const { grid } = set(grid0, unit, code, text);
          const l = readLedger(grid);
          for (const u of l.units) {
            const t = golden.towns.find((x) => x.unit === u.input.unit)!;
            if (u.input.unit === unit) expect(u.score).toMatchObject({ vetoed: true, total: null, vetoReasons: [text] });
            else expect(u.score!.total).toBe(t.expected.total);
          }
          expect(l.findings.filter((f) => f.severity === 'error')).toEqual([]);
        },
      ),
      { seed: 20261205, numRuns: 60 },
    );
  });
});

describe('points as clerks write them', () => {
  it.each([
    ['15分', 1005],
    ['15 分', 1005],
    ['１５．０分', 1005],
    ['+15分', 1005],
  ])('甲镇 P2 %p reads as 15 (total %p)', (text, total) => {
    const { grid, cell } = set(base(), '甲镇', 'P2', text);
    expect(at(grid, cell)).toEqual([]);
    expect(town(grid, '甲镇').score.total).toBe(total);
  });

  it.each(['扣5分', '-5分', '减5分'])('甲镇 P2 %p is negative: the item does not allow it (score.negative)', (text) => {
    const { grid, cell } = set(base(), '甲镇', 'P2', text);
    expect(at(grid, cell).map((f) => f.rule)).toEqual(['score.negative']);
  });

  it.each(['15分5', '15 5', '15分3分'])('甲镇 P2 %p is two numbers: an error naming the cell', (text) => {
    const { grid, cell } = set(base(), '甲镇', 'P2', text);
    const fs = at(grid, cell);
    expect(fs.map((f) => f.rule)).toEqual(['value.not-number']);
    expect(fs[0]!.zh).toContain('P2');
  });

  it.each(['扣25分', '-25', '减25分', '25分', '－２５分'])('a deduction column: 戊街道 X3 %p is a deduction of 25 (total 945)', (text) => {
    const { grid, cell } = set(base(), '戊街道', 'X3', text);
    expect(at(grid, cell)).toEqual([]);
    const u = town(grid, '戊街道');
    expect(u.input.adjustments.X3).toBe(25);
    expect([u.score.deduction, u.score.total]).toEqual([golden.towns[4]!.expected.deduction, 945]);
  });

  it('a deduction count written 扣1 (乙街道 X1) counts 1 event; a bonus written negative stays an error', () => {
    expect(town(set(base(), '乙街道', 'X1', '扣1').grid, '乙街道').score.total).toBe(982);
    const { grid, cell } = set(base(), '甲镇', 'B1', '-1');
    expect(at(grid, cell).map((f) => f.rule)).toEqual(['adjustment.count']);
  });
});

describe('a formula’s cached result is the value', () => {
  it('an ExcelJS cell {formula: SUM(C2:D2), result: 35} reads as 35; one without a result is blank with the warning', () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet(T);
    ws.addRow(['单位', '类别', 'P1 基本人口指标', 'P2 统筹决策']);
    ws.addRow(['甲镇', 1, { formula: 'SUM(C2:D2)', result: 35 }, { formula: 'E2' }]);
    const l = readLedger(workbookToGrid(wb));
    expect(l.units[0]!.input.scores.P1).toBe(35);
    expect(l.units[0]!.input.scores.P2 ?? null).toBeNull();
    expect(l.findings.filter((f) => f.cell === 'D2').map((f) => [f.severity, f.rule])).toEqual([['warning', 'score.blank']]);
    expect(l.findings.filter((f) => f.cell === 'C2')).toEqual([]);
  });
});
