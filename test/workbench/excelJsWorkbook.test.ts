import ExcelJS from 'exceljs';
import type { SheetSpec } from '../../src/engine/ledger/types';
import { SheetExistsError } from '../../src/excel/port';
import { MARKER_PREFIX } from '../../src/excel/officeWorkbook';
import {
  ExcelJsWorkbook,
  OWNED_NAME_PREFIX,
  toCellValue,
} from '../../src/workbench/excelJsWorkbook';
import { describePortContract } from '../ports/portContract';

async function reopen(port: ExcelJsWorkbook): Promise<ExcelJsWorkbook> {
  const bytes = await port.toXlsx();
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes);
  return new ExcelJsWorkbook(wb);
}

function ledger(): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('乡镇台账');
  ws.addRow(['单位', '类别', 'P1 基本人口指标', 'V1 出生政策符合率']);
  ws.addRow(['城关镇', 1, 95, 0.9077]);
  ws.addRow([
    '=HYPERLINK("http://x","东山镇")',
    2,
    { formula: '40+50', result: 90 },
    { formula: '1/0', result: { error: '#DIV/0!' } },
  ]);
  ws.addRow([
    { richText: [{ text: '西' }, { text: '河镇' }] },
    null,
    new Date(Date.UTC(2024, 2, 1)),
    '',
  ]);
  ws.getCell('C2').fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FF00B0F0' } };
  return wb;
}

const SUMMARY: SheetSpec = {
  name: '排名汇总',
  rows: [
    ['名次', '单位', '总分'],
    [1, '=HYPERLINK("http://evil","城关镇")', 912.5],
    [2, '+cmd', 900],
    [null, '北湖镇', null],
  ],
  columns: [{ width: 6 }, { width: 16 }, { width: 10, numFmt: '0.00' }],
  rowStyles: { 0: 'header', 1: 'top', 3: 'vetoed' },
  freezeRows: 1,
  landscape: true,
  validations: [{ range: 'C2:C4', min: 0, max: 1000 }],
};

