/**
 * The cell-by-cell agreement check between the engine and the formula workbook. A benchmark
 * that compares speeds is only worth reading if both sides computed the same thing.
 */
import type { Ranking } from '../engine';

/** What both sides must agree on, per town. Null = the cell is empty (vetoed: no score, no rank). */
export interface TownResult {
  readonly unit: string;
  readonly party: number | null;
  readonly fp: number | null;
  readonly total: number | null;
  readonly vetoed: boolean;
  readonly rank: number | null;
}

export interface Disagreement {
  readonly unit: string;
  readonly field: keyof TownResult | 'missing';
  readonly engine: unknown;
  readonly formulas: unknown;
}

/** Scores are sums of halves, so they must match exactly; the tolerance only forgives printing noise. */
const EPS = 1e-9;

function same(a: number | boolean | null, b: number | boolean | null): boolean {
  if (typeof a === 'number' && typeof b === 'number') return Math.abs(a - b) <= EPS;
  return a === b;
}

/**
 * Every field where the engine and the formulas differ, town by town (matched by name, in the
 * formula workbook's row order). Towns missing from either side are disagreements too.
 * @example compareResults([{ unit: 'a', party: 1, fp: 2, total: 3, vetoed: false, rank: 1 }], []) // [{ unit: 'a', field: 'missing', … }]
 */
export function compareResults(engine: readonly TownResult[], formulas: readonly TownResult[]): Disagreement[] {
  const out: Disagreement[] = [];
  const byUnit = new Map<string, TownResult>();
  for (const e of engine) byUnit.set(e.unit, e);
  const seen = new Set<string>();
  for (const f of formulas) {
    seen.add(f.unit);
    const e = byUnit.get(f.unit);
    if (!e) {
      out.push({ unit: f.unit, field: 'missing', engine: undefined, formulas: f });
      continue;
    }
    for (const field of ['party', 'fp', 'total', 'vetoed', 'rank'] as const) {
      if (!same(e[field], f[field])) out.push({ unit: f.unit, field, engine: e[field], formulas: f[field] });
    }
  }
  for (const e of engine) if (!seen.has(e.unit)) out.push({ unit: e.unit, field: 'missing', engine: e, formulas: undefined });
  return out;
}

/** The engine's ranking as comparable rows. */
export function fromRanking(ranking: Ranking): TownResult[] {
  return ranking.units.map((u) => ({ unit: u.unit, party: u.party, fp: u.fp, total: u.total, vetoed: u.vetoed, rank: u.rank.total }));
}

/** One line per disagreement (at most `limit`), for the console. */
export function describeDisagreements(list: readonly Disagreement[], limit = 10): string {
  const lines = list.slice(0, limit).map((d) => `  ${d.unit} ${d.field}: engine ${JSON.stringify(d.engine)} ≠ formulas ${JSON.stringify(d.formulas)}`);
  if (list.length > limit) lines.push(`  … and ${list.length - limit} more`);
  return lines.join('\n');
}
