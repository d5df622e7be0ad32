/**
 * The benchmark's one table and its targets (issue 6), from the measured figures.
 */
import { displayWidth, padEnd, padStart } from '../cli/table';
import type { BundleFigure } from './bundles';
import type { EngineVsFormulas } from './engineVsFormulas';
import type { FileFigures } from './files';
import type { FunctionFigures } from './functionsBench';
import { meetsSyncTarget, syncBudget, type RoundTripFigures } from './roundTrips';

export interface Figures {
  readonly engineVsFormulas: readonly EngineVsFormulas[];
  /** The literal RANK.EQ (COUNTIF) workbook, at 1,000 towns. */
  readonly countifCheck: EngineVsFormulas | null;
  readonly functions: FunctionFigures | null;
  readonly roundTrips: readonly RoundTripFigures[];
  readonly files: FileFigures | null;
  readonly bundles: { readonly dist: boolean; readonly bundles: readonly BundleFigure[] } | null;
  /** Sections that could not run, with the reason. */
  readonly errors: Readonly<Record<string, string>>;
}

export interface Target {
  readonly id: string;
  readonly text: string;
  readonly measured: string;
  /** null = could not be measured. */
  readonly pass: boolean | null;
}

const int = (n: number) => Math.round(n).toLocaleString('en-US');
export const ms = (n: number) => (n < 10 ? `${n.toFixed(2)} ms` : n < 100 ? `${n.toFixed(1)} ms` : `${int(n)} ms`);
const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
const mb = (n: number) => `${(n / 1e6).toFixed(2)} MB`;
/** An error in a table cell: its first line, clipped; the full text follows the table. */
const brief = (text: string | undefined) => {
  const first = (text ?? 'not run').split('\n')[0] ?? '';
  return first.length > 60 ? `${first.slice(0, 59)}…` : first;
};
const ratio = (n: number) => `${n >= 100 ? int(n) : n.toFixed(1)}×`;

/** Ratio at 50,000 may be up to 10 % below the one at 10,000 (timing noise) and still count as not shrinking. */
const NOISE = 0.9;

export function evaluateTargets(f: Figures): Target[] {
  const t: Target[] = [];
  const at = (n: number) => f.engineVsFormulas.find((e) => e.towns === n);
  const e10 = at(10000);
  const e50 = at(50000);
  t.push({ id: 'ratio-10k', text: '引擎比公式工作簿快 ≥ 20×（10,000 镇）/ engine ≥ 20× faster than formulas at 10,000', measured: e10 ? ratio(e10.ratio) : 'not run', pass: e10 ? e10.ratio >= 20 : null });
  t.push({
    id: 'ratio-50k',
    text: '50,000 镇差距不缩小 / gap not shrinking at 50,000',
    measured: e10 && e50 ? `${ratio(e50.ratio)} vs ${ratio(e10.ratio)}` : 'not run',
    pass: e10 && e50 ? e50.ratio >= NOISE * e10.ratio : null,
  });
  t.push({ id: 'engine-50k', text: '50,000 镇计分排名 < 1 s / 50,000 towns scored and ranked < 1 s', measured: e50 ? ms(e50.engineMs) : 'not run', pass: e50 ? e50.engineMs < 1000 : null });
  for (const r of f.roundTrips) {
    t.push({
      id: `syncs-${r.towns}`,
      text: `生成排名 ${int(r.towns)} 镇：≤ ${syncBudget(r.towns, r.totalBytes)} 次 sync，单次 ≤ 4 MB / syncs within budget, none > 4 MB`,
      measured: `${r.syncs} syncs, max ${mb(r.maxSyncBytes)}`,
      pass: meetsSyncTarget(r),
    });
  }
  if (f.roundTrips.length === 0) t.push({ id: 'syncs', text: '生成排名 sync 次数 / syncs of 生成排名', measured: brief(f.errors.roundTrips), pass: null });
  t.push({ id: 'partyline', text: 'SCORE.PARTYLINE 一次调用 50,000 行 < 100 ms / one call over 50,000 rows < 100 ms', measured: f.functions ? ms(f.functions.partyOneCallMs) : brief(f.errors.functions), pass: f.functions ? f.functions.partyOneCallMs < 100 : null });
  t.push({
    id: 'cli',
    text: 'kaohe rank 10,000 镇 < 10 s 且 < 1 GB / kaohe rank on 10,000 towns < 10 s and < 1 GB',
    measured: f.files ? `${ms(f.files.wallMs)}, ${mb(f.files.peakRssBytes)}` : brief(f.errors.files),
    pass: f.files ? f.files.wallMs < 10000 && f.files.peakRssBytes < 1e9 && f.files.disagreements === 0 : null,
  });
  const fn = f.bundles?.bundles.find((b) => b.name === 'functions.js');
  t.push({
    id: 'functions-gzip',
    text: 'functions.js gzip < 60 KB',
    measured: fn?.gzipBytes != null ? kb(fn.gzipBytes) : f.bundles && !f.bundles.dist ? 'dist/ missing: run npm run build' : 'not built',
    pass: fn?.gzipBytes != null ? fn.gzipBytes < 60 * 1024 : null,
  });
  return t;
}

