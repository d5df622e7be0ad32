/**
 * Issue 11, deliverable 3 (property): any tree of items with points, written as a 评分细则 table in
 * any of the ways bureaus write them (numbering style, numbers in a 序号 column or before the
 * name, points in a column or in the text, lines as 一、 headings or a merged group column,
 * vertical or justified text), is read back as the same tree, and its 方案 rows read back clean.
 */
import fc from 'fast-check';
import { importRules } from '../../src/engine/ledger/importRules';
import { readScheme } from '../../src/engine/ledger/readScheme';
import type { CellValue } from '../../src/engine/ledger/types';
import type { SchemeItem } from '../../src/engine/types';

const RUNS = Number(process.env.KAOHE_PROPERTY_RUNS ?? 100);

interface GenItem {
  name: string;
  points: number;
  stated: boolean;
  children: GenItem[];
}
interface GenLine {
  name: string;
  stated: boolean;
  items: GenItem[];
}

const WORDS = [
  '组织',
  '领导',
  '经费',
  '宣传',
  '服务',
  '统计',
  '管理',
  '落实',
  '培训',
  '信息',
  '档案',
  '随访',
  '药具',
  '协调',
  '流动',
  '人口',
  '网络',
  '队伍',
];
const LINES: [string, string][] = [
  ['党政线', 'P'],
  ['人口计生线', 'F'],
  ['部门', 'D'],
  ['业务线', 'A'],
];
const CN = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
const CIRCLED = '①②③④⑤⑥⑦⑧⑨⑩';
type ItemStyle = 'cnParen' | 'num' | 'numParen' | 'circled' | 'numComma';
// 1. and 1、 are one style (a person tells them apart by indentation only): never both.
const ITEM_STYLES: ItemStyle[] = ['cnParen', 'num', 'numParen', 'circled'];
/** Digits, brackets and dots as a Chinese input method types them. */
const fullWidth = (s: string) =>
  s.replace(/[0-9().]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));

const label = (style: ItemStyle, i: number): string => {
  switch (style) {
    case 'cnParen':
      return `（${CN[i]}）`;
    case 'num':
      return `${i + 1}.`;
    case 'numParen':
      return `(${i + 1})`;
    case 'circled':
      return CIRCLED[i] ?? '';
    case 'numComma':
      return `${i + 1}、`;
  }
};

const itemArb = (depth: number): fc.Arbitrary<GenItem> =>
  fc
    .record({
      name: fc.tuple(fc.constantFrom(...WORDS), fc.constantFrom(...WORDS)).map(([a, b]) => a + b),
      leafPoints: fc.integer({ min: 1, max: 50 }),
      stated: fc.boolean(),
      children:
        depth >= 3
          ? fc.constant<GenItem[]>([])
          : fc.array(itemArb(depth + 1), { maxLength: depth === 1 ? 4 : 3 }),
    })
    .map(({ name, leafPoints, stated, children }) => ({
      name,
      children,
      stated: children.length === 0 ? true : stated,
      points: children.length === 0 ? leafPoints : children.reduce((s, c) => s + c.points, 0),
    }));

const specArb = fc.record({
  lines: fc.shuffledSubarray(LINES, { minLength: 1, maxLength: 3 }).chain((names) =>
    fc.tuple(
      ...names.map(([name]) =>
        fc.record({
          name: fc.constant(name),
          stated: fc.boolean(),
          items: fc.array(itemArb(1), { minLength: 1, maxLength: 4 }),
        }),
      ),
    ),
  ),
  styles: fc.shuffledSubarray(ITEM_STYLES, { minLength: 3, maxLength: 3 }),
  linesAs: fc.constantFrom('headings', 'group'),
  numberIn: fc.constantFrom('seq', 'name'),
  pointsIn: fc.constantFrom('column', 'text'),
  title: fc.boolean(),
  total: fc.boolean(),
  vertical: fc.boolean(),
  fullWidth: fc.boolean(),
  comma: fc.boolean(),
});
type Spec = typeof specArb extends fc.Arbitrary<infer T> ? T : never;

const linePoints = (l: GenLine) => l.items.reduce((s, i) => s + i.points, 0);

