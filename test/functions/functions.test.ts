import { DEFAULT_SCHEME, indexScheme } from '../../src/engine';
import {
  scoreBonus,
  scoreDeduct,
  scoreDept,
  scoreFpLine,
  scorePartyLine,
  scoreRank,
  scoreRate,
  scoreTotal,
  vetoCheck,
} from '../../src/functions/functions';
import { VETOED_TEXT } from '../../src/functions/cells';
import { expectCellError, installCustomFunctionsStub } from './cfStub';

installCustomFunctionsStub();

const idx = indexScheme(DEFAULT_SCHEME);
const top = (line: 'P' | 'F' | 'D') => idx.line(line)!.items.map((i) => i.points);
const leaves = (line: 'P' | 'F' | 'D') => idx.leaves(line).map((i) => i.points);
const row = (values: unknown[]) => [values];
const column = (values: unknown[]) => values.map((v) => [v]);

describe('SCORE.PARTYLINE', () => {
  it('sums the 6 top-level items in a row', () => {
    expect(scorePartyLine(row([100, 18, 60, 20, 55, 90]))).toEqual([[343]]);
  });
  it('sums the 11 leaf items, and full marks give 370', () => {
    expect(scorePartyLine(row(leaves('P')))).toEqual([[370]]);
    expect(leaves('P')).toHaveLength(11);
  });
  it('reads a column as one unit', () => {
    expect(scorePartyLine(column(top('P')))).toEqual([[370]]);
  });
  it('spills one total per row, with an error only in the bad row', () => {
    const out = scorePartyLine([top('P'), [100, 25, 70, 20, 60, 100], [90, 20, 70, 20, 60, 100]]);
    expect(out).toHaveLength(3);
    expect(out[0]).toEqual([370]);
    expectCellError(out[1]![0], '#VALUE!', /第 2 行.*P2.*25.*20/);
    expect(out[2]).toEqual([360]);
  });
  it('blank cells count 0 (null on the web, "" from a text cell)', () => {
    expect(scorePartyLine(row([100, null, '', 20, null, 100]))).toEqual([[220]]);
  });
  it('names the item for above-points, negative and non-numeric values', () => {
    expectCellError(scorePartyLine(row([100, 20, 20, 20, 20, 10, 20, 60, 81, 10, 10]))[0]![0], '#VALUE!', /P6\.1.*81.*80/);
    expectCellError(scorePartyLine(row([-1, 20, 70, 20, 60, 100]))[0]![0], '#VALUE!', /P1.*负数.*negative/);
    expectCellError(scorePartyLine(row([100, 'abc', 70, 20, 60, 100]))[0]![0], '#VALUE!', /P2.*abc/);
  });
  it('says how many values are expected when the count is wrong', () => {
    expectCellError(scorePartyLine(row([1, 2, 3]))[0]![0], '#VALUE!', /6 或 11.*3/);
  });
  it('accepts exact boundaries: 0 and full points', () => {
    expect(scorePartyLine(row([0, 0, 0, 0, 0, 0]))).toEqual([[0]]);
    expect(scorePartyLine(row([100, 20, 70, 20, 60, 100]))).toEqual([[370]]);
  });
  it('does not change its input', () => {
    const input = [[100, 20, 70, 20, 60, 100]];
    const copy = JSON.parse(JSON.stringify(input));
    scorePartyLine(input);
    expect(input).toEqual(copy);
  });
});

describe('SCORE.FPLINE and SCORE.DEPT', () => {
  it('FP: 8 top-level or 25 leaves; full marks 630', () => {
    expect(scoreFpLine(row(top('F')))).toEqual([[630]]);
    expect(scoreFpLine(row(leaves('F')))).toEqual([[630]]);
    expect(leaves('F')).toHaveLength(25);
    expectCellError(scoreFpLine(row([1]))[0]![0], '#VALUE!', /8 或 25/);
  });
  it('FP names a leaf above its points (F4.2 has 28)', () => {
    const v = leaves('F');
    const at = idx.leaves('F').findIndex((i) => i.code === 'F4.2');
    v[at] = 29;
    expectCellError(scoreFpLine(row(v))[0]![0], '#VALUE!', /F4\.2/);
  });
  it('DEPT: D1–D4, row, column and rows', () => {
    expect(scoreDept(row([30, 20, 20, 30]))).toEqual([[100]]);
    expect(scoreDept(column([25, 20, 15, 30]))).toEqual([[90]]);
    const out = scoreDept([
      [30, 20, 20, 30],
      [31, 20, 20, 30],
    ]);
    expect(out[0]).toEqual([100]);
    expectCellError(out[1]![0], '#VALUE!', /D1.*31.*30/);
  });
});

