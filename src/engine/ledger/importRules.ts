/**
 * `kaohe scheme import`: a bureau's own 评分细则 table (as a SheetGrid) into a Scheme and the rows
 * of a 方案 sheet. The table is read the way people write it — a title, a header row (序号 |
 * 考核项目 | 考核内容 | 分值 | 评分标准, names vary), numbering 一、 (一) 1. (1) ① 1.1, points in
 * their own column or in the text, group cells merged over their items, text set one character a
 * line or with justifying spaces, a 合计 row, 说明 rows, 加分/扣分 and 一票否决 sections.
 *
 * Nothing is guessed silently: every row that is not understood, every sum that does not add up
 * and every part the scheme cannot hold (a veto's figure and target) is a finding in `skipped`,
 * on its sheet and cell, in Chinese and English.
 */
import type { AdjustmentRule, LineCode, Scheme, SchemeItem, SchemeLine } from '../types';
import { roundScore } from '../score/parseNumber';
import { cellAddress, isBlankCell } from './cells';
import { readScheme } from './readScheme';
import { schemeRows } from './schemeSheet';
import { SHEETS, type CellValue, type Finding, type SheetGrid } from './types';

export interface ImportResult {
  /** The scheme, or null when it does not validate (then `skipped` says why). */
  readonly scheme: Scheme | null;
  /** The 方案 sheet rows (header first), written even when some rows were skipped. */
  readonly rows: CellValue[][];
  /** Every row or figure that was not understood or does not add up, at its cell. */
  readonly skipped: Finding[];
  /** 说明/注 rows and rows above the header: understood as notes and not imported. */
  readonly notes: Finding[];
  /** Year named in the title (`2010年度…`), when there is one. */
  readonly year: number | null;
}

export interface ImportOptions {
  /** Language of the 方案 rows' headers and kinds (`schemeRows`). */
  readonly lang?: 'zh' | 'en';
}

type Role = 'seq' | 'group' | 'name' | 'points' | 'standard';

/** Header words by role, tried longest first (`考核内容` before `考核`). */
const HEADER_WORDS: Record<Role, readonly string[]> = {
  seq: ['序号', '编号', '序'],
  group: ['考核项目', '考核类别', '项目类别', '类别', '类型', '项目', '考核线'],
  name: ['考核内容', '考核指标', '指标名称', '指标内容', '考核要点', '工作内容', '内容', '指标'],
  points: ['标准分值', '标准分', '分值', '分数', '满分', '权重分', '计分'],
  standard: [
    '评分标准',
    '评分办法',
    '评分细则',
    '考核标准',
    '考核办法',
    '计分办法',
    '计分标准',
    '扣分标准',
    '评分方法',
    '考核方法',
    '标准',
    '办法',
  ],
};

const CN_DIGITS = '一二三四五六七八九十百零〇';
const CIRCLED = '①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳';

/**
 * Cell text as one line: NFKC (full-width digits, brackets and dots become ASCII, U+3000 a
 * space), circled numbers kept, whitespace between two CJK characters removed (vertical text
 * `统\n筹`, justifying spaces `合  计`), other runs of whitespace one space.
 * @example normaliseText('统\n筹\n决\n策（２０分）') // '统筹决策(20分)'
 */
