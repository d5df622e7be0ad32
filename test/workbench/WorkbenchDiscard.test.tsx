/** @jest-environment jsdom */
import ExcelJS from 'exceljs';
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import type { SheetSpec } from '../../src/engine/ledger/types';
import { defaultEngine } from '../../src/taskpane/defaultEngine';
import { ExcelJsWorkbook } from '../../src/workbench/excelJsWorkbook';
import { Workbench } from '../../src/workbench/Workbench';

jest.setTimeout(60_000);

const RESULT: SheetSpec = {
  name: '排名汇总',
  rows: [
    ['总排名', '单位'],
    [1, '城关镇'],
  ],
  columns: [{ width: 6 }, { width: 10 }],
  freezeRows: 1,
};

/** An .xlsx file as the file picker hands it over. */
async function xlsxFile(name: string, sheet: string): Promise<File> {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet(sheet).addRow(['单位']);
  const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
  const file = new File([bytes], name);
  // jsdom's File may lack arrayBuffer(); the browser's has it.
  if (typeof file.arrayBuffer !== 'function')
    Object.defineProperty(file, 'arrayBuffer', { value: async () => bytes.buffer });
  return file;
}

async function choose(file: File) {
  fireEvent.change(screen.getByTestId('open-file'), { target: { files: [file] } });
}

describe('Workbench: opening another workbook never discards results without asking', () => {
  it('asks when the workbook has results not downloaded; 取消 keeps them, 放弃并打开 opens the file', async () => {
    const port = new ExcelJsWorkbook(new ExcelJS.Workbook());
    render(<Workbench excel={ExcelJS} engine={defaultEngine} initial={port} />);
    await act(() => port.writeSheets([RESULT], { replace: false, activate: '排名汇总' }));
    expect(await screen.findByRole('tab', { name: '排名汇总' })).toBeTruthy();

    await choose(await xlsxFile('other.xlsx', '别的表'));
    const dialog = await screen.findByRole('alertdialog');
    expect(dialog.textContent).toContain('other.xlsx');
    fireEvent.click(within(dialog).getByRole('button', { name: '取消' }));
    await waitFor(() => expect(screen.queryByRole('alertdialog')).toBeNull());
    expect(screen.getByRole('tab', { name: '排名汇总' })).toBeTruthy();
    expect(screen.queryByText('已打开 other.xlsx')).toBeNull();

    await choose(await xlsxFile('other.xlsx', '别的表'));
    fireEvent.click(
      within(await screen.findByRole('alertdialog')).getByRole('button', { name: '放弃并打开' }),
    );
    await screen.findByText('已打开 other.xlsx');
    expect(screen.getByRole('tab', { name: '别的表' })).toBeTruthy();
  });

  it('asks before 新建空白工作簿 too', async () => {
    const port = new ExcelJsWorkbook(new ExcelJS.Workbook());
    render(<Workbench excel={ExcelJS} engine={defaultEngine} initial={port} />);
    await act(() => port.writeSheets([RESULT], { replace: false }));
    fireEvent.click(screen.getByRole('button', { name: '新建空白工作簿' }));
    const dialog = await screen.findByRole('alertdialog');
    fireEvent.click(within(dialog).getByRole('button', { name: '取消' }));
    await waitFor(() => expect(screen.queryByRole('alertdialog')).toBeNull());
    expect(screen.getByRole('tab', { name: '排名汇总' })).toBeTruthy();
  });

  it('opens straight away when nothing would be lost', async () => {
    render(<Workbench excel={ExcelJS} engine={defaultEngine} />);
    await choose(await xlsxFile('ledger.xlsx', '乡镇台账'));
    await screen.findByText('已打开 ledger.xlsx');
    expect(screen.queryByRole('alertdialog')).toBeNull();
  });
});
