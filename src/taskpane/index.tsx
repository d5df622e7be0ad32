/**
 * Entry of taskpane.html and workbench.html. workbench.html: the workbench over an in-browser
 * workbook, always. taskpane.html: when an Office application opened it (officeHost.ts), office.js
 * is loaded from the build's URL and the pane runs over the Office.js port; opened in a plain
 * browser it runs the workbench without ever loading office.js, so no request leaves the site.
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
import {
  BOOT_MESSAGES,
  bootOffice,
  DEFAULT_BOOT_TIMEOUT_MS,
  type BootResult,
} from './boot/officeBoot';
import { currentPageEnv, loadScript, openedByOffice } from './boot/officeHost';
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

function meta(name: string): string {
  return document.querySelector(`meta[name="${name}"]`)?.getAttribute('content') ?? '';
}

async function runWorkbench(root: Root, language: Language): Promise<void> {
  renderWaiting(root, translate(language, 'wbLoading'));
  const { startWorkbench } = await import(
    /* webpackChunkName: "workbench" */ '../workbench/startWorkbench'
  );
  await startWorkbench(root, defaultEngine);
}

async function start(): Promise<void> {
  const container =
    document.getElementById('container') ??
    document.body.appendChild(document.createElement('div'));
  const root = createRoot(container);
  const language = browserLanguage();
  try {
    // Outside Office nothing is fetched from Office's CDN: office.js is not even loaded.
    if (meta('kaohe-page') === 'workbench' || !openedByOffice(currentPageEnv())) {
      await runWorkbench(root, language);
      return;
    }
    renderWaiting(root, translate(language, 'bootWaiting'));
    const url = meta('kaohe-office-js-url');
    const load = await loadScript(document, url, DEFAULT_BOOT_TIMEOUT_MS);
    if (load !== 'loaded') {
      const problem =
        load === 'timeout'
          ? BOOT_MESSAGES.timeout(Math.round(DEFAULT_BOOT_TIMEOUT_MS / 1000))
          : BOOT_MESSAGES.blocked(url);
      renderProblems(root, language, [pick(language, problem)]);
      return;
    }
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
    // Office opened the page but office.js found no host (a signal office.js did not trust):
    // the workbench, as office.js itself would have it.
    if (boot.officeJs === 'ready' && !boot.blocking) {
      await runWorkbench(root, language);
      return;
    }
    // Errors, or (office.js loaded yet no Office global) whatever the boot found.
    const errors = boot.details.filter((d) => d.severity === 'error');
    renderProblems(
      root,
      language,
      (errors.length > 0 ? errors : boot.details).map((d) => pick(language, d)),
    );
  } catch (error) {
    renderProblems(root, language, [
      translate(language, 'bootFailed', { message: describeError(language, error) }),
    ]);
  }
}

void start();
