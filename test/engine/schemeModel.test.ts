/**
 * The scheme as the only source of the domain's shape: kinds of unit, any line codes, weights,
 * bonus caps, classes as labels, per-class points and items not assessed, computed items, vetoes
 * by class and unit and their effects, flags as data. Hand-worked cases and properties.
 */
import fc from 'fast-check';
import { DEFAULT_SCHEME, rankAll, schemeKinds, scoreDepartment, scoreUnit, classOf, unitKind } from '../../src/engine';
import type { Scheme, SchemeItem, UnitInput } from '../../src/engine';

const it_ = (code: string, points: number, over: Partial<SchemeItem> = {}): SchemeItem => ({ code, labelZh: code, labelEn: code, points, ...over });

/** Two 100-point lines A and B combined 6:4; classes 一类 and 农场; 农场 skips A2 and has 15 points on B1. */
const WEIGHTED: Scheme = {
  id: 'w',
  nameZh: '加权方案',
  nameEn: 'Weighted',
  kinds: [
    {
      code: 'T',
      role: 'unit',
      labelZh: '乡镇',
      labelEn: 'Towns',
      sheet: '乡镇台账',
      lines: ['A', 'B'],
      total: { weights: { A: 0.6, B: 0.4 }, bonusCap: 5 },
      classes: [
        { code: '一类', labelZh: '一类', labelEn: 'Class 1', aliases: ['1'] },
        { code: '农场', labelZh: '农场', labelEn: 'Farm', aliases: ['farm'] },
      ],
    },
    { code: 'D', role: 'department', labelZh: '部门', labelEn: 'Departments', sheet: '部门台账', lines: ['S'] },
  ],
  lines: [
    { code: 'A', labelZh: '甲线', labelEn: 'Line A', points: 100, items: [it_('A1', 40), it_('A2', 60, { classPoints: { 农场: null } }), it_('A3', 10, { extra: true })] },
    { code: 'B', labelZh: '乙线', labelEn: 'Line B', points: 100, items: [it_('B1', 10, { classPoints: { 农场: 15 } }), it_('B2', 90, { children: [it_('B2.1', 80), it_('B2.2', 10, { rule: { kind: 'cases', each: 4 }, allowNegative: true })] })] },
    { code: 'S', labelZh: '部门线', labelEn: 'Dept line', points: 100, items: [it_('S1', 100)] },
  ],
  vetoes: [
    {
      code: 'V1',
      labelZh: '政策符合率',
      labelEn: 'Policy rate',
      indicators: ['A1'],
      direction: '>=',
      defaultTarget: 95,
      targetsByClass: { 农场: 90 },
      targetsByUnit: { 特区: 80 },
      unit: '%',
    },
    { code: 'V2', labelZh: '统计', labelEn: 'Statistics', indicators: ['B1'], direction: '>=', defaultTarget: 90, unit: '%', effect: 'zero' },
  ],
  adjustments: [
    { code: 'J1', kind: 'bonus', labelZh: '创新', labelEn: 'Innovation', inputs: [{ code: 'J1', labelZh: '创新', labelEn: 'Innovation', mode: 'count', pointsEach: 3 }] },
  ],
  flags: { topN: 1, bottomN: 2, last: false },
};

const unit = (name: string, cls: string | null, scores: UnitInput['scores'], over: Partial<UnitInput> = {}): UnitInput => ({
  unit: name,
  unitClass: cls,
  scores,
  vetoInputs: { V1: { actual: 96, target: null }, V2: { actual: 95, target: null } },
  adjustments: {},
  ...over,
});

describe('kinds of unit', () => {
  it('the built-in scheme without kinds: P and F for the towns, D for the departments', () => {
    const kinds = schemeKinds(DEFAULT_SCHEME);
    expect(kinds.map((k) => [k.role, k.sheet, [...k.lines]])).toEqual([
      ['unit', '乡镇台账', ['P', 'F']],
      ['department', '部门台账', ['D']],
    ]);
  });
  it('a scheme without line F still scores and ranks its towns on the lines it has (defect: it ranked nobody)', () => {
    const onlyP: Scheme = { ...DEFAULT_SCHEME, lines: DEFAULT_SCHEME.lines.filter((l) => l.code !== 'F'), vetoes: [] };
    const r = rankAll(onlyP, [unit('甲镇', 1 as never, { P1: 90 }, { vetoInputs: {} }), unit('乙镇', null, { P1: 80 }, { vetoInputs: {} })], []);
    expect(r.units.map((u) => [u.unit, u.total, u.rank.total, u.fp])).toEqual([
      ['甲镇', 90, 1, null],
      ['乙镇', 80, 2, null],
    ]);
  });
});

