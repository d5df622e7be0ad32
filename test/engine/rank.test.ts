import fc from 'fast-check';
import { DEFAULT_SCHEME, rankAll, rankAndFlag, rankCompetition, rankFromBottom, rankScoredUnits } from '../../src/engine';
import type { UnitScore } from '../../src/engine';
import { town } from './helpers';

const scored = (unit: string, total: number | null, unitClass: 1 | 2 | 3 = 1, vetoed = false): UnitScore => ({
  unit, unitClass, party: total === null ? null : total / 2, fp: total === null ? null : total / 2,
  lines: { P: total === null ? null : total / 2, F: total === null ? null : total / 2 }, bonus: 0, deduction: 0, total, vetoed,
  vetoReasons: vetoed ? ['一票否决'] : [], vetoReasonsEn: [], zeroReasons: [], zeroReasonsEn: [], explanation: [], problems: [],
});

describe('rankCompetition (RANK.EQ)', () => {
  it('ties share the best rank and the next rank skips: 1, 2, 2, 4', () => {
    expect(rankCompetition([100, 90, 90, 80])).toEqual([1, 2, 2, 4]);
    expect(rankCompetition([80, 90, 100, 90])).toEqual([4, 2, 1, 2]);
    expect(rankCompetition([5, 5, 5])).toEqual([1, 1, 1]);
    expect(rankCompetition([])).toEqual([]);
  });

  it('ascending order and nulls', () => {
    expect(rankCompetition([3, 1, 2], false)).toEqual([3, 1, 2]);
    expect(rankCompetition([null, 7, null, 9])).toEqual([null, 2, null, 1]);
    expect(rankFromBottom([90, 95, 80, 80])).toEqual([3, 4, 1, 1]);
  });

  it('property: competition ranks, consistent with any reordering of the input', () => {
    fc.assert(
      fc.property(fc.array(fc.option(fc.integer({ min: 0, max: 20 }), { nil: null }), { maxLength: 40 }), fc.integer(), (values, seed) => {
        const ranks = rankCompetition(values);
        values.forEach((v, i) => {
          if (v === null) return expect(ranks[i]).toBeNull();
          const better = values.filter((w) => w !== null && w > v).length;
          expect(ranks[i]).toBe(better + 1);
        });
        const perm = values.map((_, i) => i).sort((a, b) => ((a * 7919 + seed) % 97) - ((b * 7919 + seed) % 97));
        const shuffled = rankCompetition(perm.map((i) => values[i] ?? null));
        perm.forEach((i, k) => expect(shuffled[k]).toBe(ranks[i]));
      }),
      { seed: 7, numRuns: 300 },
    );
  });
});

