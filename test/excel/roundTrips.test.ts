/**
 * Issue 4/6: 生成排名 takes at most 4 syncs up to 1,000 towns, beyond that one more per ~4 MB of
 * payload, and no sync carries more than 4 MB (Excel on the web refuses requests over 5 MB).
 */
import { SYNC_BUDGET_BYTES } from '../../src/excel/officeWorkbook';
import { buildRankingSpecs, DETAIL_ROWS_PER_TOWN, measureGenerateRanking } from '../../src/excel/fake/measureGenerateRanking';

const MB4 = 4_000_000;

describe('生成排名 round trips on the counting fake', () => {
  it('builds sheets shaped like the real output', () => {
    const [summary, dept, detail] = buildRankingSpecs(10);
    expect(summary!.rows).toHaveLength(11);
    expect(summary!.rows[0]).toHaveLength(15);
    expect(dept!.rows.length).toBeGreaterThan(1);
    expect(detail!.rows).toHaveLength(1 + 10 * DETAIL_ROWS_PER_TOWN);
    expect(DETAIL_ROWS_PER_TOWN).toBeGreaterThanOrEqual(40);
  });

  it.each([10, 1_000])('%i towns: at most 4 syncs, none over 4 MB', async (towns) => {
    const m = await measureGenerateRanking(towns);
    console.log(`${towns} towns: ${m.syncs} syncs, largest ${m.maxSyncBytes} B, total ${m.totalBytes} B`);
    expect(m.syncs).toBeLessThanOrEqual(4);
    expect(m.maxSyncBytes).toBeLessThanOrEqual(MB4);
  });

  it('50,000 towns: syncs grow only with payload (≤ 4 + ceil(total / 4 MB)), none over 4 MB', async () => {
    const m = await measureGenerateRanking(50_000);
    console.log(`50000 towns: ${m.syncs} syncs, largest ${m.maxSyncBytes} B, total ${m.totalBytes} B`);
    expect(m.totalBytes).toBeGreaterThan(10 * MB4); // the case is big enough to need splitting
    expect(m.maxSyncBytes).toBeLessThanOrEqual(MB4);
    expect(m.syncs).toBeLessThanOrEqual(4 + Math.ceil(m.totalBytes / MB4));
    expect(SYNC_BUDGET_BYTES).toBeLessThanOrEqual(MB4);
  }, 180_000);
});
