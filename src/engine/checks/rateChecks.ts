/**
 * Rate checks: values outside 0–100 % (0–1000 ‰), a column mixing fractions and percentages
 * (0.95 next to 95), a ‰ figure entered as % or as a fraction (11.2 ‰ given as 1.12 or 0.0112),
 * and a target on another scale than its rate (0.95 against 96.5).
 *
 * Rate columns are the scheme's veto figures and their targets (`V1`, `V1T`, scale from the
 * veto's `unit`), and among the user's own columns (codes the scheme does not score) any whose
 * header contains `%` or `‰` and any `CODE` that has `CODE_NUM` and `CODE_DEN` beside it (a
 * percentage unless its header says ‰). A scored item or a bonus/deduction column is never a
 * rate column, whatever its label says (`F6.3 全员人口信息（覆盖率、准确率≥96%）` holds points):
 * the reader checks it against its points.
 */
import type { Finding } from '../ledger/types';
import { finding } from './finding';
import { fmt, median, type ReadNumber } from './numbers';
import type { CellRead, TownTable } from './table';
import type { LedgerUnit } from '../ledger/types';

export interface RateColumn {
  readonly code: string;
  readonly unit: '%' | '‰';
  /** For a veto's target column, the veto code. */
  readonly targetOf?: string;
}

/** A rate is "on the other scale" only when the two groups differ about a hundredfold. */
const SCALE_RATIO_MIN = 20;
const SCALE_RATIO_MAX = 500;
/** Tolerance on log10 of a ratio when recognising ×10 and ×1000 slips in ‰ figures. */
const LOG_SLACK = 0.35;

/** The rate columns of a town table (see the module comment). */
export function rateColumns(table: TownTable, vetoes: readonly { code: string; unit: '%' | '‰' }[]): RateColumn[] {
  const out: RateColumn[] = [];
  const seen = new Set<string>();
  for (const v of vetoes) {
    const code = v.code.toUpperCase();
    out.push({ code, unit: v.unit }, { code: `${code}T`, unit: v.unit, targetOf: code });
    seen.add(code).add(`${code}T`);
  }
  for (const col of table.columns.values()) {
    // `known` columns are the ones the ledger reader mapped to the scheme: scores and adjustments.
    if (seen.has(col.code) || col.known) continue;
    const header = col.header.normalize('NFKC');
    const signed = header.includes('‰') ? '‰' : header.includes('%') ? '%' : null;
    const numDen = table.has(`${col.code}_NUM`) && table.has(`${col.code}_DEN`);
    if (signed || numDen) {
      out.push({ code: col.code, unit: signed ?? '%' });
      seen.add(col.code);
    }
  }
  return out;
}

/** A value on its column's scale, or null (blank, not a number, or a sign from the other scale). */
function onScale(r: ReadNumber, unit: '%' | '‰'): number | null {
  if (r.value === null) return null;
  if (r.sign === null || r.sign === unit) return r.value;
  return null;
}

interface Entry {
  readonly unit: LedgerUnit;
  readonly read: CellRead;
}

const UNIT_ZH = { '%': '百分比（%）', '‰': '千分比（‰）' } as const;
const UNIT_EN = { '%': 'a percentage (%)', '‰': 'a per-mille figure (‰)' } as const;

