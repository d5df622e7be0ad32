/**
 * The adapter wired to the real Office globals, for the task pane inside Excel. Kept apart from
 * `officeWorkbook.ts` so the adapter itself never reads a global (tests and the benchmark hand it
 * fakes). Passing `Excel.run` and `Excel.RequestContext` here is also the compiler's proof that the
 * real object model satisfies the structural types in `xl.ts`.
 */
import { createOfficeWorkbook } from './officeWorkbook';
import type { WorkbookPort } from './port';
import type { RunBatch, XlRequestContext } from './xl';

export function createOfficeWorkbookFromGlobals(): WorkbookPort {
  const run: RunBatch = (batch) => Excel.run((context: Excel.RequestContext) => batch(context satisfies XlRequestContext));
  return createOfficeWorkbook(run, {
    settings: Office.context.document.settings,
    supports: (set, version) => Office.context.requirements.isSetSupported(set, version),
  });
}
