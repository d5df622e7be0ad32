/**
 * Issue 11, deliverable 4: custom functions that follow the bureau's own scheme — SCORE.SUM
 * against a 分值 row or column, SCORE.LINE over the workbook's 方案 table, SCORE.CLASSRANK, and
 * SCORE.TOTAL's limits from a scheme.
 */
import fc from 'fast-check';
import { DEFAULT_SCHEME, indexScheme, scoreLine as engineScoreLine } from '../../src/engine';
import type { Scheme } from '../../src/engine';
import { readScheme } from '../../src/engine/ledger/readScheme';
import { schemeRows } from '../../src/engine/ledger/schemeSheet';
import type { CellValue } from '../../src/engine/ledger/types';
import { VETOED_TEXT } from '../../src/functions/cells';
import {
  scoreClassRank,
  scoreRank,
  scoreSchemeLine,
  scoreSum,
  scoreTotal,
} from '../../src/functions/functions';
import { schemeParseCount } from '../../src/functions/schemeArg';
import { expectCellError, installCustomFunctionsStub, isCellError } from './cfStub';

installCustomFunctionsStub();

const SEED = 20_261_111;
const row = (values: unknown[]) => [values];
const column = (values: unknown[]) => values.map((v) => [v]);
/** A result cell without the "第 n 行 / row n：" a spill puts before its message: per-cell formulas have none. */
const unprefixed = (cell: unknown): unknown =>
  isCellError(cell, (cell as { code?: string }).code ?? '')
    ? {
        ...(cell as object),
        message: (cell as { message: string }).message.replace(/^第 \d+ 行 \/ row \d+：/, ''),
      }
    : cell;

// ---------------------------------------------------------------------------------------------
// A scheme of a shape the built-in one does not have: two town lines of 100 points (P nested two
// levels deep, F flat), a department line, no vetoes and no adjustments; columns in another order.
const HEADER = ['代码', '类型', '所属', '上级', '项目', '英文名称', '分值'];
const CUSTOM_ROWS: CellValue[][] = [
  HEADER,
  ['custom-2025', '方案', null, null, '某局考核方案', 'A bureau scheme', null],
  ['P', '线', null, null, '综合线', 'General line', 100],
  ['P1', '指标', 'P', null, '组织领导', 'Leadership', 40],
  ['P1.1', '指标', 'P', 'P1', '会议', 'Meetings', 15],
  ['P1.2', '指标', 'P', 'P1', '制度', 'Rules', 25],
  ['P2', '指标', 'P', null, '工作落实', 'Delivery', 60],
  ['P2.1', '指标', 'P', 'P2', '宣传', 'Publicity', 10],
  ['P2.2', '指标', 'P', 'P2', '服务', 'Services', 20],
  ['P2.2.1', '指标', 'P', 'P2.2', '上门服务', 'Home visits', 5],
  ['P2.2.2', '指标', 'P', 'P2.2', '窗口服务', 'Front desk', 15],
  ['P2.3', '指标', 'P', 'P2', '台账', 'Records', 30],
  ['F', '线', null, null, '业务线', 'Business line', 100],
  ['F1', '指标', 'F', null, '目标完成', 'Targets met', 70],
  ['F2', '指标', 'F', null, '数据质量', 'Data quality', 30],
  ['D', '线', null, null, '部门', 'Departments', 50],
  ['D1', '指标', 'D', null, '配合', 'Cooperation', 50],
];
const CUSTOM: Scheme = (() => {
  const read = readScheme({ name: '方案', values: CUSTOM_ROWS });
  if (!read.scheme) throw new Error(`test scheme invalid: ${JSON.stringify(read.findings)}`);
  return read.scheme;
})();
const DEFAULT_ROWS = schemeRows(DEFAULT_SCHEME);