describe('ExcelJsWorkbook (the workbench port)', () => {
  it('reads number formats of number cells beside the values (0.982 in a 0.0% cell)', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('乡镇台账');
    ws.addRow(['单位', 'V1 出生政策符合率', 'V1T 目标']);
    ws.addRow(['甲镇', 0.982, 95]);
    ws.getCell('B2').numFmt = '0.0%';
    ws.getCell('A2').numFmt = '0.0%';
    const sheet = (await new ExcelJsWorkbook(wb).readSheets(['乡镇台账'])).sheets[0]!;
    expect(sheet.values[1]).toEqual(['甲镇', 0.982, 95]);
    expect(sheet.numberFormats?.[1]?.[1]).toBe('0.0%');
    expect([0, 2].map((c) => sheet.numberFormats?.[1]?.[c] ?? null)).toEqual([null, null]);
    expect(sheet.numberFormats?.[0]).toBeUndefined();
  });

  it('reads used ranges as plain values: formulas give their result, rich text its text, dates a marker, errors their code', async () => {
    const port = new ExcelJsWorkbook(ledger());
    const grid = await port.readSheets(['乡镇台账', '部门台账']);
    expect(grid.sheets.map((s) => s.name)).toEqual(['乡镇台账']);
    expect(grid.sheets[0]!.values).toEqual([
      ['单位', '类别', 'P1 基本人口指标', 'V1 出生政策符合率'],
      ['城关镇', 1, 95, 0.9077],
      ['=HYPERLINK("http://x","东山镇")', 2, 90, '#DIV/0!'],
      ['西河镇', null, '#DATE!2024-03-01', ''],
    ]);
  });

  it('writes sheets as values with formats, marks them as its own, and round-trips through .xlsx with text staying text', async () => {
    const port = new ExcelJsWorkbook(ledger());
    const progress: number[] = [];
    await port.writeSheets([SUMMARY], {
      replace: false,
      activate: '排名汇总',
      onProgress: (f) => progress.push(f),
    });
    expect(progress[progress.length - 1]).toBe(1);
    expect(port.view.activeSheet).toBe('排名汇总');

    const again = await reopen(port);
    expect(await again.listSheets()).toEqual(['乡镇台账', '排名汇总']);
    expect(again.isOwned('排名汇总')).toBe(true);
    expect(again.isOwned('乡镇台账')).toBe(false);
    const ws = again.workbook.getWorksheet('排名汇总')!;
    const name = ws.getCell('B2');
    expect(name.value).toBe('=HYPERLINK("http://evil","城关镇")');
    expect(name.formula).toBeUndefined();
    expect(ws.getCell('B3').value).toBe('+cmd');
    expect(ws.getCell('C2').numFmt).toBe('0.00');
    expect(ws.getCell('A1').font?.bold).toBe(true);
    expect((ws.getCell('B4').fill as ExcelJS.FillPattern).fgColor?.argb).toBe('FFFFC7CE');
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(ws.pageSetup.orientation).toBe('landscape');
    expect(ws.getColumn(2).width).toBe(16);
    expect(ws.getCell('C3').dataValidation).toMatchObject({ type: 'decimal', formulae: [0, 1000] });
    const read = await again.readSheets(['排名汇总']);
    // Rows end at their last non-blank cell, as the CLI reads them (one ExcelJS cell reader).
    const trimmed = SUMMARY.rows.map((row) => {
      const r = [...row];
      while (r.length > 0 && r[r.length - 1] === null) r.pop();
      return r;
    });
    expect(read.sheets[0]!.values).toEqual(trimmed);
  });

  it('leaves the input sheet exactly as it was', async () => {
    const wb = ledger();
    const port = new ExcelJsWorkbook(wb);
    const before = JSON.stringify(
      (wb.getWorksheet('乡镇台账')! as unknown as { model: unknown }).model,
    );
    await port.writeSheets([SUMMARY], { replace: false });
    await port.writeSheets([SUMMARY], { replace: true });
    expect(
      JSON.stringify((wb.getWorksheet('乡镇台账')! as unknown as { model: unknown }).model),
    ).toBe(before);
  });

  it('refuses to overwrite without replace, replaces only its own sheets, never a foreign one of the same name', async () => {
    const port = new ExcelJsWorkbook(ledger());
    await port.writeSheets([SUMMARY], { replace: false });
    await expect(port.writeSheets([SUMMARY], { replace: false })).rejects.toMatchObject({
      sheets: ['排名汇总'],
      foreign: [],
    });
    const changed: SheetSpec = { ...SUMMARY, rows: [['名次'], [7]] };
    await port.writeSheets([changed], { replace: true });
    expect((await port.readSheets(['排名汇总'])).sheets[0]!.values).toEqual([['名次'], [7]]);
    expect(await port.listSheets()).toEqual(['乡镇台账', '排名汇总']);

    const foreign: SheetSpec = { ...SUMMARY, name: '乡镇台账' };
    const error: unknown = await port
      .writeSheets([SUMMARY, foreign], { replace: true })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SheetExistsError);
    expect((error as SheetExistsError).foreign).toEqual(['乡镇台账']);
    // Nothing was changed by the refused write.
    expect((await port.readSheets(['排名汇总'])).sheets[0]!.values).toEqual([['名次'], [7]]);
    expect((await port.readSheets(['乡镇台账'])).sheets[0]!.values[1]).toEqual([
      '城关镇',
      1,
      95,
      0.9077,
    ]);
  });

  it('marks cells in the view only: the workbook, its styles and the saved file never see them', async () => {
    const wb = ledger();
    const port = new ExcelJsWorkbook(wb);
    const ws = wb.getWorksheet('乡镇台账')!;
    const before = JSON.stringify((ws as unknown as { model: unknown }).model);
    await port.highlightCells([
      { sheet: '乡镇台账', address: 'C2' },
      { sheet: '乡镇台账', address: 'd3:D4' },
    ]);
    expect([...port.view.highlighted]).toEqual(['乡镇台账!C2', '乡镇台账!D3', '乡镇台账!D4']);
    expect(JSON.stringify((ws as unknown as { model: unknown }).model)).toBe(before);
    await port.clearHighlights();
    expect(JSON.stringify((ws as unknown as { model: unknown }).model)).toBe(before);
    expect(port.view.highlighted.size).toBe(0);
    await port.highlightCells([{ sheet: '乡镇台账', address: 'C2' }]);
    const saved = await reopen(port);
    expect(
      (saved.workbook.getWorksheet('乡镇台账')!.getCell('C2').fill as ExcelJS.FillPattern).fgColor
        ?.argb,
    ).toBe('FF00B0F0');
    expect(port.view.highlighted.size).toBe(1);
  });

  it('selects a cell and opens its sheet; an unknown sheet is an error in both languages', async () => {
    const port = new ExcelJsWorkbook(ledger());
    await port.writeSheets([SUMMARY], { replace: false, activate: '排名汇总' });
    await port.selectCell({ sheet: '乡镇台账', address: 'c3' });
    expect(port.view).toMatchObject({
      activeSheet: '乡镇台账',
      selection: { sheet: '乡镇台账', address: 'C3' },
    });
    await expect(port.selectCell({ sheet: '无此表', address: 'A1' })).rejects.toMatchObject({
      zh: expect.stringContaining('无此表'),
    });
  });

  it('marks its sheets the way the Office adapter does, so workbooks move between Excel and the workbench', async () => {
    expect(OWNED_NAME_PREFIX).toBe(MARKER_PREFIX);
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('排名汇总');
    wb.definedNames.add("'排名汇总'!$A$1", `${MARKER_PREFIX}3`);
    const port = new ExcelJsWorkbook(wb);
    expect(port.isOwned('排名汇总')).toBe(true);
    await port.writeSheets([SUMMARY], { replace: true });
    const names = (wb.definedNames.model as { name: string }[]).map((n) => n.name);
    expect(names).toEqual([`${MARKER_PREFIX}1`]);
  });

  it('knows when it holds writes not downloaded yet (the workbench asks before dropping them)', async () => {
    const port = new ExcelJsWorkbook(ledger());
    expect(port.unsaved).toBe(false);
    await port.highlightCells([{ sheet: '乡镇台账', address: 'A1' }]);
    await port.saveSettings({ topN: 3, bottomN: 3, byClass: false, language: 'zh-CN' });
    expect(port.unsaved).toBe(false);
    await expect(
      port.writeSheets([SUMMARY, { ...SUMMARY, name: '乡镇台账' }], { replace: true }),
    ).rejects.toThrow();
    expect(port.unsaved).toBe(false); // a refused write changed nothing
    await port.writeSheets([SUMMARY], { replace: false });
    expect(port.unsaved).toBe(true);
    await port.toXlsx();
    expect(port.unsaved).toBe(false);
  });

  it('keeps settings', async () => {
    const port = new ExcelJsWorkbook(new ExcelJS.Workbook());
    expect(await port.loadSettings()).toBeNull();
    await port.saveSettings({ topN: 5, bottomN: 1, byClass: true, language: 'en-US' });
    expect(await port.loadSettings()).toEqual({
      topN: 5,
      bottomN: 1,
      byClass: true,
      language: 'en-US',
    });
  });

  it('turns every ExcelJS value shape into a plain value', () => {
    expect(toCellValue(null)).toBeNull();
    expect(toCellValue({ text: '链接', hyperlink: 'http://x' })).toBe('链接');
    expect(toCellValue({ error: '#N/A' })).toBe('#N/A');
    expect(toCellValue({ formula: 'A1' })).toBeNull();
  });
});

