/** @jest-environment jsdom */
import {
  loadScript,
  officeHostSignals,
  openedByOffice,
  type PageEnv,
} from '../../src/taskpane/boot/officeHost';

const store = (items: Record<string, string>) => ({ getItem: (k: string) => items[k] ?? null });

describe('openedByOffice: the signals office.js itself reads', () => {
  it.each<[string, PageEnv, string]>([
    [
      'Excel on the web',
      { search: '?_host_Info=Excel$Web$16.00$zh-CN$telemetry$isDialog$$0' },
      'query:_host_Info',
    ],
    [
      'Excel on Windows',
      { search: '?et=&_host_Info=Excel$Win32$16.01$zh-CN$$$$0' },
      'query:_host_Info',
    ],
    [
      'host info in the hash',
      { hash: '#_host_Info=Excel$Mac$16.01$en-US$$$$0' },
      'hash:_host_Info',
    ],
    [
      'a desktop webview',
      { external: { GetHostInfo: () => 'Excel$Win32$16.01$zh-CN' } },
      'external.GetHostInfo',
    ],
    ['agaveHost', { agaveHost: { GetHostInfo: () => '' } }, 'agaveHost.GetHostInfo'],
    [
      'window.name from the host',
      { name: JSON.stringify({ hostInfo: 'Excel|Web|16.00' }) },
      'window.name:hostInfo',
    ],
    [
      'reloaded inside Office',
      { session: store({ hostInfoValue: 'Excel$Web$16.00' }) },
      'session:hostInfoValue',
    ],
    ['Office 2013 on the web', { hash: '#x&_xdm_Info=abc' }, 'hash:_xdm_Info'],
    [
      'Office 2013 reloaded',
      { name: 'a;_xdm_123', session: store({ _xdm_123: 'v' }) },
      'window.name:_xdm_',
    ],
    ['Office 2013 desktop', { external: { GetContext: () => ({}) } }, 'external.GetContext'],
  ])('%s', (_name, env, signal) => {
    expect(officeHostSignals(env)).toEqual([signal]);
    expect(openedByOffice(env)).toBe(true);
  });

  it('a plain browser shows none (its own window.external, name and storage included)', () => {
    const env: PageEnv = {
      search: '?file=ledger.xlsx&host_Info=no',
      hash: '#_host_Info=',
      name: 'kaohe',
      session: store({ other: 'x' }),
      external: { AddSearchProvider: () => undefined, IsSearchProviderInstalled: () => 0 },
    };
    expect(officeHostSignals(env)).toEqual([]);
    expect(openedByOffice({})).toBe(false);
  });

  it('storage that throws is no signal and no crash', () => {
    const session = {
      getItem: () => {
        throw new Error('SecurityError');
      },
    };
    expect(openedByOffice({ session, name: '_xdm_1' })).toBe(false);
  });
});

describe('loadScript', () => {
  afterEach(() => document.head.querySelectorAll('script').forEach((s) => s.remove()));

  it('adds the script to the head and answers loaded / failed', async () => {
    const loaded = loadScript(document, 'https://cdn.example/office.js', 10_000);
    const script = document.head.querySelector('script')!;
    expect(script.src).toBe('https://cdn.example/office.js');
    script.dispatchEvent(new Event('load'));
    expect(await loaded).toBe('loaded');
    const failed = loadScript(document, 'office-js/office.js', 10_000);
    document.head.querySelectorAll('script')[1]!.dispatchEvent(new Event('error'));
    expect(await failed).toBe('failed');
  });

  it('never hangs: a request nobody answers ends as timeout', async () => {
    expect(await loadScript(document, 'https://blocked.example/office.js', 20)).toBe('timeout');
  });
});
