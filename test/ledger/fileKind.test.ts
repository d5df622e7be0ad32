import { readFileSync } from 'fs';
import fc from 'fast-check';
import { recogniseWorkbookFile } from '../../src/engine/ledger/fileKind';
import { SAMPLE_XLSX, notXlsxFiles, ole2, zipOf } from '../fixtures/notXlsx';

const CJK = /[\u3400-\u9fff]/;

describe('recogniseWorkbookFile', () => {
  it('accepts a real .xlsx whatever its name', () => {
    const bytes = new Uint8Array(readFileSync(SAMPLE_XLSX));
    expect(recogniseWorkbookFile(bytes, 'ledger.xlsx')).toEqual({ ok: true, kind: 'xlsx' });
    expect(recogniseWorkbookFile(bytes, 'ledger.xls').ok).toBe(true);
  });

  it('tells every other kind by its content and says what it is and what to do, in Chinese and English', async () => {
    for (const f of await notXlsxFiles()) {
      const v = recogniseWorkbookFile(f.bytes, f.name);
      expect({ name: f.name, kind: v.kind }).toEqual({ name: f.name, kind: f.kind });
      if (v.ok) continue;
      expect(v.en).toMatch(f.says);
      expect(v.en).toContain(f.name);
      expect(v.zh).toContain(f.name);
      expect(v.zh).toMatch(CJK);
      expect(v.en).toMatch(/\.xlsx/);
      // No zip library's words, no web address.
      expect(`${v.zh} ${v.en}`).not.toMatch(/https?:|central directory|jszip/i);
    }
  });

  it('says how to save as .xlsx, and gives the LibreOffice command for .xls/.et/.ods only', async () => {
    for (const f of await notXlsxFiles()) {
      const v = recogniseWorkbookFile(f.bytes, f.name);
      if (v.ok) continue;
      const convertible = f.kind === 'oldWorkbook' || f.kind === 'ods';
      expect({ name: f.name, convertible: v.convertible }).toEqual({ name: f.name, convertible });
      if (convertible) {
        expect(v.en).toMatch(/save it as an Excel workbook \(\.xlsx\)/);
        expect(v.zh).toContain('另存为');
        expect(v.en).toContain(`soffice --headless --convert-to xlsx ${f.name}`);
        expect(v.zh).toContain(`soffice --headless --convert-to xlsx ${f.name}`);
      } else expect(v.en).not.toContain('soffice');
    }
    const spaced = recogniseWorkbookFile(ole2('Workbook'), 'my ledger.xls');
    expect(!spaced.ok && spaced.en).toContain('--convert-to xlsx "my ledger.xls"');
  });

  it('never throws on arbitrary bytes, and refuses them unless they are a zip with xl/workbook.xml', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2000 }), fc.string(), (bytes, name) => {
        const v = recogniseWorkbookFile(bytes, name);
        if (!v.ok) expect(v.en.length).toBeGreaterThan(0);
        return v.ok === false;
      }),
      { seed: 20240610, numRuns: 300 },
    );
  });

  it('reads any zip: ok exactly when it holds xl/workbook.xml', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(fc.stringMatching(/^[a-z]{1,6}(\/[a-z]{1,6}){0,2}\.(xml|txt|bin)$/), {
          maxLength: 6,
        }),
        fc.boolean(),
        async (names, withWorkbook) => {
          const entries: Record<string, string> = Object.fromEntries(names.map((n) => [n, n]));
          if (withWorkbook) entries['xl/workbook.xml'] = '<workbook/>';
          else delete entries['xl/workbook.xml'];
          const v = recogniseWorkbookFile(await zipOf(entries), 'x.xlsx');
          expect(v.ok).toBe(withWorkbook);
        },
      ),
      { seed: 7, numRuns: 60 },
    );
  });
});