describe('rankScoredUnits (三线排位 and flags)', () => {
  const units = [
    scored('甲', 900), scored('乙', 950), scored('丙', 950), scored('丁', null, 1, true), scored('戊', 800), scored('己', 850), scored('庚', 800),
  ];

  it('orders by total rank, ties in input order, vetoed last and unranked', () => {
    const r = rankScoredUnits(units, { topN: 1, bottomN: 2 });
    expect(r.map((u) => [u.unit, u.rank.total])).toEqual([['乙', 1], ['丙', 1], ['甲', 3], ['己', 4], ['戊', 5], ['庚', 5], ['丁', null]]);
    expect(r[6]?.rank).toEqual({ party: null, fp: null, total: null, class: null });
    expect(r[6]?.flags).toEqual([]);
  });

  it('top N 一票优先 (ties at the edge included), bottom N 黄牌警告, last place 末位 (tied lasts share it)', () => {
    const flags = Object.fromEntries(rankScoredUnits(units, { topN: 1, bottomN: 2 }).map((u) => [u.unit, u.flags]));
    expect(flags).toEqual({ 乙: ['一票优先'], 丙: ['一票优先'], 甲: [], 己: [], 戊: ['黄牌警告', '末位'], 庚: ['黄牌警告', '末位'], 丁: [] });
    const three = Object.fromEntries(rankScoredUnits(units, { topN: 3, bottomN: 3 }).map((u) => [u.unit, u.flags]));
    expect(three['甲']).toEqual(['一票优先']);
    expect(three['己']).toEqual(['黄牌警告']);
  });

  it('defaults: top 3, bottom 3; zero turns a flag off; invalid N is refused', () => {
    const r = rankScoredUnits(units);
    expect(r.filter((u) => u.flags.includes('一票优先')).length).toBe(3);
    expect(rankScoredUnits(units, { topN: 0, bottomN: 0 }).flatMap((u) => u.flags)).toEqual(['末位', '末位']);
    expect(() => rankScoredUnits(units, { topN: -1 })).toThrow(RangeError);
  });

  it('ranks each line on its own', () => {
    const a = { ...scored('a', 900), party: 300, fp: 600 };
    const b = { ...scored('b', 890), party: 310, fp: 580 };
    const r = rankScoredUnits([a, b]);
    expect(r.map((u) => [u.unit, u.rank.party, u.rank.fp, u.rank.total])).toEqual([['a', 2, 1, 1], ['b', 1, 2, 2]]);
  });

  it('optional rank within class', () => {
    const r = rankScoredUnits([scored('a', 900, 1), scored('b', 800, 2), scored('c', 950, 1), scored('d', 700, 2)], { byClass: true });
    expect(Object.fromEntries(r.map((u) => [u.unit, u.rank.class]))).toEqual({ c: 1, a: 2, b: 1, d: 2 });
    expect(rankScoredUnits([scored('a', 900, 1)]).map((u) => u.rank.class)).toEqual([null]);
  });

  it('property: vetoed units are never ranked and always listed after every ranked unit', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ total: fc.integer({ min: 0, max: 1000 }), vetoed: fc.boolean() }), { maxLength: 30 }), (rows) => {
        const r = rankScoredUnits(rows.map((x, i) => scored(`u${i}`, x.vetoed ? null : x.total, 1, x.vetoed)));
        const firstVetoed = r.findIndex((u) => u.vetoed);
        r.forEach((u, i) => {
          if (u.vetoed) expect(u.rank.total).toBeNull();
          if (firstVetoed >= 0 && i >= firstVetoed) expect(u.vetoed).toBe(true);
        });
      }),
      { seed: 11, numRuns: 200 },
    );
  });
});

describe('rankAll', () => {
  it('scores towns and departments and ranks departments on their own with ties', () => {
    const r = rankAll(
      DEFAULT_SCHEME,
      [town('南庄镇'), town('大沥镇', { vetoInputs: { V1: { actual: 90, target: 95 }, V2: { actual: 99, target: 95 } } }), town('桂城街道', { adjustments: { X1: 1 } })],
      [
        { unit: '卫生局', scores: { D1: 28, D2: 20, D3: 18, D4: 27 } },
        { unit: '公安局', scores: { D1: 30, D2: 20, D3: 20, D4: 30 } },
        { unit: '民政局', scores: { D1: 28, D2: 20, D3: 18, D4: 27 } },
      ],
    );
    expect(r.units.map((u) => [u.unit, u.total, u.rank.total])).toEqual([['南庄镇', 1000, 1], ['桂城街道', 980, 2], ['大沥镇', null, null]]);
    expect(r.departments.map((d) => [d.unit, d.score, d.rank])).toEqual([['公安局', 100, 1], ['卫生局', 93, 2], ['民政局', 93, 2]]);
  });
});

