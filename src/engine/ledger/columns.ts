/**
 * The ledger layout: which columns a 乡镇台账 / 部门台账 sheet has for a scheme, and how a header
 * cell names its column. One definition, used by the template writer and the reader, so the two
 * cannot drift apart.
 */
import type { Scheme, SchemeItem } from '../types';
import { indexScheme } from '../scheme/schemeIndex';
import { departmentKind, unitKind } from '../scheme/kinds';

export const UNIT_HEADER = '单位';
export const CLASS_HEADER = '类别';

export type LedgerColumnKind = 'unit' | 'class' | 'item' | 'veto' | 'vetoTarget' | 'adjustment';

export interface LedgerColumn {
  /** Ledger code (`P3.1`, `V1`, `V1T`, `X3`); `单位`/`类别` for the two name columns. */
  readonly code: string;
  readonly labelZh: string;
  readonly labelEn: string;
  readonly kind: LedgerColumnKind;
  /** Allowed range of an input (data validation); undefined = no numeric validation. */
  readonly min?: number;
  readonly max?: number;
  /** Suggested width in characters. */
  readonly width: number;
}

/** Suffix of a veto's target column: `V1` -> `V1T`. */
export const TARGET_SUFFIX = 'T';

/**
 * Header text of a column: `CODE 中文名`, or the bare name for 单位/类别; with `en`, English first:
 * `CODE English / 中文名`, `Unit / 单位` (the code still leads, so columns are found the same way).
 * @example headerText({ code: 'P3.1', labelZh: '移民地区综合整治', … }) // 'P3.1 移民地区综合整治'
 */
export function headerText(
  col: Pick<LedgerColumn, 'code' | 'labelZh' | 'labelEn' | 'kind'>,
  lang: 'zh' | 'en' = 'zh',
): string {
  const named = col.kind === 'unit' || col.kind === 'class';
  if (lang === 'en')
    return named
      ? `${col.labelEn} / ${col.labelZh}`
      : `${col.code} ${col.labelEn} / ${col.labelZh}`;
  return named ? col.labelZh : `${col.code} ${col.labelZh}`;
}

const squash = (s: string): string =>
  s
    .replace(/[\u3000\u00a0]/g, ' ')
    .replace(/\s*[/／]\s*/g, ' / ')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();

/**
 * True when a header cell names a column whose name is `zh` in Chinese and `en` in English: either
 * name alone, or both in either order, with a space or a slash between (`Unit / 单位`, `单位 Unit`).
 * @example isHeader('Unit / 单位', '单位', 'Unit') // true
 */
export function isHeader(cell: unknown, zh: string, en: string): boolean {
  if (typeof cell !== 'string') return false;
  const t = squash(cell);
  const [z, e] = [squash(zh), squash(en)];
  return [z, e, `${e} / ${z}`, `${z} / ${e}`, `${e} ${z}`, `${z} ${e}`].includes(t);
}

/**
 * The column a ledger header names: 单位 or 类别 (in Chinese, English or both), else its leading
 * code (`headerCode`).
 * @example columnCode('Unit / 单位') // '单位'
 */
export function columnCode(header: unknown): string | null {
  if (isHeader(header, UNIT_HEADER, 'Unit')) return UNIT_HEADER;
  if (isHeader(header, CLASS_HEADER, 'Class')) return CLASS_HEADER;
  return headerCode(header);
}

const HEADER_CODE = /^([A-Za-z][A-Za-z0-9_]*(?:\.[A-Za-z0-9_]+)*)(?![A-Za-z0-9_.])/;

/**
 * The code a header cell names: its leading code (`P3.1 移民…` -> `P3.1`, `P3.1` -> `P3.1`,
 * `V1T出生…` -> `V1T`), upper-cased; null when the header does not start with a code.
 */
export function headerCode(header: unknown): string | null {
  if (typeof header !== 'string') return null;
  const text = header.replace(/[\u3000\u00a0]/g, ' ').trim();
  const m = HEADER_CODE.exec(text);
  return m?.[1] ? m[1].toUpperCase() : null;
}

/**
 * The input range of an item's cell: 0..points for an entered score (−points.. when it may go
 * negative; the largest class's points when they differ by class), the figure's range for an
 * item scored against a target, a count for 按次扣分.
 */
