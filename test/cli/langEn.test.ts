/**
 * `--lang en`: English first everywhere — every line `kaohe` prints, the result sheets of
 * `rank --out` and the sheets of `template` / `example`. Names that are data (towns, departments,
 * a finding's sheet reference) are Chinese in the data and stay so; everything else a line says
 * must come in English before any Chinese.
 */
import { copyFileSync, writeFileSync } from 'fs';
import * as path from 'path';
import ExcelJS from 'exceljs';
import { EXAMPLE_DEPARTMENTS, EXAMPLE_TOWNS, buildExampleSheets } from '../../src/cli/examples';
import { columnCode } from '../../src/engine/ledger/columns';
import { assessWorkbook } from '../../src/engine/assess';
import { readScheme } from '../../src/engine/ledger/readScheme';
import { buildTemplateSheets } from '../../src/engine/ledger/template';
import { SHEETS } from '../../src/engine/ledger/types';
import { DEFAULT_SCHEME } from '../../src/engine/scheme/defaultScheme';
import { golden, goldenSheets, specsToGrid } from '../ledger/golden';
import { run, tempDir } from './helpers';

const ROOT = path.join(__dirname, '../..');
const SAMPLE = path.join(ROOT, 'examples/ledger.xlsx');
const ERRORS = path.join(ROOT, 'examples/ledger-errors.xlsx');
const CJK = /[\u3400-\u9fff\u3000-\u303f\uff00-\uffef]/;
const LATIN = /[A-Za-z]{2,}|\b[A-Z]\d/;

/** Names that are data, longest first (so 石湾镇街道 goes before 石湾镇). */
const DATA_NAMES = [
  ...EXAMPLE_TOWNS.map(([n]) => n),
  ...EXAMPLE_DEPARTMENTS.map(([n]) => n),
  ...golden.towns.map((t) => t.unit),
  ...golden.departments.map((d) => d.unit),
  '张槎街道',
].sort((a, b) => b.length - a.length);
const SHEET_NAMES = Object.values(SHEETS).join('|');
/** A finding's place at the start of its line: `乡镇台账!D2:` or `方案:`. */
const SHEET_REF = new RegExp(`^(\\s*)(${SHEET_NAMES})(![A-Z]+\\d+)?:`);

/** Why `text` is not English first, or null: Chinese without English, or before it. */
function notEnglishFirst(text: string): string | null {
  let s = text.replace(SHEET_REF, '$1#:');
  for (const n of DATA_NAMES) s = s.split(n).join('#');
  const cjk = s.search(CJK);
  if (cjk < 0) return null;
  const latin = s.search(LATIN);
  if (latin < 0) return 'Chinese only';
  return latin < cjk ? null : 'Chinese first';
}

function offendingLines(output: string): string[] {
  return output
    .split(/[\r\n]+/)
    .filter((l) => notEnglishFirst(l) !== null)
    .map((l) => `${notEnglishFirst(l)}: ${l}`);
}

async function open(file: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return wb;
}

function row(ws: ExcelJS.Worksheet, r: number): unknown[] {
  return (ws.getRow(r).values as unknown[]).slice(1);
}

function column(ws: ExcelJS.Worksheet, c: number): unknown[] {
  const out: unknown[] = [];
  ws.getColumn(c).eachCell((cell, r) => r > 1 && out.push(cell.value));
  return out;
}

/** Every header cell of a sheet, with what is wrong with it. */
function badHeaders(ws: ExcelJS.Worksheet): string[] {
  return row(ws, 1)
    .map((v) => (typeof v === 'string' ? v : JSON.stringify(v ?? '')))
    .filter((v) => v === '' || notEnglishFirst(v) !== null || !LATIN.test(v))
    .map((v) => `${ws.name}: "${v}"`);
}

