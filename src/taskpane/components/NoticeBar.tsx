import { Button, MessageBar, MessageBarActions, MessageBarBody, MessageBarTitle } from '@fluentui/react-components';
import { translate, type Language } from '../../i18n/messages';

/** Notices up to this many characters fit on one line with their button. */
const SHORT = 40;

export type NoticeIntent = 'error' | 'warning' | 'success' | 'info';

export interface Notice {
  readonly intent: NoticeIntent;
  readonly text: string;
}

export interface NoticeBarProps {
  readonly language: Language;
  readonly notice: Notice;
  readonly onDismiss: () => void;
}

/** Every error and outcome of an action is shown here, in the user's language; nothing is swallowed. */
export function NoticeBar({ language, notice, onDismiss }: NoticeBarProps) {
  return (
    <MessageBar intent={notice.intent} role={notice.intent === 'error' ? 'alert' : 'status'} layout={notice.text.length > SHORT ? 'multiline' : 'singleline'}>
      <MessageBarBody>
        {notice.intent === 'error' && <MessageBarTitle>{translate(language, 'errorTitle')}</MessageBarTitle>}
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
