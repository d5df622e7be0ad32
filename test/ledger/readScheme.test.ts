import { schemeKinds } from '../../src/engine/scheme/kinds';
import { DEFAULT_SCHEME } from '../../src/engine/scheme/defaultScheme';
import { readScheme } from '../../src/engine/ledger/readScheme';
import { schemeRows, SCHEME_FIELDS } from '../../src/engine/ledger/schemeSheet';
import type { CellValue } from '../../src/engine/ledger/types';
import { rankAll } from '../../src/engine/rank/rankAll';

const rows = () => schemeRows(DEFAULT_SCHEME);
const col = (name: string) => SCHEME_FIELDS.indexOf(name as never);
const rowOf = (rs: CellValue[][], code: string) => rs.findIndex((r) => r[1] === code);
const read = (values: CellValue[][]) => readScheme({ name: '方案', values });

describe('readScheme', () => {
  it('reads columns by header name in any order', () => {
    const rs = rows().map((r) => [...r].reverse());
    const got = read(rs);
    expect(got.findings).toEqual([]);
    expect(got.scheme).toEqual(JSON.parse(JSON.stringify(DEFAULT_SCHEME)));
  });

  it('reads an edited scheme (a point moved between children) as the new scheme', () => {
    const rs = rows();
    rs[rowOf(rs, 'P3.1')]![col('points')] = 25;
    rs[rowOf(rs, 'P3.2')]![col('points')] = 15;
    const got = read(rs);
    expect(got.findings).toEqual([]);
    expect(got.scheme!.lines[0]!.items[2]!.children![0]!.points).toBe(25);
  });

  it('reports every problem with its cell: sums, unknown parent, bad kind, bad number, bad direction', () => {
    const rs = rows();
    rs[rowOf(rs, 'P3')]![col('points')] = 75; // parent-sum and line-sum
    rs[rowOf(rs, 'F1.1')]![col('parent')] = 'F9'; // unknown parent
    rs[rowOf(rs, 'F2')]![col('kind')] = '项目'; // unknown kind
    rs[rowOf(rs, 'D1')]![col('points')] = '三十'; // not a number
    rs[rowOf(rs, 'V1')]![col('direction')] = '=>';
    const got = read(rs);
    expect(got.scheme).toBeNull();
    const by = (rule: string) => got.findings.filter((f) => f.rule === rule).map((f) => f.cell);
    expect(by('scheme.parent-sum')).toContain(`E${rowOf(rs, 'P3') + 1}`);
    expect(by('scheme.item-parent')).toEqual([`F${rowOf(rs, 'F1.1') + 1}`]);
    expect(by('scheme.kind-invalid')).toEqual([`A${rowOf(rs, 'F2') + 1}`]);
    expect(by('scheme.value-not-number')).toEqual([`E${rowOf(rs, 'D1') + 1}`]);
    expect(by('scheme.veto-direction')).toEqual([`H${rowOf(rs, 'V1') + 1}`]);
    expect(got.findings.every((f) => f.sheet === '方案' && f.zh && f.en)).toBe(true);
  });

  it('reports a veto pointing at an item that does not exist', () => {
    const rs = rows();
    rs[rowOf(rs, 'V2')]![col('indicators')] = 'F4.9';
    const got = read(rs);
    expect(got.findings.map((f) => [f.rule, f.cell])).toEqual([
      ['scheme.veto-unknown-indicator', `J${rowOf(rs, 'V2') + 1}`],
    ]);
  });

  it('reports missing required headers', () => {
    expect(read([['代码', '项目']]).findings.map((f) => f.rule)).toEqual([
      'scheme.header-missing',
      'scheme.header-missing',
    ]);
  });

  describe('issue 11, defect: a parent loop', () => {
    it('A → B → A is an error scheme.parent-loop on the 上级 cell of each item of the loop', () => {
      const rs = rows();
      rs[rowOf(rs, 'P3.1')]![col('parent')] = 'P3.2';
      rs[rowOf(rs, 'P3.2')]![col('parent')] = 'P3.1';
      const got = read(rs);
      expect(got.scheme).toBeNull();
      const loops = got.findings.filter((f) => f.rule === 'scheme.parent-loop');
      expect(loops.map((f) => f.cell)).toEqual([
        `F${rowOf(rs, 'P3.1') + 1}`,
        `F${rowOf(rs, 'P3.2') + 1}`,
      ]);
      expect(loops[0]!.zh).toContain('P3.1 → P3.2 → P3.1');
      expect(loops[0]!.en).toContain('loop');
    });

    it('an item that is its own parent is a loop too', () => {
      const rs = rows();
      rs[rowOf(rs, 'F1')]![col('parent')] = 'F1';
      const got = read(rs);
      expect(
        got.findings.filter((f) => f.rule === 'scheme.parent-loop').map((f) => f.cell),
      ).toEqual([`F${rowOf(rs, 'F1') + 1}`]);
    });
  });

  describe('issue 11, defect: a scheme without line F', () => {
    const withoutLines = (codes: readonly string[]) => {
      const rs = rows();
      const line = col('owner');
      return rs.filter(
        (r, i) =>
          i === 0 ||
          (!(
            (r[0] === '线' && codes.includes(String(r[1]))) ||
            (r[0] === '指标' && codes.includes(String(r[line])))
          ) &&
            !(r[0] === '否决' && String(r[col('indicators')]).includes('F'))),
      );
    };

    it('line P alone: valid, and the towns are scored and ranked on P alone', () => {
      const got = read(withoutLines(['F']));
      expect(got.findings).toEqual([]);
      const ranking = rankAll(
        got.scheme!,
        [
          {
            unit: '甲镇',
            unitClass: 1,
            scores: { P1: 90, P2: 20 },
            vetoInputs: { V1: { actual: 96, target: 95 } },
            adjustments: {},
          },
          {
            unit: '乙镇',
            unitClass: 2,
            scores: { P1: 100, P2: 20 },
            vetoInputs: { V1: { actual: 96, target: 95 } },
            adjustments: {},
          },
        ],
        [],
      );
      expect(ranking.units.map((u) => [u.unit, u.total, u.rank.total])).toEqual([
        ['乙镇', 120, 1],
        ['甲镇', 110, 2],
      ]);
    });

    it('line D alone: a departments-only assessment (no towns kind), not towns with no line', () => {
      const rs = withoutLines(['P', 'F']).filter((r) => r[0] !== '否决');
      const got = read(rs);
      expect(got.findings).toEqual([]);
      expect(schemeKinds(got.scheme!).map((k) => [k.role, [...k.lines]])).toEqual([['department', ['D']]]);
    });

    it('a 单位类型 row that no line names is an error on that row', () => {
      const rs = rows();
      const kindRow = Array<CellValue>(rs[0]!.length).fill(null);
      kindRow[col('kind')] = '单位类型';
      kindRow[col('code')] = 'Q';
      kindRow[col('labelZh')] = '区';
      kindRow[col('owner')] = '单位';
      for (const r of rs) if (r[0] === '线') r[col('owner')] = r[1] === 'D' ? 'D' : 'T';
      const town = [...kindRow];
      town[col('code')] = 'T';
      const dept = [...kindRow];
      dept[col('code')] = 'D';
      dept[col('owner')] = '部门';
      rs.splice(2, 0, town, dept);
      // With T and D declared the scheme reads as before; an extra unit kind Q without lines is an error.
      expect(read(rs).findings).toEqual([]);
      rs.splice(2, 1, kindRow);
      const got = read(rs);
      expect(got.findings.map((f) => [f.rule, f.cell])).toEqual(
        expect.arrayContaining([
          ['scheme.kind-no-line', 'B3'],
          ['scheme.line-kind', `G${rowOf(rs, 'P') + 1}`],
        ]),
      );
    });
  });
});

