/**
 * Issue 11, deliverable 3: a bureau's own 评分细则 table read into a scheme (`importRules`).
 * Hand-made tables, one per way real tables are written; every row not understood is expected in
 * `skipped` at its cell.
 */
import {
  importRules,
  normaliseText,
  numbering,
  pointsInText,
} from '../../src/engine/ledger/importRules';
import { readScheme } from '../../src/engine/ledger/readScheme';
import type { CellValue } from '../../src/engine/ledger/types';
import type { SchemeItem } from '../../src/engine/types';

type Tree = { code: string; name: string; points: number; children?: Tree[] };
const tree = (items: readonly SchemeItem[]): Tree[] =>
  items.map((it) => ({
    code: it.code,
    name: it.labelZh,
    points: it.points,
    ...(it.children ? { children: tree(it.children) } : {}),
  }));
const parse = (values: CellValue[][]) => importRules({ name: '细则', values });
/** Findings as `cell rule`. */
const where = (r: ReturnType<typeof parse>) => r.skipped.map((f) => `${f.cell} ${f.rule}`);

describe('text normalisation', () => {
  it('joins vertical text and justifying spaces, makes full-width ASCII', () => {
    expect(normaliseText('统\n筹\n决\n策')).toBe('统筹决策');
    expect(normaliseText('合\u3000\u3000计')).toBe('合计');
    expect(normaliseText('（一）组织领导（２０分）')).toBe('(一)组织领导(20分)');
  });
  it.each([
    ['一、组织领导', 'cn'],
    ['(二)工作', 'cnParen'],
    ['1.指标', 'num'],
    ['2、指标', 'num'],
    ['(3)指标', 'numParen'],
    [normaliseText('⑴指标'), 'numParen'],
    [normaliseText('①指标'), 'circled'],
    ['1.2指标', 'dec1'],
    ['1.2.3指标', 'dec2'],
    ['指标', 'none'],
  ])('%s is numbered %s', (text, style) => {
    expect(numbering(text).style).toBe(style);
    expect(numbering(text).rest).toBe('指标' === text ? text : numbering(text).rest);
  });
  it.each([
    ['组织领导(20分)', [20], '组织领导'],
    ['组织领导(20)', [20], '组织领导'],
    ['组织领导 20分', [20], '组织领导'],
    ['组织领导,分值20', [20], '组织领导'],
    ['出生率(20分)每少1人扣2分', [20], '出生率每少1人扣2分'],
    ['组织领导', [], '组织领导'],
  ])('points in "%s"', (text, points, rest) => {
    expect(pointsInText(text)).toEqual({ points, rest });
  });
});

