import { ScoredUnit, scoreDepartment, scoreUnit } from '../score/scoreUnit';
import type {
  DepartmentInput,
  DepartmentScore,
  Flag,
  FlagNotice,
  FlagRules,
  RankOptions,
  RankedDepartment,
  RankedUnit,
  Ranking,
  Scheme,
  UnitInput,
  UnitScore,
} from '../types';
import { rankCompetition, rankFromBottom } from './rankCompetition';

/** Defaults of the ranking options, documented in the README. */
export const DEFAULT_RANK_OPTIONS: Required<RankOptions> = { topN: 3, bottomN: 3, last: true, byClass: false };

/** Names listed in a flag notice before "… and N more". */
const NOTICE_NAMES = 10;

function checkN(name: string, n: number): number {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`${name} must be a whole number ≥ 0, got ${n}`);
  return n;
}

/** Ranked units and what could not be flagged as asked. */
export interface FlaggedRanking {
  readonly units: RankedUnit[];
  readonly flagNotice: FlagNotice | null;
}

/**
 * Ranks scored units: the party line, the family-planning line and the total each on its own
 * (三线排位), with RANK.EQ ties (1, 2, 2, 4); vetoed units and units with invalid inputs are
 * never ranked and are listed last (vetoed before invalid), in input order.
 * Flags, by total: rank ≤ topN → 一票优先; outside the top N, among the last bottomN (counted
 * from the bottom, ties included) → 黄牌警告, and the lowest ranked → 末位. A unit is never
 * rewarded and warned at once: when the top N and the bottom N (or last place) reach the same
 * units — fewer ranked units than topN + bottomN, or ties across the middle — those units get
 * 一票优先 only, and `flagNotice` says so. With `byClass`, also a rank within class.
 * @example rankAndFlag(scores, { topN: 3, bottomN: 3 }).flagNotice // null when the flags fit
 */
