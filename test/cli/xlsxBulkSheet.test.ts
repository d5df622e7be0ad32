/**
 * 得分明细 written as XML into the saved package (addBulkSheet + saveWorkbook) reads back exactly
 * as the same sheet written through ExcelJS's cell model would: values, types, styles, number
 * formats, widths, frozen panes and print setup; its XML is well-formed.
 */
import { readFileSync } from 'fs';
import * as path from 'path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import type { SheetSpec } from '../../src/engine/ledger/types';
import { addBulkSheet, addSheet, saveWorkbook, xmlText } from '../../src/cli/xlsxWrite';
import { tempDir } from './helpers';
import { PALETTE } from '../../src/engine/ledger/palette';

const spec: SheetSpec = {
  name: '得分明细',
  columns: [
    { width: 16 },
    { width: 8 },
    { width: 10, numFmt: 'General' },
    { width: 10, numFmt: '0.00' },
    { width: 16 },
  ],
  rows: [
    ['单位', '类型', '输入', '得分', '结果'],
    ['=HYPERLINK("x")', '指标', 79.5, 79.5, null],
    ['镇 & <甲> "乙"', '否决', 0.9077, 1.25, '未达标，一票否决'],
    ['+1', '-x', -3, 0, '@SUM(A1)'],
    [' 前后空格 ', 'a\u0001b\uFFFEc', true, false, 'line\nbreak'],
    ['丁', '扣分', null, -2.5], // shorter row, unstyled: no trailing cells
    ['戊', '小计', 10, 'n/a', null],
  ],
  rowStyles: { 0: 'header', 3: 'vetoed', 6: 'total' },
  freezeRows: 1,
  freezeColumns: 1,
  landscape: true,
};

/** A plain in-memory workbook with the sheet, plus a sheet before it so style indexes are not trivial. */
function workbook(bulk: boolean, sheet: SheetSpec = spec) {
  const wb = new ExcelJS.Workbook();
  const other = wb.addWorksheet('乡镇台账');
  other.getCell('A1').value = '单位';
  other.getCell('A1').font = { bold: true, color: { argb: 'FFFF0000' } };
  other.getCell('B2').value = 1.23;
  other.getCell('B2').numFmt = '0.000';
  const plan = bulk ? addBulkSheet(wb, sheet) : (addSheet(wb, sheet, { shareStyles: true }), null);
  wb.addWorksheet('指标分析').getCell('A1').value = 'after';
  return { wb, plan };
}

async function saveAndRead(bulk: boolean, sheet: SheetSpec = spec) {
  const dir = tempDir();
  const file = path.join(dir, bulk ? 'bulk.xlsx' : 'memory.xlsx');
  const { wb, plan } = workbook(bulk, sheet);
  await saveWorkbook(wb, file, plan ? [plan] : []);
  const back = new ExcelJS.Workbook();
  await back.xlsx.readFile(file);
  return { back, file };
}

function cells(ws: ExcelJS.Worksheet) {
  const out: Record<string, unknown> = {};
  ws.eachRow({ includeEmpty: true }, (row, r) => {
    row.eachCell({ includeEmpty: true }, (cell, c) => {
      out[`${r}:${c}`] = { value: cell.value, type: cell.type, style: cell.style };
    });
  });
  return out;
}

test('bulk-written 得分明细 reads back like the in-memory sheet: values, types, styles, formats', async () => {
  // ExcelJS itself writes a control character into the file unreadably, so compare without one.
  const clean: SheetSpec = {
    ...spec,
    rows: spec.rows.map((r) => r.map((v) => (v === 'a\u0001b\uFFFEc' ? 'abc' : v))),
  };
  const [memory, bulk] = await Promise.all([saveAndRead(false, clean), saveAndRead(true)]);
  const m = memory.back.getWorksheet('得分明细')!;
  const b = bulk.back.getWorksheet('得分明细')!;
  expect(b.rowCount).toBe(spec.rows.length);
  expect(cells(b)).toEqual(cells(m));
  // Spot checks, so the comparison above cannot pass by both being empty.
  expect(b.getCell('A2').value).toBe('=HYPERLINK("x")');
  expect(b.getCell('A2').type).toBe(ExcelJS.ValueType.String);
  expect(b.getCell('A2').formula).toBeUndefined();
  expect(b.getCell('A3').value).toBe('镇 & <甲> "乙"');
  expect(b.getCell('A4').value).toBe('+1');
  expect(b.getCell('E4').value).toBe('@SUM(A1)');
  expect(b.getCell('A5').value).toBe(' 前后空格 ');
  expect(b.getCell('B5').value).toBe('abc'); // characters XML cannot carry are dropped
  expect(b.getCell('E5').value).toBe('line\nbreak');
  expect(b.getCell('C5').value).toBe(true);
  expect(b.getCell('C3').value).toBe(0.9077);
  expect(b.getCell('D3').numFmt).toBe('0.00');
  expect(b.getCell('D4').font).toMatchObject({
    bold: true,
    color: { argb: `FF${PALETTE.vetoed.font}` },
  });
  expect(b.getCell('E4').fill).toMatchObject({ fgColor: { argb: `FF${PALETTE.vetoed.fill}` } });
  expect(b.getCell('E2').value).toBeNull();
  expect(b.getCell('A1').font).toMatchObject({ bold: true });
  expect(b.getCell('A1').fill).toMatchObject({ fgColor: { argb: `FF${PALETTE.header.fill}` } });
  // The other sheets are untouched.
  expect(bulk.back.getWorksheet('乡镇台账')!.getCell('B2').numFmt).toBe('0.000');
  expect(bulk.back.getWorksheet('乡镇台账')!.getCell('A1').font).toMatchObject({ bold: true });
  expect(bulk.back.getWorksheet('指标分析')!.getCell('A1').value).toBe('after');
});

