// Manifest generation and our own manifest lint (Microsoft's validator needs the network).
// CommonJS so that webpack.config.js, scripts/manifest.mjs and the jest tests share one copy.
// Types: scripts/manifestLib.d.ts.
'use strict';

const fs = require('node:fs');
const path = require('node:path');

/** The add-in's Id. Stable forever: Office treats a new Id as a different add-in. */
const ADDIN_ID = '81947b41-553d-4644-bafe-83eb270595ed';
const TEMPLATE_PATH = path.join(__dirname, '..', 'manifest.template.xml');
const DEV_URL = 'https://localhost:3000/';
/** Single-namespace fallback (`=KH.SCORE.PARTYLINE`), switched on with `--namespace KH`. */
const FALLBACK_NAMESPACE = 'KH';

/** Top-level children of a TaskPaneApp in the order Office requires (manifest-element-ordering). */
const TOP_LEVEL_ORDER = [
  'Id', 'AlternateId', 'Version', 'ProviderName', 'DefaultLocale', 'DisplayName', 'Description',
  'IconUrl', 'HighResolutionIconUrl', 'SupportUrl', 'AppDomains', 'Hosts', 'Requirements',
  'DefaultSettings', 'Permissions', 'Rule', 'DisableEntityHighlighting', 'Dictionary',
  'VersionOverrides', 'ExtendedOverrides',
];
const REQUIRED_TOP_LEVEL = [
  'Id', 'Version', 'ProviderName', 'DefaultLocale', 'DisplayName', 'Description', 'IconUrl',
  'HighResolutionIconUrl', 'Hosts', 'DefaultSettings', 'Permissions', 'VersionOverrides',
];
const CF_ORDER = ['Script', 'Page', 'MetaData', 'Namespace'];

/** Turns `1.2.3` into the four-part manifest version `1.2.3.0`. */
function manifestVersion(pkgVersion) {
  const parts = String(pkgVersion).split(/[.+-]/).filter((p) => /^\d+$/.test(p)).slice(0, 4);
  while (parts.length < 4) parts.push('0');
  return parts.join('.');
}

function normaliseBaseUrl(url) {
  let u;
  try {
    u = new URL(url);
  } catch {
    throw new Error(`不是有效的网址 / not a valid URL: ${url}`);
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') {
    throw new Error(`网址必须以 https:// 开头 / the URL must start with https://: ${url}`);
  }
  if (u.search || u.hash) throw new Error(`网址不能带 ? 或 # / the URL may not have a query or fragment: ${url}`);
  return u.href.endsWith('/') ? u.href : `${u.href}/`;
}

