import { runChecks } from '../../src/engine/checks';
import { holds, parseOperator, parseSeverity, parseTolerance } from '../../src/engine/checks/ruleSheet';
import type { CellValue } from '../../src/engine/ledger/types';
import { makeLedger, ruleSheet, towns } from './makeLedger';

const H = ['单位', '类别', 'BIRTHS_BUREAU 出生数(计生)', 'BIRTHS_HEALTH 出生数(卫生)', 'P2 统筹决策'];
const births = (pairs: readonly (readonly CellValue[])[], rules: readonly (readonly CellValue[])[]) => {
  const { ledger, workbook } = makeLedger(
    H,
    pairs.map((p, i) => [`镇${i + 1}`, 1, ...p]),
    { sheets: [ruleSheet(rules)] },
  );
  return runChecks(ledger, workbook).filter((f) => f.rule.startsWith('rule.') || f.rule === 'value.not-number');
};
const BIRTHS_RULE = ['BIRTHS_BUREAU', '=', 'BIRTHS_HEALTH', '5%', '错误', '计生与卫生出生数应一致'];

describe('核查规则: the document-3 births case', () => {
  it('flags 2419 (bureau) against 2884 (health) beyond 5 %, at the bureau cell', () => {
    const fs = births([[2419, 2884, 20], [1000, 1020, 20]], [BIRTHS_RULE]);
    expect(fs).toHaveLength(1);
    expect(fs[0]).toMatchObject({ severity: 'error', rule: 'rule.violated', sheet: '乡镇台账', cell: 'C2', code: 'BIRTHS_BUREAU', unit: '镇1' });
    expect(fs[0]?.zh).toContain('计生与卫生出生数应一致');
    expect(fs[0]?.zh).toContain('2419');
    expect(fs[0]?.zh).toContain('2884');
    expect(fs[0]?.zh).toContain('核查规则!A2');
    expect(fs[0]?.en).toContain('difference 465');
  });
  it('passes figures within the tolerance, either way round', () => {
    expect(births([[2800, 2884, 20]], [BIRTHS_RULE])).toEqual([]);
    expect(births([[2884, 2800, 20]], [['BIRTHS_HEALTH', '=', 'BIRTHS_BUREAU', '5%']])).toEqual([]);
  });
  it('skips a town with a blank input', () => {
    expect(births([[null, 2884, 20]], [BIRTHS_RULE])).toEqual([]);
  });
  it('accepts the whole rule written in column A', () => {
    const fs = births([[2419, 2884, 20]], [['BIRTHS_BUREAU = BIRTHS_HEALTH ± 5%', null, null, null, '警告']]);
    expect(fs.map((f) => `${f.rule}/${f.severity}`)).toEqual(['rule.violated/warning']);
    expect(births([[2800, 2884, 20]], [['BIRTHS_BUREAU = BIRTHS_HEALTH ± 5%']])).toEqual([]);
  });
  it('skips title rows above the header, and names the rule by its own row', () => {
    const values = [['2024 年核查规则'], [], ['左式', '运算符', '右式', '容差', '级别', '说明'], BIRTHS_RULE, ['BIRTHS_BUREAU', '=>', 'BIRTHS_HEALTH']];
    const { ledger, workbook } = makeLedger(H, [['镇1', 1, 2419, 2884, 20]], { sheets: [{ name: '核查规则', values }] });
    const fs = runChecks(ledger, workbook).filter((f) => f.rule.startsWith('rule.'));
    expect(fs.map((f) => `${f.rule}@${f.sheet}!${f.cell}`)).toEqual(['rule.malformed@核查规则!B5', 'rule.violated@乡镇台账!C2']);
    expect(fs[1]?.zh).toContain('核查规则!A4');
  });
  it('works without a header row when row 1 is a rule', () => {
    const { ledger, workbook } = makeLedger(H, [['镇1', 1, 2419, 2884, 20]], { sheets: [{ name: '核查规则', values: [BIRTHS_RULE] }] });
    expect(runChecks(ledger, workbook).filter((f) => f.rule === 'rule.violated')).toHaveLength(1);
  });
});

