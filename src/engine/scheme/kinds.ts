/**
 * Kinds of assessed unit and their classes, as a scheme gives them or, for a 方案 written before
 * kinds existed, as the built-in layout implies: every line but `D` belongs to the towns
 * (乡镇台账, classes 1/2/3) and `D` to the departments (部门台账); a scheme of line D alone
 * assesses departments only.
 */
import type { ClassDef, FlagRules, Scheme, UnitClass, UnitKind } from '../types';

/** The built-in classes 一类/二类/三类, written 1, 一, 一类, 1类 or full-width. */
export const DEFAULT_CLASSES: readonly ClassDef[] = [1, 2, 3].map((n) => {
  const zh = ['一', '二', '三'][n - 1] as string;
  const wide = String.fromCharCode(0xff10 + n);
  return {
    code: n,
    labelZh: `${zh}类`,
    labelEn: `Class ${n}`,
    aliases: [String(n), zh, `${zh}类`, `${n}类`, wide, `${wide}类`, `class ${n}`],
  };
});

export const TOWN_KIND = 'T';
export const DEPARTMENT_KIND = 'D';

/** Default flags: 一票优先 top 3, 黄牌警告 bottom 3, 末位. */
export const DEFAULT_FLAGS: FlagRules = { topN: 3, bottomN: 3, last: true };

const kindCache = new WeakMap<Scheme, readonly UnitKind[]>();

/**
 * The scheme's kinds of unit: its own, or the built-in layout for a scheme without them.
 * @example schemeKinds(DEFAULT_SCHEME).map((k) => k.sheet) // ['乡镇台账', '部门台账']
 */
export function schemeKinds(scheme: Scheme): readonly UnitKind[] {
  if (scheme.kinds && scheme.kinds.length > 0) return scheme.kinds;
  const hit = kindCache.get(scheme);
  if (hit) return hit;
  const townLines = scheme.lines.filter((l) => l.code !== 'D').map((l) => l.code);
  const hasD = scheme.lines.some((l) => l.code === 'D');
  const kinds: UnitKind[] = [];
  // Only a department line D: the scheme assesses departments alone (部门线 100), no towns.
  if (townLines.length > 0 || !hasD)
    kinds.push({
      code: TOWN_KIND,
      role: 'unit',
      labelZh: '乡镇（街道）',
      labelEn: 'Towns and streets',
      sheet: '乡镇台账',
      lines: townLines,
      classes: DEFAULT_CLASSES,
    });
  if (hasD)
    kinds.push({
      code: DEPARTMENT_KIND,
      role: 'department',
      labelZh: '责任部门',
      labelEn: 'Departments',
      sheet: '部门台账',
      lines: ['D'],
    });
  kindCache.set(scheme, kinds);
  return kinds;
}

/** The kind whose units get vetoes, adjustments, classes and flags (towns, districts …), if any. */
export function unitKind(scheme: Scheme): UnitKind | undefined {
  return schemeKinds(scheme).find((k) => k.role === 'unit');
}

/** The kind ranked as departments, if any. */
export function departmentKind(scheme: Scheme): UnitKind | undefined {
  return schemeKinds(scheme).find((k) => k.role === 'department');
}

/** The kind a line belongs to. */
export function kindOfLine(scheme: Scheme, line: string): UnitKind | undefined {
  return schemeKinds(scheme).find((k) => k.lines.includes(line));
}

const squash = (s: string) => s.normalize('NFKC').replace(/\s+/g, ' ').trim().toLowerCase();

/**
 * The class a 类别 cell names for a kind: by code, label or alias (NFKC, case and spaces
 * ignored). With no classes defined, any non-blank label is its own class. Undefined = not a class
 * of this kind.
 * @example classOf(unitKind(DEFAULT_SCHEME)!, '二类') // 2
 */
export function classOf(kind: UnitKind, cell: string | number): UnitClass | undefined {
  const text = squash(String(cell));
  if (text === '') return undefined;
  if (!kind.classes || kind.classes.length === 0)
    return typeof cell === 'number' ? cell : String(cell).normalize('NFKC').trim();
  for (const c of kind.classes) {
    if (
      squash(String(c.code)) === text ||
      squash(c.labelZh) === text ||
      squash(c.labelEn) === text ||
      c.aliases.some((a) => squash(a) === text)
    )
      return c.code;
  }
  return undefined;
}

/**
 * A class as messages name it: the kind's label for it (二类, not 2), and in English the label or
 * `class <key>`; a key the kind does not define is shown as written.
 * @example classLabel(unitKind(DEFAULT_SCHEME), '2') // { zh: '二类', en: 'Class 2' }
 */
export function classLabel(kind: UnitKind | undefined, key: string): { zh: string; en: string } {
  const c = kind?.classes?.find((x) => classKey(x.code) === key);
  if (!c) return { zh: `${key}类`, en: `class ${key}` };
  return { zh: c.labelZh, en: c.labelEn && c.labelEn !== key ? c.labelEn : `class ${key}` };
}

/** How a class is keyed in per-class points and targets: its code as text. */
export const classKey = (c: UnitClass | null | undefined): string =>
  c === null || c === undefined ? '' : String(c);
