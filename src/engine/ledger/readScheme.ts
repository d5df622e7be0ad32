/**
 * Reads a 方案 sheet back into a Scheme and validates it. Every problem becomes a Finding on the
 * cell that causes it, so a person editing the scheme can find and fix it.
 */
import type {
  AdjustmentInput,
  AdjustmentRule,
  LineCode,
  Problem,
  Scheme,
  SchemeItem,
  SchemeLine,
  VetoRule,
} from '../types';
import { validateScheme } from '../scheme/validateScheme';
import { parseScore } from '../score/parseNumber';
import { isKaoheError } from '../errors';
import { cellAddress, isBlankCell, showValue } from './cells';
import { isHeader } from './columns';
import {
  MODE_TEXT,
  SCHEME_FIELDS,
  SCHEME_HEADERS,
  SCHEME_HEADERS_EN,
  SCHEME_KINDS,
  type SchemeField,
} from './schemeSheet';
import type { CellValue, Finding, SheetGrid } from './types';

export interface SchemeReadResult {
  /** The scheme, or null when the sheet has errors (then `findings` says why). */
  readonly scheme: Scheme | null;
  readonly year: number | null;
  readonly findings: Finding[];
}

const KIND_ALIASES: Record<string, keyof typeof SCHEME_KINDS> = {
  [SCHEME_KINDS.meta]: 'meta',
  meta: 'meta',
  scheme: 'meta',
  [SCHEME_KINDS.year]: 'year',
  year: 'year',
  [SCHEME_KINDS.line]: 'line',
  line: 'line',
  [SCHEME_KINDS.item]: 'item',
  item: 'item',
  [SCHEME_KINDS.veto]: 'veto',
  veto: 'veto',
  [SCHEME_KINDS.bonus]: 'bonus',
  bonus: 'bonus',
  [SCHEME_KINDS.deduction]: 'deduction',
  deduction: 'deduction',
  [SCHEME_KINDS.input]: 'input',
  input: 'input',
};

interface MutableItem {
  code: string;
  labelZh: string;
  labelEn: string;
  points: number;
  parent: string | null;
  line: string;
  row: number;
  children: MutableItem[];
}

const text = (v: CellValue | undefined): string =>
  v === null || v === undefined ? '' : String(v).trim();

