/**
 * `kaohe`: the assessment on real .xlsx files, without Excel. Parses arguments, reads and writes
 * files (ExcelJS) and prints; all assessment logic is the engine's `assessWorkbook`, the same
 * function the task pane calls.
 */
import { promises as fs } from 'fs';
import * as path from 'path';
import { parseArgs } from 'util';
import { DEFAULT_SCHEME } from '../engine/scheme/defaultScheme';
import { assessWorkbook } from '../engine/assess';
import { qualified } from '../engine/ledger/cells';
import { lineColumns, markText } from '../engine/report/outputs';
import { buildTemplateSheets, schemeSheetSpec } from '../engine/ledger/template';
import { importRules, type ImportResult } from '../engine/ledger/importRules';
import { readScheme } from '../engine/ledger/readScheme';
import type ExcelJS from 'exceljs';
import {
  OUTPUT_SHEETS,
  SHEETS,
  type CellValue,
  type Finding,
  type SheetSpec,
  type WorkbookGrid,
} from '../engine/ledger/types';
import type { Ranking, Scheme } from '../engine/types';
import { buildExampleSheets } from './examples';
import { rankingJson } from '../engine/report/json';
import { ledgerSheetNames } from '../engine/ledger/readLedger';
export { rankingJson };
import { buildSampleSheets, SAMPLE_NAMES, type SampleName } from './sampleSchemes';
import { progressReporter, type ProgressReporter } from './progress';
import { renderTable, safeText } from './table';
import { MergeUnsupported, saveMergedResult } from './xlsxMerge';
import { openInputWorkbook } from './convert';
import { WorkbookOpenError, workbookToGrid } from './xlsxRead';
import {
  OutputWriteError,
  addBulkSheet,
  addSheet,
  saveAtomically,
  saveWorkbook,
  workbookFromSheets,
  type BulkSheet,
} from './xlsxWrite';

export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  /** stderr is a terminal: progress is one line updated in place, else whole lines. */
  readonly errIsTTY?: boolean;
}

const processIo: CliIo = {
  out: (t) => process.stdout.write(t),
  err: (t) => process.stderr.write(t),
  errIsTTY: process.stderr.isTTY === true,
};

type Lang = 'zh' | 'en';

/** Exit codes: 0 done, 1 bad input data (nothing written), 2 bad usage or I/O failure. */
export const EXIT = { ok: 0, data: 1, usage: 2 } as const;

/** Rows above which progress is shown on stderr. */
const PROGRESS_ROWS = 1000;