export function normaliseText(v: CellValue | undefined): string {
  if (v === null || v === undefined) return '';
  let s = String(v);
  // Text set one character a line (统\n筹\n决\n策\n（\n２\n０\n分\n）): the lines are one word.
  const parts = s
    .split(/\r?\n/)
    .map((p) => p.trim())
    .filter((p) => p.length > 0);
  if (parts.length > 2 && parts.filter((p) => [...p].length === 1).length * 2 > parts.length)
    s = parts.join('');
  let out = '';
  for (const ch of s) out += CIRCLED.includes(ch) ? ch : ch.normalize('NFKC');
  const cjk = '[\\u3400-\\u9fff\\uf900-\\ufaff（）【】、，。：；“”]';
  return out
    .replace(/\s+/g, ' ')
    .replace(new RegExp(`(${cjk}) (?=${cjk})`, 'gu'), '$1')
    .replace(/ (?=[(),:;])|(?<=[(]) /g, '')
    .trim();
}

const squashAll = (s: string) => s.replace(/\s+/g, '');

/** Numbering styles; the outline depth of a row is the order in which its style first appears. */
type Style = 'cn' | 'cnParen' | 'num' | 'numParen' | 'circled' | 'bare' | `dec${number}` | 'none';

interface Numbering {
  readonly style: Style;
  /** The text with its number taken off. */
  readonly rest: string;
}

/**
 * The numbering at the start of a normalised text and its style.
 * @example numbering('(一)组织领导') // { style: 'cnParen', rest: '组织领导' }
 */
export function numbering(text: string): Numbering {
  let m = new RegExp(`^([${CN_DIGITS}]+)\\s*[、.,:：]\\s*`).exec(text);
  if (m) return { style: 'cn', rest: text.slice(m[0].length) };
  m = new RegExp(`^\\(\\s*[${CN_DIGITS}]+\\s*\\)\\s*[、.]?\\s*`).exec(text);
  if (m) return { style: 'cnParen', rest: text.slice(m[0].length) };
  m = /^\d+(?:\.\d+)+\.?\s*/.exec(text);
  if (m && !/^\d+(?:\.\d+)?\s*分/.test(text)) {
    const dots = m[0].trim().replace(/\.$/, '').split('.').length - 1;
    return { style: `dec${dots}`, rest: text.slice(m[0].length) };
  }
  m = /^\d+\s*[、.,:](?!\d)\s*/.exec(text);
  if (m) return { style: 'num', rest: text.slice(m[0].length) };
  m = /^\(\s*\d+\s*\)\s*[、.]?\s*/.exec(text);
  if (m) return { style: 'numParen', rest: text.slice(m[0].length) };
  m = new RegExp(`^[${CIRCLED}]\\s*[、.]?\\s*`).exec(text);
  if (m) return { style: 'circled', rest: text.slice(m[0].length) };
  return { style: 'none', rest: text };
}

/** The numbering of a 序号 cell: a bare whole number is its own style. */
function seqNumbering(v: CellValue | undefined): Style | null {
  if (isBlankCell(v ?? null)) return null;
  if (typeof v === 'number') return Number.isInteger(v) ? 'bare' : 'dec1';
  const t = normaliseText(v);
  if (/^\d+$/.test(t)) return 'bare';
  if (new RegExp(`^[${CN_DIGITS}]+$`).test(t)) return 'cn';
  const n = numbering(t);
  return n.style === 'none' ? null : n.style;
}

const NUM = '(\\d+(?:\\.\\d+)?)';

/**
 * Points stated in a text: `(20分)`, `(20)`, `分值20`, `20分` at the end. Points inside a rule
 * (`每少1人扣2分`) are not the item's. Returns every distinct figure found and the text without
 * them.
 * @example pointsInText('组织领导(20分)') // { points: [20], rest: '组织领导' }
 */
export function pointsInText(text: string): { points: number[]; rest: string } {
  const found: number[] = [];
  let rest = text;
  const patterns = [
    new RegExp(`[(\\[【]\\s*(?:分值|满分|计)?\\s*[:：]?\\s*${NUM}\\s*分?\\s*[)\\]】]`, 'g'),
    new RegExp(`(?:分值|满分|标准分)\\s*[:：为]?\\s*${NUM}\\s*分?`, 'g'),
    new RegExp(`(?<![扣加减得计每\\d.]\\s*)${NUM}\\s*分\\s*[。.;；]?$`, 'g'),
  ];
  for (const re of patterns) {
    rest = rest.replace(re, (_all, n: string) => {
      found.push(Number(n));
      return ' ';
    });
  }
  rest = rest
    .replace(/\s+/g, ' ')
    .replace(/^[\s:：,，;；.。、]+|[\s:：,，;；。、]+$/g, '')
    .replace(/(?<=[\u3400-\u9fff]) (?=[\u3400-\u9fff])/gu, '')
    .trim();
  return { points: [...new Set(found)], rest };
}

/** A known built-in line named in a text, or null. */
function knownLine(text: string): LineCode | null {
  if (/党政/.test(text)) return 'P';
  if (/人口计生|计生|计划生育/.test(text)) return 'F';
  if (/^部门/.test(text)) return 'D';
  return null;
}

/** Whether a group text names a line (党政线, 人口计生线, 部门…) rather than a group of items. */
function isLineText(text: string): boolean {
  return (
    /线$/.test(text) || /^部门(考核|指标|单位)?$/.test(text) || /^(党政|人口计生|计生)$/.test(text)
  );
}

type Section = 'bonus' | 'deduction' | 'veto';

/** A section heading: 加分项目, 扣分项目, 一票否决 (with or without numbering). */
function sectionOf(text: string): Section | null {
  if (/^(?:实行)?一票否决/.test(text)) return 'veto';
  if (/^(?:奖励)?加分(?:项目|项|因素|指标)?/.test(text)) return 'bonus';
  if (/^(?:扣分|减分)(?:项目|项|因素|指标)?/.test(text)) return 'deduction';
  return null;
}

const TOTAL_RE = /^(合计|总计|总分|小计|共计|满分合计)/;
const NOTE_RE = /^(说明|注|备注|附注)(?:[:：\d\s]|$)/;

interface Node {
  labelZh: string;
  stated: number | null;
  row: number;
  cell: string;
  children: Node[];
}

interface LineNode {
  labelZh: string;
  stated: number | null;
  row: number;
  cell: string;
  items: Node[];
  known: LineCode | null;
}

/**
 * Reads a 评分细则 table. The first row that names at least two columns (a name column among
 * them) is the header; rows above it are the title and notes.
 * @example importRules({ name: '细则', values: [['序号', '考核内容', '分值'], ['1', '组织领导', 20]] }).scheme?.lines[0].items[0].code // 'A1'
 */
export function importRules(sheet: SheetGrid, options: ImportOptions = {}): ImportResult {
  const values = sheet.values;
  const skipped: Finding[] = [];
  const notes: Finding[] = [];
  const at = (list: Finding[], rule: string, cell: string | null, zh: string, en: string) =>
    list.push({ severity: 'error', rule, sheet: sheet.name, cell, zh, en });
  const skip = (rule: string, cell: string | null, zh: string, en: string) =>
    at(skipped, rule, cell, zh, en);
  const note = (cell: string, text: string) =>
    at(
      notes,
      'import.note',
      cell,
      `说明，未导入：${text.slice(0, 60)}`,
      `A note, not imported: ${text.slice(0, 60)}`,
    );

  // Header row and column roles.
  let headerRow = -1;
  const col = new Map<Role, number>();
  for (let r = 0; r < Math.min(values.length, 15) && headerRow < 0; r++) {
    const found = new Map<Role, number>();
    (values[r] ?? []).forEach((v, c) => {
      if (typeof v !== 'string') return;
      const t = squashAll(normaliseText(v));
      if (t.length === 0 || t.length > 8) return;
      let best: { role: Role; len: number } | null = null;
      for (const role of Object.keys(HEADER_WORDS) as Role[]) {
        for (const w of HEADER_WORDS[role]) {
          if (t.includes(w) && (!best || w.length > best.len)) best = { role, len: w.length };
        }
      }
      if (best && !found.has(best.role)) found.set(best.role, c);
    });
    // 项目 alone (no 内容/指标 column) names the items, not their groups.
    if (!found.has('name') && found.has('group')) {
      found.set('name', found.get('group') ?? 0);
      found.delete('group');
    }
    if (found.has('name') && found.size >= 2) {
      headerRow = r;
      for (const [k, v] of found) col.set(k, v);
    }
  }
  const titleParts: string[] = [];
  let start = 0;
  if (headerRow < 0) {
    skip(
      'import.no-header',
      'A1',
      '找不到表头行（应有“序号/考核项目/考核内容/分值/评分标准”等列名）：按第一列文字、分值写在文字中读取',
      'No header row found (columns such as 序号/考核项目/考核内容/分值/评分标准): read the first column, points from the text',
    );
  } else {
    start = headerRow + 1;
    for (let r = 0; r < headerRow; r++) {
      const cells = (values[r] ?? []).map((v, c) => ({ t: normaliseText(v), c }));
      const filled = cells.filter((x) => x.t.length > 0);
      if (filled.length === 0) continue;
      const text = filled.map((x) => x.t).join(' ');
      if (titleParts.length === 0) titleParts.push(text);
      else note(cellAddress(r, filled[0]?.c ?? 0), text);
    }
  }
  const title = titleParts[0] ?? '';
  const yearMatch = /((?:19|20)\d\d)\s*年/.exec(title);
  const year = yearMatch ? Number(yearMatch[1]) : null;

  const nameCol = col.get('name') ?? 0;
  const pointsCol = col.get('points');
  const seqCol = col.get('seq');
  const groupCol = col.get('group');
  const standardCol = col.get('standard');

  const lines: LineNode[] = [];
  const adjustments: { rule: AdjustmentRule; row: number }[] = [];
  let line: LineNode | null = null;
  let group: Node | null = null;
  let lastGroupText = '';
  let styles: Style[] = [];
  let open: Node[] = [];
  let section: Section | null = null;
  let sectionStyle: Style | null = null;
  const sumReported = new Set<string>();
  let inNote = false;
  let statedTotal: { points: number; cell: string } | null = null;
  const origin = new Map<string, string>();
  let linesFromHeadings: boolean | null = null;

  const implicitLine = (row: number): LineNode => {
    const name =
      title
        .replace(/^(?:19|20)\d\d\s*年度?/, '')
        .replace(/(?:考核)?(?:评分)?细则$|考核评分标准$/, '')
        .trim() || '考核指标';
    const l: LineNode = {
      labelZh: name,
      stated: null,
      row,
      cell: cellAddress(row, nameCol),
      items: [],
      known: knownLineFromTitle(title),
    };
    lines.push(l);
    return l;
  };
  const currentLine = (row: number): LineNode => (line ??= implicitLine(row));
  const resetOutline = () => {
    styles = [];
    open = [];
  };

  for (let r = start; r < values.length; r++) {
    const row = values[r] ?? [];
    if (row.every((v) => isBlankCell(v))) continue;
    const rawSeq = seqCol !== undefined ? row[seqCol] : undefined;
    const seqText = normaliseText(rawSeq);
    const groupCell = groupCol !== undefined ? row[groupCol] : undefined;
    const groupText = normaliseText(groupCell);
    let nameText = normaliseText(row[nameCol]);
    if (headerRow < 0 && nameText === '') {
      const first = row.findIndex((v) => !isBlankCell(v));
      nameText = normaliseText(row[first]);
    }
    const standardText = standardCol !== undefined ? normaliseText(row[standardCol]) : '';
    const pointsCell = pointsCol !== undefined ? row[pointsCol] : undefined;
    const firstCol = row.findIndex((v) => !isBlankCell(v));
    const rowCell = cellAddress(r, firstCol < 0 ? 0 : firstCol);
    const nameCell = cellAddress(r, nameCol);
    const allText = [seqText, groupText, nameText, standardText].filter((t) => t).join(' ');

    // Title rows repeated below the header (no header found) and 合计 rows.
    if (
      headerRow < 0 &&
      r === start &&
      titleParts.length === 0 &&
      /细则|方案|考核/.test(nameText) &&
      !/分/.test(nameText) &&
      row.filter((v) => !isBlankCell(v)).length === 1
    ) {
      titleParts.push(nameText);
      continue;
    }
    if (
      TOTAL_RE.test(squashAll(seqText)) ||
      TOTAL_RE.test(squashAll(groupText)) ||
      TOTAL_RE.test(squashAll(nameText))
    ) {
      const p =
        columnPoints(pointsCell) ?? pointsInText(allText.replace(TOTAL_RE, '')).points[0] ?? null;
      if (p !== null)
        statedTotal = {
          points: p,
          cell:
            pointsCol !== undefined && columnPoints(pointsCell) !== null
              ? cellAddress(r, pointsCol)
              : rowCell,
        };
      continue;
    }
    if ([seqText, groupText, nameText].some((t) => NOTE_RE.test(squashAll(numbering(t).rest)))) {
      inNote = true;
      note(rowCell, allText);
      continue;
    }
    const colPoints = columnPoints(pointsCell);
    if (pointsCol !== undefined && colPoints === null && !isBlankCell(pointsCell ?? null)) {
      skip(
        'import.points-unreadable',
        cellAddress(r, pointsCol),
        `分值“${normaliseText(pointsCell)}”不是分数，本行未导入`,
        `Points "${normaliseText(pointsCell)}" are not a number; row not imported`,
      );
      continue;
    }
    const namePts = pointsInText(numbering(nameText).rest);
    if (inNote && colPoints === null && namePts.points.length === 0) {
      note(rowCell, allText);
      continue;
    }
    inNote = false;

    // The group column: a line (党政线…), a section (加分项目…) or a group of items.
    if (groupCol !== undefined && groupText && groupText !== lastGroupText) {
      lastGroupText = groupText;
      const g = numbering(groupText);
      const gPts = pointsInText(g.rest);
      const sec = sectionOf(gPts.rest);
      if (sec) {
        section = sec;
        group = null;
        resetOutline();
        sectionStyle = null;
        if (sec === 'veto' && !nameText) vetoByHand(rowCell, gPts.rest);
        if (!nameText) continue;
      } else if (isLineText(gPts.rest)) {
        section = null;
        line = newLine(gPts.rest, gPts.points, r, cellAddress(r, groupCol));
        group = null;
        resetOutline();
      } else {
        section = null;
        if (gPts.points.length > 1) ambiguous(cellAddress(r, groupCol), gPts.rest, gPts.points);
        const l = currentLine(r);
        group = {
          labelZh: gPts.rest,
          stated: gPts.points.length === 1 ? (gPts.points[0] ?? null) : null,
          row: r,
          cell: cellAddress(r, groupCol),
          children: [],
        };
        l.items.push(group);
        resetOutline();
      }
      // A group row with no text of its own: its points, if any, are the group's.
      if (!nameText && !seqText) {
        if (group && colPoints !== null) {
          if (group.stated !== null && group.stated !== colPoints)
            conflict(cellAddress(r, pointsCol ?? 0), group.labelZh, group.stated, colPoints);
          else group.stated = colPoints;
        } else if (line && !group && colPoints !== null) line.stated = colPoints;
        continue;
      }
    }

    if (!nameText) {
      // Only a 评分标准 (a name cell merged over several rows) or only a number: nothing new.
      if (standardText && colPoints === null && !seqText) continue;
      skip(
        'import.no-name',
        rowCell,
        '本行没有考核内容（名称），未导入',
        'This row has no name (考核内容); not imported',
      );
      continue;
    }

    const num = numbering(nameText);
    const seqStyle = seqNumbering(rawSeq);
    const style: Style = seqStyle ?? num.style;
    const pts = pointsInText(num.rest);
    const label = pts.rest;

    // Section headings in the name column.
    const sec = sectionOf(label);
    if (!sec && section && groupCol === undefined && style === sectionStyle) section = null;
    if (sec && (style === 'cn' || style === 'none' || styles.length === 0 || styles[0] === style)) {
      section = sec;
      sectionStyle = style === 'none' ? null : style;
      group = null;
      resetOutline();
      const restOfHeading = label
        .replace(/^.*?(一票否决|加分|扣分|减分)(?:项目|项|因素|指标)?[:：]?/, '')
        .trim();
      if (sec === 'veto' && restOfHeading) vetoByHand(nameCell, restOfHeading);
      else if (sec !== 'veto' && restOfHeading && /[加扣减]\s*\d/.test(restOfHeading))
        adjustment(r, nameCell, restOfHeading, standardText);
      else if (sec !== 'veto' && pts.points.length > 0)
        skip(
          'import.adjustment-cap',
          nameCell,
          // The 方案 holds a bonus cap (单位类型 上限), not a deduction cap; the import writes no 单位类型 row.
          sec === 'bonus'
            ? `“${label}”写有 ${pts.points.join('、')} 分（上限）：加分上限未导入；要限制，请在方案中加一行“单位类型”（所属 单位，上限 ${pts.points.join('、')}），并在各考核线的“所属”列写它的代码`
            : `“${label}”写有 ${pts.points.join('、')} 分（上限）：方案不能表示扣分上限，未导入，请手工核对`,
          sec === 'bonus'
            ? `"${label}" states ${pts.points.join(', ')} points (a cap): the bonus cap is not imported; to cap bonuses, add a 单位类型 (unit kind) row to the 方案 (所属 单位, 上限 ${pts.points.join(', ')}) and write its code in each line's 所属 column`
            : `"${label}" states ${pts.points.join(', ')} points (a cap): the scheme cannot hold a cap for deductions; not imported, check by hand`,
        );
      continue;
    }
    if (section === 'veto') {
      vetoByHand(nameCell, label + (standardText ? ` ${standardText}` : ''));
      continue;
    }
    if (section === 'bonus' || section === 'deduction') {
      adjustment(r, nameCell, num.rest, standardText);
      continue;
    }

    if (pts.points.length > 1) {
      ambiguous(nameCell, label, pts.points);
      continue;
    }
    const textPoints = pts.points[0] ?? null;
    if (textPoints !== null && colPoints !== null && textPoints !== colPoints) {
      conflict(cellAddress(r, pointsCol ?? nameCol), label, textPoints, colPoints);
      continue;
    }
    const stated = colPoints ?? textPoints;
    // Where the points are, or where they belong: the points column when the table has one.
    const pointsCellAddr =
      pointsCol !== undefined && textPoints === null ? cellAddress(r, pointsCol) : nameCell;

    // 一、 headings are lines when no group column gives the lines.
    if (linesFromHeadings === null)
      linesFromHeadings =
        style === 'cn' &&
        group === null &&
        !lines.some((l) => l.items.length > 0) &&
        groupCol === undefined;
    if (linesFromHeadings && style === 'cn' && group === null) {
      line = newLine(label, stated === null ? [] : [stated], r, pointsCellAddr);
      resetOutline();
      continue;
    }
    if (!label) {
      skip(
        'import.no-name',
        nameCell,
        '本行只有编号或分值，没有名称，未导入',
        'This row has a number or points but no name; not imported',
      );
      continue;
    }

    const node: Node = { labelZh: label, stated, row: r, cell: pointsCellAddr, children: [] };
    const idx = styles.indexOf(style);
    if (idx >= 0) {
      styles = styles.slice(0, idx);
      open = open.slice(0, idx);
    }
    const parent = open[open.length - 1];
    if (parent) parent.children.push(node);
    else if (group) group.children.push(node);
    else currentLine(r).items.push(node);
    styles.push(style);
    open.push(node);
  }

  function newLine(label: string, points: number[], r: number, cell: string): LineNode {
    if (points.length > 1) ambiguous(cell, label, points);
    const l: LineNode = {
      labelZh: label,
      stated: points.length === 1 ? (points[0] ?? null) : null,
      row: r,
      cell,
      items: [],
      known: knownLine(label) ?? (/^部门/.test(label) ? 'D' : null),
    };
    lines.push(l);
    return l;
  }

  function ambiguous(cell: string, label: string, points: number[]) {
    skip(
      'import.points-ambiguous',
      cell,
      `“${label}”写有多个分值（${points.join('、')}），无法判断，未导入`,
      `"${label}" states several points (${points.join(', ')}); cannot tell which, not imported`,
    );
  }

  function conflict(cell: string, label: string, a: number, b: number) {
    skip(
      'import.points-conflict',
      cell,
      `“${label}”文字中的分值 ${a} 与分值列 ${b} 不一致，未导入`,
      `"${label}": points ${a} in the text differ from ${b} in the points column; not imported`,
    );
  }

  function vetoByHand(cell: string, text: string) {
    skip(
      'import.veto-by-hand',
      cell,
      `一票否决“${text.slice(0, 60)}”需手工补全：在方案中加一行“否决”，写明代码、所否决的指标、方向（>= 或 <=）和目标值`,
      `One-vote veto "${text.slice(0, 60)}" needs to be completed by hand: add a veto row to 方案 with its code, the items it decides, the direction (>= or <=) and the target`,
    );
  }

  function adjustment(r: number, cell: string, label: string, standard: string) {
    const text = `${label} ${standard}`;
    const range = new RegExp(`([加扣减])\\s*${NUM}\\s*(?:分)?\\s*[-~～至到]\\s*${NUM}\\s*分`).exec(
      text,
    );
    const each = new RegExp(`([加扣减])\\s*${NUM}\\s*分`).exec(text);
    const verb = range?.[1] ?? each?.[1];
    const found = [...text.matchAll(new RegExp(`[加扣减]\\s*${NUM}\\s*分`, 'g'))].map((m) =>
      Number(m[1]),
    );
    if (!verb || (!range && new Set(found).size > 1)) {
      skip(
        'import.adjustment-unreadable',
        cell,
        !verb
          ? `加分/扣分项“${label}”没有写每次加减多少分，未导入`
          : `加分/扣分项“${label}”写有多个分值（${[...new Set(found)].join('、')}），未导入，请手工录入`,
        !verb
          ? `Bonus/deduction "${label}" states no points per event; not imported`
          : `Bonus/deduction "${label}" states several points (${[...new Set(found)].join(', ')}); not imported, enter it by hand`,
      );
      return;
    }
    const kind = verb === '加' ? 'bonus' : 'deduction';
    const prefix = kind === 'bonus' ? 'B' : 'X';
    const code = `${prefix}${adjustments.filter((a) => a.rule.kind === kind).length + 1}`;
    const name = label.replace(/[,，;；]?\s*每.*$/, '').trim() || label;
    const input = range
      ? {
          code,
          labelZh: name,
          labelEn: name,
          mode: 'points' as const,
          minEach: Number(range[2]),
          maxEach: Number(range[3]),
        }
      : {
          code,
          labelZh: name,
          labelEn: name,
          mode: 'count' as const,
          pointsEach: Number(each?.[2]),
        };
    adjustments.push({
      rule: { code, kind, labelZh: name, labelEn: name, inputs: [input] },
      row: r,
    });
    origin.set(code, cell);
  }

  // Codes, points and sums.
  const used = new Set<string>();
  const lineCodes: string[] = [];
  for (const l of lines) {
    let code: string | null = l.known && !used.has(l.known) ? l.known : null;
    for (let i = 0; code === null; i++) {
      const c = String.fromCharCode(65 + i);
      // P/F/D are the built-in lines; B, X and V begin bonus, deduction and veto codes (B1, X1, V1),
      // which a line's items (B1, B2 …) would collide with.
      if (!used.has(c) && !['P', 'F', 'D', 'B', 'X', 'V'].includes(c)) code = c;
    }
    used.add(code);
    lineCodes.push(code);
  }
  const freeze = (node: Node, code: string): SchemeItem | null => {
    origin.set(code, node.cell);
    const children: SchemeItem[] = [];
    node.children.forEach((c, i) => {
      const item = freeze(c, `${code}.${i + 1}`);
      if (item) children.push(item);
    });
    if (node.children.length === 0) {
      if (node.stated === null) {
        skip(
          'import.no-points',
          node.cell,
          `“${node.labelZh}”没有分值（分值列或文字中的“（20分）”），未导入`,
          `"${node.labelZh}" has no points (points column or "(20分)" in the text); not imported`,
        );
        return null;
      }
      if (!(node.stated > 0)) {
        skip(
          'import.points-invalid',
          node.cell,
          `“${node.labelZh}”的分值 ${node.stated} 应为正数，未导入`,
          `"${node.labelZh}": points ${node.stated} must be positive; not imported`,
        );
        return null;
      }
      return { code, labelZh: node.labelZh, labelEn: node.labelZh, points: node.stated };
    }
    if (children.length === 0) return null;
    const sum = roundScore(children.reduce((s, c) => s + c.points, 0));
    if (node.stated !== null && roundScore(node.stated) !== sum) {
      sumReported.add(code);
      skip(
        'import.parent-sum',
        node.cell,
        `“${node.labelZh}”写明 ${node.stated} 分，但其子项之和为 ${sum} 分：请核对细则`,
        `"${node.labelZh}" states ${node.stated} points but its sub-items sum to ${sum}: check the table`,
      );
    }
    return {
      code,
      labelZh: node.labelZh,
      labelEn: node.labelZh,
      points: node.stated ?? sum,
      children,
    };
  };
  const schemeLines: SchemeLine[] = [];
  lines.forEach((l, li) => {
    const code = lineCodes[li] ?? 'A';
    origin.set(code, l.cell);
    const items: SchemeItem[] = [];
    let n = 0;
    for (const node of l.items) {
      const item = freeze(node, `${code}${n + 1}`);
      if (item) {
        items.push(item);
        n++;
      }
    }
    if (items.length === 0) {
      skip(
        'import.line-empty',
        l.cell,
        `“${l.labelZh}”下没有可导入的指标`,
        `"${l.labelZh}" has no items that could be imported`,
      );
      return;
    }
    const sum = roundScore(items.reduce((s, c) => s + c.points, 0));
    if (l.stated !== null && roundScore(l.stated) !== sum) {
      sumReported.add(code);
      skip(
        'import.line-sum',
        l.cell,
        `“${l.labelZh}”写明 ${l.stated} 分，但各指标之和为 ${sum} 分：请核对细则`,
        `"${l.labelZh}" states ${l.stated} points but its items sum to ${sum}: check the table`,
      );
    }
    schemeLines.push({
      code: code,
      labelZh: l.labelZh,
      labelEn: l.labelZh,
      points: l.stated ?? sum,
      items,
    });
  });
  if (statedTotal) {
    const sum = roundScore(schemeLines.reduce((s, l) => s + l.points, 0));
    if (roundScore(statedTotal.points) !== sum)
      skip(
        'import.total-sum',
        statedTotal.cell,
        `合计写明 ${statedTotal.points} 分，但各项之和为 ${sum} 分：请核对细则`,
        `The total row states ${statedTotal.points} points but the items sum to ${sum}: check the table`,
      );
  }
  const nameZh = titleParts[0] ?? '导入的考核方案';
  const scheme: Scheme = {
    id: 'imported',
    nameZh,
    nameEn: 'Imported scheme',
    lines: schemeLines,
    vetoes: [],
    adjustments: adjustments.map((a) => a.rule),
  };
  const rows = schemeRows(scheme, year ?? undefined, options.lang ?? 'zh');
  // The rows must read back as a valid 方案: what the reader still refuses is said here, on
  // the table's cell, unless an import finding already says it.
  const check = readScheme({ name: SHEETS.scheme, values: rows });
  for (const f of check.findings) {
    if (/sum$/.test(f.rule) && f.code !== undefined && sumReported.has(f.code)) continue;
    skipped.push({
      ...f,
      sheet: sheet.name,
      cell: (f.code !== undefined ? origin.get(f.code) : undefined) ?? null,
      zh: `方案校验：${f.zh}`,
      en: `Scheme check: ${f.en}`,
    });
  }
  return {
    scheme:
      check.findings.some((f) => f.severity === 'error') || schemeLines.length === 0
        ? null
        : scheme,
    rows,
    skipped,
    notes,
    year,
  };
}

/** The line a title names (`…人口计生…细则` → F), for a table with one line. */
function knownLineFromTitle(title: string): LineCode | null {
  if (/党政/.test(title)) return 'P';
  if (/人口计生|计生|计划生育/.test(title)) return 'F';
  if (/部门/.test(title)) return 'D';
  return null;
}

/** Points in the points column: a number, or a text such as `20分`, `20`. */
function columnPoints(v: CellValue | undefined): number | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (typeof v !== 'string') return null;
  const t = normaliseText(v).replace(/\s/g, '');
  const m = /^(\d+(?:\.\d+)?)分?$/.exec(t);
  return m ? Number(m[1]) : null;
}
