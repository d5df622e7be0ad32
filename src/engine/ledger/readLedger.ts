/**
 * Reads a ledger workbook (as plain grids) into engine inputs, with every problem found on the
 * way as a Finding on its cell. Columns are found by the code their header starts with, so a
 * person may reorder them or add columns of their own.
 */
import type {
  DepartmentInput,
  MarkedVeto,
  Problem,
  Scheme,
  SchemeItem,
  SchemeLine,
  UnitClass,
  UnitInput,
  VetoInput,
} from '../types';
import { DEFAULT_SCHEME } from '../scheme/defaultScheme';
import { indexScheme } from '../scheme/schemeIndex';
import { classOf, departmentKind, schemeKinds, unitKind } from '../scheme/kinds';
import type { SchemeIndex } from '../scheme/schemeIndex';
import { parseRate, parseScore, readMark } from '../score/parseNumber';
import { scoreDepartment, scoreUnit, vetoTargets } from '../score/scoreUnit';
import { targetFor } from '../score/rules';
import { itemPoints } from '../score/scoreLine';
import { isKaoheError } from '../errors';
import {
  cellAddress,
  columnLetter,
  figureValue,
  isBlankCell,
  isDateMarker,
  isExcelError,
  showValue,
} from './cells';
import { CLASS_HEADER, TARGET_SUFFIX, UNIT_HEADER, columnCode } from './columns';
import { findUnitHeaderRow } from './header';
import { readScheme } from './readScheme';
import {
  OUTPUT_SHEETS,
  SHEETS,
  type CellValue,
  type Finding,
  type Ledger,
  type LedgerDepartment,
  type LedgerUnit,
  type SheetGrid,
  type WorkbookGrid,
} from './types';

export interface ReadLedgerOptions {
  /** Called every few hundred rows with rows done and rows in total (progress for big workbooks). */
  readonly onProgress?: (done: number, total: number) => void;
}

type Push = (f: Omit<Finding, 'sheet'>) => void;

interface SheetLayout {
  readonly headerRow: number;
  /** code -> column index (单位/类别 included under their names). */
  readonly cols: Map<string, number>;
  readonly width: number;
  /** 备注, 总分 and 总得分 columns: where a clerk may mark a veto (一票否决) by its text. */
  readonly markCols: readonly number[];
}

/** Headers (NFKC, spaces removed) of the columns where a clerk may write 一票否决 for a unit. */
const MARK_HEADER = /^(备注|总分|总得分|remarks?|notes?|total(score)?)(\(.*\))?$/i;

function findLayout(sheet: SheetGrid, known: ReadonlySet<string>, push: Push): SheetLayout | null {
  const headerRow = findUnitHeaderRow(sheet);
  if (headerRow < 0) {
    push({
      severity: 'error',
      rule: 'ledger.unit-column-missing',
      cell: 'A1',
      zh: `找不到“${UNIT_HEADER}”列：表头行应有一个内容为“${UNIT_HEADER}”的单元格`,
      en: `No "${UNIT_HEADER}" (unit) column: the header row needs a cell reading "${UNIT_HEADER}"`,
    });
    return null;
  }
  const header = sheet.values[headerRow] ?? [];
  const cols = new Map<string, number>();
  const markCols: number[] = [];
  header.forEach((h, i) => {
    if (typeof h === 'string' && MARK_HEADER.test(h.normalize('NFKC').replace(/\s/g, ''))) markCols.push(i);
    const code = columnCode(h);
    if (code === null || !known.has(code)) return; // a column of the user's own: ignored
    const first = cols.get(code);
    if (first !== undefined) {
      push({
        severity: 'error',
        rule: 'ledger.column-duplicate',
        cell: cellAddress(headerRow, i),
        code,
        zh: `${code} 列出现两次（另见 ${cellAddress(headerRow, first)}），无法确定用哪一列`,
        en: `Column ${code} appears twice (also ${cellAddress(headerRow, first)}); cannot tell which to use`,
      });
      return;
    }
    cols.set(code, i);
  });
  return { headerRow, cols, width: header.length, markCols };
}

