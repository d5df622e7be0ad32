/**
 * Locks the custom functions' metadata: dist/functions.json must be exactly what the metadata
 * tool generates from the JSDoc today (so a dropped or changed tag fails here, not in a user's
 * workbook), with the published ids and parameter counts; the zh-CN and en-US overlays must be
 * the post-processed files.
 */
import path from 'node:path';
import { generateCustomFunctionsMetadata } from 'custom-functions-metadata';
import { localizeMetadata, type CfMetadata } from '../../src/functions/metadataLocales';
import { readDist, ROOT } from '../build/distFiles';

const EXPECTED: Record<string, { params: number; optional: string[] }> = {
  'SCORE.PARTYLINE': { params: 1, optional: [] },
  'SCORE.FPLINE': { params: 1, optional: [] },
  'SCORE.DEPT': { params: 1, optional: [] },
  'SCORE.TOTAL': { params: 6, optional: ['bonus', 'deduction', 'vetoed', 'scheme'] },
  'SCORE.SUM': { params: 2, optional: [] },
  'SCORE.LINE': { params: 4, optional: ['category'] },
  'SCORE.CLASSRANK': { params: 4, optional: ['vetoed'] },
  'SCORE.RANK': { params: 4, optional: ['vetoed', 'descending'] },
  'SCORE.BONUS': { params: 2, optional: [] },
  'SCORE.DEDUCT': { params: 3, optional: ['extra'] },
  'SCORE.RATE': { params: 4, optional: ['points_per_percent_short'] },
  'VETO.CHECK': { params: 3, optional: ['direction'] },
};
const CJK = /[\u3400-\u9fff]/;

let built: CfMetadata;
let fresh: CfMetadata;

beforeAll(async () => {
  built = JSON.parse(readDist('functions.json')) as CfMetadata;
  const result = await generateCustomFunctionsMetadata(path.join(ROOT, 'src/functions/functions.ts'), false);
  expect(result.errors).toEqual([]);
  fresh = JSON.parse(result.metadataJson) as CfMetadata;
}, 60_000);

describe('dist/functions.json', () => {
  it('equals a fresh generation from src/functions/functions.ts', () => {
    expect(built).toEqual(fresh);
  });

  it('has exactly the published ids, names equal to ids, all ASCII', () => {
    expect(built.functions.map((f) => f.id).sort()).toEqual(Object.keys(EXPECTED).sort());
    for (const f of built.functions) {
      expect(f.name).toBe(f.id);
      expect(f.id).toMatch(/^[A-Z]+\.[A-Z]+$/);
    }
  });

  it.each(Object.entries(EXPECTED))('%s has its parameters, optional ones marked, a matrix result', (id, want) => {
    const f = built.functions.find((x) => x.id === id)!;
    expect(f.parameters).toHaveLength(want.params);
    expect(f.parameters.filter((p) => p.optional).map((p) => p.name)).toEqual(want.optional);
    // Every argument is a range so that a column of rows spills; results are matrices.
    for (const p of f.parameters) expect(p.dimensionality).toBe('matrix');
    expect(f.result?.dimensionality).toBe('matrix');
  });

  it('describes every function and parameter in Chinese with English alongside', () => {
    for (const f of built.functions) {
      expect(f.description).toMatch(CJK);
      expect(f.description).toMatch(/ \/ [A-Z]/);
      for (const p of f.parameters) expect(p.description).toMatch(/^【[^】]+】.*[\u3400-\u9fff].* \/ [A-Za-z"=]/);
    }
  });
});

describe('localized overlays', () => {
  it.each(['zh-cn', 'en-us'] as const)('dist/functions.%s.json is the post-processed metadata', (locale) => {
    const overlay = JSON.parse(readDist(`functions.${locale}.json`)) as CfMetadata;
    expect(overlay).toEqual(localizeMetadata(fresh, locale));
    // ids and names never change across languages (localized names break API-written formulas).
    expect(overlay.functions.map((f) => [f.id, f.name])).toEqual(built.functions.map((f) => [f.id, f.name]));
    expect(overlay.functions.map((f) => f.parameters.length)).toEqual(built.functions.map((f) => f.parameters.length));
  });

  it('zh-CN: Chinese descriptions and parameter names, no English half', () => {
    const zh = localizeMetadata(fresh, 'zh-cn');
    const total = zh.functions.find((f) => f.id === 'SCORE.TOTAL')!;
    expect(total.parameters.map((p) => p.name)).toEqual(['党政线', '计生线', '加分', '扣分', '否决', '方案']);
    for (const f of zh.functions) {
      expect(f.description).toMatch(CJK);
      expect(f.description).not.toContain(' / ');
      for (const p of f.parameters) {
        expect(p.name).toMatch(CJK);
        expect(p.description).not.toMatch(/^【/);
      }
    }
  });

  it('en-US: English descriptions, ASCII parameter names', () => {
    const en = localizeMetadata(fresh, 'en-us');
    for (const f of en.functions) {
      expect(f.description!.replace(/["“][^"”]*["”]/g, '')).not.toMatch(CJK);
      for (const p of f.parameters) {
        expect(p.name).toMatch(/^[a-z_]+$/);
        expect(p.description).not.toMatch(CJK);
      }
    }
  });

  it('refuses a description without both languages, so the build fails loudly', () => {
    const bad: CfMetadata = { functions: [{ id: 'X.Y', name: 'X.Y', description: 'English only', parameters: [] }] };
    expect(() => localizeMetadata(bad, 'zh-cn')).toThrow(/X\.Y/);
    const noName: CfMetadata = { functions: [{ id: 'X.Y', name: 'X.Y', description: '说明 / Text', parameters: [{ name: 'a', description: '没有名字 / no name' }] }] };
    expect(() => localizeMetadata(noName, 'zh-cn')).toThrow(/【/);
  });
});
