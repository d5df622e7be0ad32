import * as path from 'path';
import ExcelJS from 'exceljs';
import { toCellValue, workbookToGrid, readWorkbookGrid } from '../../src/cli/xlsxRead';
import { addSheet, saveWorkbook } from '../../src/cli/xlsxWrite';
import { displayWidth, renderTable, safeText } from '../../src/cli/table';
import { tempDir } from './helpers';

describe('xlsxRead', () => {
  it('turns every ExcelJS value shape into a plain cell value', () => {
    expect(toCellValue({ formula: 'A1*2', result: 4 })).toBe(4);
    expect(toCellValue({ sharedFormula: 'A1', result: 'x' })).toBe('x');
    expect(toCellValue({ formula: '1/0', result: { error: '#DIV/0!' } })).toBe('#DIV/0!');
    expect(toCellValue({ error: '#N/A' })).toBe('#N/A');
    expect(toCellValue({ richText: [{ text: '祖庙' }, { text: '街道' }] })).toBe('祖庙街道');
    expect(toCellValue({ text: '链接', hyperlink: 'http://x' })).toBe('链接');
    expect(toCellValue(new Date(Date.UTC(2024, 2, 1)))).toBe('#DATE!2024-03-01');
    expect(toCellValue({ formula: 'A1' })).toBeNull();
    expect(toCellValue(true)).toBe(true);
  });

  it('reads a real file: cached formula results, merged cells as their master only, sparse rows', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('乡镇台账');
    ws.getCell('A1').value = '单位';
    ws.getCell('B1').value = { formula: '1+1', result: 2 };
    ws.mergeCells('C1:D1');
    ws.getCell('C1').value = '合并';
    ws.getCell('A5').value = 'x';
    const file = path.join(tempDir(), 'a.xlsx');
    await wb.xlsx.writeFile(file);
    const grid = await readWorkbookGrid(file);
    const values = grid.sheets[0]!.values;
    expect(values[0]!.slice(0, 3)).toEqual(['单位', 2, '合并']);
    expect(values[0]![3] ?? null).toBeNull(); // D1 is hidden under the merge
    expect(values).toHaveLength(5);
    expect(values[4]).toEqual(['x']);
  });

  it('writes strings that look like formulas as text', async () => {
    const wb = new ExcelJS.Workbook();
    addSheet(wb, {
      name: 'S',
      rows: [['=1+1', '+cmd', '@SUM(A1)', '-2+3']],
      columns: [],
      freezeRows: 0,
    });
    const file = path.join(tempDir(), 'b.xlsx');
    await saveWorkbook(wb, file);
    const back = new ExcelJS.Workbook();
    await back.xlsx.readFile(file);
    const row = back.getWorksheet('S')!.getRow(1);
    for (let c = 1; c <= 4; c++) {
      expect(row.getCell(c).type).toBe(ExcelJS.ValueType.String);
      expect(row.getCell(c).formula).toBeUndefined();
    }
    expect(workbookToGrid(back).sheets[0]!.values[0]).toEqual(['=1+1', '+cmd', '@SUM(A1)', '-2+3']);
  });
});

describe('terminal table', () => {
  it('counts Chinese characters as two columns and aligns them', () => {
    expect(displayWidth('南庄镇')).toBe(6);
    expect(displayWidth('ab１')).toBe(4);
    const text = renderTable(
      [{ header: '单位' }, { header: 'n', align: 'right' }],
      [
        ['南庄镇', '1'],
        ['ab', '22'],
      ],
    );
    const lines = text.split('\n');
    expect(lines.map((l) => displayWidth(l))).toEqual([10, 10, 10, 10]);
  });

  it('neutralises control characters in names', () => {
    expect(safeText('a\u001b[31mb\r')).toBe('a?[31mb?');
  });
});

describe('data validations survive a read/write round trip without overlapping ranges', () => {
  // ExcelJS alone rewrites C2:C15 as C10:C15 + C2:C15 (it squeezes in text order); saveWorkbook must not.
  it('writes each validated cell in exactly one range, with the same rule as before', async () => {
    const { workbookFromSheets } = await import('../../src/cli/xlsxWrite');
    const { buildTemplateSheets } = await import('../../src/engine/ledger/template');
    const { DEFAULT_SCHEME } = await import('../../src/engine/scheme/defaultScheme');
    const dir = tempDir();
    const first = path.join(dir, 'a.xlsx');
    const second = path.join(dir, 'b.xlsx');
    await saveWorkbook(
      workbookFromSheets(buildTemplateSheets(DEFAULT_SCHEME, { blankRows: 14 })),
      first,
    );
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(first);
    await saveWorkbook(wb, second);
    const JSZip = (await import('jszip')).default;
    for (const file of [first, second]) {
      const zip = await JSZip.loadAsync(
        await import('fs').then((fs) => fs.promises.readFile(file)),
      );
      const xml = await zip.file('xl/worksheets/sheet2.xml')!.async('string');
      const refs = [...xml.matchAll(/sqref="([^"]+)"/g)].map((m) => m[1]!);
      const seen = new Set<string>();
      for (const ref of refs) {
        const [a, b = a] = ref.split(':') as [string, string?];
        const dec = (x: string) => {
          const m = /^([A-Z]+)(\d+)$/.exec(x)!;
          return {
            c: [...m[1]!].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0),
            r: Number(m[2]),
          };
        };
        const p = dec(a);
        const q = dec(b);
        for (let r = p.r; r <= q.r; r++)
          for (let c = p.c; c <= q.c; c++) {
            const key = `${r},${c}`;
            expect(seen.has(key)).toBe(false);
            seen.add(key);
          }
      }
      expect(seen.size).toBeGreaterThan(14 * 40);
    }
    const back = new ExcelJS.Workbook();
    await back.xlsx.readFile(second);
    const orig = new ExcelJS.Workbook();
    await orig.xlsx.readFile(first);
    for (const addr of ['C2', 'E15', 'AX9']) {
      expect(back.getWorksheet('乡镇台账')!.getCell(addr).dataValidation).toEqual(
        orig.getWorksheet('乡镇台账')!.getCell(addr).dataValidation,
      );
    }
    expect(back.getWorksheet('乡镇台账')!.getCell('E15').dataValidation).toMatchObject({
      type: 'decimal',
      formulae: [0, 20],
    });
  });
});
