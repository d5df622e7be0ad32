import type { Finding } from '../ledger/types';
import type { Severity } from '../types';

/** Builds a finding, leaving out `code`/`unit` when absent (so findings compare cleanly in tests). */
export function finding(
  severity: Severity,
  rule: string,
  sheet: string,
  cell: string | null,
  zh: string,
  en: string,
  extra: { code?: string | undefined; unit?: string | undefined } = {},
): Finding {
  return {
    severity,
    rule,
    sheet,
    cell,
    ...(extra.code !== undefined ? { code: extra.code } : {}),
    ...(extra.unit !== undefined ? { unit: extra.unit } : {}),
    zh,
    en,
  };
}

/** `乡镇台账!F5`, or the sheet alone. */
export function where(sheet: string, cell: string | null): string {
  return cell ? `${sheet}!${cell}` : sheet;
}
