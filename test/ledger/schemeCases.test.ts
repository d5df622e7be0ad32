/**
 * The 方案 cases in test/fixtures/schemes: every `error-*` / `warning-*` file must give exactly
 * its expected findings (rule, cell and severity), every `good-*` file none, and its scheme must
 * match the file's `scheme` (or equal DEFAULT_SCHEME for `"sameAs": "DEFAULT_SCHEME"`). A new
 * file in the folder is a new case.
 */
import * as fs from 'fs';
import * as path from 'path';
import { DEFAULT_SCHEME } from '../../src/engine/scheme/defaultScheme';
import { readScheme } from '../../src/engine/ledger/readScheme';
import type { CellValue } from '../../src/engine/ledger/types';

interface Case {
  readonly about: string;
  readonly rows: CellValue[][];
  readonly expect: readonly { rule: string; cell: string; severity?: 'error' | 'warning' }[];
  readonly scheme?: object;
  readonly sameAs?: 'DEFAULT_SCHEME';
}

const dir = path.join(__dirname, '..', 'fixtures', 'schemes');
const files = fs
  .readdirSync(dir)
  .filter((f) => f.endsWith('.json'))
  .sort();
const load = (f: string): Case => JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')) as Case;

describe('方案 cases (test/fixtures/schemes)', () => {
  it('has error cases and good cases, and no file of another name', () => {
    expect(files.filter((f) => f.startsWith('error-')).length).toBeGreaterThanOrEqual(20);
    expect(files.filter((f) => f.startsWith('good-')).length).toBeGreaterThanOrEqual(7);
    expect(files.filter((f) => !/^(error|warning|good)-[a-z0-9-]+\.json$/.test(f))).toEqual([]);
  });

  describe.each(files)('%s', (file) => {
    const c = load(file);
    const got = readScheme({ name: '方案', values: c.rows });
    const found = got.findings.map((f) => ({ rule: f.rule, cell: f.cell, severity: f.severity }));
    const want = c.expect.map((e) => ({
      rule: e.rule,
      cell: e.cell,
      severity: e.severity ?? 'error',
    }));
    const order = (
      a: { rule: string; cell: string | null },
      b: { rule: string; cell: string | null },
    ) => `${a.rule} ${a.cell}`.localeCompare(`${b.rule} ${b.cell}`);

    it(`${c.about}`, () => {
      expect([...found].sort(order)).toEqual([...want].sort(order));
    });

    it('says every finding in Chinese and English, on the 方案 sheet', () => {
      for (const f of got.findings) {
        expect(f.sheet).toBe('方案');
        expect(f.zh).toMatch(/[\u4e00-\u9fff]/);
        expect(f.en).toMatch(/[a-z]{3}/);
      }
    });

    if (file.startsWith('good-') || file.startsWith('warning-'))
      it('gives a scheme', () => {
        expect(got.scheme).not.toBeNull();
        if (c.sameAs === 'DEFAULT_SCHEME')
          expect(got.scheme).toEqual(JSON.parse(JSON.stringify(DEFAULT_SCHEME)));
        if (c.scheme) expect(got.scheme).toMatchObject(c.scheme);
      });
    else
      it('gives no scheme', () => {
        expect(got.scheme).toBeNull();
      });
  });
});
