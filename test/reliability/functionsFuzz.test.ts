/**
 * Issue 7: every custom function, fed anything Excel (or a hostile workbook) can hand it, returns a
 * matrix of plain values or `CustomFunctions.Error`s with a message: it never throws, never returns
 * NaN, Infinity, null or undefined in any cell, never hides a crash behind "internal error", and
 * answers a 50,000-row range in bounded time.
 */
import fc from 'fast-check';
import {
  scoreBonus,
  scoreClassRank,
  scoreDeduct,
  scoreDept,
  scoreFpLine,
  scorePartyLine,
  scoreRank,
  scoreRate,
  scoreSchemeLine,
  scoreSum,
  scoreTotal,
  vetoCheck,
} from '../../src/functions/functions';
import { schemeRows } from '../../src/engine/ledger/schemeSheet';
import { DEFAULT_SCHEME } from '../../src/engine';
import { installCustomFunctionsStub, StubCfError } from '../functions/cfStub';
import { SEED, anyCell } from './hostile';

installCustomFunctionsStub();

type Fn = (...args: never[]) => unknown;

/** Each function by its published id, with how many parameters it takes (optional ones included). */
const FUNCTIONS: readonly { id: string; fn: Fn; arity: number }[] = [
  { id: 'SCORE.PARTYLINE', fn: scorePartyLine, arity: 1 },
  { id: 'SCORE.FPLINE', fn: scoreFpLine, arity: 1 },
  { id: 'SCORE.DEPT', fn: scoreDept, arity: 1 },
  { id: 'SCORE.TOTAL', fn: scoreTotal, arity: 6 },
  { id: 'SCORE.RANK', fn: scoreRank, arity: 4 },
  { id: 'SCORE.BONUS', fn: scoreBonus, arity: 2 },
  { id: 'SCORE.DEDUCT', fn: scoreDeduct, arity: 3 },
  { id: 'SCORE.RATE', fn: scoreRate, arity: 4 },
  { id: 'VETO.CHECK', fn: vetoCheck, arity: 3 },
  { id: 'SCORE.SUM', fn: scoreSum, arity: 2 },
  { id: 'SCORE.LINE', fn: scoreSchemeLine, arity: 3 },
  { id: 'SCORE.CLASSRANK', fn: scoreClassRank, arity: 4 },
];

/** The built-in 方案 table, as SCORE.LINE and SCORE.TOTAL take it, and copies with hostile cells planted. */
const SCHEME_TABLE = schemeRows(DEFAULT_SCHEME);

/** Error values as the runtime hands them to an `any` parameter when errors are allowed in. */
const excelErrors = fc
  .constantFrom('#DIV/0!', '#N/A', '#VALUE!', '#REF!', '#NAME?', '#NUM!', '#NULL!')
  .map((code) => new StubCfError(code, 'from a cell'));

/** Plausible cells too, so the fuzz reaches the engine and not only the argument checks. */
const plausible = fc.oneof(
  fc.integer({ min: 0, max: 20 }),
  fc.double({ min: 0, max: 100, noNaN: true }),
  fc.constantFrom<unknown>(
    'B1',
    'B2',
    'B2C',
    'X3',
    'X5',
    'X5D',
    'x9',
    '市级',
    '省级',
    '国家级',
    'national',
    '>=',
    '<=',
    '≥',
    '96%',
    '95',
    '0.95',
    '6.07‰',
    '一票否决 vetoed',
    '是',
    '否',
    'TRUE',
    'P',
    'F',
    'D',
    '一类',
    '农场',
  ),
);

const cell: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: plausible },
  { weight: 4, arbitrary: anyCell },
  { weight: 1, arbitrary: excelErrors },
  {
    weight: 1,
    arbitrary: fc.constantFrom<unknown>(
      undefined,
      {},
      { type: 'Double', basicValue: 1 },
      [1, 2],
      [[3]],
      new Date(0),
      Symbol.for('x'),
      10n,
    ),
  },
);

/** A row of one of the lengths the line functions accept, or any length. */
const row = fc
  .oneof(fc.constantFrom(1, 4, 6, 8, 11, 25), fc.integer({ min: 0, max: 30 }))
  .chain((n) => fc.array(cell, { minLength: n, maxLength: n }));

/** An argument: a matrix (ragged rows allowed), a row, a column, a scalar, nested arrays, empty ranges, omitted. */
const argument: fc.Arbitrary<unknown> = fc.oneof(
  {
    weight: 1,
    arbitrary: fc.array(fc.tuple(fc.nat(), fc.nat(), cell), { maxLength: 3 }).map((plants) => {
      const table = SCHEME_TABLE.map((r) => [...r] as unknown[]);
      for (const [r, c, x] of plants) table[r % table.length]![c % table[0]!.length] = x;
      return table;
    }),
  },
  { weight: 4, arbitrary: fc.array(row, { minLength: 1, maxLength: 4 }) },
  { weight: 2, arbitrary: cell.map((c) => [[c]]) },
  {
    weight: 1,
    arbitrary: fc.array(cell, { minLength: 1, maxLength: 12 }).map((xs) => xs.map((x) => [x])),
  },
  { weight: 1, arbitrary: cell },
  {
    weight: 1,
    arbitrary: fc.array(fc.array(fc.array(cell, { maxLength: 3 }), { maxLength: 3 }), {
      maxLength: 3,
    }),
  },
  {
    weight: 1,
    arbitrary: fc.constantFrom<unknown>(
      [[]],
      [],
      [[], []],
      null,
      undefined,
      [[null]],
      [[undefined]],
    ),
  },
);

