/**
 * The adapter against Microsoft's office-addin-mock, for the calls it can model (no collections):
 * selecting a cell, and the document settings. Everything with collections runs on our own fake.
 */
import { OfficeMockObject } from 'office-addin-mock';

// office-addin-mock needs only the OfficeApp enum from office-addin-manifest, whose dependency tree
// has ESM-only packages jest (on Node 20) cannot require; this stands in for that enum.
jest.mock('office-addin-manifest', () => ({
  OfficeApp: { Excel: 'excel', OneNote: 'onenote', Outlook: 'outlook', PowerPoint: 'powerpoint', Project: 'project', Word: 'word' },
}));
import { createOfficeWorkbook, SETTINGS_KEY } from '../../src/excel/officeWorkbook';
import type { DocumentSettings, RunBatch, XlRequestContext } from '../../src/excel/xl';

describe('office-addin-mock', () => {
  it('selectCell activates the sheet, selects the address and syncs once', async () => {
    const calls: string[] = [];
    const seed = {
      context: {
        workbook: {
          worksheets: {
            getItem(name: string) {
              calls.push(`getItem ${name}`);
              return {
                activate: () => calls.push('activate'),
                getRange: (address: string) => {
                  calls.push(`getRange ${address}`);
                  return { select: () => calls.push('select') };
                },
              };
            },
          },
        },
      },
      run: async function (this: { context: XlRequestContext }, cb: (ctx: XlRequestContext) => Promise<unknown>) {
        return cb(this.context);
      },
    };
    const excel = new OfficeMockObject(seed) as unknown as { run: RunBatch; context: { sync: () => Promise<void> } };
    const sync = jest.spyOn(excel.context, 'sync');
    const port = createOfficeWorkbook((batch) => excel.run(batch), { settings: null as unknown as DocumentSettings, supports: () => true });
    await port.selectCell({ sheet: '乡镇台账', address: 'C5' });
    expect(calls).toEqual(['getItem 乡镇台账', 'activate', 'getRange C5', 'select']);
    expect(sync).toHaveBeenCalledTimes(1);
  });

  it('settings are saved into and loaded from Office.context.document.settings', async () => {
    const store: Record<string, unknown> = {};
    let saves = 0;
    const office = new OfficeMockObject({
      context: {
        document: {
          settings: {
            get: (name: string) => store[name] ?? null,
            set: (name: string, value: unknown) => void (store[name] = value),
            saveAsync: (cb?: (r: { status: string }) => void) => {
              saves++;
              cb?.({ status: 'succeeded' });
            },
          },
        },
      },
    }) as unknown as { context: { document: { settings: DocumentSettings } } };
    const port = createOfficeWorkbook(async () => Promise.reject(new Error('no workbook access expected')), { settings: office.context.document.settings, supports: () => true });
    const mine = { topN: 4, bottomN: 2, byClass: true, language: 'zh-CN' as const };
    await port.saveSettings(mine);
    expect(saves).toBe(1);
    expect(store[SETTINGS_KEY]).toEqual(mine);
    expect(await port.loadSettings()).toEqual(mine);
  });
});