function render(header: readonly string[], rows: readonly (readonly string[])[], right: readonly boolean[]): string {
  const widths = header.map((h, i) => Math.max(displayWidth(h), ...rows.map((r) => displayWidth(r[i] ?? ''))));
  const line = (cells: readonly string[]) => cells.map((c, i) => (right[i] ? padStart(c, widths[i] ?? 0) : padEnd(c, widths[i] ?? 0))).join('  ').trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

/** The one table: every comparison, side by side, then the targets. */
export function renderReport(f: Figures, targets: readonly Target[]): string {
  const rows: string[][] = [];
  for (const e of [...f.engineVsFormulas, ...(f.countifCheck ? [f.countifCheck] : [])]) {
    const how = e.rankFormula === 'sorted' ? 'SORT+MATCH' : 'RANK.EQ≡COUNTIF';
    rows.push([
      `1 计分·否决·排名 score/veto/rank (${how})`,
      int(e.towns),
      `rankAll ${ms(e.engineMs)}`,
      `重算 recalc ${ms(e.formulaRecalcMs)}; 建表 build ${ms(e.formulaBuildMs)}; 改一格 edit ${ms(e.formulaEditMs)}`,
      ratio(e.ratio),
      e.disagreements.length === 0 ? `一致 agree (${int(e.vetoed)} vetoed)` : `${e.disagreements.length} 处不一致 DISAGREE`,
    ]);
  }
  if (f.functions) {
    const x = f.functions;
    rows.push(['2 SCORE.PARTYLINE', int(x.rows), `一次调用 one call ${ms(x.partyOneCallMs)}`, `逐行调用 per-row calls ${ms(x.partyPerRowMs)}`, ratio(x.partyPerRowMs / x.partyOneCallMs), '同值 same cells']);
    rows.push(['2 VETO.CHECK', int(x.rows), `一次调用 one call ${ms(x.vetoOneCallMs)}`, `逐行调用 per-row calls ${ms(x.vetoPerRowMs)}`, ratio(x.vetoPerRowMs / x.vetoOneCallMs), '同值 same cells']);
  } else rows.push(['2 自定义函数 custom functions', '', '', brief(f.errors.functions), '', '']);
  for (const r of f.roundTrips) {
    rows.push(['3 生成排名 round trips (counting fake)', int(r.towns), `${r.syncs} syncs`, `最大 max ${mb(r.maxSyncBytes)}; 合计 total ${mb(r.totalBytes)}`, '', `预算 budget ${syncBudget(r.towns, r.totalBytes)}`]);
  }
  if (f.roundTrips.length === 0) rows.push(['3 生成排名 round trips', '', '', brief(f.errors.roundTrips), '', '']);
  if (f.files) {
    const x = f.files;
    rows.push(['4 kaohe rank (.xlsx)', int(x.towns), `${ms(x.wallMs)}, peak ${mb(x.peakRssBytes)}`, `file ${mb(x.fileBytes)}; memory by ${x.memorySource}`, '', x.disagreements === 0 ? 'JSON = engine' : `${x.disagreements} towns differ`]);
  } else rows.push(['4 kaohe rank (.xlsx)', '', '', brief(f.errors.files), '', '']);
  for (const b of f.bundles?.bundles ?? []) {
    rows.push([`5 ${b.name}`, '', b.gzipBytes != null ? `gzip ${kb(b.gzipBytes)}` : 'not built', b.minifiedBytes != null ? `minified ${kb(b.minifiedBytes)} (${b.files.join(', ')})` : f.bundles?.dist ? 'missing in dist/' : 'dist/ missing: run npm run build', '', '']);
  }
  const table = render(['比较 Comparison', '镇 Towns', 'Kaohe', '对照 Baseline', '倍数 Ratio', '核对 Check'], rows, [false, true, false, false, true, false]);
  const targetRows = targets.map((t) => [t.pass === null ? 'N/A ' : t.pass ? 'PASS' : 'FAIL', t.text, t.measured]);
  return `${table}\n\n${render(['', '目标 Target', '实测 Measured'], targetRows, [false, false, false])}`;
}
