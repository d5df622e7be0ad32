/**
 * The contract every `WorkbookPort` keeps (the Office adapter over its counting fake, the
 * workbench over ExcelJS, any later one): what it reads, what it writes, what it may replace,
 * what it must refuse, and that everything else — marks included — leaves the workbook as it was,
 * cell for cell. Each port's test file calls `describePortContract` with a factory of harnesses.
 */
import { CELL_STYLES, PALETTE } from '../../src/engine/ledger/palette';
import { SHEETS, type CellValue, type SheetSpec } from '../../src/engine/ledger/types';
import { SheetExistsError, type CellRef, type WorkbookPort } from '../../src/excel/port';
import { defaultEngine } from '../../src/taskpane/defaultEngine';

/** A port over a fresh, empty workbook, with the hands of a user and the eyes of a test. */
export interface PortHarness {
  readonly port: WorkbookPort;
  /** What the port should answer for `settingsPersist`. */
  readonly persists: 'document' | 'session';
  /** Adds a sheet as a user typed it: values from A1 (null = blank). */
  addUserSheet(name: string, rows: readonly (readonly CellValue[])[]): void;
  /** The user types a value into a cell. */
  typeValue(sheet: string, address: string, value: string | number): void;
  /** The user gives a cell a solid fill (`RRGGBB`). */
  fillCell(sheet: string, address: string, color: string): void;
  /** Everything the workbook keeps about a sheet (cells, formats, fills, used range…), as text. */
  snapshot(sheet: string): string;
  /** Cells shown as marked now, as `sheet!A1`. */
  marked(): string[];
  /** How a written cell looks: fill and font colour as `RRGGBB` (null = none), bold. */
  look(sheet: string, address: string): { fill: string | null; font: string | null; bold: boolean };
}

const SUMMARY: SheetSpec = {
  name: SHEETS.summary,
  rows: [
    ['总排名', '单位', '总分'],
    [1, '=HYPERLINK("http://evil","城关镇")', 912.5],
    [2, '+cmd', 900],
    [null, '北湖镇', null],
  ],
  columns: [{ width: 6 }, { width: 16 }, { width: 10, numFmt: '0.00' }],
  rowStyles: { 0: 'header', 1: 'top', 3: 'vetoed' },
  freezeRows: 1,
};

const DETAIL: SheetSpec = {
  name: SHEETS.detail,
  rows: [
    ['单位', '代码'],
    ['城关镇', 'P1'],
  ],
  columns: [{ width: 10 }, { width: 8 }],
  freezeRows: 1,
};

/** A ledger the user typed: three columns only, so every missing column is reported past them. */
const TOWNS: readonly (readonly CellValue[])[] = [
  ['单位', '类别', 'P1 基本人口指标'],
  ['城关镇', 1, 30],
  ['东山镇', 2, 28],
];

const ZH = { topN: 3, bottomN: 3, byClass: false, language: 'zh-CN' as const };

async function refusal(write: Promise<void>): Promise<SheetExistsError> {
  const error: unknown = await write.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(SheetExistsError);
  return error as SheetExistsError;
}

/** The cells the pane marks for a set of findings (FindingList: every finding with a cell). */
async function findingRefs(port: WorkbookPort): Promise<CellRef[]> {
  const grid = await port.readSheets(defaultEngine.inputSheets);
  return defaultEngine
    .assess(grid, ZH)
    .findings.flatMap((f) => (f.cell ? [{ sheet: f.sheet, address: f.cell }] : []));
}

