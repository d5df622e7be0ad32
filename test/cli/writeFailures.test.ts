/**
 * An output that cannot be written (open in Excel, read-only, a folder, a full disk): the message
 * names the file and says why in Chinese and English, exit code 2, and no temporary file is left.
 * Tests may run as root, which ignores permission bits, so the failures are real where the file
 * system makes them (a folder as target, a file as folder) and injected into `fs.rename` otherwise.
 */
import { mkdirSync, promises as fsp, readFileSync, readdirSync, writeFileSync } from 'fs';
import * as path from 'path';
import { OutputWriteError, saveWorkbook, workbookFromSheets } from '../../src/cli/xlsxWrite';
import { goldenSheets } from '../ledger/golden';
import { run, tempDir } from './helpers';

const SAMPLE = path.join(__dirname, '../../examples/ledger.xlsx');

function errno(code: string, message: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`${code}: ${message}`), { code });
}

/** Makes the next `fs.rename` fail as the OS would, with the temp file's name in the message. */
function failRename(code: string) {
  return jest
    .spyOn(fsp, 'rename')
    .mockImplementationOnce(async (from, to) =>
      Promise.reject(errno(code, `operation failed, rename '${String(from)}' -> '${String(to)}'`)),
    );
}

afterEach(() => jest.restoreAllMocks());

describe('saveWorkbook when the target cannot be written', () => {
  const cases: [string, RegExp, RegExp][] = [
    ['EPERM', /may be open in another program.*read-only/, /其他程序.*只读/],
    ['EACCES', /may be open in another program.*read-only/, /其他程序.*只读/],
    ['EBUSY', /may be open in another program.*read-only/, /其他程序.*只读/],
    ['ENOENT', /folder .* does not exist/, /文件夹.*不存在/],
    ['ENOSPC', /disk is full/, /磁盘空间不足/],
    ['EROFS', /read-only/, /只读/],
  ];
  it.each(cases)(
    '%s: names the file, says why, keeps the old file and leaves no temp file',
    async (code, en, zh) => {
      const dir = tempDir();
      const target = path.join(dir, 'result.xlsx');
      writeFileSync(target, 'old result');
      failRename(code);
      const error = await saveWorkbook(workbookFromSheets(goldenSheets()), target).then(
        () => null,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(OutputWriteError);
      const e = error as OutputWriteError;
      expect(e.code).toBe(code);
      expect(e.en).toContain(target);
      expect(e.zh).toContain(target);
      expect(e.en).toMatch(en);
      expect(e.zh).toMatch(zh);
      expect(`${e.zh} ${e.en}`).not.toContain('.tmp');
      expect(readdirSync(dir)).toEqual(['result.xlsx']);
      expect(readFileSync(target, 'utf8')).toBe('old result');
    },
  );

  it('a folder in place of the file (EISDIR) is said so, without injecting anything', async () => {
    const dir = tempDir();
    const target = path.join(dir, 'result.xlsx');
    mkdirSync(target);
    const e = (await saveWorkbook(workbookFromSheets(goldenSheets()), target).catch(
      (x: unknown) => x,
    )) as OutputWriteError;
    expect(e).toBeInstanceOf(OutputWriteError);
    expect(e.en).toMatch(/is a folder, not a file/);
    expect(e.zh).toMatch(/是一个文件夹/);
    expect(readdirSync(dir)).toEqual(['result.xlsx']);
  });
});

describe('kaohe rank --out / --json that cannot be written', () => {
  it('the output open in another program (EPERM on rename): says so, exit 2, no temp file, no JSON', async () => {
    const dir = tempDir();
    const out = path.join(dir, 'result.xlsx');
    const json = path.join(dir, 'result.json');
    failRename('EPERM');
    const r = await run('rank', SAMPLE, '--out', out, '--json', json);
    expect(r.code).toBe(2);
    expect(r.err).toContain(out);
    expect(r.err).toMatch(/其他程序/);
    expect(r.err).toMatch(/may be open in another program/);
    expect(r.err).not.toMatch(/\.tmp|rename/);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('--out naming an existing folder (EISDIR, real): exit 2, says it is a folder, English first with --lang en', async () => {
    const dir = tempDir();
    const r = await run('rank', SAMPLE, '--out', dir, '--lang', 'en');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^kaohe: cannot write .* is a folder, not a file/m);
    expect(r.err).not.toContain('.tmp');
    expect(readdirSync(dir)).toEqual([]);
  });

  it('--json under a path whose folder is a file (real): exit 2, says the folder is a file', async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'notes'), 'x');
    const r = await run('rank', SAMPLE, '--json', path.join(dir, 'notes', 'r.json'));
    expect(r.code).toBe(2);
    expect(r.err).toContain(path.join(dir, 'notes', 'r.json'));
    expect(r.err).toMatch(/is a file, not a folder/);
    expect(readdirSync(dir)).toEqual(['notes']);
  });
});