describe('SCORE.TOTAL', () => {
  it('party + fp + bonus − deduction', () => {
    expect(scoreTotal([[350]], [[600]], [[10]], [[20]], undefined)).toEqual([[940]]);
  });
  it('optional arguments may be omitted (null, as Excel passes them)', () => {
    expect(scoreTotal([[350]], [[600]], null as never, null as never, null as never)).toEqual([[950]]);
    expect(scoreTotal([[350]], [[600]])).toEqual([[950]]);
  });
  it('a deduction counts by its size whatever its sign', () => {
    expect(scoreTotal([[350]], [[600]], [[0]], [[-20]])).toEqual([[930]]);
  });
  it('a vetoed unit gets no total', () => {
    expect(scoreTotal([[350]], [[600]], null as never, null as never, [[true]])).toEqual([[VETOED_TEXT]]);
    expect(scoreTotal([[350]], [[600]], null as never, null as never, [['是']])).toEqual([[VETOED_TEXT]]);
    expect(scoreTotal([[350]], [[600]], null as never, null as never, [[false]])).toEqual([[950]]);
    expect(scoreTotal([[350]], [[600]], null as never, null as never, [[0]])).toEqual([[950]]);
  });
  it('computes row by row over columns, single cells applying to every row', () => {
    const out = scoreTotal(column([350, 300, 371]), column([600, 500, 600]), [[5]], column([0, 10, 0]), column([false, true, false]));
    expect(out[0]).toEqual([955]);
    expect(out[1]).toEqual([VETOED_TEXT]);
    expectCellError(out[2]![0], '#VALUE!', /第 3 行.*党政线.*371.*370/);
  });
  it('blank = 0', () => {
    expect(scoreTotal([[null]], [[600]], [['']], [[null]])).toEqual([[600]]);
  });
  it('rejects a negative bonus, a negative line score and text', () => {
    expectCellError(scoreTotal([[350]], [[600]], [[-5]])[0]![0], '#VALUE!', /加分.*负数/);
    expectCellError(scoreTotal([[350]], [[-1]])[0]![0], '#VALUE!', /人口计生线.*负数/);
    expectCellError(scoreTotal([[350]], [[631]])[0]![0], '#VALUE!', /630/);
    expectCellError(scoreTotal([['x']], [[600]])[0]![0], '#VALUE!', /党政线.*x/);
    expectCellError(scoreTotal([[350]], [[600]], null as never, null as never, [['maybe']])[0]![0], '#VALUE!', /vetoed.*maybe/);
  });
  it('ranges of different sizes give one #VALUE! naming them', () => {
    const out = scoreTotal(column([1, 2, 3]), column([1, 2]));
    expect(out).toHaveLength(1);
    expectCellError(out[0]![0], '#VALUE!', /fp.*2×1.*party.*3×1/);
  });
});

describe('SCORE.RANK', () => {
  const totals = column([950, 940, 940, 900]);
  it('RANK.EQ ties: 1, 2, 2, 4', () => {
    expect(scoreRank(totals, totals)).toEqual([[1], [2], [2], [4]]);
    expect(scoreRank([[940]], totals)).toEqual([[2]]);
  });
  it('ascending when descending is FALSE', () => {
    expect(scoreRank([[900]], totals, null as never, [[false]])).toEqual([[1]]);
    expect(scoreRank([[950]], totals, null as never, [[false]])).toEqual([[4]]);
  });
  it('vetoed units are not ranked, do not push others down, and show the veto', () => {
    const vetoed = column([true, false, false, false]);
    expect(scoreRank(totals, totals, vetoed)).toEqual([[VETOED_TEXT], [1], [1], [3]]);
    // A single value of a vetoed unit: not among the ranked scores.
    expectCellError(scoreRank([[950]], totals, vetoed)[0]![0], '#N/A', /950.*vetoed/);
  });
  it("SCORE.TOTAL's veto text in the list is left out, and ranks as the veto", () => {
    const list = column([950, VETOED_TEXT, 900]);
    expect(scoreRank(list, list)).toEqual([[1], [VETOED_TEXT], [2]]);
  });
  it('works on a row of values too', () => {
    const r = row([10, 30, 20]);
    expect(scoreRank(r, r)).toEqual([[3, 1, 2]]);
  });
  it('blank value is #N/A, text is #VALUE!, bad shapes are #VALUE!', () => {
    expectCellError(scoreRank([[null]], totals)[0]![0], '#N/A', /没有分数/);
    expectCellError(scoreRank([['abc']], totals)[0]![0], '#VALUE!', /abc/);
    expectCellError(scoreRank([[950]], totals, column([true]))[0]![0], '#VALUE!', /vetoed.*1×1.*4×1/);
    expectCellError(scoreRank([[950]], totals, null as never, column([true, false]))[0]![0], '#VALUE!', /descending/);
  });
});

