import { SheetExistsError } from '../excel/port';
import { isKaoheError } from '../engine/errors';
import { translate, type Language } from '../i18n/messages';

/**
 * Turns anything thrown into a message in the user's language. Engine errors carry their own
 * Chinese and English text; anything else is shown with its own message, never dropped.
 */
export function describeError(language: Language, error: unknown): string {
  if (isKaoheError(error)) return language === 'en-US' ? error.en : error.zh;
  if (error instanceof SheetExistsError) {
    return translate(language, 'confirmForeign', { sheets: error.sheets.join('、') });
  }
  const bilingual = bilingualOf(error);
  if (bilingual) return language === 'en-US' ? bilingual.en : bilingual.zh;
  const message = error instanceof Error ? error.message : String(error);
  return translate(language, 'errorUnknown', { message });
}

/** Errors from the adapters may carry `{zh, en}` without being KaoheErrors. */
function bilingualOf(error: unknown): { zh: string; en: string } | null {
  if (typeof error !== 'object' || error === null) return null;
  const { zh, en } = error as { zh?: unknown; en?: unknown };
  return typeof zh === 'string' && typeof en === 'string' ? { zh, en } : null;
}
