/**
 * Plain data types of the assessment engine. Everything here is serialisable; no Office,
 * DOM or file types. Scores are in points; rates are plain numbers on the scale they were
 * entered (see `score/parseRate.ts`).
 */

/**
 * A line's code: any well-formed code the scheme gives (the built-in scheme: P = 党政线,
 * F = 人口计生线, D = 部门职责; other bureaus: A, B, 系统线 S …).
 */
export type LineCode = string;

/** Where a target comes from when it is not one number: per class, or per unit (by unit name). */
export interface TargetSpec {
  /** The target for every unit not named below; null when every unit needs its own. */
  readonly value: number | null;
  /** Class code -> target (一类 95, 二类 94). */
  readonly byClass?: Readonly<Record<string, number>>;
  /** Unit name -> target (document 5: 禅城区 11.00 ‰ …). */
  readonly byUnit?: Readonly<Record<string, number>>;
}

/**
 * How an item's score is found (the scoring rule catalogue, one module each under
 * `score/rules/`). The ledger cell of a computed item holds its input (the figure, the count of
 * cases), not the score.
 * - `entered` (default): the score is typed in, 0..points.
 * - `target`: full marks when the figure reaches the target, minus `perPoint` points for each point
 *   short (one percentage point for a rate), floor 0.
 * - `proportion`: points × figure / target (`>=`) or target / figure (`<=`), at most full marks.
 * - `cases`: full marks minus `each` points per case; floor 0, or negative when `allowNegative`.
 */
export type ItemRule =
  | { readonly kind: 'entered' }
  | {
      readonly kind: 'target';
      readonly direction: Direction;
      readonly target: TargetSpec;
      readonly perPoint: number;
      /** The figure's unit (`%` default, `‰`): a point short is one percentage (per-mille) point. */
      readonly unit?: '%' | '‰';
    }
  | { readonly kind: 'proportion'; readonly direction: Direction; readonly target: TargetSpec; readonly unit?: '%' | '‰' }
  | { readonly kind: 'cases'; readonly each: number };

export type ItemRuleKind = ItemRule['kind'];

/** One assessed item (指标). Leaves carry scores; a parent's points equal the sum of its children. */
export interface SchemeItem {
  /** Stable code such as `P3.1`; ASCII letters, digits and dots. */
  readonly code: string;
  readonly labelZh: string;
  readonly labelEn: string;
  /** Full marks of the item, in points (for every class not named in `classPoints`). */
  readonly points: number;
  readonly children?: readonly SchemeItem[];
  /**
   * Full marks by class code where they differ ("乡镇10分、农场15分"); null = not assessed for that
   * class ("该项农场不考核"), scored by the kind's `unassessed` rule.
   */
  readonly classPoints?: Readonly<Record<string, number | null>>;
  /** How the score is found; default `entered`. Only on leaves. */
  readonly rule?: ItemRule;
  /** "该项可负分": the score may go below 0 (a `cases` item down to any negative, an entered one down to −points). */
  readonly allowNegative?: boolean;
  /** A bonus item inside a line ("…案件(+10分)"): scored like any item, but outside the line's full marks. */
  readonly extra?: boolean;
  /** Other names a bureau's workbook may give the item (for column matching). */
  readonly aliases?: readonly string[];
}

export interface SchemeLine {
  readonly code: LineCode;
  readonly labelZh: string;
  readonly labelEn: string;
  /** Full marks of the line; must equal the sum of its items (bonus items inside the line left out). */
  readonly points: number;
  readonly items: readonly SchemeItem[];
}

/** A class of unit (一类、二类、三类、农场 …): a label, with the other ways a ledger may write it. */
export interface ClassDef {
  /** The class as results show it: the built-in scheme's 1, 2, 3, or a label such as 农场. */
  readonly code: UnitClass;
  readonly labelZh: string;
  readonly labelEn: string;
  /** Other spellings accepted in the 类别 column (一类, 1, 一, 1类 …). */
  readonly aliases: readonly string[];
}

