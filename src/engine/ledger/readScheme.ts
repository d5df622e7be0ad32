/**
 * Reads a 方案 sheet back into a Scheme and validates it. Every problem becomes a Finding on the
 * cell that causes it, so a person editing the scheme can find and fix it.
 */
import type {
  AdjustmentInput,
  AdjustmentRule,
  ClassDef,
  Direction,
  FlagRules,
  ItemRule,
  Scheme,
  SchemeItem,
  SchemeLine,
  TargetSpec,
  UnitClass,
  UnitKind,
  VetoRule,
} from '../types';
import { schemeProblems, type LocatedProblem, type SchemeAspect } from '../scheme/validateScheme';
import { classKey, classOf, DEFAULT_FLAGS, schemeKinds } from '../scheme/kinds';
import { parseScore } from '../score/parseNumber';
import { ruleKindOf } from '../score/rules';
import { isKaoheError } from '../errors';
import { cellAddress, isBlankCell, showValue } from './cells';
import { isHeader } from './columns';
import {
  EFFECT_TEXT,
  EFFECT_TEXT_EN,
  FLAG_TEXT,
  FLAG_TEXT_EN,
  MODE_TEXT,
  NOT_ASSESSED,
  NOT_ASSESSED_EN,
  ROLE_TEXT,
  ROLE_TEXT_EN,
  SCHEME_FIELDS,
  SCHEME_HEADERS,
  SCHEME_HEADERS_EN,
  SCHEME_KINDS,
  SCHEME_KINDS_EN,
  TOTAL_TEXT,
  TOTAL_TEXT_EN,
  UNASSESSED_TEXT,
  UNASSESSED_TEXT_EN,
  YES_NO,
  YES_NO_EN,
  type SchemeField,
} from './schemeSheet';
import type { CellValue, Finding, SheetGrid } from './types';

export interface SchemeReadResult {
  /** The scheme, or null when the sheet has errors (then `findings` says why). */
  readonly scheme: Scheme | null;
  readonly year: number | null;
  readonly findings: Finding[];
}

type RowKind = keyof typeof SCHEME_KINDS;

const squash = (s: string) => s.normalize('NFKC').replace(/\s+/g, ' ').trim().toLowerCase();

/** A word of the sheet in either language (and its other accepted spellings) -> its key. */
function words<K extends string>(
  ...tables: readonly (Readonly<Record<K, string>> | Readonly<Record<string, K>>)[]
): Map<string, K> {
  const m = new Map<string, K>();
  tables.forEach((t, i) => {
    for (const [k, v] of Object.entries(t) as [string, string][])
      // Tables of texts by key (key -> text) come first; alias tables (text -> key) after them.
      if (i < 2) m.set(squash(v), k as K);
      else m.set(squash(k), v as K);
  });
  return m;
}

const KIND_WORDS = words<RowKind>(SCHEME_KINDS, SCHEME_KINDS_EN, {
  meta: 'meta',
  kind: 'unitKind',
  unitkind: 'unitKind',
  单位种类: 'unitKind',
  分类: 'class',
});
const ROLE_WORDS = words<'unit' | 'department'>(ROLE_TEXT, ROLE_TEXT_EN, {
  乡镇: 'unit',
  units: 'unit',
  departments: 'department',
});
const TOTAL_WORDS = words<'sum' | 'weighted'>(TOTAL_TEXT, TOTAL_TEXT_EN, {
  相加: 'sum',
  合计: 'sum',
  权重: 'weighted',
  weights: 'weighted',
});
const EFFECT_WORDS = words<'exclude' | 'zero'>(EFFECT_TEXT, EFFECT_TEXT_EN, {
  一票否决: 'exclude',
  不参评: 'exclude',
  零分: 'zero',
  记0分: 'zero',
});
const UNASSESSED_WORDS = words<'prorate' | 'drop'>(UNASSESSED_TEXT, UNASSESSED_TEXT_EN, {
  按比例折算: 'prorate',
});
const FLAG_WORDS = words<'top' | 'bottom' | 'last'>(FLAG_TEXT, FLAG_TEXT_EN, {
  重点管理: 'bottom',
  'yellow card': 'bottom',
  'top place': 'top',
  'last place': 'last',
});
const YES_WORDS = words<'yes' | 'no'>(YES_NO, YES_NO_EN, {
  true: 'yes',
  false: 'no',
  y: 'yes',
  n: 'no',
  '1': 'yes',
  '0': 'no',
  '√': 'yes',
  可: 'yes',
  不可: 'no',
});
const NOT_ASSESSED_WORDS = new Set(
  [NOT_ASSESSED, NOT_ASSESSED_EN, '—', '-', '－', '/', 'n/a', '不参加考核'].map(squash),
);

interface MutableItem {
  code: string;
  labelZh: string;
  labelEn: string;
  points: number;
  parent: string | null;
  line: string;
  row: number;
  children: MutableItem[];
  classPoints: string;
  rule: ItemRule | undefined;
  /** The 分类目标 text of a computed item, resolved once the item's kind is known. */
  classTargets: string;
  allowNegative: boolean | undefined;
  extra: boolean | undefined;
  aliases: string[];
}

const text = (v: CellValue | undefined): string =>
  v === null || v === undefined ? '' : String(v).trim();

