/**
 * Correctness side of the `theory-lemma1` PyTorch comparison: tools/bench-torch.py measures every
 * exported case once outside its timed loop (e, relDiff, κ, and ‖r_torch − r_js‖∞/‖r_js‖∞ with
 * r = f(x0) rebuilt from the exported parameters); this pairs those with the JS measurement.
 */
import type { Lemma1ExportedCase } from './lemma1Cases.js';

/** PyTorch's measurement of one exported case (same order as the cases file). */
export type TorchLemma1Check =
  | { readonly e: number; readonly relDiff: number; readonly kappa: number; readonly rRelErr: number; readonly lhsMethod: string }
  | { readonly skipped: string; readonly rRelErr?: number };

/** Relative agreement asked of e, relDiff and κ when they are above rounding level. */
export const LEMMA1_AGREE_REL = 1e-8;
/** Largest ‖r_torch − r_js‖∞/‖r_js‖∞ accepted: the rebuilt f must match to rounding. */
export const LEMMA1_R_REL = 1e-12;

/** One case of the agreement table. */
export interface Lemma1AgreementRow {
  readonly index: number;
  readonly family: string;
  readonly dim: number;
  readonly lhsMethod: string;
  readonly js: { readonly e: number; readonly relDiff: number; readonly kappa: number } | string;
  readonly torch: { readonly e: number; readonly relDiff: number; readonly kappa: number } | string;
  readonly rRelErr: number;
  /** Both skipped for the same reason, or: r matches, κ agrees, and e and relDiff each agree or are both ≤ the case's pass threshold. */
  readonly agree: boolean;
}

const close = (a: number, b: number, tiny: number): boolean => Math.abs(a - b) <= LEMMA1_AGREE_REL * Math.max(Math.abs(a), Math.abs(b)) || Math.max(a, b) <= tiny;

/**
 * Pair the JS and PyTorch measurements case by case.
 * @throws Error when the lists differ in length (the script did not read the same file).
 */
export function lemma1Agreement(cases: readonly Lemma1ExportedCase[], torch: readonly TorchLemma1Check[]): Lemma1AgreementRow[] {
  if (cases.length !== torch.length) throw new Error(`lemma1Agreement: ${torch.length} PyTorch checks for ${cases.length} cases (expected one per case)`);
  return cases.map((c, index) => {
    const t = torch[index];
    const rRelErr = t.rRelErr ?? NaN;
    const base = { index, family: c.spec.family, dim: c.spec.dim, rRelErr };
    if ('skipped' in c.js || 'skipped' in t) {
      const js = 'skipped' in c.js ? c.js.skipped : c.js;
      const tt = 'skipped' in t ? t.skipped : t;
      return { ...base, lhsMethod: '-', js, torch: tt, agree: typeof js === 'string' && js === tt };
    }
    const j = c.js;
    const agree = rRelErr <= LEMMA1_R_REL && close(j.kappa, t.kappa, 0) && close(j.e, t.e, j.threshold) && close(j.relDiff, t.relDiff, j.threshold) && j.lhsMethod === t.lhsMethod;
    return { ...base, lhsMethod: j.lhsMethod, js: { e: j.e, relDiff: j.relDiff, kappa: j.kappa }, torch: { e: t.e, relDiff: t.relDiff, kappa: t.kappa }, agree };
  });
}

/**
 * One line per case for the log.
 * @returns text lines (header first).
 */
export function formatLemma1Agreement(rows: readonly Lemma1AgreementRow[]): string[] {
  const g = (v: number): string => v.toExponential(2);
  const m = (x: Lemma1AgreementRow['js']): string => (typeof x === 'string' ? `skipped (${x})` : `e ${g(x.e)} relDiff ${g(x.relDiff)} κ ${g(x.kappa)}`);
  return [
    `theory-lemma1 JS vs PyTorch: ${rows.filter((r) => r.agree).length}/${rows.length} cases agree`,
    ...rows.map((r) => `  #${r.index} ${r.family} d=${r.dim} ${r.lhsMethod}: js ${m(r.js)} | torch ${m(r.torch)} | r rel.err ${g(r.rRelErr)} ${r.agree ? 'ok' : 'DIFFERS'}`),
  ];
}
