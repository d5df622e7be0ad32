/**
 * `kaohe rank --out`: the result workbook made from the ORIGINAL input package. Every part of the
 * input stays byte for byte as it was (its sheets never pass through ExcelJS's writer, which took
 * most of the time and memory at provincial scale); the output sheets are built by ExcelJS in a
 * small workbook of their own and merged in: their sheet XML is copied with its style indexes
 * moved past the input's own styles, their strings are written inline (the input's
 * sharedStrings.xml is untouched), and the new sheets are appended after the input's sheets, so
 * the input's sheet indexes (and every defined name's localSheetId) stay valid.
 *
 * `mergeIntoPackage` throws `MergeUnsupported` for a package it cannot merge into safely (output
 * sheets of an earlier run already present, a styles part it does not recognise…); the caller
 * then saves through ExcelJS as before.
 */
import * as path from 'path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import type { SheetSpec } from '../engine/ledger/types';
import {
  addBulkSheet,
  addSheet,
  bulkSheetXml,
  deflateEntry,
  saveAtomically,
  sheetPath,
  writeZip,
  type BulkSheet,
  type ZipEntry,
} from './xlsxWrite';

/** The input package is of a kind this module does not merge into; save the old way. */
export class MergeUnsupported extends Error {
  constructor(reason: string) {
    super(`cannot merge into the input package: ${reason}`);
    this.name = 'MergeUnsupported';
  }
}

const WORKSHEET_TYPE =
  'http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet';
const WORKSHEET_CT = 'application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml';