describe('核查规则: operators, tolerance and expressions', () => {
  it('evaluates arithmetic over codes, including scheme columns', () => {
    const fs = births([[100, 40, 20], [100, 90, 20]], [['BIRTHS_BUREAU - BIRTHS_HEALTH', '<=', 'P2 * 2', '', '警告']]);
    expect(fs.map((f) => `${f.unit}/${f.severity}`)).toEqual(['镇1/warning']);
  });
  it('uses an absolute tolerance', () => {
    expect(births([[100, 109, 20]], [['BIRTHS_BUREAU', '==', 'BIRTHS_HEALTH', 10]])).toEqual([]);
    expect(births([[100, 111, 20]], [['BIRTHS_BUREAU', '==', 'BIRTHS_HEALTH', 10]])).toHaveLength(1);
  });
  it.each([
    ['=', 1, 1, true],
    ['=', 1, 2, false],
    ['!=', 1, 2, true],
    ['!=', 1, 1, false],
    ['<', 1, 2, true],
    ['<', 2, 2, false],
    ['<=', 2, 2, true],
    ['<=', 3, 2, false],
    ['>', 3, 2, true],
    ['>', 2, 2, false],
    ['>=', 2, 2, true],
    ['>=', 1, 2, false],
  ] as const)('%s holds for %d and %d: %s', (op, l, r, expected) => {
    expect(holds(op, l, r, { kind: 'abs', value: 0 })).toBe(expected);
  });
  it('treats 0.1 + 0.2 = 0.3 as equal', () => {
    expect(holds('=', 0.1 + 0.2, 0.3, { kind: 'abs', value: 0 })).toBe(true);
  });
  it('reads operators, tolerances and severities in both languages and full width', () => {
    expect(parseOperator('＞＝')).toBe('>=');
    expect(parseOperator('≠')).toBe('!=');
    expect(parseOperator('=>')).toBeNull();
    expect(parseTolerance('５%')).toEqual({ kind: 'rel', value: 0.05 });
    expect(parseTolerance('±3')).toEqual({ kind: 'abs', value: 3 });
    expect(parseTolerance(null)).toEqual({ kind: 'abs', value: 0 });
    expect(parseTolerance(-1)).toBeNull();
    expect(parseTolerance('约5%')).toBeNull();
  });
  it('reads a tolerance with the one number reader: thousands commas, never a decimal comma', () => {
    expect(parseTolerance('1,000')).toEqual({ kind: 'abs', value: 1000 });
    expect(parseTolerance('±\u3000２，５００')).toEqual({ kind: 'abs', value: 2500 });
    expect(parseTolerance('+-0.5%')).toEqual({ kind: 'rel', value: 0.005 });
    expect(parseTolerance('2,5')).toBeNull();
    expect(parseTolerance('−3')).toBeNull();
    expect(parseTolerance('3‰')).toBeNull();
    expect(parseSeverity('警告')).toBe('warning');
    expect(parseSeverity('Error')).toBe('error');
    expect(parseSeverity(null)).toBe('error');
    expect(parseSeverity('严重')).toBeNull();
  });
});

describe('核查规则: problems with the rules themselves', () => {
  it('reports a malformed expression at its cell, once, and runs the other rules', () => {
    const fs = births([[2419, 2884, 20], [1, 1, 20]], [['BIRTHS_BUREAU * (', '>', '0'], BIRTHS_RULE]);
    expect(fs.map((f) => `${f.rule}@${f.sheet}!${f.cell}`)).toEqual(['rule.malformed@核查规则!A2', 'rule.violated@乡镇台账!C2']);
    expect(fs[0]?.zh).toContain('无法解析');
    expect(fs[0]?.en).toContain('cannot be parsed');
  });
  it('reports a malformed right side, operator, tolerance and severity at their own cells', () => {
    const fs = births(
      [[1, 1, 20]],
      [
        ['BIRTHS_BUREAU', '=', 'BIRTHS_HEALTH +'],
        ['BIRTHS_BUREAU', '=>', 'BIRTHS_HEALTH'],
        ['BIRTHS_BUREAU', '=', 'BIRTHS_HEALTH', 'abc'],
        ['BIRTHS_BUREAU', '=', 'BIRTHS_HEALTH', '5%', '严重'],
        ['BIRTHS_BUREAU BIRTHS_HEALTH'],
      ],
    );
    expect(fs.map((f) => `${f.rule}@${f.cell}`)).toEqual(['rule.malformed@C2', 'rule.malformed@B3', 'rule.malformed@D4', 'rule.malformed@E5', 'rule.malformed@A6']);
    expect(fs.every((f) => f.sheet === '核查规则' && f.severity === 'error')).toBe(true);
  });
  it('reports an unknown code once, not once per town', () => {
    const fs = births([[1, 1, 20], [2, 2, 20]], [['BIRTHS_POLICE', '=', 'BIRTHS_HEALTH'], ['BIRTHS_BUREAU', '=', 'BIRTHS_X']]);
    expect(fs.map((f) => `${f.rule}@${f.cell}/${f.code}`)).toEqual(['rule.unknown-code@A2/BIRTHS_POLICE', 'rule.unknown-code@C3/BIRTHS_X']);
  });
  it('reports a division by zero for the town, not Infinity', () => {
    const fs = births([[10, 0, 20], [10, 5, 20]], [['BIRTHS_BUREAU / BIRTHS_HEALTH', '<', '100']]);
    expect(fs.map((f) => `${f.rule}/${f.unit}/${f.severity}`)).toEqual(['rule.division-by-zero/镇1/warning']);
  });
  it('reports text in an extra column a rule uses', () => {
    const fs = births([['两千', 2884, 20]], [BIRTHS_RULE]);
    expect(fs.map((f) => `${f.rule}@${f.cell}`)).toEqual(['value.not-number@C2']);
  });
  it('ignores blank rows and is quiet without a 核查规则 sheet', () => {
    expect(births([[2419, 2884, 20]], [[null, null, null], ['', '', '']])).toEqual([]);
    const { ledger, workbook } = makeLedger(H, towns(2, () => [2419, 2884, 20]));
    expect(runChecks(ledger, workbook).filter((f) => f.rule.startsWith('rule.'))).toEqual([]);
  });
});
