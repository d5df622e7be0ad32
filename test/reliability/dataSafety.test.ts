/**
 * Issue 7, "no data lost": after `kaohe rank` every input sheet is what it was — values, formulas
 * and formats (styles, number formats, widths, heights, merges, hidden rows and columns,
 * validations, conditional formats, notes, hyperlinks, views, print set-up) — and the input file
 * itself is never written. Output goes through a temporary file and a rename, so a failed or
 * interrupted write leaves neither a half-written workbook nor a stray temporary file, and an older
 * result stays whole.
 *
 * The task pane's side (input ranges untouched, only Kaohe-marked output sheets replaced) is tested
 * by the adapter's own suite: test/excel/officeWorkbook.test.ts ("input sheets are never touched").
 */
import {
  existsSync,
  linkSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'fs';
import * as path from 'path';
import ExcelJS from 'exceljs';
// The class behind `workbook.xlsx`: its writeFile is what an interruption would cut short.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const XLSX = require('exceljs/lib/xlsx/xlsx.js') as {
  prototype: { writeFile(file: string): Promise<void> };
};
import { OUTPUT_SHEETS, SHEETS } from '../../src/engine/ledger';
import { cleanLedger } from './ledgerGrid';
import * as xlsxWrite from '../../src/cli/xlsxWrite';
import { kaohe, openXlsx, sheetSnapshot, tempDir, workbookOf } from './xlsxHelpers';

jest.setTimeout(60_000);

/** A ledger dressed the way real ledgers are: styled, annotated, validated, with a notes sheet. */
function richLedger(): ExcelJS.Workbook {
  const wb = workbookOf(cleanLedger(5));
  const towns = wb.getWorksheet(SHEETS.towns)!;
  towns.getCell('C2').fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFFF00' } };
  towns.getCell('C2').note = '核对过 checked';
  towns.getCell('D3').numFmt = '0.0';
  towns.getCell('D3').font = { name: '宋体', size: 12, bold: true, color: { argb: 'FFC00000' } };
  towns.getCell('D3').border = { top: { style: 'thin' }, bottom: { style: 'double' } };
  towns.getCell('D3').alignment = { horizontal: 'center', wrapText: true };
  towns.getColumn(1).width = 22;
  towns.getColumn(5).hidden = true;
  towns.getRow(4).height = 30;
  towns.getRow(5).hidden = true;
  towns.getCell('C3').dataValidation = {
    type: 'whole',
    operator: 'between',
    allowBlank: true,
    formulae: [0, 100],
  };
  towns.addConditionalFormatting({
    ref: 'C2:C6',
    rules: [
      {
        type: 'cellIs',
        operator: 'lessThan',
        priority: 1,
        formulae: [50],
        style: { fill: { type: 'pattern', pattern: 'solid', bgColor: { argb: 'FFFFC7CE' } } },
      },
    ],
  });
  towns.properties.tabColor = { argb: 'FF00B050' };

  const notes = wb.addWorksheet('说明');
  notes.getCell('A1').value = { formula: 'SUM(B1:B3)', result: 6 };
  notes.getCell('B1').value = 1;
  notes.getCell('B2').value = 2;
  notes.getCell('B3').value = 3;
  notes.getCell('C1').value = {
    formula: 'B1*2',
    result: 2,
    shareType: 'shared',
    ref: 'C1:C3',
  } as ExcelJS.CellFormulaValue;
  notes.getCell('C2').value = { sharedFormula: 'C1', result: 4 };
  notes.getCell('C3').value = { sharedFormula: 'C1', result: 6 };
  notes.getCell('D1').value = {
    richText: [{ text: '红', font: { color: { argb: 'FFFF0000' } } }, { text: '黑' }],
  };
  notes.getCell('D2').value = new Date(Date.UTC(2024, 5, 30));
  notes.getCell('D2').numFmt = 'yyyy"年"m"月"d"日"';
  notes.getCell('D3').value = { error: '#N/A' };
  notes.getCell('E1').value = { text: '方案文件', hyperlink: 'https://example.com/plan.pdf' };
  notes.getCell('E2').value = '=not a formula';
  notes.getCell('E3').value = 0.9077;
  notes.getCell('E3').numFmt = '0.00%';
  notes.mergeCells('F1:G3');
  notes.getCell('F1').value = '合并单元格';
  notes.views = [{ state: 'frozen', xSplit: 1, ySplit: 1 }];
  notes.autoFilter = 'A1:E3';
  notes.pageSetup.orientation = 'portrait';
  notes.headerFooter.oddFooter = '第 &P 页';
  wb.definedNames.add(`'说明'!$B$1:$B$3`, '数据');
  const hidden = wb.addWorksheet('隐藏表', { state: 'hidden' });
  hidden.getCell('A1').value = '别删我 keep me';
  return wb;
}

