/**
 * Entry of taskpane.html. In Excel: the pane over the Office.js port. In a plain browser (Office
 * reports no host, or office.js is not on the page): the workbench over an in-browser workbook.
 * The Office adapter and ExcelJS are loaded lazily, so each mode fetches only what it uses.
 */
import { createRoot, type Root } from 'react-dom/client';
import {
  FluentProvider,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Spinner,
  webLightTheme,
} from '@fluentui/react-components';
import type { XlRequestContext } from '../excel/xl';
import { pick, translate, type Language } from '../i18n/messages';
import { bootOffice, DEFAULT_BOOT_TIMEOUT_MS, type BootResult } from './boot/officeBoot';
import { App } from './components/App';
import { defaultEngine } from './defaultEngine';
import { describeError } from './describeError';
import { themeForOffice } from './officeTheme';

function browserLanguage(): Language {
  return typeof navigator !== 'undefined' && /^en/i.test(navigator.language) ? 'en-US' : 'zh-CN';
}

function renderWaiting(root: Root, text: string) {
  root.render(
    <FluentProvider theme={webLightTheme}>
      <Spinner label={text} />
    </FluentProvider>,
  );
}

function renderProblems(root: Root, language: Language, messages: readonly string[]) {
  root.render(
    <FluentProvider theme={webLightTheme}>
      {messages.map((message) => (
        <MessageBar key={message} intent="error" layout="multiline" role="alert">
          <MessageBarBody>
            <MessageBarTitle>{translate(language, 'bootProblemsTitle')}</MessageBarTitle>
            {message}
          </MessageBarBody>
        </MessageBar>
      ))}
    </FluentProvider>,
  );
}

async function startExcel(root: Root, boot: BootResult): Promise<void> {
  const { createOfficeWorkbook } = await import(
    /* webpackChunkName: "office-adapter" */ '../excel/officeWorkbook'
  );
  const port = createOfficeWorkbook(
    (batch) => Excel.run((context) => batch(context as unknown as XlRequestContext)),
    {
      settings: Office.context.document.settings,
      supports: (set, version) => Office.context.requirements.isSetSupported(set, version),
    },
  );
  const theme = themeForOffice(Office.context.officeTheme?.bodyBackgroundColor);
  const settings = await port.loadSettings();
  const warnings = boot.details.filter((d) => d.severity === 'warning');
  root.render(
    <App
      port={port}
      engine={defaultEngine}
      theme={theme}
      initialSettings={settings ?? undefined}
      startupWarnings={warnings}
    />,
  );
}

async function start(): Promise<void> {
  const container =
    document.getElementById('container') ??
    document.body.appendChild(document.createElement('div'));
  const root = createRoot(container);
  const language = browserLanguage();
  renderWaiting(root, translate(language, 'bootWaiting'));
  try {
    const boot = await bootOffice({ timeoutMs: DEFAULT_BOOT_TIMEOUT_MS });
    if (boot.host === 'excel') {
      if (boot.blocking)
        renderProblems(
          root,
          language,
          boot.details.filter((d) => d.severity === 'error').map((d) => pick(language, d)),
        );
      else await startExcel(root, boot);
      return;
    }
    // Outside Office: Office.onReady said "no host", or office.js is not on the page at all.
    if (boot.officeJs === 'ready' || boot.officeJs === 'missing') {
      if (!boot.blocking) {
        renderWaiting(root, translate(language, 'wbLoading'));
        const { startWorkbench } = await import(
          /* webpackChunkName: "workbench" */ '../workbench/startWorkbench'
        );
        await startWorkbench(root, defaultEngine);
        return;
      }
    }
    renderProblems(
      root,
      language,
      boot.details.filter((d) => d.severity === 'error').map((d) => pick(language, d)),
    );
  } catch (error) {
    renderProblems(root, language, [
      translate(language, 'bootFailed', { message: describeError(language, error) }),
    ]);
  }
}

void start();
