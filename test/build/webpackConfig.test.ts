/**
 * The build settings (office.js source, CSP, entries) and the pages the production build wrote.
 */
import fs from 'node:fs';
import path from 'node:path';
import { DIST, readDist, ROOT } from './distFiles';

interface OfficeJs {
  setting: string;
  officeJs: string;
  cfRuntime: string;
  origin: string | null;
}
interface WebpackConfigModule {
  (env: Record<string, unknown>, argv: Record<string, unknown>): {
    entry: Record<string, string>;
    output: { globalObject: string; path: string };
    devServer: { port: number; host: string };
    plugins: { constructor: { name: string }; patterns?: { from: string; to: string }[] }[];
  };
  resolveOfficeJs(setting: string): OfficeJs;
  contentSecurityPolicy(origin: string | null): string;
}
// eslint-disable-next-line @typescript-eslint/no-require-imports
const config = require(path.join(ROOT, 'webpack.config.js')) as WebpackConfigModule;

const CDN = 'https://appsforoffice.microsoft.com/lib/1/hosted/office.js';
const CHINA = 'https://appsforoffice.cdn.partner.office365.cn/appsforoffice/lib/1/hosted/office.js';

/** The directives of a CSP, by name. */
function directives(csp: string): Map<string, string[]> {
  return new Map(csp.split(';').map((d) => d.trim().split(/\s+/)).map(([k, ...v]) => [k!, v]));
}

function cspOf(html: string): string {
  const m = /http-equiv="?Content-Security-Policy"? content="([^"]+)"/.exec(html);
  if (!m?.[1]) throw new Error('no CSP meta tag');
  return m[1];
}

function metaOf(html: string, name: string): string {
  const m = new RegExp(`<meta name="?${name}"? content(?:="([^"]*)"|=([^\\s>"]*))?[\\s>/]`).exec(html);
  if (!m) throw new Error(`no meta ${name}`);
  return m[1] ?? m[2] ?? '';
}

function scriptSrcs(html: string): string[] {
  return [...html.matchAll(/<script[^>]*\ssrc="?([^"\s>]+)"?/g)].map((m) => m[1]!);
}

describe('office.js setting', () => {
  it('cdn (default), china and a mirror URL; the CF runtime comes from the same place', () => {
    expect(config.resolveOfficeJs('cdn')).toMatchObject({ officeJs: CDN, origin: 'https://appsforoffice.microsoft.com' });
    expect(config.resolveOfficeJs('cdn').cfRuntime).toBe('https://appsforoffice.microsoft.com/lib/1/hosted/custom-functions-runtime.js');
    expect(config.resolveOfficeJs('china')).toMatchObject({ officeJs: CHINA, origin: 'https://appsforoffice.cdn.partner.office365.cn' });
    expect(config.resolveOfficeJs('https://mirror.bureau.example/office/office.js')).toMatchObject({
      setting: 'url',
      origin: 'https://mirror.bureau.example',
      cfRuntime: 'https://mirror.bureau.example/office/custom-functions-runtime.js',
    });
  });
  it('local: pages load the copy served beside them', () => {
    expect(config.resolveOfficeJs('local')).toEqual({
      setting: 'local',
      officeJs: 'office-js/office.js',
      cfRuntime: 'office-js/custom-functions-runtime.js',
      origin: null,
    });
  });
  it('refuses plain http (except localhost) and URLs that are not office.js', () => {
    expect(() => config.resolveOfficeJs('http://mirror.example/office.js')).toThrow(/https/);
    expect(() => config.resolveOfficeJs('https://mirror.example/other.js')).toThrow(/office\.js/);
    expect(() => config.resolveOfficeJs('nonsense')).toThrow(/cdn、china、local/);
    expect(config.resolveOfficeJs('http://localhost:8080/office.js').origin).toBe('http://localhost:8080');
  });
  it('local copies the office.js that the @microsoft/office-js package really ships', () => {
    const c = config({ officeJs: 'local', url: 'https://kaohe.bureau.example/' }, { mode: 'production' });
    const copy = c.plugins.find((p) => p.constructor.name === 'CopyPlugin');
    const from = copy?.patterns?.find((p) => p.to === 'office-js')?.from;
    expect(from).toBeDefined();
    expect(fs.existsSync(path.join(from!, 'office.js'))).toBe(true);
    expect(fs.existsSync(path.join(from!, 'custom-functions-runtime.js'))).toBe(true);
  });
});

