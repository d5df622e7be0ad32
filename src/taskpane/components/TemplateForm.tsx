import { useState } from 'react';
import { Button, Field, Input, makeStyles, Textarea, tokens } from '@fluentui/react-components';
import type { TemplateOptions } from '../paneEngine';
import { translate, type Language } from '../../i18n/messages';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalS },
});

export interface TemplateFormProps {
  readonly language: Language;
  readonly busy: boolean;
  readonly defaultYear: number;
  readonly onCreate: (options: TemplateOptions) => void;
}

/** Names typed one per line (or separated by commas), blanks dropped. */
export function splitNames(text: string): string[] {
  return text
    .split(/[\n,，、;；]+/)
    .map((name) => name.trim())
    .filter((name) => name !== '');
}

/** The 新建考核工作簿 action with its few inputs: year, towns, departments. */
export function TemplateForm({ language, busy, defaultYear, onCreate }: TemplateFormProps) {
  const styles = useStyles();
  const [year, setYear] = useState(String(defaultYear));
  const [units, setUnits] = useState('');
  const [departments, setDepartments] = useState('');
  const yearNumber = Number(year);
  const yearValid = Number.isInteger(yearNumber) && yearNumber >= 2000 && yearNumber <= 2100;
  return (
    <form
      className={styles.root}
      onSubmit={(event) => {
        event.preventDefault();
        if (yearValid)
          onCreate({
            year: yearNumber,
            units: splitNames(units),
            departments: splitNames(departments),
          });
      }}
    >
      <Field
        label={translate(language, 'createYear')}
        validationMessage={yearValid ? undefined : '2000–2100'}
      >
        <Input type="number" value={year} onChange={(_e, data) => setYear(data.value)} />
      </Field>
      <Field label={translate(language, 'createUnits')}>
        <Textarea value={units} resize="vertical" onChange={(_e, data) => setUnits(data.value)} />
      </Field>
      <Field label={translate(language, 'createDepartments')}>
        <Textarea
          value={departments}
          resize="vertical"
          onChange={(_e, data) => setDepartments(data.value)}
        />
      </Field>
      <div>
        <Button type="submit" disabled={busy || !yearValid}>
          {translate(language, 'actionCreate')}
        </Button>
      </div>
    </form>
  );
}
