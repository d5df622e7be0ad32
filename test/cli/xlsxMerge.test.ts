/**
 * `kaohe rank --out` makes the result from the input's own package: every input part stays byte
 * for byte, the output sheets are appended with their own styles, and an input that already holds
 * output sheets (an earlier result) still has them replaced.
 */
import { readFileSync } from 'fs';
import * as path from 'path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { buildExampleSheets } from '../../src/cli/examples';
import { saveMergedResult } from '../../src/cli/xlsxMerge';
import { workbookFromSheets } from '../../src/cli/xlsxWrite';
import { OUTPUT_SHEETS, SHEETS, type SheetSpec } from '../../src/engine/ledger/types';
import { run, tempDir } from './helpers';
import { PALETTE } from '../../src/engine/ledger/palette';

/** Parts the merge must change to add sheets; every other input part must be byte-identical. */
const EDITED = [
  '[Content_Types].xml',
  'xl/_rels/workbook.xml.rels',
  'xl/workbook.xml',
  'xl/styles.xml',
];

async function parts(file: string): Promise<Map<string, Buffer>> {
  const zip = await JSZip.loadAsync(readFileSync(file));
  const out = new Map<string, Buffer>();
  for (const [name, obj] of Object.entries(zip.files))
    if (!obj.dir) out.set(name, await obj.async('nodebuffer'));
  return out;
}

/** The example ledger with a custom number format (id 164, which the output sheets also take). */
async function ledgerWithCustomFormat(dir: string): Promise<string> {
  const wb = workbookFromSheets(buildExampleSheets(false).sheets);
  const ws = wb.getWorksheet(SHEETS.towns);
  if (!ws) throw new Error('no towns sheet');
  ws.getCell('ZZ1').value = 0.5;
  ws.getCell('ZZ1').numFmt = '0.000%';
  ws.getCell('ZZ1').font = { italic: true, color: { argb: 'FF123456' } };
  const file = path.join(dir, 'ledger.xlsx');
  await wb.xlsx.writeFile(file);
  return file;
}

