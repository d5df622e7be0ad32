/**
 * Generated valid ledgers for property tests: the template's columns (any scheme), towns with
 * random scores within each item's points (exactly 0, 1 and full marks included, halves and
 * tenths too), veto figures and targets on one scale per ledger — plain percentages (96.5),
 * plain fractions (0.965), text with a sign ("96.5%"), or %-formatted cells as Excel stores a
 * typed `96.5%` (0.965 with a `0.0%` number format), alone or against the template's plain 95 —
 * bonuses and deductions within their rules, and a departments sheet. Every such ledger is valid:
 * it must read with 0 errors and rank.
 */
import fc from 'fast-check';
import {
  departmentColumns,
  headerText,
  townColumns,
  type LedgerColumn,
} from '../../src/engine/ledger/columns';
import type { CellValue, SheetGrid, WorkbookGrid } from '../../src/engine/ledger/types';
import { SHEETS } from '../../src/engine/ledger/types';
import { indexScheme } from '../../src/engine/scheme/schemeIndex';
import type { Scheme } from '../../src/engine/types';
import { createRng, type Rng } from '../../src/bench/prng';

/** How a ledger holds its veto figures and targets. */
export type FigureStyle = 'percent' | 'fraction' | 'text' | 'formatted' | 'formatted-figures';
export const FIGURE_STYLES: readonly FigureStyle[] = [
  'percent',
  'fraction',
  'text',
  'formatted',
  'formatted-figures',
];

export interface ValidLedgerSpec {
  readonly towns: number;
  readonly departments: number;
  readonly style: FigureStyle;
  readonly seed: number;
}

/** A score within `points`: often exactly 0, 1 or full marks, else a multiple of 0.5 or 0.1. */
function score(rng: Rng, points: number): number {
  const u = rng.next();
  if (u < 0.1) return 0;
  if (u < 0.2 && points >= 1) return 1;
  if (u < 0.35) return points;
  if (u < 0.7) return Math.floor(rng.next() * points * 2) / 2;
  return Math.floor(rng.next() * points * 10) / 10;
}

/** A rate on the percent scale (0–100), sometimes exactly the target, 100, or a miss. */
function rate(rng: Rng, target: number): number {
  const u = rng.next();
  if (u < 0.05) return target;
  if (u < 0.1) return 100;
  if (u < 0.15) return Math.round((target - 0.1 - rng.next() * 20) * 10) / 10;
  return Math.round((target + (100 - target) * rng.next()) * 10) / 10;
}

function adjustment(
  rng: Rng,
  code: string,
  mode: 'count' | 'points',
  minEach: number | undefined,
  maxEach: number | undefined,
  subsetOf: number | null,
): number | null {
  if (subsetOf !== null) return subsetOf > 0 && rng.chance(0.5) ? rng.int(0, subsetOf) : null;
  if (!rng.chance(0.15)) return rng.chance(0.5) ? 0 : null;
  if (mode === 'points') {
    const cases = rng.int(1, 2);
    return cases * rng.int(minEach ?? 1, maxEach ?? minEach ?? 10);
  }
  return rng.int(1, code.startsWith('B') ? 2 : 3);
}

/** One generated valid workbook. Same spec, same workbook. */
export function validLedger(scheme: Scheme, spec: ValidLedgerSpec): WorkbookGrid {
  const rng = createRng(spec.seed);
  const index = indexScheme(scheme);
  const cols = townColumns(scheme);
  const values: CellValue[][] = [cols.map((c) => headerText(c))];
  const formats: (string | null)[][] = [cols.map(() => null)];
  const vetoOf = new Map(scheme.vetoes.map((v) => [v.code, v]));
  for (let i = 0; i < spec.towns; i++) {
    const row: CellValue[] = [];
    const fmt: (string | null)[] = [];
    const targets = new Map<string, number>();
    const counts = new Map<string, number>();
    for (const c of cols) {
      row.push(cellFor(c));
      fmt.push(formatFor(c));
    }
    values.push(row);
    formats.push(fmt);

    function figure(percent: number, isTarget: boolean): CellValue {
      switch (spec.style) {
        case 'percent':
          return percent;
        case 'fraction':
          return Math.round(percent * 10) / 1000;
        case 'text':
          return `${percent}%`;
        case 'formatted':
          return Math.round(percent * 10) / 1000;
        case 'formatted-figures':
          return isTarget ? percent : Math.round(percent * 10) / 1000;
      }
    }
    function formatFor(c: LedgerColumn): string | null {
      if (spec.style === 'formatted' && (c.kind === 'veto' || c.kind === 'vetoTarget'))
        return '0.0%';
      if (spec.style === 'formatted-figures' && c.kind === 'veto') return '0.0%';
      return null;
    }
    function cellFor(c: LedgerColumn): CellValue {
      switch (c.kind) {
        case 'unit':
          return `单位${i + 1}`;
        case 'class':
          return rng.int(1, 3);
        case 'item':
          return score(rng, index.items.get(c.code)?.item.points ?? 0);
        case 'veto': {
          const t = vetoOf.get(c.code)?.direction === '<=' ? 100 : 90 + rng.int(0, 9);
          targets.set(c.code, t);
          return figure(rate(rng, t), false);
        }
        case 'vetoTarget':
          return figure(targets.get(c.code.slice(0, -1)) ?? 95, true);
        case 'adjustment': {
          const input = index.adjustmentInputs.get(c.code)?.input;
          const parent = input?.subsetOf ? (counts.get(input.subsetOf) ?? 0) : null;
          const v = adjustment(
            rng,
            c.code,
            input?.mode ?? 'count',
            input?.minEach,
            input?.maxEach,
            parent,
          );
          counts.set(c.code, v ?? 0);
          return v;
        }
        default:
          return null;
      }
    }
  }
  const towns: SheetGrid = formats.some((r) => r.some((f) => f !== null))
    ? { name: SHEETS.towns, values, numberFormats: formats }
    : { name: SHEETS.towns, values };
  const sheets: SheetGrid[] = [towns];
  if (spec.departments > 0) {
    const dcols = departmentColumns(scheme);
    const dvalues: CellValue[][] = [dcols.map((c) => headerText(c))];
    for (let i = 0; i < spec.departments; i++)
      dvalues.push(
        dcols.map((c) =>
          c.kind === 'unit'
            ? `部门${i + 1}`
            : score(rng, index.items.get(c.code)?.item.points ?? 0),
        ),
      );
    sheets.push({ name: SHEETS.departments, values: dvalues });
  }
  return { sheets };
}

/** Specs of valid ledgers: mostly small, now and then up to `maxTowns` towns. */
export function validLedgerSpec(maxTowns = 2000): fc.Arbitrary<ValidLedgerSpec> {
  return fc.record({
    towns: fc.oneof(
      { weight: 40, arbitrary: fc.integer({ min: 1, max: 40 }) },
      { weight: 1, arbitrary: fc.integer({ min: 1, max: maxTowns }) },
    ),
    departments: fc.integer({ min: 0, max: 12 }),
    style: fc.constantFrom(...FIGURE_STYLES),
    seed: fc.integer({ min: 1, max: 2 ** 31 - 1 }),
  });
}
