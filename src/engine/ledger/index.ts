/** The ledger format: template and readers, sheets into engine input (pure). Result sheets: `../report`; the pipeline: `../assess`. */
export * from './types';
export * from './cells';
export * from './columns';
export { findHeaderRow, findUnitHeaderRow, hasUnitHeader, HEADER_SEARCH_ROWS } from './header';
export { PALETTE, CELL_STYLES } from './palette';
export type { StyleLook } from './palette';
export {
  schemeRows,
  SCHEME_HEADERS,
  SCHEME_HEADERS_EN,
  SCHEME_KINDS,
  SCHEME_KINDS_EN,
} from './schemeSheet';
export { buildTemplateSheets } from './template';
export type { TemplateOptions } from './template';
export { readScheme } from './readScheme';
export type { SchemeReadResult } from './readScheme';
export { ledgerSheetNames, readLedger } from './readLedger';
export type { ReadLedgerOptions } from './readLedger';
export { recogniseWorkbookFile } from './fileKind';
export type { FileKind, FileVerdict } from './fileKind';