function decodeXml(s: string): string {
  return s.replace(
    /&(amp|lt|gt|quot|apos);/g,
    (_m, e: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" })[e] ?? '',
  );
}

async function text(zip: JSZip, name: string): Promise<string> {
  const s = await zip.file(name)?.async('string');
  if (s === undefined) throw new MergeUnsupported(`no ${name}`);
  return s;
}

/** The children of `<tag …>…</tag>` in `xml` (un-prefixed), or null when absent. */
function section(
  xml: string,
  tag: string,
): { start: number; end: number; open: string; body: string } | null {
  const selfClosed = new RegExp(`<${tag}\\b[^>]*/>`).exec(xml);
  const open = new RegExp(`<${tag}\\b[^>]*[^/]>|<${tag}>`).exec(xml);
  if (open && (!selfClosed || open.index < selfClosed.index)) {
    const close = xml.indexOf(`</${tag}>`, open.index);
    if (close < 0) throw new MergeUnsupported(`unclosed <${tag}>`);
    return {
      start: open.index,
      end: close + tag.length + 3,
      open: open[0],
      body: xml.slice(open.index + open[0].length, close),
    };
  }
  if (selfClosed) {
    const open0 = selfClosed[0].replace(/\s*\/>$/, '>');
    return {
      start: selfClosed.index,
      end: selfClosed.index + selfClosed[0].length,
      open: open0,
      body: '',
    };
  }
  return null;
}

/** Top-level `<child …/>` or `<child …>…</child>` elements of a section body (no nesting of the same tag). */
function children(body: string, child: string): string[] {
  return [
    ...body.matchAll(
      new RegExp(`<${child}\\b[^>]*/>|<${child}\\b[^>]*>[\\s\\S]*?</${child}>`, 'g'),
    ),
  ].map((m) => m[0]);
}

function withCount(open: string, count: number): string {
  return /\bcount="\d*"/.test(open)
    ? open.replace(/\bcount="\d*"/, `count="${count}"`)
    : open.replace(/>$/, ` count="${count}">`);
}

/**
 * Appends the small workbook's styles to the input's styles.xml; returns the new styles.xml and
 * the map from the small workbook's cellXfs index to the merged index.
 */
function mergeStyles(input: string, small: string): { xml: string; xf: (i: number) => number } {
  let xml = input;
  if (/<\w+:styleSheet\b/.test(xml)) throw new MergeUnsupported('prefixed styles.xml');
  const smallFmts = section(small, 'numFmts');
  const inFmts = section(xml, 'numFmts');
  const fmtMap = new Map<number, number>();
  const inFmtList = inFmts ? children(inFmts.body, 'numFmt') : [];
  let nextFmt = Math.max(
    163,
    ...inFmtList.map((f) => Number(/numFmtId="(\d+)"/.exec(f)?.[1] ?? 0)),
  );
  const addedFmts: string[] = [];
  for (const f of smallFmts ? children(smallFmts.body, 'numFmt') : []) {
    const id = Number(/numFmtId="(\d+)"/.exec(f)?.[1] ?? NaN);
    if (!Number.isInteger(id)) throw new MergeUnsupported('numFmt without id');
    // The same code already in the input: reuse its id.
    const code = /formatCode="([^"]*)"/.exec(f)?.[1];
    const same = inFmtList.find((g) => /formatCode="([^"]*)"/.exec(g)?.[1] === code);
    if (same) {
      fmtMap.set(id, Number(/numFmtId="(\d+)"/.exec(same)?.[1]));
      continue;
    }
    nextFmt += 1;
    fmtMap.set(id, nextFmt);
    addedFmts.push(f.replace(/numFmtId="\d+"/, `numFmtId="${nextFmt}"`));
  }
  // Sections, last in the file first, so earlier offsets stay valid.
  const offsets: Record<string, number> = {};
  const appendSection = (tag: string, child: string) => {
    const inS = section(xml, tag);
    const smS = section(small, tag);
    const add = smS ? children(smS.body, child) : [];
    if (!inS) throw new MergeUnsupported(`styles.xml has no <${tag}>`);
    const have = children(inS.body, child).length;
    offsets[tag] = have;
    return add;
  };
  const fonts = appendSection('fonts', 'font');
  const fills = appendSection('fills', 'fill');
  const borders = appendSection('borders', 'border');
  const xfs = appendSection('cellXfs', 'xf');
  if (section(xml, 'cellStyleXfs') === null) throw new MergeUnsupported('no cellStyleXfs');
  const mapped = xfs.map((x) =>
    x
      .replace(
        /\bnumFmtId="(\d+)"/,
        (_m, id: string) => `numFmtId="${fmtMap.get(Number(id)) ?? id}"`,
      )
      .replace(
        /\bfontId="(\d+)"/,
        (_m, id: string) => `fontId="${Number(id) + (offsets.fonts ?? 0)}"`,
      )
      .replace(
        /\bfillId="(\d+)"/,
        (_m, id: string) => `fillId="${Number(id) + (offsets.fills ?? 0)}"`,
      )
      .replace(
        /\bborderId="(\d+)"/,
        (_m, id: string) => `borderId="${Number(id) + (offsets.borders ?? 0)}"`,
      )
      .replace(/\bxfId="\d+"/, 'xfId="0"'),
  );
  const childOf: Record<string, string> = {
    numFmts: 'numFmt',
    fonts: 'font',
    fills: 'fill',
    borders: 'border',
    cellXfs: 'xf',
  };
  const put = (tag: string, add: readonly string[]) => {
    const s = section(xml, tag);
    if (!s) throw new MergeUnsupported(`styles.xml has no <${tag}>`);
    const body = s.body + add.join('');
    const n = children(body, childOf[tag] ?? '').length;
    xml = `${xml.slice(0, s.start)}${withCount(s.open, n)}${body}</${tag}>${xml.slice(s.end)}`;
  };
  put('cellXfs', mapped);
  put('borders', borders);
  put('fills', fills);
  put('fonts', fonts);
  if (addedFmts.length > 0) {
    if (section(xml, 'numFmts')) put('numFmts', addedFmts);
    else {
      const at = /<styleSheet\b[^>]*>/.exec(xml);
      if (!at) throw new MergeUnsupported('no <styleSheet>');
      const end = at.index + at[0].length;
      xml = `${xml.slice(0, end)}<numFmts count="${addedFmts.length}">${addedFmts.join('')}</numFmts>${xml.slice(end)}`;
    }
  }
  const base = offsets.cellXfs ?? 0;
  return { xml, xf: (i) => i + base };
}

/** Rewrites the `s="N"` of cells and rows and the `style="N"` of columns through `xf`. */
function remapStyleIndexes(sheetXml: string, xf: (i: number) => number): string {
  return sheetXml.replace(/<(c|row|col)\b[^>]*>/g, (tag) =>
    tag
      .replace(/(\s)s="(\d+)"/, (_m, sp: string, n: string) => `${sp}s="${xf(Number(n))}"`)
      .replace(/(\s)style="(\d+)"/, (_m, sp: string, n: string) => `${sp}style="${xf(Number(n))}"`),
  );
}