export function describePortContract(name: string, make: () => PortHarness): void {
  describe(`WorkbookPort contract: ${name}`, () => {
    describe('reading', () => {
      it('lists sheets in tab order and reads the wanted ones from A1, leaving out missing ones', async () => {
        const h = make();
        h.addUserSheet(SHEETS.towns, TOWNS);
        h.addUserSheet('备注', [
          [null, null],
          [null, '自己的表'],
        ]);
        expect(await h.port.listSheets()).toEqual([SHEETS.towns, '备注']);
        const grid = await h.port.readSheets(['备注', SHEETS.towns, '不存在']);
        expect(grid.sheets.map((s) => s.name).sort()).toEqual(['备注', SHEETS.towns].sort());
        const values = (sheet: string) => grid.sheets.find((s) => s.name === sheet)!.values;
        expect(values(SHEETS.towns)).toEqual(TOWNS);
        expect(values('备注')[1]).toEqual([null, '自己的表']);
      });
    });

    describe('writing output sheets', () => {
      it('creates them with their values, text staying text, and leaves every other sheet unchanged', async () => {
        const h = make();
        h.addUserSheet(SHEETS.towns, TOWNS);
        const before = h.snapshot(SHEETS.towns);
        await h.port.writeSheets([SUMMARY, DETAIL], { replace: false, activate: SHEETS.summary });
        expect(await h.port.listSheets()).toEqual([SHEETS.towns, SHEETS.summary, SHEETS.detail]);
        const grid = await h.port.readSheets([SHEETS.summary, SHEETS.detail]);
        // Trailing blanks of a row carry nothing: a port may end a row at its last value.
        expect(trimRows(grid.sheets.find((s) => s.name === SHEETS.summary)!.values)).toEqual(trimRows(SUMMARY.rows));
        expect(trimRows(grid.sheets.find((s) => s.name === SHEETS.detail)!.values)).toEqual(trimRows(DETAIL.rows));
        expect(h.snapshot(SHEETS.towns)).toBe(before);
      });

      it('colours every row style from the one palette', async () => {
        const h = make();
        const spec: SheetSpec = {
          name: SHEETS.summary,
          rows: CELL_STYLES.map((style) => [style, 1]),
          columns: [{ width: 10 }, { width: 10 }],
          rowStyles: Object.fromEntries(CELL_STYLES.map((style, r) => [r, style])),
          freezeRows: 0,
        };
        await h.port.writeSheets([spec], { replace: false });
        for (const [r, style] of CELL_STYLES.entries()) {
          for (const column of ['A', 'B']) {
            expect({ style, ...h.look(SHEETS.summary, `${column}${r + 1}`) }).toEqual({
              style,
              ...PALETTE[style],
            });
          }
        }
      });
    });

    describe('replacing', () => {
      it('asks first: an existing output sheet is a SheetExistsError without replace, nothing changed', async () => {
        const h = make();
        await h.port.writeSheets([SUMMARY], { replace: false });
        const before = h.snapshot(SHEETS.summary);
        const error = await refusal(h.port.writeSheets([SUMMARY, DETAIL], { replace: false }));
        expect(error.sheets).toEqual([SHEETS.summary]);
        expect(error.foreign).toEqual([]);
        expect(h.snapshot(SHEETS.summary)).toBe(before);
        expect(await h.port.listSheets()).toEqual([SHEETS.summary]);
      });

      it('replaces its own output sheets in place with exactly the new content', async () => {
        const h = make();
        h.addUserSheet(SHEETS.towns, TOWNS);
        await h.port.writeSheets([SUMMARY], { replace: false });
        h.addUserSheet('备注', [['笔记']]);
        const before = [h.snapshot(SHEETS.towns), h.snapshot('备注')];
        const smaller: SheetSpec = {
          ...SUMMARY,
          rows: [['总排名'], [7]],
          rowStyles: { 0: 'header' },
        };
        await h.port.writeSheets([smaller], { replace: true });
        const grid = await h.port.readSheets([SHEETS.summary]);
        expect(grid.sheets[0]!.values).toEqual(smaller.rows);
        expect(await h.port.listSheets()).toEqual([SHEETS.towns, SHEETS.summary, '备注']);
        expect([h.snapshot(SHEETS.towns), h.snapshot('备注')]).toEqual(before);
      });

      it('refuses a sheet of the user’s that has an output sheet’s name, with or without replace', async () => {
        const h = make();
        h.addUserSheet(SHEETS.summary, [['我的汇总', 1]]);
        const before = h.snapshot(SHEETS.summary);
        for (const replace of [false, true]) {
          const error = await refusal(h.port.writeSheets([DETAIL, SUMMARY], { replace }));
          expect(error.sheets).toEqual([SHEETS.summary]);
          expect(error.foreign).toEqual([SHEETS.summary]);
        }
        expect(h.snapshot(SHEETS.summary)).toBe(before);
        // Decided before anything was written: the other sheet of the write was not created.
        expect(await h.port.listSheets()).toEqual([SHEETS.summary]);
      });

      it('refuses an input sheet Kaohe created from the template once scores are typed into it', async () => {
        const h = make();
        const template = defaultEngine.templateSheets({
          year: 2024,
          units: ['城关镇', '东山镇'],
          departments: ['卫生局'],
        });
        await h.port.writeSheets(template, { replace: false, activate: SHEETS.towns });
        h.typeValue(SHEETS.towns, 'C2', 28);
        const names = template.map((s) => s.name);
        const before = names.map((n) => h.snapshot(n));
        const error = await refusal(h.port.writeSheets(template, { replace: true }));
        expect(error.foreign).toEqual(names);
        expect(names.map((n) => h.snapshot(n))).toEqual(before);
        const grid = await h.port.readSheets([SHEETS.towns]);
        expect(grid.sheets[0]!.values[1]![2]).toBe(28);
      });
    });

    describe('marking findings', () => {
      it('marks exactly the cells asked, a new mark replacing the old one', async () => {
        const h = make();
        h.addUserSheet(SHEETS.towns, TOWNS);
        await h.port.highlightCells([
          { sheet: SHEETS.towns, address: 'B2' },
          { sheet: SHEETS.towns, address: 'C3' },
        ]);
        expect(h.marked().sort()).toEqual([`${SHEETS.towns}!B2`, `${SHEETS.towns}!C3`]);
        await h.port.highlightCells([{ sheet: SHEETS.towns, address: 'A1' }]);
        expect(h.marked()).toEqual([`${SHEETS.towns}!A1`]);
        await h.port.clearHighlights();
        expect(h.marked()).toEqual([]);
      });

      it('mark then clear leaves every sheet as it was, cell for cell, past the used range too', async () => {
        const h = make();
        h.addUserSheet(SHEETS.towns, TOWNS);
        h.fillCell(SHEETS.towns, 'C2', 'ABCDEF');
        await h.port.writeSheets([SUMMARY], { replace: false });
        const sheets = [SHEETS.towns, SHEETS.summary];
        const before = sheets.map((s) => h.snapshot(s));
        const grid = await h.port.readSheets(sheets);
        await h.port.highlightCells([
          { sheet: SHEETS.towns, address: 'C2' }, // the user's own fill
          { sheet: SHEETS.towns, address: 'B2:C3' },
          { sheet: SHEETS.towns, address: 'BA1' }, // far past the used range
          { sheet: SHEETS.towns, address: 'D9' },
          { sheet: SHEETS.summary, address: 'A2' }, // a styled output cell
        ]);
        await h.port.clearHighlights();
        expect(sheets.map((s) => h.snapshot(s))).toEqual(before);
        expect(await h.port.readSheets(sheets)).toEqual(grid);
      });

      it('mark, clear, mark, clear… marks the same findings at the same cells every time', async () => {
        const h = make();
        h.addUserSheet(SHEETS.towns, TOWNS);
        const before = h.snapshot(SHEETS.towns);
        const first = await findingRefs(h.port);
        // The missing columns are reported just past the header (D1): the cell that drifted.
        expect(first).toContainEqual({ sheet: SHEETS.towns, address: 'D1' });
        for (let round = 0; round < 3; round++) {
          const refs = await findingRefs(h.port);
          expect(refs).toEqual(first);
          await h.port.highlightCells(refs);
          expect(h.marked().sort()).toEqual(
            [...new Set(first.map((r) => `${r.sheet}!${r.address}`))].sort(),
          );
          await h.port.clearHighlights();
          expect(h.snapshot(SHEETS.towns)).toBe(before);
        }
      });

      it('leaves alone a fill the user gave a marked cell while it was marked', async () => {
        const h = make();
        h.addUserSheet(SHEETS.towns, TOWNS);
        await h.port.highlightCells([{ sheet: SHEETS.towns, address: 'A2' }]);
        h.fillCell(SHEETS.towns, 'A2', '00FF00');
        await h.port.clearHighlights();
        expect(h.look(SHEETS.towns, 'A2').fill).toBe('00FF00');
      });

      it('names a missing sheet when asked to mark or select in it, and marks nothing', async () => {
        const h = make();
        h.addUserSheet(SHEETS.towns, TOWNS);
        const missing = { sheet: '无此表', address: 'A1' };
        await expect(
          h.port.highlightCells([{ sheet: SHEETS.towns, address: 'A1' }, missing]),
        ).rejects.toThrow(/无此表/);
        expect(h.marked()).toEqual([]);
        await expect(h.port.selectCell(missing)).rejects.toThrow(/无此表/);
      });
    });

    describe('settings', () => {
      it('keeps what was saved and says where', async () => {
        const h = make();
        expect(h.port.settingsPersist).toBe(h.persists);
        expect(await h.port.loadSettings()).toBeNull();
        const mine = { topN: 5, bottomN: 1, byClass: true, language: 'en-US' as const };
        await h.port.saveSettings(mine);
        expect(await h.port.loadSettings()).toEqual(mine);
      });
    });
  });
}

/** Rows without their trailing blank cells. */
function trimRows(rows: readonly (readonly unknown[])[]): unknown[][] {
  return rows.map((row) => {
    const r = [...row];
    while (r.length > 0 && (r[r.length - 1] === null || r[r.length - 1] === undefined)) r.pop();
    return r;
  });
}
