import { ScoredUnit, scoreDepartment, scoreUnit } from '../score/scoreUnit';
import type { DepartmentInput, Flag, RankOptions, RankedDepartment, RankedUnit, Ranking, Scheme, UnitInput, UnitScore } from '../types';
import { rankCompetition, rankFromBottom } from './rankCompetition';

/** Defaults of the ranking options, documented in the README. */
export const DEFAULT_RANK_OPTIONS: Required<RankOptions> = { topN: 3, bottomN: 3, byClass: false };

function checkN(name: string, n: number): number {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`${name} must be a whole number ≥ 0, got ${n}`);
  return n;
}

/**
 * Ranks scored units: the party line, the family-planning line and the total each on its own
 * (三线排位), with RANK.EQ ties (1, 2, 2, 4); vetoed units and units with invalid inputs are
 * never ranked and are listed last (vetoed before invalid), in input order.
 * Flags, by total: rank ≤ topN → 一票优先; among the last bottomN (counted from the bottom, ties
 * included) → 黄牌警告; the lowest ranked → 末位. With `byClass`, also a rank within class.
 */
export function rankScoredUnits(scores: readonly UnitScore[], options: RankOptions = {}): RankedUnit[] {
  const topN = checkN('topN', options.topN ?? DEFAULT_RANK_OPTIONS.topN);
  const bottomN = checkN('bottomN', options.bottomN ?? DEFAULT_RANK_OPTIONS.bottomN);
  const byClass = options.byClass ?? DEFAULT_RANK_OPTIONS.byClass;
  const party = rankCompetition(scores.map((s) => s.party));
  const fp = rankCompetition(scores.map((s) => s.fp));
  const totals = scores.map((s) => s.total);
  const total = rankCompetition(totals);
  const fromBottom = rankFromBottom(totals);
  const classRank: (number | null)[] = new Array<number | null>(scores.length).fill(null);
  if (byClass) {
    const groups = new Map<string, number[]>();
    scores.forEach((s, i) => {
      const key = String(s.unitClass ?? '');
      const list = groups.get(key) ?? [];
      list.push(i);
      groups.set(key, list);
    });
    for (const members of groups.values()) {
      const r = rankCompetition(members.map((i) => totals[i] ?? null));
      members.forEach((i, k) => (classRank[i] = r[k] ?? null));
    }
  }
  const ranked: RankedUnit[] = scores.map((s, i) => {
    const flags: Flag[] = [];
    const t = total[i] ?? null;
    const b = fromBottom[i] ?? null;
    if (t !== null && t <= topN) flags.push('一票优先');
    if (b !== null && b <= bottomN) flags.push('黄牌警告');
    if (b === 1) flags.push('末位');
    return new RankedScoredUnit(s, { party: party[i] ?? null, fp: fp[i] ?? null, total: t, class: classRank[i] ?? null }, flags);
  });
  // Sort keys precomputed in typed arrays (50,000 towns: ~800,000 comparisons): ranked by total
  // rank, then vetoed, then invalid; ties in input order.
  const group = new Uint8Array(ranked.length);
  const key = new Float64Array(ranked.length);
  ranked.forEach((u, i) => {
    group[i] = u.rank.total !== null ? 0 : u.vetoed ? 1 : 2;
    key[i] = u.rank.total ?? 0;
  });
  const order = ranked.map((_, i) => i);
  order.sort((a, b) => (group[a] as number) - (group[b] as number) || (key[a] as number) - (key[b] as number) || a - b);
  return order.map((i) => ranked[i] as RankedUnit);
}

/** A ranked unit: the score's fields, its rank and flags, and its explanation read through on demand. */
class RankedScoredUnit extends ScoredUnit implements RankedUnit {
  constructor(
    score: UnitScore,
    readonly rank: RankedUnit['rank'],
    readonly flags: readonly Flag[],
  ) {
    super(score, () => score.explanation);
  }
}

/**
 * Scores and ranks everything: towns (三线排位 with flags) and departments (on their own).
 * @example rankAll(DEFAULT_SCHEME, towns, departments, { topN: 3, bottomN: 3 }).units[0].rank.total // 1
 */
export function rankAll(scheme: Scheme, units: readonly UnitInput[], departments: readonly DepartmentInput[], options: RankOptions = {}): Ranking {
  const scored = units.map((u) => scoreUnit(scheme, u));
  const deps = departments.map((d) => scoreDepartment(scheme, d));
  const depRanks = rankCompetition(deps.map((d) => d.score));
  const rankedDeps: RankedDepartment[] = deps.map((d, i) => ({ ...d, rank: depRanks[i] ?? null }));
  const depOrder = rankedDeps.map((_, i) => i).sort((a, b) => {
    const ra = rankedDeps[a]?.rank ?? Infinity;
    const rb = rankedDeps[b]?.rank ?? Infinity;
    return ra - rb || a - b;
  });
  return { units: rankScoredUnits(scored, options), departments: depOrder.map((i) => rankedDeps[i] as RankedDepartment) };
}
