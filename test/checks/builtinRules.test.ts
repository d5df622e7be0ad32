import { runChecks } from '../../src/engine/checks';
import { makeLedger } from './makeLedger';

const only = (prefix: string, header: readonly string[], rows: Parameters<typeof makeLedger>[1]) => {
  const { ledger, workbook } = makeLedger(header, rows);
  return runChecks(ledger, workbook).filter((f) => f.rule.startsWith(prefix));
};

describe('rate.num-den (columns CODE_NUM and CODE_DEN beside a rate CODE)', () => {
  const H = ['单位', '类别', 'V1 出生政策符合率', 'V1_NUM 符合政策出生数', 'V1_DEN 出生总数'];
  it('flags a rate that does not match numerator/denominator × 100', () => {
    const fs = only('rate.', H, [['甲镇', 1, 97.5, 950, 1000]]);
    expect(fs.map((f) => `${f.rule}@${f.cell}`)).toEqual(['rate.num-den@C2']);
    expect(fs[0]?.zh).toContain('950/1000 = 95');
  });
  it('allows 0.05 percentage points of rounding', () => {
    expect(only('rate.', H, [['甲镇', 1, 97.14, 680, 700]])).toEqual([]); // 97.142857…
    expect(only('rate.', H, [['甲镇', 1, 97.2, 680, 700]])).toHaveLength(1);
  });
  it('compares a fraction-scale rate as a fraction', () => {
    // With a fraction target, so the rate is not already reported as off the target's scale.
    const HT = [...H, 'V1T 目标'];
    expect(only('rate.', HT, [['甲镇', 1, 0.95, 950, 1000, 0.95]])).toEqual([]);
    expect(only('rate.', HT, [['甲镇', 1, 0.9, 950, 1000, 0.95]]).map((f) => f.rule)).toEqual(['rate.num-den']);
  });
  it('flags a zero denominator with a non-zero numerator at the denominator cell', () => {
    expect(only('rate.num-den', H, [['甲镇', 1, 97, 5, 0]]).map((f) => f.cell)).toEqual(['E2']);
  });
  it('applies to any column with _NUM/_DEN, as a percentage unless the header says ‰', () => {
    const BR = ['单位', '类别', 'BR 出生率(‰)', 'BR_NUM 出生数', 'BR_DEN 年均人口'];
    expect(only('rate.num-den', BR, [['甲镇', 1, 11.2, 1120, 100000]])).toEqual([]);
    expect(only('rate.num-den', BR, [['甲镇', 1, 12.2, 1120, 100000]])).toHaveLength(1);
    const INFO = ['单位', '类别', 'INFO 信息准确率', 'INFO_NUM 准确条数', 'INFO_DEN 总条数'];
    expect(only('rate.num-den', INFO, [['甲镇', 1, 96, 960, 1000]])).toEqual([]);
    expect(only('rate.', INFO, [['甲镇', 1, 99, 960, 1000]]).map((f) => f.rule)).toEqual(['rate.num-den']);
  });
});
