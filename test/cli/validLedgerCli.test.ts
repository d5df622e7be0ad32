/**
 * Issue 10 "done when": `kaohe rank` ranks a generated 10,000-town ledger of random valid scores
 * with 0 errors — written as a real .xlsx whose veto figures are %-formatted cells (Excel's way of
 * storing a typed `98.2%`) against the template's plain targets — and the file's number formats
 * reach the veto reasons (92.4%, never 0.924%).
 */
import ExcelJS from 'exceljs';
import { readFileSync } from 'fs';
import * as path from 'path';
import type { SheetGrid } from '../../src/engine/ledger/types';
import { DEFAULT_SCHEME } from '../../src/engine/scheme/defaultScheme';
import { validLedger } from '../ledger/validLedgers';
import { run, tempDir } from './helpers';

async function writeGrid(file: string, sheets: readonly SheetGrid[]): Promise<void> {
  const wb = new ExcelJS.Workbook();
  for (const s of sheets) {
    const ws = wb.addWorksheet(s.name);
    s.values.forEach((row, r) => {
      const added = ws.addRow([...row]);
      s.numberFormats?.[r]?.forEach((f, c) => {
        if (f) added.getCell(c + 1).numFmt = f;
      });
    });
  }
  await wb.xlsx.writeFile(file);
}

interface Json {
  units: { unit: string; vetoed: boolean; vetoReasons: string[]; rank: { total: number | null } }[];
}

describe('kaohe rank on generated valid ledgers', () => {
  it('ranks 10,000 towns of random valid scores (figures in % cells) with 0 errors', async () => {
    const dir = tempDir();
    const input = path.join(dir, '台账.xlsx');
    const grid = validLedger(DEFAULT_SCHEME, {
      towns: 10_000,
      departments: 20,
      style: 'formatted-figures',
      seed: 10,
    });
    await writeGrid(input, grid.sheets);
    const r = await run('rank', input, '--json', path.join(dir, 'r.json'));
    expect(r.err).not.toMatch(/错误|error/i);
    expect(r.code).toBe(0);
    const json = JSON.parse(readFileSync(path.join(dir, 'r.json'), 'utf8')) as Json;
    expect(json.units).toHaveLength(10_000);
    expect(json.units.every((u) => u.vetoed || u.rank.total !== null)).toBe(true);
  }, 240_000);

  it('%-formatted figure and target: compared as 92.4 with 95 and shown so', async () => {
    const dir = tempDir();
    const input = path.join(dir, '台账.xlsx');
    const grid = validLedger(DEFAULT_SCHEME, {
      towns: 6,
      departments: 0,
      style: 'formatted',
      seed: 4,
    });
    const towns = grid.sheets[0]!;
    const v1 = towns.values[0]!.findIndex((h) => typeof h === 'string' && h.startsWith('V1 '));
    const v1t = towns.values[0]!.findIndex((h) => typeof h === 'string' && h.startsWith('V1T '));
    const values = towns.values.map((row, r) =>
      r === 1 ? row.map((v, c) => (c === v1 ? 0.924 : c === v1t ? 0.95 : v)) : row,
    );
    await writeGrid(input, [{ ...towns, values }]);
    const r = await run('rank', input, '--json', path.join(dir, 'r.json'));
    expect(r.code).toBe(0);
    const json = JSON.parse(readFileSync(path.join(dir, 'r.json'), 'utf8')) as Json;
    const first = json.units.find((u) => u.unit === '单位1');
    expect(first?.vetoed).toBe(true);
    expect(first?.vetoReasons[0]).toContain('92.4% 未达到目标 95%');
  }, 60_000);
});
