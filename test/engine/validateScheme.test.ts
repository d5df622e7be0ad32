import { DEFAULT_SCHEME, rankAll, validateScheme } from '../../src/engine';
import type { Scheme } from '../../src/engine';

const tiny = (over: Partial<Scheme> = {}): Scheme => ({
  id: 't',
  nameZh: '测试',
  nameEn: 'test',
  lines: [
    { code: 'P', labelZh: '党政线', labelEn: 'P', points: 30, items: [
      { code: 'A', labelZh: '甲', labelEn: 'A', points: 10 },
      { code: 'B', labelZh: '乙', labelEn: 'B', points: 20, children: [
        { code: 'B.1', labelZh: '乙一', labelEn: 'B1', points: 15 },
        { code: 'B.2', labelZh: '乙二', labelEn: 'B2', points: 5 },
      ] },
    ] },
    { code: 'F', labelZh: '计生线', labelEn: 'F', points: 10, items: [{ code: 'C', labelZh: '丙', labelEn: 'C', points: 10 }] },
  ],
  vetoes: [{ code: 'V1', labelZh: '符合率', labelEn: 'rate', indicators: ['A'], direction: '>=', defaultTarget: 90, unit: '%' }],
  adjustments: [],
  ...over,
});

describe('validateScheme', () => {
  it('accepts a well-formed user scheme with other items and points', () => {
    expect(validateScheme(tiny())).toEqual([]);
  });

  it('names the parent whose points differ from the sum of its children', () => {
    const s = tiny();
    const bad: Scheme = { ...s, lines: [{ ...s.lines[0]!, items: [s.lines[0]!.items[0]!, { ...s.lines[0]!.items[1]!, points: 25 }] }, s.lines[1]!] };
    const codes = validateScheme(bad).map((p) => [p.code, p.field]);
    expect(codes).toContainEqual(['scheme.parent-sum', 'B']);
    expect(codes).toContainEqual(['scheme.line-sum', 'P']);
    expect(validateScheme(bad).find((p) => p.code === 'scheme.parent-sum')?.zh).toContain('B 的分值 25 不等于其子项之和 20');
  });

  it('rejects duplicate codes, unknown veto indicators, wrong expected totals and bad points', () => {
    const s = tiny({ vetoes: [{ code: 'V1', labelZh: 'x', labelEn: 'x', indicators: ['Z9'], direction: '>=', defaultTarget: null, unit: '%' }] });
    const dup: Scheme = { ...s, lines: [s.lines[0]!, { ...s.lines[1]!, items: [{ code: 'A', labelZh: '重复', labelEn: 'dup', points: 10 }] }] };
    const found = validateScheme(dup, { expectedLineTotals: { P: 370, F: 10, D: 100 } }).map((p) => p.code);
    expect(found).toEqual(expect.arrayContaining(['scheme.code-duplicate', 'scheme.veto-unknown-indicator', 'scheme.line-total', 'scheme.line-missing']));
    const neg: Scheme = { ...s, vetoes: [], lines: [{ ...s.lines[0]!, points: 20, items: [{ code: 'A', labelZh: '甲', labelEn: 'A', points: -10 }, { code: 'E', labelZh: '戊', labelEn: 'E', points: 30 }] }] };
    expect(validateScheme(neg).map((p) => p.code)).toContain('scheme.points-invalid');
  });

  it('the built-in scheme is not valid against other expected totals (the check is real)', () => {
    expect(validateScheme(DEFAULT_SCHEME, { expectedLineTotals: { P: 360, F: 630, D: 100 } }).map((p) => p.field)).toEqual(['P']);
  });

  it('a validated user scheme scores and ranks the same way', () => {
    const scheme = tiny();
    const r = rankAll(scheme, [
      { unit: '甲镇', unitClass: 1, scores: { A: 10, 'B.1': 15, 'B.2': 5, C: 8 }, vetoInputs: { V1: { actual: 95, target: null } }, adjustments: {} },
      { unit: '乙镇', unitClass: 1, scores: { A: 9, B: 20, C: 10 }, vetoInputs: { V1: { actual: 91, target: null } }, adjustments: {} },
      { unit: '丙镇', unitClass: 1, scores: { A: 9, B: 20, C: 10 }, vetoInputs: { V1: { actual: 89, target: null } }, adjustments: {} },
    ], []);
    expect(r.units.map((u) => [u.unit, u.party, u.fp, u.total, u.rank.total, u.vetoed])).toEqual([
      ['乙镇', 29, 10, 39, 1, false],
      ['甲镇', 30, 8, 38, 2, false],
      ['丙镇', null, null, null, null, true],
    ]);
  });
});
