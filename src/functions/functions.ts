/**
 * Excel custom functions of Kaohe 目标考核助手: thin wrappers over the engine.
 *
 * The JSDoc of each function IS its metadata: the build (custom-functions-metadata-plugin)
 * generates dist/functions.json from it and appends `CustomFunctions.associate(id, fn)` for each.
 * Never rename an id once published: workbooks store it. Descriptions are written
 * "中文 / English"; a parameter's Chinese name is the 【…】 at the start of its description. The
 * build post-processes them into functions.zh-cn.json and functions.en-us.json
 * (src/functions/metadataLocales.js).
 *
 * Shapes: every argument is a range (a literal is a 1×1 range). A range of several rows gives
 * one result per row (it spills); an error in one row stays in that row's cell. User errors are
 * #VALUE! (wrong value) or #N/A (no data), the only two codes that show a message in Excel.
 *
 * Blank cells: Excel on the web passes an empty cell as null, desktop Excel as 0, and the two
 * cannot be told apart, so each function states one rule that holds for both.
 *
 * Load-time rule: this module and everything it imports must need nothing but the
 * `CustomFunctions` global (no DOM, `window` or Office.onReady), so it runs in Excel's
 * JavaScript-only runtime. test/functions/bundle.test.ts checks the built file in a bare `vm`.
 */
import {
  adjustmentPoints,
  checkVeto,
  classOf,
  kindOfLine,
  combineLines,
  unitKind,
  DEFAULT_SCHEME,
  indexScheme,
  isBlank,
  KaoheError,
  parseDirection,
  parseRate,
  parseScore,
  rankCompetition,
  rateScore,
  roundScore,
  scoreLineValues,
  totalScore,
} from '../engine';
import type { AdjustmentRule, LineCode, SchemeLine, UnitClass, UnitKind } from '../engine';
import { asMatrix, broadcast, cellLabel, guard, isOmitted, parseFlag, rowLabel, showCell, unitsOf, VETOED_TEXT } from './cells';
import type { Matrix, Out } from './cells';
import { lineOfScheme, schemeOfRange, townLines } from './schemeArg';

function lineScores(line: LineCode, scores: Matrix): Out<number>[][] {
  return unitsOf(asMatrix(scores)).map((u) => [guard(() => scoreLineValues(DEFAULT_SCHEME, line, u.values), u.where)]);
}

// Rule: values in scheme order, the count decides (6 top-level P1–P6, or 11 leaves P1, P2,
// P3.1–P3.4, P4, P5, P6.1–P6.3). Blank (null on the web, 0 on desktop) = 0 either way.
/**
 * 党政线得分（满分 370）：P1–P6 六项或十一个末级项的得分，一行或一列；多行时每行一个单位。空白按 0 计；超过满分、负数或非数字返回 #VALUE! 并指明项目。 / Party-government line score (370 max) from the 6 top-level or 11 leaf item scores in scheme order, a row or a column; several rows give one score per row. Blank = 0; a bad score gives #VALUE! naming the item.
 * @customfunction SCORE.PARTYLINE
 * @param scores 【得分】一个单位的 6 个或 11 个得分，或多行（每行一个单位） / Item scores of one unit (6 or 11 values), or several rows, one unit per row
 * @returns 党政线得分（每行一个） / Party line score (one per row)
 */
export function scorePartyLine(scores: unknown[][]): Array<Array<number | CustomFunctions.Error>> {
  return lineScores('P', scores);
}

// Rule: as SCORE.PARTYLINE, with 8 top-level items (F1–F8) or 25 leaves (F1.1 … F8).
/**
 * 人口计生线得分（满分 630）：F1–F8 八项或 25 个末级项的得分，一行或一列；多行时每行一个单位。空白按 0 计；超过满分、负数或非数字返回 #VALUE! 并指明项目。 / Family-planning line score (630 max) from the 8 top-level or 25 leaf item scores in scheme order, a row or a column; several rows give one score per row. Blank = 0; a bad score gives #VALUE! naming the item.
 * @customfunction SCORE.FPLINE
 * @param scores 【得分】一个单位的 8 个或 25 个得分，或多行（每行一个单位） / Item scores of one unit (8 or 25 values), or several rows, one unit per row
 * @returns 人口计生线得分（每行一个） / Family-planning line score (one per row)
 */
export function scoreFpLine(scores: unknown[][]): Array<Array<number | CustomFunctions.Error>> {
  return lineScores('F', scores);
}

// Rule: as SCORE.PARTYLINE, with the 4 department items D1–D4.
/**
 * 部门得分（满分 100）：D1–D4 四项得分，一行或一列；多行时每行一个部门。空白按 0 计；超过满分、负数或非数字返回 #VALUE! 并指明项目。 / Department score (100 max) from the 4 item scores D1–D4, a row or a column; several rows give one score per row. Blank = 0; a bad score gives #VALUE! naming the item.
 * @customfunction SCORE.DEPT
 * @param scores 【得分】一个部门的 4 个得分，或多行（每行一个部门） / Item scores of one department (4 values), or several rows, one per row
 * @returns 部门得分（每行一个） / Department score (one per row)
 */
