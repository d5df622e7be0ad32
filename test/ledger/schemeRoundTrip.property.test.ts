/**
 * Any valid scheme of the issue-11 model survives the 方案 sheet: written by `schemeRows` (in
 * Chinese or English) and read by `readScheme`, it comes back equal, with no findings.
 */
import fc from 'fast-check';
import { readScheme } from '../../src/engine/ledger/readScheme';
import { schemeRows } from '../../src/engine/ledger/schemeSheet';
import { validateScheme } from '../../src/engine/scheme/validateScheme';
import type {
  ClassDef,
  ItemRule,
  Scheme,
  SchemeItem,
  SchemeLine,
  TargetSpec,
  UnitKind,
  VetoRule,
} from '../../src/engine/types';

const UNITS = ['禅城区', '南海区', '顺德区', '高明区', '三水区', '祖庙街道'];
const label = fc
  .array(fc.constantFrom('甲', '乙', '丙', '镇', '线', '指', 'A', 'b', '1', ' ', '（', '）'), {
    minLength: 1,
    maxLength: 8,
  })
  .map((cs) => cs.join('').trim())
  .filter((s) => s.length > 0);
const code = fc.stringMatching(/^[A-Za-z][A-Za-z0-9_.]{0,4}$/);
const opt = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: undefined });
const tenth = fc.integer({ min: 0, max: 2000 }).map((n) => n / 10);

/** Classes: numbers (as the built-in 1/2/3) or labels, with names that never collide. */
const classesArb = fc
  .uniqueArray(fc.constantFrom<number | string>(1, 2, 3, 4, '农场', '林场', '街道', 'A类'), {
    maxLength: 3,
  })
  .map((codes): ClassDef[] =>
    codes.map((c) => ({
      code: c,
      labelZh: `${c}类名`,
      labelEn: `Class ${c}`,
      aliases: typeof c === 'number' ? [`${c}号`] : [],
    })),
  );

const byClassArb = (classes: readonly ClassDef[]) =>
  fc
    .subarray(classes.map((c) => String(c.code)))
    .chain((keys) =>
      fc
        .tuple(...keys.map(() => tenth))
        .map((vs) => Object.fromEntries(keys.map((k, i) => [k, vs[i] as number]))),
    );
const byUnitArb = fc
  .subarray(UNITS, { minLength: 1 })
  .chain((us) =>
    fc
      .tuple(...us.map(() => tenth))
      .map((vs) => Object.fromEntries(us.map((u, i) => [u, vs[i] as number]))),
  );

/** A target nobody is left without unless the ledger is meant to give it (no partial per-class targets alone). */
const targetArb = (classes: readonly ClassDef[]): fc.Arbitrary<TargetSpec> =>
  fc
    .record({
      value: fc.option(tenth, { nil: null }),
      byClass: opt(byClassArb(classes)),
      byUnit: opt(byUnitArb),
    })
    .map((t) => {
      const byClass = t.byClass && Object.keys(t.byClass).length > 0 ? t.byClass : undefined;
      const value =
        t.value === null && byClass && !t.byUnit && Object.keys(byClass).length < classes.length
          ? 90
          : t.value;
      return { value, ...(byClass ? { byClass } : {}), ...(t.byUnit ? { byUnit: t.byUnit } : {}) };
    });

const ruleArb = (classes: readonly ClassDef[]): fc.Arbitrary<ItemRule | undefined> =>
  fc.oneof(
    fc.constant(undefined),
    fc.constant<ItemRule>({ kind: 'entered' }),
    fc
      .record({
        direction: fc.constantFrom('>=' as const, '<=' as const),
        target: targetArb(classes),
        perPoint: fc.integer({ min: 1, max: 5 }),
        unit: opt(fc.constantFrom('%' as const, '‰' as const)),
      })
      .map((r): ItemRule => ({
        kind: 'target',
        direction: r.direction,
        target: r.target,
        perPoint: r.perPoint,
        ...(r.unit ? { unit: r.unit } : {}),
      })),
    fc
      .record({
        direction: fc.constantFrom('>=' as const, '<=' as const),
        target: targetArb(classes),
        unit: opt(fc.constantFrom('%' as const, '‰' as const)),
      })
      .map((r): ItemRule => ({
        kind: 'proportion',
        direction: r.direction,
        target: r.target,
        ...(r.unit ? { unit: r.unit } : {}),
      })),
    fc.integer({ min: 1, max: 10 }).map((each): ItemRule => ({ kind: 'cases', each })),
  );

interface Shape {
  points: number;
  children: number[];
}

