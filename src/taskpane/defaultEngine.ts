/** The real engine behind the pane: the same `assessWorkbook` and template the CLI uses. */
import { assessWorkbook } from '../engine/assess';
import { lineColumns } from '../engine/report/outputs';
import { ledgerSheetNames } from '../engine/ledger/readLedger';
import { buildTemplateSheets } from '../engine/ledger/template';
import { SHEETS } from '../engine/ledger/types';
import { DEFAULT_SCHEME } from '../engine/scheme/defaultScheme';
import type { PaneEngine } from './paneEngine';

export const defaultEngine: PaneEngine = {
  // Output sheets are never read back as input.
  inputSheets: [SHEETS.scheme, SHEETS.towns, SHEETS.departments, SHEETS.rules, SHEETS.previous],
  sheetsFor: ledgerSheetNames,
  templateSheets: (options) => buildTemplateSheets(DEFAULT_SCHEME, options),
  assess: (workbook, { topN, bottomN, byClass, language }) => {
    const result = assessWorkbook(workbook, {
      ...(topN !== undefined ? { topN } : {}),
      ...(bottomN !== undefined ? { bottomN } : {}),
      ...(byClass !== undefined ? { byClass } : {}),
      lang: language === 'en-US' ? 'en' : 'zh',
      schemeFlagsFirst: true,
    });
    return { ...result, lines: lineColumns(result.ledger.scheme) };
  },
};
