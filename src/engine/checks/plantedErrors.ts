/**
 * Planted data problems for the sample `examples/ledger-errors.xlsx`: the example generator takes
 * the clean example workbook, calls `plantCheckErrors`, writes the result and keeps the returned
 * list, so `kaohe check` can be tested to report every planted problem at its cell.
 *
 * What is planted (row numbers depend on the clean ledger; the returned list has the cells):
 * - columns `BIRTHS_BUREAU 出生数（计生）`, `BIRTHS_HEALTH 出生数（卫生）` and a 核查规则 sheet with the
 *   rule `BIRTHS_BUREAU = BIRTHS_HEALTH ± 5%`; the 2nd town has 2419 vs 2884 (document 3);
 * - a V1 of 0.97 among percentages (3rd town);
 * - columns `V1_NUM`, `V1_DEN` matching V1 except for the 4th town (0.3 pp off);
 * - a births figure far above its class (a town of the largest class with ≥ 5 towns);
 * - a 上轮台账 sheet (previous round) where the 5th town's births jump far beyond the others';
 * - a birth-rate column `BIRTH_RATE 出生率（‰）` where the 6th town entered 1.12 (a % for 11.2 ‰);
 * - a malformed rule and a rule with an unknown code on the 核查规则 sheet.
 */
import type { CellValue, SheetGrid, WorkbookGrid } from '../ledger/types';
import { SHEETS } from '../ledger/types';
import { columnLetter, headerCode } from './table';

export interface PlantedProblem {
  readonly sheet: string;
  /** A1 address where `kaohe check` must report the problem. */
  readonly cell: string;
  /** Rule id the finding carries. */
  readonly rule: string;
  readonly describe: string;
}

export interface PlantedWorkbook {
  readonly workbook: WorkbookGrid;
  readonly planted: readonly PlantedProblem[];
}

const NAME_HEADER = '单位';
const CLASS_HEADER = '类别';

const text = (v: CellValue | undefined): string => (v === null || v === undefined ? '' : String(v).trim());

/**
 * Returns a copy of a clean example workbook with the problems above planted, and their list.
 * Needs a 乡镇台账 sheet with a 单位 column, a V1 column of percentages and at least 6 towns;
 * throws an Error otherwise (it is a developer tool). The input is not modified.
 * @example plantCheckErrors(cleanGrid).planted.map((p) => p.rule) // ['rule.violated', 'rate.mixed-scale', …]
 */
