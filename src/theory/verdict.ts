/**
 * The result of every theory check (style.md §6): a violated claim is data, not an exception.
 * Convention: `margin` is positive when the claim is satisfied, whatever the direction of the
 * inequality (`relation`): for `lhs >= rhs` it is `lhs − rhs`, for `lhs <= rhs` it is `rhs − lhs`.
 * `holds` ⇔ `margin >= −tolerance`.
 */

/** A verdict on a claim that could be evaluated. */
export interface DecidedVerdict {
  readonly status: 'holds' | 'violated';
  readonly lhs: number;
  readonly rhs: number;
  /** Signed slack: positive when satisfied (see file header). */
  readonly margin: number;
  readonly relation: '>=' | '<=';
  /** Allowed negative margin (numerical tolerance) that still counts as `holds`. */
  readonly tolerance: number;
  /** Plain-JSON details (worst case, statistics, norms used, ...). */
  readonly details: Readonly<Record<string, unknown>>;
  /** For violations: the smallest counterexample found (fast-check shrunk), as plain data. */
  readonly counterexample?: unknown;
}

/** A claim whose assumptions fail, or whose numbers are not finite. */
export interface InapplicableVerdict {
  readonly status: 'inapplicable';
  readonly reason: string;
  readonly details?: Readonly<Record<string, unknown>>;
}

/** `holds` | `violated` (with lhs, rhs, margin) | `inapplicable` (with the reason). */
export type Verdict = DecidedVerdict | InapplicableVerdict;

/** Inputs of `decide`. */
export interface DecideInput {
  readonly lhs: number;
  readonly rhs: number;
  readonly relation: '>=' | '<=';
  readonly tolerance?: number;
  readonly details?: Readonly<Record<string, unknown>>;
  readonly counterexample?: unknown;
}

/** Build a verdict from the two sides of an inequality; non-finite sides give `inapplicable`. */
export function decide(input: DecideInput): Verdict {
  const { lhs, rhs, relation } = input;
  const tolerance = input.tolerance ?? 0;
  if (!Number.isFinite(lhs) || !Number.isFinite(rhs)) {
    return { status: 'inapplicable', reason: `non-finite side (lhs ${lhs}, rhs ${rhs})`, details: input.details };
  }
  const margin = relation === '>=' ? lhs - rhs : rhs - lhs;
  const status = margin >= -tolerance ? 'holds' : 'violated';
  const base = { status, lhs, rhs, margin, relation, tolerance, details: input.details ?? {} } as const;
  return status === 'violated' && input.counterexample !== undefined ? { ...base, counterexample: input.counterexample } : base;
}

/** An `inapplicable` verdict with its reason. */
export function inapplicable(reason: string, details?: Readonly<Record<string, unknown>>): InapplicableVerdict {
  return details === undefined ? { status: 'inapplicable', reason } : { status: 'inapplicable', reason, details };
}

/** Throw unless the verdict holds (tests and laws only). */
export function assertHolds(v: Verdict, what = 'verdict'): void {
  if (v.status !== 'holds') {
    const why = v.status === 'inapplicable' ? v.reason : `lhs ${v.lhs} ${v.relation} rhs ${v.rhs} fails (margin ${v.margin})`;
    throw new Error(`${what}: expected holds, got ${v.status}: ${why}`);
  }
}
