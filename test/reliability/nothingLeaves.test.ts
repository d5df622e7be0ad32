/**
 * Issue 7, "nothing leaves the machine" and least privilege, asserted on what ships:
 * - no telemetry / usage-data package or beacon in any built bundle (`dist/*.js`, `dist/*.html`);
 * - the custom-functions bundle makes no network call at all, and names no absolute URL except
 *   Office's own script host;
 * - every absolute URL in the task-pane bundle is a known non-contacted identifier (XML
 *   namespaces, license and error-decoder links of bundled libraries) or Office's script host;
 * - `taskpane.html` carries a Content-Security-Policy that allows only 'self' and Office's script;
 * - the manifests ask for ReadWriteDocument and nothing more, and add no AppDomains.
 *
 * The test command builds before jest; without `dist/` these tests FAIL (never skip), because a
 * skipped security test is one nobody notices.
 */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');
const DIST = join(ROOT, 'dist');

/** Where Office's own script (office.js) may come from: Microsoft's CDN or the China-operated cloud's. */
const OFFICE_SCRIPT_HOSTS = [
  'appsforoffice.microsoft.com',
  'appsforoffice.officeapps.live.com',
  'res-1.cdn.office.net',
  'res.cdn.office.net',
  'appsforoffice.partner.office365.cn',
  'appsforoffice.cdn.partner.office365.cn',
];

/**
 * Hosts that appear in bundled libraries as identifiers, never as request targets: XML and
 * OOXML namespaces (ExcelJS, SVG), and links in license comments and error messages.
 */
const IDENTIFIER_HOSTS = [
  'www.w3.org',
  'w3.org',
  'schemas.openxmlformats.org',
  'schemas.microsoft.com',
  'purl.org',
  'ns.adobe.com',
  'reactjs.org',
  'react.dev',
  'fb.me',
  'github.com',
  'mathiasbynens.be',
  'developer.mozilla.org',
  'aka.ms',
  'learn.microsoft.com',
  'docs.microsoft.com',
  'opensource.org',
  'www.apache.org',
  'feross.org',
  'stuk.github.io',
  'tc39.es',
  'html.spec.whatwg.org',
  'jsperf.com',
  'bugs.webkit.org',
  'bugzilla.mozilla.org',
  'nodejs.org',
  'mths.be',
  'stackoverflow.com',
  'code.google.com',
  'bugs.chromium.org',
  'crbug.com',
  'goo.gl',
  'npms.io',
  'jsbin.com',
  'localhost',
  'example.com',
  'x',
];

/** Telemetry / usage-data packages and calls: none may appear in anything we ship. */
const TELEMETRY = [
  /applicationinsights/i,
  /@microsoft\/1ds/i,
  /\boneDS\b|1ds-core|aria-webjs/i,
  /google-analytics|googletagmanager|\bgtag\(/i,
  /\bsentry\b|@sentry\//i,
  /\bmixpanel\b/i,
  /segment\.(io|com)|cdn\.segment|\banalytics\.js\b/i,
  /\bamplitude\b/i,
  /\b(?:hotjar|fullstory|logrocket|datadog|newrelic|bugsnag|posthog|plausible|matomo|piwik|rollbar)\b|clarity\.ms|heap\.io/i,
  /navigator\.sendBeacon|\.sendBeacon\(/,
];

function distFiles(exts: readonly string[]): string[] {
  if (!existsSync(DIST))
    throw new Error(
      'dist/ is missing: run `npm run build` first (scripts/test.sh builds before jest) / 缺少 dist/，请先运行 npm run build',
    );
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (exts.some((e) => name.endsWith(e))) out.push(p);
    }
  };
  walk(DIST);
  return out;
}

function read(p: string): string {
  return readFileSync(p, 'utf8');
}

/** Hosts of absolute http(s)/ws(s) URLs in a text. */
function absoluteHosts(text: string): string[] {
  const hosts = new Set<string>();
  for (const m of text.matchAll(/\b(?:https?|wss?):\/\/([A-Za-z0-9.-]+|\[[0-9a-fA-F:]+\])/g))
    hosts.add((m[1] ?? '').toLowerCase());
  return [...hosts];
}

