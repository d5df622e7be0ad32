import type { AdjustmentInput, AdjustmentRule, LineCode, Scheme, SchemeItem, SchemeLine, VetoRule } from '../types';

/** Lookup tables over a scheme, built once and reused by scoring and readers. */
export interface SchemeIndex {
  readonly scheme: Scheme;
  /** Every item by code, with its line and parent. */
  readonly items: ReadonlyMap<string, { item: SchemeItem; line: LineCode; parent: string | null }>;
  /** Leaf items of a line, in scheme order. */
  leaves(line: LineCode): readonly SchemeItem[];
  line(line: LineCode): SchemeLine | undefined;
  readonly vetoes: readonly VetoRule[];
  readonly adjustmentInputs: ReadonlyMap<string, { rule: AdjustmentRule; input: AdjustmentInput }>;
}

const cache = new WeakMap<Scheme, SchemeIndex>();

/**
 * Indexes a scheme (memoised per scheme object).
 * @example indexScheme(DEFAULT_SCHEME).leaves('P').map((i) => i.code) // ['P1','P2','P3.1',…]
 */
export function indexScheme(scheme: Scheme): SchemeIndex {
  const hit = cache.get(scheme);
  if (hit) return hit;
  const items = new Map<string, { item: SchemeItem; line: LineCode; parent: string | null }>();
  const leavesByLine = new Map<LineCode, SchemeItem[]>();
  const walk = (list: readonly SchemeItem[], line: LineCode, parent: string | null, out: SchemeItem[]) => {
    for (const it of list) {
      if (!items.has(it.code)) items.set(it.code, { item: it, line, parent });
      if (it.children && it.children.length > 0) walk(it.children, line, it.code, out);
      else out.push(it);
    }
  };
  for (const l of scheme.lines) {
    const out: SchemeItem[] = [];
    walk(l.items, l.code, null, out);
    leavesByLine.set(l.code, out);
  }
  const adjustmentInputs = new Map<string, { rule: AdjustmentRule; input: AdjustmentInput }>();
  for (const rule of scheme.adjustments) {
    for (const input of rule.inputs) if (!adjustmentInputs.has(input.code)) adjustmentInputs.set(input.code, { rule, input });
  }
  const index: SchemeIndex = {
    scheme,
    items,
    leaves: (line) => leavesByLine.get(line) ?? [],
    line: (code) => scheme.lines.find((l) => l.code === code),
    vetoes: scheme.vetoes,
    adjustmentInputs,
  };
  cache.set(scheme, index);
  return index;
}