/** Codes of the leaves not covered by a column of their own or of an ancestor. */
function missingItemCodes(
  items: readonly SchemeItem[],
  cols: ReadonlyMap<string, number>,
): string[] {
  const out: string[] = [];
  const covered = (it: SchemeItem): boolean =>
    cols.has(it.code) || (!!it.children && it.children.length > 0 && it.children.every(covered));
  const collect = (it: SchemeItem) => {
    if (covered(it)) return;
    if (it.children && it.children.length > 0) it.children.forEach(collect);
    else out.push(it.code);
  };
  items.forEach(collect);
  return out;
}

function missingColumn(
  push: Push,
  layout: SheetLayout,
  code: string,
  labelZh: string,
  labelEn: string,
  severity: 'error' | 'warning' = 'error',
  noteZh = '',
  noteEn = '',
) {
  push({
    severity,
    rule: 'ledger.column-missing',
    cell: cellAddress(layout.headerRow, layout.width),
    code,
    zh: `缺少 ${code} ${labelZh} 列（表头应以“${code}”开头）${noteZh}`,
    en: `Column ${code} (${labelEn}) is missing (its header must start with "${code}")${noteEn}`,
  });
}

/** A number from a cell, or null for a blank; reports text, dates, booleans and Excel errors. */
function readNumber(
  value: CellValue | undefined,
  cell: string,
  code: string,
  label: string,
  unit: string,
  push: Push,
  rate: boolean,
): number | null | undefined {
  if (isBlankCell(value ?? null)) return null;
  const bad = (rule: string, zh: string, en: string) => {
    push({ severity: 'error', rule, cell, code, unit, zh, en });
    return undefined;
  };
  if (typeof value === 'boolean')
    return bad(
      'value.boolean',
      `${code} ${label}：逻辑值 ${showValue(value)} 不是数字`,
      `${code}: the logical value ${showValue(value)} is not a number`,
    );
  if (isDateMarker(value ?? null))
    return bad(
      'value.date',
      `${code} ${label}：日期 ${showValue(value ?? null)} 不是分数（单元格是否被设成了日期格式？）`,
      `${code}: the date ${showValue(value ?? null)} is not a score (is the cell formatted as a date?)`,
    );
  if (isExcelError(value ?? null))
    return bad(
      'value.formula-error',
      `${code} ${label}：公式结果是错误值 ${showValue(value ?? null)}`,
      `${code}: the formula's result is the error ${showValue(value ?? null)}`,
    );
  try {
    return rate ? parseRate(value) : parseScore(value);
  } catch (e) {
    if (!isKaoheError(e)) throw e;
    // The one number reader's own words: "“abc”不是数字", or that `18,5` is an ambiguous comma.
    return bad(e.code, `${code} ${label}：${e.zh}`, `${code}: ${e.en}`);
  }
}

function readUnitName(value: CellValue | undefined): string | null {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value !== 'string' || isDateMarker(value) || isExcelError(value)) return null;
  const t = value.replace(/[\u3000\u00a0\s]+/g, ' ').trim();
  return t.length > 0 ? t : null;
}

function isEmptyRow(row: readonly CellValue[] | undefined): boolean {
  return !row || row.every((v) => isBlankCell(v));
}

/** Where an engine problem about `field` shows: its column on this row, else the unit's cell. */
function problemFinding(
  p: Problem,
  sheet: string,
  unit: string,
  cells: Readonly<Record<string, string>>,
  fallback: string,
): Finding {
  const field = p.field ?? '';
  const cell =
    cells[field] ??
    (p.code === 'veto.blank' ? cells[field + TARGET_SUFFIX] : undefined) ??
    fallback;
  return {
    severity: p.severity,
    rule: p.code,
    sheet,
    cell,
    unit,
    zh: p.zh,
    en: p.en,
    ...(field ? { code: field } : {}),
  };
}

