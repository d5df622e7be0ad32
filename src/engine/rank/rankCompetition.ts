/**
 * Competition ranks ("1224"), the way Excel's RANK.EQ ranks: equal values share the best rank
 * and the next rank skips. Nulls (no score: vetoed or invalid) are not ranked and stay null.
 * Runs in O(n log n). The input is not changed.
 * @param values scores, in any order
 * @param descending true (default): the highest value ranks 1
 * @example rankCompetition([90, 95, 95, 80]) // [3, 1, 1, 4]
 * @example rankCompetition([90, null, 80]) // [1, null, 2]
 */
export function rankCompetition(values: readonly (number | null)[], descending = true): (number | null)[] {
  const idx: number[] = [];
  for (let i = 0; i < values.length; i++) if (values[i] !== null && values[i] !== undefined) idx.push(i);
  const v = values as readonly number[];
  idx.sort((a, b) => (descending ? (v[b] as number) - (v[a] as number) : (v[a] as number) - (v[b] as number)));
  const ranks: (number | null)[] = new Array<number | null>(values.length).fill(null);
  for (let k = 0; k < idx.length; k++) {
    const i = idx[k] as number;
    const prev = k > 0 ? (idx[k - 1] as number) : -1;
    ranks[i] = k > 0 && v[prev] === v[i] ? (ranks[prev] as number) : k + 1;
  }
  return ranks;
}

/**
 * Rank counted from the bottom: 1 + the number of ranked values strictly worse. Ties share it.
 * Used for 黄牌警告 (bottom N) and 末位 (bottom rank 1).
 * @example rankFromBottom([90, 95, 80, 80]) // [3, 4, 1, 1]
 */
export function rankFromBottom(values: readonly (number | null)[]): (number | null)[] {
  return rankCompetition(values, false);
}
