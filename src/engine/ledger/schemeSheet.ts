/**
 * The 方案 sheet: a scheme as a table a person can read and edit. `schemeRows` writes it
 * (template), `readScheme` reads it back; both use these headers, found by name when read.
 */
import type { ClassDef, ItemRule, Scheme, SchemeItem, TargetSpec, UnitKind } from '../types';
import { kindOfLine, unitKind as unitKindOf } from '../scheme/kinds';
import { RULES } from '../score/rules';
import type { CellValue } from './types';

/** Column headers of the 方案 sheet, in template order (the columns of issue 11 at the end). */
export const SCHEME_HEADERS = {
  kind: '类型',
  code: '代码',
  labelZh: '项目',
  labelEn: '英文名称',
  points: '分值',
  parent: '上级',
  owner: '所属',
  direction: '否决方向',
  target: '目标',
  indicators: '否决指标',
  unit: '计量单位',
  mode: '计分方式',
  minEach: '每次最低',
  maxEach: '每次最高',
  subsetOf: '包含于',
  aliases: '别名',
  weight: '权重',
  classPoints: '分类分值',
  classTargets: '分类目标',
  perPoint: '扣分标准',
  allowNegative: '可负分',
  extra: '附加分',
  cap: '上限',
  effect: '否决效果',
  unassessed: '未考核项',
  sheet: '台账表',
  quota: '名额',
} as const;

/** The same headers in English: a template made with `lang: 'en'` heads 方案 `English / 中文`. */
export const SCHEME_HEADERS_EN: Readonly<Record<keyof typeof SCHEME_HEADERS, string>> = {
  kind: 'Kind',
  code: 'Code',
  labelZh: 'Chinese name',
  labelEn: 'English name',
  points: 'Points',
  parent: 'Parent',
  owner: 'Belongs to',
  direction: 'Veto direction',
  target: 'Target',
  indicators: 'Veto items',
  unit: 'Unit of measure',
  mode: 'Scoring',
  minEach: 'Min each',
  maxEach: 'Max each',
  subsetOf: 'Subset of',
  aliases: 'Aliases',
  weight: 'Weight',
  classPoints: 'Points by class',
  classTargets: 'Targets by class',
  perPoint: 'Points lost each',
  allowNegative: 'May go negative',
  extra: 'Bonus item',
  cap: 'Cap',
  effect: 'Veto effect',
  unassessed: 'Unassessed items',
  sheet: 'Ledger sheet',
  quota: 'Count',
};

export type SchemeField = keyof typeof SCHEME_HEADERS;
export const SCHEME_FIELDS = Object.keys(SCHEME_HEADERS) as SchemeField[];

/** Row kinds (类型 column). English words are accepted too when read. */
export const SCHEME_KINDS = {
  meta: '方案',
  year: '年度',
  unitKind: '单位类型',
  class: '类别',
  line: '线',
  item: '指标',
  veto: '否决',
  target: '目标',
  bonus: '加分',
  deduction: '扣分',
  input: '输入',
  flag: '标记',
} as const;

/** Row kinds in English (accepted when read, as are the Chinese ones). */
export const SCHEME_KINDS_EN: Readonly<Record<keyof typeof SCHEME_KINDS, string>> = {
  meta: 'scheme',
  year: 'year',
  unitKind: 'unit kind',
  class: 'class',
  line: 'line',
  item: 'item',
  veto: 'veto',
  target: 'target',
  bonus: 'bonus',
  deduction: 'deduction',
  input: 'input',
  flag: 'flag',
};

export const MODE_TEXT = { count: '次数', points: '分值' } as const;
export const MODE_TEXT_EN = { count: 'count', points: 'points' } as const;