describe('a weighted scheme of its own shape', () => {
  const full = { A1: 40, A2: 60, 'B1': 10, 'B2.1': 80, 'B2.2': 0 };
  it('total = 0.6 A + 0.4 B, lines by their own codes', () => {
    const s = scoreUnit(WEIGHTED, unit('甲镇', '一类', { ...full, A2: 30 }));
    expect(s.lines).toEqual({ A: 70, B: 100 });
    expect(s.total).toBe(82); // 0.6 × 70 + 0.4 × 100
    expect(s.party).toBeNull();
  });
  it('a bonus item inside a line (+10) is outside its full marks and counts on top', () => {
    const s = scoreUnit(WEIGHTED, unit('甲镇', '一类', { ...full, A3: 10 }));
    expect(s.lines.A).toBe(110);
  });
  it('bonuses are capped by the kind\'s rule: 3 innovations × 3 = 9, capped at 5', () => {
    const s = scoreUnit(WEIGHTED, unit('甲镇', '一类', full, { adjustments: { J1: 3 } }));
    expect(s.bonus).toBe(5);
    expect(s.total).toBe(105);
  });
  it('a class that skips an item: 得分 ÷ 应得分 × 满分 (A1 30 of 40 → 75 of 100)', () => {
    const s = scoreUnit(WEIGHTED, unit('农场一', '农场', { ...full, A1: 30, A2: null, B1: 15 }));
    expect(s.lines.A).toBe(75);
    const a2 = s.explanation.find((e) => e.kind === 'item' && e.code === 'A2');
    expect(a2).toMatchObject({ assessed: false, points: 0, score: 0 });
  });
  it('"drop" leaves the line out of fewer points instead', () => {
    const drop: Scheme = { ...WEIGHTED, kinds: [{ ...WEIGHTED.kinds![0]!, unassessed: 'drop' }, WEIGHTED.kinds![1]!] };
    expect(scoreUnit(drop, unit('农场一', '农场', { ...full, A1: 30, B1: 15 })).lines.A).toBe(30);
  });
  it('per-class points: 15 is full marks on B1 for a farm and too many for a town', () => {
    expect(scoreUnit(WEIGHTED, unit('农场一', '农场', { ...full, B1: 15 })).lines.B).toBe(105);
    const town = scoreUnit(WEIGHTED, unit('甲镇', '一类', { ...full, B1: 15 }));
    expect(town.total).toBeNull();
    expect(town.problems.map((p) => [p.code, p.field])).toEqual([['score.above-points', 'B1']]);
  });
  it('a per-case item inside a parent may go negative: 4 cases × 4 from 10 = −6', () => {
    const s = scoreUnit(WEIGHTED, unit('甲镇', '一类', { ...full, 'B2.2': 4 }));
    expect(s.lines.B).toBe(84); // 10 + 80 − 6
    const note = s.explanation.find((e) => e.kind === 'item' && e.code === 'B2.2');
    expect(note).toMatchObject({ score: -6, input: 4 });
  });
  it('veto targets by unit, by class, then the default', () => {
    const miss = (name: string, cls: string, actual: number) =>
      scoreUnit(WEIGHTED, unit(name, cls, full, { vetoInputs: { V1: { actual, target: null }, V2: { actual: 95, target: null } } })).vetoed;
    expect(miss('甲镇', '一类', 93)).toBe(true); // 95
    expect(miss('农场一', '农场', 93)).toBe(false); // 90 for farms
    expect(miss('特区', '一类', 85)).toBe(false); // 80 for this unit
    expect(miss('特区', '一类', 79)).toBe(true);
  });
  it('a veto with the zero effect scores its items 0 and keeps the unit in the ranking', () => {
    const s = scoreUnit(WEIGHTED, unit('甲镇', '一类', full, { vetoInputs: { V1: { actual: 96, target: null }, V2: { actual: 80, target: null } } }));
    expect(s.vetoed).toBe(false);
    expect(s.lines.B).toBe(90);
    expect(s.zeroReasons[0]).toContain('记零分');
    expect(s.vetoReasons).toEqual([]);
  });
  it('flags as the scheme gives them: top 1, bottom 2, no 末位', () => {
    const towns = [100, 90, 80, 70].map((a, i) => unit(`镇${i}`, '一类', { ...full, A1: a * 0.4 }));
    const r = rankAll(WEIGHTED, towns, []);
    expect(r.units.map((u) => [...u.flags])).toEqual([['一票优先'], [], ['黄牌警告'], ['黄牌警告']]);
    // Options still override the scheme.
    expect(rankAll(WEIGHTED, towns, [], { last: true }).units[3]?.flags).toContain('末位');
  });
  it('ranks every line on its own by its code', () => {
    const towns = [unit('甲', '一类', { ...full, A1: 10 }), unit('乙', '一类', { ...full, 'B2.1': 10 })];
    const r = rankAll(WEIGHTED, towns, []);
    const byName = Object.fromEntries(r.units.map((u) => [u.unit, u.lineRanks]));
    expect(byName).toEqual({ 甲: { A: 2, B: 1 }, 乙: { A: 1, B: 2 } });
  });
  it('departments are scored on their kind\'s lines', () => {
    const d = scoreDepartment(WEIGHTED, { unit: '卫生局', scores: { S1: 88 } });
    expect([d.score, d.lines]).toEqual([88, { S: 88 }]);
  });
});

