import { makeStyles, Text, tokens } from '@fluentui/react-components';
import type { Ranking, RankedUnit } from '../../engine/types';
import { formatNumber, pick, translate, type Language } from '../../i18n/messages';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalM },
  section: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalXS },
  heading: { fontWeight: tokens.fontWeightSemibold, fontSize: tokens.fontSizeBase300, margin: 0 },
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalL },
  top: { color: tokens.colorPaletteGreenForeground1 },
  vetoed: { color: tokens.colorPaletteRedForeground1 },
  yellow: { color: tokens.colorPaletteMarigoldForeground1 },
  reason: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
  notice: { color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase200 },
});

export interface RankingResultProps {
  readonly language: Language;
  readonly ranking: Ranking;
}

/** Units ranked 1..3 by total (ties included), in ranking order. */
export function topThree(ranking: Ranking): RankedUnit[] {
  return ranking.units.filter((u) => !u.vetoed && u.rank.total !== null && u.rank.total <= 3);
}

/** What the clerk wants to see after ranking: the top three, the vetoed and the yellow-carded towns. */
export function RankingResult({ language, ranking }: RankingResultProps) {
  const styles = useStyles();
  const top = topThree(ranking);
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
      <section className={styles.section} aria-labelledby="kaohe-top">
        <h3 id="kaohe-top" className={styles.heading}>
          {translate(language, 'resultTop')}
        </h3>
        {top.length === 0 ? (
          none
        ) : (
          <ol className={styles.list}>
            {top.map((u) => (
              <li key={u.unit} className={styles.top} data-testid="top-unit">
                {translate(language, 'resultRank', { rank: u.rank.total ?? '' })} {u.unit}
                {u.total !== null &&
                  ` · ${translate(language, 'resultPoints', { points: formatNumber(language, u.total) })}`}
              </li>
            ))}
          </ol>
        )}
      </section>
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
                {u.rank.total !== null &&
                  ` · ${translate(language, 'resultRank', { rank: u.rank.total })}`}
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
