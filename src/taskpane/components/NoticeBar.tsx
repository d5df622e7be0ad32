import {
  Button,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
} from '@fluentui/react-components';
import { translate, type Language } from '../../i18n/messages';

export type NoticeIntent = 'error' | 'warning' | 'success' | 'info';

export interface Notice {
  readonly intent: NoticeIntent;
  readonly text: string;
}

export interface NoticeBarProps {
  readonly language: Language;
  readonly notice: Notice;
  readonly onDismiss: () => void;
  /** `multiline` (default) in the narrow pane; the wide workbench bar uses `singleline`. */
  readonly layout?: 'singleline' | 'multiline';
}

/** Every error and outcome of an action is shown here, in the user's language; nothing is swallowed. */
export function NoticeBar({ language, notice, onDismiss, layout = 'multiline' }: NoticeBarProps) {
  return (
    <MessageBar
      intent={notice.intent}
      role={notice.intent === 'error' ? 'alert' : 'status'}
      layout={layout}
    >
      <MessageBarBody>
        {notice.intent === 'error' && (
          <MessageBarTitle>{translate(language, 'errorTitle')}</MessageBarTitle>
        )}
        {notice.text}
      </MessageBarBody>
      <MessageBarActions>
        <Button size="small" appearance="transparent" onClick={onDismiss}>
          {translate(language, 'dismiss')}
        </Button>
      </MessageBarActions>
    </MessageBar>
  );
}
