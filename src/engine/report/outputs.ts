/**
 * The result sheets of a ranking — 排名汇总, 部门排名, 得分明细 — as plain SheetSpecs that the CLI
 * (ExcelJS) and the task pane (Office.js) both render. Numbers stay numbers; text stays text.
 */
import type { Flag, Ranking, RankedUnit, Scheme } from '../types';
import { DEFAULT_SCHEME } from '../scheme/defaultScheme';
import { unitKind } from '../scheme/kinds';
import { SHEETS, type CellStyle, type CellValue, type Ledger, type SheetSpec } from '../ledger/types';

export interface OutputOptions {
  /**
   * Language of the cells: `zh` (default) Chinese headers and labels; `en` headers `English / 中文`
   * and labels, flags and veto reasons in English. Sheet names stay Chinese (they are the format).
   */
  readonly lang?: 'zh' | 'en';
}

type Lang = 'zh' | 'en';

/**
 * A header in the sheet's language: Chinese, or with `en` English first, then the Chinese after
 * ` / ` (so a colleague reading Chinese still finds the column).
 * @example bilingualHeader('en', '总分', 'Total') // 'Total / 总分'
 */
export function bilingualHeader(lang: Lang, zh: string, en: string): string {
  return lang === 'en' ? `${en} / ${zh}` : zh;
}

/** What a unit's marks (一票否决 and the flags) are called. */
export const MARK_TEXT: Readonly<Record<Flag | '一票否决', { zh: string; en: string }>> = {
  一票否决: { zh: '一票否决', en: 'Vetoed' },
  一票优先: { zh: '一票优先', en: 'Top place' },
  黄牌警告: { zh: '黄牌警告', en: 'Yellow card' },
  末位: { zh: '末位', en: 'Last place' },
};

/**
 * A unit's marks as text: vetoed first, then its flags, in the language.
 * @example markText({ vetoed: false, flags: ['黄牌警告', '末位'] }, 'en') // 'Yellow card, Last place'
 */
export function markText(u: Pick<RankedUnit, 'vetoed' | 'flags'>, lang: Lang): string {
  const marks: (Flag | '一票否决')[] = u.vetoed ? ['一票否决', ...u.flags] : [...u.flags];
  return marks.map((m) => MARK_TEXT[m][lang]).join(lang === 'en' ? ', ' : '、');
}

const SCORE = '0.00';
const RANK = '0';

export const SUMMARY_HEADERS = [
  '总排名',
  '单位',
  '类别',
  '党政线得分',
  '党政线排名',
  '人口计生线得分',
  '人口计生线排名',
  '加分',
  '扣分',
  '总分',
  '类别内排名',
  '标记',
  '否决原因',
] as const;
export const SUMMARY_HEADERS_EN = [
  'Total rank',
  'Unit',
  'Class',
  'Party line',
  'Party line rank',
  'Family-planning line',
  'Family-planning line rank',
  'Bonus',
  'Deduction',
  'Total',
  'Rank in class',
  'Flags',
  'Veto reasons',
] as const;
export const DEPARTMENT_HEADERS = ['排名', '单位', '得分'] as const;
export const DEPARTMENT_HEADERS_EN = ['Rank', 'Department', 'Score'] as const;
export const DETAIL_HEADERS = [
  '单位',
  '类型',
  '代码',
  '名称',
  '输入',
  '满分/每次',
  '得分',
  '目标',
  '方向',
  '结果',
] as const;
export const DETAIL_HEADERS_EN = [
  'Unit',
  'Type',
  'Code',
  'Name',
  'Input',
  'Points or per case',
  'Score',
  'Target',
  'Direction',
  'Result',
] as const;

/** The kinds of rows of 得分明细. */
const DETAIL_KIND = {
  item: { zh: '指标', en: 'Item' },
  subtotal: { zh: '小计', en: 'Subtotal' },
  bonus: { zh: '加分', en: 'Bonus' },
  deduction: { zh: '扣分', en: 'Deduction' },
  veto: { zh: '否决', en: 'Veto' },
  departmentItem: { zh: '部门指标', en: 'Department item' },
  departmentSubtotal: { zh: '部门小计', en: 'Department subtotal' },
} as const;

const headers = (lang: Lang, zh: readonly string[], en: readonly string[]): CellValue[] =>
  zh.map((z, i) => bilingualHeader(lang, z, en[i] ?? z));

