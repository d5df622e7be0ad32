/**
 * Entry of taskpane.html. In Excel: the pane over the Office.js port. In a plain browser (Office
 * reports no host, or office.js is not on the page): the workbench over an in-browser workbook.
 * The Office adapter and ExcelJS are loaded lazily, so each mode fetches only what it uses.
 */
import { createRoot, type Root } from 'react-dom/client';
import { FluentProvider, MessageBar, MessageBarBody, MessageBarTitle, Spinner, webLightTheme } from '@fluentui/react-components';
import type { XlRequestContext } from '../excel/xl';
import { translate, type Language, type MessageKey } from '../i18n/messages';
import { App } from './components/App';
import { defaultEngine } from './defaultEngine';
import { describeError } from './describeError';
import { detectHost, type OfficeLike } from './host';
import { themeForOffice } from './officeTheme';

const ONREADY_TIMEOUT_MS = 15_000;

function browserLanguage(): Language {
  return typeof navigator !== 'undefined' && /^en/i.test(navigator.language) ? 'en-US' : 'zh-CN';
}

function renderStatus(root: Root, language: Language, key: MessageKey, params?: Record<string, string | number>, error = false) {
  root.render(
    <FluentProvider theme={webLightTheme}>
      {error ? (
        <MessageBar intent="error" layout="multiline" role="alert">
          <MessageBarBody>
            <MessageBarTitle>{translate(language, 'errorTitle')}</MessageBarTitle>
            {translate(language, key, params)}
          </MessageBarBody>
        </MessageBar>
      ) : (
        <Spinner label={translate(language, key, params)} />
      )}
    </FluentProvider>,
  );
}

async function startExcel(root: Root): Promise<void> {
  const { createOfficeWorkbook } = await import(/* webpackChunkName: "office-adapter" */ '../excel/officeWorkbook');
  const port = createOfficeWorkbook((batch) => Excel.run((context) => batch(context as unknown as XlRequestContext)), {
    settings: Office.context.document.settings,
    supports: (set, version) => Office.context.requirements.isSetSupported(set, version),
  });
  const theme = themeForOffice(Office.context.officeTheme?.bodyBackgroundColor);
  const settings = await port.loadSettings();
  root.render(<App port={port} engine={defaultEngine} theme={theme} initialSettings={settings ?? undefined} />);
}

async function start(): Promise<void> {
  const container = document.getElementById('container') ?? document.body.appendChild(document.createElement('div'));
  const root = createRoot(container);
  const language = browserLanguage();
  renderStatus(root, language, 'bootWaiting');
  try {
    const office = typeof Office === 'undefined' ? undefined : (Office as unknown as OfficeLike);
    const host = await detectHost(office, ONREADY_TIMEOUT_MS);
    switch (host.kind) {
      case 'excel':
        await startExcel(root);
        return;
      case 'browser': {
        renderStatus(root, language, 'wbLoading');
        const { startWorkbench } = await import(/* webpackChunkName: "workbench" */ '../workbench/startWorkbench');
        await startWorkbench(root, defaultEngine);
        return;
      }
      case 'other':
        renderStatus(root, language, 'bootOtherHost', { host: host.host }, true);
        return;
      case 'timeout':
        renderStatus(root, language, 'bootTimeout', { seconds: ONREADY_TIMEOUT_MS / 1000 }, true);
        return;
    }
  } catch (error) {
    renderStatus(root, language, 'bootFailed', { message: describeError(language, error) }, true);
  }
}

void start();
