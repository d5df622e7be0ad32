/**
 * Excel round trips of 生成排名, counted on the adapter's counting fake (the same fake the
 * adapter's tests use): `context.sync()` calls and the largest request of any one sync.
 */
import { measureGenerateRanking, type RoundTripFigures } from '../excel/fake/measureGenerateRanking';

export type { RoundTripFigures };

/** Excel on the web refuses requests over 5 MB; the target keeps a margin. */
export const SYNC_LIMIT_BYTES = 4_000_000;

/**
 * The sync budget of issue 6: at most 4 syncs up to 1,000 towns; beyond that at most one extra
 * sync per 4 MB of payload; no single sync over 4 MB.
 * @example syncBudget(1000, 10_000_000) // 4
 * @example syncBudget(50000, 10_000_000) // 7
 */
export function syncBudget(towns: number, totalBytes: number): number {
  return towns <= 1000 ? 4 : 4 + Math.ceil(totalBytes / SYNC_LIMIT_BYTES);
}

export function meetsSyncTarget(f: RoundTripFigures): boolean {
  return f.syncs <= syncBudget(f.towns, f.totalBytes) && f.maxSyncBytes <= SYNC_LIMIT_BYTES;
}

export async function benchRoundTrips(sizes: readonly number[]): Promise<RoundTripFigures[]> {
  const out: RoundTripFigures[] = [];
  for (const n of sizes) out.push(await measureGenerateRanking(n));
  return out;
}