test('bulk-written 得分明细 keeps frozen header, widths and print setup', async () => {
  const { back } = await saveAndRead(true);
  const ws = back.getWorksheet('得分明细')!;
  expect(ws.views[0]).toMatchObject({ state: 'frozen', xSplit: 1, ySplit: 1 });
  expect(ws.columns.map((c) => c.width)).toEqual([16, 8, 10, 10, 16]);
  expect(ws.pageSetup).toMatchObject({ orientation: 'landscape', paperSize: 9, fitToPage: true });
});

/** A small strict well-formedness check: balanced tags, quoted attributes, known entities only. */
function wellFormed(xml: string): string | null {
  const stack: string[] = [];
  const body = xml.replace(/^<\?xml[^?]*\?>/, '');
  const token =
    /<(\/?)([A-Za-z_][\w:.-]*)((?:\s+[\w:.-]+="[^"<]*")*)\s*(\/?)>|<|&(?!(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);)/g;
  let m: RegExpExecArray | null;
  let last = 0;
  while ((m = token.exec(body))) {
    if (m[0] === '<' || m[0] === '&') return `stray ${m[0]} at ${m.index}`;
    const between = body.slice(last, m.index);
    if (between.includes('>')) return `stray > before ${m.index}`;
    last = m.index + m[0].length;
    const [, close, name, attrs, selfClose] = m;
    if (/(?:^|\s)([\w:.-]+)=/.test(attrs ?? '')) {
      const names = [...(attrs ?? '').matchAll(/([\w:.-]+)=/g)].map((a) => a[1]);
      if (new Set(names).size !== names.length) return `duplicate attribute in <${name}>`;
    }
    if (close) {
      if (stack.pop() !== name) return `mismatched </${name}> at ${m.index}`;
    } else if (!selfClose) stack.push(name ?? '');
  }
  // eslint-disable-next-line no-control-regex -- finding control characters is the point
  if (/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/.test(body)) return 'illegal character';
  return stack.length === 0 ? null : `unclosed <${stack.join('><')}>`;
}

test('the rewritten sheet XML is well-formed, with a dimension covering every row', async () => {
  const { file } = await saveAndRead(true);
  const zip = await JSZip.loadAsync(readFileSync(file));
  const sheets = Object.keys(zip.files).filter((f) => /^xl\/worksheets\/sheet\d+\.xml$/.test(f));
  const xmls = await Promise.all(sheets.map((f) => zip.file(f)!.async('string')));
  const detail = xmls.find((x) => x.includes('HYPERLINK'));
  expect(detail).toBeDefined();
  expect(wellFormed(detail!)).toBeNull();
  expect(detail).toContain('<dimension ref="A1:E7"/>');
  expect(detail).not.toMatch(/<f>/);
  expect(detail).toMatch(/<pane [^>]*state="frozen"/);
  expect(wellFormed('<a><b></a>')).not.toBeNull(); // the checker itself rejects broken XML
  expect(wellFormed('<a>x & y</a>')).not.toBeNull();
});

test('xmlText escapes markup and drops characters XML 1.0 cannot carry', () => {
  expect(xmlText('a&b<c>"d"\re')).toBe('a&amp;b&lt;c&gt;&quot;d&quot;&#13;e');
  expect(xmlText('x\u0000\u0007\uFFFF\uD800y😀')).toBe('xy😀');
});

test('a large bulk sheet streams out in chunks and reads back', async () => {
  const rows: (string | number)[][] = [['单位', '得分']];
  for (let i = 0; i < 25_000; i++) rows.push([`镇${i}`, i / 4]);
  const big: SheetSpec = {
    validations: [{ range: 'B2:B25001', min: 0, max: 10_000 }],
    name: '得分明细',
    columns: [{ width: 10 }, { width: 8, numFmt: '0.00' }],
    rows,
    rowStyles: { 0: 'header' },
    freezeRows: 1,
  };
  const wb = new ExcelJS.Workbook();
  const plan = addBulkSheet(wb, big);
  expect(wb.getWorksheet('得分明细')!.rowCount).toBeLessThan(5); // only the placeholder in memory
  const file = path.join(tempDir(), 'big.xlsx');
  await saveWorkbook(wb, file, [plan]);
  const back = new ExcelJS.Workbook();
  await back.xlsx.readFile(file);
  const ws = back.getWorksheet('得分明细')!;
  expect(ws.rowCount).toBe(25_001);
  expect(ws.getCell('A25001').value).toBe('镇24999');
  expect(ws.getCell('B25001').value).toBe(24999 / 4);
  expect(ws.getCell('B12345').numFmt).toBe('0.00');
  expect(ws.getCell('B20000').dataValidation).toMatchObject({
    type: 'decimal',
    formulae: [0, 10_000],
  });
});
