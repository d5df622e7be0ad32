/** In-process CLI runs and temp dirs for the CLI tests. */
import { mkdtempSync } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { main } from '../../src/cli/main';

export interface Run {
  code: number;
  out: string;
  err: string;
}

export async function run(...argv: string[]): Promise<Run> {
  let out = '';
  let err = '';
  const code = await main(argv, { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}

export function tempDir(): string {
  return mkdtempSync(path.join(os.tmpdir(), 'kaohe-cli-'));
}

/** `run` with stderr reported as a terminal or not (progress is drawn differently). */
export async function runWith(options: { errIsTTY: boolean }, ...argv: string[]): Promise<Run> {
  let out = '';
  let err = '';
  const code = await main(argv, {
    out: (t) => (out += t),
    err: (t) => (err += t),
    errIsTTY: options.errIsTTY,
  });
  return { code, out, err };
}