export function scoreDept(scores: unknown[][]): Array<Array<number | CustomFunctions.Error>> {
  return lineScores('D', scores);
}

/** One full mark of SCORE.SUM's `points`: a number above 0 (text such as "10" is read as Excel would). */
function readPoints(raw: unknown, zh: string, en: string): number {
  let p: number | null;
  try {
    p = parseScore(raw);
  } catch {
    p = Number.NaN;
  }
  if (p === null) throw new KaoheError('sum.points-blank', `分值${zh}为空`, `Points ${en} are blank`);
  if (!(p > 0)) {
    const shown = showCell(raw);
    throw new KaoheError('sum.points-invalid', `分值${zh}“${shown}”不是大于 0 的数字`, `Points ${en} "${shown}" are not a number above 0`);
  }
  return p;
}

/** One score of SCORE.SUM checked against its points; blank = 0. `zh`/`en` name its position. */
function checkedScore(raw: unknown, points: number, zh: string, en: string): number {
  let v: number | null;
  if (typeof raw === 'number' && Number.isFinite(raw)) v = raw;
  else {
    try {
      v = parseScore(raw);
    } catch {
      const shown = showCell(raw);
      throw new KaoheError('value.not-number', `${zh}（分值 ${points}）：“${shown}”不是数字`, `${en} (points ${points}): "${shown}" is not a number`);
    }
  }
  if (v === null) return 0;
  if (v < 0) throw new KaoheError('score.negative', `${zh}（分值 ${points}）：得分 ${v} 为负数`, `${en} (points ${points}): score ${v} is negative`);
  // The same rounding as the engine's scoreProblem: 10.0000000001 from a formula is 10.
  if (roundScore(v) > points) {
    throw new KaoheError('score.above-points', `${zh}（分值 ${points}）：得分 ${v} 超过分值`, `${en} (points ${points}): score ${v} is above its points`);
  }
  return v;
}

// Rule: points is a row (scores: one unit per row, one total per row, spilled down) or a column
// (scores: one unit per column, one total per column, spilled across; usually a single column).
// Every points cell must be a number above 0, checked before any score; blank scores = 0 (null on
// the web, 0 on desktop). A position is its column (row orientation) or row (column orientation)
// inside the range, counted from 1.
/**
 * 按分值行（或列）逐项检查并求和：points 为一行（如台账的“分值”行）时，scores 每行一个单位，每行一个合计；points 为一列（如分镇表的“分值”列）时，scores 为该单位的一列得分，得一个合计。空白按 0 计；得分超过分值、负数或非数字返回 #VALUE! 并指明第几列（行）及其分值。 / Checks each score against its full marks in points and sums them: with points as a row (a ledger's "分值" row), each row of scores is a unit and gets one total; with points as a column (a per-town sheet's "分值" column), scores is that unit's column and gets one total. Blank = 0; a score above its points, negative or not a number gives #VALUE! naming its column (row) and points.
 * @customfunction SCORE.SUM
 * @param scores 【得分】得分区域：每行一个单位（分值为一行时），或一列（分值为一列时） / Scores: one unit per row (points as a row), or a column (points as a column)
 * @param points 【分值】每项满分：一行或一列，与得分对齐 / Full marks of each item: a row or a column, aligned with the scores
 * @returns 合计（每个单位一个） / Total (one per unit)
 */
export function scoreSum(scores: unknown[][], points: unknown[][]): Array<Array<number | CustomFunctions.Error>> {
  const sm = asMatrix(scores);
  const pm = asMatrix(points);
  const [pRows, pCols] = [pm.length, pm[0]?.length ?? 0];
  const [sRows, sCols] = [sm.length, sm[0]?.length ?? 0];
  const byRow = pRows === 1;
  const setup = guard(() => {
    if (pRows > 1 && pCols > 1) {
      throw new KaoheError('range.shape', `分值应为一行或一列，收到 ${pRows}×${pCols} 的区域`, `Points must be one row or one column; got a ${pRows}×${pCols} range`);
    }
    if (byRow && sCols !== pCols) {
      throw new KaoheError('range.shape', `得分有 ${sCols} 列，分值行有 ${pCols} 列；两者应一一对齐`, `The scores have ${sCols} columns but the points row has ${pCols}; they must line up`);
    }
    if (!byRow && sRows !== pRows) {
      throw new KaoheError('range.shape', `得分有 ${sRows} 行，分值列有 ${pRows} 行；两者应一一对齐`, `The scores have ${sRows} rows but the points column has ${pRows}; they must line up`);
    }
    const pos = (i: number): [string, string] => (byRow ? [`第 ${i + 1} 列`, `column ${i + 1}`] : [`第 ${i + 1} 行`, `row ${i + 1}`]);
    return pm.flat().map((p, i) => readPoints(p, ...pos(i)));
  });
  if (setup instanceof CustomFunctions.Error) return [[setup]];
  const full = setup;
  const total = (at: (i: number) => unknown): number => {
    let sum = 0;
    for (let i = 0; i < full.length; i++) {
      const [zh, en] = byRow ? [`第 ${i + 1} 列`, `column ${i + 1}`] : [`第 ${i + 1} 行`, `row ${i + 1}`];
      sum += checkedScore(at(i), full[i] as number, zh, en);
    }
    return roundScore(sum);
  };
  if (byRow) return sm.map((row, r) => [guard(() => total((i) => row[i]), sRows > 1 ? rowLabel(r) : '')]);
  return [Array.from({ length: sCols }, (_, c) => guard(() => total((i) => sm[i]?.[c]), sCols > 1 ? `第 ${c + 1} 列 / column ${c + 1}` : ''))];
}