describe('a 加分 row without a 输入 row (a tester typed its points on the 加分 row)', () => {
  it('says which row to add, in Chinese and English', () => {
    const rows: CellValue[][] = [
      ['类型', '代码', '项目', '分值', '所属', '计分方式'],
      ['线', 'P', '线P', 100, null, null],
      ['指标', 'P1', '指标P1', 100, 'P', null],
      ['加分', 'B1', '获奖', 8, null, '次数'],
    ];
    const [f] = readScheme({ name: '方案', values: rows }).findings;
    expect(f).toMatchObject({ cell: 'B4', severity: 'error' });
    expect(f?.zh).toContain('请加一行类型“输入”、所属 B1');
    expect(f?.en).toContain('add a row of type 输入 (input) with 所属 B1');
  });
});

describe("findings about a class name it as the bureau labels it (二类), not by its code (2)", () => {
  const HEADER = ['类型', '代码', '项目', '分值', '上级', '所属', '分类分值', '否决方向', '分类目标'];
  const row = (o: Partial<Record<string, CellValue>>): CellValue[] => HEADER.map((h) => o[h] ?? null);
  const rows: CellValue[][] = [
    HEADER,
    row({ 类型: '单位类型', 代码: 'T', 项目: '镇街', 所属: '单位' }),
    row({ 类型: '类别', 代码: 1, 项目: '一类', 所属: 'T' }),
    row({ 类型: '类别', 代码: 2, 项目: '二类', 所属: 'T' }),
    row({ 类型: '线', 代码: 'G', 项目: '党委政府', 分值: 500, 所属: 'T' }),
    // 二类: 150 + 300 = 450, not 500; its children sum to 300, not 350.
    row({ 类型: '指标', 代码: 'G1', 项目: '组织领导', 分值: 200, 所属: 'G', 分类分值: '二类:150' }),
    row({ 类型: '指标', 代码: 'G2', 项目: '综合治理', 分值: 300, 所属: 'G', 分类分值: '二类:350' }),
    row({ 类型: '指标', 代码: 'G2.1', 项目: '治理一', 分值: 100, 上级: 'G2', 所属: 'G' }),
    row({ 类型: '指标', 代码: 'G2.2', 项目: '治理二', 分值: 200, 上级: 'G2', 所属: 'G' }),
    row({ 类型: '否决', 代码: 'V1', 项目: '出生率', 否决方向: '<=', 分类目标: '一类:11' }),
  ];
  const findings = readScheme({ name: '方案', values: rows }).findings;
  const one = (rule: string) => findings.filter((f) => f.rule === rule);

  it('the per-class sums of a line and of a parent, and a per-class target left out', () => {
    expect(one('scheme.parent-sum').map((f) => [f.zh, f.en])).toEqual([
      ['G2 对二类的分值 350 不等于其子项（二类）之和 300', 'G2: points 350 for 二类 differ from the sum of its children for that class, 300'],
    ]);
    expect(one('scheme.target-partial').map((f) => f.zh)).toEqual([expect.stringContaining('没有写类别 二类：')]);
    expect(one('scheme.target-partial').map((f) => f.en)).toEqual([expect.stringContaining('leave out 二类;')]);
  });

  it('the built-in classes read Class 2 in English', () => {
    // No 单位类型 rows: the built-in layout, classes 1/2/3 (一类/二类/三类, Class 1/2/3).
    const builtIn = rows.filter((r) => r[0] !== '类别' && r[0] !== '单位类型').map((r) => (r[0] === '线' ? r.map((v, i) => (i === 5 ? null : v)) : r));
    const f = readScheme({ name: '方案', values: builtIn }).findings.find((x) => x.rule === 'scheme.target-partial');
    expect(f?.zh).toContain('没有写类别 二类、三类：');
    expect(f?.en).toContain('leave out Class 2, Class 3;');
  });
});
