import { BASE_EXCEL_API, bootOffice, checkRequirements, type OfficeBootLike } from './officeBoot';

function fakeOffice(info: { host: unknown; platform: unknown } | 'never' | Error, sets: Record<string, string> = {}): OfficeBootLike {
  return {
    onReady: () =>
      info === 'never' ? new Promise(() => undefined) : info instanceof Error ? Promise.reject(info) : Promise.resolve(info),
    context: {
      requirements: {
        isSetSupported: (name: string, v?: string) => {
          const have = sets[name];
          if (have === undefined) return false;
          const [a, b] = have.split('.').map(Number);
          const [c, d] = (v ?? '1.1').split('.').map(Number);
          return a! > c! || (a === c && b! >= d!);
        },
      },
    },
  };
}

const modern = { ExcelApi: '1.17', CustomFunctionsRuntime: '1.4' };

describe('bootOffice', () => {
  it('in Excel with every set: no problems, features on', async () => {
    const r = await bootOffice({ office: fakeOffice({ host: 'Excel', platform: 'PC' }, modern) });
    expect(r).toMatchObject({ host: 'excel', platform: 'PC', officeJs: 'ready', problems: [], blocking: false });
    expect(r.features).toEqual({ suspendScreenUpdating: true, pageLayout: true, customFunctions: true });
  });

  it('outside Office (host null): the workbench, no problems', async () => {
    const r = await bootOffice({ office: fakeOffice({ host: null, platform: null }) });
    expect(r).toMatchObject({ host: null, officeJs: 'ready', problems: [], blocking: false });
  });

  it('office.js missing: host null with a bilingual warning, not blocking', async () => {
    const r = await bootOffice({ office: null });
    expect(r.officeJs).toBe('missing');
    expect(r.blocking).toBe(false);
    expect(r.problems[0]).toMatch(/未能加载 Office\.js.* \/ Office\.js did not load/);
  });

  it('onReady never answering turns into a timeout diagnostic, not a hang', async () => {
    const started = Date.now();
    const r = await bootOffice({ office: fakeOffice('never'), timeoutMs: 50 });
    expect(Date.now() - started).toBeLessThan(2000);
    expect(r).toMatchObject({ host: null, officeJs: 'timeout', blocking: true });
    expect(r.details[0]!.code).toBe('office.timeout');
    expect(r.problems[0]).toMatch(/没有就绪.*was not ready/);
  });

  it('onReady rejecting is reported, never thrown', async () => {
    const r = await bootOffice({ office: fakeOffice(new Error('boom')) });
    expect(r).toMatchObject({ officeJs: 'failed', blocking: true });
    expect(r.problems[0]).toMatch(/boom/);
  });

  it('another Office host is refused in both languages', async () => {
    const r = await bootOffice({ office: fakeOffice({ host: 'Word', platform: 'PC' }, modern) });
    expect(r).toMatchObject({ host: null, blocking: true });
    expect(r.problems[0]).toMatch(/只能在 Excel 中使用.*Word.*Excel only/);
  });

  it('Excel 2016 (ExcelApi 1.2, no custom functions): a clear Chinese message and blocking', async () => {
    const r = await bootOffice({ office: fakeOffice({ host: 'Excel', platform: 'PC' }, { ExcelApi: '1.2' }) });
    expect(r.host).toBe('excel');
    expect(r.blocking).toBe(true);
    expect(r.details.map((d) => d.code)).toEqual(['requirement.excel-api', 'requirement.custom-functions']);
    expect(r.problems[0]).toContain(`Excel API ${BASE_EXCEL_API}`);
    expect(r.problems[0]).toMatch(/版本过旧/);
  });

  it('Excel 2019 volume (ExcelApi 1.7, no custom functions): works with a warning; optional speed-ups off', async () => {
    const r = await bootOffice({ office: fakeOffice({ host: 'Excel', platform: 'PC' }, { ExcelApi: '1.7' }) });
    expect(r.blocking).toBe(false);
    expect(r.details.map((d) => [d.code, d.severity])).toEqual([['requirement.custom-functions', 'warning']]);
    expect(r.features).toEqual({ suspendScreenUpdating: false, pageLayout: false, customFunctions: false });
  });
});

describe('checkRequirements', () => {
  it('treats a throwing isSetSupported as unsupported', () => {
    const r = checkRequirements(() => {
      throw new Error('unknown set');
    });
    expect(r.details.map((d) => d.code)).toEqual(['requirement.excel-api', 'requirement.custom-functions']);
  });
  it('boundary: exactly ExcelApi 1.7 passes, 1.6 fails', () => {
    const at = (v: number) => checkRequirements((name, min) => name === 'ExcelApi' && Number(min.split('.')[1]) <= v);
    expect(at(7).details.map((d) => d.code)).not.toContain('requirement.excel-api');
    expect(at(6).details.map((d) => d.code)).toContain('requirement.excel-api');
  });
});
