/**
 * Round trips of 生成排名 through the Office adapter, measured on the counting fake: the figures
 * of issue 6 item 3. The sheets are generated with the shape of the real output (排名汇总 with 15
 * columns per town, 部门排名, 得分明细 with 45 rows of 6 columns per town) and realistic text
 * (Chinese town and item names, two-decimal scores), so the payload sizes are those Excel would see.
 * No jest imports: `bench/` calls this.
 */
import { SHEETS, type CellStyle, type CellValue, type SheetSpec } from '../../engine/ledger/types';
import { createOfficeWorkbook } from '../officeWorkbook';
import { FakeExcel } from './countingExcel';
import { seededRandom } from '../../engine/seededRandom';

export interface RoundTripFigures {
  readonly towns: number;
  /** `context.sync()` calls of one 生成排名 write. */
  readonly syncs: number;
  /** Largest request of any one sync, UTF-8 bytes. */
  readonly maxSyncBytes: number;
  /** All requests together, UTF-8 bytes. */
  readonly totalBytes: number;
}

const SYLLABLES = '青山河东西南北城关新安平乐和兴隆丰华阳清泉石桥龙凤马家庄李王张刘陈杨黄赵周吴'.split('');
const LINES: readonly { line: string; items: number; label: string }[] = [
  { line: 'P', items: 11, label: '人口计生责任目标' },
  { line: 'F', items: 25, label: '计划生育工作目标' },
  { line: 'D', items: 4, label: '部门配合目标' },
  { line: 'B', items: 2, label: '加分' },
  { line: 'X', items: 3, label: '扣分' },
];
export const DETAIL_ROWS_PER_TOWN = LINES.reduce((n, l) => n + l.items, 0);

/** A deterministic Chinese town name for index `i` (e.g. 青山河镇0007). */
export function townName(i: number): string {
  const a = SYLLABLES[i % SYLLABLES.length]!;
  const b = SYLLABLES[Math.floor(i / SYLLABLES.length) % SYLLABLES.length]!;
  return `${a}${b}${i % 3 === 0 ? '乡' : '镇'}${String(i + 1).padStart(4, '0')}`;
}


const round2 = (x: number): number => Math.round(x * 100) / 100;