describe('importRules', () => {
  it('title, header, 一、 lines, (一) items, 1. sub-items, points in a column, 合计 and 说明', () => {
    const r = parse([
      ['2010年度人口计生目标管理责任制考核评分细则', null, null, null],
      ['序号', '考核内容', '分值', '评分标准'],
      ['一、', '党政线', 30, null],
      ['(一)', '组织领导', null, null],
      ['1.', '领导重视', 10, '未召开会议扣2分'],
      ['2.', '经费投入', 10, null],
      ['(二)', '统筹决策', 10, null],
      ['二、', '人口计生线', null, null],
      ['(一)', '出生政策符合率', 40, '每降1个百分点扣1分'],
      ['合  计', null, 70, null],
      ['说明：', '本细则由局负责解释', null, null],
      ['1.', '各项不重复扣分', null, null],
    ]);
    expect(where(r)).toEqual([]);
    expect(r.year).toBe(2010);
    expect(r.scheme?.nameZh).toBe('2010年度人口计生目标管理责任制考核评分细则');
    expect(r.scheme?.lines.map((l) => [l.code, l.labelZh, l.points])).toEqual([
      ['P', '党政线', 30],
      ['F', '人口计生线', 40],
    ]);
    expect(tree(r.scheme?.lines[0]?.items ?? [])).toEqual([
      {
        code: 'P1',
        name: '组织领导',
        points: 20,
        children: [
          { code: 'P1.1', name: '领导重视', points: 10 },
          { code: 'P1.2', name: '经费投入', points: 10 },
        ],
      },
      { code: 'P2', name: '统筹决策', points: 10 },
    ]);
    expect(r.notes.map((n) => n.cell)).toEqual(['A11', 'A12']);
    expect(readScheme({ name: '方案', values: r.rows }).findings).toEqual([]);
  });

  it('a merged group column (blank below its top cell), vertical text, points in the text', () => {
    const r = parse([
      ['人口计生工作考核细则'],
      ['考核项目', '考核内容', '评分标准'],
      ['统\n筹\n决\n策\n（３０分）', '1、规划编制（１０分）', '未编制不得分'],
      [null, '2、政策落实（10）', null],
      [null, null, '另一条标准（同一内容的第二行）'],
      [null, '3、分值10 宣传教育', null],
      ['服　务　管　理', '⑴ 随访服务 15分', null],
      [null, '⑵ 药具发放 5分', null],
    ]);
    expect(where(r)).toEqual([]);
    const line = r.scheme?.lines[0];
    expect(line?.code).toBe('F');
    expect(line?.points).toBe(50);
    expect(tree(line?.items ?? [])).toEqual([
      {
        code: 'F1',
        name: '统筹决策',
        points: 30,
        children: [
          { code: 'F1.1', name: '规划编制', points: 10 },
          { code: 'F1.2', name: '政策落实', points: 10 },
          { code: 'F1.3', name: '宣传教育', points: 10 },
        ],
      },
      {
        code: 'F2',
        name: '服务管理',
        points: 20,
        children: [
          { code: 'F2.1', name: '随访服务', points: 15 },
          { code: 'F2.2', name: '药具发放', points: 5 },
        ],
      },
    ]);
  });

  it('a group that states more points than its items is a finding at its cell, not fixed', () => {
    const r = parse([
      ['考核项目', '考核内容', '分值'],
      ['组织领导（30分）', '领导重视', 10],
      [null, '经费投入', 10],
    ]);
    expect(where(r)).toEqual(['A2 import.parent-sum']);
    expect(r.scheme).toBeNull();
    expect(r.rows.length).toBeGreaterThan(2);
  });

  it('a group column of lines (党政线, 部门), ① and 1.1 numbering under them', () => {
    const r = parse([
      ['类别', '序号', '指标', '分值'],
      ['党政线', '1', '基本人口指标', null],
      [null, '1.1', '出生率', 5],
      [null, '1.2', '符合率', 5],
      [null, '2', '投入', 10],
      ['部门', '①', '配合工作', 60],
      [null, '②', '信息共享', 40],
    ]);
    expect(where(r)).toEqual([]);
    expect(r.scheme?.lines.map((l) => [l.code, l.points])).toEqual([
      ['P', 20],
      ['D', 100],
    ]);
    expect(tree(r.scheme?.lines[0]?.items ?? [])[0]?.children?.map((c) => c.code)).toEqual([
      'P1.1',
      'P1.2',
    ]);
  });

  it('unknown lines get A, B …; bonus and deduction sections become count rules; vetoes are left to a person', () => {
    const r = parse([
      ['序号', '项目', '分值', '评分办法'],
      ['一、', '业务工作', null, null],
      ['1、', '统计', 50, null],
      ['二、', '队伍建设', null, null],
      ['1、', '培训', 50, null],
      ['三、', '加分项目', null, null],
      ['1、', '创新工作', null, '经局认定，每项加20分'],
      ['2、', '经验推广', null, '无具体分值'],
      ['四、', '扣分项目', null, null],
      ['1、', '违法生育，每例扣5分', null, null],
      ['2、', '重大事件', null, '每起扣10-30分'],
      ['五、', '一票否决', null, null],
      ['1、', '出生政策符合率低于95%', null, null],
    ]);
    expect(r.scheme === null || r.scheme.lines.length === 2).toBe(true);
    expect(where(r)).toEqual(['B8 import.adjustment-unreadable', 'B13 import.veto-by-hand']);
    const ok = readScheme({ name: '方案', values: r.rows });
    expect(ok.findings.map((f) => f.rule)).toEqual([]);
    // Line letters skip B, X and V, which begin bonus, deduction and veto codes (B1 would be both).
    const lineCodes = r.rows.filter((row) => row[0] === '线').map((row) => row[1]);
    expect(lineCodes).toEqual(['A', 'C']);
    const adj = r.rows
      .filter((row) => row[0] === '输入')
      .map((row) => [row[1], row[2], row[4], row[11], row[12], row[13]]);
    expect(adj).toEqual([
      ['B1', '创新工作', 20, '次数', null, null],
      ['X1', '违法生育', 5, '次数', null, null],
      ['X2', '重大事件', null, '分值', 10, 30],
    ]);
  });

  it('rows it cannot read are listed at their cell, bilingual', () => {
    const r = parse([
      ['序号', '考核内容', '分值'],
      ['1', '组织领导', 20],
      ['2', '宣传（10分）（20分）', null],
      ['3', '服务', '二十'],
      ['4', '没有分值的指标', null],
      ['5', null, 10],
      ['6', '经费', 10],
    ]);
    expect(where(r)).toEqual([
      'B3 import.points-ambiguous',
      'C4 import.points-unreadable',
      'A6 import.no-name',
      'C5 import.no-points',
    ]);
    // Any line code reads back now: the A line of a table without line headings is no finding.
    expect(r.skipped.some((f) => f.rule.startsWith('scheme.'))).toBe(false);
    for (const f of r.skipped) {
      expect(f.sheet).toBe('细则');
      expect(f.zh).toMatch(/[\u4e00-\u9fff]/);
      expect(f.en).toMatch(/[a-z]/);
    }
    expect(r.rows.filter((row) => row[0] === '指标').map((row) => row[1])).toEqual(['A1', 'A2']);
  });

  it('points in the text and in the column that disagree, and a 合计 that does not add up', () => {
    const r = parse([
      ['计生考核细则'],
      ['序号', '考核内容', '分值'],
      ['1', '组织领导（20分）', 30],
      ['2', '经费', 10],
      ['总分', null, 20],
    ]);
    expect(where(r)).toEqual(['C3 import.points-conflict', 'C5 import.total-sum']);
  });
});

