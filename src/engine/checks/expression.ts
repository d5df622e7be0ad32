/**
 * A tiny arithmetic language for 核查规则 (cross-source check rules), parsed by recursive descent
 * and evaluated over one town's values. No `eval`, no `Function`: the grammar is
 *
 *   expr   := term (('+' | '-') term)*
 *   term   := unary (('*' | '/') unary)*
 *   unary  := '-' unary | '+' unary | atom
 *   atom   := number | code | FUNC '(' expr (',' expr)* ')' | '(' expr ')'
 *   FUNC   := SUM | MIN | MAX | ABS
 *
 * Codes are ledger column codes (`F4.1`, `BIRTHS_BUREAU`, `V1T`), case-insensitive. `×`, `÷`,
 * `−` and full-width characters are accepted as their ASCII forms.
 */

export type Expr =
  | { readonly kind: 'num'; readonly value: number }
  | { readonly kind: 'code'; readonly code: string }
  | { readonly kind: 'neg'; readonly arg: Expr }
  | { readonly kind: 'bin'; readonly op: '+' | '-' | '*' | '/'; readonly left: Expr; readonly right: Expr }
  | { readonly kind: 'call'; readonly fn: 'SUM' | 'MIN' | 'MAX' | 'ABS'; readonly args: readonly Expr[] };

/** Why an expression could not be parsed, with the 1-based character position. */
export class ExpressionError extends Error {
  constructor(
    readonly zh: string,
    readonly en: string,
    readonly position: number,
  ) {
    super(en);
    this.name = 'ExpressionError';
  }
}

type Token =
  | { t: 'num'; v: number; p: number }
  | { t: 'id'; v: string; p: number }
  | { t: 'op'; v: string; p: number }
  | { t: 'end'; p: number };

const FUNCS = new Set(['SUM', 'MIN', 'MAX', 'ABS']);

/** Normalises full-width forms and the typographic operators people paste from Word. */
export function normaliseExpression(text: string): string {
  return text.normalize('NFKC').replace(/×/g, '*').replace(/÷/g, '/').replace(/[−–—]/g, '-');
}

