/**
 * The sample ledgers in `examples/`: a realistic one (14 towns and streets of Foshan in three
 * classes, one vetoed, a tie, bonuses, deductions, two departments tied) and a copy with planted
 * errors. Data come from a fixed-seed generator plus a few hand-set rows, so the files are the
 * same every time they are made. To plant another problem, add an entry to `PLANTS`: the tests
 * check that `kaohe check` reports every plant on its cell.
 */
import { DEFAULT_SCHEME } from '../engine/scheme/defaultScheme';
import { cellAddress } from '../engine/ledger/cells';
import { columnCode, UNIT_HEADER, CLASS_HEADER } from '../engine/ledger/columns';
import { buildTemplateSheets } from '../engine/ledger/template';
import { SHEETS, type CellValue, type SheetSpec } from '../engine/ledger/types';
import { seededRandom } from '../engine/seededRandom';

export const EXAMPLE_YEAR = 2024;

/** Towns and streets by class (一类 urban streets, 二类 large towns, 三类 others). */
export const EXAMPLE_TOWNS: readonly (readonly [string, 1 | 2 | 3])[] = [
  ['祖庙街道', 1],
  ['石湾镇街道', 1],
  ['张槎街道', 1],
  ['桂城街道', 1],
  ['大良街道', 1],
  ['南庄镇', 2],
  ['大沥镇', 2],
  ['里水镇', 2],
  ['狮山镇', 2],
  ['容桂街道', 2],
  ['荷城街道', 3],
  ['杨和镇', 3],
  ['西南街道', 3],
  ['白坭镇', 3],
];

export const EXAMPLE_DEPARTMENTS: readonly (readonly [string, number, number, number, number])[] = [
  ['卫生局', 28, 18, 18, 28],
  ['公安局', 27, 19, 17, 29],
  ['民政局', 25, 17, 16, 26],
  ['统计局', 29, 19, 19, 27],
  ['教育局', 24, 16, 18, 25],
  ['人力资源和社会保障局', 26, 18, 15, 24],
];

/** Hand-set inputs per town (everything else comes from the generator). */
const SPECIAL: Readonly<Record<string, Readonly<Record<string, CellValue>>>> = {
  祖庙街道: { B2P: 1 },
  张槎街道: { X6: 1 },
  桂城街道: { B1: 1 },
  大良街道: { B2C: 2 },
  大沥镇: { X1: 1 },
  狮山镇: { X5: 2, X5D: 1 },
  容桂街道: { B2N: 1 },
  杨和镇: { X3: 15 },
  西南街道: { X4: 2 },
  // Birth-policy compliance below the 95 % target: vetoed (一票否决), listed last with the figure.
  白坭镇: { V1: 93.6 },
};

/** 里水镇 copies 南庄镇 with P2 and P4 (both 20 points) swapped: the same total, a tie. */
const TIE: readonly [string, string] = ['南庄镇', '里水镇'];


/** A planted problem: the value put in a cell and the finding `kaohe check` must report there. */
export interface Plant {
  readonly sheet: string;
  /** Row of this unit (its original name). */
  readonly unit: string;
  /** Column code, or 单位 to rename the unit. */
  readonly code: string;
  readonly value: CellValue;
  /** Rule id of the expected finding. */
  readonly rule: string;
  readonly note: string;
}

