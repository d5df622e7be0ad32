/**
 * What kind of file a user handed us, told from its bytes (the name only picks the wording): an
 * .xlsx workbook, or something else — an old .xls/.et, an .ods, a CSV, a Word file, an empty or
 * damaged file — with a message in Chinese and English that says what it is and what to do.
 * The CLI and the workbench both ask this before handing the bytes to ExcelJS, which would
 * otherwise fail with a zip library's message or, for an .ods, open an empty workbook.
 */

/** What the bytes are. */
export type FileKind =
  | 'xlsx'
  | 'empty'
  /** OLE2 compound file: Excel 97–2003 .xls or WPS .et. */
  | 'oldWorkbook'
  /** OLE2 holding an encrypted OOXML package: an .xlsx with a password to open. */
  | 'encrypted'
  /** OLE2 Word 97–2003 document (.doc/.wps). */
  | 'oldDocument'
  | 'xlsb'
  | 'ods'
  /** OpenDocument other than a spreadsheet (.odt, .odp…). */
  | 'openDocument'
  | 'docx'
  | 'pptx'
  /** A zip that is no Office document. */
  | 'zip'
  /** Starts like a zip but its directory cannot be read (cut short, damaged). */
  | 'damaged'
  | 'csv'
  /** An HTML page, as web systems often export under a .xls name. */
  | 'html'
  /** Excel 2003 XML spreadsheet (SpreadsheetML). */
  | 'xml2003'
  | 'text'
  | 'unknown';

export type FileVerdict =
  | { readonly ok: true; readonly kind: 'xlsx' }
  | {
      readonly ok: false;
      readonly kind: Exclude<FileKind, 'xlsx'>;
      /** LibreOffice (`soffice --convert-to xlsx`) turns it into a workbook Kaohe reads. */
      readonly convertible: boolean;
      readonly zh: string;
      readonly en: string;
    };

const OLE2 = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const ZIP_LOCAL = 0x04034b50;
const ZIP_END = 0x06054b50;
const ZIP_CENTRAL = 0x02014b50;

const u16 = (b: Uint8Array, i: number): number => (b[i] ?? 0) | ((b[i + 1] ?? 0) << 8);
const u32 = (b: Uint8Array, i: number): number => (u16(b, i) | (u16(b, i + 2) << 16)) >>> 0;

function startsWith(b: Uint8Array, sig: readonly number[]): boolean {
  return sig.every((x, i) => b[i] === x);
}

/** Bytes as Latin-1 text (names compared here are ASCII; other bytes just never match). */
function latin1(b: Uint8Array, start: number, end: number): string {
  let s = '';
  for (let i = start; i < end && i < b.length; i++) s += String.fromCharCode(b[i] ?? 0);
  return s;
}

/** True when `needle` (ASCII) occurs in `b` as UTF-16LE, as OLE2 directory entry names are. */
function hasUtf16Name(b: Uint8Array, needle: string): boolean {
  const first = needle.charCodeAt(0);
  outer: for (let i = 0; i + needle.length * 2 <= b.length; i++) {
    if (b[i] !== first || b[i + 1] !== 0) continue;
    for (let k = 1; k < needle.length; k++)
      if (b[i + 2 * k] !== needle.charCodeAt(k) || b[i + 2 * k + 1] !== 0) continue outer;
    return true;
  }
  return false;
}

interface ZipEntryInfo {
  readonly name: string;
  readonly method: number;
  readonly compressedSize: number;
  readonly localOffset: number;
}

/**
 * The entries of a zip's central directory; null when it cannot be found or read, `zip64` for a
 * zip64 directory (over 65,535 entries or 4 GB), which is not read here.
 */
