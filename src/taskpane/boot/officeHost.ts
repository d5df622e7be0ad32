/**
 * Was this page opened by an Office application? Decided before office.js is loaded, so that
 * the page opened in a plain browser (the workbench) never asks Microsoft's CDN for anything.
 *
 * The signals are the ones office.js itself reads at start-up to find its host (office.js
 * 1.1.110, `_retrieveHostInfo` and the Office 2013 path in `onAppCodeAndMSAjaxReady`); when none
 * of them is present office.js concludes "plain browser" and `Office.onReady` answers
 * `{ host: null }`. So, for the office.js version read, "no signal" here means exactly what
 * `host: null` meant there, without loading it:
 * - `_host_Info=` in the query (how Office on the web, Windows and Mac pass the host; we also
 *   accept it in the hash);
 * - a `GetHostInfo` on `window.external` or on `agaveHost` (desktop webviews);
 * - `window.name` holding JSON with `hostInfo`;
 * - `hostInfoValue` in sessionStorage (office.js keeps the host there when the page reloads);
 * - Office 2013: `_xdm_Info=` in the hash, an `_xdm_` session key named in `window.name`, or a
 *   `GetContext` on `window.external`.
 * A false "yes" only costs loading office.js; a false "no" would show the workbench inside Office.
 */

/** What the page shows of its host. Everything optional: a test passes only what it needs. */
export interface PageEnv {
  readonly search?: string;
  readonly hash?: string;
  readonly name?: string;
  /** `window.sessionStorage`; may be null or throw (storage disabled). */
  readonly session?: { getItem(key: string): string | null } | null;
  /** `window.external`. */
  readonly external?: unknown;
  /** The global `agaveHost` some desktop hosts inject. */
  readonly agaveHost?: unknown;
}

export type HostSignal =
  | 'query:_host_Info'
  | 'hash:_host_Info'
  | 'external.GetHostInfo'
  | 'agaveHost.GetHostInfo'
  | 'window.name:hostInfo'
  | 'session:hostInfoValue'
  | 'hash:_xdm_Info'
  | 'window.name:_xdm_'
  | 'external.GetContext';

function hasMethod(target: unknown, name: string): boolean {
  try {
    if (target === null || target === undefined) return false;
    const member = (target as Record<string, unknown>)[name];
    // Old IE webviews report host methods as typeof "unknown"; anything not undefined counts.
    return member !== undefined && member !== null;
  } catch {
    return false;
  }
}

function sessionItem(env: PageEnv, key: string): string | null {
  try {
    return env.session?.getItem(key) ?? null;
  } catch {
    return null;
  }
}

function nameHasHostInfo(name: string): boolean {
  try {
    const parsed = JSON.parse(name) as unknown;
    return (
      typeof parsed === 'object' &&
      parsed !== null &&
      Boolean((parsed as { hostInfo?: unknown }).hostInfo)
    );
  } catch {
    return false;
  }
}

/** The host signals present on the page (empty: a plain browser). */
export function officeHostSignals(env: PageEnv): HostSignal[] {
  const search = env.search ?? '';
  const hash = env.hash ?? '';
  const name = env.name ?? '';
  const found: HostSignal[] = [];
  if (/[?&]_host_Info=[^&#]/.test(search)) found.push('query:_host_Info');
  if (/[#&]_host_Info=[^&#]/.test(hash)) found.push('hash:_host_Info');
  if (hasMethod(env.external, 'GetHostInfo')) found.push('external.GetHostInfo');
  if (hasMethod(env.agaveHost, 'GetHostInfo')) found.push('agaveHost.GetHostInfo');
  if (nameHasHostInfo(name)) found.push('window.name:hostInfo');
  if (sessionItem(env, 'hostInfoValue')) found.push('session:hostInfoValue');
  if (/&_xdm_Info=./.test(hash)) found.push('hash:_xdm_Info');
  const xdm = /_xdm_[^;]*/.exec(name)?.[0];
  if (xdm && sessionItem(env, xdm)) found.push('window.name:_xdm_');
  if (hasMethod(env.external, 'GetContext')) found.push('external.GetContext');
  return found;
}

/** True when an Office application opened the page (then, and only then, office.js is loaded). */
export function openedByOffice(env: PageEnv): boolean {
  return officeHostSignals(env).length > 0;
}

/** The signals of the running page. */
export function currentPageEnv(): PageEnv {
  const w = globalThis as unknown as {
    location?: { search?: string; hash?: string };
    name?: string;
    sessionStorage?: PageEnv['session'];
    external?: unknown;
    agaveHost?: unknown;
  };
  let session: PageEnv['session'] = null;
  try {
    session = w.sessionStorage ?? null;
  } catch {
    session = null; // storage disabled: reading the property throws
  }
  return {
    search: w.location?.search ?? '',
    hash: w.location?.hash ?? '',
    name: typeof w.name === 'string' ? w.name : '',
    session,
    external: w.external,
    agaveHost: w.agaveHost,
  };
}

export type ScriptLoad = 'loaded' | 'failed' | 'timeout';

/**
 * Loads office.js from the build's URL by adding its `<script>` to the head; never throws and
 * never hangs (a network filter that swallows the request ends as `timeout`).
 */
export function loadScript(doc: Document, src: string, timeoutMs: number): Promise<ScriptLoad> {
  return new Promise((resolve) => {
    const script = doc.createElement('script');
    let settled = false;
    const settle = (result: ScriptLoad) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(result);
    };
    const timer = setTimeout(() => settle('timeout'), timeoutMs);
    script.addEventListener('load', () => settle('loaded'));
    script.addEventListener('error', () => settle('failed'));
    script.async = false;
    script.src = src;
    doc.head.appendChild(script);
  });
}