describe('kaohe --lang en: every line printed is English first', () => {
  it('help, template, example, check, rank, and their errors', async () => {
    const dir = tempDir();
    const ledger = path.join(dir, 'ledger.xlsx');
    copyFileSync(SAMPLE, ledger);
    const csv = path.join(dir, 'data.csv');
    writeFileSync(csv, 'a,b\n1,2\n');
    const runs: string[][] = [
      ['--help'],
      ['help'],
      ['template', '--help'],
      ['check', '--help'],
      ['rank', '--help'],
      ['example', '--help'],
      [],
      ['template', path.join(dir, 't.xlsx'), '--year', '2024', '--units', '祖庙街道,南庄镇'],
      ['template', path.join(dir, 't.xlsx')],
      ['template', path.join(dir, 't2.xlsx'), '--year', '1800'],
      ['example', path.join(dir, 'e.xlsx')],
      ['example', path.join(dir, 'bad.xlsx'), '--with-errors'],
      ['check', ledger],
      ['check', ledger, '--previous', ERRORS],
      ['check', ERRORS],
      ['rank', ERRORS, '--out', path.join(dir, 'x.xlsx')],
      [
        'rank',
        ledger,
        '--out',
        path.join(dir, 'r.xlsx'),
        '--json',
        path.join(dir, 'r.json'),
        '--by-class',
        '--previous',
        ledger,
      ],
      ['rank', ledger, '--out', ledger],
      ['rank', ledger, '--out', dir],
      ['rank', ledger, '--top', '-1'],
      ['rank', ledger, '--nope'],
      ['rank'],
      ['rank', ledger, 'extra'],
      ['frobnicate', ledger],
      ['check', path.join(dir, 'missing.xlsx')],
      ['check', csv],
    ];
    const bad: string[] = [];
    for (const args of runs) {
      const r = await run(...args, '--lang', 'en');
      const out = `${r.out}\n${r.err}`;
      expect([args.join(' '), out.trim().length > 0]).toEqual([args.join(' '), true]);
      for (const line of offendingLines(out)) bad.push(`kaohe ${args.join(' ')} → ${line}`);
    }
    expect(bad).toEqual([]);
  }, 120_000);

  it('the ranking table names the flags and the veto in English', async () => {
    const r = await run('rank', SAMPLE, '--lang', 'en');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/Top place/);
    expect(r.out).toMatch(/Yellow card/);
    expect(r.out).toMatch(/Last place/);
    expect(r.out).toMatch(/Vetoed/);
    expect(r.out).not.toMatch(/一票优先|黄牌警告|末位|一票否决/);
  });
});

describe('kaohe --lang en: the sheets it writes are English first', () => {
  it('rank --out: headers and labels of 排名汇总, 部门排名, 得分明细 and 指标分析', async () => {
    const dir = tempDir();
    const out = path.join(dir, 'r.xlsx');
    expect((await run('rank', SAMPLE, '--out', out, '--lang', 'en')).code).toBe(0);
    const wb = await open(out);
    const bad: string[] = [];
    for (const name of [
      SHEETS.summary,
      SHEETS.departmentRanking,
      SHEETS.detail,
      SHEETS.itemAnalysis,
    ]) {
      const ws = wb.getWorksheet(name);
      expect(ws).toBeDefined();
      bad.push(...badHeaders(ws!));
    }
    const summary = wb.getWorksheet(SHEETS.summary)!;
    const detail = wb.getWorksheet(SHEETS.detail)!;
    const analysis = wb.getWorksheet(SHEETS.itemAnalysis)!;
    // Flags, veto reasons; the detail's type and result; the analysis's verdict.
    for (const [ws, c] of [
      [summary, 12],
      [summary, 13],
      [detail, 2],
      [detail, 10],
      [analysis, 12],
    ] as const)
      for (const v of column(ws, c))
        if (typeof v === 'string' && notEnglishFirst(v)) bad.push(`${ws.name}!col ${c}: "${v}"`);
    expect(bad).toEqual([]);
    expect(column(summary, 12)).toContain('Vetoed');
    expect(column(detail, 2)).toEqual(expect.arrayContaining(['Item', 'Bonus', 'Veto']));
    // The input sheets are copied unchanged.
    expect(row(wb.getWorksheet(SHEETS.towns)!, 1)[0]).toBe('单位');
  });

  it('the default (Chinese) result sheets are unchanged', async () => {
    const dir = tempDir();
    const out = path.join(dir, 'r.xlsx');
    expect((await run('rank', SAMPLE, '--out', out)).code).toBe(0);
    const wb = await open(out);
    expect(row(wb.getWorksheet(SHEETS.summary)!, 1)[0]).toBe('总排名');
    expect(row(wb.getWorksheet(SHEETS.detail)!, 1)[1]).toBe('类型');
    expect(row(wb.getWorksheet(SHEETS.itemAnalysis)!, 1)[0]).toBe('代码 Code');
  });

  it('template and example: every header English first (CODE first), scheme kinds in English', async () => {
    const dir = tempDir();
    const bad: string[] = [];
    for (const args of [
      ['template', path.join(dir, 't.xlsx'), '--units', '祖庙街道'],
      ['example', path.join(dir, 'e.xlsx')],
    ]) {
      expect((await run(...args, '--lang', 'en')).code).toBe(0);
      const wb = await open(args[1]!);
      for (const name of [SHEETS.scheme, SHEETS.towns, SHEETS.departments])
        bad.push(...badHeaders(wb.getWorksheet(name)!));
      for (const v of column(wb.getWorksheet(SHEETS.scheme)!, 1))
        if (typeof v === 'string' && CJK.test(v)) bad.push(`${args[0]} 方案 kind "${v}"`);
      const towns = row(wb.getWorksheet(SHEETS.towns)!, 1).map(String);
      expect(towns.slice(0, 3)).toEqual([
        'Unit / 单位',
        'Class / 类别',
        expect.stringMatching(/^P1 \w/),
      ]);
      // Codes lead every coded header, so columns are still found by code.
      expect(towns).toContain('P3.1 Migrant-area governance / 移民地区综合整治');
    }
    expect(bad).toEqual([]);
  });
});