function zipEntries(b: Uint8Array): ZipEntryInfo[] | 'zip64' | null {
  let end = -1;
  for (let i = b.length - 22; i >= Math.max(0, b.length - 22 - 0xffff); i--) {
    if (u32(b, i) === ZIP_END) {
      end = i;
      break;
    }
  }
  if (end < 0) return null;
  const count = u16(b, end + 10);
  const size = u32(b, end + 12);
  const offset = u32(b, end + 16);
  if (count === 0xffff || offset === 0xffffffff) return 'zip64';
  if (offset + size > end) return null;
  const out: ZipEntryInfo[] = [];
  let p = offset;
  for (let n = 0; n < count; n++) {
    if (p + 46 > end || u32(b, p) !== ZIP_CENTRAL) return null;
    const nameLength = u16(b, p + 28);
    const next = p + 46 + nameLength + u16(b, p + 30) + u16(b, p + 32);
    if (next > end) return null;
    out.push({
      name: latin1(b, p + 46, p + 46 + nameLength),
      method: u16(b, p + 10),
      compressedSize: u32(b, p + 20),
      localOffset: u32(b, p + 42),
    });
    p = next;
  }
  return out;
}

/** The content of a stored (uncompressed) entry, such as an OpenDocument's `mimetype`. */
function storedText(b: Uint8Array, e: ZipEntryInfo): string {
  if (e.method !== 0 || u32(b, e.localOffset) !== ZIP_LOCAL) return '';
  const data = e.localOffset + 30 + u16(b, e.localOffset + 26) + u16(b, e.localOffset + 28);
  return latin1(b, data, data + Math.min(e.compressedSize, 200)).trim();
}

/** Text, judged from the start: no NUL (unless UTF-16 with a BOM) and few control characters. */
function looksLikeText(b: Uint8Array): boolean {
  if ((b[0] === 0xff && b[1] === 0xfe) || (b[0] === 0xfe && b[1] === 0xff)) return true;
  const n = Math.min(b.length, 8192);
  let controls = 0;
  for (let i = 0; i < n; i++) {
    const c = b[i] ?? 0;
    if (c === 0) return false;
    if (c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d && c !== 0x0c && c !== 0x1b) controls++;
  }
  return controls <= n / 100;
}

/** The start of a text file as ASCII (UTF-16 reduced to its low bytes), lower case. */
function textStart(b: Uint8Array): string {
  const utf16 = (b[0] === 0xff && b[1] === 0xfe) || (b[0] === 0xfe && b[1] === 0xff);
  let s = '';
  for (let i = utf16 ? 2 : 0; i < Math.min(b.length, 4096); i += utf16 ? 2 : 1) {
    const c = utf16 ? (b[0] === 0xff ? (b[i] ?? 0) : (b[i + 1] ?? 0)) : (b[i] ?? 0);
    if (c !== 0) s += String.fromCharCode(c);
  }
  return s.replace(/^\uFEFF|^\u00EF\u00BB\u00BF/, '').toLowerCase();
}