function itemRange(it: SchemeItem): { min: number; max: number } {
  const rule = it.rule?.kind ?? 'entered';
  if (rule === 'target' || rule === 'proportion') {
    const unit = it.rule && 'unit' in it.rule ? it.rule.unit : undefined;
    return { min: 0, max: unit === '‰' ? 1000 : 100 };
  }
  if (rule === 'cases') return { min: 0, max: 1000 };
  const classMax = Math.max(
    it.points,
    ...Object.values(it.classPoints ?? {}).filter((p): p is number => typeof p === 'number'),
  );
  return { min: it.allowNegative ? -classMax : 0, max: classMax };
}

function leafColumns(items: readonly SchemeItem[]): LedgerColumn[] {
  const out: LedgerColumn[] = [];
  const walk = (list: readonly SchemeItem[]) => {
    for (const it of list) {
      if (it.children && it.children.length > 0) walk(it.children);
      else {
        out.push({
          code: it.code,
          labelZh: it.labelZh,
          labelEn: it.labelEn,
          kind: 'item',
          ...itemRange(it),
          width: Math.max(10, Math.min(24, it.labelZh.length * 2 + 6)),
        });
        const rule = it.rule;
        // A target that differs by unit and is not in the scheme: the ledger gives it.
        if (
          (rule?.kind === 'target' || rule?.kind === 'proportion') &&
          rule.target.value === null &&
          !rule.target.byUnit &&
          !rule.target.byClass
        )
          out.push({
            code: it.code + TARGET_SUFFIX,
            labelZh: `${it.labelZh}目标`,
            labelEn: `${it.labelEn} target`,
            kind: 'vetoTarget',
            ...itemRange(it),
            width: 14,
          });
      }
    }
  };
  walk(items);
  return out;
}

/**
 * Columns of the unit kind's sheet (乡镇台账) in template order: 单位, 类别, the leaves of its lines
 * (P and F), veto inputs, adjustment inputs.
 */
export function townColumns(scheme: Scheme): LedgerColumn[] {
  const kind = unitKind(scheme);
  // Numbered classes (1/2/3) get a number validation; labelled ones (一类、农场) none.
  const numbered = kind?.classes?.map((c) => c.code).filter((c): c is number => typeof c === 'number') ?? [];
  const numeric = numbered.length > 0 && numbered.length === (kind?.classes?.length ?? 0);
  const cols: LedgerColumn[] = [
    { code: UNIT_HEADER, labelZh: UNIT_HEADER, labelEn: 'Unit', kind: 'unit', width: 14 },
  ];
  // A kind whose scheme names no classes (document 5's districts) gets no 类别 column; a ledger
  // that has one anyway is read with its labels as classes.
  if ((kind?.classes?.length ?? 0) > 0)
    cols.push({
      code: CLASS_HEADER,
      labelZh: CLASS_HEADER,
      labelEn: 'Class',
      kind: 'class',
      ...(numeric ? { min: Math.min(...numbered), max: Math.max(...numbered) } : {}),
      width: numeric ? 6 : 10,
    });
  const index = indexScheme(scheme);
  for (const code of kind?.lines ?? []) cols.push(...leafColumns(index.line(code)?.items ?? []));
  for (const v of scheme.vetoes) {
    const max = v.unit === '%' ? 100 : 1000;
    cols.push({
      code: v.code,
      labelZh: v.labelZh,
      labelEn: v.labelEn,
      kind: 'veto',
      min: 0,
      max,
      width: 16,
    });
    cols.push({
      code: v.code + TARGET_SUFFIX,
      labelZh: `${v.labelZh}目标`,
      labelEn: `${v.labelEn} target`,
      kind: 'vetoTarget',
      min: 0,
      max,
      width: 16,
    });
  }
  for (const rule of scheme.adjustments) {
    for (const input of rule.inputs) {
      cols.push({
        code: input.code,
        labelZh: input.labelZh,
        labelEn: input.labelEn,
        kind: 'adjustment',
        min: 0,
        max: input.mode === 'points' ? 1000 : 100,
        width: 14,
      });
    }
  }
  return cols;
}

/** Columns of the department kind's sheet (部门台账): 单位, then the leaves of its lines (D). */
export function departmentColumns(scheme: Scheme): LedgerColumn[] {
  const index = indexScheme(scheme);
  return [
    { code: UNIT_HEADER, labelZh: UNIT_HEADER, labelEn: 'Unit', kind: 'unit', width: 14 },
    ...(departmentKind(scheme)?.lines ?? []).flatMap((code) =>
      leafColumns(index.line(code)?.items ?? []),
    ),
  ];
}
