/**
 * Built-in consistency rules that need no 核查规则 row (a parent entered with its children that is
 * not their sum is the reader's `score.parent-sum`, from scoring itself):
 * - `rate.num-den`: a rate column `CODE` with `CODE_NUM` (numerator) and `CODE_DEN` (denominator)
 *   columns must equal NUM / DEN on its own scale (×100 for a percentage, ×1000 for ‰, ×1 when
 *   the rate is written as a fraction ≤ 1) within 0.05 percentage points (0.05 ‰).
 */
import type { Finding } from '../ledger/types';
import { finding } from './finding';
import { fmt } from './numbers';
import type { RateColumn } from './rateChecks';
import type { CellRead, TownTable } from './table';
import type { LedgerUnit } from '../ledger/types';

/** Largest allowed gap between a rate and NUM/DEN, in points of its own unit (pp or ‰). */
export const NUM_DEN_TOLERANCE = 0.05;

export function checkNumDen(table: TownTable, rates: readonly RateColumn[], flagged: ReadonlySet<string>): Finding[] {
  const out: Finding[] = [];
  for (const col of rates) {
    const numCode = `${col.code}_NUM`;
    const denCode = `${col.code}_DEN`;
    if (!table.has(numCode) || !table.has(denCode)) continue;
    const rates = table.values(col.code);
    const nums = table.values(numCode);
    const dens = table.values(denCode);
    for (let i = 0; i < table.units.length; i++) {
      const unit = table.units[i] as LedgerUnit;
      const rate = rates[i] as CellRead;
      const num = nums[i] as CellRead;
      const den = dens[i] as CellRead;
      // A rate typed with its column's sign (or %-formatted: 98.2%) is on the column's scale; another sign is the rate checks' finding.
      if (rate.value === null || num.value === null || den.value === null || (rate.sign !== null && rate.sign !== col.unit)) continue;
      if (rate.cell && flagged.has(rate.cell)) continue;
      const name = unit.input.unit;
      if (den.value === 0) {
        if (num.value !== 0) out.push(finding('error', 'rate.num-den', table.sheet, den.cell, `${name} 的 ${denCode}（分母）为 0，而分子 ${numCode} 为 ${fmt(num.value)}`, `${name}: ${denCode} (denominator) is 0 while the numerator ${numCode} is ${fmt(num.value)}`, { code: col.code, unit: name }));
        continue;
      }
      const ratio = num.value / den.value;
      // A percentage column may hold a town's rate as a fraction (0.97): the mixed-scale rule
      // reports that; here it is compared on the scale it was written in.
      const asFraction = col.unit === '%' && rate.sign === null && rate.value <= 1 && Math.abs(rate.value - ratio) < Math.abs(rate.value - ratio * 100);
      const factor = col.unit === '‰' ? 1000 : asFraction ? 1 : 100;
      const expected = ratio * factor;
      const tolerance = NUM_DEN_TOLERANCE * (factor === 1 ? 0.01 : 1);
      if (Math.abs(rate.value - expected) <= tolerance + 1e-9) continue;
      const unitText = factor === 1 ? '' : col.unit;
      out.push(
        finding('error', 'rate.num-den', table.sheet, rate.cell, `${name} 的 ${col.code} 为 ${fmt(rate.value)}${unitText}，但 ${numCode}/${denCode} = ${fmt(num.value)}/${fmt(den.value)} = ${fmt(expected)}${unitText}`, `${name}: ${col.code} is ${fmt(rate.value)}${unitText} but ${numCode}/${denCode} = ${fmt(num.value)}/${fmt(den.value)} = ${fmt(expected)}${unitText}`, {
          code: col.code,
          unit: name,
        }),
      );
    }
  }
  return out;
}