/**
 * How a kind's total is made from its lines: the sum (default), or weights (6:4 → 0.6 / 0.4, which
 * must sum to 1); then plus bonuses (at most `bonusCap` when given) minus deductions.
 */
export interface TotalRule {
  /** Line code -> weight, summing to 1; absent = the plain sum of the lines. */
  readonly weights?: Readonly<Record<LineCode, number>>;
  readonly bonusCap?: number;
}

/**
 * A kind of assessed unit (towns and streets, departments, districts, farms as a kind of their
 * own …), with its own lines and its own ledger sheet. `unit` kinds get vetoes, bonuses,
 * deductions, classes and flags; `department` kinds are scored and ranked on their lines only.
 */
export interface UnitKind {
  readonly code: string;
  readonly role: 'unit' | 'department';
  readonly labelZh: string;
  readonly labelEn: string;
  /** Its ledger sheet (乡镇台账, 部门台账, 区台账 …). */
  readonly sheet: string;
  readonly lines: readonly LineCode[];
  readonly total?: TotalRule;
  /** Its classes; absent = any label written in 类别 is a class of its own. */
  readonly classes?: readonly ClassDef[];
  /**
   * A line with items not assessed for a unit's class: `prorate` (default) scores it
   * 得分 ÷ 应得分 × 满分; `drop` leaves the line out of fewer points.
   */
  readonly unassessed?: 'prorate' | 'drop';
}

/** Flags as the scheme gives them: 一票优先 for the top N, 黄牌警告 (重点管理) for the bottom N, 末位. */
export interface FlagRules {
  readonly topN: number;
  readonly bottomN: number;
  /** Whether the lowest ranked unit is marked 末位 (default true). */
  readonly last: boolean;
}

/** `>=`: the figure must reach the target (compliance rates). `<=`: must not exceed it (birth rate ‰). */
export type Direction = '>=' | '<=';

/** A one-vote veto (一票否决): missing the target takes the unit out of scoring. */
export interface VetoRule {
  /** Ledger code of the figure, e.g. `V1`; its target column is `${code}T`. */
  readonly code: string;
  readonly labelZh: string;
  readonly labelEn: string;
  /** Item codes this figure decides (e.g. P1 and F4.1); they must exist in the scheme. */
  readonly indicators: readonly string[];
  readonly direction: Direction;
  /** Default target when a ledger gives none, on the same scale as the figure (e.g. 95 for 95 %). */
  readonly defaultTarget: number | null;
  /** Targets by class code or by unit name, used when the ledger's target cell is blank or absent. */
  readonly targetsByClass?: Readonly<Record<string, number>>;
  readonly targetsByUnit?: Readonly<Record<string, number>>;
  /** `%` or `‰`: how the figure is expressed, for labels and checks. */
  readonly unit: '%' | '‰';
  /**
   * What a miss does: `exclude` (default) takes the unit out of scoring and ranking; `zero` scores
   * the decided items 0 ("记零分") and the unit is still ranked.
   */
  readonly effect?: 'exclude' | 'zero';
}

/**
 * One ledger input of a bonus or deduction rule.
 * - `count`: the cell holds a number of events, each worth `pointsEach`.
 * - `points`: the cell holds the points themselves (X3: 10–30 per event, set by severity).
 */
export interface AdjustmentInput {
  readonly code: string;
  readonly labelZh: string;
  readonly labelEn: string;
  readonly mode: 'count' | 'points';
  /** Points per event for `count` inputs. */
  readonly pointsEach?: number;
  /** Range per event for `points` inputs; a non-zero total below `minEach` is an error. */
  readonly minEach?: number;
  readonly maxEach?: number;
  /** This input counts a subset of another input's events (X5D ⊆ X5); it cannot exceed it. */
  readonly subsetOf?: string;
  /** Other names a user may give for this input as a level (B2C: 市级, city, 1). */
  readonly aliases?: readonly string[];
}

/** A bonus (加分) or deduction (扣分) rule; points are magnitudes, the kind gives the sign. */
export interface AdjustmentRule {
  readonly code: string;
  readonly kind: 'bonus' | 'deduction';
  readonly labelZh: string;
  readonly labelEn: string;
  readonly inputs: readonly AdjustmentInput[];
}