const allowed = (host: string, list: readonly string[]) =>
  list.some((h) => host === h || host.endsWith(`.${h}`));

describe('nothing leaves the machine: built bundles', () => {
  it('dist/ holds the bundles this test is about', () => {
    const names = distFiles(['.js', '.html']).map((p) => p.slice(DIST.length + 1));
    expect(names).toEqual(expect.arrayContaining(['functions.js', 'taskpane.html']));
  });

  it('no telemetry or usage-data package or beacon in any bundle', () => {
    const hits: string[] = [];
    for (const file of distFiles(['.js', '.html', '.json'])) {
      const text = read(file);
      for (const re of TELEMETRY) {
        const m = re.exec(text);
        if (m)
          hits.push(
            `${file.slice(DIST.length + 1)}: ${m[0]} … ${text.slice(Math.max(0, m.index - 60), m.index + 60).replace(/\s+/g, ' ')}`,
          );
      }
    }
    expect(hits).toEqual([]);
  });

  it('the functions bundle makes no network call and names no host but Office’s script CDN', () => {
    const text = read(join(DIST, 'functions.js'));
    for (const api of [
      'XMLHttpRequest',
      'WebSocket',
      'EventSource',
      'sendBeacon',
      'importScripts',
      'RTCPeerConnection',
    ])
      expect(text).not.toContain(api);
    expect(text).not.toMatch(/\bfetch\s*\(/);
    const hosts = absoluteHosts(text).filter(
      (h) =>
        !allowed(h, OFFICE_SCRIPT_HOSTS) &&
        !allowed(h, [
          'www.w3.org',
          'w3.org',
          'reactjs.org',
          'react.dev',
          'github.com',
          'opensource.org',
        ]),
    );
    expect(hosts).toEqual([]);
  });

  it('every absolute URL in the pane and workbench bundles is an identifier or Office’s script host', () => {
    const unknown: string[] = [];
    for (const file of distFiles(['.js', '.html'])) {
      for (const host of absoluteHosts(read(file))) {
        if (!allowed(host, OFFICE_SCRIPT_HOSTS) && !allowed(host, IDENTIFIER_HOSTS))
          unknown.push(`${file.slice(DIST.length + 1)}: ${host}`);
      }
    }
    expect(unknown).toEqual([]);
  });

  it('no fetch/XMLHttpRequest/WebSocket call to a literal absolute URL in any bundle', () => {
    const calls: string[] = [];
    const re =
      /\b(?:fetch|open|WebSocket|EventSource|sendBeacon)\s*\(\s*(?:"[A-Z]+"\s*,\s*)?["'`](?:https?|wss?):\/\/[^"'`]*/g;
    for (const file of distFiles(['.js', '.html']))
      for (const m of read(file).matchAll(re))
        calls.push(`${file.slice(DIST.length + 1)}: ${m[0]}`);
    expect(calls).toEqual([]);
  });
});

describe('Content-Security-Policy of the task pane', () => {
  const cspOf = (html: string): string | null => {
    // Minified HTML may leave attribute values unquoted (http-equiv=Content-Security-Policy).
    const meta = /<meta\b[^>]*http-equiv\s*=\s*["']?Content-Security-Policy["']?[\s>][^>]*>?/i.exec(
      html,
    )?.[0];
    if (!meta) return null;
    return (
      /content\s*=\s*"([^"]*)"/i.exec(meta)?.[1] ??
      /content\s*=\s*'([^']*)'/i.exec(meta)?.[1] ??
      null
    );
  };
  const directives = (csp: string): Map<string, string[]> =>
    new Map(
      csp
        .split(';')
        .map((d) => d.trim().split(/\s+/))
        .filter((p) => p[0])
        .map((p) => [p[0]!.toLowerCase(), p.slice(1)]),
    );

  /**
   * 'self' and 'none' anywhere; Office's script host in script-src and connect-src only (office.js
   * loads its own parts from there); data:/blob: for images,
   * fonts and workers only; 'unsafe-inline' for styles only (Fluent UI injects its CSS at run time).
   */
  const cspSourceAllowed = (directive: string, source: string): boolean => {
    if (source === "'self'" || source === "'none'") return true;
    if (source.startsWith('https://'))
      return (
        (directive.startsWith('script-src') || directive === 'connect-src') &&
        allowed(
          source
            .slice(8)
            .replace(/[/:].*$/, '')
            .toLowerCase(),
          OFFICE_SCRIPT_HOSTS,
        )
      );
    if (source === 'data:' || source === 'blob:')
      return ['img-src', 'font-src', 'worker-src', 'media-src'].includes(directive);
    if (source === "'unsafe-inline'") return directive.startsWith('style-src');
    return false;
  };

  it('taskpane.html has a CSP meta allowing only self and Office’s script origin', () => {
    distFiles(['.html']);
    const csp = cspOf(read(join(DIST, 'taskpane.html')));
    expect(csp).not.toBeNull();
    const d = directives(csp!);
    // Without default-src every unlisted fetch directive is open; without connect-src limits, data can leave.
    expect(d.get('default-src')).toEqual(["'self'"]);
    for (const [name, sources] of d) {
      for (const s of sources)
        expect({ directive: name, source: s, ok: cspSourceAllowed(name, s) }).toEqual({
          directive: name,
          source: s,
          ok: true,
        });
    }
    expect(d.get('connect-src') ?? d.get('default-src')).toEqual(
      expect.not.arrayContaining([expect.stringMatching(/^http:|\*/)]),
    );
    expect(d.get('script-src') ?? []).toEqual(expect.arrayContaining(["'self'"]));
    expect(d.has('object-src') ? d.get('object-src') : d.get('default-src')).not.toContain('*');
  });

  it('no page in dist/ loads a script or stylesheet from anywhere but itself and Office', () => {
    const bad: string[] = [];
    for (const file of distFiles(['.html'])) {
      for (const m of read(file).matchAll(
        /<(?:script|link)\b[^>]*(?:src|href)\s*=\s*["']([^"']+)["']/gi,
      )) {
        const url = m[1] ?? '';
        if (/^(?:https?:)?\/\//i.test(url)) {
          const host = url
            .replace(/^(?:https?:)?\/\//i, '')
            .replace(/[/:].*$/, '')
            .toLowerCase();
          if (!allowed(host, OFFICE_SCRIPT_HOSTS))
            bad.push(`${file.slice(DIST.length + 1)}: ${url}`);
        }
      }
    }
    expect(bad).toEqual([]);
  });
});