/** Shared-string cells of a small sheet written as inline strings. */
function inlineStrings(sheetXml: string, shared: readonly string[]): string {
  return sheetXml.replace(
    /<c\b([^>]*?)\bt="s"([^>]*)><v>(\d+)<\/v><\/c>/g,
    (_m, a: string, b: string, i: string) => {
      const si = shared[Number(i)];
      if (si === undefined) throw new MergeUnsupported(`shared string ${i} missing`);
      return `<c${a}t="inlineStr"${b}><is>${si}</is></c>`;
    },
  );
}

/** Rows above which an output sheet is written by the bulk XML writer rather than ExcelJS. */
const BULK_ROWS = 2000;

/**
 * Writes `target` (atomically): the input package `input` with `specs` appended as new sheets.
 * `detailName`: the sheet always written by the bulk XML writer (得分明细).
 */
export async function saveMergedResult(
  input: Buffer,
  specs: readonly SheetSpec[],
  detailName: string,
  target: string,
): Promise<void> {
  const pkg = await JSZip.loadAsync(input);
  const names = new Set(specs.map((s) => s.name));
  const workbookXml = await text(pkg, 'xl/workbook.xml');
  const relsXml = await text(pkg, 'xl/_rels/workbook.xml.rels');
  const ctXml = await text(pkg, '[Content_Types].xml');
  const stylesPath = 'xl/styles.xml';
  const stylesXml = await text(pkg, stylesPath);
  if (
    !/xmlns:r="http:\/\/schemas.openxmlformats.org\/officeDocument\/2006\/relationships"/.test(
      workbookXml,
    )
  )
    throw new MergeUnsupported('workbook.xml without the r: prefix');
  if (/<\w+:workbook\b/.test(workbookXml)) throw new MergeUnsupported('prefixed workbook.xml');
  if (!/<Relationship\b[^>]*Target="(\/xl\/)?styles\.xml"/.test(relsXml))
    throw new MergeUnsupported('styles part not at xl/styles.xml');
  const sheetTags = [...workbookXml.matchAll(/<sheet\b[^>]*\/?>/g)].map((m) => m[0]);
  for (const tag of sheetTags) {
    const name = decodeXml(/\bname="([^"]*)"/.exec(tag)?.[1] ?? '');
    if (names.has(name)) throw new MergeUnsupported(`input already has a sheet ${name}`);
  }
  const sheetsEnd = workbookXml.indexOf('</sheets>');
  if (sheetsEnd < 0) throw new MergeUnsupported('no </sheets>');

  // The output sheets in a small workbook of their own, saved by ExcelJS.
  const small = new ExcelJS.Workbook();
  const bulk: BulkSheet[] = [];
  for (const spec of specs) {
    // 得分明细 and any sheet of a provincial size (排名汇总 at 10,000 towns: 130,000 cells, ~1 s
    // in ExcelJS's writer) go through the XML writer; small sheets through ExcelJS as they are.
    if (spec.name === detailName || spec.rows.length > BULK_ROWS)
      bulk.push(addBulkSheet(small, spec));
    else addSheet(small, spec, { shareStyles: true });
  }
  const zip = { compression: 'DEFLATE', compressionOptions: { level: 1 } };
  const smallPkg = await JSZip.loadAsync(
    await small.xlsx.writeBuffer({ zip } as ExcelJS.XlsxWriteOptions),
  );
  const smallStyles = await text(smallPkg, 'xl/styles.xml');
  if (/dxfId=/.test(smallStyles)) throw new MergeUnsupported('differential formats');
  const sharedXml = (await smallPkg.file('xl/sharedStrings.xml')?.async('string')) ?? '';
  const shared = [...sharedXml.matchAll(/<si>([\s\S]*?)<\/si>/g)].map((m) => m[1] ?? '');
  const merged = mergeStyles(stylesXml, smallStyles);
  const remap = (x: string) => remapStyleIndexes(x, merged.xf);
  const smallWorkbook = await text(smallPkg, 'xl/workbook.xml');

  // New parts, sheet ids and relationship ids past the input's.
  const taken = new Set(Object.keys(pkg.files).map((f) => f.toLowerCase()));
  let sheetId = Math.max(0, ...sheetTags.map((t) => Number(/\bsheetId="(\d+)"/.exec(t)?.[1] ?? 0)));
  let rel = Math.max(0, ...[...relsXml.matchAll(/\bId="rId(\d+)"/g)].map((m) => Number(m[1] ?? 0)));
  let part = 0;
  const newSheets: string[] = [];
  const newRels: string[] = [];
  const newTypes: string[] = [];
  const replaced = new Map<string, Iterable<Buffer>>();
  for (const spec of specs) {
    const from = await sheetPath(smallPkg, spec.name);
    if (smallPkg.file(from.replace(/([^/]+)$/, '_rels/$1.rels')))
      throw new MergeUnsupported(`${spec.name} has relationships`);
    let file: string;
    do file = `xl/worksheets/sheet${++part}.xml`;
    while (taken.has(file.toLowerCase()));
    taken.add(file.toLowerCase());
    const b = bulk.find((x) => x.spec.name === spec.name);
    if (b) replaced.set(file, (await bulkSheetXml(smallPkg, b, remap)).chunks);
    else {
      const xml = await text(smallPkg, from);
      replaced.set(file, [Buffer.from(remap(inlineStrings(xml, shared)), 'utf8')]);
    }
    const smallTag = [...smallWorkbook.matchAll(/<sheet\b[^>]*\/?>/g)]
      .map((m) => m[0])
      .find((t) => decodeXml(/\bname="([^"]*)"/.exec(t)?.[1] ?? '') === spec.name);
    const nameAttr = smallTag ? /\bname="[^"]*"/.exec(smallTag)?.[0] : undefined;
    if (!nameAttr) throw new MergeUnsupported(`sheet ${spec.name} not in the small workbook`);
    sheetId += 1;
    rel += 1;
    newSheets.push(`<sheet ${nameAttr} sheetId="${sheetId}" r:id="rId${rel}"/>`);
    newRels.push(
      `<Relationship Id="rId${rel}" Type="${WORKSHEET_TYPE}" Target="${path.posix.relative('xl', file)}"/>`,
    );
    newTypes.push(`<Override PartName="/${file}" ContentType="${WORKSHEET_CT}"/>`);
  }

  // Defined names of the new sheets (print titles): their localSheetId moves past the input's sheets.
  const smallNames = section(smallWorkbook, 'definedNames');
  const addedNames = (smallNames ? children(smallNames.body, 'definedName') : []).map((d) =>
    d.replace(
      /\blocalSheetId="(\d+)"/,
      (_m, i: string) => `localSheetId="${Number(i) + sheetTags.length}"`,
    ),
  );
  let wbXml = `${workbookXml.slice(0, sheetsEnd)}${newSheets.join('')}${workbookXml.slice(sheetsEnd)}`;
  if (addedNames.length > 0) {
    const names = section(wbXml, 'definedNames');
    if (names)
      wbXml = `${wbXml.slice(0, names.start)}${names.open}${names.body}${addedNames.join('')}</definedNames>${wbXml.slice(names.end)}`;
    else {
      const at = wbXml.indexOf('</sheets>') + '</sheets>'.length;
      wbXml = `${wbXml.slice(0, at)}<definedNames>${addedNames.join('')}</definedNames>${wbXml.slice(at)}`;
    }
  }
  const relsEnd = relsXml.lastIndexOf('</Relationships>');
  const ctEnd = ctXml.lastIndexOf('</Types>');
  if (relsEnd < 0 || ctEnd < 0)
    throw new MergeUnsupported('relationships or content types unreadable');
  replaced.set('xl/workbook.xml', [Buffer.from(wbXml, 'utf8')]);
  replaced.set('xl/_rels/workbook.xml.rels', [
    Buffer.from(`${relsXml.slice(0, relsEnd)}${newRels.join('')}${relsXml.slice(relsEnd)}`, 'utf8'),
  ]);
  replaced.set('[Content_Types].xml', [
    Buffer.from(`${ctXml.slice(0, ctEnd)}${newTypes.join('')}${ctXml.slice(ctEnd)}`, 'utf8'),
  ]);
  replaced.set(stylesPath, [Buffer.from(merged.xml, 'utf8')]);

  await saveAtomically(target, async (tmp) => {
    const entries: ZipEntry[] = [];
    const written = new Set<string>();
    for (const [name, obj] of Object.entries(pkg.files)) {
      if (obj.dir) continue;
      written.add(name);
      entries.push(
        await deflateEntry(name, replaced.get(name) ?? [await obj.async('nodebuffer')], 1),
      );
    }
    for (const [name, chunks] of replaced)
      if (!written.has(name)) entries.push(await deflateEntry(name, chunks, 1));
    await writeZip(tmp, entries);
  });
}
