/** @jest-environment jsdom */
import ExcelJS from 'exceljs';
import { render } from '@testing-library/react';
import { SheetGridView } from '../../src/workbench/SheetGridView';

function sheet(): ExcelJS.Worksheet {
  const ws = new ExcelJS.Workbook().addWorksheet('乡镇台账');
  ws.addRow(['单位', '类别', 'P1 基本人口指标']);
  ws.addRow(['城关镇', 1]);
  return ws;
}

const model = (ws: ExcelJS.Worksheet) =>
  JSON.stringify({ model: (ws as unknown as { model: unknown }).model, cols: ws.columnCount });

describe('SheetGridView', () => {
  it('only looks: showing a sheet, a selection and marks past the used range creates no cell', () => {
    const ws = sheet();
    const before = model(ws);
    const { container } = render(
      <SheetGridView
        language="zh-CN"
        worksheet={ws}
        selected="E4"
        marked={new Set(['D1', 'C2'])}
        version={0}
      />,
    );
    expect(model(ws)).toBe(before);
    // The grid reaches the marked and selected cells beyond the data (a missing column at D1).
    expect(container.querySelector('[data-address="D1"]')?.className).toBeTruthy();
    expect(container.querySelector('[data-address="E4"]')?.getAttribute('data-selected')).toBe(
      'true',
    );
    const marked = container.querySelector('[data-address="C2"]')!;
    const plain = container.querySelector('[data-address="B2"]')!;
    expect(marked.className).not.toBe(plain.className);
    expect(marked.textContent).toBe('');
  });
});
