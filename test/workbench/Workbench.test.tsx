/** @jest-environment jsdom */
import path from 'node:path';
import ExcelJS from 'exceljs';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { defaultEngine } from '../../src/taskpane/defaultEngine';
import { assessWorkbook } from '../../src/engine/assess';
import { ledgerSheetNames } from '../../src/engine/ledger/readLedger';
import { ExcelJsWorkbook } from '../../src/workbench/excelJsWorkbook';
import { Workbench } from '../../src/workbench/Workbench';
import { notXlsxFiles } from '../fixtures/notXlsx';

jest.setTimeout(60_000);

async function sample(name: string): Promise<ExcelJsWorkbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path.join(__dirname, '../../examples', name));
  return new ExcelJsWorkbook(wb);
}

describe('Workbench (pane + grid + real engine over the sample ledger)', () => {
  it('shows the ledger, ranks in one click, opens 排名汇总 with vetoed towns last, and keeps the input sheet', async () => {
    const port = await sample('ledger.xlsx');
    const before = await port.readSheets(['乡镇台账', '部门台账', '方案']);
    render(<Workbench excel={ExcelJS} engine={defaultEngine} initial={port} />);
    expect(await screen.findByRole('tab', { name: '乡镇台账' })).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: '生成排名' }));
    await screen.findByTestId('ranking-result', {}, { timeout: 30_000 });
    await waitFor(() =>
      expect(screen.getByRole('tab', { name: '排名汇总', selected: true })).toBeTruthy(),
    );
    const grid = screen.getByTestId('sheet-grid');
    const rows = within(grid).getAllByRole('row').slice(1);
    const cells = (i: number) =>
      within(rows[i]!)
        .getAllByRole('cell')
        .map((td) => td.textContent);
    expect(cells(0).slice(0, 2)).toEqual(['总排名', '单位']);
    expect(cells(1)[0]).toBe('1');
    // The panel names the built-in scheme's two lines with the first unit's scores on them.
    expect(screen.getAllByTestId('top-unit-lines')[0]!.textContent).toMatch(/^党政线 [\d.]+ · 人口计生线 [\d.]+$/);
    const vetoedInPane = screen.getAllByTestId('vetoed-unit').map((li) => li.textContent ?? '');
    expect(vetoedInPane.length).toBeGreaterThan(0);
    const last = cells(rows.length - 1);
    expect(vetoedInPane[vetoedInPane.length - 1]).toContain(last[1]);
    expect(last[0]).toBe('');
    expect(await port.readSheets(['乡镇台账', '部门台账', '方案'])).toEqual(before);
  });

  it('ranks a bureau\'s own scheme (document 5, sheet 区台账) with the CLI\'s answer', async () => {
    const port = await sample('districts.xlsx');
    render(<Workbench excel={ExcelJS} engine={defaultEngine} initial={port} />);
    expect(await screen.findByRole('tab', { name: '区台账' })).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: '生成排名' }));
    await screen.findByTestId('ranking-result', {}, { timeout: 30_000 });
    const cli = assessWorkbook(await port.readSheets(ledgerSheetNames(await port.readSheets(['方案']))));
    const summary = (await port.readSheets(['排名汇总'])).sheets[0]!.values;
    // 总排名 | 单位 | 类别 | 工作要求得分 | 工作要求排名 | …: the scheme's own line, named by it.
    expect(summary[0]!.slice(0, 5)).toEqual(['总排名', '单位', '类别', '工作要求得分', '工作要求排名']);
    expect(summary.slice(1).map((r) => [r[1], r[3]])).toEqual(
      cli.ranking!.units.map((u) => [u.unit, u.lines.W ?? null]),
    );
    expect(screen.getAllByTestId('top-unit').map((li) => li.textContent)).toEqual(['第 1 名 南海区 · 90 分']);
    expect(screen.getByTestId('vetoed-unit').textContent).toContain('11.32‰');
  });

  it('refuses to rank the sample with planted errors and selects a finding cell in the grid', async () => {
    const port = await sample('ledger-errors.xlsx');
    render(<Workbench excel={ExcelJS} engine={defaultEngine} initial={port} />);
    fireEvent.click(await screen.findByRole('button', { name: '生成排名' }));
    expect((await screen.findByRole('alert', {}, { timeout: 30_000 })).textContent).toMatch(
      /个错误，未生成排名/,
    );
    expect(await port.listSheets()).not.toContain('排名汇总');
    const errors = within(screen.getByRole('region', { name: '错误（阻止排名）' })).getAllByRole(
      'button',
    );
    fireEvent.click(errors[0]!);
    await waitFor(() => expect(port.view.selection).not.toBeNull());
    const selection = port.view.selection!;
    await waitFor(() =>
      expect(
        document.querySelector(`[data-address="${selection.address}"][data-selected="true"]`),
      ).not.toBeNull(),
    );
  });

  it('refuses an .ods (or any file that is not .xlsx) with what it is and what to do, and keeps the open workbook', async () => {
    const port = await sample('ledger.xlsx');
    render(<Workbench excel={ExcelJS} engine={defaultEngine} initial={port} />);
    expect(await screen.findByRole('tab', { name: '乡镇台账' })).toBeTruthy();
    const files = await notXlsxFiles();
    for (const name of ['calc.ods', 'old.xls', 'data.csv', 'empty.xlsx']) {
      const f = files.find((x) => x.name === name)!;
      // A File as the browser gives it (jsdom's File has no arrayBuffer()).
      const file = { name, size: f.bytes.length, arrayBuffer: async () => f.bytes.slice().buffer };
      fireEvent.change(screen.getByTestId('open-file'), { target: { files: [file] } });
      const alert = await screen.findByRole('alert');
      expect(alert.textContent).toContain(name);
      expect(alert.textContent).toContain('.xlsx');
      expect(alert.textContent).toMatch(
        {
          'calc.ods': /OpenDocument 电子表格/,
          'old.xls': /Excel 97–2003/,
          'data.csv': /CSV/,
          'empty.xlsx': /空文件/,
        }[name]!,
      );
      expect(screen.queryByText(/已打开/)).toBeNull();
      // The workbook that was open stays open.
      expect(screen.getByRole('tab', { name: '乡镇台账' })).toBeTruthy();
      fireEvent.click(within(alert.parentElement!).getByRole('button'));
      await waitFor(() => expect(screen.queryByRole('alert')).toBeNull());
    }
  });
});