describe('SCORE.BONUS', () => {
  it('B1: 20 each', () => {
    expect(scoreBonus([['B1']], [[2]])).toEqual([[40]]);
    expect(scoreBonus([['b1']], [[null]])).toEqual([[0]]);
  });
  it('B2 by level, once', () => {
    expect(scoreBonus([['B2']], column(['市级', '省级', '国家级', 'city', 2, 3]))).toEqual(column([5, 7, 10, 5, 7, 10]));
  });
  it('B2C/B2P/B2N with a count', () => {
    expect(scoreBonus(column(['B2C', 'B2P', 'B2N']), [[3]])).toEqual(column([15, 21, 30]));
  });
  it('errors: deduction code, unknown code, missing code, bad level, fractional count', () => {
    expectCellError(scoreBonus([['X1']], [[1]])[0]![0], '#VALUE!', /X1.*SCORE\.DEDUCT/);
    expectCellError(scoreBonus([['Z9']], [[1]])[0]![0], '#VALUE!', /Z9/);
    expectCellError(scoreBonus([[null]], [[1]])[0]![0], '#VALUE!', /缺少/);
    expectCellError(scoreBonus([['B2']], [['县级']])[0]![0], '#VALUE!', /B2.*县级/);
    expectCellError(scoreBonus([['B1']], [[1.5]])[0]![0], '#VALUE!', /B1.*1\.5/);
  });
});

describe('SCORE.DEDUCT', () => {
  it.each([
    ['X1', 2, null, 40],
    ['X2', 1, null, 15],
    ['X3', 2, 25, 50],
    ['X3', 1, 10, 10],
    ['X3', 1, 30, 30],
    ['X4', 3, null, 15],
    ['X5', 3, 1, 20],
    ['X5', 3, null, 15],
    ['X6', 1, null, 5],
    ['X1', null, null, 0],
  ])('%s × %p (extra %p) = %p', (code, count, extra, points) => {
    expect(scoreDeduct([[code]], [[count]], extra === null ? undefined : [[extra]])).toEqual([[points]]);
  });
  it('X3 outside 10–30 and X5 doubled above the cases are errors naming the code', () => {
    expectCellError(scoreDeduct([['X3']], [[1]], [[31]])[0]![0], '#VALUE!', /X3.*10–30/);
    expectCellError(scoreDeduct([['X3']], [[1]], [[9]])[0]![0], '#VALUE!', /X3/);
    expectCellError(scoreDeduct([['X3']], [[1]])[0]![0], '#VALUE!', /X3/);
    expectCellError(scoreDeduct([['X5']], [[1]], [[2]])[0]![0], '#VALUE!', /X5D.*2.*1/);
  });
  it('a third argument where none belongs is an error, not ignored', () => {
    expectCellError(scoreDeduct([['X1']], [[1]], [[5]])[0]![0], '#VALUE!', /X1.*第三个参数/);
  });
  it('a bonus code is refused', () => {
    expectCellError(scoreDeduct([['B1']], [[1]])[0]![0], '#VALUE!', /B1.*SCORE\.BONUS/);
  });
  it('spills over a column of counts', () => {
    expect(scoreDeduct([['X4']], column([0, 1, 2]))).toEqual(column([0, 5, 10]));
  });
});