/** 所属 of a 单位类型 row. */
export const ROLE_TEXT = { unit: '单位', department: '部门' } as const;
export const ROLE_TEXT_EN = { unit: 'unit', department: 'department' } as const;
/** 计分方式 of a 单位类型 row: the plain sum of its lines, or weights (权重 on its line rows). */
export const TOTAL_TEXT = { sum: '求和', weighted: '加权' } as const;
export const TOTAL_TEXT_EN = { sum: 'sum', weighted: 'weighted' } as const;
/** 否决效果 of a 否决 row. */
export const EFFECT_TEXT = { exclude: '不参加评分', zero: '记零分' } as const;
export const EFFECT_TEXT_EN = { exclude: 'exclude', zero: 'zero' } as const;
/** 未考核项 of a 单位类型 row: 得分 ÷ 应得分 × 满分, or the line out of fewer points. */
export const UNASSESSED_TEXT = { prorate: '折算', drop: '不折算' } as const;
export const UNASSESSED_TEXT_EN = { prorate: 'prorate', drop: 'drop' } as const;
/** 代码 of a 标记 row (重点管理 is read as 黄牌警告). */
export const FLAG_TEXT = { top: '一票优先', bottom: '黄牌警告', last: '末位' } as const;
export const FLAG_TEXT_EN = { top: 'top', bottom: 'bottom', last: 'last' } as const;
export const YES_NO = { yes: '是', no: '否' } as const;
export const YES_NO_EN = { yes: 'yes', no: 'no' } as const;
/** A 分类分值 value: the item is not assessed for that class. */
export const NOT_ASSESSED = '不考核';
export const NOT_ASSESSED_EN = 'not assessed';

type Row = Partial<Record<SchemeField, CellValue>>;

function toCells(row: Row): CellValue[] {
  return SCHEME_FIELDS.map((f) => row[f] ?? null);
}

/** How a class is named in 分类分值 / 分类目标: its label, or its code when the kind has no classes. */
function className(kind: UnitKind | undefined, key: string, en: boolean): string {
  const c: ClassDef | undefined = kind?.classes?.find((d) => String(d.code) === key);
  return c ? (en ? c.labelEn : c.labelZh) : key;
}

/** `一类:10、农场:不考核` */
function classMap(
  map: Readonly<Record<string, number | null>> | undefined,
  kind: UnitKind | undefined,
  en: boolean,
): string | null {
  if (!map) return null;
  const parts = Object.entries(map).map(
    ([k, v]) =>
      `${className(kind, k, en)}:${v === null ? (en ? NOT_ASSESSED_EN : NOT_ASSESSED) : v}`,
  );
  return parts.length > 0 ? parts.join('、') : null;
}

const joinAliases = (a: readonly string[] | undefined) => (a && a.length > 0 ? a.join('、') : null);

/**
 * The scheme as 方案 rows (header first): the scheme and year, its kinds of unit each followed by
 * its classes (only when the scheme names its kinds), lines each followed by its items in tree
 * order with their parent named in 上级, vetoes, per-unit targets, each bonus/deduction rule
 * followed by its inputs, and the flags (when the scheme gives them). With `en`, headers are
 * `English / 中文` and row kinds and words English (`readScheme` reads both).
 */
