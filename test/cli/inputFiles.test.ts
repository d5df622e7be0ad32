/**
 * Files that are not .xlsx given to `kaohe`: every kind gets a message saying what it is and what
 * to do, exit code 2 and nothing written; .xls/.et/.ods are converted when LibreOffice is there.
 */
import { chmodSync, copyFileSync, existsSync, readFileSync, readdirSync, writeFileSync } from 'fs';
import * as path from 'path';
import { spawnSync } from 'child_process';
import { notXlsxFiles, SAMPLE_XLSX } from '../fixtures/notXlsx';
import { findSoffice } from '../../src/cli/convert';
import { run, tempDir } from './helpers';

const ROOT = path.join(__dirname, '../..');
const CJK = /[\u3400-\u9fff]/;

describe('kaohe on files that are not .xlsx', () => {
  const saved = process.env.KAOHE_SOFFICE;
  // The messages without conversion, even on a machine with LibreOffice.
  beforeAll(() => (process.env.KAOHE_SOFFICE = 'off'));
  afterAll(() => {
    if (saved === undefined) delete process.env.KAOHE_SOFFICE;
    else process.env.KAOHE_SOFFICE = saved;
  });

  it('says what each file is and what to do, exits 2 and writes nothing (check, rank --out, --previous)', async () => {
    for (const f of await notXlsxFiles()) {
      const dir = tempDir();
      const file = path.join(dir, f.name);
      writeFileSync(file, f.bytes);
      const out = path.join(dir, 'out.xlsx');
      const json = path.join(dir, 'out.json');
      const runs = [
        await run('check', file),
        await run('rank', file, '--out', out, '--json', json),
        await run('rank', SAMPLE_XLSX, '--previous', file, '--out', out),
      ];
      for (const r of runs) {
        const context = `${f.name}: ${r.err}`;
        expect([context, r.code]).toEqual([context, 2]);
        expect(r.err).toContain(f.name);
        expect(r.err).toMatch(f.says);
        expect(r.err).toMatch(CJK);
        expect(r.err).toMatch(/\.xlsx/);
        expect(r.err).not.toMatch(/https?:|central directory|jszip|Corrupted zip/i);
        expect(r.out).toBe('');
      }
      expect(readdirSync(dir)).toEqual([f.name]);
    }
  });

  it('--lang en puts the English explanation first', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'old.xls');
    writeFileSync(file, (await notXlsxFiles()).find((f) => f.name === 'old.xls')!.bytes);
    const r = await run('check', file, '--lang', 'en');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^kaohe: \S*old\.xls is an old Excel 97–2003 or WPS workbook/);
    expect(r.err).toContain('soffice --headless --convert-to xlsx');
  });
});

/** A stand-in for LibreOffice: logs its arguments, "converts" by copying the sample ledger. */
function fakeSoffice(dir: string): { bin: string; log: string } {
  const bin = path.join(dir, 'soffice');
  const log = path.join(dir, 'soffice.log');
  writeFileSync(
    bin,
    `#!/bin/sh
printf '%s\\n' "$@" > "${log}"
outdir=""; last=""
while [ $# -gt 0 ]; do
  if [ "$1" = "--outdir" ]; then outdir="$2"; fi
  last="$1"; shift
done
stem=$(basename "$last"); stem="\${stem%.*}"
cp "${SAMPLE_XLSX}" "$outdir/$stem.xlsx"
`,
  );
  chmodSync(bin, 0o755);
  return { bin, log };
}

function spawnKaohe(args: string[], env: NodeJS.ProcessEnv) {
  return spawnSync(process.execPath, [path.join(ROOT, 'bin/kaohe.js'), ...args], {
    encoding: 'utf8',
    env,
  });
}

describe('kaohe converts .xls/.et/.ods with LibreOffice when it is installed', () => {
  it('converts through soffice on PATH in a temporary folder, says so, and writes nothing beside the input', async () => {
    const tools = tempDir();
    const { log } = fakeSoffice(tools);
    const files = await notXlsxFiles();
    for (const name of ['old.xls', '台账.et', 'calc.ods']) {
      const dir = tempDir();
      const file = path.join(dir, name);
      writeFileSync(file, files.find((f) => f.name === name)!.bytes);
      const before = readFileSync(file);
      const out = path.join(dir, 'result.xlsx');
      const env: NodeJS.ProcessEnv = {
        ...process.env,
        PATH: `${tools}${path.delimiter}${process.env.PATH ?? ''}`,
      };
      delete env.KAOHE_SOFFICE;
      const r = spawnKaohe(['rank', file, '--out', out], env);
      expect([name, r.status, r.stderr]).toEqual([name, 0, expect.stringContaining('LibreOffice')]);
      expect(r.stderr).toContain(name);
      expect(r.stdout).toContain('白坭镇');
      expect(existsSync(out)).toBe(true);
      // Only the result was written beside the input, and the input is unchanged.
      expect(readdirSync(dir).sort()).toEqual([name, 'result.xlsx'].sort());
      expect(readFileSync(file).equals(before)).toBe(true);
      // soffice ran headless on a copy in a temporary folder that is gone now.
      const args = readFileSync(log, 'utf8').trim().split('\n');
      expect(args).toEqual(expect.arrayContaining(['--headless', '--convert-to', 'xlsx']));
      const outdir = args[args.indexOf('--outdir') + 1]!;
      expect(path.resolve(outdir).startsWith(path.resolve(dir))).toBe(false);
      expect(existsSync(outdir)).toBe(false);
      expect(args[args.length - 1]).not.toBe(file);
    }
  }, 60_000);

  it('says the conversion failed, with the advice, when soffice fails; exit 2, nothing written', async () => {
    const tools = tempDir();
    const bin = path.join(tools, 'soffice');
    writeFileSync(bin, '#!/bin/sh\necho "source file could not be loaded" >&2\nexit 1\n');
    chmodSync(bin, 0o755);
    const dir = tempDir();
    const file = path.join(dir, 'calc.ods');
    writeFileSync(file, (await notXlsxFiles()).find((f) => f.name === 'calc.ods')!.bytes);
    const r = spawnKaohe(['check', file], { ...process.env, KAOHE_SOFFICE: bin });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('OpenDocument');
    expect(r.stderr).toMatch(/LibreOffice.*fail/);
    expect(readdirSync(dir)).toEqual(['calc.ods']);
  }, 60_000);

  const soffice = findSoffice();
  // Runs only where LibreOffice is installed (it is not, by default, on the build machines).
  (soffice ? it : it.skip)(
    `converts a real .ods with the installed LibreOffice${soffice ? '' : ' — SKIPPED: no soffice/libreoffice on PATH'}`,
    async () => {
      const dir = tempDir();
      copyFileSync(SAMPLE_XLSX, path.join(dir, 'ledger.xlsx'));
      const made = spawnSync(
        soffice!,
        ['--headless', '--convert-to', 'ods', '--outdir', dir, path.join(dir, 'ledger.xlsx')],
        { encoding: 'utf8', timeout: 120_000 },
      );
      expect(made.status).toBe(0);
      const r = spawnKaohe(['rank', path.join(dir, 'ledger.ods')], process.env);
      expect(r.status).toBe(0);
      expect(r.stderr).toContain('LibreOffice');
      expect(r.stdout).toContain('白坭镇');
    },
    180_000,
  );
});