function tokenize(source: string): Token[] {
  const s = normaliseExpression(source);
  const out: Token[] = [];
  let i = 0;
  while (i < s.length) {
    const c = s[i] as string;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const num = /^(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?/.exec(s.slice(i));
    if (num) {
      // A number glued to letters (`2ab`) is a typo, not two tokens.
      const next = s[i + num[0].length];
      if (next !== undefined && /[A-Za-z_\u4e00-\u9fff]/.test(next)) throw new ExpressionError(`第 ${i + 1} 个字符处的数字后紧跟字母`, `a number at character ${i + 1} runs into letters`, i + 1);
      out.push({ t: 'num', v: Number(num[0]), p: i + 1 });
      i += num[0].length;
      continue;
    }
    const id = /^[A-Za-z_\u4e00-\u9fff][A-Za-z0-9_\u4e00-\u9fff]*(?:\.[A-Za-z0-9_]+)*/.exec(s.slice(i));
    if (id) {
      out.push({ t: 'id', v: id[0], p: i + 1 });
      i += id[0].length;
      continue;
    }
    if ('+-*/(),'.includes(c)) {
      out.push({ t: 'op', v: c, p: i + 1 });
      i++;
      continue;
    }
    throw new ExpressionError(`第 ${i + 1} 个字符“${c}”不能出现在算式中`, `character ${i + 1} "${c}" is not allowed in an expression`, i + 1);
  }
  out.push({ t: 'end', p: s.length + 1 });
  return out;
}

/**
 * Parses an expression into a tree; throws ExpressionError (with zh/en text) when malformed.
 * @example parseExpression('SUM(P3.1, P3.2) / 2').kind // 'bin'
 */
export function parseExpression(source: string): Expr {
  const tokens = tokenize(source);
  let pos = 0;
  const peek = (): Token => tokens[pos] as Token;
  const isOp = (v: string): boolean => {
    const tk = peek();
    return tk.t === 'op' && tk.v === v;
  };
  const expect = (v: string): void => {
    const tk = peek();
    if (tk.t === 'op' && tk.v === v) {
      pos++;
      return;
    }
    throw new ExpressionError(`第 ${tk.p} 个字符处缺少“${v}”`, `expected "${v}" at character ${tk.p}`, tk.p);
  };
  let depth = 0;

  const expr = (): Expr => {
    let left = term();
    while (isOp('+') || isOp('-')) {
      const op = (peek() as { v: string }).v as '+' | '-';
      pos++;
      left = { kind: 'bin', op, left, right: term() };
    }
    return left;
  };
  const term = (): Expr => {
    let left = unary();
    while (isOp('*') || isOp('/')) {
      const op = (peek() as { v: string }).v as '*' | '/';
      pos++;
      left = { kind: 'bin', op, left, right: unary() };
    }
    return left;
  };
  const unary = (): Expr => {
    if (isOp('-')) {
      pos++;
      return { kind: 'neg', arg: unary() };
    }
    if (isOp('+')) {
      pos++;
      return unary();
    }
    return atom();
  };
  const atom = (): Expr => {
    const tk = peek();
    if (tk.t === 'num') {
      pos++;
      return { kind: 'num', value: tk.v };
    }
    if (tk.t === 'id') {
      pos++;
      const upper = tk.v.toUpperCase();
      if (isOp('(')) {
        if (!FUNCS.has(upper)) throw new ExpressionError(`未知函数 ${tk.v}（可用 SUM、MIN、MAX、ABS）`, `unknown function ${tk.v} (use SUM, MIN, MAX, ABS)`, tk.p);
        pos++;
        const args = [nested()];
        while (isOp(',')) {
          pos++;
          args.push(nested());
        }
        expect(')');
        if (upper === 'ABS' && args.length !== 1) throw new ExpressionError('ABS 只接受一个参数', 'ABS takes one argument', tk.p);
        return { kind: 'call', fn: upper as 'SUM' | 'MIN' | 'MAX' | 'ABS', args };
      }
      return { kind: 'code', code: upper };
    }
    if (isOp('(')) {
      pos++;
      const inner = nested();
      expect(')');
      return inner;
    }
    if (tk.t === 'end') throw new ExpressionError('算式不完整（结尾缺少数字或代码）', 'the expression ends too early (a number or code is missing)', tk.p);
    throw new ExpressionError(`第 ${tk.p} 个字符处应为数字、代码或括号`, `expected a number, code or parenthesis at character ${tk.p}`, tk.p);
  };
  // Guards against stack exhaustion on pathological input such as 10,000 opening parentheses.
  const nested = (): Expr => {
    if (++depth > 200) throw new ExpressionError('括号嵌套过深', 'parentheses nested too deeply', peek().p);
    const e = expr();
    depth--;
    return e;
  };

  if (peek().t === 'end') throw new ExpressionError('算式为空', 'the expression is empty', 1);
  const tree = nested();
  const rest = peek();
  if (rest.t !== 'end') throw new ExpressionError(`第 ${rest.p} 个字符处有多余内容`, `unexpected text at character ${rest.p}`, rest.p);
  return tree;
}

/** The codes an expression refers to, each once, in order of appearance. */
export function expressionCodes(e: Expr, out: string[] = []): string[] {
  switch (e.kind) {
    case 'code':
      if (!out.includes(e.code)) out.push(e.code);
      break;
    case 'neg':
      expressionCodes(e.arg, out);
      break;
    case 'bin':
      expressionCodes(e.left, out);
      expressionCodes(e.right, out);
      break;
    case 'call':
      for (const a of e.args) expressionCodes(a, out);
      break;
    case 'num':
      break;
  }
  return out;
}

/** Result of evaluating for one town: a number, a blank input, or a division by zero. */
export type EvalResult = { readonly ok: true; readonly value: number } | { readonly ok: false; readonly reason: 'missing'; readonly code: string } | { readonly ok: false; readonly reason: 'div0' };

/**
 * Evaluates an expression with `lookup(code)` giving each code's number (null when blank).
 * Never returns Infinity or NaN: a zero divisor is reported as `div0`.
 * @example evaluate(parseExpression('A / B'), (c) => (c === 'A' ? 1 : 0)) // { ok: false, reason: 'div0' }
 */
export function evaluate(e: Expr, lookup: (code: string) => number | null): EvalResult {
  switch (e.kind) {
    case 'num':
      return { ok: true, value: e.value };
    case 'code': {
      const v = lookup(e.code);
      return v === null ? { ok: false, reason: 'missing', code: e.code } : { ok: true, value: v };
    }
    case 'neg': {
      const r = evaluate(e.arg, lookup);
      return r.ok ? { ok: true, value: -r.value } : r;
    }
    case 'bin': {
      const l = evaluate(e.left, lookup);
      if (!l.ok) return l;
      const r = evaluate(e.right, lookup);
      if (!r.ok) return r;
      switch (e.op) {
        case '+':
          return { ok: true, value: l.value + r.value };
        case '-':
          return { ok: true, value: l.value - r.value };
        case '*':
          return { ok: true, value: l.value * r.value };
        case '/':
          return r.value === 0 ? { ok: false, reason: 'div0' } : { ok: true, value: l.value / r.value };
      }
      break;
    }
    case 'call': {
      const vals: number[] = [];
      for (const a of e.args) {
        const r = evaluate(a, lookup);
        if (!r.ok) return r;
        vals.push(r.value);
      }
      switch (e.fn) {
        case 'SUM':
          return { ok: true, value: vals.reduce((s, v) => s + v, 0) };
        case 'MIN':
          return { ok: true, value: Math.min(...vals) };
        case 'MAX':
          return { ok: true, value: Math.max(...vals) };
        case 'ABS':
          return { ok: true, value: Math.abs(vals[0] as number) };
      }
    }
  }
  return { ok: false, reason: 'div0' };
}
