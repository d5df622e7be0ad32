/**
 * Old .xls/.et and .ods ledgers, converted to .xlsx with LibreOffice when it is installed: on a
 * copy, in a temporary folder that is removed afterwards, never beside the user's file.
 * `KAOHE_SOFFICE` names the program (or `off` to never convert); otherwise `soffice` or
 * `libreoffice` on PATH, or LibreOffice's usual install folder.
 */
import { accessSync, constants, promises as fs } from 'fs';
import { execFile } from 'child_process';
import * as os from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { promisify } from 'util';
import type ExcelJS from 'exceljs';
import { WorkbookOpenError, loadWorkbookAndBytes, loadWorkbookFromBytes } from './xlsxRead';

/** Longest a conversion may take (LibreOffice's first start creates its profile). */
const CONVERT_TIMEOUT_MS = 180_000;

/** The LibreOffice program to convert with, or null when there is none (or `KAOHE_SOFFICE=off`). */
export function findSoffice(env: NodeJS.ProcessEnv = process.env): string | null {
  const forced = env.KAOHE_SOFFICE?.trim();
  if (forced) return /^(off|none|no|0|false)$/i.test(forced) ? null : forced;
  const win = process.platform === 'win32';
  const names = win ? ['soffice.exe', 'soffice.com'] : ['soffice', 'libreoffice'];
  const candidates = (env.PATH ?? '')
    .split(path.delimiter)
    .filter((d) => d !== '')
    .flatMap((d) => names.map((n) => path.join(d, n)));
  if (win)
    for (const base of [env.ProgramFiles, env['ProgramFiles(x86)']])
      if (base) candidates.push(path.join(base, 'LibreOffice', 'program', 'soffice.exe'));
  if (process.platform === 'darwin')
    candidates.push('/Applications/LibreOffice.app/Contents/MacOS/soffice');
  for (const c of candidates) {
    try {
      accessSync(c, constants.X_OK);
      return c;
    } catch {
      // not there: try the next
    }
  }
  return null;
}

/**
 * Converts `file` (read as `ext`, which LibreOffice uses to pick its import filter) to .xlsx and
 * returns the converted bytes; the temporary folder is removed whatever happens.
 */
export async function convertToXlsx(soffice: string, file: string, ext: string): Promise<Buffer> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'kaohe-convert-'));
  try {
    const source = path.join(dir, `input.${ext}`);
    const outdir = path.join(dir, 'out');
    await fs.copyFile(file, source);
    await fs.mkdir(outdir);
    // A profile of its own, so a LibreOffice already open on the desktop does not take the job.
    const profile = pathToFileURL(path.join(dir, 'profile')).href;
    await promisify(execFile)(
      soffice,
      [
        `-env:UserInstallation=${profile}`,
        '--headless',
        '--norestore',
        '--convert-to',
        'xlsx',
        '--outdir',
        outdir,
        source,
      ],
      { timeout: CONVERT_TIMEOUT_MS, windowsHide: true },
    );
    try {
      return await fs.readFile(path.join(outdir, 'input.xlsx'));
    } catch {
      throw new Error('LibreOffice wrote no .xlsx');
    }
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}

/** First line of a failed conversion's message: what soffice said, or why it did not run. */
function failure(e: unknown): string {
  const err = e as { stderr?: unknown; code?: unknown; killed?: unknown; message?: unknown };
  if (err.killed) return `timed out after ${CONVERT_TIMEOUT_MS / 1000} s`;
  const said = typeof err.stderr === 'string' ? err.stderr.trim() : '';
  const text = said || (typeof err.message === 'string' ? err.message : String(e));
  return text.split('\n')[0]?.slice(0, 200) ?? '';
}

/**
 * Loads a workbook the way `kaohe` reads its inputs: an .xlsx directly; an .xls/.et/.ods through
 * LibreOffice when it is installed (`note` is told, to say so on stderr); anything else, or a
 * failed conversion, throws WorkbookOpenError saying what the file is and what to do.
 */
export async function openInputWorkbook(
  file: string,
  note: (soffice: string) => void,
): Promise<{ wb: ExcelJS.Workbook; bytes: Buffer }> {
  try {
    return await loadWorkbookAndBytes(file);
  } catch (e) {
    if (!(e instanceof WorkbookOpenError) || !e.verdict || e.verdict.ok || !e.verdict.convertible)
      throw e;
    const soffice = findSoffice();
    if (!soffice) throw e;
    let bytes: Buffer;
    try {
      bytes = await convertToXlsx(soffice, file, e.verdict.kind === 'ods' ? 'ods' : 'xls');
    } catch (c) {
      const why = failure(c);
      throw new WorkbookOpenError(
        file,
        `用 LibreOffice 转换失败（${why}）。${e.zh}`,
        `LibreOffice failed to convert it (${why}). ${e.en}`,
        e.verdict,
      );
    }
    const loaded = await loadWorkbookFromBytes(bytes, file);
    note(soffice);
    return loaded;
  }
}
