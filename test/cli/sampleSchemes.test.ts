/**
 * Issue 11, item 6: the bureaus' own schemes beside the built-in one — document 5's districts and
 * a 6:4 scheme with a class that skips an item — each a 方案 a clerk would type, with a sample
 * ledger in examples/ made by `kaohe example --sample`, ranked here against hand-worked figures.
 */
import { readFileSync } from 'fs';
import * as path from 'path';
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { buildSampleSheets, DISTRICT_TARGETS, SAMPLE_NAMES, sampleScheme } from '../../src/cli/sampleSchemes';
import { workbookToGrid } from '../../src/cli/xlsxRead';
import { assessWorkbook } from '../../src/engine/assess';
import { schemeRows } from '../../src/engine/ledger/schemeSheet';
import { scoreSchemeLine, scoreTotal } from '../../src/functions/functions';
import type { CellValue, SheetSpec } from '../../src/engine/ledger/types';
import { expectCellError, installCustomFunctionsStub } from '../functions/cfStub';
import { run, tempDir } from './helpers';

installCustomFunctionsStub();

const ROOT = path.join(__dirname, '../..');
const grid = (sheets: readonly SheetSpec[]) => ({ sheets: sheets.map((s) => ({ name: s.name, values: s.rows })) });

interface JsonUnit {
  unit: string;
  class: string | number | null;
  total: number | null;
  vetoed: boolean;
  lines: Record<string, number | null>;
  rank: { total: number | null };
  flags: string[];
  vetoReasons: string[];
}

async function rankJson(file: string): Promise<{ units: JsonUnit[]; lines: unknown }> {
  const json = path.join(tempDir(), 'r.json');
  const r = await run('rank', file, '--json', json);
  expect(r.err).not.toContain('错误');
  expect(r.code).toBe(0);
  return JSON.parse(readFileSync(json, 'utf8')) as { units: JsonUnit[]; lines: unknown };
}

describe('the sample files are what the examples script makes', () => {
  it.each(SAMPLE_NAMES)('examples/%s.xlsx holds the generated sheets', async (name) => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path.join(ROOT, 'examples', `${name}.xlsx`));
    const file = workbookToGrid(wb);
    for (const s of buildSampleSheets(name)) {
      const got = file.sheets.find((x) => x.name === s.name);
      expect(got).toBeDefined();
      // Trailing blanks are not stored in a file: compare the cells that hold something.
      const cells = (rows: readonly (readonly CellValue[])[]) =>
        rows.flatMap((r, i) => r.map((v, j) => [i, j, v] as const).filter(([, , v]) => v !== null && v !== ''));
      expect(cells(got!.values)).toEqual(cells(s.rows));
    }
  });
});

