import { DEFAULT_SCHEME } from '../../src/engine/scheme/defaultScheme';
import { readScheme } from '../../src/engine/ledger/readScheme';
import { schemeRows, SCHEME_FIELDS } from '../../src/engine/ledger/schemeSheet';
import type { CellValue } from '../../src/engine/ledger/types';

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
});
