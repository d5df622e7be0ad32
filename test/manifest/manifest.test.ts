/**
 * Our own manifest lint (Microsoft's validator needs the network) over the template, the
 * committed dev manifest and the built dist/manifest.xml, plus tests that the lint catches
 * what it claims to.
 */
import fs from 'node:fs';
import path from 'node:path';
import lib from '../../scripts/manifestLib';
import { DIST, readDist, ROOT } from '../build/distFiles';

const version = (JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
const PROD = 'https://kaohe.bureau.example/kaohe/';
const prod = () => lib.renderManifest({ baseUrl: PROD, version });

/** Base URL of a generated manifest: where its task pane lives, minus the file name. */
function baseOf(xml: string): string {
  const m = /<SourceLocation DefaultValue="([^"]+)taskpane\.html"/.exec(xml);
  if (!m?.[1]) throw new Error('no task pane URL in the manifest');
  return m[1];
}

describe('generated manifests pass the lint', () => {
  it('production manifest from the template', () => {
    expect(lib.lintManifest(prod(), { production: true })).toEqual([]);
  });

  it('the committed manifest.xml (dev, for sideloading) is a fresh render of the template', () => {
    const committed = fs.readFileSync(path.join(ROOT, 'manifest.xml'), 'utf8');
    expect(committed).toBe(lib.renderManifest({ baseUrl: lib.DEV_URL, version }));
    expect(lib.lintManifest(committed, { production: false })).toEqual([]);
    expect(baseOf(committed)).toBe('https://localhost:3000/');
  });

  it('dist/manifest.xml: HTTPS, not localhost, and every URL names a file in dist/', () => {
    const xml = readDist('manifest.xml');
    expect(lib.lintManifest(xml, { production: true, distDir: DIST, baseUrl: baseOf(xml) })).toEqual([]);
  });

  it('the custom functions Script, Page and MetaData point at built files', () => {
    const xml = readDist('manifest.xml');
    const base = baseOf(xml);
    const urls: [string, string][] = [
      ['Functions.Script.Url', 'functions.js'],
      ['Functions.Page.Url', 'functions.html'],
      ['Functions.Metadata.Url', 'functions.json'],
    ];
    for (const [id, file] of urls) {
      expect(xml).toContain(`<bt:Url id="${id}" DefaultValue="${base}${file}"`);
      expect(fs.existsSync(path.join(DIST, file))).toBe(true);
    }
    expect(xml).toContain(`<bt:Override Locale="zh-CN" Value="${base}functions.zh-cn.json"/>`);
  });
});

describe('the rules the product depends on', () => {
  it('has no <Namespace> by default: users type =SCORE.PARTYLINE(...)', () => {
    const xml = prod();
    expect(xml).not.toMatch(/<Namespace\b/);
    expect(xml).toContain('=SCORE.PARTYLINE(');
  });

  it('the KH fallback adds <Namespace> and its string, and passes the lint', () => {
    const xml = lib.renderManifest({ baseUrl: PROD, version, namespace: lib.FALLBACK_NAMESPACE });
    expect(xml).toMatch(/<MetaData>[\s\S]*<\/MetaData>\s*<Namespace resid="Functions.Namespace"\/>/);
    expect(xml).toContain('<bt:String id="Functions.Namespace" DefaultValue="KH"/>');
    expect(xml).toContain('=KH.SCORE.PARTYLINE(');
    expect(lib.lintManifest(xml, { production: true, namespace: 'KH' })).toEqual([]);
    expect(lib.lintManifest(xml, { production: true })).toContainEqual(expect.stringMatching(/Namespace> must be absent/));
    expect(lib.lintManifest(prod(), { production: true, namespace: 'KH' })).toContainEqual(expect.stringMatching(/Namespace> missing/));
  });

  it('refuses a namespace that is not 1–32 ASCII letters or digits', () => {
    expect(() => lib.renderManifest({ baseUrl: PROD, version, namespace: '考核' })).toThrow(/namespace/);
    expect(() => lib.renderManifest({ baseUrl: PROD, version, namespace: 'A'.repeat(33) })).toThrow(/namespace/);
  });

  it('asks for ReadWriteDocument only, zh-CN default with en-US overrides, a stable Id', () => {
    const xml = prod();
    expect(xml.match(/<Permissions>([^<]*)<\/Permissions>/)?.[1]).toBe('ReadWriteDocument');
    expect(xml).toContain('<DefaultLocale>zh-CN</DefaultLocale>');
    expect(xml).toContain(`<Id>${lib.ADDIN_ID}</Id>`);
    expect(lib.ADDIN_ID).toBe('81947b41-553d-4644-bafe-83eb270595ed');
    expect(xml).toContain(`<Version>${lib.manifestVersion(version)}</Version>`);
  });

  it('declares 16, 32, 64 and 80 px icons that exist as PNGs of that size', () => {
    const xml = prod();
    for (const size of [16, 32, 64, 80]) {
      expect(xml).toContain(`assets/icon-${size}.png`);
      const png = fs.readFileSync(path.join(ROOT, 'assets', `icon-${size}.png`));
      expect(png.subarray(1, 4).toString('ascii')).toBe('PNG');
      expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([size, size]);
    }
  });
});