// Rule: as SCORE.PARTYLINE, for any line of the workbook's own scheme: the values are that line's
// top-level items or its leaves, in the order of the 方案 table (the count decides). The scheme is
// read as the CLI reads the 方案 sheet; a problem in it is #VALUE! naming its cell.
/**
 * 按本单位方案计算某条考核线得分：scheme 为工作簿的“方案”表（含表头 类型|代码|项目|…），line 为线的代码（如 P、A）；scores 为该线各顶层项目或各末级项目的得分，按方案顺序，一行或一列；多行时每行一个单位。方案有误时返回 #VALUE! 并指明单元格。 / Score of line `line` (its code, e.g. P or A) of the workbook's own scheme, from its top-level or leaf item scores in the scheme table's order, a row or a column; several rows give one score per row. `scheme` is the "方案" table with its header row ("类型|代码|项目|…"); a problem in it gives #VALUE! naming the cell.
 * @customfunction SCORE.LINE
 * @param scores 【得分】该线顶层或末级项目的得分，或多行（每行一个单位） / Item scores of the line (top-level or leaves), or several rows, one unit per row
 * @param line 【线】考核线代码，如 P、F、A / Line code, e.g. P, F, A
 * @param scheme 【方案】“方案”表区域，含表头行，如 方案!A1:Q80 / The scheme sheet's table with its header row, e.g. A1:Q80 of the scheme sheet
 * @param [category] 【类别】单位的类别（如 农场），一个单元格或每行一个；方案对该类别的分值、目标和不考核项随之适用，可省略 / The unit's class (e.g. farm), one cell or one per row; the scheme's points, targets and items not assessed for that class apply; optional
 * @returns 该线得分（每行一个） / Line score (one per row)
 */
export function scoreSchemeLine(scores: unknown[][], line: unknown[][], scheme: unknown[][], category?: unknown[][]): Array<Array<number | CustomFunctions.Error>> {
  const setup = guard(() => {
    const s = schemeOfRange(scheme);
    const lm = asMatrix(line).flat();
    if (lm.length !== 1) throw new KaoheError('range.shape', '参数 line 应为单个考核线代码', 'Argument line must be a single line code');
    return { s, code: lineOfScheme(s, lm[0]).code };
  });
  if (setup instanceof CustomFunctions.Error) return [[setup]];
  const units = unitsOf(asMatrix(scores));
  const classes = isOmitted(category) ? [] : asMatrix(category).flat();
  if (classes.length > 1 && classes.length !== units.length) {
    return [[guard(() => {
      throw new KaoheError('range.shape', `参数 category 应为一个单元格或每行一个（${units.length} 个），收到 ${classes.length} 个`, `Argument category must be one cell or one per row (${units.length}); got ${classes.length}`);
    })]];
  }
  const kind = kindOfLine(setup.s, setup.code);
  return units.map((u, i) => [
    guard(() => {
      const raw = classes.length === 1 ? classes[0] : classes[i];
      return scoreLineValues(setup.s, setup.code, u.values, { unitClass: classOfCell(kind, raw) });
    }, u.where),
  ]);
}

/** The class a 类别 cell names (blank = none), or an error listing the scheme's classes. */
function classOfCell(kind: UnitKind | undefined, raw: unknown): UnitClass | null {
  if (isBlank(raw)) return null;
  const c = kind && (typeof raw === 'string' || typeof raw === 'number') ? classOf(kind, raw) : undefined;
  if (c === undefined) {
    const names = (kind?.classes ?? []).map((k) => k.labelZh);
    throw new KaoheError('ledger.class-invalid', `类别“${showCell(raw)}”不是方案中的类别（${names.join('、')}）`, `Class "${showCell(raw)}" is not one of the scheme's classes (${names.join(', ')})`);
  }
  return c;
}

const BUILT_IN_TOWN_LINES = [indexScheme(DEFAULT_SCHEME).line('P'), indexScheme(DEFAULT_SCHEME).line('F')] as const;

/**
 * A line score of SCORE.TOTAL within 0..the line's full marks. `l` undefined: the scheme has no
 * such line, so only blank or 0 is accepted; `slot` names the argument in that message.
 */
function lineValue(l: SchemeLine | undefined, slot: string, value: unknown): number {
  const labelZh = l?.labelZh ?? slot;
  const labelEn = l?.labelEn ?? slot;
  const code = l?.code ?? slot;
  const n = parseScore(value, `${labelZh} ${code}`) ?? 0;
  if (n < 0) throw new KaoheError('score.negative', `${labelZh}得分 ${n} 为负数`, `${labelEn} score ${n} is negative`, code);
  if (!l && n !== 0) {
    throw new KaoheError('scheme.line-missing', `方案只有一条乡镇考核线，参数 ${slot} 应为空或 0（收到 ${n}）`, `The scheme has only one town line, so argument ${slot} must be blank or 0 (got ${n})`);
  }
  if (l && n > l.points) {
    throw new KaoheError('score.above-points', `${labelZh}得分 ${n} 超过满分 ${l.points}`, `${labelEn} score ${n} is above its ${l.points} points`, code);
  }
  return n;
}

