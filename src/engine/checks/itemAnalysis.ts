/**
 * Item analysis (document 1, problem 4: too many items, no focus): for every scheme item, how
 * the units' scores spread, and whether the item separates units at all. An item on which every
 * unit has full marks, or every unit the same score, ranks nobody.
 *
 * A unit's score for an item is the value entered for it; a parent with no value of its own but
 * with children entered gets the sum of its children (as in scoring). Blank cells are not
 * counted. Town items (P, F) are analysed over the towns, department items (D) over departments.
 */
import type { Finding, Ledger, SheetSpec } from '../ledger/types';
import { SHEETS } from '../ledger/types';
import type { LineCode, SchemeItem } from '../types';
import { departmentKind } from '../scheme/kinds';
import { finding } from './finding';

export type ItemVerdict = 'all-full' | 'all-same' | 'separates';

export interface ItemAnalysis {
  readonly line: LineCode;
  readonly code: string;
  readonly labelZh: string;
  readonly labelEn: string;
  /** Full marks of the item. */
  readonly points: number;
  /** Units with a score for the item. */
  readonly count: number;
  readonly min: number | null;
  readonly max: number | null;
  readonly mean: number | null;
  /** Population standard deviation. */
  readonly stdDev: number | null;
  /** Share (0..1) of scored units at full marks. */
  readonly fullShare: number | null;
  /** Number of distinct scores. */
  readonly distinct: number;
  readonly verdict: ItemVerdict;
}

/** Fewest scored units before an item's lack of spread is worth a warning. */
export const ITEM_MIN_UNITS = 3;

type Scores = Readonly<Record<string, number | string | null | undefined>>;

function scoreOf(item: SchemeItem, scores: Scores): number | null {
  // A computed item's cell holds its figure or count, not a score: not analysed here.
  if (item.rule && item.rule.kind !== 'entered') return null;
  const own = scores[item.code];
  if (typeof own === 'number' && Number.isFinite(own)) return own;
  if (!item.children || item.children.length === 0) return null;
  let sum = 0;
  let any = false;
  for (const c of item.children) {
    const v = scoreOf(c, scores);
    if (v !== null) {
      sum += v;
      any = true;
    }
  }
  return any ? sum : null;
}

function analyse(line: LineCode, item: SchemeItem, all: readonly Scores[]): ItemAnalysis {
  let count = 0;
  let min = Infinity;
  let max = -Infinity;
  let sum = 0;
  let sumSq = 0;
  let full = 0;
  const distinct = new Set<number>();
  for (const scores of all) {
    const v = scoreOf(item, scores);
    if (v === null) continue;
    count++;
    min = Math.min(min, v);
    max = Math.max(max, v);
    sum += v;
    sumSq += v * v;
    if (Math.abs(v - item.points) < 1e-9) full++;
    distinct.add(v);
  }
  const mean = count > 0 ? sum / count : null;
  const stdDev = mean === null ? null : Math.sqrt(Math.max(0, sumSq / count - mean * mean));
  const verdict: ItemVerdict = count > 0 && full === count ? 'all-full' : count > 0 && distinct.size === 1 ? 'all-same' : 'separates';
  return {
    line,
    code: item.code,
    labelZh: item.labelZh,
    labelEn: item.labelEn,
    points: item.points,
    count,
    min: count > 0 ? min : null,
    max: count > 0 ? max : null,
    mean,
    stdDev,
    fullShare: count > 0 ? full / count : null,
    distinct: distinct.size,
    verdict,
  };
}

/**
 * Per-item spread over the ledger's units (P, F) and departments (D), in scheme order; items no
 * unit scored are left out.
 * @example analyseItems(ledger).find((a) => a.code === 'P2')?.verdict // 'all-full'
 */
export function analyseItems(ledger: Ledger): ItemAnalysis[] {
  const towns = ledger.units.map((u) => u.input.scores);
  const depts = ledger.departments.map((d) => d.input.scores);
  const out: ItemAnalysis[] = [];
  for (const line of ledger.scheme.lines) {
    const all = departmentKind(ledger.scheme)?.lines.includes(line.code) ? depts : towns;
    const walk = (items: readonly SchemeItem[]) => {
      for (const it of items) {
        const a = analyse(line.code, it, all);
        if (a.count > 0) out.push(a);
        if (it.children) walk(it.children);
      }
    };
    walk(line.items);
  }
  return out;
}

/**
 * One warning per sheet (towns, departments) listing the items that separate no unit (at least 3
 * units scored): every unit at full marks, or every unit the same score. A list, not a finding
 * per item: on a real ledger dozens of items can be flat and would drown every other finding;
 * each item's spread is on the 指标分析 sheet.
 */
