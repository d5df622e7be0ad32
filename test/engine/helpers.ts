import { DEFAULT_SCHEME, indexScheme } from '../../src/engine';
import type { UnitInput } from '../../src/engine';

/** Full marks on every leaf of P and F. */
export function fullScores(): Record<string, number> {
  const idx = indexScheme(DEFAULT_SCHEME);
  const out: Record<string, number> = {};
  for (const line of ['P', 'F'] as const) for (const leaf of idx.leaves(line)) out[leaf.code] = leaf.points;
  return out;
}

/** A town meeting both vetoes, with the given overrides. */
export function town(unit: string, over: Partial<UnitInput> = {}): UnitInput {
  return {
    unit,
    unitClass: 1,
    scores: fullScores(),
    vetoInputs: { V1: { actual: 97, target: 95 }, V2: { actual: 99, target: 95 } },
    adjustments: {},
    ...over,
  };
}