export function schemeRows(scheme: Scheme, year?: number, lang: 'zh' | 'en' = 'zh'): CellValue[][] {
  const en = lang === 'en';
  const KIND = en ? SCHEME_KINDS_EN : SCHEME_KINDS;
  const MODE = en ? MODE_TEXT_EN : MODE_TEXT;
  const YN = en ? YES_NO_EN : YES_NO;
  const yesNo = (b: boolean | undefined) => (b === undefined ? null : b ? YN.yes : YN.no);
  const kinds = scheme.kinds && scheme.kinds.length > 0 ? scheme.kinds : undefined;
  // Without kinds, the built-in layout (`schemeKinds`) names the classes: towns 1/2/3.
  const kindOf = (line: string) => kindOfLine(scheme, line);
  const unitKind = unitKindOf(scheme);
  const rows: CellValue[][] = [
    SCHEME_FIELDS.map((f) =>
      en ? `${SCHEME_HEADERS_EN[f]} / ${SCHEME_HEADERS[f]}` : SCHEME_HEADERS[f],
    ),
  ];
  rows.push(
    toCells({
      kind: KIND.meta,
      code: scheme.id,
      labelZh: scheme.nameZh,
      labelEn: scheme.nameEn,
    }),
  );
  if (year !== undefined)
    rows.push(
      toCells({
        kind: KIND.year,
        code: String(year),
        labelZh: `${year}年度`,
        labelEn: `Year ${year}`,
      }),
    );
  for (const k of kinds ?? []) {
    rows.push(
      toCells({
        kind: KIND.unitKind,
        code: k.code,
        labelZh: k.labelZh,
        labelEn: k.labelEn,
        owner: (en ? ROLE_TEXT_EN : ROLE_TEXT)[k.role],
        sheet: k.sheet,
        mode: (en ? TOTAL_TEXT_EN : TOTAL_TEXT)[k.total?.weights ? 'weighted' : 'sum'],
        cap: k.total?.bonusCap ?? null,
        unassessed: k.unassessed ? (en ? UNASSESSED_TEXT_EN : UNASSESSED_TEXT)[k.unassessed] : null,
      }),
    );
    for (const c of k.classes ?? [])
      rows.push(
        toCells({
          kind: KIND.class,
          code: c.code,
          labelZh: c.labelZh,
          labelEn: c.labelEn,
          owner: k.code,
          aliases: joinAliases(c.aliases),
        }),
      );
  }
  const targetRows: CellValue[][] = [];
  const unitTargets = (code: string, byUnit: Readonly<Record<string, number>> | undefined) => {
    for (const [unit, value] of Object.entries(byUnit ?? {}))
      targetRows.push(toCells({ kind: KIND.target, code, labelZh: unit, target: value }));
  };
  const ruleCells = (rule: ItemRule | undefined, kind: UnitKind | undefined): Row => {
    if (!rule) return {};
    const mode = en ? RULES[rule.kind].labelEn : RULES[rule.kind].labelZh;
    if (rule.kind === 'entered') return { mode };
    if (rule.kind === 'cases') return { mode, perPoint: rule.each };
    const t: TargetSpec = rule.target;
    return {
      mode,
      direction: rule.direction,
      target: t.value,
      classTargets: classMap(t.byClass, kind, en),
      unit: rule.unit ?? null,
      ...(rule.kind === 'target' ? { perPoint: rule.perPoint } : {}),
    };
  };
  for (const line of scheme.lines) {
    const kind = kindOf(line.code);
    const weight = kind?.total?.weights?.[line.code];
    rows.push(
      toCells({
        kind: KIND.line,
        code: line.code,
        labelZh: line.labelZh,
        labelEn: line.labelEn,
        points: line.points,
        owner: kinds && kind ? kind.code : null,
        weight: weight ?? null,
      }),
    );
    const walk = (items: readonly SchemeItem[], parent: string | null) => {
      for (const it of items) {
        rows.push(
          toCells({
            kind: KIND.item,
            code: it.code,
            labelZh: it.labelZh,
            labelEn: it.labelEn,
            points: it.points,
            parent,
            owner: line.code,
            classPoints: classMap(it.classPoints, kind, en),
            ...ruleCells(it.rule, kind),
            allowNegative: yesNo(it.allowNegative),
            extra: yesNo(it.extra),
            aliases: joinAliases(it.aliases),
          }),
        );
        if (it.rule && (it.rule.kind === 'target' || it.rule.kind === 'proportion'))
          unitTargets(it.code, it.rule.target.byUnit);
        if (it.children) walk(it.children, it.code);
      }
    };
    walk(line.items, null);
  }
  for (const v of scheme.vetoes) {
    rows.push(
      toCells({
        kind: KIND.veto,
        code: v.code,
        labelZh: v.labelZh,
        labelEn: v.labelEn,
        direction: v.direction,
        target: v.defaultTarget,
        indicators: v.indicators.join(','),
        unit: v.unit,
        classTargets: classMap(v.targetsByClass, unitKind, en),
        effect: v.effect ? (en ? EFFECT_TEXT_EN : EFFECT_TEXT)[v.effect] : null,
      }),
    );
    unitTargets(v.code, v.targetsByUnit);
  }
  rows.push(...targetRows);
  for (const rule of scheme.adjustments) {
    rows.push(
      toCells({
        kind: rule.kind === 'bonus' ? KIND.bonus : KIND.deduction,
        code: rule.code,
        labelZh: rule.labelZh,
        labelEn: rule.labelEn,
      }),
    );
    for (const input of rule.inputs) {
      rows.push(
        toCells({
          kind: KIND.input,
          code: input.code,
          labelZh: input.labelZh,
          labelEn: input.labelEn,
          points: input.pointsEach ?? null,
          owner: rule.code,
          mode: MODE[input.mode],
          minEach: input.minEach ?? null,
          maxEach: input.maxEach ?? null,
          subsetOf: input.subsetOf ?? null,
          aliases: joinAliases(input.aliases),
        }),
      );
    }
  }
  if (scheme.flags) {
    const F = en ? FLAG_TEXT_EN : FLAG_TEXT;
    rows.push(toCells({ kind: KIND.flag, code: F.top, quota: scheme.flags.topN }));
    rows.push(toCells({ kind: KIND.flag, code: F.bottom, quota: scheme.flags.bottomN }));
    rows.push(toCells({ kind: KIND.flag, code: F.last, quota: scheme.flags.last ? 1 : 0 }));
  }
  return rows;
}
