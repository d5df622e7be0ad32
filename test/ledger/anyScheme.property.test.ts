/**
 * Issue 11, done-when: a bureau with any of the schemes edits 方案, never TypeScript, and gets a
 * ranking. For every good 方案 case in test/fixtures/schemes: the template for that scheme, filled
 * with generated valid data (scores within each class's points, figures, counts), reads and
 * ranks with no error; and the ranking is the engine's own score of the same inputs.
 */
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { assessWorkbook } from '../../src/engine/assess';
import { readScheme } from '../../src/engine/ledger/readScheme';
import { buildTemplateSheets } from '../../src/engine/ledger/template';
import { departmentColumns, townColumns } from '../../src/engine/ledger/columns';
import { departmentKind, indexScheme, itemPoints, scoreUnit, targetFor, unitKind, vetoTargets } from '../../src/engine';
import type { Scheme } from '../../src/engine';
import type { CellValue, SheetSpec } from '../../src/engine/ledger/types';

const DIR = path.join(__dirname, '../fixtures/schemes');
const goods = fs
  .readdirSync(DIR)
  .filter((f) => f.startsWith('good-'))
  .map((f) => ({ file: f, rows: (JSON.parse(fs.readFileSync(path.join(DIR, f), 'utf8')) as { rows: CellValue[][] }).rows }));

/** Fills the unit kind's sheet: valid values for every column, by what the scheme says of it. */
function fill(scheme: Scheme, sheet: SheetSpec, names: readonly string[], pick: (n: number) => number): SheetSpec {
  const kind = unitKind(scheme)!;
  const index = indexScheme(scheme);
  const cols = townColumns(scheme);
  const classes = kind.classes ?? [];
  const rows: CellValue[][] = [sheet.rows[0] as CellValue[]];
  names.forEach((name, r) => {
    const cls = classes.length > 0 ? (classes[pick(classes.length)]!.code) : null;
    rows.push(
      cols.map((c): CellValue => {
        if (c.kind === 'unit') return name;
        if (c.kind === 'class') return cls === null ? null : String(cls);
        if (c.kind === 'item') {
          const it = index.items.get(c.code)!.item;
          const rule = it.rule?.kind ?? 'entered';
          if (rule === 'cases') return pick(4);
          if (rule === 'target' || rule === 'proportion') {
            const t = targetFor(it.rule && 'target' in it.rule ? it.rule.target : null, null, name, cls) as number | null;
            return t === null ? 90 : Math.max(1, (t) - pick(5));
          }
          const p = itemPoints(it, cls);
          return p === null ? null : Math.min(p, pick(Math.floor(p) + 1));
        }
        if (c.kind === 'veto') {
          const v = scheme.vetoes.find((x) => x.code === c.code)!;
          const t = targetFor(vetoTargets(v), null, name, cls) as number | null;
          const base = t ?? 95;
          // Mostly met, now and then missed.
          const miss = pick(5) === 0;
          return v.direction === '>=' ? base + (miss ? -1 : 1) : base + (miss ? 1 : -1);
        }
        if (c.kind === 'vetoTarget') {
          const v = scheme.vetoes.find((x) => x.code + 'T' === c.code);
          if (v && targetFor(vetoTargets(v), null, name, cls) === null) return 95;
          return v ? null : 90;
        }
        // A count that is a subset of another (X5D ⊆ X5) stays 0 here; the rest 0 or 1 events.
        const input = index.adjustmentInputs.get(c.code)?.input;
        if (input?.subsetOf) return 0;
        if (input?.mode === 'points') return 0;
        return pick(2);
      }),
    );
    void r;
  });
  return { ...sheet, rows };
}

/** Fills a departments' sheet with entered scores within each item's points. */
function fillDepartments(scheme: Scheme, sheet: SheetSpec, names: readonly string[], pick: (n: number) => number): SheetSpec {
  const index = indexScheme(scheme);
  const cols = departmentColumns(scheme);
  return {
    ...sheet,
    rows: [
      sheet.rows[0] as CellValue[],
      ...names.map((name) =>
        cols.map((c): CellValue => (c.kind === 'unit' ? name : pick(Math.floor(index.items.get(c.code)!.item.points) + 1))),
      ),
    ],
  };
}

describe.each(goods.map((g) => [g.file, g.rows] as const))('%s: template, fill, rank', (_file, rows) => {
  const read = readScheme({ name: '方案', values: rows });
  it('is a valid scheme', () => expect(read.findings.filter((f) => f.severity === 'error')).toEqual([]));
  const scheme = read.scheme!;
  it('ranks any valid filling with no error, as the engine scores it', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 12 }), fc.integer(), (n, seed) => {
        let x = seed >>> 0 || 1;
        const pick = (m: number) => {
          x = (x * 1103515245 + 12345) >>> 0;
          return m <= 1 ? 0 : (x >>> 8) % m;
        };
        const kind = unitKind(scheme);
        const byUnit = scheme.vetoes.flatMap((v) => Object.keys(v.targetsByUnit ?? {}));
        const names = byUnit.length > 0 ? [...new Set(byUnit)].slice(0, n) : Array.from({ length: n }, (_, i) => `单位${i + 1}`);
        // A scheme of departments only: fill the departments' sheet instead.
        const sheets = buildTemplateSheets(scheme, kind ? { units: names, departments: [] } : { departments: names });
        const dep = departmentKind(scheme);
        const grid = {
          sheets: [
            { name: '方案', values: rows },
            ...sheets
              .filter((s) => s.name !== '方案')
              .map((s) =>
                s.name === kind?.sheet
                  ? fill(scheme, s, names, pick)
                  : !kind && s.name === dep?.sheet
                    ? fillDepartments(scheme, s, names, pick)
                    : s,
              )
              .map((s) => ({ name: s.name, values: s.rows })),
          ],
        };
        const result = assessWorkbook(grid);
        const errors = result.findings.filter((f) => f.severity === 'error');
        if (errors.length > 0) throw new Error(JSON.stringify(errors.slice(0, 3)));
        expect(result.ranking).not.toBeNull();
        expect(result.ledger.units.length + result.ledger.departments.length).toBe(names.length);
        for (const u of result.ledger.units) {
          const ranked = result.ranking!.units.find((r) => r.unit === u.input.unit)!;
          const own = scoreUnit(scheme, u.input);
          expect([ranked.total, ranked.vetoed, ranked.lines]).toEqual([own.total, own.vetoed, own.lines]);
        }
      }),
      { seed: 20261202, numRuns: 25 },
    );
  });
});