describe('flags never contradict each other (issue 10, item 4)', () => {
  const six = [scored('A', 100), scored('B', 90), scored('C', 80), scored('D', 80), scored('E', 70), scored('F', 60)];
  const flagsOf = (units: readonly { unit: string; flags: readonly string[] }[]) => Object.fromEntries(units.map((u) => [u.unit, u.flags]));

  it('ranks 1, 2, 3, 3, 5, 6 with top 3 / bottom 3: the tied 3rd places are rewarded only, and the ranking says so', () => {
    const { units, flagNotice } = rankAndFlag(six, { topN: 3, bottomN: 3 });
    expect(units.map((u) => u.rank.total)).toEqual([1, 2, 3, 3, 5, 6]);
    expect(flagsOf(units)).toEqual({ A: ['一票优先'], B: ['一票优先'], C: ['一票优先'], D: ['一票优先'], E: ['黄牌警告'], F: ['黄牌警告', '末位'] });
    expect(flagNotice).toMatchObject({ ranked: 6, topN: 3, bottomN: 3, units: ['C', 'D'] });
    expect(flagNotice?.zh).toContain('C、D');
    expect(flagNotice?.zh).toContain('并列');
    expect(flagNotice?.en).toContain('C, D');
    expect(flagNotice?.en).toMatch(/tie/i);
  });

  it('one or two ranked units with top 3: 一票优先 only, never 末位; fewer units than the flags need is said', () => {
    const one = rankAndFlag([scored('A', 100)], { topN: 3, bottomN: 3 });
    expect(flagsOf(one.units)).toEqual({ A: ['一票优先'] });
    expect(one.flagNotice?.zh).toContain('只有 1 个');
    expect(one.flagNotice?.en).toContain('Only 1 unit');
    const two = rankAndFlag([scored('A', 100), scored('B', 90)], { topN: 3, bottomN: 0 });
    expect(flagsOf(two.units)).toEqual({ A: ['一票优先'], B: ['一票优先'] });
    expect(two.flagNotice?.units).toEqual(['B']); // bottom 0: only last place reaches into the top 3
    expect(two.flagNotice?.zh).toContain('末位');
    const four = rankAndFlag([scored('A', 100), scored('B', 90), scored('C', 80), scored('D', 70)], { topN: 3, bottomN: 3 });
    expect(flagsOf(four.units)).toEqual({ A: ['一票优先'], B: ['一票优先'], C: ['一票优先'], D: ['黄牌警告', '末位'] });
    expect(four.flagNotice?.zh).toContain('只有 4 个');
  });

  it('no notice when the flags fit, when a flag is off, or when nothing is ranked', () => {
    expect(rankAndFlag(six, { topN: 2, bottomN: 3 }).flagNotice).toBeNull();
    expect(rankAndFlag(six, { topN: 0, bottomN: 3 }).flagNotice).toBeNull();
    expect(rankAndFlag([scored('X', null, 1, true)], { topN: 3, bottomN: 3 }).flagNotice).toBeNull();
    expect(rankAll(DEFAULT_SCHEME, [], [], {}).flagNotice).toBeNull();
  });

  it('rankAll carries the notice', () => {
    const r = rankAll(DEFAULT_SCHEME, [town('南庄镇'), town('桂城街道', { adjustments: { X1: 1 } })], []);
    expect(r.units.map((u) => u.flags)).toEqual([['一票优先'], ['一票优先']]);
    expect(r.flagNotice?.units).toEqual(['南庄镇', '桂城街道']);
  });

  it('property: over random totals with many ties, no unit is both rewarded and warned; the top N are all rewarded; the notice appears exactly when the two overlap', () => {
    const row = fc.record({ total: fc.integer({ min: 0, max: 6 }), vetoed: fc.boolean() });
    fc.assert(
      fc.property(fc.array(row, { maxLength: 14 }), fc.integer({ min: 0, max: 8 }), fc.integer({ min: 0, max: 8 }), (rows, topN, bottomN) => {
        const scores = rows.map((x, i) => scored(`u${i}`, x.vetoed ? null : x.total, 1, x.vetoed));
        const { units, flagNotice } = rankAndFlag(scores, { topN, bottomN });
        const ranked = units.filter((u) => u.rank.total !== null);
        const totals = ranked.map((u) => u.total as number);
        let overlap = false;
        for (const u of units) {
          const has = (f: string) => u.flags.includes(f as never);
          if (u.rank.total === null) {
            expect(u.flags).toEqual([]);
            continue;
          }
          const t = u.total as number;
          const rank = 1 + totals.filter((x) => x > t).length;
          const fromBottom = 1 + totals.filter((x) => x < t).length;
          expect(u.rank.total).toBe(rank);
          expect(has('一票优先')).toBe(rank <= topN);
          expect(has('一票优先') && (has('黄牌警告') || has('末位'))).toBe(false);
          expect(has('黄牌警告')).toBe(rank > topN && fromBottom <= bottomN);
          expect(has('末位')).toBe(rank > topN && fromBottom === 1);
          if (rank <= topN && (fromBottom <= bottomN || fromBottom === 1)) overlap = true;
        }
        expect(flagNotice !== null).toBe(overlap);
        // Too few ranked units for both flags always overlap; enough units without ties never do.
        const n = ranked.length;
        if (topN > 0 && n > 0 && n < topN + Math.max(bottomN, 1)) expect(flagNotice).not.toBeNull();
        if (new Set(totals).size === n && n >= topN + Math.max(bottomN, 1)) expect(flagNotice).toBeNull();
        if (flagNotice) {
          expect(flagNotice.ranked).toBe(n);
          expect(flagNotice.units.length).toBeGreaterThan(0);
          expect(flagNotice.zh.length).toBeGreaterThan(0);
          expect(flagNotice.en.length).toBeGreaterThan(0);
        }
      }),
      { seed: 41, numRuns: 500 },
    );
  });
});
