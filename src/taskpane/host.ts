/**
 * Where the pane runs. Office.onReady reports `host: null` in a plain browser (the workbench) and
 * never resolves when office.js is blocked, so it is raced against a timeout that turns into a
 * clear diagnostic instead of a blank pane.
 */
export type HostKind = { readonly kind: 'excel' } | { readonly kind: 'browser' } | { readonly kind: 'other'; readonly host: string } | { readonly kind: 'timeout' };

export interface OfficeLike {
  onReady(): Promise<{ host: unknown; platform: unknown }>;
}

export async function detectHost(office: OfficeLike | undefined, timeoutMs: number): Promise<HostKind> {
  if (!office) return { kind: 'browser' };
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), timeoutMs);
  });
  try {
    const info = await Promise.race([office.onReady(), timeout]);
    if (info === 'timeout') return { kind: 'timeout' };
    if (info.host === null || info.host === undefined) return { kind: 'browser' };
    return String(info.host) === 'Excel' ? { kind: 'excel' } : { kind: 'other', host: String(info.host) };
  } finally {
    clearTimeout(timer);
  }
}
