/**
 * Bundle sizes: what Excel downloads when a workbook opens (functions.js) and when the task
 * pane opens (the scripts its HTML page loads; lazy chunks are not counted). Needs
 * `npm run build` (webpack) first; a missing dist/ is reported, not fatal.
 */
import { existsSync, readFileSync, readdirSync } from 'fs';
import * as path from 'path';
import { gzipSync } from 'zlib';

export interface BundleFigure {
  readonly name: string;
  /** Files counted, relative to dist/. Empty when not built. */
  readonly files: readonly string[];
  readonly minifiedBytes: number | null;
  readonly gzipBytes: number | null;
}

function measure(dist: string, name: string, files: string[]): BundleFigure {
  if (files.length === 0) return { name, files, minifiedBytes: null, gzipBytes: null };
  let min = 0;
  let gz = 0;
  for (const f of files) {
    const buf = readFileSync(path.join(dist, f));
    min += buf.length;
    gz += gzipSync(buf, { level: 9 }).length;
  }
  return { name, files, minifiedBytes: min, gzipBytes: gz };
}

/** Scripts loaded by an HTML page of dist/ (its initial JS), in order. */
export function initialScripts(html: string): string[] {
  const out: string[] = [];
  const re = /<script\b[^>]*\bsrc=["']([^"']+)["']/gi;
  for (let m = re.exec(html); m; m = re.exec(html)) {
    const src = m[1] ?? '';
    if (!/^(https?:)?\/\//i.test(src)) out.push(src.replace(/^\.?\//, '').split('?')[0] ?? src);
  }
  return out;
}

export function benchBundles(root: string): { dist: boolean; bundles: BundleFigure[] } {
  const dist = path.join(root, 'dist');
  if (!existsSync(dist)) return { dist: false, bundles: [measure(dist, 'functions.js', []), measure(dist, 'taskpane (initial JS)', [])] };
  const all = readdirSync(dist);
  const functions = all.includes('functions.js') ? ['functions.js'] : [];
  let pane: string[] = [];
  if (all.includes('taskpane.html')) pane = initialScripts(readFileSync(path.join(dist, 'taskpane.html'), 'utf8')).filter((f) => existsSync(path.join(dist, f)));
  if (pane.length === 0) pane = all.filter((f) => /^taskpane.*\.js$/.test(f));
  return { dist: true, bundles: [measure(dist, 'functions.js', functions), measure(dist, 'taskpane (initial JS)', pane)] };
}