describe('a capped bonus or deduction section (加分项目（10分）)', () => {
  const table = (heading: string): CellValue[][] => [
    ['序号', '考核内容', '分值', '评分标准'],
    ['一、', '业务工作', null, null],
    ['1、', '统计', 100, null],
    ['二、', heading, null, null],
    ['1、', '创新工作', null, '每项加5分'],
  ];

  it('a bonus cap: tells how the 方案 holds it (a 单位类型 row with 上限), and following that the 方案 validates', () => {
    const r = parse(table('加分项目（10分）'));
    expect(where(r)).toEqual(['B4 import.adjustment-cap']);
    expect(r.skipped[0]?.zh).toContain('加一行“单位类型”（所属 单位，上限 10），并在各考核线的“所属”列写它的代码');
    expect(r.skipped[0]?.en).toContain("add a 单位类型 (unit kind) row to the 方案 (所属 单位, 上限 10) and write its code in each line's 所属 column");
    // What the finding says to do, done: the cap is read and the 方案 has no findings.
    const header = r.rows[0]!;
    const col = (name: string) => header.indexOf(name);
    const rows = r.rows.map((row, i) => (i > 0 && row[col('类型')] === '线' ? row.map((v, j) => (j === col('所属') ? 'T' : v)) : row));
    const kind: CellValue[] = header.map(() => null);
    kind[col('类型')] = '单位类型';
    kind[col('代码')] = 'T';
    kind[col('所属')] = '单位';
    kind[col('上限')] = 10;
    const read = readScheme({ name: '方案', values: [...rows, kind] });
    expect(read.findings).toEqual([]);
    expect(read.scheme?.kinds?.[0]?.total?.bonusCap).toBe(10);
  });

  it('a deduction cap: the 方案 cannot hold it, and says so', () => {
    const r = parse(table('扣分项目（10分）'));
    expect(r.skipped.map((f) => f.en)).toEqual([expect.stringContaining('cannot hold a cap for deductions')]);
  });
});
