/**
 * Plain data types of the assessment engine. Everything here is serialisable; no Office,
 * DOM or file types. Scores are in points; rates are plain numbers on the scale they were
 * entered (see `score/parseRate.ts`).
 */

/** P = 党政线 party-government line, F = 人口计生线 family-planning line, D = 部门 departments. */
export type LineCode = 'P' | 'F' | 'D';

/** One assessed item (指标). Leaves carry scores; a parent's points equal the sum of its children. */
export interface SchemeItem {
  /** Stable code such as `P3.1`; ASCII letters, digits and dots. */
  readonly code: string;
  readonly labelZh: string;
  readonly labelEn: string;
  /** Full marks of the item, in points. */
  readonly points: number;
  readonly children?: readonly SchemeItem[];
}

export interface SchemeLine {
  readonly code: LineCode;
  readonly labelZh: string;
  readonly labelEn: string;
  /** Full marks of the line; must equal the sum of its items. */
  readonly points: number;
  readonly items: readonly SchemeItem[];
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
  /** `%` or `‰`: how the figure is expressed, for labels and checks. */
  readonly unit: '%' | '‰';
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
  /** Town lines (P, F) and the department line (D). */
  readonly lines: readonly SchemeLine[];
  readonly vetoes: readonly VetoRule[];
  readonly adjustments: readonly AdjustmentRule[];
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

/** Class of a town (一类/二类/三类), used for targets and rank within class. */
export type UnitClass = 1 | 2 | 3;

export interface VetoInput {
  readonly actual: number | string | null;
  readonly target: number | string | null;
}

/** What the engine needs to score one town or street. */
export interface UnitInput {
  readonly unit: string;
  readonly unitClass: UnitClass | null;
  /** Item code -> score entered; leaf or parent codes; missing means 0. */
  readonly scores: Readonly<Record<string, number | null | undefined>>;
  /** Veto code -> figure and target. */
  readonly vetoInputs: Readonly<Record<string, VetoInput | undefined>>;
  /** Adjustment input code -> count or points; missing means 0. */
  readonly adjustments: Readonly<Record<string, number | null | undefined>>;
}

export interface DepartmentInput {
  readonly unit: string;
  readonly scores: Readonly<Record<string, number | null | undefined>>;
}

export interface ItemExplanation {
  readonly kind: 'item';
  readonly line: LineCode;
  readonly code: string;
  readonly labelZh: string;
  readonly labelEn: string;
  readonly points: number;
  /** The value entered, or null when the cell was blank. */
  readonly input: number | null;
  /** Score that counts: the input, or the sum of children for a parent. */
  readonly score: number;
  readonly isLeaf: boolean;
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
}

export type Explanation = ItemExplanation | AdjustmentExplanation | VetoExplanation;

export interface UnitScore {
  readonly unit: string;
  readonly unitClass: UnitClass | null;
  /** Line scores; null when vetoed (the unit does not take part in scoring) or inputs are invalid. */
  readonly party: number | null;
  readonly fp: number | null;
  readonly bonus: number | null;
  readonly deduction: number | null;
  readonly total: number | null;
  readonly vetoed: boolean;
  /** Human-readable reasons, Chinese, one per triggered veto with its figures. */
  readonly vetoReasons: readonly string[];
  readonly vetoReasonsEn: readonly string[];
  readonly explanation: readonly Explanation[];
  readonly problems: readonly Problem[];
}

export interface DepartmentScore {
  readonly unit: string;
  readonly score: number | null;
  readonly explanation: readonly ItemExplanation[];
  readonly problems: readonly Problem[];
}

export type Flag = '一票优先' | '黄牌警告' | '末位';

export interface RankOptions {
  /** Units ranked 1..topN by total get 一票优先. Default 3. */
  readonly topN?: number;
  /** Units among the last bottomN by total, outside the top N, get 黄牌警告 (重点管理). Default 3. */
  readonly bottomN?: number;
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
}