describe('SCORE.SUM', () => {
  it('a 分值 row: one total per row of scores, spilled down', () => {
    const points = row([10, 20, 30]);
    expect(
      scoreSum(
        [
          [10, 15, 30],
          [0, 0, 0],
          [5, null, 25],
        ],
        points,
      ),
    ).toEqual([[55], [0], [30]]);
  });
  it('a 分值 column: one unit down a column, one total', () => {
    expect(scoreSum(column([8, 20, 12.5]), column([10, 20, 30]))).toEqual([[40.5]]);
  });
  it('a 分值 column with several unit columns gives one total per column, spilled across', () => {
    expect(
      scoreSum(
        [
          [8, 10],
          [20, 0],
        ],
        column([10, 20]),
      ),
    ).toEqual([[28, 10]]);
  });
  it('blank = 0 (null on the web, "" from a text cell, 0 on desktop)', () => {
    expect(scoreSum(row([null, '', 0, 4]), row([10, 10, 10, 10]))).toEqual([[4]]);
  });
  it('points given as text numbers are read as Excel reads them', () => {
    expect(scoreSum(row([5, 6]), row(['10', '２０']))).toEqual([[11]]);
  });
  it('a score above its points names the column and the points (row orientation)', () => {
    expectCellError(
      scoreSum(row([10, 21, 30]), row([10, 20, 30]))[0]![0],
      '#VALUE!',
      /第 2 列（分值 20）.*21.*超过.*column 2 \(points 20\)/,
    );
  });
  it('names the row in a 分值 column, and the unit row in a spill', () => {
    expectCellError(
      scoreSum(column([1, 2, 31]), column([10, 20, 30]))[0]![0],
      '#VALUE!',
      /第 3 行（分值 30）.*31.*row 3/,
    );
    const out = scoreSum(
      [
        [1, 2],
        [11, 2],
        [3, 4],
      ],
      row([10, 10]),
    );
    expect(out[0]).toEqual([3]);
    expectCellError(out[1]![0], '#VALUE!', /^第 2 行 \/ row 2：第 1 列（分值 10）/);
    expect(out[2]).toEqual([7]);
  });
  it('negative and non-numeric scores are #VALUE! naming the position', () => {
    expectCellError(
      scoreSum(row([1, -1]), row([10, 10]))[0]![0],
      '#VALUE!',
      /第 2 列.*负数.*negative/,
    );
    expectCellError(
      scoreSum(row(['abc', 1]), row([10, 10]))[0]![0],
      '#VALUE!',
      /第 1 列.*abc.*not a number/,
    );
    expectCellError(scoreSum(row([true]), row([10]))[0]![0], '#VALUE!', /TRUE/);
  });
  it('blank, zero, negative or text points are #VALUE! naming their position', () => {
    expectCellError(
      scoreSum(row([1, 1]), row([10, null]))[0]![0],
      '#VALUE!',
      /分值第 2 列为空.*column 2 are blank/,
    );
    expectCellError(
      scoreSum(row([1, 1]), row([0, 10]))[0]![0],
      '#VALUE!',
      /分值第 1 列“0”不是大于 0/,
    );
    expectCellError(
      scoreSum(column([1, 1]), column([10, -5]))[0]![0],
      '#VALUE!',
      /分值第 2 行“-5”/,
    );
    expectCellError(scoreSum(row([1]), row(['十']))[0]![0], '#VALUE!', /“十”/);
  });
  it('shape mismatches are one #VALUE! with a message', () => {
    const out = scoreSum([[1, 2, 3]], row([10, 10]));
    expect(out).toHaveLength(1);
    expectCellError(out[0]![0], '#VALUE!', /3 列.*分值行有 2 列/);
    expectCellError(
      scoreSum(column([1, 2, 3]), column([10, 10]))[0]![0],
      '#VALUE!',
      /3 行.*分值列有 2 行/,
    );
    expectCellError(
      scoreSum(
        [
          [1, 2],
          [3, 4],
        ],
        [
          [10, 10],
          [10, 10],
        ],
      )[0]![0],
      '#VALUE!',
      /一行或一列.*2×2/,
    );
  });
  it('works with a ledger 分值 row from the built-in scheme (P leaves, 370)', () => {
    const pts = indexScheme(DEFAULT_SCHEME)
      .leaves('P')
      .map((i) => i.points);
    expect(scoreSum(row(pts), row(pts))).toEqual([[370]]);
  });

  const pointsArb = fc.array(fc.integer({ min: 1, max: 200 }), { minLength: 1, maxLength: 12 });
  const withScores = pointsArb.chain((pts) =>
    fc.tuple(
      fc.constant(pts),
      fc.tuple(
        ...pts.map((p) =>
          fc.oneof(
            fc.integer({ min: 0, max: p }),
            fc.constant(null),
            fc.double({ min: 0, max: p, noNaN: true }),
          ),
        ),
      ),
    ),
  );
  it('property: a row and the same scores as a column give the same sum, equal to the plain sum', () => {
    fc.assert(
      fc.property(withScores, ([pts, scores]) => {
        const asRow = scoreSum(row(scores), row(pts));
        const asColumn = scoreSum(column(scores), column(pts));
        expect(asColumn).toEqual(asRow);
        const plain = scores.reduce<number>((s, v) => s + (v ?? 0), 0);
        expect(asRow[0]![0] as number).toBeCloseTo(plain, 6);
      }),
      { seed: SEED, numRuns: 200 },
    );
  });
  it('property: any score above its points gives #VALUE! at that position, in both orientations', () => {
    fc.assert(
      fc.property(
        withScores,
        fc.nat(),
        fc.integer({ min: 1, max: 50 }),
        ([pts, scores], pick, over) => {
          const at = pick % pts.length;
          const bad = [...scores];
          bad[at] = (pts[at] as number) + over;
          for (const [out, word] of [
            [scoreSum(row(bad), row(pts)), 'column'],
            [scoreSum(column(bad), column(pts)), pts.length === 1 ? 'column' : 'row'], // 1×1 reads as a row
          ] as const) {
            const cell = out[0]![0];
            expect(
              isCellError(
                cell,
                '#VALUE!',
                new RegExp(`${word} ${at + 1} \\(points ${pts[at]}\\): score ${bad[at]} is above`),
              ),
            ).toBe(true);
          }
        },
      ),
      { seed: SEED, numRuns: 200 },
    );
  });
  it('property: several rows = each row on its own (spill equals per-cell formulas)', () => {
    fc.assert(
      fc.property(pointsArb, fc.integer({ min: 1, max: 6 }), fc.nat(), (pts, n, salt) => {
        const rows = Array.from({ length: n }, (_, r) =>
          pts.map((p, c) => (r * 7 + c * 3 + salt) % (p + 3)),
        );
        const spilled = scoreSum(rows, row(pts)).map((r) => r.map(unprefixed));
        expect(spilled).toEqual(rows.map((r) => scoreSum(row(r), row(pts))[0]));
      }),
      { seed: SEED, numRuns: 100 },
    );
  });
});