/**
 * Parses a 方案 sheet (as written by `buildTemplateSheets`; columns found by header name, order
 * free) into a Scheme and runs `validateScheme` on it.
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

  const cellOf = (row: number, f: SchemeField) => cellAddress(row, col.get(f) ?? 0);
  const get = (row: readonly CellValue[], f: SchemeField): CellValue | undefined => {
    const i = col.get(f);
    return i === undefined ? undefined : row[i];
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
        err(
          'scheme.value-missing',
          cellOf(r, f),
          `“${SCHEME_HEADERS[f]}”为空`,
          `"${SCHEME_HEADERS[f]}" is blank`,
        );
      return null;
    }
    try {
      return parseScore(v);
    } catch (e) {
      if (!isKaoheError(e)) throw e;
      err(
        'scheme.value-not-number',
        cellOf(r, f),
        `“${SCHEME_HEADERS[f]}”的值“${showValue(v ?? null)}”不是数字`,
        `"${SCHEME_HEADERS[f]}": "${showValue(v ?? null)}" is not a number`,
      );
      return null;
    }
  };

  let id = 'custom';
  let nameZh = '自定义方案';
  let nameEn = 'Custom scheme';
  let year: number | null = null;
  const lines: { code: string; labelZh: string; labelEn: string; points: number; row: number }[] =
    [];
  const items: MutableItem[] = [];
  const vetoes: (VetoRule & { row: number })[] = [];
  const rules: {
    rule: { code: string; kind: 'bonus' | 'deduction'; labelZh: string; labelEn: string };
    row: number;
    inputs: AdjustmentInput[];
  }[] = [];
  const inputs: { input: AdjustmentInput; owner: string; row: number }[] = [];
  const rowOfCode = new Map<string, number>();
  // Codes of rows already reported as broken: their children are not reported again.
  const badCodes = new Set<string>();

  for (let r = 1; r < sheet.values.length; r++) {
    const row = sheet.values[r] ?? [];
    if (row.every((v) => isBlankCell(v))) continue;
    const kindText = text(get(row, 'kind')).toLowerCase();
    const kind = KIND_ALIASES[kindText];
    const code = text(get(row, 'code'));
    const labelZh = text(get(row, 'labelZh'));
    const labelEn = text(get(row, 'labelEn')) || labelZh;
    if (!kind) {
      if (code) badCodes.add(code);
      err(
        'scheme.kind-invalid',
        cellOf(r, 'kind'),
        `类型“${kindText}”无效，应为 线/指标/否决/加分/扣分/输入`,
        `Kind "${kindText}" is invalid; use line/item/veto/bonus/deduction/input (线/指标/否决/加分/扣分/输入)`,
      );
      continue;
    }
    if (!code) {
      err('scheme.code-missing', cellOf(r, 'code'), '代码为空', 'Code is blank');
      continue;
    }
    if (kind !== 'meta' && kind !== 'year' && !rowOfCode.has(code)) rowOfCode.set(code, r);
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
      case 'line': {
        const points = num(row, r, 'points', true);
        if (points !== null) lines.push({ code, labelZh, labelEn, points, row: r });
        break;
      }
      case 'item': {
        const points = num(row, r, 'points', true);
        if (points === null) badCodes.add(code);
        const line = text(get(row, 'owner'));
        if (!line)
          err(
            'scheme.item-line',
            cellOf(r, 'owner'),
            `指标 ${code} 未写所属线（P/F/D）`,
            `Item ${code} has no line (P/F/D)`,
            code,
          );
        if (points !== null && line)
          items.push({
            code,
            labelZh,
            labelEn,
            points,
            parent: text(get(row, 'parent')) || null,
            line,
            row: r,
            children: [],
          });
        break;
      }
      case 'veto': {
        const dir = text(get(row, 'direction')).replace('≥', '>=').replace('≤', '<=');
        if (dir !== '>=' && dir !== '<=') {
          err(
            'scheme.veto-direction',
            cellOf(r, 'direction'),
            `否决项 ${code} 的方向“${dir}”无效，应为 >= 或 <=`,
            `Veto ${code}: direction "${dir}" must be >= or <=`,
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
        const indicators = text(get(row, 'indicators'))
          .split(/[,，、;；\s]+/)
          .filter((s) => s.length > 0);
        vetoes.push({
          code,
          labelZh,
          labelEn,
          indicators,
          direction: dir,
          defaultTarget: num(row, r, 'target', false),
          unit: unitText,
          row: r,
        });
        break;
      }
      case 'bonus':
      case 'deduction':
        rules.push({ rule: { code, kind, labelZh, labelEn }, row: r, inputs: [] });
        break;
      case 'input': {
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
        const aliases = text(get(row, 'aliases'))
          .split(/[、,，;；]/)
          .map((a) => a.trim())
          .filter((a) => a.length > 0);
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
  const lineCodes = new Set(lines.map((l) => l.code));
  const topLevel = new Map<string, MutableItem[]>();
  for (const it of byCode.values()) {
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
    } else {
      parent.children.push(it);
    }
  }
  // A parent chain that loops never reaches a line: report it instead of recursing forever.
  const freeze = (it: MutableItem, depth: number): SchemeItem => {
    if (depth > 20)
      return { code: it.code, labelZh: it.labelZh, labelEn: it.labelEn, points: it.points };
    return it.children.length > 0
      ? {
          code: it.code,
          labelZh: it.labelZh,
          labelEn: it.labelEn,
          points: it.points,
          children: it.children.map((c) => freeze(c, depth + 1)),
        }
      : { code: it.code, labelZh: it.labelZh, labelEn: it.labelEn, points: it.points };
  };
  const knownLines = new Set<string>(['P', 'F', 'D']);
  const schemeLines: SchemeLine[] = [];
  for (const l of lines) {
    if (!knownLines.has(l.code)) {
      err(
        'scheme.line-code',
        cellOf(l.row, 'code'),
        `考核线代码“${l.code}”无效，应为 P（党政线）、F（人口计生线）或 D（部门）`,
        `Line code "${l.code}" must be P, F or D`,
        l.code,
      );
      continue;
    }
    schemeLines.push({
      code: l.code as LineCode,
      labelZh: l.labelZh,
      labelEn: l.labelEn,
      points: l.points,
      items: (topLevel.get(l.code) ?? []).map((it) => freeze(it, 0)),
    });
  }
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

  const scheme: Scheme = {
    id,
    nameZh,
    nameEn,
    lines: schemeLines,
    vetoes: vetoes.map(({ row: _row, ...v }) => v),
    adjustments,
  };
  for (const p of validateScheme(scheme))
    findings.push(
      problemFinding(p, name, p.field !== undefined ? rowOfCode.get(p.field) : undefined, col),
    );
  return { scheme: findings.some((f) => f.severity === 'error') ? null : scheme, year, findings };
}

function problemFinding(
  p: Problem,
  sheet: string,
  row: number | undefined,
  col: ReadonlyMap<SchemeField, number>,
): Finding {
  const field: SchemeField = /points|sum|total/.test(p.code)
    ? 'points'
    : /direction/.test(p.code)
      ? 'direction'
      : /indicator/.test(p.code)
        ? 'indicators'
        : 'code';
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
