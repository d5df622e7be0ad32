/** @jest-environment jsdom */
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { App } from '../../src/taskpane/components/App';
import { KaoheError } from '../../src/engine/errors';
import { assessWorkbook } from '../../src/engine/assess';
import { goldenSheets, specsToGrid } from '../ledger/golden';
import { DEFAULT_SETTINGS } from '../../src/excel/port';
import { ERROR_FINDING, FakeEngine, FakePort, OUTPUT, RANKING, WARNING_FINDING } from './fakes';

// Role queries over Fluent's DOM are slow in jsdom, the more so on a busy CI machine.
jest.setTimeout(30_000);

function setup(prepare?: (port: FakePort, engine: FakeEngine) => void) {
  const port = new FakePort();
  const engine = new FakeEngine();
  prepare?.(port, engine);
  const view = render(<App port={port} engine={engine} defaultYear={2026} />);
  return { port, engine, view };
}

async function settle(port: FakePort) {
  await waitFor(() => expect(port.calls).toContain('loadSettings'));
}

describe('生成排名', () => {
  it('reads the input sheets, ranks with the settings, writes the output without replacing, and shows top three, vetoed and yellow card', async () => {
    const { port, engine } = setup((p) => {
      p.sheets.set('乡镇台账', false);
      p.settings = { ...DEFAULT_SETTINGS, topN: 5, bottomN: 2, byClass: true };
    });
    await settle(port);
    await waitFor(() => expect(port.settings?.topN).toBe(5));
    fireEvent.click(screen.getByRole('button', { name: '生成排名' }));
    await screen.findByTestId('ranking-result');
    expect(engine.assessed[0]!.options).toEqual({
      topN: 5,
      bottomN: 2,
      byClass: true,
      language: 'zh-CN',
    });
    expect(engine.assessed[0]!.grid.sheets.map((s) => s.name)).toEqual(['乡镇台账']);
    expect(port.written).toHaveLength(1);
    expect(port.written[0]!.specs).toBe(OUTPUT);
    expect(port.written[0]!.options).toMatchObject({ replace: false, activate: '排名汇总' });
    // The heading follows the top N the ranking was made with.
    expect(screen.getByRole('heading', { name: '前 5 名' })).toBeTruthy();
    const top = screen.getAllByTestId('top-unit').map((li) => li.textContent);
    expect(top).toEqual([
      '第 1 名 城关镇 · 912.5 分',
      '第 2 名 东山镇 · 900 分',
      '第 3 名 西河镇 · 880 分',
    ]);
    const vetoed = screen.getByTestId('vetoed-unit');
    expect(vetoed.textContent).toContain('北湖镇');
    expect(vetoed.textContent).toContain('90.77%');
    expect(screen.getByTestId('yellow-unit').textContent).toContain('南岭街道');
    expect(screen.getByText(/已生成排名/).textContent).toContain('1 个警告');
  });

  it('reads, in a second pass, the sheets the workbook\'s 方案 names (区台账), and only then', async () => {
    const { port, engine } = setup((p, e) => {
      p.sheets.set('方案', false);
      p.sheets.set('区台账', false);
      e.extraSheets = ['区台账'];
    });
    await settle(port);
    fireEvent.click(screen.getByRole('button', { name: '生成排名' }));
    await screen.findByTestId('ranking-result');
    expect(engine.assessed[0]!.grid.sheets.map((s) => s.name)).toEqual(['方案', '区台账']);
    expect(port.calls.filter((c) => c === 'readSheets')).toHaveLength(2);
  });

  it('reads once for the built-in layout', async () => {
    const { port } = setup((p) => p.sheets.set('乡镇台账', false));
    await settle(port);
    fireEvent.click(screen.getByRole('button', { name: '生成排名' }));
    await screen.findByTestId('ranking-result');
    expect(port.calls.filter((c) => c === 'readSheets')).toHaveLength(1);
  });

  it('refuses to rank while an error stands, writes nothing, and lists the error to click', async () => {
    const { port, engine } = setup((_p, e) => {
      e.assessment = { findings: [ERROR_FINDING, WARNING_FINDING], ranking: null, sheets: [] };
    });
    await settle(port);
    fireEvent.click(screen.getByRole('button', { name: '生成排名' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('1 个错误，未生成排名');
    expect(port.calls).not.toContain('writeSheets');
    expect(screen.queryByTestId('ranking-result')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: /P2 得分 25 超过满分 20/ }));
    await waitFor(() => expect(port.selected).toEqual([{ sheet: '乡镇台账', address: 'E7' }]));
    expect(engine.assessed).toHaveLength(1);
  });

  it('also refuses when the engine reports an error finding together with a ranking', async () => {
    const { port } = setup((_p, e) => {
      e.assessment = { findings: [ERROR_FINDING], ranking: RANKING, sheets: OUTPUT };
    });
    await settle(port);
    fireEvent.click(screen.getByRole('button', { name: '生成排名' }));
    await screen.findByRole('alert');
    expect(port.calls).not.toContain('writeSheets');
  });

  it('asks before replacing its own output sheets, and replaces only after 替换', async () => {
    const { port } = setup((p) => {
      p.sheets.set('排名汇总', true);
      p.sheets.set('部门排名', true);
    });
    await settle(port);
    fireEvent.click(screen.getByRole('button', { name: '生成排名' }));
    const dialog = await screen.findByRole('alertdialog');
    expect(dialog.textContent).toContain('排名汇总、部门排名');
    expect(port.written).toHaveLength(0);
    fireEvent.click(within(dialog).getByRole('button', { name: '替换' }));
    await screen.findByTestId('ranking-result');
    expect(port.written).toHaveLength(1);
    expect(port.written[0]!.options.replace).toBe(true);
  });

  it('cancelling the confirmation writes nothing', async () => {
    const { port } = setup((p) => p.sheets.set('排名汇总', true));
    await settle(port);
    fireEvent.click(screen.getByRole('button', { name: '生成排名' }));
    const dialog = await screen.findByRole('alertdialog');
    fireEvent.click(within(dialog).getByRole('button', { name: '取消' }));
    await screen.findByText('已取消，工作簿未改动。');
    expect(port.written).toHaveLength(0);
    expect(screen.queryByRole('alertdialog')).toBeNull();
  });

  it('never offers to replace a sheet Kaohe did not create, and says so', async () => {
    const { port } = setup((p) => {
      p.sheets.set('排名汇总', false);
      p.sheets.set('部门排名', true);
    });
    await settle(port);
    fireEvent.click(screen.getByRole('button', { name: '生成排名' }));
    const dialog = await screen.findByRole('alertdialog');
    expect(dialog.textContent).toContain('不会被替换：排名汇总。它们不是本助手创建的');
    expect(within(dialog).queryByRole('button', { name: '替换' })).toBeNull();
    fireEvent.click(within(dialog).getByRole('button', { name: '关闭' }));
    await waitFor(() => expect(screen.queryByRole('alertdialog')).toBeNull());
    expect(port.written).toHaveLength(0);
  });
});

describe('flags that cannot all be given (issue 10, item 4)', () => {
  const flagNotice = {
    ranked: 2,
    topN: 3,
    bottomN: 3,
    units: ['城关镇', '东山镇'],
    zh: '参加排名的只有 2 个单位，不够分别标记前 3 名和后 3 名：城关镇、东山镇 在前 3 名之内，只标记“一票优先”。',
    en: 'Only 2 units are ranked, too few to flag the top 3 and the bottom 3 apart: 城关镇, 东山镇 are marked 一票优先 only.',
  };

  it('shows the engine’s notice with the result, in the user language', async () => {
    const { port } = setup((_p, e) => {
      e.assessment = { findings: [], ranking: { ...RANKING, flagNotice }, sheets: OUTPUT };
    });
    await settle(port);
    fireEvent.click(screen.getByRole('button', { name: '生成排名' }));
    const notice = await screen.findByTestId('flag-notice');
    expect(notice.textContent).toContain(flagNotice.zh);
    fireEvent.click(screen.getByRole('button', { name: '切换到英文' }));
    await waitFor(() =>
      expect(screen.getByTestId('flag-notice').textContent).toContain(flagNotice.en),
    );
  });

  it('shows no notice when the flags fit', async () => {
    const { port } = setup();
    await settle(port);
    fireEvent.click(screen.getByRole('button', { name: '生成排名' }));
    await screen.findByTestId('ranking-result');
    expect(screen.queryByTestId('flag-notice')).toBeNull();
  });
});

describe('errors are shown, never swallowed', () => {
  it('shows a failing write in a MessageBar in Chinese', async () => {
    const { port } = setup((p) => {
      p.failNext = { method: 'writeSheets', error: new Error('RichApi.Error: 请求负载过大') };
    });
    await settle(port);
    fireEvent.click(screen.getByRole('button', { name: '生成排名' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('出错了');
    expect(alert.textContent).toContain('未知错误：RichApi.Error: 请求负载过大');
    // The pane is usable again afterwards.
    expect(screen.getByRole('button', { name: '生成排名' }).hasAttribute('disabled')).toBe(false);
  });

  it('shows an engine error in the user language', async () => {
    const { port } = setup((p, e) => {
      p.settings = { ...DEFAULT_SETTINGS, language: 'en-US' };
      e.assess = () => {
        throw new KaoheError(
          'scheme.points',
          '方案!C4：满分之和不等于 370',
          'Scheme!C4: points do not add up to 370',
        );
      };
    });
    await settle(port);
    const button = await screen.findByRole('button', { name: 'Generate ranking' });
    fireEvent.click(button);
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Scheme!C4: points do not add up to 370');
    fireEvent.click(within(alert).getByRole('button', { name: 'Dismiss' }));
    await waitFor(() => expect(screen.queryByRole('alert')).toBeNull());
  });

  it('shows a settings load failure', async () => {
    setup((p) => {
      p.failNext = { method: 'loadSettings', error: new Error('settings unavailable') };
    });
    expect((await screen.findByRole('alert')).textContent).toContain('settings unavailable');
  });
});

describe('检查数据', () => {
  it('groups findings by severity, filters by town or code, selects and marks cells', async () => {
    const { port } = setup((_p, e) => {
      e.assessment = { findings: [WARNING_FINDING, ERROR_FINDING], ranking: null, sheets: [] };
    });
    await settle(port);
    fireEvent.click(screen.getByRole('button', { name: '检查数据' }));
    const errors = await screen.findByRole('region', { name: '错误（阻止排名）' });
    const warnings = screen.getByRole('region', { name: '警告（不影响排名）' });
    expect(within(errors).getByText(/P2 得分 25/)).toBeTruthy();
    expect(within(warnings).getByText(/F3.3 与同类乡镇相差很大/)).toBeTruthy();
    expect(port.calls).not.toContain('writeSheets');

    const filter = screen.getByRole('textbox', { name: '按乡镇或指标代码筛选' });
    fireEvent.change(filter, { target: { value: 'f3.3' } });
    expect(screen.queryByRole('region', { name: '错误（阻止排名）' })).toBeNull();
    fireEvent.change(filter, { target: { value: '东山' } });
    expect(screen.queryByRole('region', { name: '警告（不影响排名）' })).toBeNull();
    fireEvent.change(filter, { target: { value: '' } });

    fireEvent.click(screen.getByRole('button', { name: '在表中标出' }));
    await waitFor(() => expect(port.highlighted).toHaveLength(2));
    expect(port.highlighted).toEqual([
      { sheet: '乡镇台账', address: 'H9' },
      { sheet: '乡镇台账', address: 'E7' },
    ]);
    fireEvent.click(await screen.findByRole('button', { name: '清除标记' }));
    await waitFor(() => expect(port.calls).toContain('clearHighlights'));
    expect(port.highlighted).toEqual([]);
  });

  it('says so when there is nothing to report', async () => {
    const { port } = setup((_p, e) => {
      e.assessment = { findings: [], ranking: RANKING, sheets: OUTPUT };
    });
    await settle(port);
    fireEvent.click(screen.getByRole('button', { name: '检查数据' }));
    await screen.findByText('未发现问题。');
  });
});

describe('items that separate no one (issue 10, item 9)', () => {
  it('shows the engine’s one warning with its whole list, as the whole sheet', async () => {
    const { findings } = assessWorkbook(specsToGrid(goldenSheets()));
    const { port } = setup((_p, e) => {
      e.assessment = { findings, ranking: null, sheets: [] };
    });
    await settle(port);
    fireEvent.click(screen.getByRole('button', { name: '检查数据' }));
    const warnings = await screen.findByRole('region', { name: '警告（不影响排名）' });
    const items = within(warnings).getAllByRole('button');
    expect(items).toHaveLength(1);
    expect(items[0]!.textContent).toMatch(/\d+ 个指标不能区分单位.*全部满分 P1、P3\.2、.*F6\.2/);
    expect(items[0]!.textContent).toContain('乡镇台账（整个工作表）');
  });
});

describe('新建考核工作簿', () => {
  it('writes the template with the typed towns and departments', async () => {
    const { port, engine } = setup();
    await settle(port);
    fireEvent.click(screen.getByRole('button', { name: '新建考核工作簿' }));
    fireEvent.change(screen.getByRole('textbox', { name: '乡镇/街道（每行一个）' }), {
      target: { value: '城关镇\n东山镇，西河镇\n\n' },
    });
    fireEvent.change(screen.getByRole('textbox', { name: '责任部门（每行一个）' }), {
      target: { value: '卫生局' },
    });
    const buttons = screen.getAllByRole('button', { name: '新建考核工作簿' });
    fireEvent.click(buttons[buttons.length - 1]!);
    await screen.findByText(/已写入 4 个工作表/);
    expect(engine.templates).toEqual([
      { year: 2026, units: ['城关镇', '东山镇', '西河镇'], departments: ['卫生局'] },
    ]);
    expect(port.written[0]!.options).toMatchObject({ replace: false, activate: '乡镇台账' });
  });

  it('never replaces a ledger sheet, even one Kaohe created: it says so and offers only to close', async () => {
    const { port } = setup((p) => p.sheets.set('乡镇台账', true));
    await settle(port);
    fireEvent.click(screen.getByRole('button', { name: '新建考核工作簿' }));
    const buttons = screen.getAllByRole('button', { name: '新建考核工作簿' });
    fireEvent.click(buttons[buttons.length - 1]!);
    const dialog = await screen.findByRole('alertdialog');
    expect(dialog.textContent).toContain('不会被替换：乡镇台账');
    expect(within(dialog).queryByRole('button', { name: '替换' })).toBeNull();
    fireEvent.click(within(dialog).getByRole('button', { name: '关闭' }));
    await waitFor(() => expect(screen.queryByRole('alertdialog')).toBeNull());
    expect(port.written).toHaveLength(0);
  });
});

describe('settings and language', () => {
  it('switches to English and back, and keeps the choice in the document', async () => {
    const { port } = setup();
    await settle(port);
    fireEvent.click(screen.getByRole('button', { name: '切换到英文' }));
    expect(await screen.findByRole('button', { name: 'Generate ranking' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Check data' })).toBeTruthy();
    await waitFor(() => expect(port.settings?.language).toBe('en-US'));
    fireEvent.click(screen.getByRole('button', { name: 'Switch to Chinese' }));
    expect(await screen.findByRole('button', { name: '生成排名' })).toBeTruthy();
    await waitFor(() => expect(port.settings?.language).toBe('zh-CN'));
  });

  it('saves top N, bottom N and rank within class', async () => {
    const { port, engine } = setup();
    await settle(port);
    fireEvent.click(screen.getByRole('tab', { name: '设置' }));
    const [top, bottom] = screen.getAllByRole('spinbutton');
    fireEvent.change(top!, { target: { value: '5' } });
    fireEvent.blur(top!);
    fireEvent.change(bottom!, { target: { value: '2' } });
    fireEvent.blur(bottom!);
    fireEvent.click(screen.getByRole('switch', { name: '同时按类别排名（一、二、三类）' }));
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: '保存设置' }));
    });
    await screen.findByText('设置已保存到本工作簿。');
    expect(port.settings).toEqual({ topN: 5, bottomN: 2, byClass: true, language: 'zh-CN' });
    fireEvent.click(screen.getByRole('tab', { name: '操作' }));
    fireEvent.click(screen.getByRole('button', { name: '生成排名' }));
    await screen.findByTestId('ranking-result');
    expect(engine.assessed[0]!.options).toEqual({
      topN: 5,
      bottomN: 2,
      byClass: true,
      language: 'zh-CN',
    });
  });
});

describe('where settings are kept', () => {
  it.each([
    ['document', '设置已保存到本工作簿。'],
    ['session', '设置已保存，仅在本次打开页面期间有效（不写入工作簿文件）。'],
  ] as const)('a port keeping them in the %s says so', async (where, text) => {
    const { port } = setup((p) => (p.settingsPersist = where));
    await settle(port);
    fireEvent.click(screen.getByRole('tab', { name: '设置' }));
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: '保存设置' }));
    });
    await screen.findByText(text);
    expect(port.settings).toEqual(DEFAULT_SETTINGS);
  });
});

describe('start-up warnings', () => {
  it('shows a warning from the boot checks (e.g. no custom functions) in the user language', async () => {
    const port = new FakePort();
    render(
      <App
        port={port}
        engine={new FakeEngine()}
        startupWarnings={[
          { zh: '此 Excel 不支持自定义函数', en: 'No custom functions in this Excel' },
        ]}
      />,
    );
    await settle(port);
    expect(screen.getByText('此 Excel 不支持自定义函数')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: '切换到英文' }));
    expect(await screen.findByText('No custom functions in this Excel')).toBeTruthy();
  });
});