describe('the ledger reader reads the English-first template as it reads the Chinese one', () => {
  it('the same scheme from 方案 in either language', () => {
    const zh = buildTemplateSheets(DEFAULT_SCHEME, { year: 2024 });
    const en = buildTemplateSheets(DEFAULT_SCHEME, { year: 2024, lang: 'en' });
    expect(en[0]!.rows[0]![0]).toBe('Kind / 类型');
    expect(en[0]!.rows[1]![0]).toBe('scheme');
    const a = readScheme({ name: SHEETS.scheme, values: zh[0]!.rows });
    const b = readScheme({ name: SHEETS.scheme, values: en[0]!.rows });
    expect(a.findings).toEqual([]);
    expect(b.findings).toEqual([]);
    expect(b.scheme).toEqual(a.scheme);
    expect(b.year).toBe(2024);
  });

  it('the golden ledger on the English-first template ranks exactly as on the Chinese one', () => {
    expect(goldenSheets({ lang: 'en' })[1]!.rows[0]![0]).toBe('Unit / 单位');
    const zh = assessWorkbook(specsToGrid(goldenSheets()), golden.options);
    const en = assessWorkbook(specsToGrid(goldenSheets({ lang: 'en' })), golden.options);
    expect(en.findings).toEqual(zh.findings);
    expect(en.ranking).not.toBeNull();
    expect(en.ranking).toEqual(zh.ranking);
  });

  it('the English-first errors sample reports every planted problem on its cell', async () => {
    const { sheets, expected } = buildExampleSheets(true, 'en');
    expect(sheets[1]!.rows[0]![0]).toBe('Unit / 单位');
    const file = path.join(tempDir(), 'bad.xlsx');
    expect((await run('example', file, '--with-errors', '--lang', 'en')).code).toBe(0);
    const r = await run('check', file, '--lang', 'en');
    expect(r.code).toBe(1);
    for (const e of expected) expect(r.err).toContain(`${e.sheet}!${e.cell}:`);
  });

  it('accepts the header forms people type: Chinese, English, and both in either order', () => {
    for (const h of [
      '单位',
      'Unit',
      'unit',
      'Unit / 单位',
      '单位 / Unit',
      '单位 Unit',
      'Unit 单位',
    ])
      expect([h, columnCode(h)]).toEqual([h, '单位']);
    for (const h of ['类别', 'Class', 'Class / 类别', '类别 Class'])
      expect([h, columnCode(h)]).toEqual([h, '类别']);
    expect(columnCode('P3.1 Migrant-area governance / 移民地区综合整治')).toBe('P3.1');
    expect(columnCode('Unit price')).toBe('UNIT');
  });
});