function escapeXmlAttr(s) {
  return s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * Renders the manifest template.
 * @param {{ baseUrl: string, version: string, namespace?: string | null, template?: string }} options
 */
function renderManifest(options) {
  const template = options.template ?? fs.readFileSync(TEMPLATE_PATH, 'utf8');
  const base = normaliseBaseUrl(options.baseUrl);
  const ns = options.namespace ? String(options.namespace) : null;
  if (ns !== null && !/^[A-Za-z][A-Za-z0-9_]{0,31}$/.test(ns)) {
    throw new Error(`命名空间必须是 1–32 个 ASCII 字母或数字 / the namespace must be 1–32 ASCII letters or digits: ${ns}`);
  }
  const header =
    `<!-- GENERATED from manifest.template.xml by scripts/manifest.mjs; do not edit. ` +
    `base=${base}${ns ? ` namespace=${ns}` : ''} -->`;
  let xml = template.replace(/<!--(?!@)[\s\S]*?-->\s*<OfficeApp/, `${header}\n<OfficeApp`);
  xml = xml
    .split('{{BASE_URL}}').join(escapeXmlAttr(base))
    .split('{{VERSION}}').join(manifestVersion(options.version))
    .split('{{FN_PREFIX}}').join(ns ? `${ns}.` : '');
  xml = xml.replace(
    /[ \t]*<!--@NAMESPACE@-->\r?\n/,
    ns ? '            <Namespace resid="Functions.Namespace"/>\n' : '',
  );
  xml = xml.replace(
    /[ \t]*<!--@NAMESPACE_STRING@-->\r?\n/,
    ns ? `        <bt:String id="Functions.Namespace" DefaultValue="${ns}"/>\n` : '',
  );
  if (/\{\{[A-Z_]+\}\}|<!--@/.test(xml)) throw new Error('manifest template has an unknown placeholder');
  return xml;
}

// ---------------------------------------------------------------------------------------------
// A small strict XML reader: elements, attributes, text, comments, the declaration. Enough for a
// manifest, and no dependency that could change under us.

/** @returns {{ name: string, attrs: Record<string,string>, children: any[], text: string, line: number }} */
function parseXml(xml) {
  let i = 0;
  const lineAt = (pos) => xml.slice(0, pos).split('\n').length;
  const fail = (msg) => {
    throw new Error(`XML 格式错误 / malformed XML (line ${lineAt(i)}): ${msg}`);
  };
  const decode = (s) =>
    s.replace(/&(amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);/g, (_, e) =>
      e === 'amp' ? '&' : e === 'lt' ? '<' : e === 'gt' ? '>' : e === 'quot' ? '"' : e === 'apos' ? "'"
        : String.fromCodePoint(e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10)),
    );
  const root = { name: '#document', attrs: {}, children: [], text: '', line: 1 };
  const stack = [root];
  if (xml.charCodeAt(0) === 0xfeff) i = 1;
  while (i < xml.length) {
    const top = stack[stack.length - 1];
    if (xml.startsWith('<!--', i)) {
      const end = xml.indexOf('-->', i + 4);
      if (end < 0) fail('unterminated comment');
      if (xml.slice(i + 4, end).includes('--')) fail('"--" inside a comment');
      i = end + 3;
    } else if (xml.startsWith('<?', i)) {
      const end = xml.indexOf('?>', i);
      if (end < 0) fail('unterminated declaration');
      i = end + 2;
    } else if (xml.startsWith('</', i)) {
      const m = /^<\/([\w:.-]+)\s*>/.exec(xml.slice(i));
      if (!m) fail('bad end tag');
      if (m[1] !== top.name) fail(`</${m[1]}> closes <${top.name}>`);
      stack.pop();
      i += m[0].length;
    } else if (xml[i] === '<') {
      const m = /^<([\w:.-]+)((?:\s+[\w:.-]+\s*=\s*(?:"[^"<]*"|'[^'<]*'))*)\s*(\/?)>/.exec(xml.slice(i));
      if (!m) fail('bad start tag');
      const attrs = {};
      const re = /([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;
      let a;
      while ((a = re.exec(m[2]))) {
        if (a[1] in attrs) fail(`duplicate attribute ${a[1]}`);
        attrs[a[1]] = decode(a[2] ?? a[3] ?? '');
      }
      const el = { name: m[1], attrs, children: [], text: '', line: lineAt(i) };
      if (stack.length === 1 && root.children.length > 0) fail('more than one root element');
      top.children.push(el);
      if (!m[3]) stack.push(el);
      i += m[0].length;
    } else {
      const next = xml.indexOf('<', i);
      const text = xml.slice(i, next < 0 ? xml.length : next);
      if (stack.length === 1 && text.trim()) fail('text outside the root element');
      top.text += decode(text);
      i = next < 0 ? xml.length : next;
    }
  }
  if (stack.length !== 1) fail(`<${stack[stack.length - 1].name}> is never closed`);
  if (root.children.length !== 1) fail('no root element');
  return root.children[0];
}

function* walk(el, parents = []) {
  yield [el, parents];
  for (const c of el.children) yield* walk(c, [...parents, el]);
}
const local = (name) => name.replace(/^.*:/, '');
const childrenNamed = (el, name) => el.children.filter((c) => local(c.name) === name);
const firstNamed = (el, name) => el.children.find((c) => local(c.name) === name);

function isLocalHost(u) {
  return /^(localhost|127\.\d+\.\d+\.\d+|\[::1\]|0\.0\.0\.0)$/i.test(u.hostname);
}

/**
 * Lints a generated manifest. Returns a list of problems, empty when the manifest is good.
 * @param {string} xml
 * @param {{ production: boolean, namespace?: string | null, distDir?: string, baseUrl?: string }} opts
 *   production: URLs must be HTTPS and not localhost. namespace: the namespace expected (null = none).
 *   distDir + baseUrl: every URL under baseUrl must name a file that exists in distDir.
 */
function lintManifest(xml, opts) {
  const problems = [];
  let root;
  try {
    root = parseXml(xml);
  } catch (e) {
    return [e.message];
  }
  if (root.name !== 'OfficeApp') problems.push(`root element is <${root.name}>, expected <OfficeApp>`);
  if (root.attrs['xsi:type'] !== 'TaskPaneApp') problems.push('OfficeApp xsi:type must be TaskPaneApp');

  // Top-level elements: required ones present, order as Office requires, none unknown or repeated.
  const top = root.children.map((c) => c.name);
  for (const r of REQUIRED_TOP_LEVEL) if (!top.includes(r)) problems.push(`missing required element <${r}>`);
  let last = -1;
  for (const name of top) {
    const at = TOP_LEVEL_ORDER.indexOf(name);
    if (at < 0) problems.push(`unknown top-level element <${name}>`);
    else if (at < last) problems.push(`<${name}> is out of order (expected order: ${TOP_LEVEL_ORDER.join(', ')})`);
    else if (at === last) problems.push(`<${name}> appears twice`);
    last = Math.max(last, at);
  }

  const id = firstNamed(root, 'Id')?.text.trim();
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id ?? '')) problems.push(`<Id> is not a GUID: ${id}`);
  else if (id.toLowerCase() !== ADDIN_ID) problems.push(`<Id> changed: ${id} (must stay ${ADDIN_ID})`);
  const version = firstNamed(root, 'Version')?.text.trim() ?? '';
  if (!/^\d{1,5}(\.\d{1,5}){0,3}$/.test(version)) problems.push(`<Version> must be n.n.n.n: ${version}`);
  if (firstNamed(root, 'DefaultLocale')?.text.trim() !== 'zh-CN') problems.push('<DefaultLocale> must be zh-CN');
  for (const name of ['DisplayName', 'Description']) {
    const el = firstNamed(root, name);
    if (el && !childrenNamed(el, 'Override').some((o) => o.attrs.Locale === 'en-US')) {
      problems.push(`<${name}> has no en-US Override`);
    }
  }
  const perms = firstNamed(root, 'Permissions')?.text.trim();
  if (perms !== 'ReadWriteDocument') problems.push(`<Permissions> must be ReadWriteDocument, is ${perms}`);
  const hosts = firstNamed(root, 'Hosts');
  if (!hosts || !childrenNamed(hosts, 'Host').some((h) => h.attrs.Name === 'Workbook')) {
    problems.push('<Hosts> must contain <Host Name="Workbook"/>');
  }

  // Resources: ids unique, at most 32 characters; strings within Office's length limits.
  const vo = firstNamed(root, 'VersionOverrides');
  const resources = vo ? firstNamed(vo, 'Resources') : undefined;
  const defined = new Map(); // id -> kind
  if (!resources) problems.push('<VersionOverrides> has no <Resources>');
  else {
    const kinds = { Images: 'image', Urls: 'url', ShortStrings: 'short', LongStrings: 'long' };
    for (const group of resources.children) {
      const kind = kinds[local(group.name)];
      if (!kind) {
        problems.push(`unknown resource group <${group.name}>`);
        continue;
      }
      for (const r of group.children) {
        const rid = r.attrs.id;
        if (!rid) problems.push(`<${r.name}> in ${group.name} has no id`);
        else if (defined.has(rid)) problems.push(`resource id "${rid}" defined twice`);
        else defined.set(rid, kind);
        if (rid && rid.length > 32) problems.push(`resource id "${rid}" is longer than 32 characters`);
        if (!('DefaultValue' in r.attrs) || r.attrs.DefaultValue === '') {
          problems.push(`resource "${rid}" has an empty DefaultValue`);
        }
        const max = kind === 'short' ? 125 : kind === 'long' ? 250 : 2048;
        for (const v of [r.attrs.DefaultValue ?? '', ...childrenNamed(r, 'Override').map((o) => o.attrs.Value ?? '')]) {
          if ([...v].length > max) problems.push(`resource "${rid}" is longer than ${max} characters`);
        }
      }
    }
  }

  // Every resid resolves, and to the right kind of resource.
  const expectedKind = (el, parents) => {
    const n = local(el.name);
    const parent = parents.length ? local(parents[parents.length - 1].name) : '';
    if (n === 'Image') return 'image';
    if (n === 'SourceLocation' || n === 'FunctionFile' || n === 'LearnMoreUrl') return 'url';
    if (n === 'Label' || n === 'Title' || n === 'Namespace') return 'short';
    if (n === 'Description' && (parent === 'Supertip' || parent === 'GetStarted')) return 'long';
    return null;
  };
  for (const [el, parents] of walk(root)) {
    if (!('resid' in el.attrs)) continue;
    const rid = el.attrs.resid;
    const kind = defined.get(rid);
    if (!kind) problems.push(`resid "${rid}" on <${el.name}> (line ${el.line}) is not defined in <Resources>`);
    else {
      const want = expectedKind(el, parents);
      if (want && want !== kind) problems.push(`resid "${rid}" on <${el.name}> must be a ${want} resource, is ${kind}`);
    }
  }

  // Custom functions: Script, Page, MetaData in this order; Namespace only when asked for.
  let cf;
  for (const [el] of walk(root)) {
    if (local(el.name) === 'ExtensionPoint' && el.attrs['xsi:type'] === 'CustomFunctions') cf = el;
  }
  if (!cf) problems.push('no <ExtensionPoint xsi:type="CustomFunctions">');
  else {
    const names = cf.children.map((c) => local(c.name));
    for (const r of ['Script', 'Page', 'MetaData']) if (!names.includes(r)) problems.push(`CustomFunctions has no <${r}>`);
    const order = names.map((n) => CF_ORDER.indexOf(n));
    if (order.some((o) => o < 0) || order.some((o, k) => k > 0 && o <= order[k - 1])) {
      problems.push(`CustomFunctions children must be ${CF_ORDER.join(', ')} in this order, are ${names.join(', ')}`);
    }
    const nsEl = firstNamed(cf, 'Namespace');
    const wantNs = opts.namespace ?? null;
    if (!wantNs && nsEl) problems.push('<Namespace> must be absent (functions are typed as =SCORE.PARTYLINE(...))');
    if (wantNs) {
      if (!nsEl) problems.push(`<Namespace> missing (expected ${wantNs})`);
      else {
        const s = resources && [...walk(resources)].map(([e]) => e).find((e) => e.attrs.id === nsEl.attrs.resid);
        const v = s?.attrs.DefaultValue;
        if (v !== wantNs) problems.push(`<Namespace> string is "${v}", expected "${wantNs}"`);
      }
    }
  }

  // Ribbon icons in every size Office asks for.
  const sizes = new Set();
  for (const [el] of walk(root)) if (local(el.name) === 'Image' && el.attrs.size) sizes.add(el.attrs.size);
  for (const s of ['16', '32', '80']) if (!sizes.has(s)) problems.push(`no ${s}px ribbon icon`);

  // URLs: all absolute; production ones HTTPS and not localhost; under baseUrl they exist in dist.
  const urls = [];
  for (const [el, parents] of walk(root)) {
    const inUrls = parents.some((p) => ['Urls', 'Images'].includes(local(p.name)));
    const isUrlEl = ['IconUrl', 'HighResolutionIconUrl', 'SupportUrl'].includes(el.name) ||
      (el.name === 'SourceLocation' && parents.some((p) => p.name === 'DefaultSettings'));
    if (isUrlEl || (inUrls && (local(el.name) === 'Url' || local(el.name) === 'Image'))) {
      if (el.attrs.DefaultValue) urls.push(el.attrs.DefaultValue);
    }
    if (inUrls && local(el.name) === 'Override' && el.attrs.Value) urls.push(el.attrs.Value);
  }
  for (const raw of urls) {
    let u;
    try {
      u = new URL(raw);
    } catch {
      problems.push(`not an absolute URL: ${raw}`);
      continue;
    }
    if (opts.production) {
      if (u.protocol !== 'https:') problems.push(`production URL is not HTTPS: ${raw}`);
      if (isLocalHost(u)) problems.push(`production URL points at this computer: ${raw}`);
    }
    if (opts.distDir && opts.baseUrl) {
      const base = normaliseBaseUrl(opts.baseUrl);
      if (!raw.startsWith(base)) problems.push(`URL is outside the hosting base ${base}: ${raw}`);
      else {
        const rel = decodeURIComponent(raw.slice(base.length));
        const file = path.join(opts.distDir, rel);
        if (!rel || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
          problems.push(`URL names no file in ${opts.distDir}: ${raw}`);
        }
      }
    }
  }
  return problems;
}

module.exports = {
  ADDIN_ID,
  DEV_URL,
  FALLBACK_NAMESPACE,
  TEMPLATE_PATH,
  TOP_LEVEL_ORDER,
  manifestVersion,
  normaliseBaseUrl,
  renderManifest,
  parseXml,
  lintManifest,
};