/** The three sheets of 生成排名 for `towns` generated towns, shaped like the real output. */
export function buildRankingSpecs(towns: number, seed = 20260901): SheetSpec[] {
  const rnd = seededRandom(seed);
  const units = Array.from({ length: towns }, (_, i) => {
    const vetoed = rnd() < 0.02;
    const party = round2(60 + rnd() * 40);
    const fp = round2(60 + rnd() * 40);
    const bonus = round2(rnd() * 3);
    const deduction = round2(rnd() * 2);
    return { name: townName(i), cls: rnd() < 0.5 ? '一类' : '二类', vetoed, party, fp, bonus, deduction, total: round2(party * 0.4 + fp * 0.6 + bonus - deduction) };
  });
  const ranked = [...units].sort((a, b) => Number(a.vetoed) - Number(b.vetoed) || b.total - a.total);
  const rankedCount = ranked.filter((u) => !u.vetoed).length;

  const summaryHeader = ['总排名', '乡镇', '类别', '党建得分', '计生得分', '部门配合', '加分', '扣分', '总分', '党建排名', '计生排名', '类内排名', '一票否决', '标记', '备注'];
  const rowStyles: Record<number, CellStyle> = { 0: 'header' };
  const summaryRows: CellValue[][] = [summaryHeader];
  ranked.forEach((u, i) => {
    const rank = u.vetoed ? null : i + 1;
    const flag = u.vetoed ? '' : i < 3 ? '一票优先' : i === rankedCount - 1 ? '末位' : rnd() < 0.05 ? '黄牌警告' : '';
    summaryRows.push([
      rank,
      u.name,
      u.cls,
      u.vetoed ? null : u.party,
      u.vetoed ? null : u.fp,
      u.vetoed ? null : round2(rnd() * 10),
      u.bonus,
      u.deduction,
      u.vetoed ? null : u.total,
      u.vetoed ? null : i + 1,
      u.vetoed ? null : i + 1,
      u.vetoed ? null : Math.ceil((i + 1) / 2),
      u.vetoed ? '是（V1 出生政策符合率 未达 95%）' : '否',
      flag,
      u.vetoed ? '一票否决，不参与排名' : '',
    ]);
    const style: CellStyle | undefined = u.vetoed ? 'vetoed' : flag === '一票优先' ? 'top' : flag === '黄牌警告' ? 'yellow' : flag === '末位' ? 'last' : undefined;
    if (style) rowStyles[i + 1] = style;
  });
  const summary: SheetSpec = {
    name: SHEETS.summary,
    rows: summaryRows,
    columns: summaryHeader.map((_, c) => ({ width: c === 1 ? 14 : c >= 12 ? 24 : 9, numFmt: c >= 3 && c <= 8 ? '0.00' : c === 0 || (c >= 9 && c <= 11) ? '0' : undefined })),
    rowStyles,
    freezeRows: 1,
    landscape: true,
    chart: { labelColumn: 1, valueColumn: 8, rowCount: Math.min(rankedCount, 100), title: '总分' },
  };

  const departments = Array.from({ length: 30 }, (_, i) => ({ name: `县${SYLLABLES[i % SYLLABLES.length]!}局`, score: round2(80 + rnd() * 20) })).sort((a, b) => b.score - a.score);
  const deptHeader = ['排名', '部门', '得分', '应得分', '得分率', '扣分原因', '标记', '备注'];
  const deptRanking: SheetSpec = {
    name: SHEETS.departmentRanking,
    rows: [deptHeader, ...departments.map((d, i): CellValue[] => [i + 1, d.name, d.score, 100, round2(d.score / 100), d.score < 85 ? '配合工作未按时完成' : '', i === 0 ? '第一名' : '', ''])],
    columns: deptHeader.map((_, c) => ({ width: c === 1 || c === 5 ? 18 : 9, numFmt: c === 2 || c === 3 ? '0.00' : c === 4 ? '0.0%' : undefined })),
    rowStyles: { 0: 'header' },
    freezeRows: 1,
    landscape: true,
  };

  const detailHeader = ['乡镇', '目标', '代码', '指标', '分值', '得分'];
  const detailRows: CellValue[][] = [detailHeader];
  for (const u of units) {
    for (const l of LINES) {
      for (let k = 1; k <= l.items; k++) {
        const points = l.line === 'X' ? -2 : l.line === 'B' ? 1 : round2(1 + rnd() * 4);
        detailRows.push([u.name, l.label, `${l.line}${k}`, `${l.label}第${k}项`, points, round2(points * rnd())]);
      }
    }
  }
  const detail: SheetSpec = {
    name: SHEETS.detail,
    rows: detailRows,
    columns: [{ width: 14 }, { width: 16 }, { width: 8 }, { width: 24 }, { width: 8, numFmt: '0.00' }, { width: 8, numFmt: '0.00' }],
    rowStyles: { 0: 'header' },
    freezeRows: 1,
    landscape: true,
  };
  return [summary, deptRanking, detail];
}

/**
 * Writes 生成排名's sheets for `towns` towns through the adapter into a fake workbook that holds
 * only input sheets, and returns the round trips it took.
 */
export async function measureGenerateRanking(towns: number): Promise<RoundTripFigures> {
  const fake = new FakeExcel({ retainValues: false });
  fake.addSheet(SHEETS.towns, [['乡镇', '类别'], ...Array.from({ length: Math.min(towns, 100) }, (_, i) => [townName(i), '一类'])]);
  const port = createOfficeWorkbook(fake.run, { settings: fake.settings, supports: () => true });
  await port.writeSheets(buildRankingSpecs(towns), { replace: false, activate: SHEETS.summary });
  return { towns, syncs: fake.syncs.length, maxSyncBytes: fake.maxSyncRequestBytes, totalBytes: fake.totalRequestBytes };
}