const HELP: Record<string, { zh: string; en: string }> = {
  main: {
    zh: `kaohe — 目标考核助手命令行工具（读写 .xlsx，无需 Excel）

用法:
  kaohe template <台账.xlsx> [--scheme 方案.xlsx] [--year 2024] [--units 禅城区,南海区,…] [--departments 卫生局,…] [--force]
  kaohe scheme import <细则.xlsx> --out <方案.xlsx> [--force]
  kaohe check <台账.xlsx> [--previous 上轮.xlsx]
  kaohe rank <台账.xlsx> [--out 结果.xlsx] [--json 结果.json] [--top N] [--bottom N] [--by-class] [--previous 上轮.xlsx]
  kaohe example <示例.xlsx> [--with-errors | --sample districts|farms] [--force]

通用选项: --lang zh|en（默认 zh；en 时英文在前，结果表同样），--help
每个命令的说明: kaohe <命令> --help
退出码: 0 成功；1 数据有错误（列出全部问题，不写任何文件；scheme import 例外：照常写出，列出未导入的行）；2 用法或文件错误`,
    en: `kaohe — Kaohe assessment on .xlsx files, no Excel needed

Usage:
  kaohe template <ledger.xlsx> [--scheme scheme.xlsx] [--year 2024] [--units A,B,…] [--departments X,Y,…] [--force]
  kaohe scheme import <rules.xlsx> --out <scheme.xlsx> [--force]
  kaohe check <ledger.xlsx> [--previous last.xlsx]
  kaohe rank <ledger.xlsx> [--out result.xlsx] [--json result.json] [--top N] [--bottom N] [--by-class] [--previous last.xlsx]
  kaohe example <sample.xlsx> [--with-errors | --sample districts|farms] [--force]

Options for all: --lang zh|en (default zh; en puts English first, in the result sheets too), --help
Per command: kaohe <command> --help
Exit codes: 0 done; 1 the data has errors (all listed, nothing written; except scheme import, which writes and lists the rows it skipped); 2 usage or file error`,
  },
  template: {
    zh: `kaohe template <台账.xlsx> [--scheme 方案.xlsx] [--year YYYY] [--units 名称,名称,…] [--departments 名称,…] [--force]
  生成空白台账：方案（可编辑的考核方案）、乡镇台账（单位、类别、各指标、否决项、加扣分）、部门台账（D1–D4）。
  --scheme  用该工作簿“方案”表中的方案（如 kaohe scheme import 的结果）代替内置方案；方案有错误时列出并退出（码 1）。
  表头为“代码 中文名”（--lang en 时为“代码 English / 中文名”），按代码找列，可调整列的顺序或增加自己的列。
  文件已存在时需加 --force。`,
    en: `kaohe template <ledger.xlsx> [--scheme scheme.xlsx] [--year YYYY] [--units name,name,…] [--departments name,…] [--force]
  Writes an empty ledger: the scheme (sheet 方案, editable), the towns (乡镇台账: unit, class, items,
  veto figures, bonuses/deductions) and the departments (部门台账: D1–D4). --scheme takes the scheme
  from that workbook's 方案 sheet (e.g. written by kaohe scheme import) instead of the built-in one;
  a scheme with errors is listed and nothing is written (exit code 1). Headers are
  "CODE English / 中文名" (with --lang zh: "CODE 中文名"); columns are found by their code, so they
  may be reordered or added. An existing file is replaced only with --force.`,
  },
  scheme: {
    zh: `kaohe scheme import <细则.xlsx> --out <方案.xlsx> [--force]
  读取本单位的考核评分细则表（标题、表头“序号/考核项目/考核内容/分值/评分标准”等，编号 一、（一）1.（1）①，
  分值在分值列或文字中如“（20分）”，合并单元格，合计、说明、加分、扣分、一票否决），写出含“方案”表的工作簿，
  并显示导入的指标树。读不懂的每一行都列出（工作表!单元格：原因）；一票否决需手工补全目标值和所否决的指标。
  退出码：0 全部读懂；1 有未导入的行（文件照常写出）；2 输入文件错误。之后：kaohe template 台账.xlsx --scheme 方案.xlsx`,
    en: `kaohe scheme import <rules.xlsx> --out <scheme.xlsx> [--force]
  Reads a bureau's own scoring table (评分细则: a title, headers such as 序号/考核项目/考核内容/分值/评分标准,
  numbering 一、 (一) 1. (1) ①, points in a column or in the text as "(20分)", merged cells, total,
  notes, bonus, deduction and veto sections), writes a workbook with a 方案 sheet and prints the
  tree it built. Every row it could not read is listed (sheet!cell: reason); vetoes must be
  completed by hand (target and the items they decide).
  Exit codes: 0 every row understood; 1 some rows skipped (the file is still written); 2 bad input
  file. Then: kaohe template ledger.xlsx --scheme scheme.xlsx`,
  },
  check: {
    zh: `kaohe check <台账.xlsx> [--previous 上轮.xlsx]
  只检查数据：列出全部问题（工作表!单元格：说明），有错误时退出码为 1。`,
    en: `kaohe check <ledger.xlsx> [--previous last.xlsx]
  Checks only: lists every problem as sheet!cell: message; exit code 1 when any is an error.`,
  },
  rank: {
    zh: `kaohe rank <台账.xlsx> [--out 结果.xlsx] [--json 结果.json] [--top N] [--bottom N] [--by-class] [--previous 上轮.xlsx]
  检查并排名，在终端显示排名表。
  --out     写出结果工作簿：原有工作表原样保留，另加 排名汇总、部门排名、得分明细（、指标分析）
  --json    写出 JSON 结果
  --top N   前 N 名标记“一票优先”（默认 3）；--bottom N 末 N 名标记“黄牌警告”（默认 3）
  --by-class 同时按类别排名
  数据有错误时列出全部问题，不写任何文件，退出码 1。`,
    en: `kaohe rank <ledger.xlsx> [--out result.xlsx] [--json result.json] [--top N] [--bottom N] [--by-class] [--previous last.xlsx]
  Checks and ranks; prints the ranking.
  --out      result workbook: every input sheet unchanged, plus the summary (排名汇总), department
             ranking (部门排名), score detail (得分明细) and item analysis (指标分析)
  --json     JSON result
  --top N    the first N are flagged Top place (一票优先, default 3); --bottom N: the last N get a
             Yellow card (黄牌警告, default 3)
  --by-class also rank within class
  With errors in the data: lists them all, writes nothing, exit code 1.`,
  },
  example: {
    zh: `kaohe example <示例.xlsx> [--with-errors | --sample districts|farms] [--force]
  生成示例台账（14 个镇街，三类，含一票否决、并列、加分、扣分）；--with-errors 生成带有预置错误的版本。
  --sample districts  第五篇：市对五个区考核（区台账，每区各自的出生率、自然增长率、政策生育率目标，未完成一票否决）
  --sample farms      另一种方案：两条 100 分的线按 6:4 加权，农场不考核一项并有自己的目标`,
    en: `kaohe example <sample.xlsx> [--with-errors] [--force]
  Writes the sample ledger (14 towns in three classes, a veto, a tie, bonuses, deductions);
  --with-errors writes the version with planted errors.
  --sample districts  document 5: the city assesses its five districts (sheet 区台账, each district's
                      own birth-rate, natural-growth and policy-birth-rate targets; a miss is a veto)
  --sample farms      another shape: two 100-point lines weighted 6:4; farms skip one item and have
                      their own target on another`,
  },
};

