/** The result as JSON (`kaohe rank --json`): one shape for the CLI and anything else that reports a ranking. */
import { DEFAULT_SCHEME } from '../scheme/defaultScheme';
import { schemeKinds } from '../scheme/kinds';
import type { Ranking, Scheme } from '../types';

/**
 * The `--json` document: exactly the documented shape, units in final order. Beside the built-in
 * fields (`party`, `fp`, which are lines P and F), `lines` and `lineRanks` name every line of the
 * scheme by its code, and `scheme` says which scheme it is.
 */
export function rankingJson(ranking: Ranking, scheme: Scheme = DEFAULT_SCHEME): unknown {
  return {
    scheme: {
      id: scheme.id,
      nameZh: scheme.nameZh,
      lines: scheme.lines.map((l) => ({
        code: l.code,
        labelZh: l.labelZh,
        points: l.points,
        kind: schemeKinds(scheme).find((k) => k.lines.includes(l.code))?.code ?? null,
      })),
    },
    units: ranking.units.map((u) => ({
      unit: u.unit,
      class: u.unitClass,
      party: u.party,
      fp: u.fp,
      bonus: u.bonus,
      deduction: u.deduction,
      total: u.total,
      vetoed: u.vetoed,
      vetoReasons: [...u.vetoReasons],
      rank: { party: u.rank.party, fp: u.rank.fp, total: u.rank.total, class: u.rank.class },
      flags: [...u.flags],
      lines: { ...u.lines },
      lineRanks: { ...u.lineRanks },
      ...(u.zeroReasons.length > 0 ? { zeroReasons: [...u.zeroReasons] } : {}),
    })),
    departments: ranking.departments.map((d) => ({ unit: d.unit, score: d.score, rank: d.rank, lines: { ...d.lines } })),
  };
}