// Rule: blank party/fp/bonus/deduction = 0; a blank vetoed cell = not vetoed (0 on desktop is
// FALSE too). Each argument is one cell or a range of one common size: the result is per row.
// A deduction of 20 or −20 both deduct 20 (SCORE.DEDUCT returns positive points).
// Limits: without scheme, the built-in 370 (P) and 630 (F); with scheme (the 方案 table), party is
// checked against the scheme's first town line and fp against its second (town lines: every line
// but the department line D, in the table's order). A scheme with one town line takes fp blank or 0.
/**
 * 单位总分 = 党政线 + 人口计生线 + 加分 − 扣分（扣分按绝对值扣除）。被一票否决的单位不计总分，显示“一票否决 vetoed”。空白按 0 计。给出 scheme（“方案”表）时，两条线的满分取方案中前两条乡镇考核线（部门线 D 以外，按表中顺序），否则为 370 和 630。 / Unit total = party line + family-planning line + bonus − deduction (deducted by its size, whatever its sign). A vetoed unit gets no total and shows "一票否决 vetoed". Blank = 0. With scheme (the "方案" table) the two lines' full marks are the scheme's first two town lines (every line but the department line D, in table order); otherwise 370 and 630.
 * @customfunction SCORE.TOTAL
 * @param party 【党政线】党政线得分（0–370，或方案第一条线的满分） / Party line score (0–370, or the scheme's first line's points)
 * @param fp 【计生线】人口计生线得分（0–630，或方案第二条线的满分） / Family-planning line score (0–630, or the scheme's second line's points)
 * @param [bonus] 【加分】加分合计（≥ 0），可省略 / Bonus points (≥ 0), optional
 * @param [deduction] 【扣分】扣分合计，可省略 / Deduction points, optional
 * @param [vetoed] 【否决】是否被一票否决（TRUE/FALSE，是/否），可省略 / Whether the unit is vetoed (TRUE/FALSE), optional
 * @param [scheme] 【方案】“方案”表区域（含表头行），两条线的满分从中读取；省略则为 370 和 630 / The scheme sheet's table with its header row, giving the two lines' full marks; omitted = 370 and 630
 * @returns 总分，或“一票否决 vetoed” / Total, or "一票否决 vetoed"
 */
export function scoreTotal(
  party: unknown[][],
  fp: unknown[][],
  bonus?: unknown[][],
  deduction?: unknown[][],
  vetoed?: unknown[][],
  scheme?: unknown[][],
): Array<Array<number | string | CustomFunctions.Error>> {
  const limits = guard<{ lines: readonly (SchemeLine | undefined)[]; kind: UnitKind | undefined }>(() => {
    if (isOmitted(scheme)) return { lines: BUILT_IN_TOWN_LINES, kind: undefined };
    const parsed = schemeOfRange(scheme);
    const lines = townLines(parsed);
    if (lines.length === 0) throw new KaoheError('scheme.line-missing', '方案中没有乡镇考核线（部门线 D 以外的线）', 'The scheme has no town line (a line other than the department line D)');
    if (lines.length > 2)
      throw new KaoheError(
        'scheme.too-many-lines',
        `方案的单位有 ${lines.length} 条线（${lines.map((l) => l.code).join('、')}），SCORE.TOTAL 只接两条：请用 SCORE.LINE 分别计分后相加`,
        `The scheme's units have ${lines.length} lines (${lines.map((l) => l.code).join(', ')}); SCORE.TOTAL takes two: score each with SCORE.LINE and add them`,
      );
    return { lines: [lines[0], lines[1]], kind: unitKind(parsed) };
  });
  if (limits instanceof CustomFunctions.Error) return [[limits]];
  const [partyLine, fpLine] = limits.lines;
  const kind = limits.kind;
  return broadcast<number | string>(
    [
      { name: 'party', value: party },
      { name: 'fp', value: fp },
      { name: 'bonus', value: bonus },
      { name: 'deduction', value: deduction },
      { name: 'vetoed', value: vetoed },
    ],
    ([p, f, b, d, v]) => {
      if (parseFlag(v, '否决 vetoed', false)) return VETOED_TEXT;
      const partyScore = lineValue(partyLine, 'party', p);
      const fpScore = lineValue(fpLine, 'fp', f);
      const bonusPoints = parseScore(b, '加分 bonus') ?? 0;
      if (bonusPoints < 0) throw new KaoheError('score.negative', `加分 ${bonusPoints} 为负数（扣分请填在扣分参数）`, `Bonus ${bonusPoints} is negative (put deductions in the deduction argument)`);
      const deductionPoints = parseScore(d, '扣分 deduction') ?? 0;
      if (!kind) return totalScore(partyScore, fpScore, bonusPoints, deductionPoints) ?? VETOED_TEXT;
      // The scheme's own total rule: the sum or the weights of its lines, bonuses up to its cap.
      const byLine: Record<string, number> = {};
      if (partyLine) byLine[partyLine.code] = partyScore;
      if (fpLine) byLine[fpLine.code] = fpScore;
      const lines = combineLines(kind, byLine) ?? 0;
      const cap = kind.total?.bonusCap;
      return totalScore(lines, 0, cap === undefined ? bonusPoints : Math.min(bonusPoints, cap), deductionPoints) ?? VETOED_TEXT;
    },
  );
}

