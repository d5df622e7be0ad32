/**
 * One cell reader for numbers (issue 11, deliverable 7; issue 12): the scorer (parseScore,
 * parseRate), the checks (readNumber) and the ledger reader read any text the same way.
 */
import fc from 'fast-check';
import { KaoheError, parseRate, parseScore } from '../../src/engine';
import { readNumber } from '../../src/engine/checks/numbers';
import { readLedger } from '../../src/engine/ledger/readLedger';
import { cellAddress } from '../../src/engine/ledger/cells';
import { SHEETS } from '../../src/engine/ledger/types';
import { colOf, goldenSheets, specsToGrid, withCell } from '../ledger/golden';
import { runChecks } from '../../src/engine/checks';
import { makeLedger, ruleSheet } from '../checks/makeLedger';

const SCALE = { '%': 100, '‰': 1000 } as const;

/** What the scorer reads, or the error code it throws; null for a blank. */
function scorer(text: string): number | string | null {
  try {
    return parseRate(text);
  } catch (e) {
    if (e instanceof KaoheError) return e.code;
    throw e;
  }
}

/** What the checks read, on the scorer's scale ("95%" -> 0.95), or 'bad'. */
function checks(text: string): number | 'bad' | null {
  const r = readNumber(text);
  if (r.bad) return 'bad';
  if (r.value === null) return null;
  return r.sign ? r.value / SCALE[r.sign] : r.value;
}

describe('one number reader: hand-worked cases', () => {
  it.each([
    ['−5', -5], // U+2212 MINUS SIGN
    ['－5', -5], // U+FF0D FULLWIDTH HYPHEN-MINUS
    ['﹣5', -5], // U+FE63 SMALL HYPHEN-MINUS
    ['－１２．５', -12.5],
    ['\u30001,234\u3000', 1234], // ideographic spaces around
    ['1,234,567.5', 1234567.5],
    ['１，２３４', 1234], // full-width comma and digits
    ['+7', 7],
  ])('%p reads as %p for the scorer and the checks', (text, value) => {
    expect(parseScore(text)).toBeCloseTo(value, 10);
    expect(readNumber(text)).toEqual({ value, sign: null, bad: false });
  });

  it('reads −5% the same for rates and the checks', () => {
    expect(parseRate('−5%')).toBeCloseTo(-0.05, 10);
    expect(readNumber('−5%')).toEqual({ value: -5, sign: '%', bad: false });
  });

  it.each(['18,5', '3,25', '1,234,5', '−0,5', '18，5', '95,5%'])(
    '%p is refused as an ambiguous decimal comma, in both languages, by every reader',
    (text) => {
      expect(() => parseScore(text.replace('%', ''))).toThrow(
        expect.objectContaining({ code: 'value.decimal-comma' }),
      );
      expect(() => parseRate(text)).toThrow(
        expect.objectContaining({ code: 'value.decimal-comma' }),
      );
      try {
        parseRate(text, 'P2');
      } catch (e) {
        const err = e as KaoheError;
        expect(err.zh).toContain('P2');
        expect(err.zh).toContain('小数点');
        expect(err.en).toContain('ambiguous');
        expect(err.en).toContain('decimal comma');
      }
      expect(readNumber(text)).toMatchObject({ value: null, bad: true });
    },
  );

  it('suggests the decimal point in the message: 18,5 -> write 18.5', () => {
    expect(() => parseScore('18,5')).toThrow(/write 18\.5/);
    expect(() => parseScore('1,234,5')).toThrow(/write 1234\.5/);
  });

  it('keeps a thousands comma followed by three digits (1,234) and any longer group as today', () => {
    expect(parseScore('1,234')).toBe(1234);
    expect(parseScore('12,3456')).toBe(123456);
  });

  it('a negative score is still the scorer’s error, not the parser’s', () => {
    const grid = specsToGrid(goldenSheets());
    const col = colOf(grid, SHEETS.towns, 'F8');
    const fs = readLedger(withCell(grid, SHEETS.towns, 1, col, '−1')).findings.filter(
      (f) => f.cell === cellAddress(1, col),
    );
    expect(fs.map((f) => f.rule)).toEqual(['score.negative']);
  });

  it('the ledger reader reports a decimal comma on its cell with the reader’s message', () => {
    const grid = specsToGrid(goldenSheets());
    const col = colOf(grid, SHEETS.towns, 'P2');
    const fs = readLedger(withCell(grid, SHEETS.towns, 1, col, '12,5')).findings.filter(
      (f) => f.cell === cellAddress(1, col),
    );
    expect(fs).toHaveLength(1);
    expect(fs[0]).toMatchObject({
      severity: 'error',
      rule: 'value.decimal-comma',
      sheet: SHEETS.towns,
      code: 'P2',
    });
    expect(fs[0]?.zh).toContain('P2');
    expect(fs[0]?.en).toContain('write 12.5');
  });
});

