/**
 * The Office.js adapter against the counting fake: what is written where, text stays text, input
 * sheets are untouched, only Kaohe's own output sheets are replaced, highlights restore the user's
 * fill, settings round-trip, and reads take two syncs.
 */
import { isKaoheError } from '../../src/engine/errors';
import { PALETTE } from '../../src/engine/ledger/palette';
import { SHEETS, type SheetSpec } from '../../src/engine/ledger/types';
import { FakeExcel } from '../../src/excel/fake/countingExcel';
import { CHART_NAME, createOfficeWorkbook, HIGHLIGHT_COLOR, MARKER_PREFIX, SETTINGS_KEY, SYNC_BUDGET_BYTES } from '../../src/excel/officeWorkbook';
import { DEFAULT_SETTINGS, SheetExistsError, type WorkbookPort } from '../../src/excel/port';
import { describePortContract } from '../ports/portContract';

function setup(supports: (set: string, version: string) => boolean = () => true): { fake: FakeExcel; port: WorkbookPort } {
  const fake = new FakeExcel();
  return { fake, port: createOfficeWorkbook(fake.run, { settings: fake.settings, supports }) };
}

function summarySpec(rows = 4): SheetSpec {
  const data = Array.from({ length: rows }, (_, i) => [i + 1, `镇${i + 1}`, 90 - i + 0.25, i === rows - 1 ? null : i + 1]);
  return {
    name: SHEETS.summary,
    rows: [['排名', '乡镇', '总分', '类内排名'], ...data],
    columns: [{ width: 6, numFmt: '0' }, { width: 14 }, { width: 9, numFmt: '0.00' }, { width: 8, numFmt: '0' }],
    rowStyles: { 1: 'top', 2: 'yellow', [rows - 1]: 'last', [rows]: 'vetoed' },
    freezeRows: 1,
    landscape: true,
    chart: { labelColumn: 1, valueColumn: 2, rowCount: rows - 1, title: '总分' },
  };
}

const INPUT = [
  ['乡镇', '类别', 'P1'],
  ['青山镇', '一类', 0.9077],
  ['=HYPERLINK("x")', '二类', '90.77%'],
];