/** A line's items: top-level items, some with children (points = sum), some bonus items outside the total. */
function lineArb(codes: () => string, classes: readonly ClassDef[]): fc.Arbitrary<SchemeLine> {
  const leaf = (points: number, extra: boolean) =>
    fc
      .record({
        labelZh: label,
        labelEn: label,
        rule: ruleArb(classes),
        allowNegative: opt(fc.boolean()),
        aliases: opt(fc.uniqueArray(label, { minLength: 1, maxLength: 2 })),
      })
      .map((r): SchemeItem => ({
        code: codes(),
        labelZh: r.labelZh,
        labelEn: r.labelEn,
        points,
        ...(r.rule ? { rule: r.rule } : {}),
        ...(r.allowNegative !== undefined ? { allowNegative: r.allowNegative } : {}),
        ...(extra ? { extra: true } : {}),
        ...(r.aliases ? { aliases: r.aliases } : {}),
      }));
  const shape = fc.record({
    points: fc.integer({ min: 1, max: 50 }),
    children: fc.array(fc.integer({ min: 1, max: 30 }), { maxLength: 3 }),
  });
  return fc
    .record({
      labelZh: label,
      labelEn: label,
      shapes: fc.array(shape, { minLength: 1, maxLength: 4 }),
      extra: opt(fc.integer({ min: 1, max: 20 })),
      // Per class: a top-level item not assessed, and other leaves with their own points.
      skips: fc.array(
        fc.record({
          at: fc.nat(),
          points: fc.array(fc.option(fc.integer({ min: 1, max: 60 }), { nil: null })),
        }),
        { maxLength: classes.length, minLength: classes.length },
      ),
    })
    .chain((l) => {
      const item = (s: Shape) =>
        s.children.length === 0
          ? leaf(s.points, false)
          : fc
              .record({
                labelZh: label,
                labelEn: label,
                kids: fc.tuple(...s.children.map((p) => leaf(p, false))),
              })
              .map((p): SchemeItem => ({
                code: codes(),
                labelZh: p.labelZh,
                labelEn: p.labelEn,
                points: s.children.reduce((a, b) => a + b, 0),
                children: p.kids,
              }));
      return fc
        .tuple(
          fc.tuple(...l.shapes.map(item)),
          l.extra === undefined ? fc.constant(undefined) : leaf(l.extra, true),
        )
        .map(([items, extra]) => {
          let top: SchemeItem[] = [...items];
          classes.forEach((c, ci) => {
            const skip = l.skips[ci];
            if (!skip) return;
            const key = String(c.code);
            const at = skip.at % top.length;
            // Not assessed for this class on one top-level item; then the others may differ freely.
            const withPoints = (it: SchemeItem, p: number | null): SchemeItem => ({
              ...it,
              classPoints: { ...(it.classPoints ?? {}), [key]: p },
            });
            let k = 0;
            const walk = (it: SchemeItem): SchemeItem => {
              if (it.children) return { ...it, children: it.children.map(walk) };
              const p = skip.points[k++];
              return p === undefined || p === null ? it : withPoints(it, p);
            };
            top = top.map((it, i) => (i === at ? withPoints(it, null) : walk(it)));
          });
          const points = top.reduce((s, it) => s + it.points, 0);
          return {
            code: codes(),
            labelZh: l.labelZh,
            labelEn: l.labelEn,
            points,
            items: extra ? [...top, extra] : top,
          };
        });
    });
}

function leavesOf(items: readonly SchemeItem[]): string[] {
  return items.flatMap((it) => (it.children ? [it.code, ...leavesOf(it.children)] : [it.code]));
}