/** A file name fit for a shell command line: quoted when it has spaces or quotes. */
function shellName(name: string): string {
  return /[\s"'`$&;|<>()*?!#]/.test(name) ? `"${name.replace(/(["$`])/g, '\\$1')}"` : name;
}

function extension(name: string): string {
  return /\.([^./\\]+)$/.exec(name)?.[1]?.toLowerCase() ?? '';
}

interface Text {
  readonly zh: string;
  readonly en: string;
}

const SAVE_AS: Text = {
  zh: '请在 Excel 或 WPS 中打开它，“另存为” Excel 工作簿（.xlsx）后再用',
  en: 'open it in Excel or WPS and save it as an Excel workbook (.xlsx), then use that',
};
const GIVE_LEDGER: Text = {
  zh: '请给出考核台账工作簿（.xlsx）',
  en: 'give the assessment ledger workbook (.xlsx)',
};
const NOT_XLSX: Text = { zh: '不是 .xlsx 工作簿', en: 'not an .xlsx workbook' };

/** What each kind is, why it cannot be read, and what to do. */
const TEXTS: Record<
  Exclude<FileKind, 'xlsx'>,
  { readonly what: Text; readonly not?: Text; readonly todo: Text; readonly convertible?: true }
> = {
  empty: {
    what: { zh: '一个空文件（0 字节）', en: 'an empty file (0 bytes)' },
    todo: {
      zh: '文件可能没有保存完整或复制失败，请重新保存或复制',
      en: 'it may not have been saved or copied completely; save or copy it again',
    },
  },
  oldWorkbook: {
    what: {
      zh: '旧版 Excel 97–2003 或 WPS 格式的工作簿（.xls/.et）',
      en: 'an old Excel 97–2003 or WPS workbook (.xls/.et)',
    },
    todo: SAVE_AS,
    convertible: true,
  },
  encrypted: {
    what: { zh: '一个设置了打开密码的加密工作簿', en: 'a workbook encrypted with a password' },
    not: { zh: '没有密码无法读取', en: 'which cannot be read without the password' },
    todo: {
      zh: '请在 Excel 或 WPS 中打开，取消打开密码（文件 > 信息 > 保护工作簿 > 用密码进行加密，清空密码）后另存为 .xlsx',
      en: 'open it in Excel or WPS, remove the password to open (File > Info > Protect Workbook > Encrypt with Password, clear it) and save it as .xlsx',
    },
  },
  oldDocument: {
    what: { zh: '一个 Word/WPS 文字文档（.doc/.wps）', en: 'a Word/WPS text document (.doc/.wps)' },
    todo: GIVE_LEDGER,
  },
  xlsb: {
    what: { zh: '一个 Excel 二进制工作簿（.xlsb）', en: 'an Excel binary workbook (.xlsb)' },
    todo: SAVE_AS,
  },
  ods: {
    what: {
      zh: '一个 OpenDocument 电子表格（.ods，LibreOffice 等保存的格式）',
      en: 'an OpenDocument spreadsheet (.ods, as LibreOffice saves)',
    },
    todo: {
      zh: '请在 LibreOffice、WPS 或 Excel 中打开，另存为 Excel 工作簿（.xlsx）后再用',
      en: 'open it in LibreOffice, WPS or Excel and save it as an Excel workbook (.xlsx), then use that',
    },
    convertible: true,
  },
  openDocument: {
    what: {
      zh: '一个 OpenDocument 文档（不是电子表格）',
      en: 'an OpenDocument file that is not a spreadsheet',
    },
    todo: GIVE_LEDGER,
  },
  docx: {
    what: { zh: '一个 Word 文档（.docx）', en: 'a Word document (.docx)' },
    todo: GIVE_LEDGER,
  },
  pptx: {
    what: { zh: '一个 PowerPoint 演示文稿（.pptx）', en: 'a PowerPoint presentation (.pptx)' },
    todo: GIVE_LEDGER,
  },
  zip: {
    what: {
      zh: '一个普通 zip 压缩包（里面没有工作簿）',
      en: 'a plain zip archive (no workbook inside)',
    },
    todo: {
      zh: '请先解压，再给出其中的 .xlsx 台账',
      en: 'unpack it first and give the .xlsx ledger inside',
    },
  },
  damaged: {
    what: {
      zh: '一个已损坏或不完整的压缩包（.xlsx 本是 zip 压缩包，但此文件的目录无法读取）',
      en: 'a damaged or incomplete zip package (an .xlsx is a zip, but the directory of this one cannot be read)',
    },
    not: { zh: '无法作为 .xlsx 工作簿读取', en: 'which cannot be read as an .xlsx workbook' },
    todo: {
      zh: '文件可能没有下载或复制完整；请从原处重新获取，或在 Excel/WPS 中打开修复后另存为 .xlsx',
      en: 'it may not have been downloaded or copied completely; fetch it again, or let Excel/WPS repair it and save it as .xlsx',
    },
  },
  csv: {
    what: {
      zh: '一个 CSV 文本文件（逗号或制表符分隔）',
      en: 'a CSV text file (comma- or tab-separated)',
    },
    todo: {
      zh: `${SAVE_AS.zh}；台账需要“乡镇台账”“部门台账”等工作表，可把数据复制到 kaohe template 生成的台账中`,
      en: `${SAVE_AS.en}; a ledger needs the sheets 乡镇台账 (towns) and 部门台账 (departments), so copy the data into a ledger made by kaohe template`,
    },
  },
  html: {
    what: {
      zh: '一个网页（HTML）文件，常见于网上系统导出的“.xls”',
      en: 'a web page (HTML), as web systems often export under an .xls name',
    },
    todo: SAVE_AS,
  },
  xml2003: {
    what: {
      zh: '一个 Excel 2003 XML 表格（SpreadsheetML）',
      en: 'an Excel 2003 XML spreadsheet (SpreadsheetML)',
    },
    todo: SAVE_AS,
  },
  text: {
    what: { zh: '一个文本文件', en: 'a text file' },
    todo: {
      zh: `${GIVE_LEDGER.zh}；文件扩展名可能被改过`,
      en: `${GIVE_LEDGER.en}; the file may have been renamed`,
    },
  },
  unknown: {
    what: {
      zh: '一个无法识别的文件（不是 Excel 或 WPS 工作簿）',
      en: 'a file of unknown kind (not an Excel or WPS workbook)',
    },
    todo: GIVE_LEDGER,
  },
};

/** The refusal of a file of `kind`, naming it. */
function refuse(kind: Exclude<FileKind, 'xlsx'>, name: string, what?: Text): FileVerdict {
  const t = TEXTS[kind];
  const w = what ?? t.what;
  const not = t.not ?? NOT_XLSX;
  const convertible = t.convertible === true;
  // The command comes last, with no full stop after it to be copied by mistake.
  const command = `soffice --headless --convert-to xlsx ${shellName(name)}`;
  return {
    ok: false,
    kind,
    convertible,
    zh: `${name} 是${w.zh}，${not.zh}。${t.todo.zh}。${convertible ? `也可用 LibreOffice 转换：${command}` : ''}`,
    en: `${name} is ${w.en}, ${not.en}: ${t.todo.en}.${convertible ? ` Or convert it with LibreOffice: ${command}` : ''}`,
  };
}

/**
 * What `bytes` (the whole file) are, by content; `fileName` only names the file in the message
 * and tells .et from .xls. An `.xlsx` is a zip with `xl/workbook.xml`, the part ExcelJS reads.
 * @example recogniseWorkbookFile(new Uint8Array(), 'a.xlsx').kind // 'empty'
 */
export function recogniseWorkbookFile(bytes: Uint8Array, fileName: string): FileVerdict {
  const b = bytes;
  if (b.length === 0) return refuse('empty', fileName);
  if (startsWith(b, OLE2)) {
    if (hasUtf16Name(b, 'EncryptedPackage')) return refuse('encrypted', fileName);
    if (hasUtf16Name(b, 'WordDocument')) return refuse('oldDocument', fileName);
    return refuse(
      'oldWorkbook',
      fileName,
      extension(fileName) === 'et'
        ? { zh: '一个 WPS 表格旧格式的文件（.et）', en: 'an old-format WPS spreadsheet (.et)' }
        : undefined,
    );
  }
  if (u32(b, 0) === ZIP_LOCAL || u32(b, 0) === ZIP_END) {
    const entries = zipEntries(b);
    if (!entries) return refuse('damaged', fileName);
    if (entries === 'zip64') return { ok: true, kind: 'xlsx' }; // too large to look into: ExcelJS decides
    const names = new Set(entries.map((e) => e.name));
    if (names.has('xl/workbook.xml')) return { ok: true, kind: 'xlsx' };
    if (names.has('xl/workbook.bin')) return refuse('xlsb', fileName);
    const mimetype = entries.find((e) => e.name === 'mimetype');
    const mime = mimetype ? storedText(b, mimetype) : '';
    if (mime.startsWith('application/vnd.oasis.opendocument.spreadsheet'))
      return refuse('ods', fileName);
    if (mime.startsWith('application/vnd.oasis.opendocument') || names.has('content.xml'))
      return refuse('openDocument', fileName);
    if (names.has('word/document.xml')) return refuse('docx', fileName);
    if (names.has('ppt/presentation.xml')) return refuse('pptx', fileName);
    return refuse('zip', fileName);
  }
  if (looksLikeText(b)) {
    const start = textStart(b).trimStart();
    if (start.includes('urn:schemas-microsoft-com:office:spreadsheet'))
      return refuse('xml2003', fileName);
    if (/^(<!doctype html|<html|<table|<meta|<head)/.test(start) || /<html[\s>]/.test(start))
      return refuse('html', fileName);
    const ext = extension(fileName);
    const lines = start.split(/\r?\n/).filter((l) => l.trim() !== '');
    const separated = lines.length > 0 && lines.every((l) => /[,\t;]/.test(l));
    return refuse(ext === 'csv' || ext === 'tsv' || separated ? 'csv' : 'text', fileName);
  }
  return refuse('unknown', fileName);
}