// Rule: in values, only numbers are ranked; null/'' and text (e.g. SCORE.TOTAL's "一票否决 vetoed")
// are left out, and so is every position marked TRUE in vetoed. Desktop Excel passes an empty
// cell as 0, which IS ranked: mark vetoed units with the vetoed range or SCORE.TOTAL's text.
// value: a single score, or a range the size of values (then vetoed marks apply to it by
// position and the ranks spill). A number not among the ranked values is #N/A.
// descending: omitted or TRUE = highest first (unlike RANK.EQ's order argument, where 0 means that).
/**
 * 名次，同 RANK.EQ（并列同名次：1、2、2、4）。被一票否决的单位、空白和文字不参加排名；被否决单位显示“一票否决 vetoed”。默认分高者第 1。 / Rank as RANK.EQ (ties share a rank: 1, 2, 2, 4). Vetoed units, blanks and text are not ranked; a vetoed unit shows "一票否决 vetoed". Highest first by default.
 * @customfunction SCORE.RANK
 * @param value 【分数】要排名的分数，或与 values 同样大小的整列 / Score to rank, or a whole column the size of values
 * @param values 【分数列表】参加比较的全部分数 / All the scores compared
 * @param [vetoed] 【否决】与 values 同样大小：TRUE 表示该单位被一票否决，不参加排名 / Same size as values: TRUE marks a vetoed unit, not ranked
 * @param [descending] 【降序】TRUE 或省略：分高者第 1；FALSE：分低者第 1 / TRUE or omitted: highest first; FALSE: lowest first
 * @returns 名次，或“一票否决 vetoed” / Rank, or "一票否决 vetoed"
 */
export function scoreRank(
  value: unknown[][],
  values: unknown[][],
  vetoed?: unknown[][],
  descending?: unknown[][],
): Array<Array<number | string | CustomFunctions.Error>> {
  const setup = guard(() => {
    const field = rankField(values, vetoed);
    let desc = true;
    if (!isOmitted(descending)) {
      const dm = asMatrix(descending);
      if (dm.flat().length !== 1) {
        throw new KaoheError('range.shape', '参数 descending 应为单个值', 'Argument descending must be a single value');
      }
      desc = parseFlag(dm[0]?.[0], '降序 descending', true);
    }
    return { field, ranks: rankCompetition(field.numbers, desc) };
  });
  if (setup instanceof CustomFunctions.Error) return [[setup]];
  const { field, ranks } = setup;
  return rankCells(value, field, (score, at) => {
    if (at !== null && field.numbers[at] === score) return ranks[at] ?? null;
    const j = field.numbers.indexOf(score);
    return j >= 0 ? (ranks[j] ?? null) : null;
  });
}

/** The compared scores of SCORE.RANK and SCORE.CLASSRANK: numbers not vetoed, by position. */
interface RankField {
  readonly rows: number;
  readonly cols: number;
  /** Per position of values (row-major): vetoed. */
  readonly flags: readonly boolean[];
  /** Per position: the score taking part, or null (vetoed, blank, text). */
  readonly numbers: readonly (number | null)[];
}

/** Throws range.shape unless `m` (argument `name`) is the size of values. */
function sameSizeAsValues(name: string, m: Matrix, rows: number, cols: number): void {
  if (m.length !== rows || (m[0]?.length ?? 0) !== cols) {
    throw new KaoheError(
      'range.shape',
      `参数 ${name} 的区域为 ${m.length}×${m[0]?.length ?? 0}，应与 values 的 ${rows}×${cols} 相同`,
      `Argument ${name} is ${m.length}×${m[0]?.length ?? 0}; it must match values, ${rows}×${cols}`,
    );
  }
}

/** Reads values and the optional vetoed marks: only numbers take part, vetoed positions never. */
function rankField(values: unknown, vetoed: Matrix | null | undefined): RankField {
  const list = asMatrix(values);
  const flat = list.flat();
  const rows = list.length;
  const cols = list[0]?.length ?? 0;
  let flags: boolean[] = flat.map(() => false);
  if (!isOmitted(vetoed)) {
    const vm = asMatrix(vetoed);
    sameSizeAsValues('vetoed', vm, rows, cols);
    flags = vm.flat().map((x, i) => parseFlag(x, `vetoed 第 ${i + 1} 个单元格 / cell ${i + 1}`, false));
  }
  const numbers = flat.map((x, i) => (typeof x === 'number' && !flags[i] ? x : null));
  return { rows, cols, flags, numbers };
}

/**
 * The rank of each cell of `value`: a vetoed position or SCORE.TOTAL's vetoed text shows
 * "一票否决 vetoed"; blank is #N/A; text is #VALUE!; a score `rankOf` cannot place is #N/A.
 * `rankOf(score, at)` gets the position in values when value is the size of values, else null.
 */