describe('SCORE.RATE', () => {
  it('full points at or above target', () => {
    expect(scoreRate([[96]], [[96]], [[50]])).toEqual([[50]]);
    expect(scoreRate([['97%']], [[0.96]], [[50]])).toEqual([[50]]);
  });
  it('proportional when short, or per percentage point when given', () => {
    expect(scoreRate([[48]], [[96]], [[50]])).toEqual([[25]]);
    expect(scoreRate([[90]], [[96]], [[50]], [[2]])).toEqual([[38]]);
    expect(scoreRate([[50]], [[96]], [[50]], [[5]])).toEqual([[0]]);
  });
  it('blank rate is #N/A; mixed scales #VALUE!', () => {
    expectCellError(scoreRate([[null]], [[96]], [[50]])[0]![0], '#N/A', /空/);
    expectCellError(scoreRate([[0.9]], [[96]], [[50]])[0]![0], '#VALUE!', /刻度.*scale/);
  });
  it('spills per row', () => {
    expect(scoreRate(column([96, 48]), [[96]], [[50]])).toEqual(column([50, 25]));
  });
});

describe('VETO.CHECK', () => {
  it('TRUE when missed, FALSE when met; equal is met', () => {
    expect(vetoCheck([[94.5]], [[95]])).toEqual([[true]]);
    expect(vetoCheck([[95]], [[95]])).toEqual([[false]]);
    expect(vetoCheck([[96]], [[95]])).toEqual([[false]]);
  });
  it('<= for lower-is-better figures, text rates', () => {
    expect(vetoCheck([['6.07‰']], [['6.30‰']], [['<=']])).toEqual([[false]]);
    expect(vetoCheck([['6.40‰']], [['6.30‰']], [['<=']])).toEqual([[true]]);
    expect(vetoCheck([['90.77%']], [['95%']])).toEqual([[true]]);
  });
  it('an empty direction cell (0 on desktop) is the default >=', () => {
    expect(vetoCheck([[94]], [[95]], [[0]])).toEqual([[true]]);
    expect(vetoCheck([[94]], [[95]], [[null]])).toEqual([[true]]);
  });
  it('blank is #N/A, scale mismatch is #VALUE! saying so, bad direction #VALUE!', () => {
    expectCellError(vetoCheck([[null]], [[95]])[0]![0], '#N/A', /空.*blank/);
    expectCellError(vetoCheck([[96]], [['']])[0]![0], '#N/A', /目标/);
    expectCellError(vetoCheck([[0.9077]], [[95]])[0]![0], '#VALUE!', /刻度.*different scales/);
    expectCellError(vetoCheck([[96]], [[95]], [['>>']])[0]![0], '#VALUE!', /方向/);
    expectCellError(vetoCheck([['abc']], [[95]])[0]![0], '#VALUE!', /abc/);
  });
  it('a ">=" figure or target of exactly 0 — what desktop Excel passes for a blank cell — is #N/A, never a veto', () => {
    expectCellError(vetoCheck([[0]], [[95]])[0]![0], '#N/A', /实际值.*空白或 0.*blank or 0/);
    expectCellError(vetoCheck([[0]], [[95]], [['>=']])[0]![0], '#N/A', /空白或 0/);
    expectCellError(vetoCheck([[0]], [[95]], [[0]])[0]![0], '#N/A', /空白或 0/);
    expectCellError(vetoCheck([['0%']], [['95%']])[0]![0], '#N/A', /空白或 0/);
    expectCellError(vetoCheck([[96]], [[0]])[0]![0], '#N/A', /目标值.*空白或 0.*target.*blank or 0/);
    expectCellError(vetoCheck([[0]], [[0]])[0]![0], '#N/A', /实际值和目标值/);
    const out = vetoCheck(column([96, 0, 94]), [[95]]);
    expect(out[0]).toEqual([false]);
    expectCellError(out[1]![0], '#N/A', /第 2 行.*空白或 0/);
    expect(out[2]).toEqual([true]);
  });
  it('a "<=" figure of 0 stays a figure (a birth rate of 0 meets any target)', () => {
    expect(vetoCheck([[0]], [[6.3]], [['<=']])).toEqual([[false]]);
    expect(vetoCheck([['0‰']], [['6.30‰']], [['<=']])).toEqual([[false]]);
  });
  it('rows spill, one answer per row, errors stay in their row', () => {
    const out = vetoCheck(column([96, 94, null]), column([95, 95, 95]));
    expect(out[0]).toEqual([false]);
    expect(out[1]).toEqual([true]);
    expectCellError(out[2]![0], '#N/A', /第 3 行/);
  });
});
