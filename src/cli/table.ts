/**
 * Terminal tables with Chinese names aligned: East-Asian wide and full-width characters take two
 * columns. Control characters in cell text are replaced, so a unit name cannot move the cursor or
 * recolour the terminal.
 */

/** Columns a code point takes in a terminal (0 for combining marks, 2 for wide/full-width). */
function charWidth(cp: number): number {
  if (cp === 0 || (cp >= 0x300 && cp <= 0x36f) || cp === 0x200b || (cp >= 0xfe00 && cp <= 0xfe0f))
    return 0;
  if (
    (cp >= 0x1100 && cp <= 0x115f) ||
    (cp >= 0x2e80 && cp <= 0x303e) ||
    (cp >= 0x3041 && cp <= 0x33ff) ||
    (cp >= 0x3400 && cp <= 0x4dbf) ||
    (cp >= 0x4e00 && cp <= 0x9fff) ||
    (cp >= 0xa000 && cp <= 0xa4cf) ||
    (cp >= 0xac00 && cp <= 0xd7a3) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xfe30 && cp <= 0xfe4f) ||
    (cp >= 0xff00 && cp <= 0xff60) ||
    (cp >= 0xffe0 && cp <= 0xffe6) ||
    (cp >= 0x1f300 && cp <= 0x1f64f) ||
    (cp >= 0x20000 && cp <= 0x3fffd)
  ) {
    return 2;
  }
  return 1;
}

/** Display width of a string in terminal columns. @example displayWidth('南庄镇A') // 7 */
export function displayWidth(text: string): number {
  let w = 0;
  for (const ch of text) w += charWidth(ch.codePointAt(0) ?? 0);
  return w;
}

/** C0/C1 controls, line/paragraph separators and bidi overrides (which can disguise text). */
function isUnsafe(cp: number): boolean {
  return (
    cp <= 0x1f ||
    (cp >= 0x7f && cp <= 0x9f) ||
    cp === 0x2028 ||
    cp === 0x2029 ||
    (cp >= 0x202a && cp <= 0x202e) ||
    (cp >= 0x2066 && cp <= 0x2069)
  );
}

/** Text safe to print: control characters (ESC, CR, …) shown as `?`, clipped to `max` columns. */
export function safeText(text: string, max = 40): string {
  let clean = '';
  for (const ch of text) clean += isUnsafe(ch.codePointAt(0) ?? 0) ? '?' : ch;
  if (displayWidth(clean) <= max) return clean;
  let out = '';
  for (const ch of clean) {
    if (displayWidth(out + ch) > max - 1) break;
    out += ch;
  }
  return `${out}…`;
}

export function padEnd(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - displayWidth(text)));
}

export function padStart(text: string, width: number): string {
  return ' '.repeat(Math.max(0, width - displayWidth(text))) + text;
}

export interface TableColumn {
  readonly header: string;
  readonly align?: 'left' | 'right';
}

/** Renders rows under headers, columns separated by two spaces, widths from the widest cell. */
export function renderTable(
  columns: readonly TableColumn[],
  rows: readonly (readonly string[])[],
): string {
  const cells = rows.map((r) => r.map((c) => safeText(c)));
  const widths = columns.map((c, i) =>
    Math.max(displayWidth(c.header), ...cells.map((r) => displayWidth(r[i] ?? ''))),
  );
  const line = (values: readonly string[]) =>
    columns
      .map((c, i) =>
        c.align === 'right'
          ? padStart(values[i] ?? '', widths[i] ?? 0)
          : padEnd(values[i] ?? '', widths[i] ?? 0),
      )
      .join('  ')
      .trimEnd();
  const rule = widths.map((w) => '-'.repeat(w)).join('  ');
  return [line(columns.map((c) => c.header)), rule, ...cells.map(line)].join('\n');
}
