/**
 * Custom functions: one call over a 50,000-row range against 50,000 single-row calls, on the
 * real implementations in src/functions (with a stand-in `CustomFunctions` global).
 */
import './customFunctionsStub';
import { scorePartyLine, vetoCheck } from '../functions/functions';
import type { TownGrid } from './data';
import { timeIt } from './timing';

export interface FunctionFigures {
  readonly rows: number;
  readonly partyOneCallMs: number;
  readonly partyPerRowMs: number;
  readonly vetoOneCallMs: number;
  readonly vetoPerRowMs: number;
}

/** Columns of the grid by kind and line, as 2-D ranges the way Excel hands them over. */
function ranges(grid: TownGrid) {
  const party = grid.columns.map((c, i) => ({ c, i })).filter(({ c }) => c.kind === 'item' && c.code.startsWith('P')).map(({ i }) => i);
  const v1 = grid.columns.findIndex((c) => c.code === 'V1');
  const v1t = grid.columns.findIndex((c) => c.code === 'V1T');
  const body = grid.rows.slice(1);
  return {
    party: body.map((row) => party.map((i) => row[i] ?? null)),
    rate: body.map((row) => [row[v1] ?? null]),
    target: body.map((row) => [row[v1t] ?? null]),
  };
}

const flat = (m: readonly (readonly unknown[])[]) => m.map((r) => r[0]);

/**
 * Times both ways and checks they return the same cells (so neither side skips work).
 * @throws when one call and single-row calls disagree
 */
export function benchFunctions(grid: TownGrid, repeats = 3): FunctionFigures {
  const r = ranges(grid);
  const rows = r.party.length;
  let one: unknown[] = [];
  let each: unknown[] = [];
  const partyOneCallMs = timeIt(() => (one = flat(scorePartyLine(r.party))), repeats);
  const partyPerRowMs = timeIt(() => (each = r.party.map((row) => scorePartyLine([row])[0]?.[0])), repeats);
  if (one.length !== rows || one.some((v, i) => v !== each[i] || typeof v !== 'number')) throw new Error('SCORE.PARTYLINE: one call and single-row calls disagree');
  const vetoOneCallMs = timeIt(() => (one = flat(vetoCheck(r.rate, r.target))), repeats);
  const vetoPerRowMs = timeIt(() => (each = r.rate.map((rate, i) => vetoCheck([rate], [r.target[i] ?? [null]])[0]?.[0])), repeats);
  if (one.length !== rows || one.some((v, i) => v !== each[i] || typeof v !== 'boolean')) throw new Error('VETO.CHECK: one call and single-row calls disagree');
  return { rows, partyOneCallMs, partyPerRowMs, vetoOneCallMs, vetoPerRowMs };
}
