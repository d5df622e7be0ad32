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
  warning: { marginTop: tokens.spacingVerticalS, fontWeight: tokens.fontWeightSemibold },
});

export interface ConfirmReplaceDialogProps {
  readonly language: Language;
  /** Kaohe's own sheets that exist and would be replaced. */
  readonly sheets: readonly string[];
  /** Sheets with the same names that Kaohe did not create: never replaced. */
  readonly foreign: readonly string[];
  /** Extra warning, e.g. that replacing ledger sheets loses what was typed into them. */
  readonly warning?: string;
  readonly onReplace: () => void;
  readonly onCancel: () => void;
}

/**
 * Asks before replacing sheets. When a sheet of the same name was not made by Kaohe the only
 * answer is to cancel: the pane never replaces a sheet it did not create.
 */
export function ConfirmReplaceDialog({
  language,
  sheets,
  foreign,
  warning,
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
            {canReplace && warning && <div className={styles.warning}>{warning}</div>}
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