export const PLANTS: readonly Plant[] = [
  {
    sheet: SHEETS.towns,
    unit: '祖庙街道',
    code: 'P2',
    value: '优秀',
    rule: 'value.not-number',
    note: 'text in a score cell',
  },
  {
    sheet: SHEETS.towns,
    unit: '石湾镇街道',
    code: 'P3.1',
    value: 25,
    rule: 'score.above-points',
    note: 'score above its 20 points',
  },
  {
    sheet: SHEETS.towns,
    unit: '里水镇',
    code: 'F8',
    value: -2,
    rule: 'score.negative',
    note: 'negative score',
  },
  {
    sheet: SHEETS.towns,
    unit: '桂城街道',
    code: UNIT_HEADER,
    value: '张槎街道',
    rule: 'ledger.unit-duplicate',
    note: 'the same town twice',
  },
  {
    sheet: SHEETS.towns,
    unit: '南庄镇',
    code: 'V2T',
    value: null,
    rule: 'veto.blank',
    note: 'veto target missing (V2 has no default target)',
  },
  {
    sheet: SHEETS.towns,
    unit: '荷城街道',
    code: 'V1',
    value: null,
    rule: 'veto.blank',
    note: 'veto figure missing',
  },
  {
    sheet: SHEETS.towns,
    unit: '大沥镇',
    code: CLASS_HEADER,
    value: 4,
    rule: 'ledger.class-invalid',
    note: 'class not 1/2/3',
  },
  {
    sheet: SHEETS.towns,
    unit: '狮山镇',
    code: 'X5D',
    value: 3,
    rule: 'adjustment.subset',
    note: 'X5D more than X5',
  },
  {
    sheet: SHEETS.towns,
    unit: '西南街道',
    code: 'X4',
    value: 1.5,
    rule: 'adjustment.count',
    note: 'a count that is not a whole number',
  },
  {
    sheet: SHEETS.towns,
    unit: '杨和镇',
    code: 'X3',
    value: 5,
    rule: 'adjustment.range',
    note: 'X3 below 10 points per case',
  },
  {
    sheet: SHEETS.departments,
    unit: '统计局',
    code: 'D2',
    value: 21,
    rule: 'score.above-points',
    note: 'department score above its 20 points',
  },
];

/** A column removed from 乡镇台账 in the errors sample (reported on the header row). */
export const DROPPED_COLUMN = 'F7';

export interface ExpectedFinding {
  readonly sheet: string;
  readonly cell: string;
  readonly rule: string;
  readonly note: string;
}

/** A template sheet with values put in by unit (column A) and column code; undefined keeps the cell. */
export function fill(
  sheet: SheetSpec,
  values: (unit: string, code: string) => CellValue | undefined,
): SheetSpec {
  const header = sheet.rows[0] ?? [];
  const codes = header.map(columnCode);
  const rows = sheet.rows.map((row, r) => {
    if (r === 0) return row;
    const unit = String(row[0]);
    return row.map((old, c) => {
      const code = codes[c];
      if (!code || code === UNIT_HEADER) return old;
      const v = values(unit, code);
      return v === undefined ? old : v;
    });
  });
  return { ...sheet, rows };
}

/**
 * The sample ledger's sheets (方案, 乡镇台账, 部门台账), and with `withErrors` the planted problems
 * applied, together with the findings they must produce.
 */
