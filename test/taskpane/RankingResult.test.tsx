/** @jest-environment jsdom */
import { render, screen } from '@testing-library/react';
import type { Ranking } from '../../src/engine/types';
import { RankingResult } from '../../src/taskpane/components/RankingResult';
import { unit } from './fakes';

/** Totals 900, 880, 870, 870, 860, 850, 700: ranks 1, 2, 3, 3, 5, 6, 7 (RANK.EQ), flags for top 5. */
function ranking(topN: number, bottomN = 2): Ranking {
  const totals = [900, 880, 870, 870, 860, 850, 700];
  const ranks = [1, 2, 3, 3, 5, 6, 7];
  const names = ['甲镇', '乙镇', '丙镇', '丁镇', '戊镇', '己镇', '庚镇'];
  return {
    units: names.map((name, i) => {
      const rank = ranks[i]!;
      const fromBottom = 8 - rank - (rank === 3 ? 1 : 0);
      const flags = [
        ...(rank <= topN ? (['一票优先'] as const) : []),
        ...(fromBottom <= bottomN ? (['黄牌警告'] as const) : []),
      ];
      return unit(name, {
        total: totals[i]!,
        rank: { party: rank, fp: rank, total: rank, class: null },
        flags: [...flags],
      });
    }),
    departments: [],
    flagNotice: null,
  };
}

describe('RankingResult', () => {
  it.each([
    [5, 'zh-CN', '前 5 名', 5],
    [3, 'zh-CN', '前 3 名', 4],
    [1, 'en-US', 'Top 1', 1],
  ] as const)(
    'top %i: the heading and the list follow the setting (%s)',
    (topN, language, heading, count) => {
      render(<RankingResult language={language} ranking={ranking(topN)} topN={topN} />);
      expect(screen.getByRole('heading', { name: heading })).toBeTruthy();
      expect(screen.getAllByTestId('top-unit')).toHaveLength(count);
    },
  );

  it('shows each top unit\'s score on every line of the scheme, by the scheme\'s names, and nothing for one line', () => {
    const lines = [
      { code: 'A', labelZh: '党政综合', labelEn: 'Party and government' },
      { code: 'J', labelZh: '计生业务', labelEn: 'Family planning work' },
    ];
    const r: Ranking = { ...ranking(1), units: [unit('城关镇', { lines: { A: 91, J: 100 }, flags: ['一票优先'] })] };
    const { unmount } = render(<RankingResult language="zh-CN" ranking={r} topN={1} lines={lines} />);
    expect(screen.getByTestId('top-unit-lines').textContent).toBe('党政综合 91 · 计生业务 100');
    unmount();
    render(<RankingResult language="en-US" ranking={r} topN={1} lines={lines.slice(0, 1)} />);
    expect(screen.queryByTestId('top-unit-lines')).toBeNull();
  });

  it('shows ranks, not list positions: ties say so and no list number contradicts them', () => {
    const { container } = render(<RankingResult language="zh-CN" ranking={ranking(5)} topN={5} />);
    const top = screen.getAllByTestId('top-unit').map((li) => li.textContent);
    expect(top).toEqual([
      '第 1 名 甲镇 · 900 分',
      '第 2 名 乙镇 · 880 分',
      '第 3 名（并列） 丙镇 · 870 分',
      '第 3 名（并列） 丁镇 · 870 分',
      '第 5 名 戊镇 · 860 分',
    ]);
    // No numbered list: its "4." would sit next to 第 3 名.
    expect(container.querySelector('ol')).toBeNull();
    const list = screen.getAllByTestId('top-unit')[0]!.parentElement!;
    expect(getComputedStyle(list).listStyleType).toBe('none');
  });

  it('says “tied” in English too, and in the yellow-card list', () => {
    render(<RankingResult language="en-US" ranking={ranking(3, 5)} topN={3} />);
    expect(screen.getAllByTestId('top-unit')[2]!.textContent).toBe(
      'No. 3 (tied) 丙镇 · 870 points',
    );
    expect(screen.getAllByTestId('yellow-unit').map((li) => li.textContent)).toContain(
      '丁镇 · No. 3 (tied)',
    );
  });

  it('top 0 turns the top places off: no such section', () => {
    render(<RankingResult language="zh-CN" ranking={ranking(0)} topN={0} />);
    expect(screen.queryByTestId('top-unit')).toBeNull();
    expect(screen.queryByRole('heading', { name: /前 0 名/ })).toBeNull();
  });
});