describe('writeSheets: what is written where', () => {
  it('writes values, number formats, styles, layout and the chart, then activates the summary', async () => {
    const { fake, port } = setup();
    const progress: number[] = [];
    await port.writeSheets([summarySpec()], { replace: false, activate: SHEETS.summary, onProgress: (f) => progress.push(f) });

    const cell = (a: string) => fake.cell(SHEETS.summary, a)!;
    expect(cell('A1')).toMatchObject({ value: '排名', kind: 'text', numberFormat: '@', bold: true, fill: `#${PALETTE.header.fill}` });
    expect(cell('B2')).toMatchObject({ value: '镇1', kind: 'text', numberFormat: '@' });
    expect(cell('C2')).toMatchObject({ value: 90.25, kind: 'number', numberFormat: '0.00' });
    expect(cell('A3')).toMatchObject({ value: 2, kind: 'number', numberFormat: '0' });
    expect(cell('D5')).toMatchObject({ value: '', kind: 'text' }); // null is written as an empty cell
    expect(cell('A2').fill).toBe(`#${PALETTE.top.fill}`);
    expect(cell('D3').fill).toBe(`#${PALETTE.yellow.fill}`);
    expect(cell('A4').fill).toBe(`#${PALETTE.last.fill}`);
    expect(cell('B5')).toMatchObject({ fill: `#${PALETTE.vetoed.fill}`, bold: true });
    expect(fake.cell(SHEETS.summary, 'A6')).toBeUndefined(); // nothing past the data

    const sheet = fake.sheet(SHEETS.summary);
    expect(sheet.frozenRows).toBe(1);
    expect(sheet).toMatchObject({ orientation: 'Landscape', paperSize: 'A4', printArea: 'A1:D5' });
    expect(sheet.columnWidths.get(1)).toBeGreaterThan(sheet.columnWidths.get(0)!);
    expect(sheet.charts).toEqual([
      expect.objectContaining({ name: CHART_NAME, type: 'BarClustered', source: 'C2:C4', xAxis: 'B2:B4', title: '总分', legendVisible: false }),
    ]);
    expect(fake.activeSheet).toBe(SHEETS.summary);
    expect(fake.names).toEqual([expect.objectContaining({ name: `${MARKER_PREFIX}1`, formula: `=${SHEETS.summary}!$A$1` })]);
    expect(progress[progress.length - 1]).toBe(1);
    // every write sync ran with calculation and screen updating suspended
    expect(fake.syncs.slice(1).every((s) => s.suspendedCalculation && s.suspendedScreenUpdating)).toBe(true);
  });

  it('feature-detects: without ExcelApi 1.9 it neither suspends screen updating nor sets page layout', async () => {
    const { fake, port } = setup((_set, v) => Number(v.split('.')[1]) < 9);
    await port.writeSheets([summarySpec()], { replace: false });
    expect(fake.syncs.some((s) => s.suspendedScreenUpdating)).toBe(false);
    expect(fake.syncs.slice(1).every((s) => s.suspendedCalculation)).toBe(true);
    expect(fake.sheet(SHEETS.summary).paperSize).not.toBe('A4');
  });

  it('adds decimal data validation to template input cells', async () => {
    const { fake, port } = setup();
    const spec: SheetSpec = { name: SHEETS.towns, rows: [['乡镇', 'P1'], ['青山镇', null]], columns: [{ width: 10 }, { width: 8, numFmt: '0.00%' }], freezeRows: 1, validations: [{ range: 'B2:B200', min: 0, max: 1 }] };
    await port.writeSheets([spec], { replace: false });
    expect(fake.sheet(SHEETS.towns).validations).toEqual([{ address: 'B2:B200', rule: { decimal: { formula1: 0, formula2: 1, operator: 'Between' } } }]);
  });

  it('writes a large sheet in blocks under the budget with every cell in place', async () => {
    const { fake, port } = setup();
    const long = '长'.repeat(300); // 900 UTF-8 bytes: 6,000 rows make over 5 MB
    const rows = Array.from({ length: 6_000 }, (_, r) => [r, `${long}${r}`, r % 7 === 0 ? '=1+1' : r * 0.5]);
    const spec: SheetSpec = { name: SHEETS.detail, rows: [['n', 'text', 'mixed'], ...rows], columns: [{ width: 5, numFmt: '0' }, { width: 30 }, { width: 8, numFmt: '0.0' }], freezeRows: 1 };
    await port.writeSheets([spec], { replace: false });
    expect(fake.syncs.length).toBeGreaterThan(2); // split
    expect(fake.maxSyncRequestBytes).toBeLessThanOrEqual(SYNC_BUDGET_BYTES);
    for (const r of [0, 1, 2999, 3000, 4445, 5999]) {
      const row = r + 2;
      expect(fake.cell(SHEETS.detail, `A${row}`)).toMatchObject({ value: r, kind: 'number', numberFormat: '0' });
      expect(fake.cell(SHEETS.detail, `B${row}`)).toMatchObject({ value: `${long}${r}`, kind: 'text' });
      expect(fake.cell(SHEETS.detail, `C${row}`)).toMatchObject(r % 7 === 0 ? { value: '=1+1', kind: 'text', numberFormat: '@' } : { value: r * 0.5, kind: 'number', numberFormat: '0.0' });
    }
  });

  it('refuses a non-finite number before writing anything, naming sheet and cell', async () => {
    const { fake, port } = setup();
    const spec: SheetSpec = { name: SHEETS.summary, rows: [['a'], [Number.NaN]], columns: [{ width: 5 }], freezeRows: 1 };
    const err: unknown = await port.writeSheets([spec], { replace: false }).catch((e: unknown) => e);
    expect(isKaoheError(err)).toBe(true);
    expect((err as Error).message).toContain('A2');
    expect((err as Error).message).toContain(SHEETS.summary);
    expect(fake.syncs).toHaveLength(0);
    expect(fake.findSheet(SHEETS.summary)).toBeUndefined();
  });
});

describe('formula injection: text stays text', () => {
  const hostile = ['=HYPERLINK("http://evil.example","点我")', '+cmd|" /C calc"!A0', '-2+3', '@SUM(1,2)', '=1+1', '001', 'TRUE', '12%'];

  it('writes hostile names as text, exactly', async () => {
    const { fake, port } = setup();
    const spec: SheetSpec = { name: SHEETS.summary, rows: [['乡镇', '总分'], ...hostile.map((h, i) => [h, i])], columns: [{ width: 20 }, { width: 8, numFmt: '0.00' }], freezeRows: 1 };
    await port.writeSheets([spec], { replace: false });
    hostile.forEach((h, i) => {
      const cell = fake.cell(SHEETS.summary, `A${i + 2}`)!;
      expect(cell).toMatchObject({ value: h, kind: 'text' });
      expect(cell.formula).toBeUndefined();
    });
  });

  it('(control) the fake parses the same strings like Excel when the cell is not text-formatted', async () => {
    const fake = new FakeExcel();
    fake.addSheet('x');
    await fake.run(async (ctx) => {
      ctx.workbook.worksheets.getItem('x').getRange(`A1:A${hostile.length}`).values = hostile.map((h) => [h]);
      await ctx.sync();
    });
    expect(fake.cell('x', 'A1')!.kind).toBe('formula');
    expect(fake.cell('x', 'A2')!.kind).toBe('formula');
    expect(fake.cell('x', 'A6')).toMatchObject({ kind: 'number', value: 1 });
  });
});