describe('SCORE.LINE', () => {
  it('scores a line of the built-in 方案 table exactly as SCORE.PARTYLINE does', () => {
    expect(scoreSchemeLine(row([100, 18, 60, 20, 55, 90]), [['P']], DEFAULT_ROWS)).toEqual([[343]]);
    const leaves = indexScheme(DEFAULT_SCHEME)
      .leaves('F')
      .map((i) => i.points);
    expect(scoreSchemeLine(row(leaves), [['F']], DEFAULT_ROWS)).toEqual([[630]]);
  });
  it('a custom scheme: top-level (2) or leaf (6) order, the count decides', () => {
    expect(scoreSchemeLine(row([30, 50]), [['P']], CUSTOM_ROWS)).toEqual([[80]]);
    // Leaves in table order: P1.1 P1.2 P2.1 P2.2.1 P2.2.2 P2.3
    expect(scoreSchemeLine(row([15, 25, 10, 5, 15, 30]), [['P']], CUSTOM_ROWS)).toEqual([[100]]);
    expect(scoreSchemeLine(column([60, 30]), [['f']], CUSTOM_ROWS)).toEqual([[90]]);
  });
  it('names the item of the custom scheme for a score above its points', () => {
    expectCellError(
      scoreSchemeLine(row([15, 25, 10, 6, 15, 30]), [['P']], CUSTOM_ROWS)[0]![0],
      '#VALUE!',
      /P2\.2\.1.*上门服务.*6.*5/,
    );
  });
  it('the wrong count says what the line needs', () => {
    expectCellError(
      scoreSchemeLine(row([1, 2, 3]), [['P']], CUSTOM_ROWS)[0]![0],
      '#VALUE!',
      /综合线需要 2 或 6 个得分/,
    );
  });
  it('several rows: one result per row, an error in its own row', () => {
    const out = scoreSchemeLine(
      [
        [40, 60],
        [41, 0],
        [0, 0],
      ],
      [['P']],
      CUSTOM_ROWS,
    );
    expect(out[0]).toEqual([100]);
    expectCellError(out[1]![0], '#VALUE!', /第 2 行.*P1/);
    expect(out[2]).toEqual([0]);
  });
  it('an unknown line lists the lines of the scheme', () => {
    expectCellError(
      scoreSchemeLine(row([1]), [['Z']], CUSTOM_ROWS)[0]![0],
      '#VALUE!',
      /没有考核线“Z”.*P 综合线、F 业务线、D 部门/,
    );
    expectCellError(
      scoreSchemeLine(row([1]), [[null]], CUSTOM_ROWS)[0]![0],
      '#VALUE!',
      /缺少考核线代码/,
    );
    expectCellError(
      scoreSchemeLine(row([1]), [['P', 'F']], CUSTOM_ROWS)[0]![0],
      '#VALUE!',
      /单个考核线代码/,
    );
  });
  it('an error in the 方案 table is #VALUE! naming the first problem and its cell', () => {
    const broken = CUSTOM_ROWS.map((r) => [...r]);
    broken[5]![6] = 'x'; // P1.2's points (column G, row 6)
    expectCellError(
      scoreSchemeLine(row([1, 1]), [['P']], broken)[0]![0],
      '#VALUE!',
      /方案!G6.*“分值”的值“x”不是数字/,
    );
    const badSum = CUSTOM_ROWS.map((r) => [...r]);
    badSum[2]![6] = 90; // line P says 90 but its items add up to 100
    expectCellError(
      scoreSchemeLine(row([1, 1]), [['P']], badSum)[0]![0],
      '#VALUE!',
      /方案表有误（方案!G3/,
    );
    expectCellError(
      scoreSchemeLine(row([1, 1]), [['P']], [['x', 'y']])[0]![0],
      '#VALUE!',
      /方案!A1.*缺少“类型”列/,
    );
  });
  it('parses the 方案 table once for many calls with the same content (memoised, bounded)', () => {
    const before = schemeParseCount();
    const copyOf = () => CUSTOM_ROWS.map((r) => [...r]); // Excel hands every call a fresh array
    for (let i = 0; i < 1000; i++) scoreSchemeLine(row([i % 40, 0]), [['P']], copyOf());
    expect(schemeParseCount() - before).toBeLessThanOrEqual(1);
    const afterLoop = schemeParseCount();
    // A changed table is parsed again, and gives its own answer.
    const edited = copyOf();
    edited[14]![6] = 40; // F2 30 → 40 … and F 100 → 110 to stay consistent
    edited[12]![6] = 110;
    expect(scoreSchemeLine(row([70, 40]), [['F']], edited)).toEqual([[110]]);
    expect(schemeParseCount()).toBe(afterLoop + 1);
    // Many different tables do not grow the cache without bound: the first is parsed again.
    for (let k = 0; k < 20; k++) {
      const other = copyOf();
      other[1]![4] = `方案 ${k}`;
      scoreSchemeLine(row([1, 1]), [['P']], other);
    }
    const mid = schemeParseCount();
    scoreSchemeLine(row([1, 1]), [['P']], copyOf());
    expect(schemeParseCount()).toBe(mid + 1);
  });

  // The same answer as the CLI (scoreLine / scoreUnit over readScheme's scheme), on generated scores.
  const lineOf = (code: string) => indexScheme(CUSTOM).line(code)!;
  const leavesOf = (code: string) => indexScheme(CUSTOM).leaves(code);
  const scoresFor = (items: readonly { points: number }[]) =>
    fc.tuple(
      ...items.map((it) =>
        fc.oneof(
          fc.integer({ min: 0, max: it.points }),
          fc.constant(null),
          fc.constantFrom(it.points / 2, it.points),
        ),
      ),
    );
  it.each(['P', 'F', 'D'])(
    'property: line %s from leaves equals the engine scoreLine of the same codes',
    (code) => {
      const leaves = leavesOf(code);
      fc.assert(
        fc.property(scoresFor(leaves), (values) => {
          const byCode = Object.fromEntries(leaves.map((it, i) => [it.code, values[i]]));
          expect(scoreSchemeLine(row(values), [[code]], CUSTOM_ROWS)).toEqual([
            [engineScoreLine(CUSTOM, code as 'P', byCode).score],
          ]);
        }),
        { seed: SEED, numRuns: 150 },
      );
    },
  );
  it.each(['P', 'F'])(
    'property: line %s from top-level items equals the engine scoreLine of parents entered alone',
    (code) => {
      const top = lineOf(code).items;
      fc.assert(
        fc.property(scoresFor(top), (values) => {
          const byCode = Object.fromEntries(top.map((it, i) => [it.code, values[i]]));
          expect(scoreSchemeLine(column(values), [[code]], CUSTOM_ROWS)).toEqual([
            [engineScoreLine(CUSTOM, code as 'P', byCode).score],
          ]);
        }),
        { seed: SEED, numRuns: 150 },
      );
    },
  );
  it('property: a score above its item is #VALUE! exactly when the engine reports that item', () => {
    const leaves = leavesOf('P');
    fc.assert(
      fc.property(
        scoresFor(leaves),
        fc.nat(),
        fc.integer({ min: 1, max: 9 }),
        (values, pick, over) => {
          const at = pick % leaves.length;
          const bad = [...values];
          bad[at] = leaves[at]!.points + over;
          const byCode = Object.fromEntries(leaves.map((it, i) => [it.code, bad[i]]));
          const engine = engineScoreLine(CUSTOM, 'P', byCode);
          expect(engine.score).toBeNull();
          expect(engine.problems.map((p) => p.field)).toEqual([leaves[at]!.code]);
          const cell = scoreSchemeLine(row(bad), [['P']], CUSTOM_ROWS)[0]![0];
          expect(
            isCellError(cell, '#VALUE!', new RegExp(`${leaves[at]!.code.replace(/\./g, '\\.')} `)),
          ).toBe(true);
        },
      ),
      { seed: SEED, numRuns: 100 },
    );
  });
});