describe('kaohe rank --out: the result made from the input package', () => {
  it('keeps every input part byte-identical and appends the output sheets after the input sheets', async () => {
    const dir = tempDir();
    const file = await ledgerWithCustomFormat(dir);
    const out = path.join(dir, 'result.xlsx');
    const r = await run('rank', file, '--out', out);
    expect(r.code).toBe(0);
    const before = await parts(file);
    const after = await parts(out);
    for (const [name, bytes] of before) {
      expect(after.has(name)).toBe(true);
      if (!EDITED.includes(name))
        expect({ name, same: after.get(name)?.equals(bytes) }).toEqual({ name, same: true });
    }
    // styles.xml: the input's own style records come first, unchanged, so its cells' s="N" hold.
    const stylesIn = before.get('xl/styles.xml')?.toString('utf8') ?? '';
    const stylesOut = after.get('xl/styles.xml')?.toString('utf8') ?? '';
    const xfsIn = /<cellXfs[^>]*>([\s\S]*?)<\/cellXfs>/.exec(stylesIn)?.[1] ?? 'missing';
    const xfsOut = /<cellXfs[^>]*>([\s\S]*?)<\/cellXfs>/.exec(stylesOut)?.[1] ?? '';
    expect(xfsOut.startsWith(xfsIn)).toBe(true);
    expect(xfsOut.length).toBeGreaterThan(xfsIn.length);

    const inWb = new ExcelJS.Workbook();
    await inWb.xlsx.readFile(file);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const inputNames = inWb.worksheets.map((w) => w.name);
    expect(wb.worksheets.map((w) => w.name)).toEqual([...inputNames, ...OUTPUT_SHEETS]);
    // The input's custom format and font are still theirs; the output sheets have their own looks.
    const cell = wb.getWorksheet(SHEETS.towns)?.getCell('ZZ1');
    expect(cell?.numFmt).toBe('0.000%');
    expect(cell?.font?.color?.argb).toBe('FF123456');
    const summary = wb.getWorksheet(SHEETS.summary);
    if (!summary) throw new Error('no summary sheet');
    expect(summary.getCell('A1').fill).toMatchObject({
      fgColor: { argb: `FF${PALETTE.header.fill}` },
    });
    expect(summary.getCell('A1').font?.bold).toBe(true);
    expect(summary.getCell('A2').value).toBe(1);
    expect(typeof summary.getCell('B2').value).toBe('string');
    // Print titles of the new sheets point at the new sheets.
    const xml = after.get('xl/workbook.xml')?.toString('utf8') ?? '';
    const summaryIndex = inputNames.length;
    expect(xml).toContain(`localSheetId="${summaryIndex}">&apos;${SHEETS.summary}&apos;!$1:$1`);
    // The detail sheet has every row, not the placeholder's.
    const detail = wb.getWorksheet(SHEETS.detail);
    expect(detail?.rowCount).toBeGreaterThan(100);
    // Nothing refers to shared strings that are not there.
    expect(
      after
        .get('xl/sharedStrings.xml')
        ?.equals(before.get('xl/sharedStrings.xml') ?? Buffer.alloc(0)),
    ).toBe(true);
  });

  it('an earlier result as input: its output sheets are replaced, once each, after the input sheets', async () => {
    const dir = tempDir();
    const file = await ledgerWithCustomFormat(dir);
    const first = path.join(dir, 'first.xlsx');
    expect((await run('rank', file, '--out', first)).code).toBe(0);
    const second = path.join(dir, 'second.xlsx');
    expect((await run('rank', first, '--out', second)).code).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(second);
    const names = wb.worksheets.map((w) => w.name);
    for (const n of OUTPUT_SHEETS) expect(names.filter((x) => x === n)).toHaveLength(1);
    expect(names.slice(-OUTPUT_SHEETS.length)).toEqual([...OUTPUT_SHEETS]);
  });
});

describe('saveMergedResult: a sheet of provincial size goes through the XML writer', () => {
  it('keeps every value, row style and number format of a 2,500-row sheet', async () => {
    const dir = tempDir();
    const input = path.join(dir, 'in.xlsx');
    await workbookFromSheets(buildExampleSheets(false).sheets).xlsx.writeFile(input);
    const rows: (string | number | null)[][] = [['名次 Rank', '单位 Unit', '总分 Total']];
    for (let i = 1; i <= 2500; i++) rows.push([i, `镇${i} <&>`, i % 7 === 0 ? null : 1000 - i / 3]);
    const spec: SheetSpec = {
      name: SHEETS.summary,
      columns: [{ width: 8 }, { width: 18 }, { width: 10, numFmt: '0.00' }],
      rows,
      rowStyles: { 0: 'header', 1: 'top', 2500: 'last' },
      freezeRows: 1,
    };
    const out = path.join(dir, 'out.xlsx');
    await saveMergedResult(readFileSync(input), [spec], SHEETS.detail, out);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const ws = wb.getWorksheet(SHEETS.summary);
    if (!ws) throw new Error('no sheet');
    rows.forEach((r, i) =>
      r.forEach((v, c) => expect([i, c, ws.getCell(i + 1, c + 1).value]).toEqual([i, c, v])),
    );
    expect(ws.getCell('C3').numFmt).toBe('0.00');
    expect(ws.getCell('A1').font?.bold).toBe(true);
    expect(ws.getCell('C2').fill).toMatchObject({ fgColor: { argb: `FF${PALETTE.top.fill}` } });
    expect(ws.getCell('B2501').fill).toMatchObject({ fgColor: { argb: `FF${PALETTE.last.fill}` } });
    expect(JSON.stringify(ws.getCell('B3').fill ?? {})).not.toContain('solid');
  });
});
