import { useState } from 'react';
import {
  Button,
  Field,
  makeStyles,
  Radio,
  RadioGroup,
  SpinButton,
  Switch,
  tokens,
} from '@fluentui/react-components';
import type { PaneSettings } from '../../excel/port';
import { translate, type Language } from '../../i18n/messages';

const useStyles = makeStyles({
  root: {
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalM,
    maxWidth: '320px',
  },
});

export interface SettingsPanelProps {
  readonly language: Language;
  readonly settings: PaneSettings;
  readonly busy: boolean;
  readonly onSave: (settings: PaneSettings) => void;
}

const MAX_PLACES = 100;

function validPlaces(value: number): boolean {
  return Number.isInteger(value) && value >= 0 && value <= MAX_PLACES;
}

/** Top N, bottom N, rank within class and language; saved in the document by the pane. */
export function SettingsPanel({ language, settings, busy, onSave }: SettingsPanelProps) {
  const styles = useStyles();
  const [draft, setDraft] = useState<PaneSettings>(settings);
  const valid = validPlaces(draft.topN) && validPlaces(draft.bottomN);
  const spin =
    (key: 'topN' | 'bottomN') =>
    (_event: unknown, data: { value?: number | null; displayValue?: string }) => {
      const raw = data.value ?? (data.displayValue === undefined ? NaN : Number(data.displayValue));
      setDraft((d) => ({ ...d, [key]: raw ?? NaN }));
    };
  return (
    <form
      className={styles.root}
      onSubmit={(event) => {
        event.preventDefault();
        if (valid) onSave(draft);
      }}
    >
      <Field
        label={translate(language, 'settingsTopN')}
        validationMessage={
          validPlaces(draft.topN) ? undefined : translate(language, 'settingsInvalid')
        }
      >
        <SpinButton
          value={Number.isNaN(draft.topN) ? null : draft.topN}
          min={0}
          max={MAX_PLACES}
          onChange={spin('topN')}
        />
      </Field>
      <Field
        label={translate(language, 'settingsBottomN')}
        validationMessage={
          validPlaces(draft.bottomN) ? undefined : translate(language, 'settingsInvalid')
        }
      >
        <SpinButton
          value={Number.isNaN(draft.bottomN) ? null : draft.bottomN}
          min={0}
          max={MAX_PLACES}
          onChange={spin('bottomN')}
        />
      </Field>
      <Switch
        checked={draft.byClass}
        label={translate(language, 'settingsByClass')}
        onChange={(_event, data) => setDraft((d) => ({ ...d, byClass: data.checked }))}
      />
      <Field label={translate(language, 'settingsLanguage')}>
        <RadioGroup
          value={draft.language}
          layout="horizontal"
          onChange={(_event, data) =>
            setDraft((d) => ({ ...d, language: data.value === 'en-US' ? 'en-US' : 'zh-CN' }))
          }
        >
          <Radio value="zh-CN" label="中文" />
          <Radio value="en-US" label="English" />
        </RadioGroup>
      </Field>
      <div>
        <Button type="submit" appearance="primary" disabled={busy || !valid}>
          {translate(language, 'settingsSave')}
        </Button>
      </div>
    </form>
  );
}