/** Style of a summary row: vetoed first, then the worst flag, then the best. */
export function unitRowStyle(u: RankedUnit): CellStyle | undefined {
  if (u.vetoed) return 'vetoed';
  if (u.flags.includes('末位')) return 'last';
  if (u.flags.includes('黄牌警告')) return 'yellow';
  if (u.flags.includes('一票优先')) return 'top';
  return undefined;
}

/** Built-in lines' short English names, as the result sheets have always called them. */
const BUILT_IN_LINE_EN: Readonly<Record<string, string>> = {
  党政线: 'Party line',
  人口计生线: 'Family-planning line',
};

/**
 * The lines of the scheme's unit kind as result columns, in scheme order: each with its score and
 * rank header (党政线得分 / 党政线排名 for the built-in scheme, 甲线得分 … for a bureau's own).
 * @example lineColumns(DEFAULT_SCHEME).map((c) => c.code) // ['P', 'F']
 */
export function lineColumns(scheme: Scheme = DEFAULT_SCHEME): { code: string; labelZh: string; labelEn: string }[] {
  const codes = unitKind(scheme)?.lines ?? [];
  return codes.map((code) => {
    const line = scheme.lines.find((l) => l.code === code);
    const zh = line?.labelZh ?? code;
    return { code, labelZh: zh, labelEn: BUILT_IN_LINE_EN[zh] ?? line?.labelEn ?? code };
  });
}

/** Headers of 排名汇总 for a scheme: its own lines between 类别 and 加分. */
export function summaryHeaders(scheme: Scheme, lang: Lang): CellValue[] {
  const zh: string[] = ['总排名', '单位', '类别'];
  const en: string[] = ['Total rank', 'Unit', 'Class'];
  for (const l of lineColumns(scheme)) {
    zh.push(`${l.labelZh}得分`, `${l.labelZh}排名`);
    en.push(l.labelEn, `${l.labelEn} rank`);
  }
  zh.push(...SUMMARY_HEADERS.slice(7));
  en.push(...SUMMARY_HEADERS_EN.slice(7));
  return headers(lang, zh, en);
}

function summarySheet(ranking: Ranking, lang: Lang, scheme: Scheme): SheetSpec {
  const lines = lineColumns(scheme);
  const rows: CellValue[][] = [summaryHeaders(scheme, lang)];
  const rowStyles: Record<number, CellStyle> = { 0: 'header' };
  for (const u of ranking.units) {
    const reasons = lang === 'en' ? u.vetoReasonsEn : u.vetoReasons;
    const zero = lang === 'en' ? u.zeroReasonsEn : u.zeroReasons;
    rows.push([
      u.rank.total,
      u.unit,
      u.unitClass,
      ...lines.flatMap((l) => [u.lines[l.code] ?? null, u.lineRanks[l.code] ?? null]),
      u.bonus,
      u.deduction,
      u.total,
      u.rank.class,
      markText(u, lang),
      [...reasons, ...zero].join(lang === 'en' ? '; ' : '；'),
    ]);
    const style = unitRowStyle(u);
    if (style) rowStyles[rows.length - 1] = style;
  }
  const ranked = ranking.units.filter((u) => !u.vetoed && u.total !== null).length;
  const fmts = [
    RANK,
    undefined,
    typeof ranking.units[0]?.unitClass === 'string' ? undefined : RANK,
    ...lines.flatMap(() => [SCORE, RANK]),
    SCORE,
    SCORE,
    SCORE,
    RANK,
    undefined,
    undefined,
  ];
  const widths = [
    8,
    16,
    6,
    ...lines.flatMap((l) => {
      const w = Math.max(11, Math.min(16, l.labelZh.length * 2 + 5));
      return [w, w];
    }),
    8,
    8,
    10,
    11,
    22,
    60,
  ];
  const totalColumn = 3 + 2 * lines.length + 2;
  return {
    name: SHEETS.summary,
    rows,
    columns: widths.map((width, i) => {
      const numFmt = fmts[i];
      return numFmt ? { width, numFmt } : { width };
    }),
    rowStyles,
    freezeRows: 1,
    freezeColumns: 2,
    landscape: true,
    ...(ranked > 0
      ? {
          chart: {
            labelColumn: 1,
            valueColumn: totalColumn,
            rowCount: ranked,
            title: lang === 'en' ? 'Total score / 总分' : '总分 Total score',
          },
        }
      : {}),
  };
}

