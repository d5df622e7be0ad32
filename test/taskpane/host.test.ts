import { detectHost } from '../../src/taskpane/host';

describe('detectHost', () => {
  it('is the browser without office.js, or when Office reports no host', async () => {
    expect(await detectHost(undefined, 10)).toEqual({ kind: 'browser' });
    expect(await detectHost({ onReady: async () => ({ host: null, platform: null }) }, 1000)).toEqual({ kind: 'browser' });
  });
  it('is Excel when Office says so, another host otherwise', async () => {
    expect(await detectHost({ onReady: async () => ({ host: 'Excel', platform: 'PC' }) }, 1000)).toEqual({ kind: 'excel' });
    expect(await detectHost({ onReady: async () => ({ host: 'Word', platform: 'PC' }) }, 1000)).toEqual({ kind: 'other', host: 'Word' });
  });
  it('times out when onReady never resolves (office.js blocked)', async () => {
    expect(await detectHost({ onReady: () => new Promise(() => undefined) }, 20)).toEqual({ kind: 'timeout' });
  });
});