describe('document 5: the city assesses five districts against their own targets', () => {
  it('ranks the districts by 工作要求, vetoes 高明区 for its own birth-rate target, flags one each end', async () => {
    const j = await rankJson(path.join(ROOT, 'examples/districts.xlsx'));
    // W1–W10 summed by hand: 南海区 9.5+9+9+8.5+9+9.5+8.5+9+9+9 = 90; 禅城区 88.5; 顺德区 85.5; 三水区 81.5.
    expect(j.units.map((u) => [u.unit, u.total, u.rank.total, u.flags])).toEqual([
      ['南海区', 90, 1, ['一票优先']],
      ['禅城区', 88.5, 2, []],
      ['顺德区', 85.5, 3, []],
      ['三水区', 81.5, 4, ['黄牌警告']],
      ['高明区', null, null, []],
    ]);
    const gaoming = j.units.find((u) => u.unit === '高明区')!;
    expect(gaoming.vetoed).toBe(true);
    // 11.32 ‰ against its own 11.15 ‰ (禅城区's 11.00 would veto 禅城区's 10.62 ‰ figure nowhere).
    expect(gaoming.vetoReasons).toEqual(['一票否决：出生率 11.32‰ 超过目标 11.15‰']);
    // 顺德区's natural growth 6.40 ‰ is exactly its target: met.
    expect(j.units.find((u) => u.unit === '顺德区')!.vetoed).toBe(false);
    expect(j.units[0]!.lines).toEqual({ W: 90 });
  });

  it('has no 类别 column (the scheme names no classes) and no finding at all', () => {
    const sheets = buildSampleSheets('districts');
    const sheet = sheets.find((s) => s.name === '区台账')!;
    expect(sheet.rows[0]).not.toContain('类别');
    expect(assessWorkbook(grid(sheets)).findings).toEqual([]);
  });

  it('judges each district by its own targets (≤ birth rate and growth, ≥ policy rate): property', () => {
    const sheets = buildSampleSheets('districts');
    const sheet = sheets.find((s) => s.name === '区台账')!;
    const header = sheet.rows[0]!.map(String);
    const col = (code: string) => header.findIndex((h) => h.split(' ')[0] === code);
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: DISTRICT_TARGETS.length - 1 }),
        fc.integer({ min: 0, max: 2 }),
        fc.integer({ min: -50, max: 50 }),
        (d, which, step) => {
          const [name, ...targets] = DISTRICT_TARGETS[d]!;
          const target = targets[which]!;
          const figure = Math.round((target + step / 100) * 100) / 100;
          const rows = sheet.rows.map((r) => (r[0] === name ? r.map((v, c) => (c === col(`V${which + 1}`) ? figure : v)) : r));
          const a = assessWorkbook(grid(sheets.map((s) => (s === sheet ? { ...s, rows } : s))));
          const unit = a.ranking!.units.find((u) => u.unit === name)!;
          // 高明区 is vetoed by its birth rate already, unless that is the figure moved.
          const others = name === '高明区' && which !== 0;
          const missed = which === 2 ? figure < target : figure > target;
          expect(unit.vetoed).toBe(missed || others);
        },
      ),
      { seed: 20261203, numRuns: 150 },
    );
  });

  it('a 方案 without those targets and without a V1T cell is refused with the cell to fill', () => {
    const sheets = buildSampleSheets('districts');
    const scheme = sheets[0]!;
    const rows = scheme.rows.filter((r) => !(r[0] === '目标' && r[1] === 'V1' && r[2] === '南海区'));
    const a = assessWorkbook(grid([{ ...scheme, rows }, ...sheets.slice(1)]));
    expect(a.ranking).toBeNull();
    expect(a.findings.some((f) => f.severity === 'error' && f.sheet === '区台账' && f.unit === '南海区')).toBe(true);
  });
});

