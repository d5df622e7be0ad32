/**
 * Issue 7, "no formula injection": unit and department names and free text that look like
 * formulas (`=HYPERLINK(…)`, `+cmd|' /C calc'!A0`, `@SUM(1)`, `-2+3`, DDE) come out as TEXT in
 * every output — in the .xlsx (checked in the sheet XML itself: no <f> element in any output sheet,
 * every such cell a string), in the JSON (the same string), and in the terminal (printed as-is,
 * with no control character that a terminal would act on).
 */
import { readFileSync } from 'fs';
import * as path from 'path';
import fc from 'fast-check';
import JSZip from 'jszip';
import ExcelJS from 'exceljs';
import { DEFAULT_SCHEME, rankAll } from '../../src/engine';
import { OUTPUT_SHEETS, SHEETS, type Finding } from '../../src/engine/ledger';
import { formatFinding, formatRanking, rankingJson } from '../../src/cli/main';
import { INJECTIONS, SEED, anyText } from './hostile';
import { cleanLedger } from './ledgerGrid';
import { kaohe, openXlsx, tempDir, workbookOf } from './xlsxHelpers';

jest.setTimeout(60_000);

const FORMULA_LIKE = [
  '=HYPERLINK("http://x","y")',
  "+cmd|' /C calc'!A0",
  '@SUM(1)',
  '-2+3',
  '=1+1',
  '=cmd|"/C calc"!A0',
  '=WEBSERVICE("http://x")',
  '＝1+1',
];
const DEPARTMENT_NAMES = ['=IMPORTXML("http://x","//a")', '+1', '@A1'];

/** Characters a terminal acts on (C0/C1 controls, DEL, bidi overrides) other than the newline. */
// eslint-disable-next-line no-control-regex
const TERMINAL_CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

/** Sheet name -> its XML, for the output sheets of a result workbook. */
async function outputSheetXml(file: string): Promise<Map<string, string>> {
  const zip = await JSZip.loadAsync(readFileSync(file));
  const workbook = await zip.file('xl/workbook.xml')!.async('string');
  const rels = await zip.file('xl/_rels/workbook.xml.rels')!.async('string');
  const out = new Map<string, string>();
  for (const m of workbook.matchAll(/<sheet [^>]*name="([^"]+)"[^>]*r:id="([^"]+)"/g)) {
    const [, name, rid] = m;
    if (!name || !OUTPUT_SHEETS.includes(name)) continue;
    const target =
      new RegExp(`Id="${rid}"[^>]*Target="([^"]+)"`).exec(rels)?.[1] ??
      new RegExp(`Target="([^"]+)"[^>]*Id="${rid}"`).exec(rels)?.[1];
    const p = target!.startsWith('/') ? target!.slice(1) : `xl/${target!}`;
    out.set(name, await zip.file(p)!.async('string'));
  }
  return out;
}