describePortContract('the workbench over ExcelJS', () => {
  const workbook = new ExcelJS.Workbook();
  const port = new ExcelJsWorkbook(workbook);
  const sheet = (name: string) => {
    const ws = workbook.getWorksheet(name);
    if (!ws) throw new Error(`no sheet ${name}`);
    return ws;
  };
  const hex = (argb: string | undefined): string | null =>
    argb ? argb.slice(-6).toUpperCase() : null;
  return {
    port,
    persists: 'session',
    addUserSheet: (name, rows) => {
      const ws = workbook.addWorksheet(name);
      rows.forEach((row, r) =>
        row.forEach((value, c) => {
          if (value !== null) ws.getCell(r + 1, c + 1).value = value;
        }),
      );
    },
    typeValue: (name, address, value) => void (sheet(name).getCell(address).value = value),
    fillCell: (name, address, color) =>
      void (sheet(name).getCell(address).fill = {
        type: 'pattern',
        pattern: 'solid',
        fgColor: { argb: `FF${color}` },
      }),
    snapshot: (name) => {
      const ws = sheet(name);
      return JSON.stringify({
        model: (ws as unknown as { model: unknown }).model,
        rowCount: ws.rowCount,
        columnCount: ws.columnCount,
        dimensions: ws.dimensions.range,
      });
    },
    marked: () => [...port.view.highlighted],
    look: (name, address) => {
      const cell = sheet(name).findCell(address, 0);
      const fill = cell?.fill as ExcelJS.FillPattern | undefined;
      return {
        fill: fill?.pattern === 'solid' ? hex(fill.fgColor?.argb) : null,
        font: hex(cell?.font?.color?.argb),
        bold: cell?.font?.bold === true,
      };
    },
  };
});
