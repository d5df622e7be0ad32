import { FluentProvider, makeStyles, webLightTheme, type Theme } from '@fluentui/react-components';
import type { PaneSettings, WorkbookPort } from '../../excel/port';
import type { PaneEngine } from '../paneEngine';
import { Pane } from './Pane';

const useStyles = makeStyles({
  provider: { height: '100%' },
});

export interface AppProps {
  readonly port: WorkbookPort;
  readonly engine: PaneEngine;
  /** Follows the Office theme in Excel; light in the workbench. */
  readonly theme?: Theme;
  readonly initialSettings?: PaneSettings;
  readonly defaultYear?: number;
  readonly startupWarnings?: readonly { readonly zh: string; readonly en: string }[];
}

/** The one FluentProvider of the pane. */
export function App({
  port,
  engine,
  theme = webLightTheme,
  initialSettings,
  defaultYear,
  startupWarnings,
}: AppProps) {
  const styles = useStyles();
  return (
    <FluentProvider theme={theme} className={styles.provider}>
      <Pane
        port={port}
        engine={engine}
        initialSettings={initialSettings}
        defaultYear={defaultYear}
        startupWarnings={startupWarnings}
      />
    </FluentProvider>
  );
}
