/**
 * Issue 10, items 1–3, by hand: scale rules apply to figures, never to scored items; a cell's %
 * number format gives its figure's scale; figures are shown on the percent scale they mean; a
 * figure of 1.4 among fractions is an error at its cell.
 */
import { assessWorkbook } from '../../src/engine/assess';
import { headerText, townColumns } from '../../src/engine/ledger/columns';
import type { CellValue, SheetGrid } from '../../src/engine/ledger/types';
import { DEFAULT_SCHEME } from '../../src/engine/scheme/defaultScheme';
import { indexScheme } from '../../src/engine/scheme/schemeIndex';

const COLS = townColumns(DEFAULT_SCHEME);
const HEADER = COLS.map((c) => headerText(c));
const POINTS = indexScheme(DEFAULT_SCHEME).items;
const col = (code: string) => COLS.findIndex((c) => c.code === code);
const letter = (code: string) =>
  String.fromCharCode(65 + (col(code) % 26)).padStart(
    col(code) >= 26 ? 2 : 1,
    String.fromCharCode(64 + Math.floor(col(code) / 26)),
  );

interface Town {
  readonly name: string;
  readonly set?: Readonly<Record<string, CellValue>>;
  readonly formats?: Readonly<Record<string, string>>;
}

/** A 乡镇台账 of full marks, V1 98 / V1T 95 and V2 99 / V2T 95 unless a town says otherwise. */
function sheet(towns: readonly Town[]): SheetGrid {
  const values: CellValue[][] = [HEADER];
  const numberFormats: (string | null)[][] = [HEADER.map(() => null)];
  for (const t of towns) {
    const row = COLS.map((c): CellValue => {
      if (c.code in (t.set ?? {})) return t.set?.[c.code] ?? null;
      switch (c.kind) {
        case 'unit':
          return t.name;
        case 'class':
          return 1;
        case 'item':
          return POINTS.get(c.code)?.item.points ?? 0;
        case 'veto':
          return c.code === 'V1' ? 98 : 99;
        case 'vetoTarget':
          return 95;
        default:
          return null;
      }
    });
    values.push(row);
    numberFormats.push(COLS.map((c) => t.formats?.[c.code] ?? null));
  }
  return { name: '乡镇台账', values, numberFormats };
}

const assess = (towns: readonly Town[]) => assessWorkbook({ sheets: [sheet(towns)] });
const errors = (a: ReturnType<typeof assess>) =>
  a.findings.filter((f) => f.severity === 'error').map((f) => `${f.rule}@${f.cell}`);

describe('item 1: scale rules apply to figures, never to scored items', () => {
  it('F6.3, whose label mentions ≥96%, holds points: scores of 0, 1 and full marks are not rates', () => {
    const f63 = POINTS.get('F6.3')?.item;
    expect(HEADER[col('F6.3')]).toMatch(/%/);
    const towns = [0, 1, f63?.points ?? 0, 1, 15, 20, 1, 0].map((v, i) => ({
      name: `镇${i + 1}`,
      set: { 'F6.3': v },
    }));
    const a = assess(towns);
    expect(errors(a)).toEqual([]);
    expect(a.findings.filter((f) => f.rule.startsWith('rate.'))).toEqual([]);
    expect(a.ranking?.units).toHaveLength(8);
  });
  it('a score above its points is still an error at its cell (checked against points, not as a rate)', () => {
    const a = assess([{ name: '甲镇', set: { 'F6.3': 1000 } }, { name: '乙镇' }]);
    expect(errors(a)).toEqual([`score.above-points@${letter('F6.3')}2`]);
  });
});