describe('another shape: two 100-point lines weighted 6:4, farms skip an item', () => {
  it('gives the hand-worked totals', async () => {
    const j = await rankJson(path.join(ROOT, 'examples/farms.xlsx'));
    const by = (n: string) => j.units.find((u) => u.unit === n)!;
    // 城关镇: A 28+27+36 = 91; J1 97.2 ≥ 95 → 40, J2 37, J3 no case 20, J4 bonus 3 → J 100;
    // total 0.6×91 + 0.4×100 = 94.6.
    expect([by('城关镇').lines, by('城关镇').total]).toEqual([{ A: 91, J: 100 }, 94.6]);
    // 河口镇: J1 93.5 is 1.5 short of 95 → 40 − 1.5×4 = 34; J3 one case → 15; J 34+36+15 = 85;
    // total 0.6×89 + 0.4×85 = 87.4.
    expect([by('河口镇').lines, by('河口镇').total]).toEqual([{ A: 89, J: 85 }, 87.4]);
    // 红旗农场: A3 not assessed → A (27+24)/60×100 = 85; J1 88 against the farms' 90 → 32;
    // J 32+36+15 = 83; total 0.6×85 + 0.4×83 = 84.2.
    expect([by('红旗农场').lines, by('红旗农场').total]).toEqual([{ A: 85, J: 83 }, 84.2]);
    // 五一农场: A (29+28)/60×100 = 95; J1 91.5 ≥ 90 → 40, 38, 20, +2 → 100; total 97.
    expect([by('五一农场').lines, by('五一农场').total]).toEqual([{ A: 95, J: 100 }, 97]);
    // 白沙镇: J1 92 → 28, J3 two cases → 10, J 28+35+10 = 73; total 0.6×83 + 0.4×73 = 79.
    expect([by('白沙镇').lines, by('白沙镇').total]).toEqual([{ A: 83, J: 73 }, 79]);
    expect(j.units.map((u) => u.unit)).toEqual(['五一农场', '城关镇', '青山街道', '河口镇', '红旗农场', '白沙镇']);
    expect(by('白沙镇').flags).toEqual(['黄牌警告', '末位']);
  });

  it('the custom functions give the CLI\'s answer: SCORE.LINE with the class, SCORE.TOTAL weighing 6:4', async () => {
    const j = await rankJson(path.join(ROOT, 'examples/farms.xlsx'));
    const table = schemeRows(sampleScheme('farms')) as unknown[][];
    const ledger = buildSampleSheets('farms').find((s) => s.name === '乡镇台账')!;
    const header = ledger.rows[0]!.map((h) => String(h).split(' ')[0]);
    const pick = (r: readonly CellValue[], codes: string[]) => [codes.map((c) => r[header.indexOf(c)] ?? null)];
    for (const r of ledger.rows.slice(1)) {
      const unit = j.units.find((u) => u.unit === r[0])!;
      const cls = [[r[header.indexOf('类别')]]];
      const a = scoreSchemeLine(pick(r, ['A1', 'A2', 'A3']), [['A']], table, cls)[0]![0];
      const jl = scoreSchemeLine(pick(r, ['J1', 'J2', 'J3', 'J4']), [['J']], table, cls)[0]![0];
      expect([a, jl]).toEqual([unit.lines.A, unit.lines.J]);
      expect(scoreTotal([[a]], [[jl]], null as never, null as never, null as never, table)[0]![0]).toBe(unit.total);
    }
    // An unknown class is #VALUE! naming the scheme's classes, not a silent default.
    const bad = scoreSchemeLine([[27, 24, null]], [['A']], table, [['林场']])[0]![0];
    expectCellError(bad, '#VALUE!', /林场.*乡镇、农场/);
  });
});

describe('kaohe example --sample', () => {
  it('writes a sample by name and refuses an unknown one or one combined with --with-errors', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'd.xlsx');
    expect((await run('example', file, '--sample', 'districts')).code).toBe(0);
    expect((await rankJson(file)).units).toHaveLength(5);
    const unknown = await run('example', path.join(dir, 'x.xlsx'), '--sample', 'moon');
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain('districts');
    expect((await run('example', path.join(dir, 'y.xlsx'), '--sample', 'farms', '--with-errors')).code).toBe(2);
  });
});

describe('whose flags win', () => {
  const districts = grid(buildSampleSheets('districts'));
  const farms = grid(buildSampleSheets('farms'));
  const tops = (a: ReturnType<typeof assessWorkbook>) => a.ranking!.units.filter((u) => u.flags.includes('一票优先')).length;
  it('the 方案\'s 标记 rows (一票优先 1) over the pane\'s settings; explicit options (the CLI\'s --top) over the 方案', () => {
    expect(tops(assessWorkbook(districts))).toBe(1);
    expect(tops(assessWorkbook(districts, { topN: 3, schemeFlagsFirst: true }))).toBe(1);
    expect(assessWorkbook(districts, { topN: 3, schemeFlagsFirst: true }).ranking!.flagRules).toEqual({ topN: 1, bottomN: 1, last: false });
    expect(tops(assessWorkbook(districts, { topN: 3 }))).toBe(3);
  });
  it('a 方案 without 标记 rows takes the settings', () => {
    expect(tops(assessWorkbook(farms, { topN: 2, schemeFlagsFirst: true }))).toBe(2);
    expect(assessWorkbook(farms).ranking!.flagRules).toEqual({ topN: 3, bottomN: 3, last: true });
  });
});