class UsageError extends Error {
  constructor(
    readonly zh: string,
    readonly en: string,
  ) {
    super(`${zh} / ${en}`);
  }
}

const both = (lang: Lang, zh: string, en: string) =>
  lang === 'en' ? `${en} / ${zh}` : `${zh} / ${en}`;

function help(lang: Lang, topic: string): string {
  const h = HELP[topic] ?? HELP.main;
  if (!h) return '';
  return `${lang === 'en' ? h.en : h.zh}\n`;
}

function parseCount(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0)
    throw new UsageError(
      `--${name} 应为不小于 0 的整数，收到“${value}”`,
      `--${name} must be a whole number ≥ 0, got "${value}"`,
    );
  return n;
}

function splitNames(value: string | undefined): string[] {
  if (!value) return [];
  return value
    .split(/[,，、;；]/)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

/** Same file? Compares resolved paths, and real paths when both exist (symlinks, case). */
async function samePath(a: string, b: string): Promise<boolean> {
  const ra = path.resolve(a);
  const rb = path.resolve(b);
  if (ra === rb) return true;
  try {
    return (await fs.realpath(ra)) === (await fs.realpath(rb));
  } catch {
    return false;
  }
}

async function exists(p: string): Promise<boolean> {
  try {
    await fs.access(p);
    return true;
  } catch {
    return false;
  }
}

/** One line per finding, `sheet!cell: message`, Chinese then English (English first with --lang en). */
export function formatFinding(f: Finding, lang: Lang): string {
  // Sheet names come from the file too: a bidi override in one must not reorder the line.
  // Long enough for a list of every item of the scheme (items.no-spread); still a cap on file text.
  return `${safeText(qualified(f.sheet, f.cell), 80)}: ${safeText(both(lang, f.zh, f.en), 1500)}`;
}

function printFindings(
  io: CliIo,
  findings: readonly Finding[],
  lang: Lang,
  maxWarnings = Infinity,
): void {
  const errors = findings.filter((f) => f.severity === 'error');
  const warnings = findings.filter((f) => f.severity === 'warning');
  if (errors.length > 0) {
    io.err(`${both(lang, `错误（${errors.length}）`, `Errors (${errors.length})`)}:\n`);
    for (const f of errors) io.err(`  ${formatFinding(f, lang)}\n`);
  }
  if (warnings.length > 0) {
    io.err(`${both(lang, `警告（${warnings.length}）`, `Warnings (${warnings.length})`)}:\n`);
    for (const f of warnings.slice(0, maxWarnings)) io.err(`  ${formatFinding(f, lang)}\n`);
    if (warnings.length > maxWarnings) {
      const more = warnings.length - maxWarnings;
      io.err(
        `  … ${both(lang, `另有 ${more} 条警告（用 kaohe check 查看全部）`, `${more} more warnings (kaohe check lists them all)`)}\n`,
      );
    }
  }
}

const fmt = (n: number | null): string =>
  n === null ? '' : Number.isInteger(n) ? String(n) : n.toFixed(2).replace(/0$/, '');

/** The ranking as terminal text: units (vetoed last, with reasons) and departments, the scheme's own lines. */
export function formatRanking(ranking: Ranking, lang: Lang, limit = 200, scheme: Scheme = DEFAULT_SCHEME): string {
  const en = lang === 'en';
  const lines = lineColumns(scheme);
  // The built-in lines keep their short English names in the table.
  const short = (l: { code: string; labelEn: string }) =>
    scheme === DEFAULT_SCHEME && l.code === 'P' ? 'Party' : scheme === DEFAULT_SCHEME && l.code === 'F' ? 'FP' : l.labelEn;
  const headers = en
    ? ['Rank', 'Unit', 'Class', ...lines.flatMap((l) => [short(l), 'Rank']), 'Bonus', 'Deduct', 'Total', 'Class rank', 'Flags']
    : ['总排名', '单位', '类别', ...lines.flatMap((l) => [l.labelZh, '排名']), '加分', '扣分', '总分', '类别内', '标记'];
  const flagsAt = headers.length - 1;
  const cols = headers.map((header, i) => ({
    header,
    align: i === 1 || i === flagsAt ? ('left' as const) : ('right' as const),
  }));
  let units = ranking.units;
  let skipped = 0;
  if (units.length > limit) {
    const half = Math.floor(limit / 2);
    skipped = units.length - 2 * half;
    units = [...units.slice(0, half), ...units.slice(-half)];
  }
  const rows = units.map((u) => [
    u.vetoed ? (en ? 'veto' : '否决') : fmt(u.rank.total),
    u.unit,
    u.unitClass === null ? '' : String(u.unitClass),
    ...lines.flatMap((l) => [fmt(u.lines[l.code] ?? null), fmt(u.lineRanks[l.code] ?? null)]),
    fmt(u.bonus),
    fmt(u.deduction),
    fmt(u.total),
    fmt(u.rank.class),
    markText(u, lang),
  ]);
  const parts = [renderTable(cols, rows)];
  if (skipped > 0)
    parts.push(
      en
        ? `… ${skipped} units not shown (see --out / --json)`
        : `… 中间 ${skipped} 个单位未显示（见 --out / --json）`,
    );
  for (const u of ranking.units.filter((x) => x.vetoed)) {
    parts.push(
      `${safeText(u.unit)}: ${(en ? u.vetoReasonsEn : u.vetoReasons).map((r) => safeText(r, 200)).join('；')}`,
    );
  }
  const notice = ranking.flagNotice;
  if (notice) parts.push(safeText(both(lang, notice.zh, notice.en), 1200));
  if (ranking.departments.length > 0) {
    parts.push('');
    parts.push(
      renderTable(
        [
          { header: en ? 'Rank' : '排名', align: 'right' },
          { header: en ? 'Department' : '部门' },
          { header: en ? 'Score' : '得分', align: 'right' },
        ],
        ranking.departments.map((d) => [fmt(d.rank), d.unit, fmt(d.score)]),
      ),
    );
  }
  return `${parts.join('\n')}\n`;
}

function progress(io: CliIo, lang: Lang, grid: WorkbookGrid): ProgressReporter | undefined {
  // The units' sheets the 方案 names (乡镇台账 and 部门台账 for the built-in scheme, 区台账 …).
  const unitSheets = new Set(ledgerSheetNames(grid).filter((n) => n !== SHEETS.scheme && n !== SHEETS.rules && n !== SHEETS.previous));
  const rows = grid.sheets.filter((s) => unitSheets.has(s.name.trim())).reduce((n, s) => n + s.values.length, 0);
  if (rows < PROGRESS_ROWS) return undefined;
  io.err(`${both(lang, `读取 ${rows} 行…`, `reading ${rows} rows…`)}\n`);
  return progressReporter(
    { write: (t) => io.err(t), isTTY: io.errIsTTY === true },
    (done, total) => `${both(lang, '检查', 'checking')} ${done}/${total}`,
  );
}

/**
 * The result saved the old way, through ExcelJS with the input's sheets re-saved (for input
 * packages `saveMergedResult` does not merge into, such as an earlier result with output sheets
 * of the same names, which are replaced).
 */
async function saveThroughExcelJs(
  wb: ExcelJS.Workbook,
  sheets: readonly SheetSpec[],
  out: string,
): Promise<void> {
  for (const name of OUTPUT_SHEETS) {
    const old = wb.getWorksheet(name);
    if (old) wb.removeWorksheet(old.id);
  }
  // 得分明细 (~45 rows a town) is written as XML straight into the saved file, not through
  // ExcelJS's cell model, which took most of the time and memory at provincial scale.
  const bulk: BulkSheet[] = [];
  for (const spec of sheets) {
    if (spec.name === SHEETS.detail) bulk.push(addBulkSheet(wb, spec));
    else addSheet(wb, spec, { shareStyles: true });
  }
  await saveWorkbook(wb, out, bulk);
}

async function writeNewWorkbook(
  io: CliIo,
  lang: Lang,
  out: string,
  force: boolean,
  make: () => ReturnType<typeof workbookFromSheets>,
): Promise<number> {
  if (!force && (await exists(out))) {
    io.err(
      `kaohe: ${both(lang, `${out} 已存在，未覆盖（确需覆盖请加 --force）`, `${out} exists and was not replaced (add --force to replace it)`)}\n`,
    );
    return EXIT.usage;
  }
  await saveWorkbook(make(), out);
  io.out(`${both(lang, `已写出 ${out}`, `wrote ${out}`)}\n`);
  return EXIT.ok;
}

/**
 * The table to import: the first sheet with a header row, else the first sheet with anything in
 * it (read without a header; `importRules` says so). Null when every sheet is empty.
 */
function importSheet(grid: WorkbookGrid): ImportResult | null {
  let fallback: ImportResult | null = null;
  for (const sheet of grid.sheets) {
    if (sheet.values.every((row) => row.every((v) => v === null || v === ''))) continue;
    const result = importRules(sheet);
    if (!result.skipped.some((f) => f.rule === 'import.no-header')) return result;
    fallback ??= result;
  }
  return fallback;
}

/** The imported tree, one item a line (code, name, points), then bonuses and deductions. */
export function formatImport(result: ImportResult, lang: Lang): string {
  const lines: string[] = [];
  const name = (s: string) => safeText(s, 80);
  const rows = result.rows;
  // Read from the 方案 rows, so what is printed is what was written, valid or not.
  const kind = (r: readonly CellValue[]) => String(r[0] ?? '');
  const depthOf = new Map<string, number>();
  for (const r of rows.slice(1)) {
    const k = kind(r);
    const code = String(r[1] ?? '');
    if (k === '线' || k === 'line')
      lines.push(`${code}  ${name(String(r[2] ?? ''))}  ${fmt(r[4] as number)}`);
    else if (k === '指标' || k === 'item') {
      const parent = r[5] === null ? null : String(r[5]);
      const depth = parent === null ? 1 : (depthOf.get(parent) ?? 0) + 1;
      depthOf.set(code, depth);
      lines.push(
        `${'  '.repeat(depth)}${code}  ${name(String(r[2] ?? ''))}  ${fmt(r[4] as number)}`,
      );
    } else if (k === '加分' || k === 'bonus' || k === '扣分' || k === 'deduction')
      lines.push(`${code}  ${name(String(r[2] ?? ''))}  (${k})`);
    else if (k === '输入' || k === 'input')
      lines.push(
        `  ${code}  ${r[11] ?? ''}  ${r[4] !== null ? fmt(r[4] as number) : `${fmt(r[12] as number)}–${fmt(r[13] as number)}`}`,
      );
  }
  const head = both(lang, '导入的方案（代码  名称  分值）', 'Imported scheme (code  name  points)');
  const notes =
    result.notes.length > 0
      ? [
          both(
            lang,
            `说明行 ${result.notes.length} 行未导入：${result.notes.map((n) => n.cell).join('、')}`,
            `${result.notes.length} note rows not imported: ${result.notes.map((n) => n.cell).join(', ')}`,
          ),
        ]
      : [];
  return `${head}:\n${lines.map((l) => `  ${l}`).join('\n')}\n${notes.map((n) => `${n}\n`).join('')}`;
}

/**
 * Runs the CLI with `argv` (without `node` and the script) and resolves to the exit code.
 * Output goes through `io` (stdout/stderr by default) so tests can run it in-process.
 */
export async function main(argv: string[], io: CliIo = processIo): Promise<number> {
  let lang: Lang = 'zh';
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        help: { type: 'boolean', short: 'h' },
        lang: { type: 'string' },
        year: { type: 'string' },
        units: { type: 'string' },
        departments: { type: 'string' },
        force: { type: 'boolean' },
        previous: { type: 'string' },
        out: { type: 'string', short: 'o' },
        json: { type: 'string' },
        top: { type: 'string' },
        bottom: { type: 'string' },
        'by-class': { type: 'boolean' },
        'with-errors': { type: 'boolean' },
        scheme: { type: 'string' },
        sample: { type: 'string' },
      },
    });
    if (values.lang !== undefined && values.lang !== 'zh' && values.lang !== 'en')
      throw new UsageError('--lang 只能是 zh 或 en', '--lang must be zh or en');
    lang = values.lang === 'en' ? 'en' : 'zh';
    const [command, ...rest] = positionals;
    // `kaohe scheme import <file>`: the one command with a sub-command.
    if (command === 'scheme' && !values.help && rest[0] !== 'import')
      throw new UsageError(
        `scheme 后应为 import（kaohe scheme import 细则.xlsx --out 方案.xlsx）`,
        `scheme takes the sub-command import (kaohe scheme import rules.xlsx --out scheme.xlsx)`,
      );
    if (command === 'scheme') rest.shift();
    const [file, ...extra] = rest;
    if (!command || command === 'help') {
      io.out(help(lang, file ?? 'main'));
      return command || values.help ? EXIT.ok : EXIT.usage;
    }
    if (!HELP[command] || command === 'main')
      throw new UsageError(
        `未知命令“${command}”（kaohe --help 查看用法）`,
        `Unknown command "${command}" (see kaohe --help)`,
      );
    if (values.help) {
      io.out(help(lang, command));
      return EXIT.ok;
    }
    if (!file) throw new UsageError(`${command} 需要一个文件名`, `${command} needs a file name`);
    if (extra.length > 0)
      throw new UsageError(
        `多余的参数：${extra.join(' ')}`,
        `Unexpected arguments: ${extra.join(' ')}`,
      );

    // An .xlsx, or an .xls/.et/.ods converted when LibreOffice is installed: say so.
    const open = (name: string) =>
      openInputWorkbook(name, (soffice) =>
        io.err(
          `kaohe: ${both(lang, `已用 LibreOffice（${soffice}）把 ${name} 转换为 .xlsx 后读取（转换在临时文件夹中进行，用后删除；原文件未改动）`, `converted ${name} to .xlsx with LibreOffice (${soffice}) and read that (in a temporary folder, removed afterwards; your file is unchanged)`)}\n`,
        ),
      );

    switch (command) {
      case 'scheme': {
        const out = values.out;
        if (!out)
          throw new UsageError(
            'scheme import 需要 --out 方案.xlsx',
            'scheme import needs --out scheme.xlsx',
          );
        if (await samePath(out, file))
          throw new UsageError(
            `--out 不能是输入文件本身（${out}）：细则不会被覆盖`,
            `--out cannot be the input file itself (${out}): the table is never overwritten`,
          );
        const grid = workbookToGrid((await open(file)).wb);
        const result = importSheet(grid);
        if (!result)
          throw new UsageError(
            `${file} 中没有任何有内容的工作表`,
            `${file} has no sheet with anything in it`,
          );
        io.out(formatImport(result, lang));
        if (result.skipped.length > 0) {
          io.err(
            `${both(lang, `未导入或需核对（${result.skipped.length}）`, `Skipped or to check (${result.skipped.length})`)}:\n`,
          );
          for (const f of result.skipped) io.err(`  ${formatFinding(f, lang)}\n`);
        }
        const code = await writeNewWorkbook(io, lang, out, values.force === true, () =>
          workbookFromSheets([schemeSheetSpec(result.rows)], { lang }),
        );
        if (code !== EXIT.ok) return code;
        return result.skipped.length > 0 ? EXIT.data : EXIT.ok;
      }
      case 'template': {
        const year = values.year === undefined ? undefined : Number(values.year);
        if (year !== undefined && !(Number.isInteger(year) && year >= 1990 && year <= 2100))
          throw new UsageError(
            `--year 应为四位年份，收到“${values.year}”`,
            `--year must be a four-digit year, got "${values.year}"`,
          );
        let scheme: Scheme = DEFAULT_SCHEME;
        let schemeYear: number | null = null;
        if (values.scheme !== undefined) {
          if (await samePath(values.scheme, file))
            throw new UsageError(
              `--scheme 不能是要写出的台账本身（${file}）`,
              `--scheme cannot be the ledger being written (${file})`,
            );
          const grid = workbookToGrid((await open(values.scheme)).wb);
          const sheet = grid.sheets.find((s) => s.name.trim() === SHEETS.scheme);
          if (!sheet)
            throw new UsageError(
              `${values.scheme} 没有“${SHEETS.scheme}”工作表（可用 kaohe scheme import 生成）`,
              `${values.scheme} has no ${SHEETS.scheme} sheet (kaohe scheme import writes one)`,
            );
          const read = readScheme(sheet);
          if (!read.scheme) {
            printFindings(io, read.findings, lang);
            io.err(
              `${both(lang, '方案有错误，未写任何文件', 'The scheme has errors; nothing written')}\n`,
            );
            return EXIT.data;
          }
          scheme = read.scheme;
          schemeYear = read.year;
        }
        const sheetYear = year ?? schemeYear ?? undefined;
        const sheets = buildTemplateSheets(scheme, {
          ...(sheetYear !== undefined ? { year: sheetYear } : {}),
          units: splitNames(values.units),
          departments: splitNames(values.departments),
          lang,
        });
        return await writeNewWorkbook(io, lang, file, values.force === true, () =>
          workbookFromSheets(sheets, { lang }),
        );
      }
      case 'example': {
        const sample = values.sample;
        if (sample !== undefined && !(SAMPLE_NAMES as readonly string[]).includes(sample))
          throw new UsageError(
            `--sample 应为 ${SAMPLE_NAMES.join(' 或 ')}，收到“${sample}”`,
            `--sample must be ${SAMPLE_NAMES.join(' or ')}, got "${sample}"`,
          );
        if (sample !== undefined && values['with-errors'] === true)
          throw new UsageError('--sample 与 --with-errors 不能同时使用', '--sample and --with-errors cannot be combined');
        const sheets =
          sample !== undefined
            ? buildSampleSheets(sample as SampleName, lang)
            : buildExampleSheets(values['with-errors'] === true, lang).sheets;
        return await writeNewWorkbook(io, lang, file, values.force === true, () =>
          workbookFromSheets(sheets, { lang }),
        );
      }
      case 'check':
      case 'rank': {
        const topN = parseCount('top', values.top);
        const bottomN = parseCount('bottom', values.bottom);
        const out = command === 'rank' ? values.out : undefined;
        const json = command === 'rank' ? values.json : undefined;
        for (const [flag, target] of [
          ['--out', out],
          ['--json', json],
          ['--previous', values.previous],
        ] as const) {
          if (target !== undefined && flag !== '--previous' && (await samePath(target, file))) {
            throw new UsageError(
              `${flag} 不能是输入文件本身（${target}）：台账不会被覆盖`,
              `${flag} cannot be the input file itself (${target}): the ledger is never overwritten`,
            );
          }
        }
        // The input's bytes as they were read: the result package is made from them (xlsxMerge).
        const { wb, bytes: inputBytes } = await open(file);
        const grid = workbookToGrid(wb);
        const previous = values.previous
          ? workbookToGrid((await open(values.previous)).wb)
          : undefined;
        const reporter = progress(io, lang, grid);
        const onProgress = reporter ? (d: number, t: number) => reporter.update(d, t) : undefined;
        let result;
        try {
          result = assessWorkbook(grid, {
            ...(topN !== undefined ? { topN } : {}),
            ...(bottomN !== undefined ? { bottomN } : {}),
            ...(values['by-class'] ? { byClass: true } : {}),
            ...(previous ? { previous } : {}),
            ...(onProgress ? { onProgress } : {}),
            lang,
          });
        } finally {
          reporter?.end();
        }
        const errors = result.findings.filter((f) => f.severity === 'error').length;
        const warnings = result.findings.length - errors;
        if (command === 'check' || !result.ranking) {
          printFindings(io, result.findings, lang, command === 'check' ? Infinity : 30);
          if (errors > 0) {
            io.err(
              `${both(lang, `共 ${errors} 个错误、${warnings} 个警告${command === 'rank' ? '；未排名，未写任何文件' : ''}`, `${errors} errors, ${warnings} warnings${command === 'rank' ? '; not ranked, nothing written' : ''}`)}\n`,
            );
            return EXIT.data;
          }
          io.out(
            `${both(lang, `检查通过：${result.ledger.units.length} 个镇街、${result.ledger.departments.length} 个部门，${warnings} 个警告`, `Checks passed: ${result.ledger.units.length} towns, ${result.ledger.departments.length} departments, ${warnings} warnings`)}\n`,
          );
          return EXIT.ok;
        }
        printFindings(io, result.findings, lang, 30);
        io.out(formatRanking(result.ranking, lang, undefined, result.ledger.scheme));
        if (out) {
          if (onProgress) io.err(`${both(lang, '写出工作簿…', 'writing workbook…')}\n`);
          try {
            await saveMergedResult(inputBytes, result.sheets, SHEETS.detail, out);
          } catch (e) {
            if (!(e instanceof MergeUnsupported)) throw e;
            await saveThroughExcelJs(wb, result.sheets, out);
          }
          io.out(`${both(lang, `已写出 ${out}`, `wrote ${out}`)}\n`);
        }
        if (json) {
          const text = `${JSON.stringify(rankingJson(result.ranking, result.ledger.scheme), null, 2)}\n`;
          await saveAtomically(json, (tmp) => fs.writeFile(tmp, text, 'utf8'));
          io.out(`${both(lang, `已写出 ${json}`, `wrote ${json}`)}\n`);
        }
        return EXIT.ok;
      }
      default:
        throw new UsageError(`未知命令“${command}”`, `Unknown command "${command}"`);
    }
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`kaohe: ${both(lang, e.zh, e.en)}\n`);
      return EXIT.usage;
    }
    if (e instanceof WorkbookOpenError || e instanceof OutputWriteError) {
      io.err(`kaohe: ${both(lang, e.zh, e.en)}\n`);
      return EXIT.usage;
    }
    // Node's own errors may come from another realm (jest's VM), so test the code, not the class.
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && /^E[A-Z]+$/.test(code)) {
      // File-system failures (ENOTDIR, EACCES, EROFS, ENOSPC, EISDIR…): say which file, no stack.
      const message = safeText(String((e as Error).message), 300);
      io.err(
        `kaohe: ${both(lang, `无法读写文件（${code}）：${message}`, `cannot read or write a file (${code}): ${message}`)}\n`,
      );
      return EXIT.usage;
    }
    if (typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS')) {
      const message = (e as Error).message;
      io.err(
        `kaohe: ${both(lang, `参数错误：${message}（kaohe --help 查看用法）`, `${message} (see kaohe --help)`)}\n`,
      );
      return EXIT.usage;
    }
    throw e;
  }
}