describe('SCORE.CLASSRANK', () => {
  const totals = column([950, 940, 930, 960, 940, 900]);
  const classes = column(['一类', '一类', '二类', '二类', '一类', '农场']);
  it('ranks within each class, RANK.EQ ties (whole column spills)', () => {
    expect(scoreClassRank(totals, totals, classes)).toEqual([[1], [2], [2], [1], [2], [1]]);
  });
  it('a single score takes the class of the units with that score', () => {
    expect(scoreClassRank([[930]], totals, classes)).toEqual([[2]]);
    expect(scoreClassRank([[940]], totals, classes)).toEqual([[2]]);
  });
  it('a single score found in two classes with different ranks asks for the whole column', () => {
    const t = column([950, 960, 950]);
    const c = column([1, 1, 2]);
    expectCellError(scoreClassRank([[950]], t, c)[0]![0], '#VALUE!', /950.*1、2.*整列/);
    // …but the same rank in both classes is simply that rank.
    expect(scoreClassRank([[950]], column([950, 950]), column([1, 2]))).toEqual([[1]]);
  });
  it('class labels: numbers and text alike, 1 and "1" one class', () => {
    expect(scoreClassRank(column([10, 20, 30]), column([10, 20, 30]), column([1, '1', 2]))).toEqual(
      [[2], [1], [1]],
    );
  });
  it('vetoed units are not ranked and do not push others down; SCORE.TOTAL text likewise', () => {
    const vetoed = column([false, true, false, false, false, false]);
    expect(scoreClassRank(totals, totals, classes, vetoed)).toEqual([
      [1],
      [VETOED_TEXT],
      [2],
      [1],
      [2],
      [1],
    ]);
    const list = column([950, VETOED_TEXT, 940]);
    expect(scoreClassRank(list, list, column(['A', 'A', 'A']))).toEqual([[1], [VETOED_TEXT], [2]]);
  });
  it('blank value #N/A, blank class #N/A, text #VALUE!, wrong sizes #VALUE!', () => {
    expectCellError(scoreClassRank([[null]], totals, classes)[0]![0], '#N/A', /没有分数/);
    const out = scoreClassRank(column([10, 20]), column([10, 20]), column(['A', null]));
    expect(out[0]).toEqual([1]);
    expectCellError(out[1]![0], '#N/A', /类别为空/);
    expectCellError(scoreClassRank([['abc']], totals, classes)[0]![0], '#VALUE!', /abc/);
    expectCellError(
      scoreClassRank([[950]], totals, column(['一类']))[0]![0],
      '#VALUE!',
      /classes.*1×1.*6×1/,
    );
    expectCellError(
      scoreClassRank([[950]], totals, classes, column([true]))[0]![0],
      '#VALUE!',
      /vetoed.*1×1.*6×1/,
    );
    expectCellError(scoreClassRank([[999]], totals, classes)[0]![0], '#N/A', /999/);
  });

  it('property: equals SCORE.RANK applied to each class subset', () => {
    const unit = fc.record({
      score: fc.oneof(
        { weight: 6, arbitrary: fc.integer({ min: 880, max: 900 }) },
        { weight: 1, arbitrary: fc.constant<number | null>(null) },
      ),
      cls: fc.constantFrom<unknown>('一类', '二类', '农场', 1, 2),
      vetoed: fc.boolean(),
    });
    fc.assert(
      fc.property(fc.array(unit, { minLength: 1, maxLength: 30 }), (units) => {
        const values = column(units.map((u) => u.score));
        const got = scoreClassRank(
          values,
          values,
          column(units.map((u) => u.cls)),
          column(units.map((u) => u.vetoed)),
        );
        const key = (c: unknown) => String(c);
        units.forEach((u, i) => {
          const mates = units.filter((m) => key(m.cls) === key(u.cls));
          const j = mates.indexOf(u);
          const sub = column(mates.map((m) => m.score));
          const want = scoreRank(sub, sub, column(mates.map((m) => m.vetoed)))[j]![0];
          expect(unprefixed(got[i]![0])).toEqual(unprefixed(want));
        });
      }),
      { seed: SEED, numRuns: 200 },
    );
  });
});

