/**
 * Paths into dist/ for the tests that check the build. They FAIL (never skip) when dist/ is
 * missing: the test script runs `npm run build` first, and a missing build is a broken build.
 */
import fs from 'node:fs';
import path from 'node:path';

export const ROOT = path.resolve(__dirname, '..', '..');
export const DIST = path.join(ROOT, 'dist');

/** Reads a file of dist/, failing with a clear message when the build has not been run. */
export function readDist(name: string): string {
  const file = path.join(DIST, name);
  if (!fs.existsSync(file)) {
    throw new Error(`dist/${name} is missing: run \`npm run build\` before these tests (the test script does).`);
  }
  return fs.readFileSync(file, 'utf8');
}
