/**
 * The 方案 sheet: a scheme as a table a person can read and edit. `schemeRows` writes it
 * (template), `readScheme` reads it back; both use these headers, found by name when read.
 */
import type { Scheme, SchemeItem } from '../types';
import type { CellValue } from './types';

/** Column headers of the 方案 sheet, in template order. */
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
};

export type SchemeField = keyof typeof SCHEME_HEADERS;
export const SCHEME_FIELDS = Object.keys(SCHEME_HEADERS) as SchemeField[];

/** Row kinds (类型 column). English words are accepted too when read. */
export const SCHEME_KINDS = {
  meta: '方案',
  year: '年度',
  line: '线',
  item: '指标',
  veto: '否决',
  bonus: '加分',
  deduction: '扣分',
  input: '输入',
} as const;

/** Row kinds in English (accepted when read, as are the Chinese ones). */
export const SCHEME_KINDS_EN: Readonly<Record<keyof typeof SCHEME_KINDS, string>> = {
  meta: 'scheme',
  year: 'year',
  line: 'line',
  item: 'item',
  veto: 'veto',
  bonus: 'bonus',
  deduction: 'deduction',
  input: 'input',
};

export const MODE_TEXT = { count: '次数', points: '分值' } as const;
export const MODE_TEXT_EN = { count: 'count', points: 'points' } as const;

type Row = Partial<Record<SchemeField, CellValue>>;

function toCells(row: Row): CellValue[] {
  return SCHEME_FIELDS.map((f) => row[f] ?? null);
}

/**
 * The scheme as 方案 rows (header first). Items follow their line in tree order with their parent
 * named in 上级; vetoes, then each bonus/deduction rule followed by its inputs. With `en`, headers
 * are `English / 中文` and row kinds and scoring modes English words (`readScheme` reads both).
 */
export function schemeRows(scheme: Scheme, year?: number, lang: 'zh' | 'en' = 'zh'): CellValue[][] {
  const en = lang === 'en';
  const KIND = en ? SCHEME_KINDS_EN : SCHEME_KINDS;
  const MODE = en ? MODE_TEXT_EN : MODE_TEXT;
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
  for (const line of scheme.lines) {
    rows.push(
      toCells({
        kind: KIND.line,
        code: line.code,
        labelZh: line.labelZh,
        labelEn: line.labelEn,
        points: line.points,
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
          }),
        );
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
      }),
    );
  }
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
          aliases: input.aliases && input.aliases.length > 0 ? input.aliases.join('、') : null,
        }),
      );
    }
  }
  return rows;
}
