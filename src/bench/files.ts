/**
 * `kaohe rank` on a generated ledger .xlsx, run as a user runs it (a child process of
 * `node bin/kaohe.js`), timed from outside with peak memory from `/usr/bin/time -v` when it is
 * there, else from the child's own `process.resourceUsage().maxRSS`.
 */
import { spawnSync } from 'child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import type { Scheme } from '../engine';
import { buildTemplateSheets, departmentColumns, SHEETS, type SheetSpec } from '../engine/ledger';
import { workbookFromSheets } from '../cli/xlsxWrite';
import type { TownResult } from './agree';
import type { TownGrid } from './data';

export interface FileFigures {
  readonly towns: number;
  readonly fileBytes: number;
  readonly wallMs: number;
  readonly peakRssBytes: number;
  /** How the peak was measured. */
  readonly memorySource: '/usr/bin/time -v' | 'process.resourceUsage';
  readonly exitCode: number;
  /** Towns whose total or rank in the CLI's JSON differ from the engine's in-process result. */
  readonly disagreements: number;
}

const DEPARTMENTS = ['卫生局', '公安局', '民政局', '统计局', '教育局', '财政局', '人社局', '住建局'];

/** The ledger workbook of a grid: the template's sheets with the generated towns in 乡镇台账. */
export function ledgerSheets(scheme: Scheme, grid: TownGrid): SheetSpec[] {
  const names = grid.rows.slice(1).map((r) => String(r[0]));
  const specs = buildTemplateSheets(scheme, { units: names, departments: DEPARTMENTS });
  return specs.map((s) => {
    if (s.name === SHEETS.towns) return { ...s, rows: grid.rows };
    if (s.name === SHEETS.departments) {
      const cols = departmentColumns(scheme);
      // 70–97 % of each item's points, varied by row and column.
      const score = (c: number, i: number) => Math.round((cols[c]?.max ?? 0) * (0.7 + 0.03 * ((i * 7 + c * 3) % 10)) * 2) / 2;
      return { ...s, rows: s.rows.map((row, i) => (i === 0 ? row : row.map((v, c) => (c === 0 ? v : score(c, i))))) };
    }
    return s;
  });
}

const ROOT = path.resolve(__dirname, '..', '..');

/** The last lines the CLI printed before /usr/bin/time's own report: where its error is. */
function cliTail(stderr: string): string {
  const lines = stderr.split('\n');
  const end = lines.findIndex((l) => /^(Command exited with|\tCommand being timed)/.test(l));
  return lines.slice(Math.max(0, (end < 0 ? lines.length : end) - 8), end < 0 ? lines.length : end).join('\n');
}

function parseTimeV(stderr: string): { rss: number; wallMs: number } | null {
  const rss = /Maximum resident set size \(kbytes\):\s*(\d+)/.exec(stderr);
  const wall = /Elapsed \(wall clock\) time \(h:mm:ss or m:ss\):\s*(?:(\d+):)?(\d+):(\d+(?:\.\d+)?)/.exec(stderr);
  if (!rss?.[1] || !wall) return null;
  const seconds = Number(wall[1] ?? 0) * 3600 + Number(wall[2]) * 60 + Number(wall[3]);
  return { rss: Number(rss[1]) * 1024, wallMs: seconds * 1000 };
}

/**
 * Writes the ledger, runs `kaohe rank` on it and compares its JSON with `expected`.
 * The temp directory is removed afterwards.
 */
export async function benchFiles(scheme: Scheme, grid: TownGrid, expected: readonly TownResult[]): Promise<FileFigures> {
  const dir = mkdtempSync(path.join(tmpdir(), 'kaohe-bench-'));
  try {
    const ledger = path.join(dir, 'ledger.xlsx');
    await workbookFromSheets(ledgerSheets(scheme, grid)).xlsx.writeFile(ledger);
    const fileBytes = readFileSync(ledger).length;
    const cli = [path.join(ROOT, 'bin', 'kaohe.js'), 'rank', ledger, '--out', path.join(dir, 'ranking.xlsx'), '--json', path.join(dir, 'ranking.json')];
    const useTime = existsSync('/usr/bin/time');
    let wallMs: number;
    let peakRssBytes: number;
    let exitCode: number;
    if (useTime) {
      const t = performance.now();
      const r = spawnSync('/usr/bin/time', ['-v', process.execPath, ...cli], { encoding: 'utf8', maxBuffer: 1 << 28 });
      const outside = performance.now() - t;
      exitCode = r.status ?? -1;
      const parsed = parseTimeV(r.stderr);
      if (!parsed) throw new Error(`could not read /usr/bin/time -v output:\n${r.stderr.slice(-2000)}`);
      peakRssBytes = parsed.rss;
      wallMs = Math.min(outside, parsed.wallMs || outside);
      if (exitCode !== 0) throw new Error(`kaohe rank exited ${exitCode}: ${cliTail(r.stderr)}`);
    } else {
      // Run the CLI inside a small wrapper that reports its own peak memory on exit.
      const wrapper = `process.on('exit',()=>process.stderr.write('\\nMAXRSS '+process.resourceUsage().maxRSS+'\\n'));process.argv=[process.argv[0],${JSON.stringify(cli[0])},...${JSON.stringify(cli.slice(1))}];require(${JSON.stringify(cli[0])});`;
      const t = performance.now();
      const r = spawnSync(process.execPath, ['-e', wrapper], { encoding: 'utf8', maxBuffer: 1 << 28 });
      wallMs = performance.now() - t;
      exitCode = r.status ?? -1;
      const m = /MAXRSS (\d+)/.exec(r.stderr);
      peakRssBytes = m?.[1] ? Number(m[1]) * 1024 : Number.NaN;
      if (exitCode !== 0) throw new Error(`kaohe rank exited ${exitCode}: ${cliTail(r.stderr)}`);
    }
    const json = JSON.parse(readFileSync(path.join(dir, 'ranking.json'), 'utf8')) as { units?: { unit: string; total: number | null; rank?: { total: number | null } }[] };
    const byUnit = new Map((json.units ?? []).map((u) => [u.unit, u]));
    let disagreements = 0;
    for (const e of expected) {
      const u = byUnit.get(e.unit);
      if (!u || u.total !== e.total || (u.rank?.total ?? null) !== e.rank) disagreements++;
    }
    return { towns: grid.rows.length - 1, fileBytes, wallMs, peakRssBytes, memorySource: useTime ? '/usr/bin/time -v' : 'process.resourceUsage', exitCode, disagreements };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
