/**
 * Start-up checks of the task pane: is Office.js there, did `Office.onReady` answer in time, is
 * this Excel, and is it new enough. The pane renders what this returns instead of a blank page.
 *
 * Requirement sets (decided here, documented in the README):
 * - ExcelApi 1.7 is the base (required): the ranking sheets use freeze panes (1.7), conditional
 *   formats and calculation suspension (1.6), charts, number formats and ranges (1.1–1.2).
 *   Excel 2019 and later, Office 2021/2024, Microsoft 365, Excel on the web and Mac have it;
 *   volume-licensed Office 2016 (ExcelApi 1.1–1.2) does not, and gets the message below.
 * - ExcelApi 1.9 is optional: print setup (pageLayout) and suspendScreenUpdatingUntilNextSync are
 *   feature-detected by the adapter; without them the sheets are still written.
 * - CustomFunctionsRuntime 1.1 is needed only by the =SCORE.* / =VETO.CHECK formulas: without it
 *   the pane still works and warns that the functions are unavailable.
 * The manifest deliberately requires only ExcelApi 1.1, so an old Excel shows this message rather
 * than hiding the add-in without a word.
 *
 * Nothing here imports Office types at run time: the Office object is passed in (tests pass a fake).
 */

export interface OfficeBootLike {
  onReady(): Promise<{ host: unknown; platform: unknown }>;
  context?: { requirements?: { isSetSupported(name: string, minVersion?: string): boolean } };
}

export type BootProblemCode =
  | 'office.missing'
  | 'office.timeout'
  | 'office.failed'
  | 'office.host'
  | 'requirement.excel-api'
  | 'requirement.custom-functions';

export interface BootProblem {
  readonly code: BootProblemCode;
  /** `error`: the pane cannot work with Excel; `warning`: it works with less. */
  readonly severity: 'error' | 'warning';
  readonly zh: string;
  readonly en: string;
}

export interface BootFeatures {
  /** ExcelApi 1.9: Application.suspendScreenUpdatingUntilNextSync. */
  readonly suspendScreenUpdating: boolean;
  /** ExcelApi 1.9: worksheet.pageLayout (A4 landscape, print area). */
  readonly pageLayout: boolean;
  /** CustomFunctionsRuntime 1.1: the formulas work in this Excel. */
  readonly customFunctions: boolean;
}

export interface BootResult {
  /** `excel` inside Excel; null outside Office (the workbench) or when Office.js failed. */
  readonly host: 'excel' | null;
  readonly platform: string | null;
  readonly officeJs: 'ready' | 'missing' | 'timeout' | 'failed';
  /** Messages to show, each "中文 / English". */
  readonly problems: string[];
  readonly details: readonly BootProblem[];
  /** True when the pane must not run its Excel actions (the problems say why). */
  readonly blocking: boolean;
  readonly features: BootFeatures;
}

export interface BootOptions {
  /** How long to wait for Office.onReady; default 15 s. */
  readonly timeoutMs?: number;
  /** The Office global; default `globalThis.Office` (undefined when office.js did not load). */
  readonly office?: OfficeBootLike | null;
}

export const BASE_EXCEL_API = '1.7';
export const DEFAULT_BOOT_TIMEOUT_MS = 15_000;

const NO_FEATURES: BootFeatures = { suspendScreenUpdating: false, pageLayout: false, customFunctions: false };

export const BOOT_MESSAGES = {
  missing: {
    zh: '未能加载 Office.js：可能被网络或防火墙拦截，或 office.js 地址设置有误。在 Excel 之外打开时以工作台模式运行。',
    en: 'Office.js did not load: it may be blocked by the network or a firewall, or its URL is set wrongly. Outside Excel the pane runs as the workbench.',
  },
  /** Inside Office, office.js could not be fetched from the build's URL. */
  blocked: (url: string) => ({
    zh: `未能加载 Office.js（${url}）：可能被网络或防火墙拦截，或 office.js 地址设置有误。请检查网络或联系管理员，然后重新打开任务窗格。`,
    en: `Office.js did not load (${url}): the network or a firewall may block it, or its URL is set wrongly. Check the network or ask your administrator, then reopen the pane.`,
  }),
  timeout: (s: number) => ({
    zh: `Office.js 在 ${s} 秒内没有就绪。可能原因：网络拦截了微软的 Office 脚本，或 Excel 版本过旧。请检查网络或联系管理员，然后重新打开任务窗格。`,
    en: `Office.js was not ready within ${s} seconds. The network may block Microsoft's Office script, or Excel is too old. Check the network or ask your administrator, then reopen the pane.`,
  }),
  failed: (m: string) => ({ zh: `Office.js 初始化失败：${m}`, en: `Office.js failed to start: ${m}` }),
  host: (h: string) => ({ zh: `目标考核助手只能在 Excel 中使用（当前程序：${h}）。`, en: `Kaohe works in Excel only (this is ${h}).` }),
  excelApi: {
    zh: `此 Excel 版本过旧：目标考核助手需要 Excel API ${BASE_EXCEL_API}（Excel 2019 及以上、Office 2021/2024、Microsoft 365、网页版或 Mac 版 Excel）。请升级 Office 或改用网页版 Excel。`,
    en: `This Excel is too old: Kaohe needs Excel API ${BASE_EXCEL_API} (Excel 2019 or later, Office 2021/2024, Microsoft 365, Excel on the web or Mac). Update Office or use Excel on the web.`,
  },
  customFunctions: {
    zh: '此 Excel 不支持自定义函数（CustomFunctionsRuntime 1.1）：=SCORE.PARTYLINE 等公式不可用，任务窗格的其他功能仍可使用。批量许可版 Office 2019 及更早版本不支持自定义函数。',
    en: 'This Excel does not support custom functions (CustomFunctionsRuntime 1.1): =SCORE.PARTYLINE and the other formulas will not work; the rest of the pane does. Volume-licensed Office 2019 and earlier lack custom functions.',
  },
} as const;