/**
 * The sheets the reader and the checks look at for a workbook whose 方案 sheet (if any) is in
 * `workbook`: 方案, 核查规则, 上轮台账 and the sheet of every kind of unit the 方案 names (乡镇台账
 * and 部门台账 for the built-in scheme, 区台账 for one of districts). A 方案 with errors falls back
 * to the built-in sheets, as {@link readLedger} does. Output sheets are never among them.
 * @example ledgerSheetNames({ sheets: [] }) // ['方案', '乡镇台账', '部门台账', '核查规则', '上轮台账']
 */
export function ledgerSheetNames(workbook: WorkbookGrid): string[] {
  const schemeSheet = workbook.sheets.find((s) => s.name.trim() === SHEETS.scheme);
  const read = schemeSheet && !isEmptyRow(schemeSheet.values.flat()) ? readScheme(schemeSheet).scheme : null;
  const kinds = schemeKinds(read ?? DEFAULT_SCHEME).map((k) => k.sheet);
  const names = [SHEETS.scheme, ...kinds, SHEETS.rules, SHEETS.previous];
  return [...new Set(names)].filter((n) => !OUTPUT_SHEETS.includes(n));
}

/**
 * Reads the 乡镇台账 and 部门台账 of a workbook (and its 方案, validated, when present; else the
 * built-in scheme). Never throws for bad data: every problem is a Finding with sheet, cell and a
 * Chinese and English message; the units and departments are returned as far as they could be read.
 * @example readLedger({ sheets: [{ name: '乡镇台账', values: [['单位', …], ['祖庙街道', …]] }] }).units[0].input.unit // '祖庙街道'
 */