describe('SCORE.TOTAL with a scheme', () => {
  it('without scheme the built-in limits stay (370/630), results unchanged', () => {
    expect(scoreTotal([[350]], [[600]], [[10]], [[20]])).toEqual([[940]]);
    expectCellError(scoreTotal([[371]], [[600]])[0]![0], '#VALUE!', /党政线.*371.*370/);
    expect(
      scoreTotal([[350]], [[600]], null as never, null as never, null as never, null as never),
    ).toEqual([[950]]);
  });
  it('with the built-in 方案 table: the same answers', () => {
    expect(scoreTotal([[350]], [[600]], [[10]], [[20]], null as never, DEFAULT_ROWS)).toEqual([
      [940],
    ]);
    expectCellError(
      scoreTotal(
        [[350]],
        [[631]],
        null as never,
        null as never,
        null as never,
        DEFAULT_ROWS,
      )[0]![0],
      '#VALUE!',
      /人口计生线.*631.*630/,
    );
  });
  it("with a custom scheme: the limits are its first two town lines' points", () => {
    expect(scoreTotal([[100]], [[100]], [[5]], null as never, null as never, CUSTOM_ROWS)).toEqual([
      [205],
    ]);
    expectCellError(
      scoreTotal([[101]], [[0]], null as never, null as never, null as never, CUSTOM_ROWS)[0]![0],
      '#VALUE!',
      /综合线得分 101 超过满分 100/,
    );
    expectCellError(
      scoreTotal([[100]], [[350]], null as never, null as never, null as never, CUSTOM_ROWS)[0]![0],
      '#VALUE!',
      /业务线得分 350 超过满分 100/,
    );
    const out = scoreTotal(
      column([90, 100]),
      column([80, 101]),
      null as never,
      null as never,
      column([false, false]),
      CUSTOM_ROWS,
    );
    expect(out[0]).toEqual([170]);
    expectCellError(out[1]![0], '#VALUE!', /第 2 行.*业务线/);
  });
  it('a scheme with one town line takes fp blank or 0; a scheme with none says so', () => {
    const one: CellValue[][] = [
      ['类型', '代码', '项目', '分值', '所属'],
      ['线', 'P', '总线', 100, null],
      ['指标', 'P1', '全部', 100, 'P'],
    ];
    expect(scoreTotal([[90]], [[null]], null as never, null as never, null as never, one)).toEqual([
      [90],
    ]);
    expectCellError(
      scoreTotal([[90]], [[5]], null as never, null as never, null as never, one)[0]![0],
      '#VALUE!',
      /只有一条乡镇考核线.*fp/,
    );
    const deptOnly: CellValue[][] = [
      ['类型', '代码', '项目', '分值', '所属'],
      ['线', 'D', '部门', 100, null],
      ['指标', 'D1', '全部', 100, 'D'],
    ];
    expectCellError(
      scoreTotal([[90]], [[0]], null as never, null as never, null as never, deptOnly)[0]![0],
      '#VALUE!',
      /没有乡镇考核线/,
    );
  });
  it('a broken scheme is one #VALUE! naming its cell', () => {
    const broken = CUSTOM_ROWS.map((r) => [...r]);
    broken[3]![1] = '指';
    const out = scoreTotal(
      column([1, 2]),
      column([1, 2]),
      null as never,
      null as never,
      null as never,
      broken,
    );
    expect(out).toHaveLength(1);
    expectCellError(out[0]![0], '#VALUE!', /方案!B4.*类型“指”无效/);
  });
});

describe('functions over a scheme of another shape (lines A and B weighted 6:4, class 农场 skips A2)', () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const fixture = require('../fixtures/schemes/good-weighted-farm.json') as { rows: CellValue[][] };
  const rows = fixture.rows;
  const scheme = readScheme({ name: '方案', values: rows }).scheme!;
  it('SCORE.LINE gives the engine\'s line score for line A and B', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 60 }), fc.integer({ min: 0, max: 40 }), (a1, a2) => {
        const got = scoreSchemeLine(row([a1, a2]), [['A']], rows)[0]![0];
        return got === engineScoreLine(scheme, 'A', { A1: a1, A2: a2 }).score;
      }),
      { seed: SEED, numRuns: 100 },
    );
    expect(scoreSchemeLine(row([40, 60]), [['B']], rows)[0]![0]).toBe(100);
  });
  it('SCORE.TOTAL with the scheme weighs the lines 0.6 / 0.4 (80 and 90 → 84)', () => {
    expect(scoreTotal([[80]], [[90]], null as never, null as never, null as never, rows)[0]![0]).toBe(84);
    expect(scoreTotal([[80]], [[90]], [[5]], [[2]], null as never, rows)[0]![0]).toBe(87);
  });
});
