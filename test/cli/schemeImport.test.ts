/**
 * Issue 11, deliverable 3: `kaohe scheme import 细则.xlsx --out 方案.xlsx`, then
 * `kaohe template 台账.xlsx --scheme 方案.xlsx`; the ledger it writes reads back without errors.
 */
import { promises as fs } from 'fs';
import * as path from 'path';
import ExcelJS from 'exceljs';
import { readLedger } from '../../src/engine/ledger/readLedger';
import { readWorkbookGrid } from '../../src/cli/xlsxRead';
import { run, tempDir } from './helpers';

/** A 细则 as a bureau types it: merged title, merged group cells, vertical text, 合计, 说明. */
async function writeRules(file: string, extraRows: (string | number | null)[][] = []) {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('评分细则');
  ws.addRow(['2011年度人口计生目标管理责任制考核评分细则']);
  ws.mergeCells('A1:D1');
  ws.addRow(['考核项目', '考核内容', '分值', '评分标准']);
  ws.addRow(['统\n筹\n决\n策', '1、规划编制', 10, '未编制不得分']);
  ws.addRow([null, '2、政策落实', 20, null]);
  ws.mergeCells('A3:A4');
  ws.addRow(['服务管理', '（1）随访服务', '15分', null]);
  ws.addRow([null, '（2）药具发放', 5, null]);
  ws.mergeCells('A5:A6');
  for (const r of extraRows) ws.addRow(r);
  ws.addRow(['合　计', null, 50, null]);
  ws.addRow(['说明：本细则由区人口计生局负责解释']);
  await wb.xlsx.writeFile(file);
}

describe('kaohe scheme import', () => {
  it('imports a 细则, prints the tree, and template --scheme writes a ledger that reads back clean', async () => {
    const dir = tempDir();
    const rules = path.join(dir, '细则.xlsx');
    const scheme = path.join(dir, '方案.xlsx');
    const ledger = path.join(dir, '台账.xlsx');
    await writeRules(rules);
    const imp = await run('scheme', 'import', rules, '--out', scheme);
    expect(imp.err).toBe('');
    expect(imp.code).toBe(0);
    expect(imp.out).toContain('F  人口计生目标管理责任制  50');
    expect(imp.out).toContain('F1  统筹决策  30');
    expect(imp.out).toContain('    F1.2  政策落实  20');
    expect(imp.out).toContain('F2.1  随访服务  15');
    expect(imp.out).toMatch(/说明行 1 行未导入：A8/);

    const tpl = await run('template', ledger, '--scheme', scheme, '--units', '祖庙街道,南庄镇');
    expect(tpl.err).toBe('');
    expect(tpl.code).toBe(0);
    const read = readLedger(await readWorkbookGrid(ledger));
    expect(read.findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(read.customScheme).toBe(true);
    expect(read.scheme.lines.map((l) => [l.code, l.points])).toEqual([['F', 50]]);
    expect(read.units.map((u) => u.input.unit)).toEqual(['祖庙街道', '南庄镇']);
    const grid = await readWorkbookGrid(ledger);
    const header = grid.sheets.find((s) => s.name === '乡镇台账')?.values[0];
    expect(header?.slice(0, 6)).toEqual([
      '单位',
      '类别',
      'F1.1 规划编制',
      'F1.2 政策落实',
      'F2.1 随访服务',
      'F2.2 药具发放',
    ]);
    // The year of the title is the ledger's year.
    expect(
      grid.sheets
        .find((s) => s.name === '方案')
        ?.values.some((r) => r[0] === '年度' && r[1] === '2011'),
    ).toBe(true);
  });

  it('a row it cannot read: listed at its cell, exit code 1, the file still written (English first with --lang en)', async () => {
    const dir = tempDir();
    const rules = path.join(dir, '细则.xlsx');
    const scheme = path.join(dir, '方案.xlsx');
    await writeRules(rules, [[null, '（3）宣传（5分）（10分）', null, null]]);
    const imp = await run('scheme', 'import', rules, '--out', scheme, '--lang', 'en');
    expect(imp.code).toBe(1);
    expect(imp.err).toContain('评分细则!B7: "宣传" states several points (5, 10)');
    expect(imp.out).toContain('Imported scheme (code  name  points)');
    await expect(fs.stat(scheme)).resolves.toBeTruthy();
  });

  it('a file that is no workbook is refused with exit code 2 and nothing written; --out is required', async () => {
    const dir = tempDir();
    const bad = path.join(dir, '细则.xlsx');
    await fs.writeFile(bad, '序号,考核内容\n1,组织领导\n', 'utf8');
    const out = path.join(dir, '方案.xlsx');
    const r = await run('scheme', 'import', bad, '--out', out);
    expect(r.code).toBe(2);
    await expect(fs.stat(out)).rejects.toThrow();
    expect((await run('scheme', 'import', bad)).code).toBe(2);
    expect((await run('scheme', 'export', bad)).code).toBe(2);
  });

  it('template --scheme with a scheme that has errors lists them and writes nothing', async () => {
    const dir = tempDir();
    const rules = path.join(dir, '细则.xlsx');
    const scheme = path.join(dir, '方案.xlsx');
    const ledger = path.join(dir, '台账.xlsx');
    await writeRules(rules, [[null, '（3）宣传', null, null]]);
    // 宣传 has no points: skipped (合计 50 still adds up). Then a person breaks the line's total.
    const wb = new ExcelJS.Workbook();
    const imp = await run('scheme', 'import', rules, '--out', scheme);
    expect(imp.code).toBe(1);
    expect(imp.err).toContain('评分细则!C7');
    await wb.xlsx.readFile(scheme);
    const ws = wb.getWorksheet('方案');
    if (ws) ws.getCell('E4').value = 999; // the line's points: no longer the sum of its items
    await wb.xlsx.writeFile(scheme);
    const tpl = await run('template', ledger, '--scheme', scheme);
    expect(tpl.code).toBe(1);
    expect(tpl.err).toMatch(/方案!E\d/);
    await expect(fs.stat(ledger)).rejects.toThrow();
  });
});