describe('CSP', () => {
  it('allows only our own origin plus the office.js origin', () => {
    const d = directives(config.contentSecurityPolicy('https://appsforoffice.microsoft.com'));
    expect(d.get('default-src')).toEqual(["'self'"]);
    expect(d.get('script-src')).toEqual(["'self'", 'https://appsforoffice.microsoft.com']);
    expect(d.get('connect-src')).toEqual(["'self'", 'https://appsforoffice.microsoft.com']);
    expect(d.get('object-src')).toEqual(["'none'"]);
    expect(directives(config.contentSecurityPolicy(null)).get('script-src')).toEqual(["'self'"]);
    for (const [, sources] of d) for (const s of sources) expect(s).not.toMatch(/^\*$|unsafe-eval/);
  });
});

describe('webpack config', () => {
  it('has the three entries, a global object that exists without window, port 3000', () => {
    const c = config({ url: 'https://kaohe.bureau.example/' }, { mode: 'production' });
    expect(c.entry).toEqual({
      taskpane: './src/taskpane/index.tsx',
      functions: './src/functions/functions.ts',
      commands: './src/commands/commands.ts',
    });
    expect(c.output.globalObject).toBe('globalThis');
    expect(c.devServer).toMatchObject({ port: 3000, host: 'localhost' });
  });
  it('the dev server uses the local office.js', () => {
    const c = config({ WEBPACK_SERVE: true }, { mode: 'development' });
    expect(c.plugins.find((p) => p.constructor.name === 'CopyPlugin')?.patterns?.some((p) => p.to === 'office-js')).toBe(true);
  });
});

describe('dist/ pages of the production build', () => {
  it('has every file the manifest and Office need', () => {
    for (const f of ['taskpane.html', 'workbench.html', 'taskpane.js', 'functions.js', 'functions.json', 'functions.zh-cn.json', 'functions.en-us.json', 'functions.html', 'commands.html', 'commands.js', 'manifest.xml', 'assets/icon-16.png', 'assets/icon-32.png', 'assets/icon-64.png', 'assets/icon-80.png']) {
      expect(fs.existsSync(path.join(DIST, f))).toBe(true);
    }
  });

  it('commands.html loads office.js first, then commands.js, and its CSP allows exactly those origins', () => {
    const html = readDist('commands.html');
    const srcs = scriptSrcs(html);
    expect(srcs[srcs.length - 1]).toBe('commands.js');
    const office = srcs[0]!;
    expect(office === 'office-js/office.js' || office.endsWith('/office.js')).toBe(true);
    const allowed = directives(cspOf(html)).get('script-src')!;
    for (const src of srcs) {
      if (/^https?:/.test(src)) expect(allowed).toContain(new URL(src).origin);
    }
    expect(allowed.filter((s) => s !== "'self'")).toHaveLength(/^https?:/.test(office) ? 1 : 0);
  });

  it('taskpane.html has no office.js tag (so a plain browser never fetches it): the bundle loads it from its meta URL, which the CSP allows', () => {
    const html = readDist('taskpane.html');
    expect(scriptSrcs(html)).toEqual(['taskpane.js']);
    expect(metaOf(html, 'kaohe-page')).toBe('office');
    const office = metaOf(html, 'kaohe-office-js-url');
    expect(office === 'office-js/office.js' || office.endsWith('/office.js')).toBe(true);
    const allowed = directives(cspOf(html)).get('script-src')!;
    if (/^https?:/.test(office)) expect(allowed).toEqual(["'self'", new URL(office).origin]);
    else expect(allowed).toEqual(["'self'"]);
  });

  it('workbench.html: the same bundle, never office.js, and a CSP that allows this site only', () => {
    const html = readDist('workbench.html');
    expect(scriptSrcs(html)).toEqual(['taskpane.js']);
    expect(metaOf(html, 'kaohe-page')).toBe('workbench');
    expect(metaOf(html, 'kaohe-office-js-url')).toBe('');
    expect(html).not.toMatch(/office\.js/);
    const csp = directives(cspOf(html));
    expect(csp.get('script-src')).toEqual(["'self'"]);
    expect(csp.get('connect-src')).toEqual(["'self'"]);
  });

  it('taskpane.html has the pane container and a static notice for when scripts never run', () => {
    const html = readDist('taskpane.html');
    expect(html).toMatch(/id="?container"?/);
    expect(html).toMatch(/正在加载/);
    expect(html).toMatch(/Excel 版本可能过旧/);
  });

  it('functions.html loads the custom functions runtime and functions.js', () => {
    const srcs = scriptSrcs(readDist('functions.html'));
    expect(srcs[0]).toMatch(/custom-functions-runtime\.js$/);
    expect(srcs).toContain('functions.js');
  });
});
