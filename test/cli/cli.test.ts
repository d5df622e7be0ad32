import { existsSync, readdirSync, readFileSync, statSync, copyFileSync } from 'fs';
import * as path from 'path';
import { spawnSync } from 'child_process';
import ExcelJS from 'exceljs';
import { workbookFromSheets, saveWorkbook } from '../../src/cli/xlsxWrite';
import { buildExampleSheets } from '../../src/cli/examples';
import { workbookToGrid } from '../../src/cli/xlsxRead';
import { headerCode } from '../../src/engine/ledger/columns';
import { SHEETS } from '../../src/engine/ledger/types';
import { golden, goldenSheets } from '../ledger/golden';
import { run, tempDir } from './helpers';

const ROOT = path.join(__dirname, '../..');
const goldenArgs = [
  '--top',
  String(golden.options.topN),
  '--bottom',
  String(golden.options.bottomN),
  '--by-class',
];

async function writeGolden(dir: string, extra?: (wb: ExcelJS.Workbook) => void): Promise<string> {
  const wb = workbookFromSheets(goldenSheets());
  extra?.(wb);
  const file = path.join(dir, 'ledger.xlsx');
  await saveWorkbook(wb, file);
  return file;
}

async function open(file: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return wb;
}

/** Everything a person could see in a sheet: each cell's value (formulas included) and style. */
function snapshot(ws: ExcelJS.Worksheet): string {
  const cells: unknown[] = [];
  ws.eachRow({ includeEmpty: true }, (row, r) =>
    row.eachCell({ includeEmpty: true }, (cell, c) =>
      cells.push([r, c, cell.value, cell.formula ?? null, cell.style]),
    ),
  );
  return JSON.stringify({ cells, merges: ws.model.merges, cols: ws.columns?.map((c) => c.width) });
}

const expectedJson = () => ({
  units: golden.order.map((name) => {
    const t = golden.towns.find((x) => x.unit === name)!;
    return {
      unit: t.unit,
      class: t.class,
      party: t.expected.party,
      fp: t.expected.fp,
      bonus: t.expected.bonus,
      deduction: t.expected.deduction,
      total: t.expected.total,
      vetoed: t.expected.vetoed,
      rank: t.expected.rank,
      flags: t.expected.flags,
    };
  }),
  departments: golden.departments.map((d) => ({
    unit: d.unit,
    score: d.expected.score,
    rank: d.expected.rank,
  })),
});