export interface Scheme {
  readonly id: string;
  readonly nameZh: string;
  readonly nameEn: string;
  /**
   * Kinds of assessed unit, each naming its lines. Absent (a 方案 without 单位类型 rows): every
   * line but `D` belongs to the towns (乡镇台账, classes 1/2/3) and `D` to the departments
   * (部门台账) — see `schemeKinds`.
   */
  readonly kinds?: readonly UnitKind[];
  /** Every line of every kind. */
  readonly lines: readonly SchemeLine[];
  readonly vetoes: readonly VetoRule[];
  readonly adjustments: readonly AdjustmentRule[];
  /** The scheme's flags; absent = 3 / 3 / 末位 (`DEFAULT_RANK_OPTIONS`). Ranking options override. */
  readonly flags?: FlagRules;
}

export type Severity = 'error' | 'warning';

/** A problem found by the engine, before it is given a sheet and cell by a reader. */
export interface Problem {
  readonly code: string;
  readonly severity: Severity;
  /** Item, veto or adjustment code the problem is about, when there is one. */
  readonly field?: string;
  readonly zh: string;
  readonly en: string;
}

/** Class of a unit, as its ClassDef's code (the built-in 1/2/3, or a label: 一类, 农场 …). */
export type UnitClass = number | string;

export interface VetoInput {
  readonly actual: number | string | null;
  readonly target: number | string | null;
}

/** What the engine needs to score one town or street. */
export interface UnitInput {
  readonly unit: string;
  readonly unitClass: UnitClass | null;
  /**
   * Item code -> score entered; leaf or parent codes; missing means 0. A computed item holds its
   * input instead: a figure as typed (95, '95%') or a count, and `${code}T` its target when the ledger gives one.
   */
  readonly scores: Readonly<Record<string, number | string | null | undefined>>;
  /** Veto code -> figure and target. */
  readonly vetoInputs: Readonly<Record<string, VetoInput | undefined>>;
  /** Adjustment input code -> count or points; missing means 0. */
  readonly adjustments: Readonly<Record<string, number | null | undefined>>;
  /**
   * Vetoes a clerk marked in the ledger (`一票否决（政策外多孩）` in a score, 总分 or 备注 cell):
   * each takes the unit out of scoring as a missed veto figure does, its text the reason.
   */
  readonly markedVetoes?: readonly MarkedVeto[];
}

/** A veto marked in the ledger by its text: the reason as written, and the cell it came from. */
export interface MarkedVeto {
  readonly text: string;
  readonly cell: string | null;
}

export interface DepartmentInput {
  readonly unit: string;
  readonly scores: UnitInput['scores'];
}

export interface ItemExplanation {
  readonly kind: 'item';
  readonly line: LineCode;
  readonly code: string;
  readonly labelZh: string;
  readonly labelEn: string;
  readonly points: number;
  /** The value entered (for a computed item: its figure or count), or null when the cell was blank. */
  readonly input: number | null;
  /** Score that counts: the input, the rule's result, or the sum of children for a parent. */
  readonly score: number;
  readonly isLeaf: boolean;
  /** False when the item is not assessed for the unit's class (then score 0, points 0). */
  readonly assessed?: boolean;
  /** How a computed item's score came about ("92 % < 95 %: 3 points short × 2 = 6 lost"). */
  readonly noteZh?: string;
  readonly noteEn?: string;
}

export interface AdjustmentExplanation {
  readonly kind: 'bonus' | 'deduction';
  readonly code: string;
  readonly inputCode: string;
  readonly labelZh: string;
  readonly labelEn: string;
  /** Events counted (count inputs) or null for points inputs. */
  readonly count: number | null;
  readonly pointsEach: number | null;
  /** Magnitude in points. */
  readonly points: number;
  /** On the last bonus row when the kind's cap (上限) cut the bonuses: what was counted. */
  readonly noteZh?: string;
  readonly noteEn?: string;
}