describe('classes as labels', () => {
  it('finds a class by code, label or alias, NFKC and case aside', () => {
    const k = unitKind(WEIGHTED)!;
    expect(classOf(k, '农场')).toBe('农场');
    expect(classOf(k, 'FARM')).toBe('农场');
    expect(classOf(k, '１')).toBe('一类');
    expect(classOf(k, '三类')).toBeUndefined();
    expect(classOf(unitKind(DEFAULT_SCHEME)!, '二类')).toBe(2);
  });
  it('with no classes defined, any label is a class of its own', () => {
    const k = { ...unitKind(WEIGHTED)!, classes: undefined };
    expect(classOf(k, ' 山区 ')).toBe('山区');
  });
});

describe('properties', () => {
  it('a unit at full marks on every assessed item gets the line\'s full marks, whichever items its class skips', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 50 }), { minLength: 2, maxLength: 8 }), fc.array(fc.boolean(), { minLength: 8, maxLength: 8 }), (points, skip) => {
        const items = points.map((p, i) => it_(`A${i + 1}`, p, skip[i] && i > 0 ? { classPoints: { 农场: null } } : {}));
        const total = points.reduce((a, b) => a + b, 0);
        const scheme: Scheme = {
          id: 'p', nameZh: 'p', nameEn: 'p',
          kinds: [{ code: 'T', role: 'unit', labelZh: '镇', labelEn: 'T', sheet: '乡镇台账', lines: ['A'] }],
          lines: [{ code: 'A', labelZh: 'A', labelEn: 'A', points: total, items }],
          vetoes: [], adjustments: [],
        };
        const scores = Object.fromEntries(items.map((i) => [i.code, i.points]));
        const s = scoreUnit(scheme, { unit: 'x', unitClass: '农场', scores, vetoInputs: {}, adjustments: {} });
        return Math.abs((s.total ?? -1) - total) < 1e-9;
      }),
      { seed: 20261202, numRuns: 200 },
    );
  });
  it('a weighted total is Σ weight × line for any weights summing to 1', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100 }), fc.integer({ min: 0, max: 100 }), fc.integer({ min: 0, max: 10 }), (a, b, w) => {
        const scheme: Scheme = { ...WEIGHTED, kinds: [{ ...WEIGHTED.kinds![0]!, total: { weights: { A: w / 10, B: 1 - w / 10 } } }] };
        const s = scoreUnit(scheme, unit('x', '一类', { A1: a * 0.4, A2: a * 0.6, B1: b * 0.1, 'B2.1': b * 0.8, 'B2.2': 0 }));
        const expected = (w / 10) * (s.lines.A ?? 0) + (1 - w / 10) * (s.lines.B ?? 0);
        return Math.abs((s.total ?? NaN) - expected) < 0.01;
      }),
      { seed: 20261202, numRuns: 200 },
    );
  });
});