export function readLedger(workbook: WorkbookGrid, options: ReadLedgerOptions = {}): Ledger {
  const findings: Finding[] = [];
  const sheetByName = new Map(workbook.sheets.map((s) => [s.name.trim(), s]));
  let scheme: Scheme = DEFAULT_SCHEME;
  let customScheme = false;
  const schemeSheet = sheetByName.get(SHEETS.scheme);
  if (schemeSheet && !isEmptyRow(schemeSheet.values.flat())) {
    const read = readScheme(schemeSheet);
    findings.push(...read.findings);
    if (read.scheme) {
      scheme = read.scheme;
      customScheme = true;
    } else {
      findings.push({
        severity: 'warning',
        rule: 'scheme.fallback',
        sheet: schemeSheet.name,
        cell: null,
        zh: '方案表有错误，台账暂按内置方案检查；改正方案表后再排名',
        en: 'The scheme sheet has errors; the ledger was checked against the built-in scheme. Fix the scheme sheet before ranking',
      });
    }
  }
  const index = indexScheme(scheme);
  const columns: Record<string, Record<string, string>> = {};
  const inputSheets = new Set(schemeKinds(scheme).map((k) => k.sheet));
  const total = workbook.sheets.reduce(
    (n, s) => n + (inputSheets.has(s.name.trim()) ? s.values.length : 0),
    0,
  );
  let done = 0;
  const tick = () => {
    done++;
    if (options.onProgress && done % 500 === 0) options.onProgress(done, total);
  };

  // ---- 乡镇台账 ----
  const units: LedgerUnit[] = [];
  /** Where the first town would be (below the header, in the 单位 column), once the header is found. */
  let firstTownCell: string | null = null;
  const kind = unitKind(scheme);
  const depKind = departmentKind(scheme);
  const townSheet = kind?.sheet ?? SHEETS.towns;
  const townLineCodes = new Set(kind?.lines ?? []);
  const towns = kind ? sheetByName.get(townSheet) : undefined;
  if (!towns && kind) {
    findings.push({
      severity: 'error',
      rule: 'ledger.sheet-missing',
      sheet: townSheet,
      cell: null,
      zh: `找不到工作表“${townSheet}”（现有：${workbook.sheets.map((s) => s.name).join('、') || '无'}）`,
      en: `Sheet "${townSheet}" (${kind.labelEn}) not found (sheets: ${workbook.sheets.map((s) => s.name).join(', ') || 'none'})`,
    });
  } else if (towns) {
    const push: Push = (f) => findings.push({ ...f, sheet: towns.name });
    const townLines = (kind?.lines ?? [])
      .map((code) => index.line(code))
      .filter((l): l is SchemeLine => l !== undefined);
    const known = new Set<string>([UNIT_HEADER, CLASS_HEADER]);
    for (const [code, e] of index.items)
      if (townLineCodes.has(e.line)) {
        known.add(code);
        if (hasTarget(e.item)) known.add(code + TARGET_SUFFIX);
      }
    for (const v of scheme.vetoes) known.add(v.code).add(v.code + TARGET_SUFFIX);
    for (const code of index.adjustmentInputs.keys()) known.add(code);
    const layout = findLayout(towns, known, push);
    if (layout) {
      columns[towns.name] = Object.fromEntries(
        [...layout.cols].map(([code, i]) => [code, columnLetter(i)]),
      );
      for (const line of townLines) {
        for (const code of missingItemCodes(line.items, layout.cols)) {
          const it = index.items.get(code)?.item;
          missingColumn(push, layout, code, it?.labelZh ?? '', it?.labelEn ?? '');
        }
      }
      for (const v of scheme.vetoes) {
        if (!layout.cols.has(v.code)) missingColumn(push, layout, v.code, v.labelZh, v.labelEn);
        const t = v.code + TARGET_SUFFIX;
        if (!layout.cols.has(t) && v.defaultTarget === null && !v.targetsByClass && !v.targetsByUnit) {
          missingColumn(
            push,
            layout,
            t,
            `${v.labelZh}目标`,
            `${v.labelEn} target`,
            'error',
            '，且方案没有默认目标',
            ', and the scheme has no default target',
          );
        }
      }
      const missingAdj = [...index.adjustmentInputs.keys()].filter((c) => !layout.cols.has(c));
      if (missingAdj.length > 0) {
        push({
          severity: 'warning',
          rule: 'ledger.adjustment-columns-missing',
          cell: cellAddress(layout.headerRow, layout.width),
          zh: `没有加减分列 ${missingAdj.join('、')}，按 0 计`,
          en: `No bonus/deduction columns ${missingAdj.join(', ')}; counted as 0`,
        });
      }
      const itemCodes = [...index.items]
        .filter(([, e]) => townLineCodes.has(e.line))
        .map(([code, e]) => ({ code, label: e.item.labelZh }));
      const adjCodes = [...index.adjustmentInputs].map(([code, e]) => ({
        code,
        label: e.input.labelZh,
        deduction: e.rule.kind === 'deduction',
      }));
      const unitCol = layout.cols.get(UNIT_HEADER) ?? 0;
      firstTownCell = cellAddress(layout.headerRow + 1, unitCol);
      const classCol = layout.cols.get(CLASS_HEADER);
      const seen = new Map<string, number>();
      for (let r = layout.headerRow + 1; r < towns.values.length; r++) {
        tick();
        const row = towns.values[r];
        if (isEmptyRow(row) || !row) continue;
        const unitCell = cellAddress(r, unitCol);
        const name = readUnitName(row[unitCol]);
        const before = findings.length;
        const label = name ?? unitCell;
        if (name === null) {
          push({
            severity: 'error',
            rule: 'ledger.unit-blank',
            cell: unitCell,
            zh: isBlankCell(row[unitCol] ?? null)
              ? '单位名称为空（该行有数据）'
              : `单位名称“${showValue(row[unitCol] ?? null)}”无效`,
            en: isBlankCell(row[unitCol] ?? null)
              ? 'Unit name is blank (the row has data)'
              : `Unit name "${showValue(row[unitCol] ?? null)}" is invalid`,
          });
        } else {
          const prev = seen.get(name);
          if (prev !== undefined) {
            push({
              severity: 'error',
              rule: 'ledger.unit-duplicate',
              cell: unitCell,
              unit: name,
              zh: `单位“${name}”重复（第 ${prev + 1} 行已有）`,
              en: `Unit "${name}" appears twice (already on row ${prev + 1})`,
            });
          } else seen.set(name, r);
        }
        let unitClass: UnitClass | null = null;
        /** The 类别 cell names no class of the scheme: that error stands, and per-class limits are unknown. */
        let classUnknown = false;
        if (classCol !== undefined) {
          const raw = row[classCol];
          const cell = cellAddress(r, classCol);
          // Blank is a problem only where the scheme has classes to rank within.
          if (isBlankCell(raw ?? null)) {
            if ((kind?.classes?.length ?? 0) > 0)
              push({
              severity: 'warning',
              rule: 'ledger.class-blank',
              cell,
              unit: label,
              zh: '类别为空，不参加类别内排名',
              en: 'Class is blank; the unit is left out of the rank within class',
            });
          } else {
            const c =
              kind && (typeof raw === 'string' || typeof raw === 'number')
                ? classOf(kind, raw)
                : undefined;
            if (c === undefined) {
              const names = (kind?.classes ?? []).map((k) => String(k.code));
              const zhNames = (kind?.classes ?? []).map((k) => k.labelZh);
              push({
                severity: 'error',
                rule: 'ledger.class-invalid',
                cell,
                unit: label,
                zh: `类别“${showValue(raw ?? null)}”无效，应为 ${names.join('、')}（${zhNames.join('、')}）`,
                en: `Class "${showValue(raw ?? null)}" is invalid; use ${names.join(', ')} (${zhNames.join(', ')})`,
              });
              classUnknown = true;
            } else unitClass = c;
          }
        }
        const { cells, scores, markedVetoes } = readScoreCells(towns, r, itemCodes, layout.cols, index, label, push, unitClass);
        for (const c of layout.markCols) {
          const mark = readMark(row[c]);
          if (mark?.kind === 'veto') markedVeto(markedVetoes, mark.text, cellAddress(r, c), undefined, label, push);
        }
        const vetoInputs: Record<string, VetoInput> = {};
        for (const v of scheme.vetoes) {
          const aCol = layout.cols.get(v.code);
          const tCol = layout.cols.get(v.code + TARGET_SUFFIX);
          const aCell = aCol === undefined ? undefined : cellAddress(r, aCol);
          const tCell = tCol === undefined ? undefined : cellAddress(r, tCol);
          if (aCell) cells[v.code] = aCell;
          if (tCell) cells[v.code + TARGET_SUFFIX] = tCell;
          // Figures keep the scale their cell's number format gives them (0.982 shown as 98.2%).
          const aRaw = aCol === undefined ? null : figureValue(towns, r, aCol);
          const tRaw = tCol === undefined ? null : figureValue(towns, r, tCol);
          const actual = aCell
            ? readNumber(aRaw, aCell, v.code, v.labelZh, label, push, true)
            : undefined;
          const target = tCell
            ? readNumber(tRaw, tCell, v.code, `${v.labelZh}目标`, label, push, true)
            : undefined;
          if (aCell && actual === null) {
            push({
              severity: 'error',
              rule: 'veto.blank',
              cell: aCell,
              code: v.code,
              unit: label,
              zh: `${v.code} ${v.labelZh}：空白。一票否决项没有数据，既不能算达标也不能算未达标`,
              en: `${v.code} ${v.labelEn}: blank. A veto figure without data is neither met nor missed`,
            });
          }
          // A blank target cell falls back to the scheme's target for the unit, its class or everyone.
          if (tCell && target === null && targetFor(vetoTargets(v), null, name ?? '', unitClass) === null) {
            push({
              severity: 'error',
              rule: 'veto.blank',
              cell: tCell,
              code: v.code,
              unit: label,
              zh: `${v.code}T ${v.labelZh}目标：空白，且方案没有默认目标`,
              en: `${v.code}T ${v.labelEn} target: blank, and the scheme has no default target`,
            });
          }
          // The engine decides the veto from the cells as typed ('95%' vs 95), so pass them on raw.
          const raw = (x: CellValue, ok: number | null | undefined): number | string | null =>
            ok === undefined || ok === null
              ? null
              : typeof x === 'string'
                ? x.trim()
                : typeof x === 'number'
                  ? x
                  : null;
          vetoInputs[v.code] = { actual: raw(aRaw, actual), target: raw(tRaw, target) };
        }
        const adjustments: Record<string, number | null> = {};
        for (const { code, label: adjLabel, deduction } of adjCodes) {
          const col = layout.cols.get(code);
          if (col === undefined) continue;
          const cell = cellAddress(r, col);
          cells[code] = cell;
          const v = readNumber(row[col], cell, code, adjLabel, label, push, false);
          // A deduction written with its sign (扣2分, −2) is a deduction of 2: the rule gives the sign.
          if (v !== undefined) adjustments[code] = deduction && v !== null && v < 0 ? -v : v;
        }
        const input: UnitInput = {
          unit: name ?? `(${unitCell})`,
          unitClass,
          scores,
          vetoInputs,
          adjustments,
          ...(markedVetoes.length > 0 ? { markedVetoes } : {}),
        };
        // Range, whole-number and subset rules live in the engine: run it and put its problems on cells.
        const flagged = new Set(
          findings
            .slice(before)
            .filter((f) => f.severity === 'error')
            .map((f) => f.code ?? ''),
        );
        const score = scoreUnit(scheme, input);
        for (const p of score.problems) {
          if (p.field !== undefined && flagged.has(p.field)) continue;
          // With the class unknown, an item whose points differ by class was judged by its default
          // points: no finding on it beside the class error (二頪 with 140 of 二类's 150 is not "above 100").
          if (classUnknown && p.field !== undefined && variesByClass(index, p.field)) continue;
          findings.push(problemFinding(p, towns.name, label, cells, unitCell));
        }
        units.push({
          input,
          score,
          source: { sheet: towns.name, row: r + 1, cells: { [UNIT_HEADER]: unitCell, ...cells } },
        });
      }
    }
  }

  // ---- 部门台账 ----
  const departments: LedgerDepartment[] = [];
  const deps = depKind ? sheetByName.get(depKind.sheet) : undefined;
  const depLineCodes = new Set(depKind?.lines ?? []);
  if (!deps) {
    if (depKind) {
      findings.push({
        severity: 'warning',
        rule: 'ledger.sheet-missing',
        sheet: depKind.sheet,
        cell: null,
        zh: `没有工作表“${depKind.sheet}”，不排部门名次`,
        en: `No "${depKind.sheet}" (departments) sheet; departments are not ranked`,
      });
    }
  } else if (depKind) {
    const push: Push = (f) => findings.push({ ...f, sheet: deps.name });
    const known = new Set<string>([UNIT_HEADER]);
    for (const [code, e] of index.items)
      if (depLineCodes.has(e.line)) {
        known.add(code);
        if (hasTarget(e.item)) known.add(code + TARGET_SUFFIX);
      }
    const layout = findLayout(deps, known, push);
    if (layout) {
      columns[deps.name] = Object.fromEntries(
        [...layout.cols].map(([code, i]) => [code, columnLetter(i)]),
      );
      for (const line of depKind.lines)
        for (const code of missingItemCodes(index.line(line)?.items ?? [], layout.cols)) {
          const it = index.items.get(code)?.item;
          missingColumn(push, layout, code, it?.labelZh ?? '', it?.labelEn ?? '');
        }
      const unitCol = layout.cols.get(UNIT_HEADER) ?? 0;
      const seen = new Map<string, number>();
      const codes = [...index.items]
        .filter(([, e]) => depLineCodes.has(e.line))
        .map(([code, e]) => ({ code, label: e.item.labelZh }));
      for (let r = layout.headerRow + 1; r < deps.values.length; r++) {
        tick();
        const row = deps.values[r];
        if (isEmptyRow(row) || !row) continue;
        const unitCell = cellAddress(r, unitCol);
        const name = readUnitName(row[unitCol]);
        const before = findings.length;
        if (name === null) {
          push({
            severity: 'error',
            rule: 'ledger.unit-blank',
            cell: unitCell,
            zh: '部门名称为空或无效（该行有数据）',
            en: 'Department name is blank or invalid (the row has data)',
          });
        } else {
          const prev = seen.get(name);
          if (prev !== undefined)
            push({
              severity: 'error',
              rule: 'ledger.unit-duplicate',
              cell: unitCell,
              unit: name,
              zh: `部门“${name}”重复（第 ${prev + 1} 行已有）`,
              en: `Department "${name}" appears twice (already on row ${prev + 1})`,
            });
          else seen.set(name, r);
        }
        const label = name ?? unitCell;
        const { cells, scores } = readScoreCells(deps, r, codes, layout.cols, index, label, push, null, false);
        const input: DepartmentInput = { unit: name ?? `(${unitCell})`, scores };
        const flagged = new Set(
          findings
            .slice(before)
            .filter((f) => f.severity === 'error')
            .map((f) => f.code ?? ''),
        );
        const score = scoreDepartment(scheme, input);
        for (const p of score.problems) {
          if (p.field !== undefined && flagged.has(p.field)) continue;
          findings.push(problemFinding(p, deps.name, label, cells, unitCell));
        }
        departments.push({
          input,
          score,
          source: { sheet: deps.name, row: r + 1, cells: { [UNIT_HEADER]: unitCell, ...cells } },
        });
      }
    }
  }
  // Nothing to check or rank is not "checks passed". A sheet without its 单位 column already
  // has its own error, which this would only repeat.
  if (
    towns &&
    firstTownCell !== null &&
    units.length === 0 &&
    departments.length === 0 &&
    !findings.some((f) => f.rule === 'ledger.unit-column-missing')
  ) {
    findings.push({
      severity: 'error',
      rule: 'ledger.empty',
      sheet: towns.name,
      cell: firstTownCell,
      zh: `台账中没有任何单位：“${townSheet}”和“${depKind?.sheet ?? SHEETS.departments}”都没有数据行，无从检查或排名`,
      en: `The ledger has no units: neither "${townSheet}" (${kind?.labelEn ?? 'towns'}) nor "${depKind?.sheet ?? SHEETS.departments}" (departments) has a data row, so there is nothing to check or rank`,
    });
  }
  options.onProgress?.(total, total);
  return { scheme, customScheme, units, departments, columns, findings };
}