export function itemFindings(ledger: Ledger, analyses: readonly ItemAnalysis[]): Finding[] {
  const out: Finding[] = [];
  const depLines = new Set(departmentKind(ledger.scheme)?.lines ?? []);
  for (const departments of [false, true]) {
    const silent = analyses.filter((a) => a.verdict !== 'separates' && a.count >= ITEM_MIN_UNITS && depLines.has(a.line) === departments);
    if (silent.length === 0) continue;
    const sheet = departments ? (ledger.departments[0]?.source.sheet ?? SHEETS.departments) : (ledger.units[0]?.source.sheet ?? SHEETS.towns);
    const who = departments ? '部门' : '单位';
    const whoEn = departments ? 'departments' : 'units';
    const full = silent.filter((a) => a.verdict === 'all-full').map((a) => a.code);
    const same = silent.filter((a) => a.verdict === 'all-same').map((a) => a.code);
    const partsZh = [...(full.length > 0 ? [`全部满分 ${full.join('、')}`] : []), ...(same.length > 0 ? [`得分全部相同 ${same.join('、')}`] : [])];
    const partsEn = [...(full.length > 0 ? [`all full marks ${full.join(', ')}`] : []), ...(same.length > 0 ? [`all the same score ${same.join(', ')}`] : [])];
    const n = silent.length;
    out.push(
      finding(
        'warning',
        'items.no-spread',
        sheet,
        null,
        `${n} 个指标不能区分${who}（各指标的分布见“${SHEETS.itemAnalysis}”表）：${partsZh.join('；')}`,
        `${n} ${n === 1 ? 'item separates' : 'items separate'} no ${whoEn} (each item's spread is on sheet "${SHEETS.itemAnalysis}"): ${partsEn.join('; ')}`,
      ),
    );
  }
  return out;
}

const VERDICT_TEXT: Readonly<Record<ItemVerdict, string>> = {
  'all-full': '全部满分 all full marks',
  'all-same': '得分相同 all the same',
  separates: '有区分 separates',
};

/** With `lang: 'en'`, English first (the headers and verdicts of the sheet). */
const VERDICT_TEXT_EN: Readonly<Record<ItemVerdict, string>> = {
  'all-full': 'all full marks / 全部满分',
  'all-same': 'all the same / 得分相同',
  separates: 'separates / 有区分',
};
const HEADER_EN = ['Code / 代码', 'Item (Chinese) / 指标', 'Item (English)', 'Points / 满分', 'Count / 填报数', 'Min / 最低', 'Max / 最高', 'Mean / 平均', 'Std dev / 标准差', 'Full-marks share / 满分占比', 'Distinct / 不同分值', 'Verdict / 结论'];

/**
 * The 指标分析 sheet: one row per item with its spread and verdict; items that do not separate
 * units are highlighted.
 */
export function buildItemAnalysisSheet(ledger: Ledger, lang: 'zh' | 'en' = 'zh'): SheetSpec {
  const analyses = analyseItems(ledger);
  const header = lang === 'en' ? HEADER_EN : ['代码 Code', '指标 Item', 'Item', '满分 Points', '填报数 Count', '最低 Min', '最高 Max', '平均 Mean', '标准差 Std dev', '满分占比 Full-marks share', '不同分值 Distinct', '结论 Verdict'];
  const verdictText = lang === 'en' ? VERDICT_TEXT_EN : VERDICT_TEXT;
  const rows: (string | number | null)[][] = [header];
  const rowStyles: Record<number, 'header' | 'yellow'> = { 0: 'header' };
  analyses.forEach((a, i) => {
    rows.push([a.code, a.labelZh, a.labelEn, a.points, a.count, a.min, a.max, a.mean, a.stdDev, a.fullShare, a.distinct, verdictText[a.verdict]]);
    if (a.verdict !== 'separates') rowStyles[i + 1] = 'yellow';
  });
  return {
    name: SHEETS.itemAnalysis,
    rows,
    columns: [{ width: 8 }, { width: 24 }, { width: 28 }, { width: 8, numFmt: '0' }, { width: 8, numFmt: '0' }, { width: 8, numFmt: '0.##' }, { width: 8, numFmt: '0.##' }, { width: 9, numFmt: '0.00' }, { width: 10, numFmt: '0.00' }, { width: 12, numFmt: '0.0%' }, { width: 10, numFmt: '0' }, { width: 20 }],
    rowStyles,
    freezeRows: 1,
  };
}