async function writeRich(dir: string): Promise<string> {
  const file = path.join(dir, 'ledger.xlsx');
  await richLedger().xlsx.writeFile(file);
  return file;
}

const tmpLeft = (dir: string) => readdirSync(dir).filter((f) => f.endsWith('.tmp'));

describe('kaohe rank keeps every input sheet as it was', () => {
  it('values, formulas and formats of every input sheet, sheet order, states and defined names survive', async () => {
    const dir = tempDir();
    const file = await writeRich(dir);
    const bytes = readFileSync(file);
    const mtime = statSync(file).mtimeMs;
    const out = path.join(dir, 'result.xlsx');
    const r = await kaohe('rank', file, '--out', out, '--json', path.join(dir, 'result.json'));
    expect(r.err).not.toMatch(/错误（/);
    expect(r.code).toBe(0);
    expect(readFileSync(file).equals(bytes)).toBe(true);
    expect(statSync(file).mtimeMs).toBe(mtime);

    const before = await openXlsx(file);
    const after = await openXlsx(out);
    const inputNames = before.worksheets.map((w) => w.name);
    expect(after.worksheets.map((w) => w.name).slice(0, inputNames.length)).toEqual(inputNames);
    expect(
      after.worksheets
        .map((w) => w.name)
        .slice(inputNames.length)
        .every((n) => OUTPUT_SHEETS.includes(n)),
    ).toBe(true);
    for (const ws of before.worksheets) {
      expect(sheetSnapshot(after.getWorksheet(ws.name)!)).toBe(sheetSnapshot(ws));
    }
    expect(after.getWorksheet('隐藏表')!.state).toBe('hidden');
    expect(after.definedNames.model).toEqual(before.definedNames.model);
    const notes = after.getWorksheet('说明')!;
    expect(notes.getCell('A1').formula).toBe('SUM(B1:B3)');
    expect(notes.getCell('E2').type).toBe(ExcelJS.ValueType.String);
  });

  // ExcelJS 4.4's page-setup-xform writes useFirstPageNumber from firstPageNumber; saveWorkbook undoes it.
  it('print page numbering of input sheets is unchanged (ExcelJS re-saves useFirstPageNumber="1")', async () => {
    const dir = tempDir();
    const file = await writeRich(dir);
    const out = path.join(dir, 'result.xlsx');
    expect((await kaohe('rank', file, '--out', out)).code).toBe(0);
    const before = await openXlsx(file);
    const after = await openXlsx(out);
    const use = (ws: ExcelJS.Worksheet) =>
      (ws.pageSetup as { useFirstPageNumber?: boolean }).useFirstPageNumber;
    for (const ws of before.worksheets) {
      expect({ sheet: ws.name, use: use(after.getWorksheet(ws.name)!) }).toEqual({
        sheet: ws.name,
        use: use(ws),
      });
    }
  });
});