describe('input sheets are never touched', () => {
  it('keeps every value and format of input sheets across a write and a replace', async () => {
    const { fake, port } = setup();
    fake.addSheet(SHEETS.towns, INPUT, 'A1', { numberFormat: '0.00%', fill: '#ABCDEF' });
    fake.addSheet(SHEETS.departments, [['部门', 'D1'], ['县教育局', 3]], 'B2');
    const before = [fake.snapshot(SHEETS.towns), fake.snapshot(SHEETS.departments)];
    await port.writeSheets([summarySpec()], { replace: false, activate: SHEETS.summary });
    await port.writeSheets([summarySpec(3)], { replace: true, activate: SHEETS.summary });
    expect([fake.snapshot(SHEETS.towns), fake.snapshot(SHEETS.departments)]).toEqual(before);
    expect(fake.sheets.map((s) => s.name)).toEqual([SHEETS.towns, SHEETS.departments, SHEETS.summary]);
  });
});

describe('replace: only Kaohe’s own output sheets', () => {
  it('refuses a user sheet that has an output name, with or without replace, and changes nothing', async () => {
    const { fake, port } = setup();
    fake.addSheet(SHEETS.summary, [['我的表', 1]]);
    const before = fake.snapshot(SHEETS.summary);
    for (const replace of [false, true]) {
      const err: unknown = await port.writeSheets([summarySpec(), { ...summarySpec(), name: SHEETS.detail, chart: undefined }], { replace }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(SheetExistsError);
      expect((err as SheetExistsError).sheets).toEqual([SHEETS.summary]);
      expect((err as SheetExistsError).foreign).toEqual([SHEETS.summary]);
    }
    expect(fake.snapshot(SHEETS.summary)).toBe(before);
    expect(fake.findSheet(SHEETS.detail)).toBeUndefined(); // nothing half-written
    expect(fake.syncs).toHaveLength(2); // one check each, no writes
  });

  it('asks before replacing its own sheets, then clears them in place (one chart, one marker)', async () => {
    const { fake, port } = setup();
    await port.writeSheets([summarySpec(5)], { replace: false });
    const err: unknown = await port.writeSheets([summarySpec(3)], { replace: false }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SheetExistsError);
    expect((err as SheetExistsError).foreign).toEqual([]);

    fake.syncs.length = 0;
    await port.writeSheets([summarySpec(3)], { replace: true });
    expect(fake.cell(SHEETS.summary, 'B4')!.value).toBe('镇3');
    expect(fake.cell(SHEETS.summary, 'B6')).toBeUndefined(); // old rows are gone
    expect(fake.sheet(SHEETS.summary).charts).toHaveLength(1);
    expect(fake.sheet(SHEETS.summary).charts[0]!.source).toBe('C2:C3');
    expect(fake.names).toHaveLength(1);
    expect(fake.syncs.length).toBeLessThanOrEqual(3);
  });

  it('never replaces an input sheet, even one Kaohe created from the template', async () => {
    const { port } = setup();
    const template: SheetSpec = { name: SHEETS.towns, rows: [['乡镇', 'P1']], columns: [{ width: 10 }, { width: 8 }], freezeRows: 1 };
    await port.writeSheets([template], { replace: false });
    const err: unknown = await port.writeSheets([template], { replace: true }).catch((e: unknown) => e);
    expect((err as SheetExistsError).foreign).toEqual([SHEETS.towns]);
  });

  it('a sheet that merely took the name of a deleted or renamed Kaohe sheet is the user’s', async () => {
    const { fake, port } = setup();
    await port.writeSheets([summarySpec(), { ...summarySpec(), name: SHEETS.detail, chart: undefined }], { replace: false });
    fake.renameSheetByUser(SHEETS.summary, '旧 排名');
    fake.addSheet(SHEETS.summary, [['用户自己的表']]);
    fake.deleteSheetByUser(SHEETS.detail);
    fake.addSheet(SHEETS.detail, [['用户自己的明细']]);
    const err: unknown = await port.writeSheets([summarySpec(), { ...summarySpec(), name: SHEETS.detail, chart: undefined }], { replace: true }).catch((e: unknown) => e);
    expect((err as SheetExistsError).foreign).toEqual([SHEETS.summary, SHEETS.detail]);
    // the renamed sheet is still known as Kaohe's under its new name
    expect(fake.names.some((n) => n.formula === "='旧 排名'!$A$1")).toBe(true);
  });
});

describe('highlights are temporary', () => {
  it('restores each cell’s own fill exactly, and a second highlight first undoes the first', async () => {
    const { fake, port } = setup();
    fake.addSheet(SHEETS.towns, INPUT);
    fake.cell(SHEETS.towns, 'B2')!.fill = '#ABCDEF';
    const before = fake.snapshot(SHEETS.towns);

    await port.highlightCells([{ sheet: SHEETS.towns, address: 'B2' }, { sheet: SHEETS.towns, address: 'C2:C3' }]);
    expect(['B2', 'C2', 'C3'].map((a) => fake.cell(SHEETS.towns, a)!.fill)).toEqual([HIGHLIGHT_COLOR, HIGHLIGHT_COLOR, HIGHLIGHT_COLOR]);

    await port.highlightCells([{ sheet: SHEETS.towns, address: 'C3' }, { sheet: SHEETS.towns, address: 'A1' }]);
    expect(fake.cell(SHEETS.towns, 'B2')!.fill).toBe('#ABCDEF');
    expect(fake.cell(SHEETS.towns, 'C2')!.fill).toBeNull();
    expect(fake.cell(SHEETS.towns, 'C3')!.fill).toBe(HIGHLIGHT_COLOR);

    await port.clearHighlights();
    expect(fake.snapshot(SHEETS.towns)).toBe(before);
  });

  it('leaves a fill the user changed after the highlight alone', async () => {
    const { fake, port } = setup();
    fake.addSheet(SHEETS.towns, INPUT);
    await port.highlightCells([{ sheet: SHEETS.towns, address: 'A2' }]);
    fake.cell(SHEETS.towns, 'A2')!.fill = '#00FF00';
    await port.clearHighlights();
    expect(fake.cell(SHEETS.towns, 'A2')!.fill).toBe('#00FF00');
  });

  it('names a missing sheet in both languages', async () => {
    const { port } = setup();
    const err: unknown = await port.highlightCells([{ sheet: '没有', address: 'A1' }]).catch((e: unknown) => e);
    expect(isKaoheError(err)).toBe(true);
    expect((err as Error).message).toMatch(/没有.*does not exist/);
  });
});

describe('reading and selecting', () => {
  it('reads wanted sheets in tab order from A1, blanks as null, in two syncs', async () => {
    const { fake, port } = setup();
    fake.addSheet(SHEETS.departments, [['部门', 'D1'], ['县教育局', '']], 'B3');
    fake.addSheet('其他');
    fake.addSheet(SHEETS.towns, INPUT);
    fake.addSheet(SHEETS.rules);
    const grid = await port.readSheets([SHEETS.towns, SHEETS.departments, SHEETS.rules, '不存在']);
    expect(fake.syncs).toHaveLength(2);
    expect(grid.sheets.map((s) => s.name)).toEqual([SHEETS.departments, SHEETS.towns, SHEETS.rules]);
    expect(grid.sheets[0]!.values).toEqual([[], [], [null, '部门', 'D1'], [null, '县教育局', null]]);
    expect(grid.sheets[1]!.values).toEqual(INPUT);
    expect(grid.sheets[2]!.values).toEqual([]);
    expect(await port.listSheets()).toEqual([SHEETS.departments, '其他', SHEETS.towns, SHEETS.rules]);
  });

  it('reads a ledger bigger than Excel on the web will return at once in row blocks', async () => {
    const fake = new FakeExcel({ maxResponseBytes: 5_000_000 });
    const port = createOfficeWorkbook(fake.run, { settings: fake.settings, supports: () => true });
    const rows = Array.from({ length: 40_000 }, (_, r) => [`镇${r}`, ...Array.from({ length: 9 }, (_, c) => r * 10 + c + 0.123456)]);
    fake.addSheet(SHEETS.towns, [['乡镇', ...Array.from({ length: 9 }, (_, c) => `P${c + 1}`)], ...rows], 'B2');
    const grid = await port.readSheets([SHEETS.towns]);
    const values = grid.sheets[0]!.values;
    expect(values).toHaveLength(40_002);
    expect(values[1]![1]).toBe('乡镇');
    expect(values[40_001]).toEqual([null, ...rows[39_999]!]);
    expect(fake.syncs.length).toBeGreaterThan(3);
    expect(fake.syncs.every((s) => s.responseBytes <= 5_000_000 || s === fake.syncs[1])).toBe(true);
  }, 60_000);

  it('reads number formats of number cells beside the values (a % cell is a figure on the percent scale), in one read and in blocks', async () => {
    for (const maxResponseBytes of [undefined, 2_000]) {
      const fake = new FakeExcel(maxResponseBytes ? { maxResponseBytes } : {});
      const port = createOfficeWorkbook(fake.run, { settings: fake.settings, supports: () => true });
      const rows = Array.from({ length: 30 }, (_, r) => [`镇${r}`, 0.9 + r / 1000]);
      fake.addSheet(SHEETS.towns, [['单位', 'V1 出生政策符合率'], ...rows], 'B2', { numberFormat: '0.0%' });
      const sheet = (await port.readSheets([SHEETS.towns])).sheets[0]!;
      expect(sheet.values[2]).toEqual([null, '镇0', 0.9]);
      // Text cells carry no format; the number's sits at its sheet coordinates.
      expect(sheet.numberFormats?.[2]?.[2]).toBe('0.0%');
      expect(sheet.numberFormats?.[2]?.[1] ?? null).toBeNull();
      expect(sheet.numberFormats?.[31]?.[2]).toBe('0.0%');
      expect(sheet.numberFormats?.[1]).toBeUndefined();
    }
  });

  it('selects a cell and activates its sheet; a missing sheet is named', async () => {
    const { fake, port } = setup();
    fake.addSheet(SHEETS.towns, INPUT);
    await port.selectCell({ sheet: SHEETS.towns, address: 'C3' });
    expect(fake.selection).toEqual({ sheet: SHEETS.towns, address: 'C3' });
    expect(fake.activeSheet).toBe(SHEETS.towns);
    const err: unknown = await port.selectCell({ sheet: '没有', address: 'A1' }).catch((e: unknown) => e);
    expect((err as Error).message).toContain('没有');
    await expect(port.selectCell({ sheet: SHEETS.towns, address: 'not an address' })).rejects.toThrow(/not a valid cell address/);
  });
});

describe('settings in the document', () => {
  it('round-trips through saveAsync and ignores malformed stored values', async () => {
    const { fake, port } = setup();
    expect(await port.loadSettings()).toBeNull();
    const mine = { ...DEFAULT_SETTINGS, topN: 5, byClass: true, language: 'en-US' as const };
    await port.saveSettings(mine);
    expect(fake.settings.saved.get(SETTINGS_KEY)).toEqual(mine);
    expect(await port.loadSettings()).toEqual(mine);
    fake.settings.set(SETTINGS_KEY, { topN: -1, bottomN: 3, byClass: false, language: 'zh-CN' });
    expect(await port.loadSettings()).toBeNull();
    fake.settings.failNextSave = true;
    await expect(port.saveSettings(mine)).rejects.toThrow(/无法保存设置/);
  });
});

describePortContract('the Office adapter over the counting fake', () => {
  const fake = new FakeExcel();
  const port = createOfficeWorkbook(fake.run, { settings: fake.settings, supports: () => true });
  const hex = (color: string | null): string | null => (color === null ? null : color.replace(/^#/, '').toUpperCase());
  return {
    port,
    persists: 'document',
    addUserSheet: (name, rows) => void fake.addSheet(name, rows),
    typeValue: (sheet, address, value) => {
      const cell = fake.userCell(sheet, address);
      cell.value = value;
      cell.kind = typeof value === 'number' ? 'number' : 'text';
    },
    fillCell: (sheet, address, color) => void (fake.userCell(sheet, address).fill = `#${color}`),
    snapshot: (sheet) => fake.snapshot(sheet),
    marked: () => fake.sheets.flatMap((s) => fake.cellsOf(s.name).filter(({ cell }) => cell.fill === HIGHLIGHT_COLOR).map(({ address }) => `${s.name}!${address}`)),
    look: (sheet, address) => {
      const cell = fake.cell(sheet, address);
      return { fill: hex(cell?.fill ?? null), font: hex(cell?.fontColor ?? null), bold: cell?.bold ?? false };
    },
  };
});