describe('item 2: a %-formatted cell is on the percent scale', () => {
  const typed = (v1: number, i: number): Town => ({
    name: `镇${i + 1}`,
    set: { V1: v1 },
    formats: { V1: '0.0%' },
  });
  it('eight towns typing 98.2% (0.982 in a % cell) against the template target 95: no errors, compared as 98.2 with 95', () => {
    const a = assess([0.982, 0.99, 0.975, 0.96, 1, 0.951, 0.924, 0.95].map(typed));
    expect(errors(a)).toEqual([]);
    const vetoed = a.ranking?.units.filter((u) => u.vetoed).map((u) => u.unit);
    expect(vetoed).toEqual(['镇7']);
    expect(a.ranking?.units.find((u) => u.unit === '镇7')?.vetoReasons[0]).toContain(
      '92.4% 未达到目标 95%',
    );
    // 95% exactly is met.
    expect(a.ranking?.units.find((u) => u.unit === '镇8')?.vetoed).toBe(false);
  });
  it('figure and target both %-formatted: the reason reads 92.4% and 95%, never 0.924%', () => {
    const both = (v: number, i: number): Town => ({
      name: `镇${i + 1}`,
      set: { V1: v, V1T: 0.95 },
      formats: { V1: '0.0%', V1T: '0%' },
    });
    const a = assess([0.924, 0.98, 0.97].map(both));
    expect(errors(a)).toEqual([]);
    const u = a.ranking?.units.find((x) => x.unit === '镇1');
    expect(u?.vetoReasons).toEqual([
      expect.stringContaining('出生政策符合率 92.4% 未达到目标 95%'),
    ]);
    expect(u?.vetoReasonsEn[0]).toContain('92.4% below target 95%');
    expect(u?.vetoReasons[0]).not.toContain('0.924');
  });
  it('plain fractions 0.9 against 0.95 show as 90% and 95% in the reason and on 得分明细', () => {
    const a = assess([
      { name: '甲镇', set: { V1: 0.9, V1T: 0.95 } },
      { name: '乙镇', set: { V1: 0.97, V1T: 0.95 } },
    ]);
    expect(errors(a)).toEqual([]);
    const u = a.ranking?.units.find((x) => x.unit === '甲镇');
    expect(u?.vetoReasons[0]).toContain('90% 未达到目标 95%');
    const detail = a.sheets.find((s) => s.name === '得分明细');
    const row = detail?.rows.find((r) => r[0] === '甲镇' && r[2] === 'V1');
    expect(row).toBeDefined();
    expect(row).toEqual(expect.arrayContaining([90, 95]));
    expect(row).not.toEqual(expect.arrayContaining([0.9]));
  });
  it('a % in quotes is text, not a percentage format: 0.982 under 0.0"%" stays 0.982 (and is on another scale than 95)', () => {
    const a = assess([{ name: '甲镇', set: { V1: 0.982 }, formats: { V1: '0.0"%"' } }]);
    // One finding for the pair on two scales (the rate checks name the cell they find odd).
    expect(errors(a)).toEqual([expect.stringMatching(/scale-?\w*@A[MN]2$/)]);
  });
  it('a %-formatted score cell is still points (formats only scale figures)', () => {
    const a = assess([{ name: '甲镇', set: { P2: 10 }, formats: { P2: '0%' } }]);
    expect(errors(a)).toEqual([]);
    expect(a.ranking?.units[0]?.party).toBe(370 - (POINTS.get('P2')?.item.points ?? 0) + 10);
  });
});

describe('item 3: a figure of 1.4 among fractions is an error at its cell', () => {
  it('column 0.97, 0.99 … with target 0.98: 1.4 is refused at its cell, once', () => {
    const towns = [0.97, 0.99, 1.4, 0.985, 0.99].map((v, i) => ({
      name: `镇${i + 1}`,
      set: { V1: v, V1T: 0.98 },
    }));
    const a = assess(towns);
    const cell = `${letter('V1')}4`;
    expect(errors(a)).toEqual([`veto.above-one@${cell}`]);
    const f = a.findings.find((x) => x.cell === cell);
    expect(f?.zh).toContain('140%');
    expect(f?.en).toContain('140%');
    expect(a.findings.filter((x) => x.cell === cell)).toHaveLength(1);
  });
  it('a target of 1.4 against fraction figures is refused at the target cell', () => {
    const a = assess([
      { name: '甲镇', set: { V1: 0.97, V1T: 1.4 } },
      { name: '乙镇', set: { V1: 0.97, V1T: 0.95 } },
    ]);
    expect(errors(a)).toEqual([`veto.above-one@${letter('V1T')}2`]);
  });
  it('exactly 1 (100 %) among fractions is fine', () => {
    expect(
      errors(
        assess([
          { name: '甲镇', set: { V1: 1, V1T: 0.98 } },
          { name: '乙镇', set: { V1: 0.99, V1T: 0.98 } },
        ]),
      ),
    ).toEqual([]);
  });
});