/** What is wrong with a result, or [] when it is sound. */
function resultProblems(result: unknown): string[] {
  const problems: string[] = [];
  if (!Array.isArray(result) || result.length === 0)
    return [`not a non-empty matrix: ${String(result)}`];
  result.forEach((r: unknown, i) => {
    if (!Array.isArray(r) || r.length === 0) {
      problems.push(`row ${i} is not a non-empty array`);
      return;
    }
    r.forEach((v: unknown, j) => {
      const at = `[${i}][${j}]`;
      if (v instanceof StubCfError) {
        if (!['#VALUE!', '#N/A'].includes(v.code))
          problems.push(`${at} error ${v.code} cannot carry a message in Excel`);
        if (typeof v.message !== 'string' || v.message.trim() === '')
          problems.push(`${at} error without a message`);
        else if (/内部错误|internal error/.test(v.message))
          problems.push(`${at} a crash surfaced as a cell error: ${v.message.slice(0, 200)}`);
        else if (/undefined|\[object/.test(v.message.replace(/“[^”]*”|"[^"]*"/g, '')))
          problems.push(`${at} message leaks JS: ${v.message.slice(0, 200)}`);
      } else if (typeof v === 'number') {
        if (!Number.isFinite(v)) problems.push(`${at} = ${v}`);
      } else if (typeof v !== 'string' && typeof v !== 'boolean') {
        problems.push(`${at} is ${v === null ? 'null' : typeof v}`);
      }
    });
  });
  return problems;
}

/** Bounds that catch a hang or a quadratic loop, not a slow machine (these tests share 2 cores). */
const MS_PER_SMALL_CALL = 2_000;
const MS_PER_50K_CALL = 20_000;
jest.setTimeout(120_000);

function callSafely(id: string, fn: Fn, args: unknown[]): string[] {
  const t0 = performance.now();
  let result: unknown;
  try {
    result = (fn as (...a: unknown[]) => unknown)(...args);
  } catch (e) {
    return [`${id} threw ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}`];
  }
  const ms = performance.now() - t0;
  const problems = resultProblems(result).map((p) => `${id}: ${p}`);
  if (ms > MS_PER_SMALL_CALL) problems.push(`${id}: took ${Math.round(ms)} ms`);
  return problems;
}

describe.each(FUNCTIONS)(
  '$id never throws, never answers NaN/Infinity/null, always explains its errors',
  ({ id, fn, arity }) => {
    it('with arbitrary arguments (fixed seed)', () => {
      fc.assert(
        fc.property(fc.array(argument, { minLength: 0, maxLength: arity + 1 }), (args) => {
          expect(callSafely(id, fn, args)).toEqual([]);
        }),
        { seed: SEED, numRuns: 150, endOnFailure: true },
      );
    });

    it('with extreme numbers in every position', () => {
      const extremes = [
        NaN,
        Infinity,
        -Infinity,
        -0,
        1e308,
        -1e308,
        Number.MAX_VALUE,
        Number.MIN_VALUE,
        5e-324,
        2 ** 53 + 1,
      ];
      const problems: string[] = [];
      for (let pos = 0; pos < arity; pos++) {
        for (const x of extremes) {
          for (const base of [1, 0.5, 95, 20]) {
            const args: unknown[] = Array.from({ length: arity }, () => [[base]]);
            args[pos] = [[x]];
            problems.push(
              ...callSafely(id, fn, args).map(
                (p) => `${p} (argument ${pos + 1} = ${x}, others ${base})`,
              ),
            );
          }
        }
      }
      expect(problems).toEqual([]);
    });

    it('with 100,000 characters of text and injection strings', () => {
      const texts = [
        '考'.repeat(100_000),
        '=HYPERLINK("http://x","y")',
        "+cmd|' /C calc'!A0",
        '@SUM(1)',
        '-2+3',
        '\u001b[31m',
      ];
      const problems: string[] = [];
      for (let pos = 0; pos < arity; pos++) {
        for (const t of texts) {
          const args: unknown[] = Array.from({ length: arity }, () => [[1]]);
          args[pos] = [[t]];
          problems.push(...callSafely(id, fn, args));
        }
      }
      expect(problems).toEqual([]);
      // A long text is clipped in messages, not echoed whole into a cell's error flyout.
      const out = (fn as (...a: unknown[]) => unknown[][])(
        ...Array.from({ length: arity }, () => [['考'.repeat(100_000)]]),
      );
      for (const v of out.flat())
        if (v instanceof StubCfError) expect((v.message ?? '').length).toBeLessThan(2_000);
    });
  },
);

describe('50,000-row ranges, bounded in time', () => {
  const N = 50_000;
  /** Deterministic rows with a few hostile cells sprinkled in. */
  const rows = (width: number, value: (r: number, c: number) => unknown) =>
    Array.from({ length: N }, (_, r) => Array.from({ length: width }, (_, c) => value(r, c)));
  const sprinkle = (r: number, c: number, ok: unknown): unknown =>
    r % 997 === 0 ? [NaN, 'abc', null, '#DIV/0!', true, -1, 1e308][(r + c) % 7] : ok;

  it.each([
    ['SCORE.PARTYLINE', 6, scorePartyLine],
    ['SCORE.FPLINE', 25, scoreFpLine],
    ['SCORE.DEPT', 4, scoreDept],
  ] as const)('%s over 50,000 × %i', (id, width, fn) => {
    const input = rows(width, (r, c) => sprinkle(r, c, (r + c) % 5));
    const t0 = performance.now();
    const out = fn(input);
    const ms = performance.now() - t0;
    expect(out).toHaveLength(N);
    expect(resultProblems(out)).toEqual([]);
    expect(ms).toBeLessThan(MS_PER_50K_CALL);
  });

  it('VETO.CHECK, SCORE.TOTAL, SCORE.RATE, SCORE.BONUS, SCORE.DEDUCT over 50,000-row columns', () => {
    const col = (f: (r: number) => unknown) => rows(1, (r) => f(r));
    const cases: [string, Fn, unknown[]][] = [
      ['VETO.CHECK', vetoCheck, [col((r) => sprinkle(r, 0, 90 + (r % 10))), [[95]]]],
      [
        'SCORE.TOTAL',
        scoreTotal,
        [
          col((r) => sprinkle(r, 1, r % 370)),
          col((r) => r % 630),
          [[5]],
          null,
          col((r) => r % 50 === 0),
        ],
      ],
      ['SCORE.RATE', scoreRate, [col((r) => sprinkle(r, 2, 80 + (r % 20))), [[96]], [[50]], null]],
      ['SCORE.BONUS', scoreBonus, [[['B1']], col((r) => sprinkle(r, 3, r % 3))]],
      ['SCORE.DEDUCT', scoreDeduct, [[['X3']], col((r) => sprinkle(r, 4, r % 2)), [[15]]]],
    ];
    for (const [id, fn, args] of cases) {
      const t0 = performance.now();
      const out = (fn as (...a: unknown[]) => unknown[][])(...args);
      const ms = performance.now() - t0;
      expect({ id, rows: out.length }).toEqual({ id, rows: N });
      expect({ id, problems: resultProblems(out).slice(0, 5) }).toEqual({ id, problems: [] });
      expect({ id, slow: ms > MS_PER_50K_CALL }).toEqual({ id, slow: false });
    }
  });

  it('SCORE.SUM, SCORE.LINE and SCORE.CLASSRANK over 50,000 rows', () => {
    const classes = rows(1, (r) => ['一类', '二类', '农场'][r % 3]);
    const totals = rows(1, (r) => sprinkle(r, 0, (r * 7919) % 1000));
    const cases: [string, Fn, unknown[]][] = [
      [
        'SCORE.SUM',
        scoreSum,
        [rows(6, (r, c) => sprinkle(r, c, (r + c) % 5)), [[100, 20, 70, 20, 60, 100]]],
      ],
      [
        'SCORE.LINE',
        scoreSchemeLine,
        [rows(6, (r, c) => sprinkle(r, c, (r + c) % 5)), [['P']], SCHEME_TABLE],
      ],
      ['SCORE.CLASSRANK', scoreClassRank, [totals, totals, classes]],
    ];
    for (const [id, fn, args] of cases) {
      const t0 = performance.now();
      const out = (fn as (...a: unknown[]) => unknown[][])(...args);
      const ms = performance.now() - t0;
      expect({ id, rows: out.length }).toEqual({ id, rows: N });
      expect({ id, problems: resultProblems(out).slice(0, 5) }).toEqual({ id, problems: [] });
      expect({ id, slow: ms > MS_PER_50K_CALL }).toEqual({ id, slow: false });
    }
  });

  it('SCORE.RANK of a 50,000-row column against itself (no quadratic lookup)', () => {
    const values = rows(1, (r) => sprinkle(r, 0, (r * 7919) % 1000));
    const t0 = performance.now();
    const out = scoreRank(values, values);
    const ms = performance.now() - t0;
    expect(out).toHaveLength(N);
    expect(resultProblems(out).slice(0, 5)).toEqual([]);
    expect(ms).toBeLessThan(MS_PER_50K_CALL);
  });
});
