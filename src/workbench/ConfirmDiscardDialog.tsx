import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
} from '@fluentui/react-components';
import { translate, type Language } from '../i18n/messages';

export interface ConfirmDiscardDialogProps {
  readonly language: Language;
  /** The file about to be opened, or null for a new blank workbook. */
  readonly fileName: string | null;
  readonly onDiscard: () => void;
  readonly onCancel: () => void;
}

/**
 * Asks before the workbench drops a workbook that holds results (or a template) not downloaded
 * yet: opening another file or a blank workbook would lose them.
 */
export function ConfirmDiscardDialog({
  language,
  fileName,
  onDiscard,
  onCancel,
}: ConfirmDiscardDialogProps) {
  return (
    <Dialog
      open
      modalType="alert"
      onOpenChange={(_event, data) => (data.open ? undefined : onCancel())}
    >
      <DialogSurface>
        <DialogBody>
          <DialogTitle>{translate(language, 'wbDiscardTitle')}</DialogTitle>
          <DialogContent>
            {fileName === null
              ? translate(language, 'wbDiscardForBlank')
              : translate(language, 'wbDiscardForFile', { name: fileName })}
          </DialogContent>
          <DialogActions>
            <Button appearance="primary" onClick={onCancel}>
              {translate(language, 'cancel')}
            </Button>
            <Button appearance="secondary" onClick={onDiscard}>
              {translate(language, fileName === null ? 'wbDiscardAndBlank' : 'wbDiscardAndOpen')}
            </Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
