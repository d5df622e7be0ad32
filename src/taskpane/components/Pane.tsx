import { useCallback, useEffect, useRef, useState } from 'react';
import {
  Accordion,
  AccordionHeader,
  AccordionItem,
  AccordionPanel,
  Button,
  Divider,
  makeStyles,
  ProgressBar,
  Tab,
  TabList,
  Text,
  tokens,
} from '@fluentui/react-components';
import type { Finding, SheetSpec } from '../../engine/ledger/types';
import type { Ranking } from '../../engine/types';
import {
  DEFAULT_SETTINGS,
  SheetExistsError,
  type CellRef,
  type PaneSettings,
  type WorkbookPort,
} from '../../excel/port';
import { pick, translate, type Language, type MessageKey } from '../../i18n/messages';
import { describeError } from '../describeError';
import { SHEETS, type LineLabel, type PaneEngine, type TemplateOptions } from '../paneEngine';
import { ConfirmReplaceDialog } from './ConfirmReplaceDialog';
import { FindingList } from './FindingList';
import { NoticeBar, type Notice } from './NoticeBar';
import { RankingResult } from './RankingResult';
import { SettingsPanel } from './SettingsPanel';
import { TemplateForm } from './TemplateForm';

const useStyles = makeStyles({
  root: {
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalM,
    padding: tokens.spacingHorizontalM,
    minHeight: '100%',
    boxSizing: 'border-box',
    backgroundColor: tokens.colorNeutralBackground1,
    color: tokens.colorNeutralForeground1,
  },
  header: {
    display: 'flex',
    alignItems: 'flex-start',
    justifyContent: 'space-between',
    columnGap: tokens.spacingHorizontalS,
  },
  title: { margin: 0, fontSize: tokens.fontSizeBase500, fontWeight: tokens.fontWeightSemibold },
  subtitle: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
  actions: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalS },
  actionRow: {
    display: 'flex',
    flexWrap: 'wrap',
    columnGap: tokens.spacingHorizontalS,
    rowGap: tokens.spacingVerticalS,
  },
  hint: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
  results: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalM },
  sectionTitle: {
    margin: 0,
    fontSize: tokens.fontSizeBase400,
    fontWeight: tokens.fontWeightSemibold,
  },
});

export interface PaneProps {
  readonly port: WorkbookPort;
  readonly engine: PaneEngine;
  /** Settings to start with before the document's own are loaded. */
  readonly initialSettings?: PaneSettings;
  /** Year proposed for a new workbook (tests pass a fixed one). */
  readonly defaultYear?: number;
  /** Start-up warnings (e.g. no custom functions in this Excel), shown until dismissed. */
  readonly startupWarnings?: readonly { readonly zh: string; readonly en: string }[];
}

interface PendingConfirm {
  readonly sheets: readonly string[];
  readonly foreign: readonly string[];
  readonly replace: () => Promise<void>;
}

interface Busy {
  readonly key: MessageKey;
  readonly progress: number | null;
}

function isSheetExists(error: unknown): error is SheetExistsError {
  return (
    error instanceof SheetExistsError ||
    (error instanceof Error && error.name === 'SheetExistsError' && 'foreign' in error)
  );
}

/**
 * The task pane: the three actions (新建考核工作簿, 检查数据, 生成排名) and the settings, against
 * any `WorkbookPort` (Excel, the workbench, or a test fake).
 */
