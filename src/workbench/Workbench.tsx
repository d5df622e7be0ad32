import { useEffect, useRef, useState, useSyncExternalStore } from 'react';
import {
  Button,
  FluentProvider,
  makeStyles,
  Tab,
  TabList,
  Text,
  tokens,
  webLightTheme,
  type Theme,
} from '@fluentui/react-components';
import type ExcelJS from 'exceljs';
import { recogniseWorkbookFile } from '../engine/ledger/fileKind';
import { pick, translate, type Language } from '../i18n/messages';
import { Pane } from '../taskpane/components/Pane';
import { NoticeBar, type Notice } from '../taskpane/components/NoticeBar';
import { describeError } from '../taskpane/describeError';
import type { PaneEngine } from '../taskpane/paneEngine';
import { ConfirmDiscardDialog } from './ConfirmDiscardDialog';
import { ExcelJsWorkbook } from './excelJsWorkbook';
import { SheetGridView } from './SheetGridView';

const useStyles = makeStyles({
  provider: { height: '100vh', display: 'flex', flexDirection: 'column' },
  bar: {
    display: 'flex',
    alignItems: 'center',
    flexWrap: 'wrap',
    columnGap: tokens.spacingHorizontalM,
    rowGap: tokens.spacingVerticalS,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalL}`,
    backgroundColor: tokens.colorBrandBackground,
    color: tokens.colorNeutralForegroundOnBrand,
  },
  barTitle: {
    fontWeight: tokens.fontWeightSemibold,
    fontSize: tokens.fontSizeBase400,
    marginRight: tokens.spacingHorizontalM,
  },
  barIntro: { flexBasis: '100%', fontSize: tokens.fontSizeBase200, opacity: 0.9 },
  fileName: { fontSize: tokens.fontSizeBase200 },
  hiddenInput: { display: 'none' },
  body: { display: 'flex', flexGrow: 1, minHeight: 0 },
  sheetArea: {
    display: 'flex',
    flexDirection: 'column',
    flexGrow: 1,
    minWidth: 0,
    borderRight: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1}`,
  },
  tabs: {
    borderTop: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    backgroundColor: tokens.colorNeutralBackground2,
    overflowX: 'auto',
    flexShrink: 0,
  },
  empty: { padding: tokens.spacingHorizontalXL, color: tokens.colorNeutralForeground3 },
  pane: {
    width: '380px',
    flexShrink: 0,
    overflowY: 'auto',
    backgroundColor: tokens.colorNeutralBackground1,
  },
  notice: { padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalL} 0` },
});

export interface WorkbenchProps {
  /** The ExcelJS module (loaded lazily by the boot code). */
  readonly excel: typeof ExcelJS;
  readonly engine: PaneEngine;
  readonly theme?: Theme;
  /** A workbook to start with (tests); otherwise an empty one. */
  readonly initial?: ExcelJsWorkbook;
}

let portCounter = 0;

function stem(fileName: string): string {
  return fileName.replace(/\.xlsx$/i, '') || 'kaohe';
}

/**
 * The task pane outside Office: the same `Pane` beside a plain grid of an in-browser workbook.
 * Files are read with the File API and saved with a Blob URL; nothing is sent anywhere.
 */
export function Workbench({ excel, engine, theme = webLightTheme, initial }: WorkbenchProps) {
  const styles = useStyles();
  const [port, setPort] = useState<{ id: number; workbook: ExcelJsWorkbook }>(() => ({
    id: portCounter++,
    workbook: initial ?? new ExcelJsWorkbook(new excel.Workbook()),
  }));
  const [fileName, setFileName] = useState<string | null>(null);
  const [notice, setNotice] = useState<Notice | null>(null);
  const input = useRef<HTMLInputElement | null>(null);
  /** A file to open (or null: a blank workbook) waiting for the user to agree to lose the current one. */
  const [discarding, setDiscarding] = useState<{ file: File | null } | null>(null);
  const workbook = port.workbook;
  const view = useSyncExternalStore(
    (listener) => workbook.subscribe(listener),
    () => workbook.view,
  );
  const language: Language = workbook.currentSettings?.language ?? 'zh-CN';
  const [sheets, setSheets] = useState<string[]>([]);

  useEffect(() => {
    let live = true;
    workbook.listSheets().then(
      (names) => live && setSheets(names),
      (error: unknown) =>
        live && setNotice({ intent: 'error', text: describeError(language, error) }),
    );
    return () => {
      live = false;
    };
  }, [workbook, view.version, language]);

  const open = async (file: File) => {
    try {
      const data = await file.arrayBuffer();
      // An .ods, .xls, CSV… would open as an empty workbook or fail deep in the zip reader.
      const verdict = recogniseWorkbookFile(new Uint8Array(data), file.name);
      if (!verdict.ok) {
        setNotice({ intent: 'error', text: pick(language, verdict) });
        return;
      }
      const wb = new excel.Workbook();
      await wb.xlsx.load(data);
      const next = new ExcelJsWorkbook(wb);
      const settings = workbook.currentSettings;
      if (settings) await next.saveSettings(settings);
      setPort({ id: portCounter++, workbook: next });
      setFileName(file.name);
      setNotice({ intent: 'success', text: translate(language, 'wbLoaded', { name: file.name }) });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      setNotice({
        intent: 'error',
        text: translate(language, 'wbOpenFailed', { name: file.name, message }),
      });
    }
  };

  const blank = async () => {
    const next = new ExcelJsWorkbook(new excel.Workbook());
    const settings = workbook.currentSettings;
    if (settings) await next.saveSettings(settings);
    setPort({ id: portCounter++, workbook: next });
    setFileName(null);
    setNotice(null);
  };

  /** Opens a file or a blank workbook, asking first when the current one has writes not downloaded. */
  const replaceWorkbook = (file: File | null) => {
    if (workbook.unsaved) setDiscarding({ file });
    else void (file ? open(file) : blank());
  };

  const download = async () => {
    try {
      const bytes = await workbook.toXlsx();
      const url = URL.createObjectURL(
        new Blob([bytes], {
          type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        }),
      );
      const link = document.createElement('a');
      link.href = url;
      link.download = `${stem(fileName ?? 'kaohe')}-结果.xlsx`;
      document.body.appendChild(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch (error) {
      setNotice({ intent: 'error', text: describeError(language, error) });
    }
  };

  const active =
    view.activeSheet && sheets.includes(view.activeSheet) ? view.activeSheet : (sheets[0] ?? null);
  const worksheet = active ? workbook.workbook.getWorksheet(active) : undefined;
  const marked = new Set(
    [...view.highlighted]
      .filter((key) => key.startsWith(`${active ?? ''}!`))
      .map((key) => key.slice((active ?? '').length + 1)),
  );

  return (
    <FluentProvider theme={theme} className={styles.provider} lang={language}>
      <header className={styles.bar}>
        <span className={styles.barTitle}>{translate(language, 'wbTitle')}</span>
        <Button appearance="secondary" onClick={() => input.current?.click()}>
          {translate(language, 'wbOpen')}
        </Button>
        <input
          ref={input}
          className={styles.hiddenInput}
          type="file"
          accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          aria-label={translate(language, 'wbOpen')}
          data-testid="open-file"
          onChange={(event) => {
            const file = event.target.files?.[0];
            event.target.value = '';
            if (file) replaceWorkbook(file);
          }}
        />
        <Button appearance="secondary" onClick={() => replaceWorkbook(null)}>
          {translate(language, 'wbNew')}
        </Button>
        <Button
          appearance="secondary"
          disabled={sheets.length === 0}
          onClick={() => void download()}
        >
          {translate(language, 'wbDownload')}
        </Button>
        {fileName && <span className={styles.fileName}>{fileName}</span>}
        <span className={styles.barIntro}>{translate(language, 'wbIntro')}</span>
      </header>
      {notice && (
        <div className={styles.notice}>
          <NoticeBar
            language={language}
            notice={notice}
            layout="singleline"
            onDismiss={() => setNotice(null)}
          />
        </div>
      )}
      <div className={styles.body}>
        <section className={styles.sheetArea} aria-label={translate(language, 'wbSheets')}>
          {worksheet ? (
            <SheetGridView
              language={language}
              worksheet={worksheet}
              selected={view.selection?.sheet === active ? view.selection.address : null}
              marked={marked}
              version={view.version}
            />
          ) : (
            <Text className={styles.empty}>{translate(language, 'wbNoSheets')}</Text>
          )}
          {sheets.length > 0 && (
            <TabList
              className={styles.tabs}
              size="small"
              selectedValue={active ?? undefined}
              onTabSelect={(_e, data) => workbook.activate(String(data.value))}
              aria-label={translate(language, 'wbSheets')}
            >
              {sheets.map((name) => (
                <Tab key={name} value={name}>
                  {name}
                </Tab>
              ))}
            </TabList>
          )}
        </section>
        <aside className={styles.pane}>
          <Pane
            key={port.id}
            port={workbook}
            engine={engine}
            initialSettings={workbook.currentSettings ?? undefined}
          />
        </aside>
      </div>
      {discarding && (
        <ConfirmDiscardDialog
          language={language}
          fileName={discarding.file?.name ?? null}
          onCancel={() => setDiscarding(null)}
          onDiscard={() => {
            const { file } = discarding;
            setDiscarding(null);
            void (file ? open(file) : blank());
          }}
        />
      )}
    </FluentProvider>
  );
}