function rankCells(
  value: unknown,
  field: RankField,
  rankOf: (score: number, at: number | null) => number | null,
): Out<number | string>[][] {
  const vm = asMatrix(value);
  const rows = vm.length;
  const vcols = vm[0]?.length ?? 0;
  const aligned = rows === field.rows && vcols === field.cols;
  return vm.map((row, r) =>
    row.map((cell, c) =>
      guard<number | string>(() => {
        const at = aligned ? r * field.cols + c : null;
        if (at !== null && field.flags[at]) return VETOED_TEXT;
        if (typeof cell === 'string' && cell.includes('否决')) return VETOED_TEXT;
        if (isBlank(cell)) throw new KaoheError('rank.blank', '没有分数可排名', 'No score to rank');
        if (typeof cell !== 'number') {
          const shown = showCell(cell);
          throw new KaoheError('value.not-number', `“${shown}”不是分数`, `"${shown}" is not a score`);
        }
        const found = rankOf(cell, at);
        if (found === null) {
          throw new KaoheError(
            'rank.not-found',
            `分数 ${cell} 不在参加排名的分数中（该单位可能被一票否决）`,
            `Score ${cell} is not among the ranked scores (the unit may be vetoed)`,
          );
        }
        return found;
      }, cellLabel(r, c, rows, vcols)),
    ),
  );
}

/** A class label as a key: text and numbers alike (一类, 农场, 1 and "1" are one class); blank = none. */
function classKey(value: unknown): string | null {
  if (isBlank(value)) return null;
  return showCell(value).trim();
}

// Rule: as SCORE.RANK (highest first, RANK.EQ ties, vetoed/blank/text not ranked), among the units
// of the same class only. classes: the size of values, any labels (一类, 二类, 农场, 1, 2); a unit
// with a blank class is not ranked (#N/A). value: a whole column the size of values (each unit's
// class by position), or one score: then its class is that of the units with this score, and a
// score found in several classes with different ranks is #VALUE! (pass the whole column instead).
/**
 * 类内名次：在同一类别（一类、二类、农场、1、2…）的单位中按 RANK.EQ 排名（并列同名次），分高者第 1。被一票否决的单位、空白和文字不参加排名；类别为空的单位不排名。 / Rank within the unit's class ("一类", "二类", "农场", 1, 2 …) as RANK.EQ (ties share a rank), highest first. Vetoed units, blanks and text are not ranked; a unit with a blank class is not ranked.
 * @customfunction SCORE.CLASSRANK
 * @param value 【分数】要排名的分数，或与 values 同样大小的整列 / Score to rank, or a whole column the size of values
 * @param values 【分数列表】参加比较的全部分数 / All the scores compared
 * @param classes 【类别】与 values 同样大小：每个单位的类别 / Same size as values: each unit's class
 * @param [vetoed] 【否决】与 values 同样大小：TRUE 表示该单位被一票否决，不参加排名 / Same size as values: TRUE marks a vetoed unit, not ranked
 * @returns 类内名次，或“一票否决 vetoed” / Rank within class, or "一票否决 vetoed"
 */
export function scoreClassRank(
  value: unknown[][],
  values: unknown[][],
  classes: unknown[][],
  vetoed?: unknown[][],
): Array<Array<number | string | CustomFunctions.Error>> {
  const setup = guard(() => {
    const field = rankField(values, vetoed);
    const cm = asMatrix(classes);
    sameSizeAsValues('classes', cm, field.rows, field.cols);
    const keys = cm.flat().map(classKey);
    // Each class ranked on its own: the same ranking SCORE.RANK gives that class's subset.
    const members = new Map<string, number[]>();
    keys.forEach((k, i) => {
      if (k === null || field.numbers[i] === null) return;
      const list = members.get(k) ?? [];
      list.push(i);
      members.set(k, list);
    });
    const ranks: (number | null)[] = field.numbers.map(() => null);
    for (const list of members.values()) {
      const within = rankCompetition(list.map((i) => field.numbers[i] ?? null));
      list.forEach((i, k) => (ranks[i] = within[k] ?? null));
    }
    return { field, keys, ranks };
  });
  if (setup instanceof CustomFunctions.Error) return [[setup]];
  const { field, keys, ranks } = setup;
  return rankCells(value, field, (score, at) => {
    if (at !== null) {
      if (field.numbers[at] !== score) return null;
      if (keys[at] === null) throw new KaoheError('rank.no-class', '该单位的类别为空，不能类内排名', "The unit's class is blank, so it has no rank within class");
      return ranks[at] ?? null;
    }
    const found = new Map<string, number>();
    field.numbers.forEach((n, i) => {
      const k = keys[i];
      const rank = ranks[i];
      if (n === score && k !== null && k !== undefined && rank !== null && rank !== undefined) found.set(k, rank);
    });
    const distinct = new Set(found.values());
    if (distinct.size > 1) {
      const list = [...found.keys()].join('、');
      throw new KaoheError(
        'rank.class-ambiguous',
        `分数 ${score} 在 ${list} 中都有，名次不同：请把 value 写成与 values 同样大小的整列`,
        `Score ${score} is found in classes ${[...found.keys()].join(', ')} with different ranks: pass value as the whole column the size of values`,
      );
    }
    return distinct.size === 1 ? ([...distinct][0] ?? null) : null;
  });
}

