/**
 * Issue 7: the CLI's ExcelJS reader (src/cli/xlsxRead.ts) and `kaohe check|rank` on generated
 * hostile .xlsx files — merged cells, formulas whose cached result is an error, rich text, dates in
 * score cells, hidden rows, an empty sheet, a header only, a 1,048,576-row used range, duplicate
 * headers, an output sheet (排名汇总) in the input. Each run ends in a ranking or a list of problems
 * with `sheet!cell`; nothing crashes, nothing is written on errors, input sheets come out unchanged.
 */
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'fs';
import * as path from 'path';
import fc from 'fast-check';
import JSZip from 'jszip';
import type ExcelJS from 'exceljs';
import { DEFAULT_SCHEME } from '../../src/engine';
import { OUTPUT_SHEETS, SHEETS, cellAddress, townColumns } from '../../src/engine/ledger';
import { readWorkbookGrid } from '../../src/cli/xlsxRead';
import { SEED } from './hostile';
import { cleanLedger } from './ledgerGrid';
import { expectSound } from './sound';
import { kaohe, openXlsx, sheetSnapshot, tempDir, workbookOf } from './xlsxHelpers';

jest.setTimeout(120_000);

const cols = townColumns(DEFAULT_SCHEME);
const colOf = (code: string) => cols.findIndex((c) => c.code === code) + 1; // 1-based for ExcelJS
const itemCols = cols.map((c, i) => ({ c, col: i + 1 })).filter(({ c }) => c.kind === 'item');
const TOWN_ROWS = 6;

/** One hostile feature applied to a clean ledger workbook; `expect` says what must follow. */
interface Feature {
  readonly name: string;
  apply(
    wb: ExcelJS.Workbook,
    row: number,
    col: number,
  ): { errorAt?: string; unitPresent?: string; hiddenRow?: number } | void;
}

const towns = (wb: ExcelJS.Workbook) => wb.getWorksheet(SHEETS.towns)!;

const FEATURES: readonly Feature[] = [
  { name: 'merged unit names', apply: (wb, row) => void towns(wb).mergeCells(row, 1, row + 1, 1) },
  {
    name: 'merged score cells',
    apply: (wb, row, col) => void towns(wb).mergeCells(row, col, row, col + 1),
  },
  {
    name: 'merged header cells',
    apply: (wb, _row, col) => void towns(wb).mergeCells(1, col, 1, col + 1),
  },
  {
    name: 'formula with a cached error',
    apply: (wb, row, col) => {
      towns(wb).getCell(row, col).value = { formula: '1/0', result: { error: '#DIV/0!' } };
      return { errorAt: cellAddress(row - 1, col - 1) };
    },
  },
  {
    name: 'an error value',
    apply: (wb, row, col) => {
      towns(wb).getCell(row, col).value = { error: '#N/A' };
      return { errorAt: cellAddress(row - 1, col - 1) };
    },
  },
  {
    name: 'a date in a score cell',
    apply: (wb, row, col) => {
      towns(wb).getCell(row, col).value = new Date(Date.UTC(2024, 2, 1));
      return { errorAt: cellAddress(row - 1, col - 1) };
    },
  },
  {
    name: 'rich text unit name',
    apply: (wb, row) => {
      towns(wb).getCell(row, 1).value = {
        richText: [
          { text: '富' },
          { font: { bold: true, color: { argb: 'FFFF0000' } }, text: '文本镇' },
        ],
      };
      return { unitPresent: '富文本镇' };
    },
  },
  {
    name: 'rich text score',
    apply: (wb, row, col) =>
      void (towns(wb).getCell(row, col).value = {
        richText: [{ text: '1' }, { font: { italic: true }, text: '0' }],
      }),
  },
  {
    name: 'hyperlink unit name',
    apply: (wb, row) => {
      towns(wb).getCell(row, 1).value = { text: '链接镇', hyperlink: 'http://example.com/' };
      return { unitPresent: '链接镇' };
    },
  },
  {
    name: 'hidden row',
    apply: (wb, row) => {
      towns(wb).getRow(row).hidden = true;
      return { hiddenRow: row };
    },
  },
  {
    name: 'a boolean score',
    apply: (wb, row, col) => {
      towns(wb).getCell(row, col).value = true;
      return { errorAt: cellAddress(row - 1, col - 1) };
    },
  },
  { name: 'an empty extra sheet', apply: (wb) => void wb.addWorksheet('Sheet1') },
  {
    name: 'an empty 部门台账',
    apply: (wb) => {
      const ws = wb.getWorksheet(SHEETS.departments)!;
      ws.spliceRows(1, ws.rowCount);
    },
  },
  {
    name: 'a header-only 部门台账',
    apply: (wb) => {
      const ws = wb.getWorksheet(SHEETS.departments)!;
      if (ws.rowCount > 1) ws.spliceRows(2, ws.rowCount - 1);
    },
  },
  {
    name: 'a space in row 1,048,576',
    apply: (wb) => void (towns(wb).getCell(1_048_576, 1).value = ' '),
  },
  {
    name: 'duplicate header',
    apply: (wb, _row, col) =>
      void (towns(wb).getCell(1, cols.length + 2).value = towns(wb).getCell(1, col).value),
  },
  {
    name: 'an output sheet in the input',
    apply: (wb) => {
      const ws = wb.addWorksheet(SHEETS.summary);
      ws.getCell('A1').value = '单位';
      ws.getCell('A2').value = { formula: 'HYPERLINK("http://x","y")', result: 'y' };
    },
  },
  {
    name: 'percent-formatted veto rate',
    apply: (wb, row) =>
      void Object.assign(towns(wb).getCell(row, colOf('V1')), { value: 0.98, numFmt: '0.00%' }),
  },
  {
    name: 'formula without a cached result',
    apply: (wb, row, col) =>
      void (towns(wb).getCell(row, col).value = {
        formula: `${cellAddress(row - 1, col)}*0`,
      } as ExcelJS.CellFormulaValue),
  },
];