const schemeArb: fc.Arbitrary<Scheme> = fc
  .record({
    pool: fc.uniqueArray(code, { minLength: 60, maxLength: 60 }),
    classes: classesArb,
    department: fc.boolean(),
    unitLines: fc.integer({ min: 1, max: 3 }),
    deptLines: fc.integer({ min: 1, max: 3 }),
  })
  .chain(({ pool, classes, department, unitLines, deptLines }) => {
    let next = 0;
    const codes = () => pool[next++ % pool.length] as string;
    const kindRest = (n: number) =>
      fc.record({
        labelZh: label,
        labelEn: label,
        sheet: fc.constantFrom('乡镇台账', '区台账', 'Sheet A'),
        weights: opt(fc.array(fc.integer({ min: 1, max: 9 }), { minLength: n, maxLength: n })),
        bonusCap: opt(fc.integer({ min: 0, max: 50 })),
        unassessed: opt(fc.constantFrom('prorate' as const, 'drop' as const)),
      });
    return fc
      .record({
        meta: fc.record({ id: code, nameZh: label, nameEn: label }),
        unitKind: fc.record({
          code,
          rest: kindRest(unitLines),
          lines: fc.tuple(...Array.from({ length: unitLines }, () => lineArb(codes, classes))),
        }),
        deptKind: department
          ? fc
              .record({
                code,
                rest: kindRest(deptLines),
                lines: fc.tuple(...Array.from({ length: deptLines }, () => lineArb(codes, []))),
              })
              .map((d) => d as typeof d | undefined)
          : fc.constant(undefined),
        vetoes: fc.array(
          fc.record({
            labelZh: label,
            labelEn: label,
            pick: fc.array(fc.nat(), { minLength: 1, maxLength: 3 }),
            direction: fc.constantFrom('>=' as const, '<=' as const),
            target: targetArb(classes),
            unit: fc.constantFrom('%' as const, '‰' as const),
            effect: opt(fc.constantFrom('exclude' as const, 'zero' as const)),
          }),
          { maxLength: 2 },
        ),
        flags: opt(
          fc.record({
            topN: fc.integer({ min: 0, max: 5 }),
            bottomN: fc.integer({ min: 0, max: 5 }),
            last: fc.boolean(),
          }),
        ),
      })
      .map((g): Scheme => {
        const kind = (
          k: NonNullable<typeof g.deptKind>,
          role: 'unit' | 'department',
          cls: readonly ClassDef[],
        ): UnitKind => {
          const w = k.rest.weights;
          const sum = w ? w.reduce((a, b) => a + b, 0) : 1;
          const weights = w
            ? Object.fromEntries(k.lines.map((l, i) => [l.code, (w[i] as number) / sum]))
            : undefined;
          const total =
            weights || k.rest.bonusCap !== undefined
              ? {
                  ...(weights ? { weights } : {}),
                  ...(k.rest.bonusCap !== undefined ? { bonusCap: k.rest.bonusCap } : {}),
                }
              : undefined;
          return {
            code: k.code,
            role,
            labelZh: k.rest.labelZh,
            labelEn: k.rest.labelEn,
            sheet: k.rest.sheet,
            lines: k.lines.map((l) => l.code),
            ...(total ? { total } : {}),
            ...(cls.length > 0 ? { classes: cls } : {}),
            ...(k.rest.unassessed ? { unassessed: k.rest.unassessed } : {}),
          };
        };
        const dept = g.deptKind && g.deptKind.code !== g.unitKind.code ? g.deptKind : undefined;
        const kinds = [
          kind(g.unitKind, 'unit', classes),
          ...(dept ? [kind(dept, 'department', [])] : []),
        ];
        const unitItems = g.unitKind.lines.flatMap((l) => leavesOf(l.items));
        const vetoes: VetoRule[] = g.vetoes.map((v) => ({
          code: codes(),
          labelZh: v.labelZh,
          labelEn: v.labelEn,
          indicators: [...new Set(v.pick.map((i) => unitItems[i % unitItems.length] as string))],
          direction: v.direction,
          defaultTarget: v.target.value,
          ...(v.target.byClass ? { targetsByClass: v.target.byClass } : {}),
          ...(v.target.byUnit ? { targetsByUnit: v.target.byUnit } : {}),
          unit: v.unit,
          ...(v.effect ? { effect: v.effect } : {}),
        }));
        return {
          id: g.meta.id,
          nameZh: g.meta.nameZh,
          nameEn: g.meta.nameEn,
          kinds,
          lines: [...g.unitKind.lines, ...(dept?.lines ?? [])],
          vetoes,
          adjustments: [],
          ...(g.flags ? { flags: g.flags } : {}),
        };
      });
  });

describe('方案 round trip (property)', () => {
  it('generated schemes are valid (the generator is what it claims)', () => {
    fc.assert(
      fc.property(schemeArb, (s) => {
        expect(validateScheme(s)).toEqual([]);
      }),
      { seed: 1111, numRuns: 100 },
    );
  });

  it.each(['zh', 'en'] as const)(
    'schemeRows then readScheme gives the scheme back, no findings (%s)',
    (lang) => {
      fc.assert(
        fc.property(schemeArb, (s) => {
          const got = readScheme({ name: '方案', values: schemeRows(s, 2024, lang) });
          expect(got.findings).toEqual([]);
          expect(got.scheme).toEqual(s);
          expect(got.year).toBe(2024);
        }),
        { seed: 1111, numRuns: 100 },
      );
    },
  );
});