describe('kaohe (in-process)', () => {
  it('template -> fill -> rank -> reopen: the result cells hold the golden numbers', async () => {
    const dir = tempDir();
    const tpl = path.join(dir, 'tpl.xlsx');
    const made = await run(
      'template',
      tpl,
      '--year',
      '2024',
      '--units',
      golden.towns.map((t) => t.unit).join('，'),
      '--departments',
      golden.departments.map((d) => d.unit).join(','),
    );
    expect(made.code).toBe(0);
    // Fill the template as a clerk would, by the codes in its header.
    const wb = await open(tpl);
    const towns = wb.getWorksheet(SHEETS.towns)!;
    const header = towns.getRow(1).values as unknown[];
    const filled = workbookToGrid(workbookFromSheets(goldenSheets())).sheets.find(
      (s) => s.name === SHEETS.towns,
    )!;
    const filledHeader = filled.values[0]!;
    for (let r = 2; r <= golden.towns.length + 1; r++) {
      expect(towns.getCell(r, 1).value).toBe(golden.towns[r - 2]!.unit);
      header.forEach((h, c) => {
        const code = headerCode(h);
        if (!code) return;
        const v = filled.values[r - 1]![filledHeader.findIndex((x) => headerCode(x) === code)];
        if (v !== undefined) towns.getCell(r, c).value = v;
      });
      towns.getCell(r, 2).value = golden.towns[r - 2]!.class;
    }
    const deps = wb.getWorksheet(SHEETS.departments)!;
    golden.departments.forEach((d, i) =>
      ['D1', 'D2', 'D3', 'D4'].forEach(
        (code, j) => (deps.getCell(i + 2, j + 2).value = d.scores[code] ?? [30, 20, 20, 30][j]!),
      ),
    );
    const ledger = path.join(dir, 'filled.xlsx');
    await wb.xlsx.writeFile(ledger);

    const out = path.join(dir, 'result.xlsx');
    const json = path.join(dir, 'result.json');
    const ranked = await run('rank', ledger, '--out', out, '--json', json, ...goldenArgs);
    expect(ranked.err).not.toContain('错误');
    expect(ranked.code).toBe(0);
    const result = await open(out);
    expect(result.worksheets.map((w) => w.name)).toEqual(
      expect.arrayContaining([
        SHEETS.scheme,
        SHEETS.towns,
        SHEETS.departments,
        SHEETS.summary,
        SHEETS.departmentRanking,
        SHEETS.detail,
      ]),
    );
    const summary = result.getWorksheet(SHEETS.summary)!;
    expect(summary.getRow(1).getCell(1).value).toBe('总排名');
    expect(summary.getCell('A2').value).toBe(1);
    expect(summary.getCell('B2').value).toBe('甲镇');
    expect(summary.getCell('J2').value).toBe(1005);
    expect(summary.getCell('J2').type).toBe(ExcelJS.ValueType.Number);
    expect(summary.getCell('J2').numFmt).toBe('0.00');
    expect(summary.getCell('B7').value).toBe('己镇');
    expect(summary.getCell('A7').value).toBeNull();
    expect(summary.getCell('L7').value).toBe('一票否决');
    expect(summary.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(result.getWorksheet(SHEETS.departmentRanking)!.getCell('C2').value).toBe(95);
    expect(JSON.parse(readFileSync(json, 'utf8'))).toMatchObject(expectedJson());
  });

  it('writes the JSON in exactly the documented shape', async () => {
    const dir = tempDir();
    const json = path.join(dir, 'r.json');
    expect((await run('rank', await writeGolden(dir), '--json', json, ...goldenArgs)).code).toBe(0);
    const doc = JSON.parse(readFileSync(json, 'utf8'));
    expect(Object.keys(doc)).toEqual(['scheme', 'units', 'departments']);
    expect(doc.scheme.lines.map((l: { code: string; kind: string }) => [l.code, l.kind])).toEqual([
      ['P', 'T'],
      ['F', 'T'],
      ['D', 'D'],
    ]);
    for (const u of doc.units) {
      expect(Object.keys(u)).toEqual([
        'unit',
        'class',
        'party',
        'fp',
        'bonus',
        'deduction',
        'total',
        'vetoed',
        'vetoReasons',
        'rank',
        'flags',
        'lines',
        'lineRanks',
      ]);
      expect(Object.keys(u.rank)).toEqual(['party', 'fp', 'total', 'class']);
      // The scheme's own lines by code, beside the built-in fields.
      expect(u.lines).toEqual({ P: u.party, F: u.fp });
      expect(u.lineRanks).toEqual({ P: u.rank.party, F: u.rank.fp });
      expect(Array.isArray(u.vetoReasons) && Array.isArray(u.flags)).toBe(true);
    }
    for (const d of doc.departments) expect(Object.keys(d)).toEqual(['unit', 'score', 'rank', 'lines']);
    expect(doc).toMatchObject(expectedJson());
    expect(doc.units[5].vetoReasons[0]).toContain('94.5');
  });

  it('leaves every input sheet exactly as it was (values, formulas, styles, merges) and replaces old output sheets', async () => {
    const dir = tempDir();
    const file = await writeGolden(dir, (wb) => {
      const notes = wb.addWorksheet('说明');
      notes.getCell('A1').value = { formula: 'SUM(1,2)', result: 3 };
      notes.getCell('B1').value = '=not a formula';
      notes.getCell('B1').font = { bold: true, color: { argb: 'FFFF0000' } };
      notes.mergeCells('C1:D2');
      notes.getCell('C1').value = '合并单元格';
      wb.addWorksheet(SHEETS.summary).getCell('A1').value = 'stale output';
    });
    const before = await open(file);
    const out = path.join(dir, 'out.xlsx');
    expect((await run('rank', file, '--out', out)).code).toBe(0);
    const after = await open(out);
    for (const name of [SHEETS.scheme, SHEETS.towns, SHEETS.departments, '说明']) {
      expect(snapshot(after.getWorksheet(name)!)).toBe(snapshot(before.getWorksheet(name)!));
    }
    expect(after.getWorksheet('说明')!.getCell('A1').formula).toBe('SUM(1,2)');
    expect(after.worksheets.filter((w) => w.name === SHEETS.summary)).toHaveLength(1);
    expect(after.getWorksheet(SHEETS.summary)!.getCell('A1').value).toBe('总排名');
    expect(statSync(file).mtimeMs).toBe(statSync(file).mtimeMs);
  });

  it('ranks the same with columns shuffled and extra columns added', async () => {
    const dir = tempDir();
    const plain = path.join(dir, 'a.json');
    expect((await run('rank', await writeGolden(dir), '--json', plain, ...goldenArgs)).code).toBe(
      0,
    );
    const specs = goldenSheets().map((s) => {
      if (s.name !== SHEETS.towns) return s;
      const width = s.rows[0]!.length;
      const order = [...Array(width).keys()].sort(
        (a, b) => ((a * 7919) % width) - ((b * 7919) % width),
      );
      return {
        ...s,
        rows: s.rows.map((r, i) => [
          '备注 mine',
          ...order.map((c) => r[c] ?? null),
          i === 0 ? '合计' : 999,
        ]),
        columns: [],
        validations: [],
      };
    });
    const shuffledFile = path.join(dir, 'shuffled.xlsx');
    await saveWorkbook(workbookFromSheets(specs), shuffledFile);
    const shuffled = path.join(dir, 'b.json');
    expect((await run('rank', shuffledFile, '--json', shuffled, ...goldenArgs)).code).toBe(0);
    expect(readFileSync(shuffled, 'utf8')).toBe(readFileSync(plain, 'utf8'));
  });

  it('reports ALL problems of a bad ledger with sheet!cell, exits 1 and writes nothing', async () => {
    const dir = tempDir();
    const { sheets, expected } = buildExampleSheets(true);
    const file = path.join(dir, 'bad.xlsx');
    await saveWorkbook(workbookFromSheets(sheets), file);
    const out = path.join(dir, 'out.xlsx');
    const json = path.join(dir, 'out.json');
    const r = await run('rank', file, '--out', out, '--json', json);
    expect(r.code).toBe(1);
    for (const e of expected) expect(r.err).toContain(`${e.sheet}!${e.cell}:`);
    expect(r.err).toMatch(/乡镇台账!D2: .*不是数字.* \/ .*is not a number/);
    expect(existsSync(out) || existsSync(json)).toBe(false);
    expect(readdirSync(dir)).toEqual(['bad.xlsx']);
    const check = await run('check', file);
    expect(check.code).toBe(1);
    for (const e of expected) expect(check.err).toContain(`${e.sheet}!${e.cell}:`);
  });

  it('the committed errors sample lists every planted problem on its cell', async () => {
    const r = await run('check', path.join(ROOT, 'examples/ledger-errors.xlsx'));
    expect(r.code).toBe(1);
    for (const e of buildExampleSheets(true).expected)
      expect(r.err).toContain(`${e.sheet}!${e.cell}:`);
  });

  it('the committed sample is what the generator makes, and ranks: 14 towns, three classes, a veto, ties', async () => {
    const wb = await open(path.join(ROOT, 'examples/ledger.xlsx'));
    const grid = workbookToGrid(wb);
    for (const spec of buildExampleSheets(false).sheets) {
      const got = grid.sheets.find((s) => s.name === spec.name)!.values;
      expect(got.map((r) => r.map((v) => v ?? null))).toEqual(
        spec.rows
          .map((r) => r.map((v) => v ?? null))
          .map((r, i) => r.slice(0, Math.max(got[i]!.length, 0))),
      );
    }
    const dir = tempDir();
    const json = path.join(dir, 'r.json');
    const r = await run('rank', path.join(ROOT, 'examples/ledger.xlsx'), '--json', json);
    expect(r.code).toBe(0);
    const doc = JSON.parse(readFileSync(json, 'utf8'));
    expect(doc.units.length).toBeGreaterThanOrEqual(12);
    expect(new Set(doc.units.map((u: { class: number }) => u.class))).toEqual(new Set([1, 2, 3]));
    expect(doc.units.filter((u: { vetoed: boolean }) => u.vetoed)).toHaveLength(1);
    expect(doc.units[doc.units.length - 1].vetoed).toBe(true);
    const totals = doc.units
      .filter((u: { vetoed: boolean }) => !u.vetoed)
      .map((u: { rank: { total: number } }) => u.rank.total);
    expect(new Set(totals).size).toBeLessThan(totals.length);
    expect(
      doc.units.some((u: { bonus: number }) => u.bonus > 0) &&
        doc.units.some((u: { deduction: number }) => u.deduction > 0),
    ).toBe(true);
    const depRanks = doc.departments.map((d: { rank: number }) => d.rank);
    expect(new Set(depRanks).size).toBeLessThan(depRanks.length);
    // The terminal table aligns Chinese names: every data row of the table is equally wide up to the flags column.
    expect(r.out).toContain('白坭镇');
    expect(r.out).toContain('一票否决');
  });

  it('refuses --out equal to the input and leaves the input untouched', async () => {
    const dir = tempDir();
    const file = await writeGolden(dir);
    const before = readFileSync(file);
    const r = await run('rank', file, '--out', path.join(dir, '.', 'ledger.xlsx'));
    expect(r.code).toBe(2);
    expect(r.err).toContain('--out');
    expect(readFileSync(file).equals(before)).toBe(true);
  });

  it('does not overwrite an existing file with a template unless --force', async () => {
    const dir = tempDir();
    const file = await writeGolden(dir);
    const before = readFileSync(file);
    expect((await run('template', file)).code).toBe(2);
    expect(readFileSync(file).equals(before)).toBe(true);
    expect((await run('template', file, '--force')).code).toBe(0);
  });

  it('writes hostile unit names as text in xlsx, JSON and the terminal', async () => {
    const dir = tempDir();
    const names = [
      '=HYPERLINK("http://evil.example","点我")',
      "+cmd|' /C calc'!A0",
      '@SUM(A1:A9)',
      '-1+1',
      '\u001b[2J清屏',
    ];
    const specs = goldenSheets().map((s) =>
      s.name === SHEETS.towns
        ? {
            ...s,
            rows: s.rows.map((r, i) =>
              i >= 1 && i <= names.length ? [names[i - 1]!, ...r.slice(1)] : r,
            ),
          }
        : s,
    );
    const file = path.join(dir, 'hostile.xlsx');
    await saveWorkbook(workbookFromSheets(specs), file);
    const out = path.join(dir, 'o.xlsx');
    const json = path.join(dir, 'o.json');
    const r = await run('rank', file, '--out', out, '--json', json);
    expect(r.code).toBe(0);
    const wb = await open(out);
    for (const name of [SHEETS.summary, SHEETS.detail]) {
      wb.getWorksheet(name)!.eachRow((row) =>
        row.eachCell((cell) => {
          expect(cell.formula).toBeUndefined();
          expect(cell.type === ExcelJS.ValueType.Formula).toBe(false);
        }),
      );
    }
    const summaryNames: unknown[] = [];
    wb.getWorksheet(SHEETS.summary)!
      .getColumn(2)
      .eachCell((c) => summaryNames.push(c.value));
    // XML cannot hold ESC: ExcelJS drops it, which is fine for a name; everything else is kept verbatim.
    for (const n of names) expect(summaryNames).toContain(n.split('\u001b').join(''));
    const doc = JSON.parse(readFileSync(json, 'utf8'));
    for (const n of names)
      expect(doc.units.map((u: { unit: string }) => u.unit)).toContain(n.split('\u001b').join(''));
    expect(r.out).not.toContain('\u001b');
  });

  it('prints help for every command and rejects unknown options', async () => {
    for (const args of [
      ['--help'],
      ['rank', '--help'],
      ['check', '--help'],
      ['template', '--help'],
      ['example', '--help'],
    ]) {
      const r = await run(...args);
      expect(r.code).toBe(0);
      expect(r.out).toContain('kaohe');
    }
    expect((await run('rank', '--help', '--lang', 'en')).out).toContain('--by-class');
    expect((await run('rank', 'x.xlsx', '--nope')).code).toBe(2);
    expect((await run('frobnicate', 'x.xlsx')).code).toBe(2);
    expect((await run('rank', 'x.xlsx', '--top', '-1')).code).toBe(2);
    const missing = await run('rank', path.join(tempDir(), 'none.xlsx'));
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('找不到文件');
  });

  it('shows progress on stderr for a workbook with thousands of rows', async () => {
    const dir = tempDir();
    const specs = goldenSheets().map((s) => {
      if (s.name !== SHEETS.towns) return s;
      const rows = [s.rows[0]!];
      for (let i = 0; i < 1200; i++)
        rows.push([`镇${i}`, ...s.rows[1 + (i % golden.towns.length)]!.slice(1)]);
      return { ...s, rows, validations: [] };
    });
    const file = path.join(dir, 'big.xlsx');
    await saveWorkbook(workbookFromSheets(specs), file);
    const r = await run('check', file);
    expect(r.err).toMatch(/checking \d+\/\d+/);
  }, 60_000);
});

describe('bin/kaohe.js (spawned)', () => {
  it('runs the built CLI (npm run build:cli must have run: this test fails, never skips, without lib/)', () => {
    expect(existsSync(path.join(ROOT, 'lib/cli/main.js'))).toBe(true);
    const dir = tempDir();
    const json = path.join(dir, 'r.json');
    copyFileSync(path.join(ROOT, 'examples/ledger.xlsx'), path.join(dir, 'ledger.xlsx'));
    const r = spawnSync(
      process.execPath,
      [
        path.join(ROOT, 'bin/kaohe.js'),
        'rank',
        path.join(dir, 'ledger.xlsx'),
        '--json',
        json,
        '--out',
        path.join(dir, 'out', 'r.xlsx'),
      ],
      { encoding: 'utf8' },
    );
    expect(r.stderr).not.toContain('Error');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('白坭镇');
    expect(existsSync(path.join(dir, 'out', 'r.xlsx'))).toBe(true);
    expect(JSON.parse(readFileSync(json, 'utf8')).units.length).toBe(14);
  }, 60_000);
});

describe('kaohe rank: flags that cannot all be given (issue 10, item 4)', () => {
  it('with top 3 / bottom 3 over the 5 ranked golden towns, the tied 2nd places are rewarded only and the terminal says why', async () => {
    const dir = tempDir();
    const file = await writeGolden(dir);
    const json = path.join(dir, 'r.json');
    const r = await run('rank', file, '--json', json, '--top', '3', '--bottom', '3');
    expect(r.code).toBe(0);
    const flags = Object.fromEntries(
      JSON.parse(readFileSync(json, 'utf8')).units.map((u: { unit: string; flags: string[] }) => [
        u.unit,
        u.flags,
      ]),
    );
    expect(flags).toEqual({
      甲镇: ['一票优先'],
      乙街道: ['一票优先'],
      丙镇: ['一票优先'],
      丁镇: ['黄牌警告'],
      戊街道: ['黄牌警告', '末位'],
      己镇: [],
    });
    expect(r.out).toContain('参加排名的只有 5 个单位');
    expect(r.out).toContain('乙街道、丙镇 在前 3 名之内');
    expect(r.out).toContain('Only 5 units are ranked');
    const en = await run('rank', file, '--top', '3', '--bottom', '3', '--lang', 'en');
    expect(en.out).toMatch(/Only 5 units are ranked.* \/ 参加排名的只有 5 个单位/);
  });

  it('says nothing when the flags fit', async () => {
    const dir = tempDir();
    const r = await run('rank', await writeGolden(dir), ...goldenArgs);
    expect(r.code).toBe(0);
    expect(r.out).not.toContain('一票优先”，不标记');
    expect(r.out).not.toContain('marked 一票优先 only');
  });
});

describe('kaohe check: items that separate no one (issue 10, item 9)', () => {
  it('prints one warning listing every flat item, in full, instead of one line per item', async () => {
    const dir = tempDir();
    const r = await run('check', await writeGolden(dir));
    expect(r.code).toBe(0);
    const lines = r.err.split('\n').filter((l) => l.includes('指标不能区分'));
    expect(lines).toHaveLength(1);
    expect(r.err).toContain('警告（1）');
    // Every leaf of the golden ledger is at full marks except those its towns change.
    const changed = new Set(golden.towns.flatMap((t) => Object.keys(t.scores)));
    for (const code of ['P1', 'P3.2', 'F4.5']) {
      expect(changed.has(code)).toBe(false);
      expect(lines[0]).toContain(`${code}、`);
    }
    expect(lines[0]).toMatch(/P1, .*F6\.2$/);
    expect(lines[0]).not.toContain('…');
  });
});

describe('kaohe on an empty ledger (issue 10, item 13)', () => {
  it('check and rank refuse a ledger with no towns and no departments (exit 1), naming both sheets and writing nothing', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'empty.xlsx');
    expect((await run('template', file)).code).toBe(0);
    const check = await run('check', file);
    expect(check.code).toBe(1);
    expect(check.err).toMatch(/乡镇台账!A2: .*乡镇台账.*部门台账.* \/ .*no units/);
    expect(check.out).not.toContain('检查通过');
    const out = path.join(dir, 'out.xlsx');
    const rank = await run('rank', file, '--out', out);
    expect(rank.code).toBe(1);
    expect(rank.err).toContain('未排名，未写任何文件');
    expect(existsSync(out)).toBe(false);
  });

  it('towns without departments, or departments without towns, still pass', async () => {
    const dir = tempDir();
    const deps = path.join(dir, 'deps.xlsx');
    expect((await run('template', deps, '--departments', '卫生局,公安局')).code).toBe(0);
    expect((await run('check', deps)).code).toBe(0);
    const ranked = await run('rank', deps);
    expect(ranked.code).toBe(0);
    expect(ranked.out).toContain('卫生局');
    const towns = path.join(dir, 'towns.xlsx');
    const wb = workbookFromSheets(goldenSheets());
    wb.removeWorksheet(wb.getWorksheet(SHEETS.departments)!.id);
    await saveWorkbook(wb, towns);
    const r = await run('rank', towns, ...goldenArgs);
    expect(r.code).toBe(0);
    expect(r.out).toContain('甲镇');
  });
});