export function plantCheckErrors(clean: WorkbookGrid): PlantedWorkbook {
  const source = clean.sheets.find((s) => s.name === SHEETS.towns);
  if (!source) throw new Error(`plantCheckErrors: no sheet ${SHEETS.towns}`);
  const rows: CellValue[][] = source.values.map((r) => [...r]);
  const header = rows[0] ?? [];
  const width = header.length;
  for (const r of rows) while (r.length < width) r.push(null);
  const nameCol = Math.max(0, header.findIndex((h) => text(h) === NAME_HEADER));
  const classCol = header.findIndex((h) => text(h) === CLASS_HEADER);
  const v1Col = header.findIndex((h) => headerCode(h) === 'V1');
  if (v1Col < 0) throw new Error('plantCheckErrors: no V1 column');
  const towns: number[] = [];
  rows.forEach((r, i) => {
    if (i > 0 && text(r[nameCol]) !== '') towns.push(i);
  });
  if (towns.length < 6) throw new Error('plantCheckErrors: needs at least 6 towns');
  const rowOf = (k: number): number => towns[k] as number;
  const at = (col: number, k: number): string => `${columnLetter(col)}${rowOf(k) + 1}`;
  const planted: PlantedProblem[] = [];

  const bureauCol = width;
  const healthCol = width + 1;
  // width + 2 and width + 3 hold V1_NUM and V1_DEN.
  const rateCol = width + 4;
  header.push('BIRTHS_BUREAU 出生数（计生）', 'BIRTHS_HEALTH 出生数（卫生）', 'V1_NUM 符合政策出生数', 'V1_DEN 出生总数', 'BIRTH_RATE 出生率（‰）');

  // The births outlier goes to a town of the largest class, which needs 5 towns to be judged.
  const byClass = new Map<string, number[]>();
  towns.forEach((_, k) => {
    const c = classCol >= 0 ? text(rows[rowOf(k)]?.[classCol]) : '';
    byClass.set(c, [...(byClass.get(c) ?? []), k]);
  });
  const largest = [...byClass.values()].sort((a, b) => b.length - a.length)[0] ?? [];
  const outlierTown = largest.length >= 5 ? [...largest].reverse().find((k) => k !== 1 && k !== 4) : undefined;

  const previous: CellValue[][] = [[NAME_HEADER, header[bureauCol] ?? null, header[healthCol] ?? null]];
  towns.forEach((_, k) => {
    const row = rows[rowOf(k)] as CellValue[];
    let bureau = 2000 + ((k * 137) % 900);
    let health = bureau + (k % 3) - 1;
    if (k === 1) [bureau, health] = [2419, 2884];
    if (k === outlierTown) [bureau, health] = [9800, 9790];
    const den = 10000 + k * 7;
    const v1 = typeof row[v1Col] === 'number' ? (row[v1Col]) : 96;
    let num = Math.round((v1 * den) / 100);
    if (k === 3) num -= 30;
    const rate = k === 5 ? 1.12 : Math.round((9.5 + (k % 7) * 0.3) * 100) / 100;
    row.push(bureau, health, num, den, rate);
    if (k === 2) row[v1Col] = 0.97;
    const change = k === 4 ? 1200 : 40 + (k % 5) * 3;
    previous.push([row[nameCol] ?? null, bureau - change, health - 45]);
  });

  planted.push({ sheet: SHEETS.towns, cell: at(bureauCol, 1), rule: 'rule.violated', describe: '出生数：计生 2419 与卫生 2884 不一致（第三篇） / births 2419 (bureau) vs 2884 (health), document 3' });
  planted.push({ sheet: SHEETS.towns, cell: at(v1Col, 2), rule: 'rate.mixed-scale', describe: 'V1 填 0.97，其余为百分数 / V1 entered as 0.97 among percentages' });
  planted.push({ sheet: SHEETS.towns, cell: at(v1Col, 3), rule: 'rate.num-den', describe: 'V1 与 V1_NUM/V1_DEN 相差 0.3 个百分点 / V1 is 0.3 pp off its numerator/denominator' });
  if (outlierTown !== undefined) {
    planted.push({ sheet: SHEETS.towns, cell: at(bureauCol, outlierTown), rule: 'outlier.class', describe: '出生数（计生）9800 远高于同类 / births (bureau) 9800 far above the class' });
    planted.push({ sheet: SHEETS.towns, cell: at(healthCol, outlierTown), rule: 'outlier.class', describe: '出生数（卫生）9790 远高于同类 / births (health) 9790 far above the class' });
  }
  planted.push({ sheet: SHEETS.towns, cell: at(bureauCol, 4), rule: 'outlier.jump', describe: '出生数（计生）比上轮多 1200，其他单位约 46 / births up 1200 since last round, others about 46' });
  planted.push({ sheet: SHEETS.towns, cell: at(rateCol, 5), rule: 'rate.permille-scale', describe: '出生率填 1.12（按 % 填的 11.2‰）/ birth rate 1.12, a % for 11.2 ‰' });

  const rules: CellValue[][] = [
    ['左式 Left', '运算符 Operator', '右式 Right', '容差 Tolerance', '级别 Severity', '说明 Message'],
    ['BIRTHS_BUREAU', '=', 'BIRTHS_HEALTH', '5%', '错误', '计生与卫生部门的出生人数应一致（数出多门）'],
    ['BIRTHS_BUREAU * (', '>', '0', '', '警告', '故意写错的规则 / deliberately malformed'],
    ['BIRTHS_POLICE', '=', 'BIRTHS_HEALTH', '5%', '警告', '引用不存在的代码 / unknown code'],
  ];
  planted.push({ sheet: SHEETS.rules, cell: 'A3', rule: 'rule.malformed', describe: '左式括号不完整 / unbalanced parenthesis' });
  planted.push({ sheet: SHEETS.rules, cell: 'A4', rule: 'rule.unknown-code', describe: '代码 BIRTHS_POLICE 不存在 / unknown code BIRTHS_POLICE' });

  const sheets: SheetGrid[] = clean.sheets.filter((s) => s.name !== SHEETS.rules && s.name !== SHEETS.previous).map((s) => (s === source ? { name: s.name, values: rows } : s));
  sheets.push({ name: SHEETS.rules, values: rules }, { name: SHEETS.previous, values: previous });
  return { workbook: { sheets }, planted };
}