describe('formula-like names are written as text everywhere', () => {
  it('xlsx (sheet XML and ExcelJS types), JSON and terminal, through kaohe rank', async () => {
    const dir = tempDir();
    const grid = cleanLedger(FORMULA_LIKE.length, DEPARTMENT_NAMES.length);
    const sheets = grid.sheets.map((s) => {
      if (s.name === SHEETS.towns)
        return {
          ...s,
          values: s.values.map((r, i) => (i === 0 ? r : [FORMULA_LIKE[i - 1]!, ...r.slice(1)])),
        };
      if (s.name === SHEETS.departments)
        return {
          ...s,
          values: s.values.map((r, i) => (i === 0 ? r : [DEPARTMENT_NAMES[i - 1]!, ...r.slice(1)])),
        };
      return s;
    });
    const file = path.join(dir, 'ledger.xlsx');
    await workbookOf({ sheets }).xlsx.writeFile(file);
    const out = path.join(dir, 'result.xlsx');
    const json = path.join(dir, 'result.json');
    const r = await kaohe('rank', file, '--out', out, '--json', json);
    expect(r.err).not.toMatch(/错误（/);
    expect(r.code).toBe(0);

    const xml = await outputSheetXml(out);
    expect([...xml.keys()]).toEqual(
      expect.arrayContaining([SHEETS.summary, SHEETS.detail, SHEETS.departmentRanking]),
    );
    for (const [name, text] of xml)
      expect({ name, formulas: text.match(/<f[\s>]/g) ?? [] }).toEqual({ name, formulas: [] });

    const wb = await openXlsx(out);
    const seen = new Set<string>();
    for (const name of OUTPUT_SHEETS) {
      wb.getWorksheet(name)?.eachRow((row) =>
        row.eachCell((cell) => {
          expect(cell.type).not.toBe(ExcelJS.ValueType.Formula);
          expect(cell.type).not.toBe(ExcelJS.ValueType.Hyperlink);
          if (typeof cell.value === 'string') seen.add(cell.value);
        }),
      );
    }
    for (const n of [...FORMULA_LIKE, ...DEPARTMENT_NAMES]) expect(seen).toContain(n);

    const doc = JSON.parse(readFileSync(json, 'utf8')) as {
      units: { unit: string }[];
      departments: { unit: string }[];
    };
    expect(doc.units.map((u) => u.unit).sort()).toEqual([...FORMULA_LIKE].sort());
    expect(doc.departments.map((d) => d.unit).sort()).toEqual([...DEPARTMENT_NAMES].sort());
    for (const n of FORMULA_LIKE) expect(r.out).toContain(n);
    expect(r.out).not.toMatch(TERMINAL_CONTROL);
    expect(r.err).not.toMatch(TERMINAL_CONTROL);
  });

  it('formula-like text in score cells is echoed in findings as text, with no terminal controls', async () => {
    const dir = tempDir();
    const grid = cleanLedger(INJECTIONS.length);
    const sheets = grid.sheets.map((s) =>
      s.name === SHEETS.towns
        ? {
            ...s,
            values: s.values.map((r, i) =>
              i === 0 ? r : [r[0]!, r[1]!, INJECTIONS[i - 1]!, ...r.slice(3)],
            ),
          }
        : s,
    );
    const file = path.join(dir, 'bad.xlsx');
    await workbookOf({ sheets }).xlsx.writeFile(file);
    const r = await kaohe('check', file);
    expect(r.code).toBe(1);
    expect(r.err).not.toMatch(TERMINAL_CONTROL);
    expect(r.err).toContain('=HYPERLINK(');
  });
});

describe('terminal output never carries control characters, whatever the names', () => {
  const scheme = DEFAULT_SCHEME;
  const unit = (name: string) => ({
    unit: name,
    unitClass: 1 as const,
    scores: {},
    vetoInputs: { V1: { actual: 97, target: 95 }, V2: { actual: 99, target: 95 } },
    adjustments: {},
  });

  it('formatRanking and rankingJson over arbitrary unit and department names', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(
          anyText.filter((s) => s.trim().length > 0),
          { minLength: 1, maxLength: 6 },
        ),
        (names) => {
          const ranking = rankAll(
            scheme,
            names.map(unit),
            names.map((n) => ({ unit: n, scores: {} })),
          );
          for (const lang of ['zh', 'en'] as const)
            expect(formatRanking(ranking, lang)).not.toMatch(TERMINAL_CONTROL);
          // JSON keeps every name exactly (escaping is JSON's business, not ours).
          const doc = JSON.parse(JSON.stringify(rankingJson(ranking))) as {
            units: { unit: string }[];
          };
          expect(doc.units.map((u) => u.unit).sort()).toEqual([...names].sort());
        },
      ),
      { seed: SEED, numRuns: 60 },
    );
  });

  it('formatFinding over arbitrary messages (cell text quoted in them)', () => {
    fc.assert(
      fc.property(anyText, anyText, (zh, en) => {
        const f: Finding = {
          severity: 'error',
          rule: 'x',
          sheet: SHEETS.towns,
          cell: 'A1',
          zh,
          en,
        };
        for (const lang of ['zh', 'en'] as const)
          expect(formatFinding(f, lang)).not.toMatch(TERMINAL_CONTROL);
      }),
      { seed: SEED, numRuns: 100 },
    );
  });

  it('formatFinding over arbitrary sheet names', () => {
    fc.assert(
      fc.property(anyText, (sheet) => {
        const f: Finding = {
          severity: 'error',
          rule: 'x',
          sheet: `${sheet}\u202e`,
          cell: 'A1',
          zh: '中',
          en: 'en',
        };
        for (const lang of ['zh', 'en'] as const)
          expect(formatFinding(f, lang)).not.toMatch(TERMINAL_CONTROL);
      }),
      { seed: SEED, numRuns: 30 },
    );
  });
});