/** A computed item whose figure meets a target (达标扣分, 按比例): its ledger may give the target in `${code}T`. */
function hasTarget(item: SchemeItem): boolean {
  return item.rule?.kind === 'target' || item.rule?.kind === 'proportion';
}

/** The figure as typed ('95%', or the text a %-formatted cell shows), for the engine to compare as it compares vetoes. */
function rawFigure(x: CellValue, ok: number | null | undefined): number | string | null {
  return ok === undefined || ok === null
    ? null
    : typeof x === 'string'
      ? x.trim()
      : typeof x === 'number'
        ? x
        : null;
}

/**
 * Reads one row's score cells (towns and departments alike): each item code's cell address and
 * value; a blank counts as 0 with a warning, unless the item's children have columns of their own.
 * A computed item's cell holds its input: a figure against a target (kept as typed, with its
 * `${code}T` target cell) or a count of cases (blank = none).
 */
function readScoreCells(
  sheet: SheetGrid,
  r: number,
  codes: readonly { readonly code: string; readonly label: string }[],
  cols: ReadonlyMap<string, number>,
  index: SchemeIndex,
  unit: string,
  push: Push,
  unitClass: UnitClass | null = null,
  vetoes = true,
): { cells: Record<string, string>; scores: Record<string, number | string | null>; markedVetoes: MarkedVeto[] } {
  const row = sheet.values[r] ?? [];
  const cells: Record<string, string> = {};
  const scores: Record<string, number | string | null> = {};
  const markedVetoes: MarkedVeto[] = [];
  for (const { code, label } of codes) {
    const col = cols.get(code);
    if (col === undefined) continue;
    const cell = cellAddress(r, col);
    cells[code] = cell;
    const item = index.items.get(code)?.item;
    // A clerk's mark: 不考核 goes to the scorer as written (the kind's rule converts the line);
    // 一票否决 is the unit's veto, with the cell's text as its reason.
    const mark = readMark(row[col]);
    if (mark?.kind === 'unassessed') {
      scores[code] = mark.text;
      if (item && hasTarget(item)) readTargetCell(sheet, r, code, label, cols, cells, scores, unit, push);
      continue;
    }
    if (mark?.kind === 'veto') {
      if (vetoes) markedVeto(markedVetoes, mark.text, cell, code, unit, push);
      else
        push({
          severity: 'error',
          rule: 'value.veto-not-allowed',
          cell,
          code,
          unit,
          zh: `${code} ${label}：“${mark.text}”——部门不设一票否决，这里需要得分`,
          en: `${code}: "${mark.text}" — departments have no veto; a score is needed here`,
        });
      continue;
    }
    if (item && hasTarget(item)) {
      const raw = figureValue(sheet, r, col);
      const v = readNumber(raw, cell, code, label, unit, push, true);
      if (v === null)
        push({
          severity: 'error',
          rule: 'score.figure-blank',
          cell,
          code,
          unit,
          zh: `${code} ${label}：空白。按目标计分的项目需要实际值`,
          en: `${code}: blank. An item scored against a target needs its figure`,
        });
      if (v !== undefined) scores[code] = rawFigure(raw, v);
      readTargetCell(sheet, r, code, label, cols, cells, scores, unit, push);
      continue;
    }
    const v = readNumber(row[col], cell, code, label, unit, push, false);
    // Blank is expected where the item has children of its own, counts cases, or is not assessed for the class.
    const notAssessed = item !== undefined && itemPoints(item, unitClass) === null;
    if (v === null && item?.rule?.kind !== 'cases' && !notAssessed && !hasChildColumn(item, cols)) {
      push({
        severity: 'warning',
        rule: 'score.blank',
        cell,
        code,
        unit,
        zh: `${code} ${label}：空白，按 0 分计`,
        en: `${code}: blank, counted as 0`,
      });
    }
    if (v !== undefined) scores[code] = v;
  }
  return { cells, scores, markedVetoes };
}

