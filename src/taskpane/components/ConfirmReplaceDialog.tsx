import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { translate, type Language } from '../../i18n/messages';

const useStyles = makeStyles({
  foreign: { color: tokens.colorPaletteRedForeground1, marginTop: tokens.spacingVerticalS },
});

export interface ConfirmReplaceDialogProps {
  readonly language: Language;
  /** Kaohe's own sheets that exist and would be replaced. */
  readonly sheets: readonly string[];
  /** Sheets never replaced: not created by Kaohe, or input sheets holding the user's data. */
  readonly foreign: readonly string[];
  readonly onReplace: () => void;
  readonly onCancel: () => void;
}

/**
 * Asks before replacing sheets. When any of them may never be replaced (not made by Kaohe, or an
 * input sheet holding the user's data) the only answer is to close: nothing is written.
 */
export function ConfirmReplaceDialog({
  language,
  sheets,
  foreign,
  onReplace,
  onCancel,
}: ConfirmReplaceDialogProps) {
  const styles = useStyles();
  const own = sheets.filter((name) => !foreign.includes(name));
  const canReplace = foreign.length === 0 && own.length > 0;
  return (
    <Dialog
      open
      modalType="alert"
      onOpenChange={(_event, data) => (data.open ? undefined : onCancel())}
    >
      <DialogSurface>
        <DialogBody>
          <DialogTitle>{translate(language, 'confirmTitle')}</DialogTitle>
          <DialogContent>
            {own.length > 0 && (
              <div>{translate(language, 'confirmReplaceBody', { sheets: own.join('、') })}</div>
            )}
            {foreign.length > 0 && (
              <div className={styles.foreign} role="note">
                {translate(language, 'confirmForeign', { sheets: foreign.join('、') })}
              </div>
            )}
          </DialogContent>
          <DialogActions>
            {canReplace && (
              <Button appearance="primary" onClick={onReplace}>
                {translate(language, 'confirmReplace')}
              </Button>
            )}
            <Button appearance={canReplace ? 'secondary' : 'primary'} onClick={onCancel}>
              {translate(language, canReplace ? 'cancel' : 'close')}
            </Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
