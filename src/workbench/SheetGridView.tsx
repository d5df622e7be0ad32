import type { CSSProperties } from 'react';
import { useEffect, useRef } from 'react';
import { makeStyles, Text, tokens } from '@fluentui/react-components';
import type ExcelJS from 'exceljs';
import { columnLetter } from '../engine/ledger/cells';
import { parseAddress } from '../excel/a1';
import { translate, type Language } from '../i18n/messages';
import { toCellValue } from './excelJsWorkbook';

/** The grid shows this much of a sheet; the whole sheet is still read and written. */
export const MAX_ROWS = 300;
export const MAX_COLUMNS = 60;
const DEFAULT_WIDTH = 9;
const PX_PER_CHAR = 7;

const useStyles = makeStyles({
  scroller: {
    overflow: 'auto',
    flexGrow: 1,
    minHeight: 0,
    backgroundColor: tokens.colorNeutralBackground1,
  },
  table: {
    borderCollapse: 'collapse',
    fontSize: tokens.fontSizeBase200,
    fontFamily: tokens.fontFamilyBase,
  },
  corner: {
    position: 'sticky',
    top: 0,
    left: 0,
    zIndex: 3,
    backgroundColor: tokens.colorNeutralBackground3,
  },
  colHead: {
    position: 'sticky',
    top: 0,
    zIndex: 2,
    backgroundColor: tokens.colorNeutralBackground3,
    color: tokens.colorNeutralForeground3,
    fontWeight: tokens.fontWeightRegular,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    padding: `0 ${tokens.spacingHorizontalXS}`,
  },
  rowHead: {
    position: 'sticky',
    left: 0,
    zIndex: 1,
    backgroundColor: tokens.colorNeutralBackground3,
    color: tokens.colorNeutralForeground3,
    textAlign: 'right',
    fontWeight: tokens.fontWeightRegular,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    padding: `0 ${tokens.spacingHorizontalXS}`,
  },
  cell: {
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    padding: `${tokens.spacingVerticalXXS} ${tokens.spacingHorizontalXS}`,
    whiteSpace: 'nowrap',
    overflow: 'hidden',
    textOverflow: 'ellipsis',
    maxWidth: '320px',
    color: tokens.colorNeutralForeground1,
  },
  number: { textAlign: 'right' },
  selected: {
    outline: `${tokens.strokeWidthThick} solid ${tokens.colorBrandStroke1}`,
    outlineOffset: '-2px',
  },
  marked: {
    boxShadow: `inset 0 0 0 2px ${tokens.colorPaletteRedBorder2}`,
    backgroundColor: tokens.colorPaletteYellowBackground2,
  },
  note: { padding: tokens.spacingHorizontalS, color: tokens.colorNeutralForeground3 },
});

export interface SheetGridViewProps {
  readonly language: Language;
  readonly worksheet: ExcelJS.Worksheet;
  /** A1 address of the selected cell on this sheet. */
  readonly selected: string | null;
  /** A1 addresses of marked cells on this sheet. */
  readonly marked: ReadonlySet<string>;
  readonly version: number;
}

function display(value: ReturnType<typeof toCellValue>): string {
  if (value === null) return '';
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (typeof value === 'number')
    return Number.isInteger(value) ? String(value) : String(Math.round(value * 1e6) / 1e6);
  return value;
}

/** The sheet's own colours (what ranking wrote), so the result looks as it will in Excel. */
function cellLook(cell: ExcelJS.Cell | undefined, marked: boolean): CSSProperties | undefined {
  if (!cell) return undefined;
  const fill = cell.fill as ExcelJS.FillPattern | undefined;
  const background =
    fill?.type === 'pattern' && fill.pattern === 'solid' ? fill.fgColor?.argb : undefined;
  const color = cell.font?.color?.argb;
  const bold = cell.font?.bold;
  if (!background && !color && !bold) return undefined;
  return {
    // A mark shows over the cell's own fill (the workbook itself is never changed by a mark).
    ...(background && !marked ? { backgroundColor: `#${background.slice(-6)}` } : {}),
    ...(color ? { color: `#${color.slice(-6)}` } : {}),
    ...(bold ? { fontWeight: 600 } : {}),
  };
}