/** The table a person would type for `spec`. Columns: [考核项目] | [序号] | 考核内容 | [分值] | 评分标准. */
function render(spec: Spec): CellValue[][] {
  const group = spec.linesAs === 'group';
  const seq = spec.numberIn === 'seq';
  const col = spec.pointsIn === 'column';
  const header = [
    ...(group ? ['考核项目'] : []),
    ...(seq ? ['序号'] : []),
    '考核内容',
    ...(col ? ['分值'] : []),
    '评分标准',
  ];
  const rows: CellValue[][] = [];
  if (spec.title) rows.push(['2012年度人口和计划生育目标管理责任制考核评分细则']);
  rows.push(header);
  const row = (
    g: string | null,
    number: string,
    name: string,
    points: number | null,
  ): CellValue[] => [
    ...(group ? [g] : []),
    ...(seq ? [number] : []),
    seq ? name : `${number}${name}`,
    ...(col ? [points] : []),
    null,
  ];
  const named = (name: string, points: number | null) =>
    !col && points !== null ? `${name}（${points}分）` : name;
  const styled = (name: string) => (spec.vertical ? name.split('').join('\n') : name);
  spec.lines.forEach((line, li) => {
    const lp = line.stated ? linePoints(line) : null;
    let groupCell: string | null = styled(named(line.name, lp));
    if (!group) rows.push(row(null, `${CN[li]}、`, named(line.name, lp), col ? lp : null));
    const walk = (items: GenItem[], depth: number) =>
      items.forEach((it, i) => {
        const p = it.stated ? it.points : null;
        const style = spec.styles[depth] ?? 'num';
        const number = label(spec.comma && style === 'num' ? 'numComma' : style, i);
        rows.push(
          row(
            groupCell,
            spec.fullWidth ? fullWidth(number) : number,
            named(it.name, p),
            col ? p : null,
          ),
        );
        groupCell = null;
        walk(it.children, depth + 1);
      });
    walk(line.items, 0);
  });
  if (spec.total) {
    const total = spec.lines.reduce((s, l) => s + linePoints(l), 0);
    const cells: CellValue[] = header.map(() => null);
    cells[0] = col ? '合  计' : `合  计 ${total}分`;
    if (col) cells[header.indexOf('分值')] = total;
    rows.push(cells);
  }
  return rows;
}

type Tree = { name: string; points: number; children: Tree[] };
const fromGen = (items: GenItem[]): Tree[] =>
  items.map((i) => ({ name: i.name, points: i.points, children: fromGen(i.children) }));
const fromScheme = (items: readonly SchemeItem[]): Tree[] =>
  items.map((i) => ({ name: i.labelZh, points: i.points, children: fromScheme(i.children ?? []) }));
const codesOk = (items: readonly SchemeItem[], prefix: string, sep: string): boolean =>
  items.every(
    (it, i) =>
      it.code === `${prefix}${sep}${i + 1}`.replace(/^([A-Z])\./, '$1') &&
      codesOk(it.children ?? [], it.code, '.'),
  );

describe('importRules reads back any 细则 table it is given (property)', () => {
  it(`${RUNS} generated tables: the same tree, and 方案 rows readScheme accepts`, () => {
    fc.assert(
      fc.property(specArb, (spec) => {
        const r = importRules({ name: '细则', values: render(spec) });
        // Any line code reads back: 业务线 (A) as cleanly as 党政线 (P).
        expect(r.skipped).toEqual([]);
        const lines = readScheme({ name: '方案', values: r.rows });
        expect(lines.findings).toEqual([]);
        const got = r.rows
          .filter((row) => row[0] === '线')
          .map((row) => ({ code: row[1], name: row[2], points: row[4] }));
        expect(got).toEqual(
          spec.lines.map((l) => ({
            code: LINES.find(([n]) => n === l.name)?.[1],
            name: l.name,
            points: linePoints(l),
          })),
        );
        // The tree itself, through the scheme.
        {
          expect(r.scheme).not.toBeNull();
          expect(r.scheme?.lines.map((l) => fromScheme(l.items))).toEqual(
            spec.lines.map((l) => fromGen(l.items)),
          );
          for (const l of r.scheme?.lines ?? []) expect(codesOk(l.items, l.code, '')).toBe(true);
          expect(r.year).toBe(spec.title ? 2012 : null);
        }
      }),
      { seed: 20261111, numRuns: RUNS },
    );
  });
});
