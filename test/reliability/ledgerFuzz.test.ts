/**
 * Issue 7: the ledger reader and the whole assess pipeline never crash on hostile workbooks.
 * Whatever the cells hold, `assessWorkbook` returns a ranking or a list of problems, each with
 * a sheet, a cell address (or none for a whole-sheet problem) and a message in both languages,
 * and no NaN or Infinity reaches a ranking or a result sheet.
 */
import fc from 'fast-check';
import { DEFAULT_SCHEME, indexScheme } from '../../src/engine';
import {
  SHEETS,
  cellAddress,
  readLedger,
  townColumns,
  type CellValue,
  type WorkbookGrid,
} from '../../src/engine/ledger';
import type { Assessment } from '../../src/engine/assess';
import { SEED, anyCell, anyText } from './hostile';
import { expectSound } from './sound';
import { cleanLedger, sheetIndex, withCells } from './ledgerGrid';

const RUN = { seed: SEED, numRuns: 60, endOnFailure: true } as const;

const clean = cleanLedger();
const TOWNS = sheetIndex(clean, SHEETS.towns);
const DEPTS = sheetIndex(clean, SHEETS.departments);
const SCHEME = sheetIndex(clean, SHEETS.scheme);
const townCols = townColumns(DEFAULT_SCHEME);
const townRows = clean.sheets[TOWNS]!.values.length;

describe('ledger reader and assess pipeline under hostile cells', () => {
  it('ranks the clean ledger the fuzz starts from (so the fuzz exercises the ranking path too)', () => {
    const a = expectSound(clean);
    expect(a.ranking).not.toBeNull();
    expect(a.ranking!.units.length).toBe(townRows - 1);
  });

  it('any cells anywhere on the ledger sheets: a ranking or problems, never a crash', () => {
    const edit = fc.record({
      sheet: fc.constantFrom(TOWNS, DEPTS, TOWNS, SCHEME),
      row: fc.integer({ min: 0, max: townRows + 2 }),
      col: fc.integer({ min: 0, max: townCols.length + 2 }),
      value: anyCell,
    });
    fc.assert(
      fc.property(fc.array(edit, { minLength: 1, maxLength: 6 }), (edits) => {
        expectSound(withCells(clean, edits));
      }),
      RUN,
    );
  });

  it('a value that is not a usable score in a score cell is an error on exactly that cell', () => {
    const idx = indexScheme(DEFAULT_SCHEME);
    const itemCols = townCols.map((c, col) => ({ c, col })).filter(({ c }) => c.kind === 'item');
    const bad: fc.Arbitrary<CellValue> = fc.oneof(
      fc.constantFrom<CellValue>(
        true,
        false,
        '#DIV/0!',
        '#N/A',
        '#DATE!2024-03-01',
        'abc',
        '90%',
        NaN,
        Infinity,
        -Infinity,
        -1,
        1e308,
        'x'.repeat(100_000),
      ),
      anyText.filter((s) => /[^\s\d.,%‰０-９．]/.test(s) && !/^\s*[+-]?\d/.test(s)),
    );
    fc.assert(
      fc.property(
        fc.constantFrom(...itemCols),
        fc.integer({ min: 1, max: townRows - 1 }),
        bad,
        ({ c, col }, row, value) => {
          const a = expectSound(withCells(clean, [{ sheet: TOWNS, row, col, value }]));
          const at = cellAddress(row, col);
          const hit = a.findings.filter(
            (f) => f.severity === 'error' && f.sheet === SHEETS.towns && f.cell === at,
          );
          expect(hit.length).toBeGreaterThan(0);
          expect(a.ranking).toBeNull();
          expect(idx.items.has(c.code)).toBe(true);
        },
      ),
      { ...RUN, numRuns: 40 },
    );
  });

  it('hostile figures in the veto and bonus/deduction columns never give an Infinity total or a silent rank', () => {
    const cols = townCols
      .map((c, col) => ({ c, col }))
      .filter(({ c }) => c.kind === 'veto' || c.kind === 'vetoTarget' || c.kind === 'adjustment');
    fc.assert(
      fc.property(
        fc.constantFrom(...cols),
        fc.integer({ min: 1, max: townRows - 1 }),
        anyCell,
        ({ col }, row, value) => {
          expectSound(withCells(clean, [{ sheet: TOWNS, row, col, value }]));
        },
      ),
      { ...RUN, numRuns: 50 },
    );
    // Found by this suite: a B1 count of 1e308 used to rank the town first with an Infinity total.
    // (X3 is a points input with no upper bound in the scheme: 1e308 is a finite, if absurd, deduction.)
    for (const code of ['B1', 'B2C', 'X1', 'X5', 'X5D']) {
      const col = townCols.findIndex((c) => c.code === code);
      const a = expectSound(withCells(clean, [{ sheet: TOWNS, row: 1, col, value: 1e308 }]));
      expect(a.ranking).toBeNull();
      expect(a.findings.some((f) => f.severity === 'error' && f.cell === cellAddress(1, col))).toBe(
        true,
      );
    }
  });

  it('an absurd veto figure (1e308) is reported with a readable number, not "Infinity%"', () => {
    for (const code of ['V1', 'V1T', 'V2', 'V2T']) {
      const col = townCols.findIndex((c) => c.code === code);
      const a = expectSound(withCells(clean, [{ sheet: TOWNS, row: 1, col, value: 1e308 }]));
      expect(a.findings.some((f) => f.severity === 'error' && f.cell === cellAddress(1, col))).toBe(
        true,
      );
    }
  });

  it('any text in the 核查规则 sheet is run safely or reported as a malformed rule', () => {
    const row = fc.tuple(
      anyText,
      fc.constantFrom<CellValue>('=', '<=', '>', '≠', 'x', null, ''),
      anyText,
      fc.oneof(anyText, fc.double()),
      fc.constantFrom<CellValue>('错误', '警告', 'error', null, 'x'),
      anyText,
    );
    fc.assert(
      fc.property(fc.array(row, { minLength: 1, maxLength: 4 }), (rows) => {
        const book: WorkbookGrid = {
          sheets: [
            ...clean.sheets,
            {
              name: SHEETS.rules,
              values: [
                ['左式', '运算符', '右式', '容差', '级别', '说明'],
                ...rows.map((r) => [...r]),
              ],
            },
          ],
        };
        expectSound(book);
      }),
      { ...RUN, numRuns: 30 },
    );
  });
});