describe('one number reader: the checks say why a figure is refused', () => {
  it('a 核查规则 over a column of the user’s own names the decimal comma at its cell', () => {
    const { ledger, workbook } = makeLedger(
      ['单位', '类别', 'BIRTHS_BUREAU 出生数(计生)', 'BIRTHS_HEALTH 出生数(卫生)'],
      [['镇1', 1, '24,5', 2884]],
      {
        sheets: [ruleSheet([['BIRTHS_BUREAU', '=', 'BIRTHS_HEALTH']])],
      },
    );
    const fs = runChecks(ledger, workbook).filter((f) => f.cell === 'C2');
    expect(fs.map((f) => f.rule)).toEqual(['value.decimal-comma']);
    expect(fs[0]?.zh).toContain('小数点');
    expect(fs[0]?.en).toContain('write 24.5');
    expect(fs[0]?.en).toContain('核查规则!A2');
  });
});

/** A finite number rendered as text in one of the ways people type it. */
const rendered = fc
  .record({
    magnitude: fc.oneof(
      fc.integer({ min: 0, max: 10_000_000 }),
      fc.double({ min: 0, max: 1e6, noNaN: true, noDefaultInfinity: true }),
    ),
    negative: fc.boolean(),
    minus: fc.constantFrom('-', '\u2212', '\uff0d'),
    fullWidth: fc.boolean(),
    thousands: fc.boolean(),
    percent: fc.constantFrom('', '%', '％', '‰'),
    before: fc.constantFrom('', ' ', '\u3000', '  '),
    after: fc.constantFrom('', ' ', '\u3000', '\u00a0'),
  })
  .map((r) => {
    let body = String(r.magnitude);
    if (/e/i.test(body)) body = r.magnitude.toFixed(6);
    const plain = Number(body);
    if (r.thousands && Number.isInteger(r.magnitude))
      body = body.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
    if (r.fullWidth)
      body = body.replace(/[0-9.,%]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) + 0xfee0));
    const text = `${r.before}${r.negative ? r.minus : ''}${body}${r.percent}${r.after}`;
    const sign = r.percent === '' ? 1 : r.percent === '‰' ? 1000 : 100;
    return { text, expected: ((r.negative ? -1 : 1) * plain) / sign };
  });

describe('one number reader: generated text', () => {
  it('the scorer and the checks read every rendering of a number as that number', () => {
    fc.assert(
      fc.property(rendered, ({ text, expected }) => {
        const s = scorer(text);
        const c = checks(text);
        expect(typeof s).toBe('number');
        expect(s as number).toBeCloseTo(expected, 9);
        expect(c).toBe(s);
      }),
      { seed: 20261111, numRuns: 500 },
    );
  });

  it('the scorer and the checks agree on any text: the same value, or both refuse it', () => {
    const junk = fc.string({
      unit: fc.constantFrom(
        '1',
        '2',
        '5',
        '0',
        '.',
        ',',
        '-',
        '−',
        '－',
        '+',
        '%',
        '‰',
        'e',
        ' ',
        '\u3000',
        'a',
        '１',
        '．',
        '，',
      ),
      maxLength: 8,
    });
    fc.assert(
      fc.property(junk, (text) => {
        const s = scorer(text);
        const c = checks(text);
        // A lone dash is a clerk's 不考核: no number for a rate, no value (and nothing wrong) for the checks.
        if (s === 'value.unassessed-not-allowed') expect(readNumber(text)).toMatchObject({ value: null, bad: false, unassessed: true });
        else if (typeof s === 'string') expect(c).toBe('bad');
        else expect(c).toBe(s);
      }),
      { seed: 20261112, numRuns: 2000 },
    );
  });
});