describe('the input is never overwritten', () => {
  it.each([
    ['the same path', (f: string) => f],
    [
      'a path with ./ and ../ in it',
      (f: string) =>
        path.join(path.dirname(f), '.', '..', path.basename(path.dirname(f)), path.basename(f)),
    ],
    [
      'a symbolic link to the input',
      (f: string) => {
        const link = path.join(path.dirname(f), 'link.xlsx');
        symlinkSync(f, link);
        return link;
      },
    ],
  ])(
    '--out or --json naming the input via %s is refused (exit 2) and the input is untouched',
    async (_how, target) => {
      const dir = tempDir();
      const file = await writeRich(dir);
      const bytes = readFileSync(file);
      const t = target(file);
      for (const flag of ['--out', '--json']) {
        const r = await kaohe('rank', file, flag, t);
        expect(r.code).toBe(2);
        expect(r.err).toContain(flag);
        expect(readFileSync(file).equals(bytes)).toBe(true);
      }
      expect(tmpLeft(dir)).toEqual([]);
    },
  );

  it('--out naming a hard link of the input replaces the link, never the ledger’s content', async () => {
    const dir = tempDir();
    const file = await writeRich(dir);
    const bytes = readFileSync(file);
    const hard = path.join(dir, 'hard.xlsx');
    linkSync(file, hard);
    const r = await kaohe('rank', file, '--out', hard);
    expect([0, 2]).toContain(r.code);
    expect(readFileSync(file).equals(bytes)).toBe(true);
  });
});

describe('a failed or interrupted write leaves nothing half-written', () => {
  afterEach(() => jest.restoreAllMocks());

  it('a write cut short mid-file: no output, no temporary file, an older result intact, input intact', async () => {
    const dir = tempDir();
    const file = await writeRich(dir);
    const bytes = readFileSync(file);
    const out = path.join(dir, 'result.xlsx');
    writeFileSync(out, 'previous result');
    jest.spyOn(XLSX.prototype, 'writeFile').mockImplementation(async (tmp: string) => {
      writeFileSync(tmp, 'PK\u0003\u0004 half a zip');
      throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
    });
    // The result package is written by our own zip writer (made from the input's bytes): cut it
    // short the same way.
    jest.spyOn(xlsxWrite, 'writeZip').mockImplementation(async (tmp: string) => {
      writeFileSync(tmp, 'PK\u0003\u0004 half a zip');
      throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
    });
    const r = await kaohe('rank', file, '--out', out);
    expect(r.code).not.toBe(0);
    expect(readFileSync(out, 'utf8')).toBe('previous result');
    expect(tmpLeft(dir)).toEqual([]);
    expect(readFileSync(file).equals(bytes)).toBe(true);
  });

  it('an output path that cannot be written (its parent is a file, or a read-only place): non-zero, no partial file', async () => {
    const dir = tempDir();
    const file = await writeRich(dir);
    const blocker = path.join(dir, 'not-a-dir');
    writeFileSync(blocker, 'x');
    const readOnly = path.join(dir, 'ro');
    mkdirSync(readOnly, { mode: 0o555 });
    const targets = [
      path.join(blocker, 'result.xlsx'),
      '/proc/kaohe-result.xlsx',
      path.join(readOnly, 'result.xlsx'),
    ];
    for (const out of targets) {
      const r = await kaohe('rank', file, '--out', out);
      expect({ out, ok: r.code === 0 && !r.thrown }).toEqual({
        out,
        ok: process.getuid?.() === 0 && out.startsWith(readOnly),
      });
      if (!out.startsWith(readOnly)) expect(existsSync(out)).toBe(false);
    }
    expect(tmpLeft(dir)).toEqual([]);
    expect(tmpLeft(readOnly)).toEqual([]);
  });

  it('an unwritable output fails with a bilingual message, exit 2, no stack trace', async () => {
    const dir = tempDir();
    const file = await writeRich(dir);
    const blocker = path.join(dir, 'not-a-dir');
    writeFileSync(blocker, 'x');
    const r = await kaohe('rank', file, '--out', path.join(blocker, 'result.xlsx'));
    expect(r.thrown).toBeUndefined();
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/kaohe: .*not-a-dir/);
    expect(r.err).not.toMatch(/\n\s+at /);
  });

  it('--out onto an existing directory fails and leaves the directory and its files alone', async () => {
    const dir = tempDir();
    const file = await writeRich(dir);
    const target = path.join(dir, 'results');
    mkdirSync(target);
    writeFileSync(path.join(target, 'keep.txt'), 'keep');
    const r = await kaohe('rank', file, '--out', target);
    expect(r.code).not.toBe(0);
    expect(statSync(target).isDirectory()).toBe(true);
    expect(readFileSync(path.join(target, 'keep.txt'), 'utf8')).toBe('keep');
    expect(tmpLeft(dir)).toEqual([]);
  });
});
