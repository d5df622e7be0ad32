/**
 * Cell values as clerks write them (issue 12, item 3), in the engine: the one cell reader's
 * marks (不考核, 一票否决) and points text (18.5分, 扣2分), the scorer's conversion of an item
 * not assessed for one unit, and a veto marked in the ledger. Hand-worked cases and properties.
 */
import fc from 'fast-check';
import {
  DEFAULT_SCHEME,
  KaoheError,
  parseRate,
  parseScore,
  rankAll,
  readCellNumber,
  readMark,
  roundScore,
  scoreLine,
  scoreLineValues,
  scoreUnit,
} from '../../src/engine';
import type { ItemExplanation, Scheme, SchemeItem, UnitInput } from '../../src/engine';

const UNASSESSED = ['/', '／', '不考核', '—', '——', '－', '-'];

const item = (code: string, points: number, over: Partial<SchemeItem> = {}): SchemeItem => ({ code, labelZh: code, labelEn: code, points, ...over });

/** One 100-point line L: I1 (40) and I2 (60); a parent G of G1 (30) and G2 (20) on line M (50). */
const scheme = (unassessed?: 'prorate' | 'drop'): Scheme => ({
  id: 't',
  nameZh: '测试',
  nameEn: 'Test',
  kinds: [{ code: 'T', role: 'unit', labelZh: '乡镇', labelEn: 'Towns', sheet: '乡镇台账', lines: ['L', 'M'], ...(unassessed ? { unassessed } : {}) }],
  lines: [
    { code: 'L', labelZh: '甲线', labelEn: 'Line L', points: 100, items: [item('I1', 40), item('I2', 60)] },
    { code: 'M', labelZh: '乙线', labelEn: 'Line M', points: 50, items: [item('G', 50, { children: [item('G1', 30), item('G2', 20)] })] },
  ],
  vetoes: [],
  adjustments: [],
});

const code = (f: () => unknown): string | null => {
  try {
    f();
    return null;
  } catch (e) {
    if (e instanceof KaoheError) return e.code;
    throw e;
  }
};

describe('the one cell reader: clerks’ marks', () => {
  it.each(UNASSESSED.flatMap((t) => [t, ` ${t}\u3000`]))('%p is not assessed (not 0, not an error)', (text) => {
    expect(readCellNumber(text)).toEqual({ kind: 'unassessed', text: text.trim() });
  });

  it.each(['一票否决', '否决', '一票否决（政策外多孩）', ' 否决:虚报瞒报 ', '一票否决(政策外多孩)'])('%p marks a veto, its text the reason', (text) => {
    expect(readCellNumber(text)).toEqual({ kind: 'veto', text: text.trim() });
  });

  it.each(['未否决', '不否决', '无否决', '/5', '--', '不考', 'N/A'])('%p is neither mark', (text) => {
    expect(readMark(text)).toBeNull();
  });

  it('a rate, count or target cannot take a mark: a bilingual error naming the field', () => {
    const e = (() => {
      try {
        parseRate('/', 'V1 出生政策符合率');
      } catch (x) {
        return x as KaoheError;
      }
      return null;
    })();
    expect(e?.code).toBe('value.unassessed-not-allowed');
    expect(e?.zh).toContain('不考核 只能用于指标得分');
    expect(e?.zh).toContain('V1 出生政策符合率');
    expect(e?.en).toContain("'not assessed' is only allowed for item scores");
    expect(code(() => parseScore('不考核'))).toBe('value.unassessed-not-allowed');
    expect(code(() => parseScore('一票否决'))).toBe('value.veto-not-allowed');
  });
});

describe('the one cell reader: points as clerks write them', () => {
  it.each([
    ['18.5分', 18.5],
    ['18.5 分', 18.5],
    ['１８．５分', 18.5],
    ['+3分', 3],
    ['-2分', -2],
    ['－2分', -2],
    ['扣2分', -2],
    ['减2分', -2],
    ['扣 2.5 分', -2.5],
    ['扣２', -2],
    ['扣0分', 0],
  ])('%p reads as %p', (text, value) => {
    expect(readCellNumber(text)).toEqual({ kind: 'number', value, sign: null });
    expect(parseScore(text)).toBe(value);
  });

  it.each(['18分5', '2分3分', '分', '扣分', '扣-2分', '减+2分', '18 5', '18　5', '95%分', '扣5%', '18.5分分', '扣2分扣'])(
    '%p is not one number: an error',
    (text) => {
      expect(readCellNumber(text)).toEqual({ kind: 'bad', code: 'value.not-number' });
      expect(code(() => parseScore(text, 'P2'))).toBe('value.not-number');
    },
  );
});