const splitList = (s: string) =>
  s
    .split(/[、,，;；]/)
    .map((a) => a.trim())
    .filter((a) => a.length > 0);

/** Which 方案 column holds each aspect of a problem `validateScheme` found. */
const ASPECT_FIELD: Readonly<Record<SchemeAspect, SchemeField>> = {
  code: 'code',
  points: 'points',
  classPoints: 'classPoints',
  owner: 'owner',
  weight: 'weight',
  mode: 'mode',
  direction: 'direction',
  target: 'target',
  classTargets: 'classTargets',
  perPoint: 'perPoint',
  indicators: 'indicators',
  unit: 'unit',
  cap: 'cap',
  effect: 'effect',
  quota: 'quota',
  aliases: 'aliases',
  labelZh: 'labelZh',
};

/**
 * Parses a 方案 sheet (as written by `schemeRows`; columns found by header name, order free; row
 * kinds and words in Chinese or English) into a Scheme and runs `validateScheme` on it. A sheet
 * without 单位类型 rows gives a scheme without `kinds` (the built-in layout, `schemeKinds`).
 * @example readScheme({ name: '方案', values: schemeRows(DEFAULT_SCHEME) }).findings // []
 */
export function readScheme(sheet: SheetGrid): SchemeReadResult {
  const findings: Finding[] = [];
  const name = sheet.name;
  const err = (rule: string, cell: string | null, zh: string, en: string, code?: string) => {
    findings.push({
      severity: 'error',
      rule,
      sheet: name,
      cell,
      zh,
      en,
      ...(code ? { code } : {}),
    });
  };
  const header = sheet.values[0] ?? [];
  const col = new Map<SchemeField, number>();
  header.forEach((h, i) => {
    const f = SCHEME_FIELDS.find((field) =>
      isHeader(text(h), SCHEME_HEADERS[field], SCHEME_HEADERS_EN[field]),
    );
    if (f && !col.has(f)) col.set(f, i);
  });
  for (const required of ['kind', 'code', 'labelZh', 'points'] as const) {
    if (!col.has(required)) {
      err(
        'scheme.header-missing',
        'A1',
        `方案表缺少“${SCHEME_HEADERS[required]}”列`,
        `The scheme sheet has no "${SCHEME_HEADERS[required]}" column`,
      );
    }
  }
  if (findings.length > 0) return { scheme: null, year: null, findings };

  const cellOf = (row: number, f: SchemeField) =>
    cellAddress(row, col.get(f) ?? col.get('code') ?? 0);
  const get = (row: readonly CellValue[], f: SchemeField): CellValue | undefined => {
    const i = col.get(f);
    return i === undefined ? undefined : row[i];
  };
  const head = (f: SchemeField) => SCHEME_HEADERS[f];
  const toNumber = (v: CellValue | undefined, r: number, f: SchemeField): number | null => {
    try {
      return parseScore(v);
    } catch (e) {
      if (!isKaoheError(e)) throw e;
      err(
        'scheme.value-not-number',
        cellOf(r, f),
        `“${head(f)}”的值“${showValue(v ?? null)}”不是数字`,
        `"${SCHEME_HEADERS_EN[f]}" (${head(f)}): "${showValue(v ?? null)}" is not a number`,
      );
      return null;
    }
  };
  const num = (
    row: readonly CellValue[],
    r: number,
    f: SchemeField,
    required: boolean,
  ): number | null => {
    const v = get(row, f);
    if (isBlankCell(v ?? null)) {
      if (required)
        err('scheme.value-missing', cellOf(r, f), `“${head(f)}”为空`, `"${head(f)}" is blank`);
      return null;
    }
    return toNumber(v, r, f);
  };
  /** A word cell (计分方式, 否决效果 …): its key, undefined when blank, null (reported) when unknown. */
  const word = <K extends string>(
    row: readonly CellValue[],
    r: number,
    f: SchemeField,
    table: ReadonlyMap<string, K>,
    rule: string,
    choices: string,
  ): K | undefined | null => {
    const t = text(get(row, f));
    if (t === '') return undefined;
    const k = table.get(squash(t));
    if (k !== undefined) return k;
    err(
      rule,
      cellOf(r, f),
      `“${head(f)}”的值“${t}”无效，应为 ${choices}`,
      `"${SCHEME_HEADERS_EN[f]}" (${head(f)}): "${t}" is invalid; use ${choices}`,
    );
    return null;
  };
  const yesNo = (row: readonly CellValue[], r: number, f: SchemeField): boolean | undefined => {
    const v = get(row, f);
    if (typeof v === 'boolean') return v;
    const k = word(row, r, f, YES_WORDS, 'scheme.yes-no', '是 / 否 (yes / no)');
    return k === 'yes' ? true : k === 'no' ? false : undefined;
  };
  const direction = (t: string): Direction | null => {
    const d = t.normalize('NFKC').replace('≥', '>=').replace('≤', '<=').replace(/\s+/g, '');
    return d === '>=' || d === '<=' ? d : null;
  };

  let id = 'custom';
  let nameZh = '自定义方案';
  let nameEn = 'Custom scheme';
  let year: number | null = null;
  const lines: {
    code: string;
    labelZh: string;
    labelEn: string;
    points: number;
    row: number;
    owner: string;
    weight: number | null;
  }[] = [];
  const items: MutableItem[] = [];
  const vetoes: { veto: VetoRule; row: number; classTargets: string }[] = [];
  const rules: {
    rule: { code: string; kind: 'bonus' | 'deduction'; labelZh: string; labelEn: string };
    row: number;
    inputs: AdjustmentInput[];
  }[] = [];
  const inputs: { input: AdjustmentInput; owner: string; row: number }[] = [];
  const kindRows: {
    kind: Omit<UnitKind, 'lines' | 'classes' | 'total'>;
    weighted: boolean | undefined;
    cap: number | null;
    row: number;
  }[] = [];
  const classRows: { def: ClassDef; owner: string; row: number }[] = [];
  const targetRows: { code: string; unit: string; value: number; row: number }[] = [];
  const flagRows: { which: 'top' | 'bottom' | 'last'; n: number | boolean; row: number }[] = [];
  /** Rows of each part of the scheme, keyed `part:code` (a class `class:kind:code`, a target `target:code:unit`). */
  const rowOf = new Map<string, number[]>();
  const mark = (key: string, r: number) => {
    const list = rowOf.get(key) ?? [];
    list.push(r);
    rowOf.set(key, list);
  };
  // Codes of rows already reported as broken: their children are not reported again.
  const badCodes = new Set<string>();

  for (let r = 1; r < sheet.values.length; r++) {
    const row = sheet.values[r] ?? [];
    if (row.every((v) => isBlankCell(v))) continue;
    const kindText = text(get(row, 'kind'));
    const kind = KIND_WORDS.get(squash(kindText));
    const rawCode = get(row, 'code');
    const code = text(rawCode);
    const labelZh = text(get(row, 'labelZh'));
    const labelEn = text(get(row, 'labelEn')) || labelZh;
    if (!kind) {
      if (code) badCodes.add(code);
      err(
        'scheme.kind-invalid',
        cellOf(r, 'kind'),
        `类型“${kindText}”无效，应为 单位类型/类别/线/指标/否决/目标/加分/扣分/输入/标记`,
        `Kind "${kindText}" is invalid; use unit kind/class/line/item/veto/target/bonus/deduction/input/flag (单位类型/类别/线/指标/否决/目标/加分/扣分/输入/标记)`,
      );
      continue;
    }
    if (!code) {
      err('scheme.code-missing', cellOf(r, 'code'), '代码为空', 'Code is blank');
      continue;
    }
    switch (kind) {
      case 'meta':
        id = code;
        nameZh = labelZh || nameZh;
        nameEn = labelEn || nameEn;
        break;
      case 'year': {
        const y = Number(code);
        year = Number.isInteger(y) ? y : null;
        break;
      }
      case 'unitKind': {
        mark(`kind:${code}`, r);
        const roleText = text(get(row, 'owner'));
        const role = ROLE_WORDS.get(squash(roleText));
        if (!role) {
          err(
            'scheme.kind-role',
            cellOf(r, 'owner'),
            `单位类型 ${code} 的所属“${roleText}”无效，应为 单位 或 部门`,
            `Unit kind ${code}: "${roleText}" must be unit (单位) or department (部门)`,
            code,
          );
          break;
        }
        const total = word(
          row,
          r,
          'mode',
          TOTAL_WORDS,
          'scheme.kind-total',
          '求和 / 加权 (sum / weighted)',
        );
        const unassessed = word(
          row,
          r,
          'unassessed',
          UNASSESSED_WORDS,
          'scheme.unassessed-invalid',
          '折算 / 不折算 (prorate / drop)',
        );
        const cap = num(row, r, 'cap', false);
        const sheetName = text(get(row, 'sheet')) || (role === 'unit' ? '乡镇台账' : '部门台账');
        kindRows.push({
          kind: {
            code,
            role,
            labelZh,
            labelEn,
            sheet: sheetName,
            ...(unassessed ? { unassessed } : {}),
          },
          weighted: total === 'weighted' ? true : total === 'sum' ? false : undefined,
          cap,
          row: r,
        });
        break;
      }
      case 'class': {
        const owner = text(get(row, 'owner'));
        mark(`class:${owner}:${code}`, r);
        // A class typed as a number (1, 2, 3) is the number, as the built-in classes are.
        const c: UnitClass =
          typeof rawCode === 'number' ? rawCode : /^\d+$/.test(code) ? Number(code) : code;
        classRows.push({
          def: {
            code: c,
            labelZh: labelZh || code,
            labelEn: labelEn || code,
            aliases: splitList(text(get(row, 'aliases'))),
          },
          owner,
          row: r,
        });
        break;
      }
      case 'line': {
        mark(`line:${code}`, r);
        const points = num(row, r, 'points', true);
        const w = get(row, 'weight');
        // 60% is 0.6; a weight written as 60 among ones summing to 100 is normalised below.
        const weight =
          typeof w === 'string' && /[%％]\s*$/.test(w)
            ? (() => {
                const n = toNumber(w.replace(/[%％]\s*$/, ''), r, 'weight');
                return n === null ? null : n / 100;
              })()
            : num(row, r, 'weight', false);
        if (lines.some((l) => l.code === code))
          err(
            'scheme.line-duplicate',
            cellOf(r, 'code'),
            `考核线 ${code} 重复`,
            `Line ${code} appears twice`,
            code,
          );
        else if (points !== null)
          lines.push({
            code,
            labelZh,
            labelEn,
            points,
            row: r,
            owner: text(get(row, 'owner')),
            weight,
          });
        break;
      }
      case 'item': {
        mark(`item:${code}`, r);
        const points = num(row, r, 'points', true);
        if (points === null) badCodes.add(code);
        const line = text(get(row, 'owner'));
        if (!line)
          err(
            'scheme.item-line',
            cellOf(r, 'owner'),
            `指标 ${code} 未写所属线`,
            `Item ${code} has no line`,
            code,
          );
        const rule = readRule(row, r, code);
        if (rule === null) badCodes.add(code);
        const allowNegative = yesNo(row, r, 'allowNegative');
        const extra = yesNo(row, r, 'extra');
        if (points !== null && line && rule !== null)
          items.push({
            code,
            labelZh,
            labelEn,
            points,
            parent: text(get(row, 'parent')) || null,
            line,
            row: r,
            children: [],
            classPoints: text(get(row, 'classPoints')),
            rule,
            classTargets: text(get(row, 'classTargets')),
            allowNegative,
            extra,
            aliases: splitList(text(get(row, 'aliases'))),
          });
        break;
      }
      case 'veto': {
        mark(`veto:${code}`, r);
        const dirText = text(get(row, 'direction'));
        const dir = direction(dirText);
        if (!dir) {
          err(
            'scheme.veto-direction',
            cellOf(r, 'direction'),
            `否决项 ${code} 的方向“${dirText}”无效，应为 >= 或 <=`,
            `Veto ${code}: direction "${dirText}" must be >= or <=`,
            code,
          );
          break;
        }
        const unitText = text(get(row, 'unit')) || '%';
        if (unitText !== '%' && unitText !== '‰') {
          err(
            'scheme.veto-unit',
            cellOf(r, 'unit'),
            `否决项 ${code} 的计量单位“${unitText}”无效，应为 % 或 ‰`,
            `Veto ${code}: unit "${unitText}" must be % or ‰`,
            code,
          );
          break;
        }
        const effect = word(
          row,
          r,
          'effect',
          EFFECT_WORDS,
          'scheme.veto-effect',
          '不参加评分 / 记零分 (exclude / zero)',
        );
        if (effect === null) break;
        const indicators = text(get(row, 'indicators'))
          .split(/[,，、;；\s]+/)
          .filter((s) => s.length > 0);
        vetoes.push({
          veto: {
            code,
            labelZh,
            labelEn,
            indicators,
            direction: dir,
            defaultTarget: num(row, r, 'target', false),
            unit: unitText,
            ...(effect ? { effect } : {}),
          },
          row: r,
          classTargets: text(get(row, 'classTargets')),
        });
        break;
      }
      case 'target': {
        const value = num(row, r, 'target', true);
        if (!labelZh) {
          err(
            'scheme.value-missing',
            cellOf(r, 'labelZh'),
            `目标行 ${code} 未写单位名称（“${head('labelZh')}”列）`,
            `Target row ${code} names no unit (column "${head('labelZh')}")`,
            code,
          );
          break;
        }
        mark(`target:${code}:${labelZh}`, r);
        if (value !== null) targetRows.push({ code, unit: labelZh, value, row: r });
        break;
      }
      case 'flag': {
        const which = FLAG_WORDS.get(squash(code));
        if (!which) {
          err(
            'scheme.flag-code',
            cellOf(r, 'code'),
            `标记“${code}”无效，应为 一票优先、黄牌警告（重点管理）或 末位`,
            `Flag "${code}" is invalid; use top (一票优先), bottom (黄牌警告, 重点管理) or last (末位)`,
          );
          break;
        }
        mark(`flag:${which}`, r);
        if (flagRows.some((f) => f.which === which)) {
          err(
            'scheme.flag-duplicate',
            cellOf(r, 'code'),
            `标记 ${code} 重复`,
            `Flag ${code} appears twice`,
          );
          break;
        }
        const q = get(row, 'quota');
        if (which === 'last') {
          const yn = typeof q === 'number' ? undefined : YES_WORDS.get(squash(text(q)));
          if (yn !== undefined || isBlankCell(q ?? null)) {
            flagRows.push({ which, n: yn !== 'no', row: r });
            break;
          }
          const n = num(row, r, 'quota', true);
          if (n !== null) flagRows.push({ which, n: n > 0, row: r });
          break;
        }
        const n = num(row, r, 'quota', true);
        if (n !== null) flagRows.push({ which, n, row: r });
        break;
      }
      case 'bonus':
      case 'deduction':
        mark(`rule:${code}`, r);
        rules.push({ rule: { code, kind, labelZh, labelEn }, row: r, inputs: [] });
        break;
      case 'input': {
        mark(`input:${code}`, r);
        const modeText = text(get(row, 'mode'));
        const mode =
          modeText === MODE_TEXT.points || modeText === 'points'
            ? 'points'
            : modeText === MODE_TEXT.count || modeText === 'count' || modeText === ''
              ? 'count'
              : null;
        if (!mode) {
          err(
            'scheme.input-mode',
            cellOf(r, 'mode'),
            `${code} 的计分方式“${modeText}”无效，应为 次数 或 分值`,
            `${code}: mode "${modeText}" must be count (次数) or points (分值)`,
            code,
          );
          break;
        }
        const owner = text(get(row, 'owner'));
        const pointsEach = num(row, r, 'points', mode === 'count');
        const minEach = num(row, r, 'minEach', false);
        const maxEach = num(row, r, 'maxEach', false);
        const subsetOf = text(get(row, 'subsetOf'));
        const aliases = splitList(text(get(row, 'aliases')));
        const input: AdjustmentInput = {
          code,
          labelZh,
          labelEn,
          mode,
          ...(pointsEach !== null && mode === 'count' ? { pointsEach } : {}),
          ...(minEach !== null ? { minEach } : {}),
          ...(maxEach !== null ? { maxEach } : {}),
          ...(subsetOf ? { subsetOf } : {}),
          ...(aliases.length > 0 ? { aliases } : {}),
        };
        inputs.push({ input, owner, row: r });
        break;
      }
    }
  }

  /** An item row's scoring rule (without its per-class targets); undefined = none, null = reported. */
  function readRule(
    row: readonly CellValue[],
    r: number,
    code: string,
  ): ItemRule | undefined | null {
    const modeText = text(get(row, 'mode'));
    const kind = modeText === '' ? undefined : ruleKindOf(modeText);
    if (modeText !== '' && !kind) {
      err(
        'scheme.rule-kind',
        cellOf(r, 'mode'),
        `指标 ${code} 的计分方式“${modeText}”无效，应为 录入、达标扣分、按比例 或 按次扣分`,
        `Item ${code}: scoring "${modeText}" is invalid; use entered, target, proportion or cases (录入/达标扣分/按比例/按次扣分)`,
        code,
      );
      return null;
    }
    if (kind === undefined || kind === 'entered') {
      const stray = (['direction', 'target', 'classTargets', 'perPoint'] as const).find(
        (f) => !isBlankCell(get(row, f) ?? null),
      );
      if (stray) {
        err(
          'scheme.rule-field',
          cellOf(r, stray),
          `指标 ${code} 是直接录入的，“${head(stray)}”只用于 达标扣分、按比例 或 按次扣分`,
          `Item ${code} is entered: "${SCHEME_HEADERS_EN[stray]}" (${head(stray)}) is only for target, proportion or cases items`,
          code,
        );
        return null;
      }
      return kind === undefined ? undefined : { kind: 'entered' };
    }
    if (kind === 'cases') {
      const each = num(row, r, 'perPoint', true);
      return each === null ? null : { kind: 'cases', each };
    }
    const dirText = text(get(row, 'direction'));
    const dir = direction(dirText);
    if (!dir) {
      err(
        'scheme.rule-direction',
        cellOf(r, 'direction'),
        `指标 ${code} 的方向“${dirText}”无效，应为 >= 或 <=`,
        `Item ${code}: direction "${dirText}" must be >= or <=`,
        code,
      );
      return null;
    }
    const unitText = text(get(row, 'unit'));
    if (unitText !== '' && unitText !== '%' && unitText !== '‰') {
      err(
        'scheme.rule-unit',
        cellOf(r, 'unit'),
        `指标 ${code} 的计量单位“${unitText}”无效，应为 % 或 ‰`,
        `Item ${code}: unit "${unitText}" must be % or ‰`,
        code,
      );
      return null;
    }
    const unit: { unit?: '%' | '‰' } =
      unitText === '%' || unitText === '‰' ? { unit: unitText } : {};
    const target: TargetSpec = { value: num(row, r, 'target', false) };
    if (kind === 'proportion') return { kind, direction: dir, target, ...unit };
    const perPoint = num(row, r, 'perPoint', true);
    return perPoint === null ? null : { kind, direction: dir, target, perPoint, ...unit };
  }

  // Kinds: their classes, then their lines (line rows name their kind in 所属).
  const kindByCode = new Map<string, (typeof kindRows)[number]>();
  for (const k of kindRows) if (!kindByCode.has(k.kind.code)) kindByCode.set(k.kind.code, k);
  const classesOf = new Map<string, ClassDef[]>();
  for (const c of classRows) {
    if (!kindByCode.has(c.owner)) {
      err(
        'scheme.class-kind',
        cellOf(c.row, 'owner'),
        c.owner
          ? `类别 ${String(c.def.code)} 所属的单位类型“${c.owner}”不存在`
          : `类别 ${String(c.def.code)} 未写所属的单位类型（单位类型行的代码）`,
        c.owner
          ? `Class ${String(c.def.code)}: unit kind "${c.owner}" does not exist`
          : `Class ${String(c.def.code)} names no unit kind (the code of a 单位类型 row)`,
      );
      continue;
    }
    const list = classesOf.get(c.owner) ?? [];
    list.push(c.def);
    classesOf.set(c.owner, list);
  }
  const declared = kindRows.length > 0;
  const linesOfKind = new Map<string, string[]>();
  const badLineKind = new Set<string>();
  for (const l of lines) {
    if (!declared) {
      if (l.owner || l.weight !== null)
        err(
          'scheme.line-kind',
          cellOf(l.row, l.owner ? 'owner' : 'weight'),
          `考核线 ${l.code} 写了${l.owner ? `所属“${l.owner}”` : '权重'}，但方案没有单位类型行`,
          `Line ${l.code} has ${l.owner ? `a kind "${l.owner}"` : 'a weight'}, but the scheme has no unit kind rows (单位类型)`,
          l.code,
        );
      continue;
    }
    if (!kindByCode.has(l.owner)) {
      badLineKind.add(l.code);
      err(
        'scheme.line-kind',
        cellOf(l.row, 'owner'),
        l.owner
          ? `考核线 ${l.code} 所属的单位类型“${l.owner}”不存在`
          : `考核线 ${l.code} 未写所属的单位类型`,
        l.owner
          ? `Line ${l.code}: unit kind "${l.owner}" does not exist`
          : `Line ${l.code} names no unit kind`,
        l.code,
      );
      continue;
    }
    const list = linesOfKind.get(l.owner) ?? [];
    list.push(l.code);
    linesOfKind.set(l.owner, list);
  }
  const kinds: UnitKind[] = [];
  for (const k of kindRows) {
    const kLines = linesOfKind.get(k.kind.code) ?? [];
    const given = lines.filter((l) => kLines.includes(l.code) && l.weight !== null);
    let weights: Record<string, number> | undefined;
    if (k.weighted === true || given.length > 0) {
      if (k.weighted === false) {
        err(
          'scheme.weight-unexpected',
          cellOf(k.row, 'mode'),
          `单位类型 ${k.kind.code} 按求和合计，但考核线 ${given.map((l) => l.code).join('、')} 写了权重`,
          `Unit kind ${k.kind.code} sums its lines, but line ${given.map((l) => l.code).join(', ')} has a weight`,
          k.kind.code,
        );
      } else {
        weights = {};
        for (const l of given) weights[l.code] = l.weight as number;
        // Weights written as per cent (60 and 40) are read as 0.6 and 0.4.
        const sum = Object.values(weights).reduce((s, v) => s + v, 0);
        if (Math.abs(sum - 100) < 1e-6)
          for (const c of Object.keys(weights)) weights[c] = (weights[c] as number) / 100;
      }
    }
    const classes = classesOf.get(k.kind.code);
    const total =
      weights || k.cap !== null
        ? { ...(weights ? { weights } : {}), ...(k.cap !== null ? { bonusCap: k.cap } : {}) }
        : undefined;
    kinds.push({
      ...k.kind,
      lines: kLines,
      ...(total ? { total } : {}),
      ...(classes ? { classes } : {}),
    });
  }

  // Assemble the tree: items under their parent, top-level items under their line.
  const byCode = new Map<string, MutableItem>();
  for (const it of items) {
    if (byCode.has(it.code)) {
      err(
        'scheme.code-duplicate',
        cellOf(it.row, 'code'),
        `代码 ${it.code} 重复`,
        `Code ${it.code} is used more than once`,
        it.code,
      );
      continue;
    }
    byCode.set(it.code, it);
  }
  // A parent chain that comes back to where it started never reaches a line: report every item of the loop.
  const inLoop = new Set<string>();
  for (const start of byCode.values()) {
    const path: MutableItem[] = [];
    let at: MutableItem | undefined = start;
    while (at && !path.includes(at) && !inLoop.has(at.code)) {
      path.push(at);
      at = at.parent === null ? undefined : byCode.get(at.parent);
    }
    if (!at || inLoop.has(at.code)) continue;
    const loop = path.slice(path.indexOf(at));
    const chain = [...loop.map((i) => i.code), at.code].join(' → ');
    const cells = loop.map((i) => cellOf(i.row, 'parent')).join('、');
    for (const it of loop) {
      inLoop.add(it.code);
      err(
        'scheme.parent-loop',
        cellOf(it.row, 'parent'),
        `指标 ${it.code} 的上级形成循环：${chain}（${cells}），这些指标到不了任何考核线`,
        `Item ${it.code}: its parents go round in a loop, ${chain} (${cells.replace(/、/g, ', ')}), so these items reach no line`,
        it.code,
      );
    }
  }
  const lineCodes = new Set(lines.map((l) => l.code));
  const topLevel = new Map<string, MutableItem[]>();
  for (const it of byCode.values()) {
    if (inLoop.has(it.code)) continue;
    if (!lineCodes.has(it.line)) {
      err(
        'scheme.item-line',
        cellOf(it.row, 'owner'),
        `指标 ${it.code} 所属线“${it.line}”不存在`,
        `Item ${it.code}: line "${it.line}" does not exist`,
        it.code,
      );
      continue;
    }
    if (it.parent === null) {
      const list = topLevel.get(it.line) ?? [];
      list.push(it);
      topLevel.set(it.line, list);
      continue;
    }
    const parent = byCode.get(it.parent);
    if (!parent && badCodes.has(it.parent)) continue;
    if (!parent) {
      err(
        'scheme.item-parent',
        cellOf(it.row, 'parent'),
        `指标 ${it.code} 的上级 ${it.parent} 不存在`,
        `Item ${it.code}: parent ${it.parent} does not exist`,
        it.code,
      );
    } else if (parent.line !== it.line) {
      err(
        'scheme.item-parent',
        cellOf(it.row, 'owner'),
        `指标 ${it.code} 与上级 ${it.parent} 不在同一条线`,
        `Item ${it.code} is not on the same line as its parent ${it.parent}`,
        it.code,
      );
    } else if (!inLoop.has(parent.code)) {
      parent.children.push(it);
    }
  }

  // Per-class values name a class of the item's kind (by code, label or alias).
  const shape: Scheme = {
    id,
    nameZh,
    nameEn,
    ...(declared ? { kinds } : {}),
    lines: lines.map((l) => ({
      code: l.code,
      labelZh: l.labelZh,
      labelEn: l.labelEn,
      points: l.points,
      items: [],
    })),
    vetoes: [],
    adjustments: [],
  };
  const allKinds = schemeKinds(shape);
  const kindOfLine = (line: string) => allKinds.find((k) => k.lines.includes(line));
  const unitKind = allKinds.find((k) => k.role === 'unit');
  const classMap = (
    t: string,
    kind: UnitKind | undefined,
    r: number,
    f: SchemeField,
    allowNull: boolean,
    code: string,
  ): Record<string, number | null> | null => {
    const out: Record<string, number | null> = {};
    let ok = true;
    for (const part of splitList(t)) {
      const m = /^(.+?)\s*[:：]\s*(.+)$/.exec(part);
      const bad = (zh: string, en: string) => {
        ok = false;
        err(
          'scheme.class-value',
          cellOf(r, f),
          `${code} 的“${head(f)}”：${zh}`,
          `${code}, "${SCHEME_HEADERS_EN[f]}" (${head(f)}): ${en}`,
          code,
        );
      };
      if (!m) {
        bad(
          `“${part}”应写成 类别:分值，如 一类:10、农场:不考核`,
          `"${part}" must be class:value, e.g. 一类:10、农场:不考核`,
        );
        continue;
      }
      const [, who, what] = m as unknown as [string, string, string];
      const cls = kind ? classOf(kind, who) : undefined;
      if (cls === undefined) {
        const known = (kind?.classes ?? []).map((c) => c.labelZh).join('、');
        bad(
          `没有类别“${who}”${known ? `（有：${known}）` : ''}`,
          `there is no class "${who}"${known ? ` (classes: ${known})` : ''}`,
        );
        continue;
      }
      const key = classKey(cls);
      if (key in out) {
        bad(`类别“${who}”写了两次`, `class "${who}" is given twice`);
        continue;
      }
      if (NOT_ASSESSED_WORDS.has(squash(what))) {
        if (allowNull) out[key] = null;
        else bad(`类别“${who}”的值“${what}”应为数字`, `class "${who}": "${what}" must be a number`);
        continue;
      }
      try {
        const n = parseScore(what);
        if (n === null) throw new Error('blank');
        out[key] = n;
      } catch {
        bad(
          `类别“${who}”的值“${what}”不是数字${allowNull ? '（不考核写“不考核”）' : ''}`,
          `class "${who}": "${what}" is not a number${allowNull ? ' (write 不考核 / not assessed)' : ''}`,
        );
      }
    }
    return ok ? out : null;
  };
  const nonEmpty = <T extends object>(o: T | null): T | undefined =>
    o && Object.keys(o).length > 0 ? o : undefined;
  for (const it of byCode.values()) {
    const kind = kindOfLine(it.line);
    if (it.classPoints) {
      const m = classMap(it.classPoints, kind, it.row, 'classPoints', true, it.code);
      if (!m) badCodes.add(it.code);
      (it as { resolvedPoints?: Record<string, number | null> }).resolvedPoints = nonEmpty(m);
    }
    if (it.classTargets) {
      if (!it.rule || (it.rule.kind !== 'target' && it.rule.kind !== 'proportion')) {
        err(
          'scheme.rule-field',
          cellOf(it.row, 'classTargets'),
          `指标 ${it.code} 不是 达标扣分 或 按比例，不能有分类目标`,
          `Item ${it.code} is neither target nor proportion: it cannot have targets by class`,
          it.code,
        );
        continue;
      }
      const m = nonEmpty(
        classMap(it.classTargets, kind, it.row, 'classTargets', false, it.code) as Record<
          string,
          number
        > | null,
      );
      if (m) it.rule = { ...it.rule, target: { ...it.rule.target, byClass: m } };
    }
  }
  const vetoByCode = new Map<string, VetoRule>();
  const schemeVetoes: VetoRule[] = vetoes.map(({ veto, row, classTargets }) => {
    let v = veto;
    if (classTargets) {
      const m = nonEmpty(
        classMap(classTargets, unitKind, row, 'classTargets', false, veto.code) as Record<
          string,
          number
        > | null,
      );
      if (m) v = { ...v, targetsByClass: m };
    }
    return v;
  });
  // Per-unit targets (目标 rows) go to their veto or computed item.
  const unitTargets = new Map<string, Record<string, number>>();
  for (const t of targetRows) {
    const item = byCode.get(t.code);
    const isVeto = schemeVetoes.some((v) => v.code === t.code);
    if (!isVeto && !item) {
      err(
        'scheme.target-unknown',
        cellOf(t.row, 'code'),
        `目标行的代码 ${t.code} 不是否决项或指标`,
        `Target row: ${t.code} is neither a veto nor an item`,
        t.code,
      );
      continue;
    }
    if (
      !isVeto &&
      item &&
      (!item.rule || (item.rule.kind !== 'target' && item.rule.kind !== 'proportion'))
    ) {
      err(
        'scheme.target-unknown',
        cellOf(t.row, 'code'),
        `指标 ${t.code} 不是 达标扣分 或 按比例，没有目标`,
        `Item ${t.code} is neither target nor proportion: it has no target`,
        t.code,
      );
      continue;
    }
    const m = unitTargets.get(t.code) ?? {};
    if (t.unit in m) {
      err(
        'scheme.target-duplicate',
        cellOf(t.row, 'labelZh'),
        `${t.code} 对 ${t.unit} 的目标写了两次`,
        `${t.code}: the target for ${t.unit} is given twice`,
        t.code,
      );
      continue;
    }
    m[t.unit] = t.value;
    unitTargets.set(t.code, m);
  }
  for (let i = 0; i < schemeVetoes.length; i++) {
    const v = schemeVetoes[i] as VetoRule;
    const byUnit = unitTargets.get(v.code);
    if (byUnit) schemeVetoes[i] = { ...v, targetsByUnit: byUnit };
    vetoByCode.set(v.code, schemeVetoes[i] as VetoRule);
  }
  for (const it of byCode.values()) {
    const byUnit = unitTargets.get(it.code);
    if (
      byUnit &&
      it.rule &&
      (it.rule.kind === 'target' || it.rule.kind === 'proportion') &&
      !vetoByCode.has(it.code)
    )
      it.rule = { ...it.rule, target: { ...it.rule.target, byUnit } };
  }

  const freeze = (it: MutableItem): SchemeItem => {
    const points = (it as { resolvedPoints?: Record<string, number | null> }).resolvedPoints;
    return {
      code: it.code,
      labelZh: it.labelZh,
      labelEn: it.labelEn,
      points: it.points,
      ...(it.children.length > 0 ? { children: it.children.map(freeze) } : {}),
      ...(points ? { classPoints: points } : {}),
      ...(it.rule ? { rule: it.rule } : {}),
      ...(it.allowNegative !== undefined ? { allowNegative: it.allowNegative } : {}),
      ...(it.extra !== undefined ? { extra: it.extra } : {}),
      ...(it.aliases.length > 0 ? { aliases: it.aliases } : {}),
    };
  };
  const schemeLines: SchemeLine[] = lines.map((l) => ({
    code: l.code,
    labelZh: l.labelZh,
    labelEn: l.labelEn,
    points: l.points,
    items: (topLevel.get(l.code) ?? []).map(freeze),
  }));
  const adjustments: AdjustmentRule[] = [];
  const ruleByCode = new Map(rules.map((r) => [r.rule.code, r]));
  for (const { input, owner, row } of inputs) {
    const rule = ruleByCode.get(owner);
    if (!rule)
      err(
        'scheme.input-rule',
        cellOf(row, 'owner'),
        `${input.code} 所属的加分/扣分项“${owner}”不存在`,
        `${input.code}: bonus/deduction rule "${owner}" does not exist`,
        input.code,
      );
    else rule.inputs.push(input);
  }
  for (const r of rules) adjustments.push({ ...r.rule, inputs: r.inputs });
  let flags: FlagRules | undefined;
  if (flagRows.length > 0) {
    const n = (w: 'top' | 'bottom') => flagRows.find((f) => f.which === w)?.n as number | undefined;
    const last = flagRows.find((f) => f.which === 'last')?.n as boolean | undefined;
    flags = {
      topN: n('top') ?? DEFAULT_FLAGS.topN,
      bottomN: n('bottom') ?? DEFAULT_FLAGS.bottomN,
      last: last ?? DEFAULT_FLAGS.last,
    };
  }

  const scheme: Scheme = {
    id,
    nameZh,
    nameEn,
    ...(declared ? { kinds } : {}),
    lines: schemeLines,
    vetoes: schemeVetoes,
    adjustments,
    ...(flags ? { flags } : {}),
  };
  // A duplicate is reported once per repeat: the first report names the second row, and so on.
  const repeats = new Map<string, number>();
  for (const p of schemeProblems(scheme)) {
    // Already said when the line's 所属 was read.
    if (p.code === 'scheme.line-no-kind' && p.at && badLineKind.has(p.at.code)) continue;
    const key = keyOf(p);
    const rows = key === undefined ? undefined : rowOf.get(key);
    let row = rows?.[0];
    if (rows && key !== undefined && /duplicate/.test(p.code)) {
      const n = (repeats.get(key) ?? 0) + 1;
      repeats.set(key, n);
      row = rows[Math.min(n, rows.length - 1)];
    }
    findings.push(problemFinding(p, name, row, col));
  }
  return { scheme: findings.some((f) => f.severity === 'error') ? null : scheme, year, findings };
}

/** The `rowOf` key of the part a problem is about. */
function keyOf(p: LocatedProblem): string | undefined {
  const at = p.at;
  if (!at) return undefined;
  if (at.part === 'class') return `class:${at.owner ?? ''}:${at.code}`;
  if (at.part === 'target') return `target:${at.code}:${at.owner ?? ''}`;
  return `${at.part}:${at.code}`;
}

function problemFinding(
  p: LocatedProblem,
  sheet: string,
  row: number | undefined,
  col: ReadonlyMap<SchemeField, number>,
): Finding {
  const field: SchemeField = p.at ? ASPECT_FIELD[p.at.aspect] : 'code';
  const cell = row === undefined ? null : cellAddress(row, col.get(field) ?? col.get('code') ?? 0);
  return {
    severity: p.severity,
    rule: p.code,
    sheet,
    cell,
    zh: p.zh,
    en: p.en,
    ...(p.field ? { code: p.field } : {}),
  };
}
