import { runChecks } from '../../src/engine/checks';
import { DEFAULT_SCHEME } from '../../src/engine/scheme/defaultScheme';
import type { Scheme } from '../../src/engine/types';
import { makeLedger, towns } from './makeLedger';

const H = ['单位', '类别', 'V1 出生政策符合率', 'V1T 出生政策符合率目标'];
const run = (header: readonly string[], rows: Parameters<typeof makeLedger>[1], scheme?: Scheme) => {
  const { ledger, workbook } = makeLedger(header, rows, scheme ? { scheme } : {});
  return runChecks(ledger, workbook);
};
const rules = (fs: ReturnType<typeof run>, prefix = 'rate.') => fs.filter((f) => f.rule.startsWith(prefix)).map((f) => `${f.rule}@${f.cell}`);

describe('rate.range', () => {
  it('flags a rate above 100 % and a negative target, naming the cell', () => {
    const fs = run(H, [['甲镇', 1, 105, 95], ['乙镇', 1, 96, -1]]);
    expect(rules(fs)).toEqual(['rate.range@C2', 'rate.range@D3']);
    const f = fs.find((x) => x.cell === 'C2');
    expect(f).toMatchObject({ severity: 'error', sheet: '乡镇台账', code: 'V1', unit: '甲镇' });
    expect(f?.zh).toContain('105');
    expect(f?.en).toContain('outside 0–100%');
  });
  it('accepts 0 and 100 and text like "96.5%"', () => {
    expect(rules(run(H, [['甲镇', 1, 100, 95], ['乙镇', 1, 0, 95], ['丙镇', 1, '96.5%', 95]]))).toEqual([]);
  });
  it('checks any column whose header has %', () => {
    const fs = run([...H, 'INFO 信息准确率(%)'], [['甲镇', 1, 97, 95, 96], ['乙镇', 1, 97, 95, 120]]);
    expect(rules(fs)).toEqual(['rate.range@E3']);
  });
  it('flags a ‰ sign in a % column', () => {
    expect(rules(run(H, [['甲镇', 1, '6‰', 95]]))).toEqual(['rate.sign-mismatch@C2']);
  });
});

describe('rate.mixed-scale', () => {
  it('names the fraction among percentages (0.97 among 9x)', () => {
    const rows = towns(6, (i) => [i === 3 ? 0.97 : 95 + i * 0.5, 95]);
    const fs = run(H, rows);
    expect(rules(fs)).toEqual(['rate.mixed-scale@C5']);
    const f = fs.find((x) => x.rule === 'rate.mixed-scale');
    expect(f?.zh).toContain('97');
    expect(f?.en).toContain('did you mean 97');
  });
  it('names the percentage among fractions when fractions are the majority', () => {
    const rows = towns(5, (i) => [i === 0 ? 96 : 0.95 + i * 0.01, 0.95]);
    expect(rules(run(H, rows))).toEqual(['rate.mixed-scale@C2']);
  });
  it('stays quiet when all rates are on one scale', () => {
    expect(rules(run(H, towns(6, (i) => [94 + i, 95])))).toEqual([]);
    expect(rules(run(H, towns(6, (i) => [0.94 + i / 100, 0.95])))).toEqual([]);
  });
  it('does not mistake small genuine percentages for fractions (0.5 % next to 1.2 %)', () => {
    const fs = run(['单位', '类别', 'MULT 多胎率(%)'], towns(6, (i) => [i % 2 === 0 ? 0.5 : 1.2]));
    expect(rules(fs)).toEqual([]);
  });
});

describe('rate.target-scale', () => {
  it('flags a 0.95 target against a 96.5 rate at the target cell', () => {
    const fs = run(H, [['甲镇', 1, 96.5, 0.95]]);
    expect(rules(fs)).toEqual(['rate.target-scale@D2']);
    expect(fs[0]?.zh).toContain('0.95');
  });
  it('flags fraction rates against the default target 95 at the rate cell', () => {
    const fs = run(['单位', '类别', 'V1 出生政策符合率'], [['甲镇', 1, 0.96]]);
    expect(rules(fs)).toEqual(['rate.target-scale@C2']);
    expect(fs[0]?.zh).toContain('默认目标 95');
  });
  it('stays quiet when rate and target agree in scale', () => {
    expect(rules(run(H, [['甲镇', 1, 96.5, 95]]))).toEqual([]);
    expect(rules(run(H, [['甲镇', 1, 0.965, 0.95]]))).toEqual([]);
  });
  it('reports a lone odd target in a column of percentages as mixed scale', () => {
    expect(rules(run(H, towns(5, (i) => [96, i === 2 ? 0.95 : 95])))).toEqual(['rate.mixed-scale@D4']);
  });
  it('reports a mis-scaled rate once, as mixed scale, not again against its target', () => {
    const fs = run(H, towns(6, (i) => [i === 0 ? 0.97 : 96, 95]));
    expect(rules(fs)).toEqual(['rate.mixed-scale@C2']);
  });
});

