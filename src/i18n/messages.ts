/**
 * The one message catalogue of the task pane and the workbench: every string a user sees, in
 * Chinese (first) and English. Placeholders are `{name}`; `translate` fills them.
 */
export type Language = 'zh-CN' | 'en-US';

export interface Message {
  readonly zh: string;
  readonly en: string;
}

export const MESSAGES = {
  appTitle: { zh: '目标考核助手', en: 'Kaohe assessment assistant' },
  appSubtitle: {
    zh: '镇街目标管理责任制考核',
    en: 'Target-management assessment of towns and streets',
  },
  languageSwitch: { zh: 'English', en: '中文' },
  languageSwitchLabel: { zh: '切换到英文', en: 'Switch to Chinese' },

  actionCreate: { zh: '新建考核工作簿', en: 'New assessment workbook' },
  actionCreateHint: {
    zh: '写入方案、乡镇台账和部门台账工作表（与 kaohe template 相同）',
    en: 'Writes the scheme, town ledger and department ledger sheets (as kaohe template does)',
  },
  actionCheck: { zh: '检查数据', en: 'Check data' },
  actionCheckHint: {
    zh: '检查台账中的错误和可疑数据',
    en: 'Finds errors and suspicious figures in the ledger',
  },
  actionRank: { zh: '生成排名', en: 'Generate ranking' },
  actionRankHint: {
    zh: '一键生成排名汇总、部门排名和得分明细',
    en: 'Writes the summary, department ranking and score detail in one click',
  },
  tabActions: { zh: '操作', en: 'Actions' },
  tabSettings: { zh: '设置', en: 'Settings' },

  createYear: { zh: '考核年度', en: 'Assessment year' },
  createUnits: { zh: '乡镇/街道（每行一个）', en: 'Towns / streets (one per line)' },
  createDepartments: { zh: '责任部门（每行一个）', en: 'Departments (one per line)' },
  createSheetsTitle: { zh: '新工作簿的内容', en: 'What the new workbook contains' },
  createDone: { zh: '已写入 {count} 个工作表：{sheets}', en: 'Wrote {count} sheets: {sheets}' },

  working: { zh: '正在处理…', en: 'Working…' },
  reading: { zh: '正在读取台账…', en: 'Reading the ledger…' },
  assessing: { zh: '正在计算…', en: 'Computing…' },
  writing: { zh: '正在写入工作表… {percent}%', en: 'Writing sheets… {percent}%' },

  confirmTitle: { zh: '工作表已存在', en: 'Sheets already exist' },
  confirmReplaceBody: {
    zh: '以下工作表由本助手创建，已经存在：{sheets}。是否替换？',
    en: 'These sheets, created by Kaohe, already exist: {sheets}. Replace them?',
  },
  confirmForeign: {
    zh: '以下工作表不会被替换：{sheets}。它们不是本助手创建的，或是填写数据的台账（方案、乡镇台账等），替换会丢失数据。请先重命名或删除它们。',
    en: 'These sheets will never be replaced: {sheets}. Kaohe did not create them, or they are ledger sheets holding your data (方案, 乡镇台账 …) that replacing would erase. Rename or delete them first.',
  },
  confirmReplace: { zh: '替换', en: 'Replace' },
  cancel: { zh: '取消', en: 'Cancel' },
  close: { zh: '关闭', en: 'Close' },
  cancelled: { zh: '已取消，工作簿未改动。', en: 'Cancelled; the workbook was not changed.' },

  findingsTitle: { zh: '检查结果', en: 'Findings' },
  findingsNone: { zh: '未发现问题。', en: 'No problems found.' },
  findingsSummary: {
    zh: '错误 {errors} 个，警告 {warnings} 个',
    en: '{errors} errors, {warnings} warnings',
  },
  severityError: { zh: '错误（阻止排名）', en: 'Errors (block ranking)' },
  severityWarning: { zh: '警告（不影响排名）', en: 'Warnings (do not block ranking)' },
  filterLabel: { zh: '按乡镇或指标代码筛选', en: 'Filter by town or code' },
  filterPlaceholder: { zh: '例如 城关镇 或 F4.2', en: 'e.g. a town or F4.2' },
  filterNoMatch: { zh: '没有符合筛选条件的结果。', en: 'No finding matches the filter.' },
  highlightOn: { zh: '在表中标出', en: 'Mark in sheet' },
  highlightOff: { zh: '清除标记', en: 'Clear marks' },
  highlightHint: {
    zh: '临时标记，不改变您的格式',
    en: 'A temporary mark; your own formatting is restored',
  },
  wholeSheet: { zh: '整个工作表', en: 'whole sheet' },
  goToCell: { zh: '转到 {ref}', en: 'Go to {ref}' },

  rankRefused: {
    zh: '数据中有 {errors} 个错误，未生成排名。请先改正下列错误。',
    en: 'The data has {errors} errors; no ranking was made. Correct the errors below first.',
  },
  rankDone: { zh: '已生成排名，并打开“排名汇总”。', en: 'Ranking written; “排名汇总” is open.' },
  rankNoUnits: { zh: '台账中没有乡镇。', en: 'The ledger has no towns.' },
  resultTop: { zh: '前 {n} 名', en: 'Top {n}' },
  resultVetoed: { zh: '一票否决', en: 'Vetoed' },
  resultYellow: { zh: '黄牌警告', en: 'Yellow card' },
  resultNone: { zh: '无', en: 'None' },
  resultRank: { zh: '第 {rank} 名', en: 'No. {rank}' },
  resultTied: { zh: '（并列）', en: ' (tied)' },
  resultPoints: { zh: '{points} 分', en: '{points} points' },
  resultWarnings: {
    zh: '另有 {warnings} 个警告，请查看“检查数据”。',
    en: 'There are also {warnings} warnings; see “Check data”.',
  },

  settingsTopN: { zh: '一票优先名次（前 N 名）', en: 'Top places rewarded (top N)' },
  settingsBottomN: { zh: '黄牌警告名次（后 N 名）', en: 'Yellow card places (bottom N)' },
  settingsByClass: { zh: '同时按类别排名（一、二、三类）', en: 'Also rank within class (1, 2, 3)' },
  settingsLanguage: { zh: '界面语言', en: 'Language' },
  settingsSave: { zh: '保存设置', en: 'Save settings' },
  settingsSaved: { zh: '设置已保存到本工作簿。', en: 'Settings saved in this workbook.' },
  settingsSavedSession: {
    zh: '设置已保存，仅在本次打开页面期间有效（不写入工作簿文件）。',
    en: 'Settings saved for as long as this page is open (they are not written into the workbook file).',
  },
  settingsInvalid: {
    zh: '名次须为 0 到 100 之间的整数。',
    en: 'Places must be whole numbers from 0 to 100.',
  },

  errorTitle: { zh: '出错了', en: 'Something went wrong' },
  errorUnknown: { zh: '未知错误：{message}', en: 'Unexpected error: {message}' },
  dismiss: { zh: '关闭提示', en: 'Dismiss' },

  bootWaiting: { zh: '正在连接 Excel…', en: 'Connecting to Excel…' },
  bootFailed: { zh: '无法启动：{message}', en: 'Could not start: {message}' },
  bootProblemsTitle: { zh: '无法在此环境中使用', en: 'Cannot run here' },

  wbTitle: { zh: '工作台（无需 Excel）', en: 'Workbench (no Excel needed)' },
  wbIntro: {
    zh: '在浏览器中打开 .xlsx 台账，使用与 Excel 中相同的任务窗格。文件只在本机处理，不会上传。',
    en: 'Open an .xlsx ledger in the browser and use the same task pane as in Excel. The file stays on this computer; nothing is uploaded.',
  },
  wbOpen: { zh: '打开 .xlsx 文件', en: 'Open .xlsx file' },
  wbNew: { zh: '新建空白工作簿', en: 'New blank workbook' },
  wbDownload: { zh: '下载结果 .xlsx', en: 'Download result .xlsx' },
  wbNoSheets: {
    zh: '工作簿中还没有工作表。请打开文件，或用“新建考核工作簿”。',
    en: 'The workbook has no sheets yet. Open a file or use “New assessment workbook”.',
  },
  wbLoaded: { zh: '已打开 {name}', en: 'Opened {name}' },
  wbOpenFailed: { zh: '无法读取文件 {name}：{message}', en: 'Could not read {name}: {message}' },
  wbSheets: { zh: '工作表', en: 'Sheets' },
  wbEmptySheet: { zh: '（空工作表）', en: '(empty sheet)' },
  wbRowsTruncated: { zh: '仅显示前 {rows} 行。', en: 'Showing the first {rows} rows.' },
  wbLoading: { zh: '正在加载工作台…', en: 'Loading the workbench…' },
  wbDiscardTitle: { zh: '放弃当前工作簿？', en: 'Discard this workbook?' },
  wbDiscardForFile: {
    zh: '当前工作簿中写入的结果（排名或新建的台账）还没有下载。打开 {name} 后它们会丢失；要保留，请先取消并点“下载结果 .xlsx”。',
    en: 'What was written into this workbook (a ranking or a new ledger) has not been downloaded. Opening {name} loses it; to keep it, cancel and use “Download result .xlsx” first.',
  },
  wbDiscardForBlank: {
    zh: '当前工作簿中写入的结果（排名或新建的台账）还没有下载。新建空白工作簿后它们会丢失；要保留，请先取消并点“下载结果 .xlsx”。',
    en: 'What was written into this workbook (a ranking or a new ledger) has not been downloaded. A new blank workbook loses it; to keep it, cancel and use “Download result .xlsx” first.',
  },
  wbDiscardAndOpen: { zh: '放弃并打开', en: 'Discard and open' },
  wbDiscardAndBlank: { zh: '放弃并新建', en: 'Discard and start blank' },
} as const satisfies Record<string, Message>;

export type MessageKey = keyof typeof MESSAGES;
export type MessageParams = Readonly<Record<string, string | number>>;

/** Fills `{name}` placeholders; a missing parameter stays visible rather than vanishing. */
export function format(template: string, params?: MessageParams): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    return value === undefined ? whole : String(value);
  });
}

export function translate(language: Language, key: MessageKey, params?: MessageParams): string {
  const message: Message = MESSAGES[key];
  return format(language === 'en-US' ? message.en : message.zh, params);
}

/** Picks the language's side of an engine message pair ({zh, en}). */
export function pick(
  language: Language,
  pair: { readonly zh: string; readonly en: string },
): string {
  return language === 'en-US' ? pair.en : pair.zh;
}

/** Numbers formatted for the locale (points with up to two decimals). */
export function formatNumber(language: Language, value: number, maximumFractionDigits = 2): string {
  return new Intl.NumberFormat(language, { maximumFractionDigits }).format(value);
}