function readCode(value: unknown): string {
  if (isBlank(value) || value === 0) {
    throw new KaoheError('adjustment.code-missing', '缺少加扣分代码（如 B1、B2、X1…X6）', 'Missing bonus or deduction code (e.g. B1, B2, X1…X6)');
  }
  return showCell(value).trim().toUpperCase();
}

function ruleOf(code: string): AdjustmentRule | undefined {
  return (
    DEFAULT_SCHEME.adjustments.find((r) => r.code.toUpperCase() === code) ??
    indexScheme(DEFAULT_SCHEME).adjustmentInputs.get(code)?.rule
  );
}

// Rule: B1/B2C/B2P/B2N: count events (whole number ≥ 0, blank = 0). B2: the level — 市/市级/city/1,
// 省/省级/province/2, 国家/国家级/全国/national/3 — one event. A deduction code is #VALUE!.
/**
 * 加分分值：B1 体制机制创新 每项 20；B2 会议介绍经验或获奖 按级别计一次（市级 5、省级 7、国家级 10）；多次用 B2C/B2P/B2N 加次数。空白次数按 0 计。 / Bonus points: B1 innovation, 20 each; B2 experience or award, one event by level (city 5, province 7, national 10); for several events use B2C/B2P/B2N with a count. A blank count = 0.
 * @customfunction SCORE.BONUS
 * @param code 【代码】加分代码：B1、B2、B2C、B2P、B2N / Bonus code: B1, B2, B2C, B2P, B2N
 * @param count_or_level 【次数或级别】次数；B2 为级别（市级/省级/国家级） / Count; for B2 the level (city/province/national)
 * @returns 加分分值 / Bonus points
 */
export function scoreBonus(code: unknown[][], count_or_level: unknown[][]): Array<Array<number | CustomFunctions.Error>> {
  return broadcast<number>(
    [
      { name: 'code', value: code },
      { name: 'count_or_level', value: count_or_level },
    ],
    ([c, n]) => {
      const key = readCode(c);
      const rule = ruleOf(key);
      if (rule && rule.kind !== 'bonus') {
        throw new KaoheError('adjustment.kind', `${key} 是扣分项，请用 SCORE.DEDUCT`, `${key} is a deduction; use SCORE.DEDUCT`, key);
      }
      return adjustmentPoints(DEFAULT_SCHEME, key, n);
    },
  );
}

// Rule: count = cases (whole number ≥ 0; blank = 0). extra only for X3 (points per case, 10–30,
// required when count > 0) and X5 (cases not reported truthfully, ≤ count; blank = 0); any other
// code with an extra is #VALUE!, so a misplaced argument is never silently ignored.
/**
 * 扣分分值（正数）：X1 每次 20；X2 每起 15；X3 每起 10–30（第三参数为每起扣分）；X4 每例 5；X5 每例 5，未如实上报的加倍（第三参数为其例数）；X6 每个 5。空白次数按 0 计。 / Deduction points (positive): X1 20 each; X2 15 each; X3 10–30 each (third argument: points per case); X4 5 each; X5 5 each, doubled if not reported truthfully (third argument: how many); X6 5 each. A blank count = 0.
 * @customfunction SCORE.DEDUCT
 * @param code 【代码】扣分代码：X1–X6（或 X5D） / Deduction code: X1–X6 (or X5D)
 * @param count 【次数】次数（例、起、个） / Number of cases
 * @param [extra] 【附加】X3：每起扣分（10–30）；X5：其中未如实上报的例数；其他不填 / X3: points per case (10–30); X5: cases not reported truthfully; otherwise omit
 * @returns 扣分分值 / Deduction points
 */
export function scoreDeduct(code: unknown[][], count: unknown[][], extra?: unknown[][]): Array<Array<number | CustomFunctions.Error>> {
  return broadcast<number>(
    [
      { name: 'code', value: code },
      { name: 'count', value: count },
      { name: 'extra', value: extra },
    ],
    ([c, n, x]) => {
      const key = readCode(c);
      const rule = ruleOf(key);
      if (rule && rule.kind !== 'deduction') {
        throw new KaoheError('adjustment.kind', `${key} 是加分项，请用 SCORE.BONUS`, `${key} is a bonus; use SCORE.BONUS`, key);
      }
      const usesExtra = rule !== undefined && rule.code.toUpperCase() === key && rule.inputs.some((i) => i.mode === 'points' || i.subsetOf !== undefined);
      if (!usesExtra && !isBlank(x) && x !== 0) {
        throw new KaoheError('adjustment.extra', `${key} 不需要第三个参数（只有 X3、X5 需要）`, `${key} takes no third argument (only X3 and X5 do)`, key);
      }
      return adjustmentPoints(DEFAULT_SCHEME, key, n, usesExtra ? x : null);
    },
  );
}