describe('least privilege: the manifest', () => {
  const manifests = (): string[] => {
    const list = [join(ROOT, 'manifest.template.xml'), join(ROOT, 'manifest.xml')].filter(
      existsSync,
    );
    distFiles(['.xml']);
    list.push(join(DIST, 'manifest.xml'));
    return list;
  };

  it.each(['manifest.template.xml', 'manifest.xml', 'dist/manifest.xml'])(
    '%s asks for ReadWriteDocument and nothing else',
    (name) => {
      if (name.startsWith('dist/')) distFiles(['.xml']);
      const xml = read(join(ROOT, name)).replace(/<!--[\s\S]*?-->/g, '');
      const perms = [...xml.matchAll(/<Permissions>\s*([^<]*?)\s*<\/Permissions>/g)].map(
        (m) => m[1],
      );
      expect(perms).toEqual(['ReadWriteDocument']);
      expect(xml).not.toMatch(
        /ReadWriteMailbox|ReadWriteItem|ReadWriteDocument[^<]|<Permissions>\s*(?:Restricted|ReadDocument|ReadAllDocument|WriteDocument)\b/,
      );
    },
  );

  it('no manifest adds AppDomains (the pane navigates nowhere else) and every URL is on one origin', () => {
    for (const file of manifests()) {
      const xml = read(file).replace(/<!--[\s\S]*?-->/g, '');
      expect(xml).not.toMatch(/<AppDomain>/);
      const urls = [
        ...xml.matchAll(
          /(?:DefaultValue|Value)\s*=\s*"((?:https?:)?\/\/[^"]+|\{\{BASE_URL\}\}[^"]*)"/g,
        ),
      ].map((m) => m[1] ?? '');
      expect(urls.length).toBeGreaterThan(5);
      const origins = new Set(
        urls.map((u) => (u.startsWith('{{') ? '{{BASE_URL}}' : new URL(u).origin)),
      );
      expect([...origins]).toHaveLength(1);
    }
  });
});