/** A computed item's `${code}T` target cell, when the sheet has one: its address and figure as typed. */
function readTargetCell(
  sheet: SheetGrid,
  r: number,
  code: string,
  label: string,
  cols: ReadonlyMap<string, number>,
  cells: Record<string, string>,
  scores: Record<string, number | string | null>,
  unit: string,
  push: Push,
): void {
  const tCol = cols.get(code + TARGET_SUFFIX);
  if (tCol === undefined) return;
  const tCell = cellAddress(r, tCol);
  cells[code + TARGET_SUFFIX] = tCell;
  const tRaw = figureValue(sheet, r, tCol);
  const t = readNumber(tRaw, tCell, code + TARGET_SUFFIX, `${label}目标`, unit, push, true);
  if (t !== undefined && t !== null) scores[code + TARGET_SUFFIX] = rawFigure(tRaw, t);
}

/** Records a veto a clerk marked at `cell`, with a warning there so the clerk sees where it came from. */
function markedVeto(out: MarkedVeto[], text: string, cell: string, code: string | undefined, unit: string, push: Push): void {
  out.push({ text, cell });
  push({
    severity: 'warning',
    rule: 'ledger.veto-marked',
    cell,
    ...(code ? { code } : {}),
    unit,
    zh: `台账标注一票否决：“${text}”，该单位不计分、不排名`,
    en: `Veto marked in the ledger: "${text}"; the unit is not scored or ranked`,
  });
}

/** A parent whose children have columns too: its own blank cell is expected, not worth a warning. */
function hasChildColumn(item: SchemeItem | undefined, cols: ReadonlyMap<string, number>): boolean {
  return !!item?.children?.some((c) => cols.has(c.code) || hasChildColumn(c, cols));
}

/** True when an item's points or target differ by class, or those of an item above it do. */
function variesByClass(index: SchemeIndex, code: string): boolean {
  for (let at: string | null = code; at !== null; ) {
    const e = index.items.get(at);
    if (!e) return false;
    const rule = e.item.rule;
    if (e.item.classPoints || (rule && 'target' in rule && rule.target?.byClass)) return true;
    at = e.parent;
  }
  return false;
}