/** Runs the rate checks; returns findings and the cells they flagged (so other checks can stay quiet). */
export function checkRates(table: TownTable, vetoes: readonly { code: string; unit: '%' | '‰'; defaultTarget: number | null }[]): { findings: Finding[]; flagged: Set<string> } {
  const findings: Finding[] = [];
  const flagged = new Set<string>();
  const S = table.sheet;
  const flag = (f: Finding) => {
    findings.push(f);
    if (f.cell) flagged.add(f.cell);
  };

  const vetoCodes = new Set(vetoes.map((v) => v.code.toUpperCase()));
  for (const col of rateColumns(table, vetoes)) {
    const entries: Entry[] = [];
    const column = table.values(col.code);
    for (let i = 0; i < table.units.length; i++) {
      const unit = table.units[i] as LedgerUnit;
      const read = column[i] as CellRead;
      if (read.value !== null && read.cell !== null) entries.push({ unit, read });
    }
    const max = col.unit === '%' ? 100 : 1000;

    // Sign of the other scale, and range.
    for (const { unit, read } of entries) {
      const name = unit.input.unit;
      const value = read.value as number;
      if (read.sign !== null && read.sign !== col.unit) {
        flag(finding('error', col.unit === '‰' ? 'rate.permille-scale' : 'rate.sign-mismatch', S, read.cell, `${name} 的 ${col.code}“${String(read.raw)}”带“${read.sign}”号，但该列应为${UNIT_ZH[col.unit]}`, `${name}: ${col.code} "${String(read.raw)}" carries "${read.sign}" but the column is ${UNIT_EN[col.unit]}`, { code: col.code, unit: name }));
        continue;
      }
      if (value < 0 || value > max) {
        flag(finding('error', 'rate.range', S, read.cell, `${name} 的 ${col.code} 为 ${fmt(value)}${col.unit}，超出 0–${max}${col.unit} 的范围`, `${name}: ${col.code} is ${fmt(value)}${col.unit}, outside 0–${max}${col.unit}`, { code: col.code, unit: name }));
      }
    }

    const unsigned = entries.filter((e) => e.read.sign === null && !flagged.has(e.read.cell as string) && (e.read.value as number) > 0);
    if (col.unit === '%') {
      // Fractions (≤ 1) next to percentages (> 1): the smaller group is the odd one out.
      const fractions = unsigned.filter((e) => (e.read.value as number) <= 1);
      const percents = unsigned.filter((e) => (e.read.value as number) > 1);
      if (fractions.length > 0 && percents.length > 0) {
        const ratio = median(percents.map((e) => e.read.value as number)) / median(fractions.map((e) => e.read.value as number));
        if (ratio >= SCALE_RATIO_MIN && ratio <= SCALE_RATIO_MAX) {
          const oddFractions = fractions.length <= percents.length;
          const odd = oddFractions ? fractions : percents;
          const usual = oddFractions ? '百分数（如 95）' : '小数（如 0.95）';
          const usualEn = oddFractions ? 'percentages (like 95)' : 'fractions (like 0.95)';
          for (const { unit, read } of odd) {
            const name = unit.input.unit;
            const v = read.value as number;
            const meant = oddFractions ? fmt(v * 100) : fmt(v / 100);
            flag(finding('error', 'rate.mixed-scale', S, read.cell, `${name} 的 ${col.code} 为 ${fmt(v)}，而该列其余 ${oddFractions ? percents.length : fractions.length} 个值是${usual}；是否应为 ${meant}？`, `${name}: ${col.code} is ${fmt(v)} while the column's other ${oddFractions ? percents.length : fractions.length} values are ${usualEn}; did you mean ${meant}?`, { code: col.code, unit: name }));
          }
        }
      }
      // A number just above 1 among fractions (0.97, 0.99, 1.4) is 140 % or a slip of scale. For a
      // veto's figure and target the engine refuses it against the row's target (veto.above-one);
      // a column of the user's own has no target to tell, so it is a warning.
      if (!vetoCodes.has(col.code) && !col.targetOf) {
        const small = fractions.filter((e) => !flagged.has(e.read.cell as string));
        const above = percents.filter((e) => !flagged.has(e.read.cell as string) && (e.read.value as number) < SCALE_RATIO_MIN);
        if (small.length >= 3 && small.length >= 4 * above.length && median(small.map((e) => e.read.value as number)) >= 0.5) {
          for (const { unit, read } of above) {
            const name = unit.input.unit;
            const v = read.value as number;
            flag(finding('warning', 'rate.above-one', S, read.cell, `${name} 的 ${col.code} 为 ${fmt(v)}，而该列其余 ${small.length} 个值是小数（如 0.95）：${fmt(v)} 即 ${fmt(v * 100)}%，超过 100%，或是刻度填错了`, `${name}: ${col.code} is ${fmt(v)} while the column's other ${small.length} values are fractions (like 0.95): ${fmt(v)} would be ${fmt(v * 100)}%, above 100%, or a slip of scale`, { code: col.code, unit: name }));
          }
        }
      }
    } else if (unsigned.length >= 3) {
      // ‰ figures: a value a tenth (given in %) or a thousandth (given as a fraction) of the column's median.
      const ref = median(unsigned.map((e) => e.read.value as number));
      for (const { unit, read } of unsigned) {
        const slip = permilleSlip((read.value as number) / ref);
        if (slip) flag(permilleFinding(S, col.code, unit.input.unit, read, slip, `该列中位数 ${fmt(ref)}‰`, `the column's median ${fmt(ref)}‰`));
      }
    }
  }

  // A target on another scale than its rate.
  for (const v of vetoes) {
    const code = v.code.toUpperCase();
    const actuals = table.values(code);
    const targets = table.values(`${code}T`);
    for (let i = 0; i < table.units.length; i++) {
      const unit = table.units[i] as LedgerUnit;
      const a = actuals[i] as CellRead;
      const tRead = targets[i] as CellRead;
      const av = onScale(a, v.unit);
      const tv = tRead.value === null ? v.defaultTarget : onScale(tRead, v.unit);
      if (av === null || tv === null || av <= 0 || tv <= 0) continue;
      if ((a.cell && flagged.has(a.cell)) || (tRead.cell && flagged.has(tRead.cell))) continue;
      const cell = tRead.value !== null && tRead.cell ? tRead.cell : a.cell;
      const name = unit.input.unit;
      const targetZh = tRead.value === null ? `默认目标 ${fmt(tv)}` : `目标 ${fmt(tv)}`;
      const targetEn = tRead.value === null ? `the default target ${fmt(tv)}` : `the target ${fmt(tv)}`;
      let mismatch = false;
      if (v.unit === '%') {
        const ratio = Math.max(av, tv) / Math.min(av, tv);
        mismatch = av <= 1 !== tv <= 1 && ratio >= SCALE_RATIO_MIN && ratio <= SCALE_RATIO_MAX;
      } else {
        mismatch = permilleSlip(av / tv) !== null || permilleSlip(tv / av) !== null;
      }
      if (mismatch) {
        flag(finding('error', 'rate.target-scale', S, cell, `${name} 的 ${code} 为 ${fmt(av)}，${targetZh}，两者不在同一尺度（一个是小数或百分数，另一个不是）；请统一为${UNIT_ZH[v.unit]}`, `${name}: ${code} is ${fmt(av)} and ${targetEn}; they are on different scales. Enter both as ${UNIT_EN[v.unit]}`, { code, unit: name }));
      }
    }
  }
  return { findings, flagged };
}

/** Recognises a ‰ figure that is a tenth (entered in %) or a thousandth (entered as a fraction) of what it should be. */
function permilleSlip(ratio: number): 'percent' | 'fraction' | null {
  if (!(ratio > 0)) return null;
  const l = Math.log10(ratio);
  if (Math.abs(l + 1) < LOG_SLACK) return 'percent';
  if (Math.abs(l + 3) < LOG_SLACK) return 'fraction';
  return null;
}

function permilleFinding(sheet: string, code: string, name: string, read: CellRead, slip: 'percent' | 'fraction', refZh: string, refEn: string): Finding {
  const v = read.value as number;
  const meant = fmt(slip === 'percent' ? v * 10 : v * 1000);
  const asZh = slip === 'percent' ? '百分数' : '小数';
  const asEn = slip === 'percent' ? 'a percentage' : 'a fraction';
  return finding('error', 'rate.permille-scale', sheet, read.cell, `${name} 的 ${code} 为 ${fmt(v)}，与${refZh}相比像是按${asZh}填写的千分比；是否应为 ${meant}‰？`, `${name}: ${code} is ${fmt(v)}; against ${refEn} it looks like a per-mille figure entered as ${asEn}. Did you mean ${meant}‰?`, { code, unit: name });
}