export interface VetoExplanation {
  readonly kind: 'veto';
  readonly code: string;
  readonly labelZh: string;
  readonly labelEn: string;
  readonly indicators: readonly string[];
  /** Figure and target on the veto's `unit` scale, as shown (92.4 for a 0.924 typed among fractions). */
  readonly actual: number | null;
  readonly target: number | null;
  readonly direction: Direction;
  readonly triggered: boolean;
  /** `exclude` (out of scoring) or `zero` (the decided items scored 0). */
  readonly effect?: 'exclude' | 'zero';
}

export type Explanation = ItemExplanation | AdjustmentExplanation | VetoExplanation;

export interface UnitScore {
  readonly unit: string;
  readonly unitClass: UnitClass | null;
  /** The built-in lines P and F (null for a scheme without them); null when vetoed or inputs are invalid. */
  readonly party: number | null;
  readonly fp: number | null;
  /** Every line of the unit's kind by code, in scheme order; null as above. */
  readonly lines: Readonly<Record<LineCode, number | null>>;
  readonly bonus: number | null;
  readonly deduction: number | null;
  readonly total: number | null;
  readonly vetoed: boolean;
  /** Human-readable reasons, Chinese, one per triggered veto with its figures. */
  readonly vetoReasons: readonly string[];
  readonly vetoReasonsEn: readonly string[];
  /** Vetoes with the `zero` effect that scored their items 0 (the unit is still ranked). */
  readonly zeroReasons: readonly string[];
  readonly zeroReasonsEn: readonly string[];
  readonly explanation: readonly Explanation[];
  readonly problems: readonly Problem[];
}

export interface DepartmentScore {
  readonly unit: string;
  /** The department kind's total (its one line, or its lines by the total rule). */
  readonly score: number | null;
  readonly lines: Readonly<Record<LineCode, number | null>>;
  readonly explanation: readonly ItemExplanation[];
  readonly problems: readonly Problem[];
}

export type Flag = '一票优先' | '黄牌警告' | '末位';

export interface RankOptions {
  /** Units ranked 1..topN by total get 一票优先. Default: the scheme's, else 3. */
  readonly topN?: number;
  /** Units among the last bottomN by total, outside the top N, get 黄牌警告 (重点管理). Default: the scheme's, else 3. */
  readonly bottomN?: number;
  /** Mark the lowest ranked unit 末位. Default: the scheme's, else true. */
  readonly last?: boolean;
  /** Also rank within class (一、二、三类). Default false. */
  readonly byClass?: boolean;
}

export interface RankedUnit extends UnitScore {
  readonly rank: {
    readonly party: number | null;
    readonly fp: number | null;
    readonly total: number | null;
    readonly class: number | null;
  };
  /** Rank of every line on its own (三线排位), by line code. */
  readonly lineRanks: Readonly<Record<LineCode, number | null>>;
  readonly flags: readonly Flag[];
}

export interface RankedDepartment extends DepartmentScore {
  readonly rank: number | null;
}

/**
 * Said when the top N and the bottom N (or last place) reach the same units — too few ranked units
 * (fewer than topN + bottomN) or ties across the middle. Those units are in the top N and get
 * 一票优先 only, never 黄牌警告 or 末位; the front ends show the message.
 */
export interface FlagNotice {
  /** Units ranked by total. */
  readonly ranked: number;
  readonly topN: number;
  readonly bottomN: number;
  /** Units within the top N that the bottom N or last place would also have reached, in ranking order. */
  readonly units: readonly string[];
  readonly zh: string;
  readonly en: string;
}

export interface Ranking {
  /** Final order: ranked units by total rank (ties in input order), then vetoed units. */
  readonly units: readonly RankedUnit[];
  readonly departments: readonly RankedDepartment[];
  /** Null when every flag could be given as asked. */
  readonly flagNotice: FlagNotice | null;
  /** The flag rules the ranking applied: the scheme's 标记 rows, overridden by the options given. */
  readonly flagRules?: FlagRules;
}
