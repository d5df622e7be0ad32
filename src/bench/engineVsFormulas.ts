/**
 * Comparison 1: the engine against the formula workbook, on the same generated towns in the
 * same process, with the results checked cell by cell.
 */
import { rankAll, type Scheme } from '../engine';
import { compareResults, fromRanking, type Disagreement, type TownResult } from './agree';
import { generateTowns, toUnitInputs, type TownGrid } from './data';
import { runFormulas, type RankFormula } from './formulas';
import { timeIt } from './timing';

export interface EngineVsFormulas {
  readonly towns: number;
  readonly vetoed: number;
  readonly rankFormula: RankFormula;
  /** Engine: `rankAll` on ready inputs, median of 3 after a warm-up. */
  readonly engineMs: number;
  readonly formulaBuildMs: number;
  readonly formulaRecalcMs: number;
  readonly formulaEditMs: number;
  /** Full recalculation ÷ engine. */
  readonly ratio: number;
  readonly disagreements: readonly Disagreement[];
}

export interface SizeRun {
  readonly grid: TownGrid;
  readonly engineResults: TownResult[];
  readonly figures: EngineVsFormulas;
}

/** Engine results and time for a grid. */
export function runEngine(scheme: Scheme, grid: TownGrid, repeats = 3): { results: TownResult[]; ms: number } {
  const inputs = toUnitInputs(grid);
  const ranking = rankAll(scheme, inputs, []);
  const results = fromRanking(ranking);
  const ms = repeats > 0 ? timeIt(() => rankAll(scheme, inputs, []), repeats, 0) : Number.NaN;
  return { results, ms };
}

export function compareAtSize(scheme: Scheme, towns: number, rankFormula: RankFormula, seed?: number, repeats = 3): SizeRun {
  const grid = generateTowns(scheme, towns, seed);
  const engine = runEngine(scheme, grid, repeats);
  const f = runFormulas(scheme, grid, rankFormula);
  const disagreements = compareResults(engine.results, f.results);
  return {
    grid,
    engineResults: engine.results,
    figures: {
      towns,
      vetoed: engine.results.filter((r) => r.vetoed).length,
      rankFormula,
      engineMs: engine.ms,
      formulaBuildMs: f.buildMs,
      formulaRecalcMs: f.recalcMs,
      formulaEditMs: f.editMs,
      ratio: f.recalcMs / engine.ms,
      disagreements,
    },
  };
}
