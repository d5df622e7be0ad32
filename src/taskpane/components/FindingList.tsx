import { useMemo, useState } from 'react';
import {
  Badge,
  Button,
  Field,
  Input,
  makeStyles,
  Text,
  ToggleButton,
  tokens,
} from '@fluentui/react-components';
import type { Finding } from '../../engine/ledger/types';
import type { CellRef } from '../../excel/port';
import { pick, translate, type Language } from '../../i18n/messages';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalS },
  toolbar: {
    display: 'flex',
    alignItems: 'flex-end',
    columnGap: tokens.spacingHorizontalS,
    flexWrap: 'wrap',
  },
  filter: { flexGrow: 1, minWidth: '140px' },
  group: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalXS },
  groupTitle: {
    display: 'flex',
    alignItems: 'center',
    columnGap: tokens.spacingHorizontalS,
    fontWeight: tokens.fontWeightSemibold,
  },
  list: {
    listStyleType: 'none',
    margin: 0,
    padding: 0,
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalXXS,
  },
  item: {
    justifyContent: 'flex-start',
    textAlign: 'start',
    width: '100%',
    height: 'auto',
    paddingTop: tokens.spacingVerticalXS,
    paddingBottom: tokens.spacingVerticalXS,
    fontWeight: tokens.fontWeightRegular,
  },
  itemText: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalXXS },
  where: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
  errorMark: { borderLeft: `${tokens.strokeWidthThick} solid ${tokens.colorPaletteRedBorder2}` },
  warningMark: {
    borderLeft: `${tokens.strokeWidthThick} solid ${tokens.colorPaletteYellowBorder2}`,
  },
});

export interface FindingListProps {
  readonly language: Language;
  readonly findings: readonly Finding[];
  /** Selects the finding's cell in the workbook. */
  readonly onSelect: (ref: CellRef) => void;
  /** Marks (true) or unmarks (false) the cells of the listed findings. */
  readonly onHighlight: (refs: readonly CellRef[] | null) => void;
  readonly highlighted: boolean;
}

/** A cell reference as the user reads it, e.g. `乡镇台账!C5`. */
export function refText(finding: Finding): string {
  return finding.cell ? `${finding.sheet}!${finding.cell}` : finding.sheet;
}

export function matchesFilter(finding: Finding, filter: string): boolean {
  const needle = filter.trim().toLowerCase();
  if (needle === '') return true;
  return [finding.unit, finding.code, finding.sheet, finding.cell]
    .filter((part): part is string => typeof part === 'string')
    .some((part) => part.toLowerCase().includes(needle));
}

/** Findings grouped by severity (errors block ranking, warnings do not), filterable, clickable. */
export function FindingList({
  language,
  findings,
  onSelect,
  onHighlight,
  highlighted,
}: FindingListProps) {
  const styles = useStyles();
  const [filter, setFilter] = useState('');
  const visible = useMemo(
    () => findings.filter((f) => matchesFilter(f, filter)),
    [findings, filter],
  );
  const errors = visible.filter((f) => f.severity === 'error');
  const warnings = visible.filter((f) => f.severity === 'warning');
  const cellRefs: CellRef[] = visible.flatMap((f) =>
    f.cell ? [{ sheet: f.sheet, address: f.cell }] : [],
  );

  if (findings.length === 0) return <Text>{translate(language, 'findingsNone')}</Text>;

  const renderGroup = (severity: 'error' | 'warning', items: readonly Finding[]) => (
    <section
      className={styles.group}
      aria-label={translate(language, severity === 'error' ? 'severityError' : 'severityWarning')}
    >
      <div className={styles.groupTitle}>
        <Badge appearance="filled" color={severity === 'error' ? 'danger' : 'warning'}>
          {items.length}
        </Badge>
        <span>
          {translate(language, severity === 'error' ? 'severityError' : 'severityWarning')}
        </span>
      </div>
      <ul className={styles.list}>
        {items.map((finding, index) => {
          const where = refText(finding);
          return (
            <li
              key={`${finding.rule}-${where}-${index}`}
              className={severity === 'error' ? styles.errorMark : styles.warningMark}
            >
              <Button
                appearance="subtle"
                className={styles.item}
                title={finding.cell ? translate(language, 'goToCell', { ref: where }) : undefined}
                onClick={() => onSelect({ sheet: finding.sheet, address: finding.cell ?? 'A1' })}
              >
                <span className={styles.itemText}>
                  <span>{pick(language, finding)}</span>
                  <span className={styles.where}>
                    {finding.cell ? where : `${where}（${translate(language, 'wholeSheet')}）`}
                    {finding.unit ? ` · ${finding.unit}` : ''}
                    {finding.code ? ` · ${finding.code}` : ''}
                  </span>
                </span>
              </Button>
            </li>
          );
        })}
      </ul>
    </section>
  );

  return (
    <div className={styles.root}>
      <div className={styles.toolbar}>
        <Field className={styles.filter} label={translate(language, 'filterLabel')}>
          <Input
            value={filter}
            placeholder={translate(language, 'filterPlaceholder')}
            onChange={(_e, data) => setFilter(data.value)}
          />
        </Field>
        <ToggleButton
          checked={highlighted}
          title={translate(language, 'highlightHint')}
          disabled={!highlighted && cellRefs.length === 0}
          onClick={() => onHighlight(highlighted ? null : cellRefs)}
        >
          {translate(language, highlighted ? 'highlightOff' : 'highlightOn')}
        </ToggleButton>
      </div>
      <Text>
        {translate(language, 'findingsSummary', {
          errors: errors.length,
          warnings: warnings.length,
        })}
      </Text>
      {visible.length === 0 && <Text>{translate(language, 'filterNoMatch')}</Text>}
      {errors.length > 0 && renderGroup('error', errors)}
      {warnings.length > 0 && renderGroup('warning', warnings)}
    </div>
  );
}
