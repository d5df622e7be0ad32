import { evaluate, expressionCodes, ExpressionError, parseExpression } from '../../src/engine/checks/expression';

const env: Record<string, number | null> = { A: 10, B: 4, 'F4.1': 20, BIRTHS_BUREAU: 2419, Z: 0, BLANK: null };
const calc = (src: string) => evaluate(parseExpression(src), (c) => env[c] ?? null);
const value = (src: string) => {
  const r = calc(src);
  if (!r.ok) throw new Error(`not ok: ${JSON.stringify(r)}`);
  return r.value;
};

describe('parseExpression / evaluate', () => {
  it('respects precedence, parentheses and unary minus', () => {
    expect(value('A + B * 2')).toBe(18);
    expect(value('(A + B) * 2')).toBe(28);
    expect(value('-A + B')).toBe(-6);
    expect(value('A - -B')).toBe(14);
    expect(value('A / B / 5')).toBeCloseTo(0.5);
    expect(value('A - B - 1')).toBe(5);
  });
  it('reads codes with dots and underscores, case-insensitively', () => {
    expect(value('f4.1 + births_bureau')).toBe(2439);
    expect(expressionCodes(parseExpression('SUM(F4.1, a) + A'))).toEqual(['F4.1', 'A']);
  });
  it('has SUM, MIN, MAX and ABS', () => {
    expect(value('SUM(A, B, 1)')).toBe(15);
    expect(value('MIN(A, B)')).toBe(4);
    expect(value('max(A, B)')).toBe(10);
    expect(value('ABS(B - A)')).toBe(6);
  });
  it('accepts full-width characters and × ÷ −', () => {
    expect(value('（Ａ＋Ｂ）×２')).toBe(28);
    expect(value('A ÷ B')).toBe(2.5);
    expect(value('A − B')).toBe(6);
    expect(value('1.5e2 + .5')).toBe(150.5);
  });
  it('reports a zero divisor instead of Infinity', () => {
    expect(calc('A / Z')).toEqual({ ok: false, reason: 'div0' });
    expect(calc('A / (B - 4)')).toEqual({ ok: false, reason: 'div0' });
  });
  it('reports a blank input', () => {
    expect(calc('A + BLANK')).toEqual({ ok: false, reason: 'missing', code: 'BLANK' });
  });
  it.each(['', '   ', 'A +', '(A + B', 'A + B)', 'A B', '2x', 'A % B', 'A ** B', 'FOO(A)', 'ABS(A, B)', 'SUM()', 'A = B', '"A"', '1..2'])('rejects malformed %p with a bilingual message', (src) => {
    let caught: unknown;
    try {
      parseExpression(src);
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(ExpressionError);
    const err = caught as ExpressionError;
    expect(err.zh).toMatch(/[\u4e00-\u9fff]/);
    expect(err.en.length).toBeGreaterThan(5);
  });
  it('does not run code: identifiers are only looked up', () => {
    const seen: string[] = [];
    evaluate(parseExpression('constructor + __proto__'), (c) => {
      seen.push(c);
      return 1;
    });
    expect(seen).toEqual(['CONSTRUCTOR', '__PROTO__']);
  });
  it('refuses pathological nesting without a stack overflow', () => {
    expect(() => parseExpression('('.repeat(5000) + 'A' + ')'.repeat(5000))).toThrow(ExpressionError);
  });
});