export function Pane({
  port,
  engine,
  initialSettings = DEFAULT_SETTINGS,
  defaultYear = new Date().getFullYear(),
  startupWarnings = [],
}: PaneProps) {
  const styles = useStyles();
  const [settings, setSettings] = useState<PaneSettings>(initialSettings);
  const [tab, setTab] = useState<'actions' | 'settings'>('actions');
  const [busy, setBusy] = useState<Busy | null>(null);
  const [notice, setNotice] = useState<Notice | null>(null);
  const [warningsShown, setWarningsShown] = useState(startupWarnings.length > 0);
  const [findings, setFindings] = useState<readonly Finding[] | null>(null);
  const [ranking, setRanking] = useState<Ranking | null>(null);
  const [rankedLines, setRankedLines] = useState<readonly LineLabel[]>([]);
  /** The top N the shown ranking was made with (the settings may change afterwards). */
  const [rankedTopN, setRankedTopN] = useState(initialSettings.topN);
  const [highlighted, setHighlighted] = useState(false);
  const [confirm, setConfirm] = useState<PendingConfirm | null>(null);
  const language: Language = settings.language;
  // The latest language, for messages of actions that finish after a switch.
  const languageRef = useRef(language);
  languageRef.current = language;

  const t = (key: MessageKey, params?: Readonly<Record<string, string | number>>) =>
    translate(language, key, params);

  const showError = useCallback((error: unknown) => {
    setNotice({ intent: 'error', text: describeError(languageRef.current, error) });
  }, []);

  /** Runs one action with the busy state; anything thrown ends up in the MessageBar. */
  const run = useCallback(
    async (key: MessageKey, task: () => Promise<void>) => {
      setBusy({ key, progress: null });
      setNotice(null);
      try {
        await task();
      } catch (error) {
        showError(error);
      } finally {
        setBusy(null);
      }
    },
    [showError],
  );

  useEffect(() => {
    let live = true;
    port.loadSettings().then(
      (saved) => {
        if (live && saved) setSettings(saved);
      },
      (error: unknown) => {
        if (live) showError(error);
      },
    );
    return () => {
      live = false;
    };
  }, [port, showError]);

  const saveSettings = (next: PaneSettings) => {
    setSettings(next);
    void run('working', async () => {
      await port.saveSettings(next);
      // Only a port that keeps settings in the document may say they are in the workbook.
      const saved = port.settingsPersist === 'document' ? 'settingsSaved' : 'settingsSavedSession';
      setNotice({ intent: 'success', text: translate(next.language, saved) });
    });
  };

  /**
   * Writes sheets; when some exist, asks first. Kaohe's own output sheets may then be replaced;
   * any other sheet never is (the port's replace rule; the dialog says so and only offers to close).
   */
  const writeAsking = async (sheets: readonly SheetSpec[], activate: string, done: () => void) => {
    const write = (replace: boolean) =>
      port.writeSheets(sheets, {
        replace,
        activate,
        onProgress: (fraction) =>
          setBusy({ key: 'writing', progress: Math.max(0, Math.min(1, fraction)) }),
      });
    setBusy({ key: 'writing', progress: 0 });
    try {
      await write(false);
      done();
    } catch (error) {
      if (!isSheetExists(error)) throw error;
      setConfirm({
        sheets: error.sheets,
        foreign: error.foreign,
        replace: async () => {
          setBusy({ key: 'writing', progress: 0 });
          await write(true);
          done();
        },
      });
    }
  };

  const clearMarks = async () => {
    if (!highlighted) return;
    await port.clearHighlights();
    setHighlighted(false);
  };

  const createWorkbook = (options: TemplateOptions) =>
    run('working', async () => {
      const sheets = engine.templateSheets(options);
      await writeAsking(sheets, SHEETS.towns, () => {
        setNotice({
          intent: 'success',
          text: translate(languageRef.current, 'createDone', {
            count: sheets.length,
            sheets: sheets.map((s) => s.name).join('、'),
          }),
        });
      });
    });

  const assess = async () => {
    setBusy({ key: 'reading', progress: null });
    const first = await port.readSheets(engine.inputSheets);
    // A bureau's own 方案 may keep its units on sheets of its own naming (区台账): read those too.
    const more = engine.sheetsFor(first).filter((n) => !engine.inputSheets.includes(n));
    const grid =
      more.length === 0 ? first : { sheets: [...first.sheets, ...(await port.readSheets(more)).sheets] };
    setBusy({ key: 'assessing', progress: null });
    const result = engine.assess(grid, {
      topN: settings.topN,
      bottomN: settings.bottomN,
      byClass: settings.byClass,
      language: languageRef.current,
    });
    setFindings(result.findings);
    return result;
  };

  const checkData = () =>
    run('reading', async () => {
      await clearMarks();
      setRanking(null);
      await assess();
    });

  const rank = () =>
    run('reading', async () => {
      await clearMarks();
      setRanking(null);
      const result = await assess();
      const errors = result.findings.filter((f) => f.severity === 'error').length;
      if (errors > 0 || result.ranking === null) {
        setNotice({
          intent: 'error',
          text: translate(languageRef.current, 'rankRefused', { errors }),
        });
        return;
      }
      if (result.ranking.units.length === 0) {
        setNotice({ intent: 'warning', text: translate(languageRef.current, 'rankNoUnits') });
        return;
      }
      const ranked = result.ranking;
      const warnings = result.findings.length;
      // The top N the ranking applied: the 方案's own 一票优先 places where it gives them.
      const topN = ranked.flagRules?.topN ?? settings.topN;
      await writeAsking(result.sheets, SHEETS.summary, () => {
        setRanking(ranked);
        setRankedLines(result.lines ?? []);
        setRankedTopN(topN);
        const lang = languageRef.current;
        const text =
          translate(lang, 'rankDone') +
          (warnings > 0 ? ` ${translate(lang, 'resultWarnings', { warnings })}` : '');
        setNotice({ intent: 'success', text });
      });
    });

  const selectCell = (ref: CellRef) => {
    port.selectCell(ref).catch(showError);
  };

  const highlight = (refs: readonly CellRef[] | null) => {
    const task = refs
      ? port.highlightCells(refs).then(() => setHighlighted(true))
      : port.clearHighlights().then(() => setHighlighted(false));
    task.catch(showError);
  };

  const switchLanguage = () => {
    const next: PaneSettings = { ...settings, language: language === 'zh-CN' ? 'en-US' : 'zh-CN' };
    setSettings(next);
    port.saveSettings(next).catch(showError);
  };

  const isBusy = busy !== null || confirm !== null;

  return (
    <main className={styles.root} lang={language}>
      <header className={styles.header}>
        <div>
          <h1 className={styles.title}>{t('appTitle')}</h1>
          <div className={styles.subtitle}>{t('appSubtitle')}</div>
        </div>
        <Button
          size="small"
          appearance="outline"
          aria-label={t('languageSwitchLabel')}
          onClick={switchLanguage}
        >
          {t('languageSwitch')}
        </Button>
      </header>

      {warningsShown && (
        <NoticeBar
          language={language}
          notice={{
            intent: 'warning',
            text: startupWarnings.map((w) => pick(language, w)).join(' '),
          }}
          onDismiss={() => setWarningsShown(false)}
        />
      )}
      {notice && (
        <NoticeBar language={language} notice={notice} onDismiss={() => setNotice(null)} />
      )}

      <TabList
        selectedValue={tab}
        onTabSelect={(_e, data) => setTab(data.value === 'settings' ? 'settings' : 'actions')}
      >
        <Tab value="actions">{t('tabActions')}</Tab>
        <Tab value="settings">{t('tabSettings')}</Tab>
      </TabList>

      {tab === 'settings' ? (
        <SettingsPanel
          key={JSON.stringify(settings)}
          language={language}
          settings={settings}
          busy={isBusy}
          onSave={saveSettings}
        />
      ) : (
        <>
          <section className={styles.actions}>
            <div className={styles.actionRow}>
              <Button
                appearance="primary"
                size="large"
                disabled={isBusy}
                onClick={() => void rank()}
              >
                {t('actionRank')}
              </Button>
              <Button size="large" disabled={isBusy} onClick={() => void checkData()}>
                {t('actionCheck')}
              </Button>
            </div>
            <Text className={styles.hint}>{t('actionRankHint')}</Text>
            {busy && (
              <div role="status" aria-live="polite">
                <Text>{t(busy.key, { percent: Math.round((busy.progress ?? 0) * 100) })}</Text>
                <ProgressBar value={busy.progress ?? undefined} thickness="large" />
              </div>
            )}
            <Accordion collapsible>
              <AccordionItem value="create">
                <AccordionHeader>{t('actionCreate')}</AccordionHeader>
                <AccordionPanel>
                  <Text className={styles.hint}>{t('actionCreateHint')}</Text>
                  <TemplateForm
                    language={language}
                    busy={isBusy}
                    defaultYear={defaultYear}
                    onCreate={(o) => void createWorkbook(o)}
                  />
                </AccordionPanel>
              </AccordionItem>
            </Accordion>
          </section>

          {(ranking || findings) && <Divider />}
          <section className={styles.results} aria-live="polite">
            {ranking && <RankingResult language={language} ranking={ranking} topN={rankedTopN} lines={rankedLines} />}
            {findings && (
              <>
                <h2 className={styles.sectionTitle}>{t('findingsTitle')}</h2>
                <FindingList
                  language={language}
                  findings={findings}
                  onSelect={selectCell}
                  onHighlight={highlight}
                  highlighted={highlighted}
                />
              </>
            )}
          </section>
        </>
      )}

      {confirm && (
        <ConfirmReplaceDialog
          language={language}
          sheets={confirm.sheets}
          foreign={confirm.foreign}
          onCancel={() => {
            setConfirm(null);
            setNotice({ intent: 'info', text: t('cancelled') });
          }}
          onReplace={() => {
            const pending = confirm;
            setConfirm(null);
            void run('writing', pending.replace);
          }}
        />
      )}
    </main>
  );
}
