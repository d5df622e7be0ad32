import { webDarkTheme, webLightTheme } from '@fluentui/react-components';
import { isDark, themeForOffice } from '../../src/taskpane/officeTheme';

describe('themeForOffice', () => {
  it('follows a dark Office theme and stays light otherwise', () => {
    expect(themeForOffice('#262626')).toBe(webDarkTheme);
    expect(themeForOffice('#FFFFFF')).toBe(webLightTheme);
    expect(themeForOffice('E6E6E6')).toBe(webLightTheme);
  });
  it('treats a missing or malformed colour as light', () => {
    expect(isDark(undefined)).toBe(false);
    expect(isDark(null)).toBe(false);
    expect(isDark('black')).toBe(false);
    expect(isDark('#000000')).toBe(true);
  });
});
