import type { Root } from 'react-dom/client';
import type { PaneEngine } from '../taskpane/paneEngine';
import { Workbench } from './Workbench';

/**
 * Loads ExcelJS (its own chunk, fetched from the same origin only when the workbench runs) and
 * renders the workbench.
 */
export async function startWorkbench(root: Root, engine: PaneEngine): Promise<void> {
  const loaded = await import(/* webpackChunkName: "exceljs" */ 'exceljs');
  // The browser build is a UMD bundle: webpack exposes it as the default export.
  const excel = (loaded as unknown as { default?: typeof loaded }).default ?? loaded;
  root.render(<Workbench excel={excel} engine={engine} />);
}