// Rule (engine rateScore): rate and target on one scale (96 and 96, or 0.96 and '96%'); a mix is
// #VALUE!. The shortfall is in percentage points on either scale. Blank rate/target = #N/A (web);
// desktop passes an empty cell as 0, which is a rate of 0 and scores 0 (or the per-point loss).
/**
 * 按达成率计分：达到目标得满分；未达到时，给出每百分点扣分则满分减 扣分×差距，否则按比例 满分×达成率÷目标；最低 0 分。达成率或目标空白返回 #N/A。 / Rate-scored item: full points at or above target; when short, points minus the loss per percentage point × the shortfall if given, else points × rate ÷ target; never below 0. A blank rate or target gives #N/A.
 * @customfunction SCORE.RATE
 * @param rate 【达成率】实际达成率，如 93.5 或 93.5% / Achieved rate, e.g. 93.5 or 93.5%
 * @param target 【目标】目标值，与达成率同一刻度 / Target, on the same scale as the rate
 * @param points 【满分】该项满分 / Full points of the item
 * @param [points_per_percent_short] 【每百分点扣分】每差 1 个百分点扣的分数；省略则按比例 / Points lost per percentage point short; omitted = proportional
 * @returns 得分 / Points
 */
export function scoreRate(
  rate: unknown[][],
  target: unknown[][],
  points: unknown[][],
  points_per_percent_short?: unknown[][],
): Array<Array<number | CustomFunctions.Error>> {
  return broadcast<number>(
    [
      { name: 'rate', value: rate },
      { name: 'target', value: target },
      { name: 'points', value: points },
      { name: 'points_per_percent_short', value: points_per_percent_short },
    ],
    ([r, t, p, k]) => rateScore(r, t, p, k),
  );
}

// Rule (engine checkVeto): numbers or text such as "90.77%" or "6.07‰"; 0.9077 against 95 is a
// scale mismatch (#VALUE!), never a silent answer. Blank (null on the web) = #N/A: no data is
// neither pass nor fail. Desktop passes an empty cell as 0, so for ">=" a figure or target of
// exactly 0 is #N/A too (a blank figure would be a veto, a blank target never missed); a "<="
// figure of 0 stays a figure (it meets any target). An empty direction cell (0 on desktop) means
// the default ">=".
/**
 * 一票否决判定：未达到目标返回 TRUE（否决），达到返回 FALSE，等于目标算达到。方向默认 ">="（须达到）；"<=" 为不得超过（如出生率‰）。刻度不一致返回 #VALUE!，空白返回 #N/A；">=" 时实际值或目标为 0 也返回 #N/A（桌面版 Excel 把空白当作 0）。 / One-vote veto: TRUE when the target is missed (vetoed), FALSE when met; equal is met. Direction ">=" (default, must reach) or "<=" (must not exceed, e.g. birth rate ‰). Mixed scales give #VALUE!, a blank #N/A; with ">=" a figure or target of 0 gives #N/A too (desktop Excel passes a blank as 0).
 * @customfunction VETO.CHECK
 * @param rate 【实际值】实际比率，如 96.2、"96.2%" / Actual rate, e.g. 96.2 or "96.2%"
 * @param target 【目标值】目标，与实际值同一刻度 / Target, on the same scale
 * @param [direction] 【方向】">=" 须达到（默认）；"<=" 不得超过 / ">=" must reach (default); "<=" must not exceed
 * @returns TRUE 触发否决；FALSE 达标 / TRUE vetoed; FALSE met
 */
export function vetoCheck(rate: unknown[][], target: unknown[][], direction?: unknown[][]): Array<Array<boolean | CustomFunctions.Error>> {
  return broadcast<boolean>(
    [
      { name: 'rate', value: rate },
      { name: 'target', value: target },
      { name: 'direction', value: direction },
    ],
    ([r, t, d]) => {
      // Desktop Excel passes an empty direction cell as 0: treat it like blank (the default >=).
      const direction = d === 0 ? null : d;
      if (parseDirection(direction) === '>=') refuseZeroAsBlank(r, t);
      return checkVeto(r, t, direction);
    },
  );
}

/** A figure that reads as exactly 0; anything unreadable is left for `checkVeto` to report. */
function isZeroFigure(value: unknown): boolean {
  if (isBlank(value)) return false;
  try {
    return parseRate(value) === 0;
  } catch {
    return false;
  }
}

/**
 * Desktop Excel passes an empty cell as 0, so a ">=" figure of 0 (which would veto the town) or
 * target of 0 (which nothing can miss) is taken as no data: #N/A, as a blank is on the web.
 */
function refuseZeroAsBlank(rate: unknown, target: unknown): void {
  const zeroRate = isZeroFigure(rate);
  const zeroTarget = isZeroFigure(target);
  if (!zeroRate && !zeroTarget) return;
  const [zh, en] = zeroRate && zeroTarget ? ['实际值和目标值', 'figure and target'] : zeroRate ? ['实际值', 'figure'] : ['目标值', 'target'];
  throw new KaoheError(
    'veto.blank',
    `${zh}为空白或 0：桌面版 Excel 把空白单元格当作 0 传入，两者无法区分；">=" 否决项的 0 按无数据处理，既不算达标也不算未达标`,
    `The ${en} is blank or 0: desktop Excel passes an empty cell as 0 and the two cannot be told apart, so a ">=" veto treats 0 as no data, neither met nor missed`,
  );
}
