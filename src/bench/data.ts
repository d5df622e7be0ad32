/**
 * Generated ledgers for the benchmark: one grid in the 乡镇台账 layout (the same columns as
 * `kaohe template`), so the engine, the formula workbook and the .xlsx file all start from the
 * very same cells. Scores are multiples of 0.5 so every sum is exact in binary floating point
 * and a disagreement can only be a real one.
 */
import { townColumns, type CellValue, type LedgerColumn } from '../engine/ledger';
import type { Scheme, UnitInput } from '../engine';
import { createRng, type Rng } from './prng';

export const DEFAULT_SEED = 20240917;

export interface TownGrid {
  readonly columns: readonly LedgerColumn[];
  /** Header row first, then one row per town. */
  readonly rows: readonly (readonly CellValue[])[];
}

function halfPoints(rng: Rng, max: number): number {
  // Mostly 55–100 % of full marks, now and then full marks or zero.
  if (rng.chance(0.08)) return max;
  if (rng.chance(0.005)) return 0;
  const u = 0.55 + 0.45 * rng.next();
  return Math.min(max, Math.round(max * u * 2) / 2);
}

function rate(rng: Rng, target: number, missP: number): number {
  if (rng.chance(0.02)) return target; // equal to the target: met
  if (rng.chance(missP)) return Math.round((target - 0.01 - 3 * rng.next()) * 100) / 100;
  return Math.round((target + (100 - target) * rng.next()) * 100) / 100;
}

function adjustment(rng: Rng, code: string, prev: Map<string, number>): number | null {
  const odds: Record<string, [number, number]> = {
    B1: [0.02, 1],
    B2C: [0.1, 2],
    B2P: [0.05, 1],
    B2N: [0.01, 1],
    X1: [0.03, 1],
    X2: [0.01, 1],
    X4: [0.03, 2],
    X5: [0.04, 3],
    X6: [0.01, 1],
  };
  if (code === 'X3') return rng.chance(0.02) ? ([10, 15, 20, 30, 40] as const)[rng.int(0, 4)] ?? 10 : null;
  if (code === 'X5D') {
    const x5 = prev.get('X5') ?? 0;
    return x5 > 0 && rng.chance(0.3) ? rng.int(1, x5) : null;
  }
  const o = odds[code];
  if (!o || !rng.chance(o[0])) return null;
  const n = rng.int(1, o[1]);
  prev.set(code, n);
  return n;
}

/**
 * Generates `count` towns with every leaf item of the P and F lines, both vetoes with targets,
 * and a few bonuses and deductions. Same seed, same grid.
 * @example generateTowns(DEFAULT_SCHEME, 3).rows.length // 4 (header + 3 towns)
 */
export function generateTowns(scheme: Scheme, count: number, seed = DEFAULT_SEED): TownGrid {
  const rng = createRng(seed);
  const columns = townColumns(scheme);
  const points = new Map<string, number>();
  const walk = (items: readonly { code: string; points: number; children?: readonly unknown[] }[]) => {
    for (const it of items) {
      points.set(it.code, it.points);
      if (it.children) walk(it.children as typeof items);
    }
  };
  for (const l of scheme.lines) walk(l.items);
  const header: CellValue[] = columns.map((c) => (c.kind === 'unit' || c.kind === 'class' ? c.labelZh : `${c.code} ${c.labelZh}`));
  const rows: CellValue[][] = [header];
  const width = String(count).length;
  for (let i = 0; i < count; i++) {
    const row: CellValue[] = [];
    const targets = new Map<string, number>();
    const adj = new Map<string, number>();
    for (const c of columns) {
      switch (c.kind) {
        case 'unit':
          row.push(`镇${String(i + 1).padStart(width, '0')}`);
          break;
        case 'class':
          row.push(rng.int(1, 3));
          break;
        case 'item':
          row.push(rng.chance(0.01) ? null : halfPoints(rng, points.get(c.code) ?? 0));
          break;
        case 'veto': {
          // Targets as in document 5: most districts 95 %, one 94 %; statistics 90 %.
          const t = c.code === 'V1' ? (rng.chance(0.2) ? 94 : 95) : 90;
          targets.set(c.code + 'T', t);
          row.push(rate(rng, t, 0.03));
          break;
        }
        case 'vetoTarget':
          row.push(targets.get(c.code) ?? 95);
          break;
        case 'adjustment':
          row.push(adjustment(rng, c.code, adj));
          break;
      }
    }
    rows.push(row);
  }
  return { columns, rows };
}

const num = (v: CellValue | undefined): number | null => (typeof v === 'number' ? v : null);

/**
 * The engine's input for each town of a grid (what a ledger reader would produce), without
 * going through the reader, so engine time is scoring and ranking only.
 */
export function toUnitInputs(grid: TownGrid): UnitInput[] {
  const out: UnitInput[] = [];
  const cols = grid.columns;
  for (let r = 1; r < grid.rows.length; r++) {
    const row = grid.rows[r] ?? [];
    const scores: Record<string, number | null> = {};
    const adjustments: Record<string, number | null> = {};
    const vetoInputs: Record<string, { actual: number | null; target: number | null }> = {};
    let unit = '';
    let unitClass: 1 | 2 | 3 | null = null;
    cols.forEach((c, i) => {
      const v = row[i];
      switch (c.kind) {
        case 'unit':
          unit = String(v ?? '');
          break;
        case 'class':
          unitClass = v === 1 || v === 2 || v === 3 ? v : null;
          break;
        case 'item':
          scores[c.code] = num(v);
          break;
        case 'veto':
          vetoInputs[c.code] = { actual: num(v), target: vetoInputs[c.code]?.target ?? null };
          break;
        case 'vetoTarget': {
          const code = c.code.slice(0, -1);
          vetoInputs[code] = { actual: vetoInputs[code]?.actual ?? null, target: num(v) };
          break;
        }
        case 'adjustment':
          adjustments[c.code] = num(v);
          break;
      }
    });
    out.push({ unit, unitClass, scores, vetoInputs, adjustments });
  }
  return out;
}