/**
 * How far the grid reaches: the used range, and any selected or marked cell beyond it (e.g. a
 * missing column reported just past the header), within the display limits.
 */
function extent(
  worksheet: ExcelJS.Worksheet,
  selected: string | null,
  marked: ReadonlySet<string>,
): { rows: number; columns: number } {
  let rows = worksheet.rowCount;
  let columns = worksheet.columnCount;
  for (const address of [...marked, ...(selected ? [selected] : [])]) {
    const box = parseAddress(address);
    if (!box || box.lastRow >= MAX_ROWS || box.lastCol >= MAX_COLUMNS) continue;
    rows = Math.max(rows, box.lastRow + 1);
    columns = Math.max(columns, box.lastCol + 1);
  }
  return { rows: Math.min(rows, MAX_ROWS), columns: Math.min(columns, MAX_COLUMNS) };
}

/**
 * A plain, read-only grid of one worksheet: values only, first rows and columns. It only looks:
 * cells are found, never created, so showing a sheet leaves the workbook as it was.
 */
export function SheetGridView({
  language,
  worksheet,
  selected,
  marked,
  version,
}: SheetGridViewProps) {
  const styles = useStyles();
  const selectedRef = useRef<HTMLTableCellElement | null>(null);
  const { rows, columns } = extent(worksheet, selected, marked);

  useEffect(() => {
    selectedRef.current?.scrollIntoView?.({ block: 'nearest', inline: 'nearest' });
  }, [selected, version]);

  if (rows === 0) return <Text className={styles.note}>{translate(language, 'wbEmptySheet')}</Text>;

  const header = Array.from({ length: columns }, (_, c) => columnLetter(c));
  // Excel widths are in characters of the default font; about 7 px each at this size.
  const widths = header.map((_, c) =>
    // `columns`, not getColumn(): looking up a width must not add a column to the sheet.
    Math.round((worksheet.columns?.[c]?.width ?? DEFAULT_WIDTH) * PX_PER_CHAR),
  );
  return (
    <div className={styles.scroller}>
      <table className={styles.table} aria-label={worksheet.name} data-testid="sheet-grid">
        <thead>
          <tr>
            <th className={styles.corner} />
            {header.map((letter, c) => (
              <th
                key={letter}
                className={styles.colHead}
                scope="col"
                style={{ minWidth: `${widths[c] ?? 0}px` }}
              >
                {letter}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {Array.from({ length: rows }, (_, r) => {
            const row = worksheet.findRow(r + 1);
            return (
              <tr key={r}>
                <th className={styles.rowHead} scope="row">
                  {r + 1}
                </th>
                {header.map((letter, c) => {
                  const cell = row?.findCell(c + 1);
                  const address = `${letter}${r + 1}`;
                  const value =
                    !cell || (cell.isMerged && cell.master !== cell)
                      ? null
                      : toCellValue(cell.value);
                  const isSelected = selected === address;
                  const isMarked = marked.has(address);
                  const classes = [
                    styles.cell,
                    typeof value === 'number' ? styles.number : '',
                    isSelected ? styles.selected : '',
                    isMarked ? styles.marked : '',
                  ]
                    .filter(Boolean)
                    .join(' ');
                  return (
                    <td
                      key={letter}
                      ref={isSelected ? selectedRef : undefined}
                      className={classes}
                      style={cellLook(cell, isMarked)}
                      data-address={address}
                      data-selected={isSelected || undefined}
                    >
                      {display(value)}
                    </td>
                  );
                })}
              </tr>
            );
          })}
        </tbody>
      </table>
      {worksheet.rowCount > MAX_ROWS && (
        <Text className={styles.note}>
          {translate(language, 'wbRowsTruncated', { rows: MAX_ROWS })}
        </Text>
      )}
    </div>
  );
}