export function buildExampleSheets(
  withErrors = false,
  lang: 'zh' | 'en' = 'zh',
): {
  sheets: SheetSpec[];
  expected: ExpectedFinding[];
} {
  const scheme = DEFAULT_SCHEME;
  const base = buildTemplateSheets(scheme, {
    year: EXAMPLE_YEAR,
    units: EXAMPLE_TOWNS.map(([n]) => n),
    departments: EXAMPLE_DEPARTMENTS.map(([n]) => n),
    lang,
  });
  const rand = seededRandom(20240901);
  const leafPoints = new Map<string, number>();
  const walk = (
    items: readonly {
      code: string;
      points: number;
      children?: readonly { code: string; points: number }[];
    }[],
  ) => {
    for (const it of items) {
      if (it.children && it.children.length > 0) walk(it.children);
      else leafPoints.set(it.code, it.points);
    }
  };
  for (const l of scheme.lines) if (l.code !== 'D') walk(l.items);
  const generated = new Map<string, Map<string, CellValue>>();
  for (const [name, cls] of EXAMPLE_TOWNS) {
    const m = new Map<string, CellValue>([[CLASS_HEADER, cls]]);
    // A town's overall standing plus a little noise per item, in half points, as assessors mark them.
    const quality = 0.86 + rand() * 0.1;
    for (const [code, pts] of leafPoints) {
      const share = quality + (rand() - 0.5) * 0.06;
      m.set(code, Math.min(pts, Math.round(pts * share * 2) / 2));
    }
    m.set('V1', Math.round((96 + rand() * 3) * 10) / 10);
    m.set('V2', Math.round((96 + rand() * 3) * 10) / 10);
    m.set('V2T', 95);
    for (const [code, v] of Object.entries(SPECIAL[name] ?? {})) m.set(code, v);
    generated.set(name, m);
  }
  const [a, b] = TIE;
  const src = generated.get(a);
  const dst = generated.get(b);
  if (src && dst) {
    for (const [code, v] of src) if (code !== CLASS_HEADER) dst.set(code, v);
    dst.set('P2', src.get('P4') ?? null);
    dst.set('P4', src.get('P2') ?? null);
  }
  const depScores = new Map(
    EXAMPLE_DEPARTMENTS.map(([n, ...s]) => [n, new Map(s.map((v, i) => [`D${i + 1}`, v]))]),
  );
  let [schemeSheet, towns, deps] = base as [SheetSpec, SheetSpec, SheetSpec];
  towns = fill(towns, (unit, code) => generated.get(unit)?.get(code));
  deps = fill(deps, (unit, code) => depScores.get(unit)?.get(code));
  if (!withErrors) return { sheets: [schemeSheet, towns, deps], expected: [] };

  // Drop a whole column first (every town loses it; reported on the header row), then plant
  // values, renames last, so every plant finds its row by the original name and its final cell.
  const drop = (towns.rows[0] ?? []).findIndex((h) => columnCode(h) === DROPPED_COLUMN);
  // Validation ranges would shift with the column; the errors sample simply has none.
  towns = {
    ...towns,
    rows: towns.rows.map((r) => r.filter((_, c) => c !== drop)),
    columns: towns.columns.filter((_, c) => c !== drop),
    validations: [],
  };
  const expected: ExpectedFinding[] = [
    {
      sheet: SHEETS.towns,
      cell: cellAddress(0, (towns.rows[0] ?? []).length),
      rule: 'ledger.column-missing',
      note: `column ${DROPPED_COLUMN} missing`,
    },
  ];
  const bySheet: Record<string, SheetSpec> = { [SHEETS.towns]: towns, [SHEETS.departments]: deps };
  const ordered = [...PLANTS].sort(
    (p, q) => Number(p.code === UNIT_HEADER) - Number(q.code === UNIT_HEADER),
  );
  for (const p of ordered) {
    const sheet = bySheet[p.sheet];
    if (!sheet) continue;
    const header = sheet.rows[0] ?? [];
    const col = header.findIndex((h) => columnCode(h) === p.code);
    const row = sheet.rows.findIndex((r, i) => i > 0 && r[0] === p.unit);
    if (col < 0 || row < 0) throw new Error(`plant ${p.code}@${p.unit}: no such cell`);
    const rows = sheet.rows.map((r, i) =>
      i === row ? r.map((v, c) => (c === col ? p.value : v)) : r,
    );
    bySheet[p.sheet] = { ...sheet, rows };
    expected.push({ sheet: p.sheet, cell: cellAddress(row, col), rule: p.rule, note: p.note });
  }
  // A broken 方案: a parent whose points no longer equal its children's sum.
  const p3Row = schemeSheet.rows.findIndex((r) => r[1] === 'P3');
  schemeSheet = {
    ...schemeSheet,
    rows: schemeSheet.rows.map((r, i) => (i === p3Row ? r.map((v, c) => (c === 4 ? 75 : v)) : r)),
  };
  expected.push({
    sheet: SHEETS.scheme,
    cell: cellAddress(p3Row, 4),
    rule: 'scheme.parent-sum',
    note: 'P3 points differ from the sum of P3.1–P3.4',
  });
  return {
    sheets: [
      schemeSheet,
      bySheet[SHEETS.towns] as SheetSpec,
      bySheet[SHEETS.departments] as SheetSpec,
    ],
    expected,
  };
}