describe('rate.permille-scale', () => {
  const permilleScheme: Scheme = {
    ...DEFAULT_SCHEME,
    vetoes: [...DEFAULT_SCHEME.vetoes, { code: 'V3', labelZh: '出生率', labelEn: 'Birth rate', indicators: ['P1'], direction: '<=', defaultTarget: 11, unit: '‰' }],
  };
  const PH = ['单位', '类别', 'V3 出生率', 'V3T 出生率目标'];
  it('flags 1.12 (a % for 11.2 ‰) and 0.0112 (a fraction) among ‰ figures', () => {
    const rows = towns(6, (i) => [i === 1 ? 1.12 : i === 4 ? 0.0112 : 10.5 + i * 0.2, 11.1]);
    const fs = run(PH, rows, permilleScheme);
    expect(rules(fs)).toEqual(['rate.permille-scale@C3', 'rate.permille-scale@C6']);
    expect(fs.find((f) => f.cell === 'C3')?.en).toContain('11.2‰');
  });
  it('flags a % sign in a ‰ column', () => {
    const fs = run(PH, [['甲镇', 1, '1.1%', 11.1]], permilleScheme);
    expect(rules(fs)).toEqual(['rate.permille-scale@C2']);
  });
  it('compares a lone ‰ figure with its target', () => {
    const fs = run(PH, [['甲镇', 1, 1.05, 11.1]], permilleScheme);
    expect(rules(fs)).toEqual(['rate.target-scale@D2']);
  });
  it('stays quiet for plausible ‰ figures, and uses the ‰ range (0–1000)', () => {
    expect(rules(run(PH, towns(6, (i) => [9 + i, 11.1]), permilleScheme))).toEqual([]);
    expect(rules(run(['单位', '类别', 'BR 出生率(‰)'], towns(6, (i) => [9 + i])))).toEqual([]);
  });
  it('uses ‰ from a column header too', () => {
    expect(rules(run(['单位', '类别', 'BR 出生率(‰)'], towns(6, (i) => [i === 2 ? 1.1 : 9 + i])))).toEqual(['rate.permille-scale@C4']);
  });
});

describe('figures only: scored items are never rate columns', () => {
  it('an item whose label mentions % (F6.3 …≥96%) holding 1 among scores of 15–20 gives no rate finding', () => {
    const fs = run([...H, 'F6.3 全员人口信息（覆盖率、准确率≥96%）'], towns(8, (i) => [97, 95, i === 2 ? 1 : 15 + (i % 5)]));
    expect(rules(fs)).toEqual([]);
  });
  it('a bonus or deduction column is never a rate column either', () => {
    expect(rules(run([...H, 'X4 数据不实（%）'], towns(6, (i) => [97, 95, i === 0 ? 1 : 95])))).toEqual([]);
  });
});

describe('rate.above-one (a column of the user\'s own)', () => {
  it('warns at 1.4 among fractions (0.97, 0.99 …)', () => {
    const fs = run([...H, 'INFO 信息准确率(%)'], towns(6, (i) => [97, 95, i === 4 ? 1.4 : 0.94 + i / 100]));
    expect(fs.filter((f) => f.rule === 'rate.above-one').map((f) => `${f.severity}@${f.cell}`)).toEqual(['warning@E6']);
    expect(fs.find((f) => f.rule === 'rate.above-one')?.zh).toContain('140%');
  });
  it('stays quiet for small genuine percentages (0.5 %, 0.8 %, 1.2 %)', () => {
    const fs = run([...H, 'MULT 多胎率(%)'], towns(6, (i) => [97, 95, [0.5, 0.8, 1.2, 0.3, 0.4, 0.2][i] ?? 0.5]));
    expect(fs.filter((f) => f.rule === 'rate.above-one')).toEqual([]);
  });
});