function problem(code: BootProblemCode, severity: 'error' | 'warning', text: { zh: string; en: string }): BootProblem {
  return { code, severity, zh: text.zh, en: text.en };
}

function result(
  host: 'excel' | null,
  platform: string | null,
  officeJs: BootResult['officeJs'],
  details: BootProblem[],
  features: BootFeatures,
): BootResult {
  return {
    host,
    platform,
    officeJs,
    problems: details.map((d) => `${d.zh} / ${d.en}`),
    details,
    blocking: details.some((d) => d.severity === 'error'),
    features,
  };
}

/**
 * Checks the requirement sets of a running Excel.
 * @param supports `Office.context.requirements.isSetSupported`
 */
export function checkRequirements(supports: (name: string, minVersion: string) => boolean): { details: BootProblem[]; features: BootFeatures } {
  const ask = (name: string, v: string): boolean => {
    try {
      return supports(name, v) === true;
    } catch {
      return false; // very old hosts throw for unknown sets: treat as unsupported
    }
  };
  const details: BootProblem[] = [];
  if (!ask('ExcelApi', BASE_EXCEL_API)) details.push(problem('requirement.excel-api', 'error', BOOT_MESSAGES.excelApi));
  const customFunctions = ask('CustomFunctionsRuntime', '1.1');
  if (!customFunctions) details.push(problem('requirement.custom-functions', 'warning', BOOT_MESSAGES.customFunctions));
  const v19 = ask('ExcelApi', '1.9');
  return { details, features: { suspendScreenUpdating: v19, pageLayout: v19, customFunctions } };
}

/**
 * Waits for Office.js (at most `timeoutMs`), then checks host and requirement sets. Never throws
 * and never hangs: every failure comes back as a problem to show.
 * @example const boot = await bootOffice({ timeoutMs: 15000 }); if (boot.blocking) showProblems(boot.problems);
 */
export async function bootOffice(options: BootOptions = {}): Promise<BootResult> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_BOOT_TIMEOUT_MS;
  const office =
    options.office !== undefined ? options.office : ((globalThis as { Office?: OfficeBootLike }).Office ?? null);
  if (!office || typeof office.onReady !== 'function') {
    return result(null, null, 'missing', [problem('office.missing', 'warning', BOOT_MESSAGES.missing)], NO_FEATURES);
  }
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), timeoutMs);
  });
  let info: { host: unknown; platform: unknown } | 'timeout';
  try {
    info = await Promise.race([Promise.resolve().then(() => office.onReady()), timeout]);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    return result(null, null, 'failed', [problem('office.failed', 'error', BOOT_MESSAGES.failed(message))], NO_FEATURES);
  } finally {
    clearTimeout(timer);
  }
  if (info === 'timeout') {
    return result(null, null, 'timeout', [problem('office.timeout', 'error', BOOT_MESSAGES.timeout(Math.round(timeoutMs / 1000)))], NO_FEATURES);
  }
  const platform = typeof info.platform === 'string' ? info.platform : null;
  if (info.host === null || info.host === undefined) return result(null, platform, 'ready', [], NO_FEATURES);
  const hostName = typeof info.host === 'string' ? info.host : JSON.stringify(info.host);
  if (hostName !== 'Excel') {
    return result(null, platform, 'ready', [problem('office.host', 'error', BOOT_MESSAGES.host(hostName))], NO_FEATURES);
  }
  const requirements = office.context?.requirements;
  const { details, features } = checkRequirements((name, v) => (requirements ? requirements.isSetSupported(name, v) : false));
  return result('excel', platform, 'ready', details, features);
}