function departmentSheet(ranking: Ranking, lang: Lang): SheetSpec {
  const rows: CellValue[][] = [headers(lang, DEPARTMENT_HEADERS, DEPARTMENT_HEADERS_EN)];
  for (const d of ranking.departments) rows.push([d.rank, d.unit, d.score]);
  return {
    name: SHEETS.departmentRanking,
    rows,
    columns: [{ width: 8, numFmt: RANK }, { width: 18 }, { width: 10, numFmt: SCORE }],
    rowStyles: { 0: 'header' },
    freezeRows: 1,
    landscape: true,
  };
}

function detailSheet(ranking: Ranking, lang: Lang): SheetSpec {
  const rows: CellValue[][] = [headers(lang, DETAIL_HEADERS, DETAIL_HEADERS_EN)];
  const en = lang === 'en';
  for (const u of ranking.units) {
    for (const e of u.explanation) {
      const name = en ? e.labelEn : e.labelZh;
      switch (e.kind) {
        case 'item':
          rows.push([
            u.unit,
            (e.isLeaf ? DETAIL_KIND.item : DETAIL_KIND.subtotal)[lang],
            e.code,
            name,
            e.input,
            e.points,
            e.score,
            null,
            null,
            // How a computed item's score came about, or that the class is not assessed on it.
            e.assessed === false
              ? en
                ? 'not assessed'
                : '不考核'
              : ((en ? e.noteEn : e.noteZh) ?? null),
          ]);
          break;
        case 'bonus':
        case 'deduction':
          rows.push([
            u.unit,
            DETAIL_KIND[e.kind][lang],
            e.inputCode,
            name,
            e.count ?? e.points,
            e.pointsEach,
            e.kind === 'bonus' ? e.points : -e.points,
            null,
            null,
            // The kind's bonus cap, when it cut the bonuses (on the last bonus row).
            (en ? e.noteEn : e.noteZh) ?? null,
          ]);
          break;
        case 'veto':
          rows.push([
            u.unit,
            DETAIL_KIND.veto[lang],
            e.code,
            name,
            e.actual,
            null,
            null,
            e.target,
            e.direction,
            e.triggered
              ? e.effect === 'zero'
                ? en
                  ? 'missed: items scored 0'
                  : '未达标，记零分'
                : en
                  ? 'missed: veto'
                  : '未达标，一票否决'
              : en
                ? 'met'
                : '达标',
          ]);
          break;
      }
    }
  }
  for (const d of ranking.departments) {
    for (const e of d.explanation)
      rows.push([
        d.unit,
        (e.isLeaf ? DETAIL_KIND.departmentItem : DETAIL_KIND.departmentSubtotal)[lang],
        e.code,
        en ? e.labelEn : e.labelZh,
        e.input,
        e.points,
        e.score,
        null,
        null,
        null,
      ]);
  }
  return {
    name: SHEETS.detail,
    rows,
    columns: [
      { width: 16 },
      { width: 8 },
      { width: 8 },
      { width: 30 },
      { width: 10, numFmt: 'General' },
      { width: 10, numFmt: 'General' },
      { width: 10, numFmt: SCORE },
      { width: 10, numFmt: 'General' },
      { width: 6 },
      { width: 16 },
    ],
    rowStyles: { 0: 'header' },
    freezeRows: 1,
    freezeColumns: 1,
    landscape: true,
  };
}

/**
 * The three result sheets of a ranking, in tab order. Vetoed towns come last in 排名汇总 with no
 * rank, marked 一票否决 with the figures that caused it; rows carry styles (top/yellow/last/vetoed).
 * @example buildOutputSheets(ranking, ledger).map((s) => s.name) // ['排名汇总', '部门排名', '得分明细']
 */
export function buildOutputSheets(
  ranking: Ranking,
  ledger: Pick<Ledger, 'scheme'>,
  options: OutputOptions = {},
): SheetSpec[] {
  const lang = options.lang ?? 'zh';
  return [
    summarySheet(ranking, lang, ledger.scheme),
    departmentSheet(ranking, lang),
    detailSheet(ranking, lang),
  ];
}