describe('hostile workbook shapes', () => {
  const towns = clean.sheets[TOWNS]!;
  const replaceTowns = (
    values: readonly (readonly CellValue[])[],
    name: string = SHEETS.towns,
  ): WorkbookGrid => ({
    sheets: clean.sheets.map((s, i) => (i === TOWNS ? { name, values } : s)),
  });
  const errorsOn = (a: Assessment, sheet: string) =>
    a.findings.filter((f) => f.severity === 'error' && f.sheet === sheet);

  it('a workbook with no sheets', () => {
    const a = expectSound({ sheets: [] });
    expect(errorsOn(a, SHEETS.towns)[0]?.rule).toBe('ledger.sheet-missing');
  });

  it('an empty 乡镇台账 sheet', () => {
    const a = expectSound(replaceTowns([]));
    expect(errorsOn(a, SHEETS.towns).length).toBeGreaterThan(0);
  });

  it('a 乡镇台账 with its header only ranks nobody and says so or ranks an empty list', () => {
    const a = expectSound(replaceTowns([towns.values[0]!]));
    if (a.ranking) expect(a.ranking.units).toEqual([]);
  });

  it('1,048,576 rows declared (a sparse used range), answered within seconds', () => {
    const values: (readonly CellValue[])[] = new Array<readonly CellValue[]>(1_048_576);
    towns.values.forEach((r, i) => (values[i] = r));
    values[1_048_575] = [null, null, null];
    const t0 = Date.now();
    const a = expectSound(replaceTowns(values));
    expect(Date.now() - t0).toBeLessThan(15_000);
    expect(a.ledger.units.length).toBe(townRows - 1);
  });

  it('ragged rows (shorter than the header) and holes in rows', () => {
    const values = towns.values.map((r, i) =>
      i === 2
        ? r.slice(0, 3)
        : i === 3
          ? Object.assign(new Array<CellValue>(r.length), { 0: r[0] })
          : r,
    );
    const a = expectSound(replaceTowns(values));
    expect(a.ranking).toBeNull();
  });

  it('duplicate headers name both cells', () => {
    const header = [...towns.values[0]!, towns.values[0]![2]!];
    const a = expectSound(replaceTowns([header, ...towns.values.slice(1)]));
    const dup = a.findings.find((f) => f.rule === 'ledger.column-duplicate');
    expect(dup?.cell).toBe(cellAddress(0, header.length - 1));
  });

  it('no 单位 header at all', () => {
    const a = expectSound(
      replaceTowns([
        towns.values[0]!.map((h) => (h === '单位' ? '名称' : h)),
        ...towns.values.slice(1),
      ]),
    );
    expect(errorsOn(a, SHEETS.towns)[0]?.rule).toBe('ledger.unit-column-missing');
  });

  it('merged unit-name cells (the reader repeats the master value) are a duplicate, with its cell', () => {
    const values = towns.values.map((r) => [...r]);
    values[2]![0] = values[1]![0]!;
    const a = expectSound(replaceTowns(values));
    expect(a.findings.find((f) => f.rule === 'ledger.unit-duplicate')?.cell).toBe('A3');
  });

  it('merged unit-name cells (slaves read as blank) are a blank name on a row with data', () => {
    const values = towns.values.map((r) => [...r]);
    values[2]![0] = null;
    const a = expectSound(replaceTowns(values));
    expect(a.findings.find((f) => f.rule === 'ledger.unit-blank')?.cell).toBe('A3');
  });

  it('an output sheet (排名汇总) inside the input is not read as a ledger and does not stop ranking', () => {
    const junk = {
      name: SHEETS.summary,
      values: [
        ['单位', 'P1 x'],
        ['=HYPERLINK("http://x","y")', '#DIV/0!'],
      ] as CellValue[][],
    };
    const a = expectSound({ sheets: [...clean.sheets, junk] });
    expect(a.ranking).not.toBeNull();
    expect(a.findings.filter((f) => f.sheet === SHEETS.summary && f.severity === 'error')).toEqual(
      [],
    );
  });

  it('a ledger sheet whose name has stray spaces is still found or reported, never a crash', () => {
    expectSound(replaceTowns(towns.values, ` ${SHEETS.towns} `));
  });

  it('100,000 characters in a unit name and in a header', () => {
    const values = towns.values.map((r) => [...r]);
    values[1]![0] = '镇'.repeat(100_000);
    values[0]!.push('Z'.repeat(100_000));
    const a = expectSound(replaceTowns(values));
    for (const f of a.findings) expect(f.zh.length + f.en.length).toBeLessThan(5_000);
  });

  it('a garbage 方案 sheet falls back or reports, never crashes', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(anyCell, { maxLength: 12 }), { minLength: 1, maxLength: 8 }),
        (rows) => {
          const book: WorkbookGrid = {
            sheets: clean.sheets.map((s, i) => (i === SCHEME ? { name: s.name, values: rows } : s)),
          };
          expectSound(book);
        },
      ),
      { ...RUN, numRuns: 30 },
    );
  });

  it('readLedger alone never throws on a workbook of random sheets', () => {
    const sheet = fc.record({
      name: fc.constantFrom<string>(
        SHEETS.towns,
        SHEETS.departments,
        SHEETS.scheme,
        SHEETS.rules,
        SHEETS.previous,
        SHEETS.summary,
        'Sheet1',
      ),
      values: fc.array(
        fc.array(
          fc.oneof(
            anyCell,
            fc.constantFrom<CellValue>('单位', '类别', 'P1', 'V1', 'V1T', 'D1', 'X3', 'B2C'),
          ),
          { maxLength: 10 },
        ),
        { maxLength: 8 },
      ),
    });
    fc.assert(
      fc.property(fc.array(sheet, { maxLength: 4 }), (sheets) => {
        readLedger({ sheets });
        expectSound({ sheets });
      }),
      { ...RUN, numRuns: 100 },
    );
  });
});
