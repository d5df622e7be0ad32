import { webDarkTheme, webLightTheme, type Theme } from '@fluentui/react-components';

/**
 * Picks the Fluent theme that matches Office's: dark when the task pane background Office
 * reports is dark (Office.context.officeTheme.bodyBackgroundColor, e.g. `#262626`).
 */
export function themeForOffice(bodyBackgroundColor: string | null | undefined): Theme {
  return isDark(bodyBackgroundColor) ? webDarkTheme : webLightTheme;
}

export function isDark(color: string | null | undefined): boolean {
  const match = /^#?([0-9a-f]{6})$/i.exec((color ?? '').trim());
  if (!match?.[1]) return false;
  const n = parseInt(match[1], 16);
  const [r, g, b] = [(n >> 16) & 255, (n >> 8) & 255, n & 255];
  // Relative luminance (sRGB weights), 0..255.
  return 0.2126 * r + 0.7152 * g + 0.0722 * b < 128;
}
