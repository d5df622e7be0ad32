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
  // RANK.EQ is 1 + how many values beat this one. Sort the values once (a typed-array sort, no
  // comparator) and count by binary search: O(n log n) with a small constant at 50,000 towns.
  let n = 0;
  for (const v of values) if (v !== null && v !== undefined) n++;
  const sorted = new Float64Array(n);
  let k = 0;
  for (const v of values) if (v !== null && v !== undefined) sorted[k++] = v;
  sorted.sort();
  const ranks: (number | null)[] = new Array<number | null>(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v === null || v === undefined) {
      ranks[i] = null;
      continue;
    }
    // lo = first index whose value is ≥ v (descending: beaten by values > v; ascending: by values < v).
    let lo = 0;
    let hi = n;
    if (descending) {
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if ((sorted[mid] as number) <= v) lo = mid + 1;
        else hi = mid;
      }
      ranks[i] = n - lo + 1;
    } else {
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if ((sorted[mid] as number) < v) lo = mid + 1;
        else hi = mid;
      }
      ranks[i] = lo + 1;
    }
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