describe('an item not assessed for one unit', () => {
  const s = scheme();
  it('a line of 100, I1 (40) not assessed, I2 50 of 60: 50 / 60 × 100', () => {
    for (const mark of UNASSESSED) {
      const r = scoreLine(s, 'L', { I1: mark, I2: 50 });
      expect(r.problems).toEqual([]);
      expect(r.score).toBe(83.333333); // roundScore(50 / 60 × 100)
      expect(r.explanation.find((e) => e.code === 'I1')).toMatchObject({ assessed: false, points: 0, score: 0, input: null });
    }
  });

  it('the kind’s "drop" rule leaves the line out of fewer points: 50', () => {
    expect(scoreLine(scheme('drop'), 'L', { I1: '/', I2: 50 }, { unassessed: 'drop' }).score).toBe(50);
    expect(scoreUnit(scheme('drop'), unit({ I1: '/', I2: 50, G1: 30, G2: 20 })).lines.L).toBe(50);
  });

  it('SCORE.LINE (values in scheme order) reads the mark too', () => {
    expect(scoreLineValues(s, 'L', ['不考核', 50])).toBe(83.333333);
    // A simple built-in line: P1 (100) not assessed, the other 270 in full → 370.
    expect(scoreLineValues(DEFAULT_SCHEME, 'P', ['/', 20, 70, 20, 60, 100])).toBe(370);
  });

  it('a parent whose children are all not assessed is not assessed; each shows 不考核', () => {
    const r = scoreLine(s, 'M', { G1: '/', G2: '—' });
    expect(r.problems).toEqual([]);
    expect(r.score).toBe(0); // nothing left to assess on the line
    const shown = r.explanation.map((e) => [e.code, e.assessed ?? true, e.points]);
    expect(shown).toEqual([
      ['G', false, 0],
      ['G1', false, 0],
      ['G2', false, 0],
    ]);
  });

  it('a parent with one child not assessed has the other child’s points: G2 15 of 20 → 15 / 20 × 50', () => {
    const r = scoreLine(s, 'M', { G1: '/', G2: 15 });
    expect(r.score).toBe(37.5);
    expect(r.explanation.find((e) => e.code === 'G')).toMatchObject({ points: 20, score: 15, isLeaf: false });
  });

  it('a parent marked 不考核 while its children hold scores is an error on the parent', () => {
    const r = scoreLine(s, 'M', { G: '/', G1: 10 });
    expect(r.score).toBeNull();
    expect(r.problems.map((p) => [p.code, p.field])).toEqual([['score.unassessed-parent', 'G']]);
  });

  it('a veto mark given to the scorer directly has no score to count', () => {
    const r = scoreLine(s, 'L', { I1: '一票否决', I2: 50 });
    expect(r.score).toBeNull();
    expect(r.problems.map((p) => [p.code, p.field])).toEqual([['score.veto-marked', 'I1']]);
  });
});

const unit = (scores: UnitInput['scores'], over: Partial<UnitInput> = {}): UnitInput => ({ unit: '甲镇', unitClass: null, scores, vetoInputs: {}, adjustments: {}, ...over });

describe('a veto marked in the ledger', () => {
  const s = scheme();
  it('takes the unit out of scoring like a missed veto figure, its text the reason', () => {
    const r = scoreUnit(s, unit({ I1: 40, I2: 60 }, { markedVetoes: [{ text: '一票否决（政策外多孩）', cell: 'C2' }] }));
    expect(r.vetoed).toBe(true);
    expect([r.total, r.lines.L, r.lines.M]).toEqual([null, null, null]);
    expect(r.vetoReasons).toEqual(['一票否决（政策外多孩）']);
    expect(r.vetoReasonsEn).toEqual(['Veto marked in the ledger: 一票否决（政策外多孩）']);
  });

  it('is listed last, without a rank, after units that scored less', () => {
    const r = rankAll(s, [unit({ I1: 40, I2: 60 }, { markedVetoes: [{ text: '否决', cell: null }] }), unit({ I1: 1 }, { unit: '乙镇' })], []);
    expect(r.units.map((u) => [u.unit, u.rank.total, u.vetoed])).toEqual([
      ['乙镇', 1, false],
      ['甲镇', null, true],
    ]);
  });
});

