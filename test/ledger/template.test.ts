import { DEFAULT_SCHEME } from '../../src/engine/scheme/defaultScheme';
import { buildTemplateSheets } from '../../src/engine/ledger/template';
import { headerCode, townColumns } from '../../src/engine/ledger/columns';
import { readScheme } from '../../src/engine/ledger/readScheme';
import { SHEETS } from '../../src/engine/ledger/types';

describe('buildTemplateSheets', () => {
  const [scheme, towns, deps] = buildTemplateSheets(DEFAULT_SCHEME, {
    year: 2024,
    units: ['祖庙街道', '=HYPERLINK("http://x")'],
    departments: ['卫生局'],
  });

  it('writes 方案, 乡镇台账 and 部门台账 in that order', () => {
    expect([scheme!.name, towns!.name, deps!.name]).toEqual([
      SHEETS.scheme,
      SHEETS.towns,
      SHEETS.departments,
    ]);
  });

  it('heads every column with CODE 中文名: unit, class, P/F leaves, veto inputs, adjustment inputs', () => {
    const header = towns!.rows[0]!;
    expect(header.slice(0, 3)).toEqual(['单位', '类别', 'P1 基本人口指标']);
    expect(header).toContain('P3.1 移民地区综合整治');
    expect(header).not.toContain('P3 综合治理'); // leaves only
    const codes = header.map((h) => (h === '单位' || h === '类别' ? h : headerCode(h)));
    const vStart = codes.indexOf('V1');
    expect(codes.slice(vStart, vStart + 4)).toEqual(['V1', 'V1T', 'V2', 'V2T']);
    expect(header[vStart]).toBe('V1 出生政策符合率');
    expect(header[vStart + 1]).toBe('V1T 出生政策符合率目标');
    expect(codes.slice(vStart + 4)).toEqual([
      'B1',
      'B2C',
      'B2P',
      'B2N',
      'X1',
      'X2',
      'X3',
      'X4',
      'X5',
      'X5D',
      'X6',
    ]);
    expect(codes.filter((c) => c?.startsWith('P'))).toHaveLength(11);
    expect(codes.filter((c) => c?.startsWith('F'))).toHaveLength(25);
    expect(deps!.rows[0]).toEqual([
      '单位',
      'D1 参与统筹解决人口问题',
      'D2 经常性工作机制',
      'D3 系统内监督与一票否决',
      'D4 信息共享与协作',
    ]);
  });

  it('pre-fills unit names as plain text and the default veto target', () => {
    expect(towns!.rows[2]![0]).toBe('=HYPERLINK("http://x")');
    const v1t = towns!.rows[0]!.indexOf('V1T 出生政策符合率目标');
    const v2t = towns!.rows[0]!.indexOf('V2T 统计合格率目标');
    expect(towns!.rows[1]![v1t]).toBe(95);
    expect(towns!.rows[1]![v2t]).toBeNull(); // V2 has no default target
  });

  it('validates each score column between 0 and its points, freezes the header, prints landscape', () => {
    const cols = townColumns(DEFAULT_SCHEME);
    const p31 = cols.findIndex((c) => c.code === 'P3.1');
    const v = towns!.validations!.find((x) =>
      x.range.startsWith(`${String.fromCharCode(65 + p31)}2:`),
    )!;
    expect(v).toEqual({
      range: `${String.fromCharCode(65 + p31)}2:${String.fromCharCode(65 + p31)}3`,
      min: 0,
      max: 20,
    });
    expect(towns!.freezeRows).toBe(1);
    expect(towns!.landscape).toBe(true);
    expect(towns!.columns).toHaveLength(cols.length);
  });

  it('gives blank rows when no names are given', () => {
    const [, t] = buildTemplateSheets(DEFAULT_SCHEME, { blankRows: 5 });
    expect(t!.rows).toHaveLength(6);
  });

  it('round-trips the scheme through the 方案 sheet', () => {
    const read = readScheme({ name: SHEETS.scheme, values: scheme!.rows });
    expect(read.findings).toEqual([]);
    expect(read.year).toBe(2024);
    expect(read.scheme).toEqual(JSON.parse(JSON.stringify(DEFAULT_SCHEME)));
  });
});
