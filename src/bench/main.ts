/**
 * `npm run bench`: Kaohe against the spreadsheet way, on generated towns (fixed seed), printed as
 * one table and written to bench/results.json. `--quick` (part of the test suite) only checks, at
 * 1,000 towns, that the engine and both formula workbooks agree cell by cell; any disagreement
 * exits 1 in either mode.
 *
 * Options: --quick, --sizes 1000,10000,50000, --out bench/results.json, --seed N.
 */
import { spawnSync } from 'child_process';
import { mkdirSync, writeFileSync } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parseArgs } from 'util';
import { getHeapStatistics } from 'v8';
import { DEFAULT_SCHEME } from '../engine';
import { describeDisagreements, type TownResult } from './agree';
import { benchBundles } from './bundles';
import { DEFAULT_SEED, generateTowns } from './data';
import { compareAtSize, type EngineVsFormulas } from './engineVsFormulas';
import { benchFiles } from './files';
import { benchFunctions } from './functionsBench';
import { evaluateTargets, renderReport, type Figures } from './report';
import { benchRoundTrips } from './roundTrips';

const ROOT = path.resolve(__dirname, '..', '..');
const log = (text: string) => process.stderr.write(`${text}\n`);

/** Collects garbage between sections (the full run has --expose-gc), so one section's heap does not slow the next. */
function collect(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

/** HyperFormula holds ~3 million cells at 50,000 towns: give the full run room, and a way to collect between sections. */
function respawnWithLargerHeap(): number | null {
  if (process.env.KAOHE_BENCH_CHILD) return null;
  const r = spawnSync(process.execPath, [`--max-old-space-size=${Math.max(12288, Math.round(getHeapStatistics().heap_size_limit / 2 ** 20))}`, '--expose-gc', __filename, ...process.argv.slice(2)], { stdio: 'inherit', env: { ...process.env, KAOHE_BENCH_CHILD: '1' } });
  return r.status ?? 1;
}

function quick(seed: number): number {
  const towns = 1000;
  for (const rank of ['sorted', 'countif'] as const) {
    const run = compareAtSize(DEFAULT_SCHEME, towns, rank, seed, 0);
    if (run.figures.disagreements.length > 0) {
      process.stdout.write(`bench quick: ${towns} towns DISAGREE (${rank} workbook), ${run.figures.disagreements.length} cells:\n${describeDisagreements(run.figures.disagreements)}\n`);
      return 1;
    }
  }
  process.stdout.write(`bench quick: ${towns} towns agree cell by cell (party, fp, total, vetoed, rank; engine vs HyperFormula SORT/MATCH and COUNTIF workbooks)\n`);
  return 0;
}

async function full(sizes: number[], seed: number, out: string): Promise<number> {
  const errors: Record<string, string> = {};
  const engineVsFormulas: EngineVsFormulas[] = [];
  let expected10k: { grid: ReturnType<typeof generateTowns>; results: TownResult[] } | null = null;
  let grid50k: ReturnType<typeof generateTowns> | null = null;
  for (const n of sizes) {
    collect();
    log(`1. engine vs formulas: ${n} towns…`);
    const run = compareAtSize(DEFAULT_SCHEME, n, 'sorted', seed);
    engineVsFormulas.push(run.figures);
    if (n === 10000) expected10k = { grid: run.grid, results: run.engineResults };
    if (n === 50000) grid50k = run.grid;
  }
  log('1. literal RANK.EQ (COUNTIF) workbook: 1000 towns…');
  const countifCheck = compareAtSize(DEFAULT_SCHEME, 1000, 'countif', seed).figures;

  let functions: Figures['functions'] = null;
  try {
    collect();
    log('2. custom functions: 50000 rows…');
    functions = benchFunctions(grid50k ?? generateTowns(DEFAULT_SCHEME, 50000, seed));
  } catch (e) {
    errors.functions = String(e instanceof Error ? e.message : e);
  }
  grid50k = null;

  let roundTrips: Figures['roundTrips'] = [];
  try {
    collect();
    log('3. round trips of 生成排名…');
    roundTrips = await benchRoundTrips([1000, 10000, 50000]);
  } catch (e) {
    errors.roundTrips = String(e instanceof Error ? e.message : e);
  }

  let files: Figures['files'] = null;
  try {
    collect();
    log('4. kaohe rank on a 10000-town .xlsx…');
    const grid = expected10k?.grid ?? generateTowns(DEFAULT_SCHEME, 10000, seed);
    const results = expected10k?.results ?? compareAtSize(DEFAULT_SCHEME, 10000, 'sorted', seed, 0).engineResults;
    files = await benchFiles(DEFAULT_SCHEME, grid, results);
  } catch (e) {
    errors.files = String(e instanceof Error ? e.message : e);
  }

  const bundles = benchBundles(ROOT);
  const figures: Figures = { engineVsFormulas, countifCheck, functions, roundTrips, files, bundles, errors };
  const targets = evaluateTargets(figures);
  process.stdout.write(`Kaohe benchmark — ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'CPU'}, node ${process.version}, seed ${seed}\n\n`);
  process.stdout.write(`${renderReport(figures, targets)}\n`);
  for (const [k, v] of Object.entries(errors)) process.stdout.write(`\n${k}: ${v.split('\n').slice(0, 40).join('\n')}\n`);
  const disagreements = [...engineVsFormulas, countifCheck].filter((e) => e.disagreements.length > 0);
  for (const e of disagreements) process.stdout.write(`\nDISAGREEMENT at ${e.towns} towns (${e.rankFormula}):\n${describeDisagreements(e.disagreements)}\n`);
  mkdirSync(path.dirname(out), { recursive: true });
  const json = {
    generated: new Date().toISOString(),
    machine: { cpus: os.cpus().length, model: os.cpus()[0]?.model ?? null, memoryBytes: os.totalmem(), node: process.version, platform: `${os.platform()} ${os.arch()}` },
    seed,
    ...figures,
    engineVsFormulas: engineVsFormulas.map((e) => ({ ...e, disagreements: e.disagreements.slice(0, 20), disagreementCount: e.disagreements.length })),
    countifCheck: { ...countifCheck, disagreements: countifCheck.disagreements.slice(0, 20), disagreementCount: countifCheck.disagreements.length },
    targets,
  };
  writeFileSync(out, `${JSON.stringify(json, null, 2)}\n`);
  process.stdout.write(`\n→ ${path.relative(process.cwd(), out)}\n`);
  return disagreements.length > 0 || (files?.disagreements ?? 0) > 0 ? 1 : 0;
}

export async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: { quick: { type: 'boolean', default: false }, sizes: { type: 'string' }, out: { type: 'string' }, seed: { type: 'string' } },
  });
  const seed = values.seed ? Number(values.seed) : DEFAULT_SEED;
  if (values.quick) return quick(seed);
  const again = respawnWithLargerHeap();
  if (again !== null) return again;
  const sizes = (values.sizes ?? '1000,10000,50000').split(',').map(Number);
  if (sizes.some((n) => !Number.isInteger(n) || n < 1)) throw new Error(`--sizes: whole numbers ≥ 1, got ${values.sizes}`);
  return full(sizes, seed, path.resolve(values.out ?? path.join(ROOT, 'bench', 'results.json')));
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (err: unknown) => {
      process.stderr.write(`bench: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
      process.exit(2);
    },
  );
}