/** Rewrites every sheet's <dimension> to claim 1,048,576 rows, as some exporters do. */
async function claimMillionRows(file: string): Promise<Buffer> {
  const zip = await JSZip.loadAsync(readFileSync(file));
  for (const name of Object.keys(zip.files).filter((n) =>
    /^xl\/worksheets\/sheet\d+\.xml$/.test(n),
  )) {
    const xml = await zip.file(name)!.async('string');
    zip.file(name, xml.replace(/<dimension ref="[^"]*"\/>/, '<dimension ref="A1:XFD1048576"/>'));
  }
  return zip.generateAsync({ type: 'nodebuffer' });
}

/** Every line of the CLI's error list names `sheet!cell` or a whole sheet. */
function expectAddressedErrors(stderr: string): void {
  const lines = stderr.split('\n');
  const start = lines.findIndex((l) => /^(错误|Errors)/.test(l));
  expect(start).toBeGreaterThanOrEqual(0);
  for (const line of lines.slice(start + 1)) {
    if (!line.startsWith('  ')) break;
    expect(line).toMatch(/^ {2}[^!:\s][^!:]*(![A-Z]{1,3}[1-9][0-9]*)?: \S/);
  }
}

describe('hostile .xlsx through the ExcelJS reader and kaohe check/rank', () => {
  const dir = tempDir();
  let n = 0;

  it('a clean generated ledger ranks through the CLI (the fuzz starts from a rankable file)', async () => {
    const file = path.join(dir, 'clean.xlsx');
    await workbookOf(cleanLedger(TOWN_ROWS)).xlsx.writeFile(file);
    const r = await kaohe('rank', file, '--out', path.join(dir, 'clean-out.xlsx'));
    expect(r.err).not.toMatch(/错误（/);
    expect(r.code).toBe(0);
  });

  it('any mix of hostile features: a ranking or addressed problems, never a crash; input sheets unchanged', async () => {
    const scenario = fc.record({
      features: fc.uniqueArray(fc.integer({ min: 0, max: FEATURES.length - 1 }), {
        minLength: 1,
        maxLength: 4,
      }),
      row: fc.integer({ min: 2, max: TOWN_ROWS }),
      item: fc.integer({ min: 0, max: itemCols.length - 2 }),
      million: fc.boolean(),
    });
    await fc.assert(
      fc.asyncProperty(scenario, async ({ features, row, item, million }) => {
        const id = n++;
        const file = path.join(dir, `h${id}.xlsx`);
        const out = path.join(dir, `h${id}-out.xlsx`);
        const json = path.join(dir, `h${id}-out.json`);
        const wb = workbookOf(cleanLedger(TOWN_ROWS));
        const col = itemCols[item]!.col;
        const musts = features.map((f) => FEATURES[f]!.apply(wb, row, col) ?? {});
        // A hidden row is still data: its town (if its name cell is a plain name) must be read.
        for (const m of musts) {
          const cell = m.hiddenRow ? towns(wb).getCell(m.hiddenRow, 1) : null;
          if (cell && !cell.isMerged && typeof cell.value === 'string') m.unitPresent = cell.value;
        }
        await wb.xlsx.writeFile(file);
        if (million) writeFileSync(file, await claimMillionRows(file));
        const inputBytes = readFileSync(file);

        // The reader alone, then the whole pipeline's invariants.
        const grid = await readWorkbookGrid(file);
        const a = expectSound(grid);
        for (const m of musts) {
          if (
            m.errorAt &&
            !features.some(
              (f) =>
                FEATURES[f]!.name.startsWith('an empty 部门') ||
                FEATURES[f]!.name.startsWith('merged'),
            )
          ) {
            expect(
              a.findings
                .filter((f) => f.severity === 'error' && f.sheet === SHEETS.towns)
                .map((f) => f.cell),
            ).toContain(m.errorAt);
          }
          if (m.unitPresent && !features.some((f) => FEATURES[f]!.name === 'merged unit names'))
            expect(a.ledger.units.map((u) => u.input.unit)).toContain(m.unitPresent);
        }

        const r = await kaohe('rank', file, '--out', out, '--json', json);
        expect(r.thrown).toBeUndefined();
        expect([0, 1]).toContain(r.code);
        expect(readFileSync(file).equals(inputBytes)).toBe(true);
        if (r.code === 1) {
          expectAddressedErrors(r.err);
          expect(existsSync(out) || existsSync(json)).toBe(false);
        } else {
          const before = await openXlsx(file);
          const after = await openXlsx(out);
          for (const ws of before.worksheets) {
            if (OUTPUT_SHEETS.includes(ws.name)) continue;
            expect(sheetSnapshot(after.getWorksheet(ws.name)!)).toBe(sheetSnapshot(ws));
          }
          expect(JSON.parse(readFileSync(json, 'utf8')).units.length).toBe(a.ledger.units.length);
        }
        expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
      }),
      { seed: SEED, numRuns: 12, endOnFailure: true },
    );
  });

  it('a formula whose cached result is missing is not silently scored as 0 without a finding on its cell', async () => {
    const wb = workbookOf(cleanLedger(TOWN_ROWS));
    const col = itemCols[3]!.col;
    towns(wb).getCell(3, col).value = { formula: 'C3*0' };
    const file = path.join(dir, 'nores.xlsx');
    await wb.xlsx.writeFile(file);
    const a = expectSound(await readWorkbookGrid(file));
    expect(a.findings.map((f) => f.cell)).toContain(cellAddress(2, col - 1));
  });

  it('check reports every planted error with its sheet!cell and exits 1', async () => {
    const wb = workbookOf(cleanLedger(TOWN_ROWS));
    const planted = [
      [2, itemCols[0]!.col, { formula: '1/0', result: { error: '#DIV/0!' } }],
      [3, itemCols[1]!.col, new Date(Date.UTC(2024, 0, 1))],
      [4, itemCols[2]!.col, 'abc'],
      [5, itemCols[3]!.col, true],
    ] as const;
    for (const [r, c, v] of planted) towns(wb).getCell(r, c).value = v;
    const file = path.join(dir, 'planted.xlsx');
    await wb.xlsx.writeFile(file);
    const r = await kaohe('check', file);
    expect(r.code).toBe(1);
    expectAddressedErrors(r.err);
    for (const [row, c] of planted)
      expect(r.err).toContain(`${SHEETS.towns}!${cellAddress(row - 1, c - 1)}:`);
  });

  it('not a workbook at all, an empty file, a truncated xlsx: exit 2 with a message, no stack', async () => {
    const clean = path.join(dir, 'c.xlsx');
    await workbookOf(cleanLedger(3)).xlsx.writeFile(clean);
    const bytes = readFileSync(clean);
    const cases: [string, Buffer][] = [
      ['empty.xlsx', Buffer.alloc(0)],
      ['text.xlsx', Buffer.from('单位,P1\n镇,1\n')],
      ['truncated.xlsx', bytes.subarray(0, Math.floor(bytes.length / 2))],
    ];
    for (const [name, content] of cases) {
      const file = path.join(dir, name);
      writeFileSync(file, content);
      const r = await kaohe('rank', file, '--out', path.join(dir, `${name}.out.xlsx`));
      expect({ name, thrown: r.thrown, code: r.code }).toEqual({
        name,
        thrown: undefined,
        code: 2,
      });
      expect(r.err).toMatch(/kaohe: .+/);
      expect(r.err).not.toMatch(/\n\s+at /);
      expect(existsSync(path.join(dir, `${name}.out.xlsx`))).toBe(false);
    }
  });
});