describe('the lint catches broken manifests', () => {
  const lint = (xml: string) => lib.lintManifest(xml, { production: true });
  it.each([
    ['an unresolved resid', (x: string) => x.replace('resid="Group.Label"', 'resid="Group.Nope"'), /"Group.Nope".*not defined/],
    ['a resid of the wrong kind', (x: string) => x.replace('<Label resid="Group.Label"/>', '<Label resid="Taskpane.Url"/>'), /must be a short resource/],
    ['a plain-http URL', (x: string) => x.replace(`${PROD}functions.js`, 'http://kaohe.bureau.example/kaohe/functions.js'), /not HTTPS/],
    ['a localhost URL', (x: string) => x.replace(`${PROD}taskpane.html"/>\n  </DefaultSettings>`, 'https://localhost:3000/taskpane.html"/>\n  </DefaultSettings>'), /this computer/],
    ['a changed Id', (x: string) => x.replace(lib.ADDIN_ID, '00000000-0000-0000-0000-000000000000'), /Id> changed/],
    ['a wider permission', (x: string) => x.replace('<Permissions>ReadWriteDocument', '<Permissions>ReadAllDocument'), /ReadWriteDocument/],
    ['elements out of order', (x: string) => x.replace(/(<Permissions>[^<]*<\/Permissions>)\s*/, '').replace('<Hosts>\n    <Host Name', '<Permissions>ReadWriteDocument</Permissions>\n  <Hosts>\n    <Host Name'), /out of order/],
    ['a missing required element', (x: string) => x.replace(/<ProviderName>[^<]*<\/ProviderName>/, ''), /missing required element <ProviderName>/],
    ['MetaData before Script', (x: string) => x.replace(/(<Script>[\s\S]*?<\/Script>)(\s*<Page>[\s\S]*?<\/Page>)(\s*<MetaData>[\s\S]*?<\/MetaData>)/, '$3$2$1'), /Script, Page, MetaData/],
    ['an empty namespace string', (x: string) => x.replace('</MetaData>\n', '</MetaData>\n<Namespace resid="Functions.Namespace"/>\n').replace('<bt:ShortStrings>', '<bt:ShortStrings><bt:String id="Functions.Namespace" DefaultValue=""/>'), /empty DefaultValue/],
    ['malformed XML', (x: string) => x.replace('</Hosts>', ''), /malformed XML/],
  ])('%s', (_name, mutate, expected) => {
    const broken = mutate(prod());
    expect(broken).not.toBe(prod());
    expect(lint(broken)).toContainEqual(expect.stringMatching(expected));
  });

  it('a URL naming a file that is not in dist/ is reported', () => {
    const xml = prod().replace(`${PROD}commands.html`, `${PROD}missing.html`);
    expect(lib.lintManifest(xml, { production: true, distDir: DIST, baseUrl: PROD })).toContainEqual(expect.stringMatching(/missing\.html/));
  });
});

describe('renderManifest', () => {
  it('adds the trailing slash and refuses non-URLs', () => {
    expect(baseOf(lib.renderManifest({ baseUrl: 'https://a.example/x', version }))).toBe('https://a.example/x/');
    expect(() => lib.renderManifest({ baseUrl: 'a.example/x', version })).toThrow(/URL/);
    expect(() => lib.renderManifest({ baseUrl: 'ftp://a.example/', version })).toThrow(/https/);
  });
  it('four-part versions', () => {
    expect(lib.manifestVersion('0.1.0')).toBe('0.1.0.0');
    expect(lib.manifestVersion('1.2.3-beta.1')).toBe('1.2.3.1');
  });
  it('leaves no placeholder behind and marks the file as generated', () => {
    const xml = prod();
    expect(xml).not.toMatch(/\{\{|<!--@/);
    expect(xml).toMatch(/^<\?xml[^>]*>\n<!-- GENERATED from manifest.template.xml/);
  });
});