export function rankAndFlag(scores: readonly UnitScore[], options: RankOptions = {}): FlaggedRanking {
  const topN = checkN('topN', options.topN ?? DEFAULT_RANK_OPTIONS.topN);
  const bottomN = checkN('bottomN', options.bottomN ?? DEFAULT_RANK_OPTIONS.bottomN);
  const byClass = options.byClass ?? DEFAULT_RANK_OPTIONS.byClass;
  const last = options.last ?? DEFAULT_RANK_OPTIONS.last;
  const party = rankCompetition(scores.map((s) => s.party));
  const fp = rankCompetition(scores.map((s) => s.fp));
  // Every line on its own (三线排位), whatever the scheme calls its lines.
  const lineCodes = [...new Set(scores.flatMap((s) => Object.keys(s.lines ?? {})))];
  const lineRanks = lineCodes.map((code) => rankCompetition(scores.map((s) => s.lines?.[code] ?? null)));
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
  let rankedCount = 0;
  const keptOut = new Set<number>();
  const ranked: RankedUnit[] = scores.map((s, i) => {
    const flags: Flag[] = [];
    const t = total[i] ?? null;
    const b = fromBottom[i] ?? null;
    if (t !== null) rankedCount++;
    const reachedFromBottom = b !== null && (b <= bottomN || (last && b === 1));
    if (t !== null && t <= topN) {
      flags.push('一票优先');
      if (reachedFromBottom) keptOut.add(i);
    } else if (reachedFromBottom) {
      if (b <= bottomN) flags.push('黄牌警告');
      if (last && b === 1) flags.push('末位');
    }
    const ranksOfLines: Record<string, number | null> = {};
    lineCodes.forEach((code, k) => (ranksOfLines[code] = lineRanks[k]?.[i] ?? null));
    return new RankedScoredUnit(s, { party: party[i] ?? null, fp: fp[i] ?? null, total: t, class: classRank[i] ?? null }, ranksOfLines, flags);
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
  const names = order.filter((i) => keptOut.has(i)).map((i) => scores[i]?.unit ?? '');
  return {
    units: order.map((i) => ranked[i] as RankedUnit),
    flagNotice: names.length === 0 ? null : flagNotice(rankedCount, topN, bottomN, names),
  };
}

/** Ranked units only (see `rankAndFlag`). */
export function rankScoredUnits(scores: readonly UnitScore[], options: RankOptions = {}): RankedUnit[] {
  return rankAndFlag(scores, options).units;
}

/** The bilingual notice for units kept out of 黄牌警告/末位 because they are in the top N. */
function flagNotice(ranked: number, topN: number, bottomN: number, units: readonly string[]): FlagNotice {
  const shown = units.slice(0, NOTICE_NAMES);
  const more = units.length - shown.length;
  const listZh = shown.join('、') + (more > 0 ? ` 等 ${units.length} 个单位` : '');
  const listEn = shown.join(', ') + (more > 0 ? ` and ${more} more` : '');
  const bottomZh = bottomN > 0 ? `后 ${bottomN} 名` : '末位';
  const bottomEn = bottomN > 0 ? `the bottom ${bottomN}` : 'last place';
  const tooFew = ranked < topN + Math.max(bottomN, 1);
  const reasonZh = tooFew
    ? `参加排名的只有 ${ranked} 个单位，不够分别标记前 ${topN} 名和${bottomZh}`
    : `并列名次使前 ${topN} 名与${bottomZh}重叠`;
  const reasonEn = tooFew
    ? `Only ${ranked} ${ranked === 1 ? 'unit is' : 'units are'} ranked, too few to flag the top ${topN} and ${bottomEn} apart`
    : `Tied ranks make the top ${topN} overlap ${bottomEn}`;
  const verb = units.length === 1 ? 'is' : 'are';
  return {
    ranked,
    topN,
    bottomN,
    units,
    zh: `${reasonZh}：${listZh} 在前 ${topN} 名之内，只标记“一票优先”，不标记“黄牌警告”或“末位”。`,
    en: `${reasonEn}: ${listEn} ${verb} within the top ${topN} and marked 一票优先 only, not 黄牌警告 or 末位.`,
  };
}

/** A ranked unit: the score's fields, its rank and flags, and its explanation read through on demand. */
class RankedScoredUnit extends ScoredUnit implements RankedUnit {
  constructor(
    score: UnitScore,
    readonly rank: RankedUnit['rank'],
    readonly lineRanks: RankedUnit['lineRanks'],
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
  return rankScored(
    scheme,
    units.map((u) => scoreUnit(scheme, u)),
    departments.map((d) => scoreDepartment(scheme, d)),
    options,
  );
}

/**
 * Ranks units and departments already scored (a ledger reader scores each row once, to put its
 * problems on cells; ranking reuses those scores). Flags follow the options, else the scheme's.
 */
export function rankScored(scheme: Scheme, scored: readonly UnitScore[], deps: readonly DepartmentScore[], options: RankOptions = {}): Ranking {
  const flags = scheme.flags;
  const merged: RankOptions = {
    ...(flags ? { topN: flags.topN, bottomN: flags.bottomN, last: flags.last } : {}),
    ...Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)),
  };
  options = merged;
  const depRanks = rankCompetition(deps.map((d) => d.score));
  const rankedDeps: RankedDepartment[] = deps.map((d, i) => ({ ...d, rank: depRanks[i] ?? null }));
  const depOrder = rankedDeps.map((_, i) => i).sort((a, b) => {
    const ra = rankedDeps[a]?.rank ?? Infinity;
    const rb = rankedDeps[b]?.rank ?? Infinity;
    return ra - rb || a - b;
  });
  const { units: rankedUnits, flagNotice: notice } = rankAndFlag(scored, options);
  const flagRules: FlagRules = {
    topN: options.topN ?? DEFAULT_RANK_OPTIONS.topN,
    bottomN: options.bottomN ?? DEFAULT_RANK_OPTIONS.bottomN,
    last: options.last ?? DEFAULT_RANK_OPTIONS.last,
  };
  return { units: rankedUnits, departments: depOrder.map((i) => rankedDeps[i] as RankedDepartment), flagNotice: notice, flagRules };
}
