import { makeStyles, Text, tokens } from '@fluentui/react-components';
import type { Ranking, RankedUnit } from '../../engine/types';
import { formatNumber, pick, translate, type Language } from '../../i18n/messages';
import type { LineLabel } from '../paneEngine';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalM },
  section: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalXS },
  heading: { fontWeight: tokens.fontWeightSemibold, fontSize: tokens.fontSizeBase300, margin: 0 },
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalL },
  rankList: { margin: 0, paddingLeft: 0, listStyleType: 'none' },
  top: { color: tokens.colorPaletteGreenForeground1 },
  vetoed: { color: tokens.colorPaletteRedForeground1 },
  yellow: { color: tokens.colorPaletteMarigoldForeground1 },
  reason: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
  notice: { color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase200 },
});

export interface RankingResultProps {
  readonly language: Language;
  readonly ranking: Ranking;
  /** The top N the ranking was made with (its 一票优先 places); 0 turns the section off. */
  readonly topN: number;
  /** The scheme's lines of the units' kind: with two or more, each top unit shows its line scores. */
  readonly lines?: readonly LineLabel[];
}

/** `党政线 339 · 人口计生线 578`: a unit's score on each of the scheme's lines, by the scheme's names. */
export function lineScoresText(language: Language, unit: RankedUnit, lines: readonly LineLabel[]): string {
  return lines
    .map((l) => {
      const v = unit.lines[l.code];
      return `${language === 'en-US' ? l.labelEn : l.labelZh} ${v === null || v === undefined ? '—' : formatNumber(language, v)}`;
    })
    .join(' · ');
}

/** The units the engine flagged 一票优先 (ranked 1..topN by total, ties included), in ranking order. */
export function topUnits(ranking: Ranking): RankedUnit[] {
  return ranking.units.filter((u) => u.flags.includes('一票优先'));
}

/** `第 3 名`, or `第 3 名（并列）` when another unit shares the rank: the rank, never a list position. */
function rankText(language: Language, ranking: Ranking, unit: RankedUnit): string {
  const rank = unit.rank.total;
  if (rank === null) return '';
  const tied = ranking.units.some((u) => u !== unit && !u.vetoed && u.rank.total === rank);
  return (
    translate(language, 'resultRank', { rank }) + (tied ? translate(language, 'resultTied') : '')
  );
}

/** What the clerk wants to see after ranking: the top places, the vetoed and the yellow-carded towns. */
export function RankingResult({ language, ranking, topN, lines = [] }: RankingResultProps) {
  const styles = useStyles();
  const top = topUnits(ranking);
  const vetoed = ranking.units.filter((u) => u.vetoed);
  const yellow = ranking.units.filter((u) => u.flags.includes('黄牌警告'));
  const none = <Text>{translate(language, 'resultNone')}</Text>;
  return (
    <div className={styles.root} data-testid="ranking-result">
      {ranking.flagNotice && (
        <Text className={styles.notice} role="note" data-testid="flag-notice">
          {pick(language, ranking.flagNotice)}
        </Text>
      )}
      {topN > 0 && (
        <section className={styles.section} aria-labelledby="kaohe-top">
          <h3 id="kaohe-top" className={styles.heading}>
            {translate(language, 'resultTop', { n: topN })}
          </h3>
          {top.length === 0 ? (
            none
          ) : (
            // Not a numbered list: its numbers would contradict tied ranks (4. 第 3 名).
            <ul className={styles.rankList}>
              {top.map((u) => (
                <li key={u.unit} className={styles.top} data-testid="top-unit">
                  {rankText(language, ranking, u)} {u.unit}
                  {u.total !== null &&
                    ` · ${translate(language, 'resultPoints', { points: formatNumber(language, u.total) })}`}
                  {lines.length > 1 && (
                    <div className={styles.reason} data-testid="top-unit-lines">
                      {lineScoresText(language, u, lines)}
                    </div>
                  )}
                </li>
              ))}
            </ul>
          )}
        </section>
      )}
      <section className={styles.section} aria-labelledby="kaohe-vetoed">
        <h3 id="kaohe-vetoed" className={styles.heading}>
          {translate(language, 'resultVetoed')}
        </h3>
        {vetoed.length === 0 ? (
          none
        ) : (
          <ul className={styles.list}>
            {vetoed.map((u) => (
              <li key={u.unit} className={styles.vetoed} data-testid="vetoed-unit">
                {u.unit}
                <div className={styles.reason}>
                  {(language === 'en-US' ? u.vetoReasonsEn : u.vetoReasons).join('；')}
                </div>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section className={styles.section} aria-labelledby="kaohe-yellow">
        <h3 id="kaohe-yellow" className={styles.heading}>
          {translate(language, 'resultYellow')}
        </h3>
        {yellow.length === 0 ? (
          none
        ) : (
          <ul className={styles.list}>
            {yellow.map((u) => (
              <li key={u.unit} className={styles.yellow} data-testid="yellow-unit">
                {u.unit}
                {u.rank.total !== null && ` · ${rankText(language, ranking, u)}`}
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