describe('properties', () => {
  /** A line of 2–6 leaves, some marked with any spelling of 不考核, the rest scored within their points. */
  const cases = fc
    .array(
      fc.record({
        points: fc.integer({ min: 1, max: 50 }),
        frac: fc.integer({ min: 0, max: 4 }),
        mark: fc.option(fc.constantFrom(...UNASSESSED, ' / ', '不考核\u3000'), { nil: undefined }),
      }),
      { minLength: 2, maxLength: 6 },
    )
    .map((rows) => {
      const items = rows.map((r, i) => item(`I${i + 1}`, r.points));
      const full = rows.reduce((n, r) => n + r.points, 0);
      const scores: Record<string, string | number> = {};
      rows.forEach((r, i) => (scores[`I${i + 1}`] = r.mark ?? (r.points * r.frac) / 4));
      return { rows, items, full, scores };
    });

  it('marking items 不考核 scores the line exactly as a class the scheme does not assess on them (prorate and drop)', () => {
    fc.assert(
      fc.property(cases, fc.constantFrom('prorate' as const, 'drop' as const), ({ rows, items, full, scores }, rule) => {
        const marked: Scheme = { ...scheme(rule), lines: [{ code: 'L', labelZh: 'L', labelEn: 'L', points: full, items }] };
        const byClass: Scheme = {
          ...marked,
          lines: [{ code: 'L', labelZh: 'L', labelEn: 'L', points: full, items: items.map((it, i) => (rows[i]!.mark !== undefined ? { ...it, classPoints: { 农场: null } } : it)) }],
        };
        const numbers = Object.fromEntries(Object.entries(scores).filter(([, v]) => typeof v === 'number'));
        const a = scoreLine(marked, 'L', scores, { unassessed: rule });
        const b = scoreLine(byClass, 'L', numbers, { unitClass: '农场', unassessed: rule });
        expect(a.problems).toEqual([]);
        expect(a.score).toBe(b.score);
        const off = (e: readonly ItemExplanation[]) => e.filter((x) => x.assessed === false).map((x) => x.code);
        expect(off(a.explanation)).toEqual(off(b.explanation));
        // And by hand: 得分 ÷ 应得分 × 满分 (or the plain sum for drop, or when nothing is marked or everything is).
        const got = rows.reduce((n, r) => n + (r.mark === undefined ? (r.points * r.frac) / 4 : 0), 0);
        const due = rows.reduce((n, r) => n + (r.mark === undefined ? r.points : 0), 0);
        const expected = rule === 'prorate' && due > 0 && due !== full ? roundScore((roundScore(got) / due) * full) : roundScore(got);
        expect(a.score).toBe(expected);
      }),
      { seed: 20261203, numRuns: 400 },
    );
  });

  it('points text reads as its number with its sign: 18.5分, +3 分, 扣2分, 减２．５分 …', () => {
    const text = fc.record({
      n: fc.oneof(fc.integer({ min: 0, max: 1000 }), fc.integer({ min: 0, max: 100000 }).map((x) => x / 100)),
      sign: fc.constantFrom('', '+', '-', '－', '−', '扣', '减'),
      fullWidth: fc.boolean(),
      space: fc.constantFrom('', ' ', '\u3000'),
      unitText: fc.constantFrom('分', ''),
    });
    fc.assert(
      fc.property(text, ({ n, sign, fullWidth, space, unitText }) => {
        let body = String(n);
        if (fullWidth) body = body.replace(/[0-9.]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) + 0xfee0));
        const cell = `${sign}${space}${body}${space}${unitText}`;
        const negative = sign !== '' && sign !== '+';
        const r = readCellNumber(cell);
        expect(r).toMatchObject({ kind: 'number', sign: null });
        // == so that −0 (typed "-0") and 0 agree.
        expect(r.kind === 'number' && r.value === (negative ? -n : n)).toBe(true);
        // Two numbers around 分 are never read as one.
        expect(readCellNumber(`${body}分${body}`).kind).toBe('bad');
      }),
      { seed: 20261204, numRuns: 500 },
    );
  });
});
